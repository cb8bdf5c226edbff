"""Reads of lead lists: whose lists a user sees, their entries as that user may see them, progress.

A list is its owner's. A team lead also sees the lists of every member of the teams they lead;
nobody else does (compliance reviews lists through the audit trail, not here). An entry is shown
with its customer only while that customer is in the owner's book and the viewer's: otherwise it
is "no longer in your book", with nothing about the customer.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from customers.access import ServicePrincipal
from customers.models import Customer
from customers.selectors import customers_visible_to
from leads.models import EntryStatus, LeadList, LeadListEntry

LEFT_THE_BOOK = "No longer in your book"
READ_ONLY = "Only the list's owner works it; you may read it."


def _is_person(user) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and not isinstance(user, ServicePrincipal)
    )


def lead_lists_visible_to(user) -> QuerySet[LeadList]:
    """The user's own lists and those of the members of the teams they lead, newest first."""
    if not _is_person(user):
        return LeadList.objects.none()
    owners = get_user_model().objects.filter(Q(pk=user.pk) | Q(teams__leads=user)).values("pk")
    return LeadList.objects.filter(owner__in=owners).select_related("owner")


def may_change(*, lead_list: LeadList, user) -> bool:
    """Only the owner works their list; a team lead reads it."""
    return _is_person(user) and lead_list.owner_id == user.pk


def lead_list_for(*, user, pk: int, to_change: bool = False) -> LeadList:
    """The list ``pk`` for the API and the pages alike: Http404 when ``user`` does not see it;
    with ``to_change``, PermissionDenied when they may only read it (a team lead)."""
    lead_list = get_object_or_404(lead_lists_visible_to(user), pk=pk)
    if to_change and not may_change(lead_list=lead_list, user=user):
        raise PermissionDenied(READ_ONLY)
    return lead_list


def customers_in_view(*, lead_list: LeadList, user) -> QuerySet[Customer]:
    """The customers that the list's entries may show to ``user``: in the owner's book and theirs."""
    owners_book = customers_visible_to(lead_list.owner)
    if lead_list.owner_id == getattr(user, "pk", None):
        return owners_book
    return owners_book.filter(pk__in=customers_visible_to(user).values("pk"))


@dataclass(frozen=True)
class EntryView:
    """An entry as the viewer may see it: ``customer`` is None when it left the book."""

    entry: LeadListEntry
    customer: Customer | None

    @property
    def in_book(self) -> bool:
        return self.customer is not None

    @property
    def customer_id(self) -> int | None:
        return self.customer.pk if self.customer is not None else None


def entry_views(*, lead_list: LeadList, user, entries: Sequence[LeadListEntry]) -> list[EntryView]:
    """``entries`` with their customers loaded only where ``user`` may see them (one query)."""
    ids = [e.customer_id for e in entries if e.customer_id is not None]
    customers = {
        c.pk: c
        for c in customers_in_view(lead_list=lead_list, user=user)
        .filter(pk__in=ids)
        .defer("embedding", "embedding_b", "search_document")
    }
    return [EntryView(entry=e, customer=customers.get(e.customer_id)) for e in entries]


def list_entries(*, lead_list: LeadList) -> QuerySet[LeadListEntry]:
    """The entries in the list's order; slice it for a page, then pass it to ``entry_views``."""
    return LeadListEntry.objects.filter(lead_list=lead_list).order_by("position")


def entry_in_view(*, lead_list: LeadList, user, customer_id: int) -> LeadListEntry | None:
    """The list's entry for ``customer_id`` while that customer is in the book; else None."""
    return (
        list_entries(lead_list=lead_list)
        .filter(customer_id=customer_id, customer__in=customers_in_view(lead_list=lead_list, user=user))
        .first()
    )


@dataclass(frozen=True)
class ListProgress:
    """How far the owner has worked a list. Counts are over the entries still in the book:
    an entry that left it can no longer be worked. ``called`` is every entry past ``to_call``."""

    lead_list: LeadList
    entries: int
    left_book: int
    by_status: dict[str, int]

    @property
    def in_book(self) -> int:
        return self.entries - self.left_book

    @property
    def called(self) -> int:
        return self.in_book - self.by_status[EntryStatus.TO_CALL]

    @property
    def converted(self) -> int:
        return self.by_status[EntryStatus.CONVERTED]

    def as_dict(self) -> dict:
        return {
            "entries": self.entries,
            "in_book": self.in_book,
            "left_book": self.left_book,
            "called": self.called,
            "converted": self.converted,
            "by_status": dict(self.by_status),
        }


def list_progress(*, lead_list: LeadList, user) -> ListProgress:
    """One query: the list's entries counted by status, among those still in the book."""
    in_book = Q(customer__in=customers_in_view(lead_list=lead_list, user=user))
    counts = LeadListEntry.objects.filter(lead_list=lead_list).aggregate(
        entries=Count("id"),
        in_book=Count("id", filter=in_book),
        **{status: Count("id", filter=in_book & Q(status=status)) for status in EntryStatus.values},
    )
    return ListProgress(
        lead_list=lead_list,
        entries=counts["entries"],
        left_book=counts["entries"] - counts["in_book"],
        by_status={status: counts[status] for status in EntryStatus.values},
    )


def lead_list_progress(user) -> list[ListProgress]:
    """Progress of every list ``user`` sees, newest first: for a "My book" page or a dashboard."""
    return [list_progress(lead_list=lead_list, user=user) for lead_list in lead_lists_visible_to(user)]
