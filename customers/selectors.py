"""Reads of the customer book."""

from collections.abc import Iterable, Mapping

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from customers.access import book_q
from customers.filters import PAGINATION_PARAMS, CustomerFilter, filters_to_querydict
from customers.models import Customer


class InvalidFilters(Exception):
    """Filter input that does not validate; ``errors`` maps each filter name to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def customers_visible_to(user) -> QuerySet[Customer]:
    """The customers ``user`` (a user or a service token's principal) may see; see ``customers.access``."""
    book = book_q(user)
    customers = Customer.objects.select_related("relationship_manager")
    return customers if book is None else customers.filter(book)


def customer_list(
    *, user, filters: QueryDict | Mapping | None = None, allowed_extra: Iterable[str] = PAGINATION_PARAMS
) -> QuerySet[Customer]:
    """The visible customers narrowed by ``filters``; raises ``InvalidFilters``.

    ``allowed_extra`` names parameters that may accompany the filters (pagination, a query).
    """
    queryset = customers_visible_to(user)
    if not filters:
        return queryset
    if not isinstance(filters, QueryDict):
        try:
            filters = filters_to_querydict(filters)
        except forms.ValidationError as error:
            raise InvalidFilters(error.message_dict) from error
    filterset = CustomerFilter(data=filters, queryset=queryset, allowed_extra=frozenset(allowed_extra))
    if not filterset.is_valid():
        raise InvalidFilters({name: list(messages) for name, messages in filterset.errors.items()})
    return filterset.qs
