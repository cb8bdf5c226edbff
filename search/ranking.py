"""Ordering customers for a question: vector similarity, full-text rank and named interests.

The shape follows pgvector-python's ``examples/hybrid_search/rrf.py``: a semantic list (cosine
distance on the HNSW index) and a keyword list (PostgreSQL full-text rank over the profile text,
which holds the RM's notes) are fused by reciprocal rank. Interests the question names come first:
customers with all of them, then with any, then the rest, each tier ranked by the fusion.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from pgvector.django import CosineDistance

from customers.models import Customer

RRF_K = 60
CANDIDATES = 40
TEXT_SEARCH_CONFIG = "english"


@dataclass(frozen=True)
class Ranked:
    customer_id: int
    score: float
    similarity: float | None


def nearest_ids(queryset: QuerySet[Customer], vector, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` ids of ``queryset`` closest to ``vector``, with cosine similarity.

    The HNSW index answers with pgvector's iterative scan, which keeps walking the graph until
    the filters have let ``limit`` rows through. It still gives up after
    ``hnsw.max_scan_tuples``; when it returns short, an exact scan over the filtered rows
    answers instead, so a filter never hides a customer that exists.
    """
    ranked = (
        queryset.filter(embedding__isnull=False)
        .annotate(distance=CosineDistance("embedding", vector))
        .order_by("distance")
        .values_list("pk", "distance")
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
    return [(pk, 1.0 - float(distance)) for pk, distance in rows]


def nearest_customers(queryset: QuerySet[Customer], vector, limit: int) -> list[tuple[Customer, float]]:
    """Like ``nearest_ids``, with the customers loaded, best first."""
    hits = nearest_ids(queryset, vector, limit)
    customers = queryset.in_bulk([pk for pk, _ in hits])
    return [(customers[pk], similarity) for pk, similarity in hits]


def keyword_query(words: list[str]) -> SearchQuery | None:
    """Any of ``words``, stemmed; ``None`` when there is nothing to look for."""
    query = None
    for word in words:
        part = SearchQuery(word, search_type="plain", config=TEXT_SEARCH_CONFIG)
        query = part if query is None else query | part
    return query


def keyword_ids(queryset: QuerySet[Customer], query: SearchQuery, limit: int) -> list[int]:
    """The ``limit`` ids whose profile text best matches ``query`` (cover density rank)."""
    return list(
        queryset.filter(search_document=query)
        .annotate(rank=SearchRank(F("search_document"), query, cover_density=True))
        .order_by("-rank", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def fuse(*ranked_lists: list[int], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the lists an id appears in."""
    scores: dict[int, float] = {}
    for ids in ranked_lists:
        for rank, pk in enumerate(ids, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def interest_tiers(groups: list[list[str]]) -> list[tuple[Q, float]]:
    """Filters for "all named interests", "any of them" and "none", with each tier's base score."""
    if not groups:
        return [(Q(), 0.0)]
    has = [Q(interests__overlap=group) for group in groups]
    all_q = Q()
    any_q = Q(pk__in=[])
    for q in has:
        all_q &= q
        any_q |= q
    if len(groups) == 1:
        return [(all_q, 1.0), (~all_q, 0.0)]
    return [(all_q, 1.0), (any_q & ~all_q, 0.5), (~any_q, 0.0)]


def hybrid_rank(
    queryset: QuerySet[Customer],
    *,
    vector,
    keywords: SearchQuery | None,
    interest_groups: list[list[str]],
    limit: int,
) -> list[Ranked]:
    """The best ``limit`` customers of ``queryset``; ``score`` grows with rank.

    A result's score is its tier's base (1 for every named interest, 0.5 for some, 0 for none)
    plus its fused rank score, so scores fall down the list.
    """
    results: list[Ranked] = []
    candidates = max(CANDIDATES, limit)
    for tier_q, base in interest_tiers(interest_groups):
        need = limit - len(results)
        if need <= 0:
            break
        tier = queryset.filter(tier_q)
        semantic = nearest_ids(tier, vector, candidates)
        similarity = dict(semantic)
        keyword = keyword_ids(tier, keywords, candidates) if keywords is not None else []
        for pk, fused in fuse([pk for pk, _ in semantic], keyword)[:need]:
            results.append(Ranked(pk, base + fused, similarity.get(pk)))
    return results
