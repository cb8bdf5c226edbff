"""Conditions on customer fields as database filters.

One translation serves the parsed question (``search.parsing.Condition``) and the ground-truth
rules of the evaluation files (``shared/eval/README.md``), so that what the search applies and
what it is judged against can never drift apart. ``age`` and ``tenure_years`` are whole years
today, turned into date ranges so that the indexes on the dates answer.
"""

import math
import re
from collections.abc import Mapping
from datetime import date

from django.db.models import Q

from customers.filters import birth_date_bounds
from search import relative_dates

DERIVED_YEARS = {"age": "date_of_birth", "tenure_years": "customer_since"}


class InvalidRule(ValueError):
    """A rule names an operator or shape this module does not know."""


def _whole_year_range(op: str, value) -> list[tuple[int | None, int | None]]:
    """The inclusive [lo, hi] ranges of whole years that ``op value`` admits."""
    if op == "between":
        lo, hi = value
        return [(math.ceil(lo), math.floor(hi))]
    if op in ("in", "not_in"):
        return [(int(v), int(v)) for v in value]
    value = float(value)
    return {
        "gt": [(math.floor(value) + 1, None)],
        "gte": [(math.ceil(value), None)],
        "lt": [(None, math.ceil(value) - 1)],
        "lte": [(None, math.floor(value))],
        "eq": [(int(value), int(value))] if value.is_integer() else [(1, 0)],
        "ne": [(int(value), int(value))] if value.is_integer() else [(1, 0)],
    }[op]


def _years_q(date_field: str, op: str, value, today: date) -> Q:
    if op not in ("gt", "gte", "lt", "lte", "eq", "ne", "between", "in", "not_in"):
        raise InvalidRule(f"Operator '{op}' does not apply to a number of years.")
    q = Q(pk__in=[])
    for lo, hi in _whole_year_range(op, value):
        if lo is not None and hi is not None and lo > hi:
            continue
        earliest, latest = birth_date_bounds(min_age=lo, max_age=hi, today=today)
        part = Q()
        if earliest is not None:
            part &= Q(**{f"{date_field}__gte": earliest})
        if latest is not None:
            part &= Q(**{f"{date_field}__lte": latest})
        q |= part
    return ~q if op in ("ne", "not_in") else q


def condition_q(field: str, op: str, value, *, today: date | None = None) -> Q:
    """The filter for one ``field op value`` condition; raises ``InvalidRule``."""
    today = today or date.today()
    if field in DERIVED_YEARS:
        return _years_q(DERIVED_YEARS[field], op, value, today)
    simple = {"eq": "exact", "gt": "gt", "gte": "gte", "lt": "lt", "lte": "lte", "icontains": "icontains"}
    if op in simple:
        return Q(**{f"{field}__{simple[op]}": value})
    if op == "ne":
        return ~Q(**{field: value})
    if op == "between":
        lo, hi = value
        return Q(**{f"{field}__gte": lo, f"{field}__lte": hi})
    if op == "in":
        return Q(**{f"{field}__in": list(value)})
    if op == "not_in":
        return ~Q(**{f"{field}__in": list(value)})
    if op == "contains":
        return Q(**{f"{field}__contains": [value]})
    if op == "contains_all":
        return Q(**{f"{field}__contains": list(value)})
    if op == "contains_any":
        return Q(**{f"{field}__overlap": list(value)})
    if op == "not_contains_any":
        return ~Q(**{f"{field}__overlap": list(value)})
    if op == "icontains_any":
        if not value:
            return Q(pk__in=[])
        # One case-insensitive regex, not ORed LIKEs: PostgreSQL estimates a regex from the
        # column's common values (34k for 40k doctors in a million), ORed LIKEs as next to
        # nothing (200 for 27k), and the search chooses its scan by that estimate.
        return Q(**{f"{field}__iregex": "|".join(re.escape(str(word)) for word in value)})
    if op == "before_or_never":
        return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": value})
    raise InvalidRule(f"Unknown operator '{op}'.")


def rule_q(rule: Mapping, *, today: date | None = None) -> Q:
    """The filter for a rule tree: ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": rule}`` or a leaf."""
    if "all" in rule:
        q = Q()
        for child in rule["all"]:
            q &= rule_q(child, today=today)
        return q
    if "any" in rule:
        q = Q(pk__in=[])
        for child in rule["any"]:
            q |= rule_q(child, today=today)
        return q
    if "not" in rule:
        return ~rule_q(rule["not"], today=today)
    try:
        value = relative_dates.resolve(rule["value"], today=today or date.today())
        return condition_q(rule["field"], rule["op"], value, today=today)
    except relative_dates.InvalidRelativeDate as error:
        raise InvalidRule(str(error)) from error
    except KeyError as error:
        raise InvalidRule(f"A leaf needs field, op and value: {dict(rule)}") from error
