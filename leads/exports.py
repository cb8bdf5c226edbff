"""A lead list as a CSV call sheet: written through ``bankcrm.safe_csv``, PII masked as in the API."""

from bankcrm import exports, safe_csv
from customers.apis import can_see_pii
from customers.serializers import CustomerOutputSerializer
from leads.models import LeadList
from leads.selectors import LEFT_THE_BOOK, entry_views, list_entries

CUSTOMER_COLUMNS = [
    "id", "external_id", "first_name", "last_name", "email", "phone", "age", "city", "state",
    "occupation", "segment", "preferred_channel", "products",
]  # fmt: skip
ENTRY_COLUMNS = ["position", "in_book", "label", "status", "note", "note_date", "next_contact_date"]
COLUMNS = [*ENTRY_COLUMNS, *CUSTOMER_COLUMNS]
CHUNK = 1000


def lead_list_csv(*, lead_list: LeadList, user) -> tuple[exports.ExportFile, list[int]]:
    """The list in order, and the ids of the customers written (for the audit trail).

    An entry whose customer left the book is a row saying ``no`` and the label, nothing else about it.
    """
    out = exports.ExportFile()
    writer = safe_csv.writer(out)
    writer.writerow(COLUMNS)
    rows = CustomerOutputSerializer(context={"show_pii": can_see_pii(user)})
    written: list[int] = []
    entries = list_entries(lead_list=lead_list)
    for start in range(0, entries.count(), CHUNK):
        for view in entry_views(lead_list=lead_list, user=user, entries=entries[start : start + CHUNK]):
            entry = view.entry
            if view.customer is None:
                writer.writerow([entry.position, "no", LEFT_THE_BOOK] + [""] * (len(COLUMNS) - 3))
                continue
            written.append(view.customer.pk)
            data = rows.to_representation(view.customer)
            data["products"] = ";".join(data["products"])
            writer.writerow(
                [
                    entry.position,
                    "yes",
                    "",
                    entry.status,
                    entry.note,
                    entry.note_date.isoformat() if entry.note_date else "",
                    entry.next_contact_date.isoformat() if entry.next_contact_date else "",
                ]
                + [data[name] for name in CUSTOMER_COLUMNS]
            )
    return out, written


def export_filename(lead_list: LeadList) -> str:
    return f"lead-list-{lead_list.pk}.csv"
