"""Writes of lead lists: saving a search or picked customers as a list, and working its entries."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bankcrm.text_rules import name_key
from customers.selectors import customers_visible_to
from leads.models import EntryStatus, LeadList, LeadListEntry
from leads.selectors import customers_in_view
from search.selectors import SearchOutcome, search_customers

MAX_LIST_CUSTOMERS = 10_000
NAME_UNIQUE = "leads_list_name_unique_per_owner"


class CustomerNotInBook(Exception):
    """A customer id that is not in the caller's book (or does not exist: the caller cannot tell)."""

    def __init__(self, customer_id: int):
        super().__init__(f"No customer {customer_id} in your book.")
        self.customer_id = customer_id


def name_taken_message(name: str) -> str:
    return f"You already have a list named “{name}”."


EARLIEST_CONTACT_DATE = datetime.date(2000, 1, 1)
CONTACT_YEARS_AHEAD = 10


def next_contact_date_in_range(value: datetime.date | None) -> None:
    """A Django validator: a next contact before 2000 or over ten years ahead is a typo
    ("2062" for "2026"), and would sort a list's follow-ups into nonsense."""
    if value is None:
        return
    today = timezone.localdate()
    try:
        latest = today.replace(year=today.year + CONTACT_YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + CONTACT_YEARS_AHEAD, day=28)
    if not EARLIEST_CONTACT_DATE <= value <= latest:
        raise ValidationError(
            f"Give a date from {EARLIEST_CONTACT_DATE.isoformat()} to {latest.isoformat()}.",
            code="date_out_of_range",
        )


NOTHING_FOUND = "This question finds no customer in your book; nothing saved."


def check_name_free(*, owner, name: str) -> None:
    """A ``ValidationError`` on ``name`` when the owner has a list of that name as a reader sees
    it (any case, any width, invisible characters ignored: ``text_rules.name_key``)."""
    key = name_key(name)
    if any(
        name_key(taken) == key
        for taken in LeadList.objects.filter(owner=owner).values_list("name", flat=True)
    ):
        raise ValidationError({"name": name_taken_message(name)})


def lead_list_create(
    *,
    owner,
    name: str,
    customer_ids: Sequence[int],
    query: str = "",
    interpretation: Mapping | None = None,
    filters: Mapping | None = None,
) -> LeadList:
    """A list of ``customer_ids`` in that order, every one in ``owner``'s book, else nothing.

    Raises ``CustomerNotInBook`` for the first id outside the book, and a ``ValidationError`` on
    ``name`` when the owner already has a list of that name (also when two saves race).
    """
    ids = list(dict.fromkeys(customer_ids))
    visible = set(customers_visible_to(owner).filter(pk__in=ids).values_list("pk", flat=True))
    for customer_id in ids:
        if customer_id not in visible:
            raise CustomerNotInBook(customer_id)
    check_name_free(owner=owner, name=name)
    try:
        with transaction.atomic():
            lead_list = LeadList.objects.create(
                owner=owner,
                name=name,
                query=query,
                interpretation=dict(interpretation) if interpretation is not None else None,
                filters=dict(filters or {}),
            )
            LeadListEntry.objects.bulk_create(
                [
                    LeadListEntry(lead_list=lead_list, customer_id=customer_id, position=position)
                    for position, customer_id in enumerate(ids, start=1)
                ],
                batch_size=2000,
            )
    except IntegrityError as error:
        if getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") == NAME_UNIQUE:
            raise ValidationError({"name": name_taken_message(name)}) from error
        raise
    return lead_list


def lead_list_from_search(
    *,
    owner,
    name: str,
    query: str,
    filters: Mapping | None = None,
    limit: int = 20,
    parse: bool = True,
    ignore: Iterable[str] = (),
) -> tuple[LeadList, SearchOutcome]:
    """Run the search as ``owner`` and save its results, best first, with its interpretation.

    Raises ``customers.selectors.InvalidFilters`` for bad filters; the name is checked first, so
    that a taken name does not cost a search.
    """
    check_name_free(owner=owner, name=name)
    ignore = list(ignore)
    outcome = search_customers(
        user=owner, query=query, filters=filters, limit=limit, parse=parse, ignore=ignore
    )
    lead_list = lead_list_save_outcome(
        owner=owner,
        name=name,
        outcome=outcome,
        filters={
            **(filters or {}),
            **({"ignore": ignore} if ignore else {}),
            **({} if parse else {"parse": False}),
        },
    )
    return lead_list, outcome


def lead_list_save_outcome(*, owner, name: str, outcome: SearchOutcome, filters: Mapping) -> LeadList:
    """A search already run (the page's) saved as a list, in its order. A search that found no
    one is not saved: an empty list is work for nobody (a ``ValidationError`` on ``query``)."""
    if not outcome.results:
        raise ValidationError({"query": NOTHING_FOUND})
    return lead_list_create(
        owner=owner,
        name=name,
        customer_ids=[r.customer.pk for r in outcome.results],
        query=outcome.interpretation.query,
        interpretation=outcome.interpretation.as_dict(),
        filters=filters,
    )


def entry_update(*, entry: LeadListEntry, data: Mapping[str, Any]) -> list[str]:
    """Set ``status``, ``note`` and ``next_contact_date`` from ``data``; the names of those changed.

    A changed note is dated today; a cleared one loses its date.
    """
    changed = [name for name in ("status", "note", "next_contact_date") if name in data]
    changed = [name for name in changed if getattr(entry, name) != data[name]]
    for name in changed:
        setattr(entry, name, data[name])
    if "note" in changed:
        entry.note_date = timezone.localdate() if entry.note else None
        changed.append("note_date")
    if changed:
        entry.save(update_fields=[*changed, "updated_at"])
    return changed


def entries_set_status(*, lead_list: LeadList, user, customer_ids: Sequence[int], status: EntryStatus) -> int:
    """Give every listed customer's entry ``status``, or none of them.

    Raises ``CustomerNotInBook`` for the first id that is not on the list in the book (one that
    left the book cannot be worked). Returns how many entries changed.
    """
    ids = list(dict.fromkeys(customer_ids))
    with transaction.atomic():
        entries = LeadListEntry.objects.select_for_update().filter(
            lead_list=lead_list,
            customer_id__in=ids,
            customer__in=customers_in_view(lead_list=lead_list, user=user),
        )
        found = set(entries.values_list("customer_id", flat=True))
        for customer_id in ids:
            if customer_id not in found:
                raise CustomerNotInBook(customer_id)
        return entries.exclude(status=status).update(status=status, updated_at=timezone.now())
