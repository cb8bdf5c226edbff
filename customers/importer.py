"""CSV import of customers: good rows are upserted on ``external_id``, bad rows are reported
with their line number and never stop or spoil the good ones."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from customers import services
from customers.models import Customer
from customers.serializers import WRITABLE_FIELDS, CustomerInputSerializer

REQUIRED_COLUMNS = {
    "external_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "city",
    "state",
    "employment_status",
    "annual_income",
    "investable_assets",
    "credit_score",
    "risk_tolerance",
    "customer_since",
    "preferred_channel",
}
LIST_COLUMNS = {"products", "interests"}
NULLABLE_COLUMNS = {"relationship_manager", "last_contact_date"}


@dataclass(frozen=True)
class RowError:
    line: int
    external_id: str
    errors: dict[str, list[str]]

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" ({self.external_id})" if self.external_id else "")
        reasons = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())
        return f"{where}: {reasons}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def _flatten(messages) -> list[str]:
    """DRF nests list-item errors by position: {1: ['"gold" is not a valid choice.']}."""
    if isinstance(messages, dict):
        return [f"item {int(key) + 1}: {m}" for key, value in messages.items() for m in _flatten(value)]
    if isinstance(messages, list):
        return [m for item in messages for m in _flatten(item)]
    return [str(messages)]


def _split_codes(value: str) -> list[str]:
    for separator in ("|", ","):
        value = value.replace(separator, ";")
    return [code.strip() for code in value.split(";") if code.strip()]


def _row_to_input(row: dict[str, str]) -> dict:
    data = {}
    for name, raw in row.items():
        value = (raw or "").strip()
        if name in LIST_COLUMNS:
            data[name] = _split_codes(value)
        elif value == "" and name in NULLABLE_COLUMNS:
            data[name] = None
        elif value == "" and name in REQUIRED_COLUMNS:
            continue  # reported as "required" by the serializer
        else:
            data[name] = value
    return data


def check_header(columns: Iterable[str] | None) -> dict[str, list[str]]:
    columns = [c.strip() for c in (columns or [])]
    errors = {}
    unknown = sorted(set(columns) - set(WRITABLE_FIELDS))
    if unknown:
        errors["columns"] = [
            f"Unknown column(s): {', '.join(unknown)}. Allowed: {', '.join(WRITABLE_FIELDS)}."
        ]
    missing = sorted(REQUIRED_COLUMNS - set(columns))
    if missing:
        errors.setdefault("columns", []).append(f"Missing column(s): {', '.join(missing)}.")
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        errors.setdefault("columns", []).append(f"Repeated column(s): {', '.join(duplicated)}.")
    return errors


def import_customers_csv(stream: TextIO, *, embed: bool = True, chunk_size: int = 1000) -> ImportReport:
    report = ImportReport()
    reader = csv.DictReader(stream, restkey="__extra__")
    header_errors = check_header(reader.fieldnames)
    if header_errors:
        report.errors.append(RowError(line=1, external_id="", errors=header_errors))
        return report
    reader.fieldnames = [name.strip() for name in reader.fieldnames]

    seen: dict[str, int] = {}
    pending: list[tuple[int, dict]] = []
    line = reader.line_num + 1
    for row in reader:
        start_line, line = line, reader.line_num + 1
        external_id = (row.get("external_id") or "").strip()
        if "__extra__" in row:
            report.errors.append(RowError(start_line, external_id, {"row": ["More cells than columns."]}))
            continue
        if any(value is None for value in row.values()):
            report.errors.append(RowError(start_line, external_id, {"row": ["Fewer cells than columns."]}))
            continue
        if external_id and external_id in seen:
            message = f"Appears again in this file (first at line {seen[external_id]})."
            report.errors.append(RowError(start_line, external_id, {"external_id": [message]}))
            continue
        if external_id:
            seen[external_id] = start_line
        pending.append((start_line, _row_to_input(row)))
        if len(pending) >= chunk_size:
            _import_chunk(pending, report, embed=embed)
            pending = []
    _import_chunk(pending, report, embed=embed)
    report.errors.sort(key=lambda error: error.line)
    return report


def _import_chunk(rows: list[tuple[int, dict]], report: ImportReport, *, embed: bool) -> None:
    if not rows:
        return
    existing = Customer.objects.in_bulk(
        [data.get("external_id") for _, data in rows if data.get("external_id")], field_name="external_id"
    )
    valid = []
    for line, data in rows:
        serializer = CustomerInputSerializer(instance=existing.get(data.get("external_id")), data=data)
        if serializer.is_valid():
            valid.append(serializer.validated_data)
        else:
            errors = {name: _flatten(messages) for name, messages in serializer.errors.items()}
            report.errors.append(RowError(line, data.get("external_id", ""), errors))
    _, created = services.customers_bulk_upsert(rows=valid, embed=embed)
    report.created += created
    report.updated += len(valid) - created
