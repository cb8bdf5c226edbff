"""Which customers truly match an evaluation rule, worked out in plain Python over loaded rows.

The search turns conditions into database filters (``search.conditions``); if the evaluation used
the same translation, a wrong translation would be wrong on both sides and still score 1.000. So
relevance is decided here instead, from the rule's words as ``shared/eval/README.md`` defines
them, sharing no code with the search (only the rule format's relative dates,
``search.relative_dates``): age and tenure are whole years counted from the calendar, list
operators are set operations, and a missing value never satisfies a comparison (as in SQL), while
its negation does (as Django's ``exclude`` does for a nullable column).
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal

from customers.models import Customer
from search import relative_dates

STORED_FIELDS = (
    "pk", "date_of_birth", "customer_since", "last_contact_date", "annual_income", "investable_assets",
    "credit_score", "dependents", "state", "city", "occupation", "employment_status", "segment",
    "risk_tolerance", "preferred_channel", "products", "interests", "notes", "external_id",
)  # fmt: skip
YEARS_SINCE = {"age": "date_of_birth", "tenure_years": "customer_since"}
DATE_FIELDS = {"date_of_birth", "customer_since", "last_contact_date"}


class UnknownRule(ValueError):
    """The rule uses a field or operator this module has no predicate for."""


Row = Mapping[str, object]


def load_rows(queryset=None) -> list[dict]:
    """The fields rules refer to, for every customer of ``queryset`` (all customers unless given)."""
    queryset = Customer.objects.all() if queryset is None else queryset
    return list(queryset.values(*STORED_FIELDS))


def whole_years(since: date | None, today: date) -> int | None:
    """Completed years from ``since`` to ``today``. A 29 February anniversary falls on 1 March in
    other years, as the generator and the database filters have it (dateutil's relativedelta
    would put it on 28 February, one day earlier)."""
    if since is None:
        return None
    return today.year - since.year - ((today.month, today.day) < (since.month, since.day))


def field_value(row: Row, field: str, today: date):
    if field in YEARS_SINCE:
        return whole_years(row[YEARS_SINCE[field]], today)
    if field not in row:
        raise UnknownRule(f"No customer field '{field}'.")
    return row[field]


def _comparable(value, field: str):
    """The rule's value in the row's type: dates from ISO strings, money as Decimal."""
    if value is None:
        return None
    if field in DATE_FIELDS and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def _compare(op: str, actual, expected) -> bool:
    if actual is None or expected is None:
        return False
    return {
        "gt": actual > expected,
        "gte": actual >= expected,
        "lt": actual < expected,
        "lte": actual <= expected,
    }[op]


def leaf_matches(row: Row, field: str, op: str, value, today: date) -> bool:
    actual = field_value(row, field, today)
    value = relative_dates.resolve(value, today=today)
    value = [_comparable(v, field) for v in value] if isinstance(value, list) else _comparable(value, field)
    if op == "eq":
        return actual == value
    if op == "ne":
        return actual != value
    if op in ("gt", "gte", "lt", "lte"):
        return _compare(op, actual, value)
    if op == "between":
        lo, hi = value
        return _compare("gte", actual, lo) and _compare("lte", actual, hi)
    if op == "in":
        return actual is not None and actual in value
    if op == "not_in":
        return actual not in value
    held = set(actual or ()) if op.startswith(("contains", "not_contains", "contained")) else None
    if op == "contains":
        return value in held
    if op == "contains_all":
        return set(value) <= held
    if op == "contains_any":
        return bool(set(value) & held)
    if op == "not_contains_any":
        return not set(value) & held
    if op == "contained_by":
        return held <= set(value)
    if op == "icontains":
        return str(value).lower() in (actual or "").lower()
    if op == "icontains_any":
        text = (actual or "").lower()
        return any(str(word).lower() in text for word in value)
    if op == "before_or_never":
        return actual is None or actual < value
    raise UnknownRule(f"No predicate for operator '{op}'.")


def predicate(rule: Mapping, *, today: date | None = None) -> Callable[[Row], bool]:
    """A function of one loaded row that says whether it matches ``rule``."""
    today = today or date.today()
    if "all" in rule:
        parts = [predicate(child, today=today) for child in rule["all"]]
        return lambda row: all(part(row) for part in parts)
    if "any" in rule:
        parts = [predicate(child, today=today) for child in rule["any"]]
        return lambda row: any(part(row) for part in parts)
    if "not" in rule:
        inner = predicate(rule["not"], today=today)
        return lambda row: not inner(row)
    try:
        field, op, value = rule["field"], rule["op"], rule["value"]
    except KeyError as error:
        raise UnknownRule(f"A leaf needs field, op and value: {dict(rule)}") from error
    return lambda row: leaf_matches(row, field, op, value, today)


def matching_ids(rule: Mapping, rows: Iterable[Row], *, today: date | None = None) -> set[int]:
    """The primary keys of the rows that match ``rule``."""
    test = predicate(rule, today=today)
    return {row["pk"] for row in rows if test(row)}
