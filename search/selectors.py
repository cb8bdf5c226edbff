"""Finding customers: the one search function behind the API and the pages."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import QueryDict

from customers.embeddings import encode_query
from customers.models import Customer
from customers.selectors import customer_list, customers_visible_to
from search.ranking import nearest_customers

MAX_QUERY_LENGTH = 1000
MAX_LIMIT = 100


@dataclass(frozen=True)
class SearchResult:
    customer: Customer
    score: float


class NotEmbedded(Exception):
    """The customer has no embedding yet, so nothing can be similar to it."""


def search_customers(
    *, user, query: str, filters: QueryDict | Mapping | None = None, limit: int = 10
) -> list[SearchResult]:
    """Customers visible to ``user`` that pass ``filters``, best match to ``query`` first.

    Raises ``customers.selectors.InvalidFilters`` for bad filters.
    """
    queryset = customer_list(user=user, filters=filters, allowed_extra=())
    vector = encode_query(query)
    return [SearchResult(c, score) for c, score in nearest_customers(queryset, vector, limit)]


def similar_customers(*, user, customer: Customer, limit: int = 10) -> list[SearchResult]:
    """The customers most like ``customer`` (by profile embedding), excluding itself."""
    if customer.embedding is None:
        raise NotEmbedded(f"Customer {customer.pk} has no embedding yet ({customer.embedding_status}).")
    queryset = customers_visible_to(user).exclude(pk=customer.pk)
    return [SearchResult(c, score) for c, score in nearest_customers(queryset, customer.embedding, limit)]
