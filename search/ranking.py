"""Ranking customers by vector similarity in PostgreSQL (pgvector)."""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from pgvector.django import CosineDistance

from customers.models import Customer


def nearest_customers(queryset: QuerySet[Customer], vector, limit: int) -> list[tuple[Customer, float]]:
    """The ``limit`` customers of ``queryset`` closest to ``vector``, with cosine similarity.

    The HNSW index answers with pgvector's iterative scan, which keeps walking the graph until
    the filters have let ``limit`` rows through. It still gives up after
    ``hnsw.max_scan_tuples``; when it returns short, an exact scan over the filtered rows
    answers instead, so a filter never hides a customer that exists.
    """
    ranked = (
        queryset.filter(embedding__isnull=False)
        .annotate(distance=CosineDistance("embedding", vector))
        .order_by("distance")
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL hnsw.iterative_scan = strict_order")
        cursor.execute(f"SET LOCAL hnsw.ef_search = {int(settings.SEARCH_HNSW_EF_SEARCH)}")
        rows = list(ranked[:limit])
        if len(rows) < limit:
            cursor.execute("SET LOCAL enable_indexscan = off")
            rows = list(ranked[:limit])
            # SET LOCAL outlives a savepoint; undo it for an enclosing transaction.
            cursor.execute("SET LOCAL enable_indexscan = on")
    return [(customer, 1.0 - float(customer.distance)) for customer in rows]
