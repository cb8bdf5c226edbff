"""Conditions on customers: the small typed language between a question, the filters and the database.

A ``Condition`` is one ``field op value`` statement in the operators of ``shared/eval/README.md``.
One translation to database filters serves the parsed question and the ground-truth rules of the
evaluation files, so that what the search applies and what it is judged against can never drift
apart. ``age`` and ``tenure_years`` are whole years today, turned into date ranges so that the
indexes on the dates answer. Which concept a condition speaks of comes from ``customers.fields``:
a condition on ``date_of_birth`` is about age, one on ``customer_since`` about tenure, and an
explicit filter on a concept replaces every parsed condition on it.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.db.models import Q

from customers.fields import ATTRIBUTES, DERIVED_YEARS, PRODUCTS_NOT_HELD, Kind, birth_date_bounds, concept_of
from search import relative_dates

__all__ = [
    "Condition",
    "InvalidRule",
    "Op",
    "condition_q",
    "from_filter_params",
    "rule_q",
    "to_filter_params",
]


class Op(StrEnum):
    """The operators a condition may use (a ``str``: ``Op.GT == "gt"``)."""

    EQ = "eq"
    NE = "ne"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    BETWEEN = "between"
    IN = "in"
    NOT_IN = "not_in"
    CONTAINS = "contains"
    CONTAINS_ALL = "contains_all"
    CONTAINS_ANY = "contains_any"
    NOT_CONTAINS_ANY = "not_contains_any"
    CONTAINED_BY = "contained_by"
    ICONTAINS = "icontains"
    ICONTAINS_ANY = "icontains_any"
    BEFORE_OR_NEVER = "before_or_never"


class InvalidRule(ValueError):
    """A rule names an operator or shape this module does not know."""


@dataclass(frozen=True)
class Condition:
    """One condition on a customer field.

    ``required`` conditions filter; the others (named interests) only rank. ``vague`` ones come
    from a word like "young" and give way to a number the question states for the same field.
    ``inferred`` ones were matched by meaning, not read; ``source_phrase`` is the question's words
    they came from, shown on their chip so that the RM can see why and remove them.
    """

    field: str
    op: Op
    value: object
    label: str
    required: bool = True
    vague: bool = False
    inferred: bool = False
    source_phrase: str | None = None

    def __post_init__(self):
        try:
            object.__setattr__(self, "op", Op(self.op))
        except ValueError as error:
            raise InvalidRule(f"Unknown operator '{self.op}'.") from error

    @property
    def concept(self) -> str:
        """What the condition is about, whatever column holds it: date_of_birth is age; products
        a customer lacks are a concept apart from products they hold."""
        if self.field == "products" and self.op == Op.NOT_CONTAINS_ANY:
            return PRODUCTS_NOT_HELD
        return concept_of(self.field)

    @property
    def key(self) -> str:
        """A stable name for the condition, used to switch it off from the page or the API."""
        values = self.value if isinstance(self.value, list) else [self.value]
        return f"{self.field}.{self.op}." + "-".join(str(v) for v in values)

    def as_dict(self) -> dict:
        data = {
            "field": self.field,
            "op": str(self.op),
            "value": self.value,
            "label": self.label,
            "required": self.required,
            "key": self.key,
        }
        if self.inferred:
            data.update(inferred=True, source_phrase=self.source_phrase)
        return data

    def q(self, *, today: date | None = None) -> Q:
        """The ORM filter for this condition."""
        return condition_q(self.field, self.op, self.value, today=today)


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
    if op == "contained_by":
        return Q(**{f"{field}__contained_by": list(value)})
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


# ---------------------------------------------------------------------------------------------
# Filter parameters (``customers.filters.CustomerFilter``): what a condition is as an explicit
# filter, to edit it on the page, and back.


def _number_text(number) -> str:
    """701, 200000.01: a filter value without float noise or lost digits."""
    text = f"{Decimal(str(number)).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_filter_params(condition: Condition) -> dict[str, list[str]] | None:
    """The explicit filters that say the same as ``condition``; None if none can."""
    attribute = ATTRIBUTES.get(condition.field)
    op, value = condition.op, condition.value
    if attribute is None:
        return None
    if attribute.numeric:
        step = attribute.step
        if op == Op.BETWEEN:
            ends = {"min": value[0], "max": value[1]}
        elif op == Op.EQ:
            ends = {"min": value, "max": value}
        elif op in (Op.GT, Op.GTE):
            ends = {"min": Decimal(str(value)) + step if op == Op.GT else value}
        elif op in (Op.LT, Op.LTE):
            ends = {"max": Decimal(str(value)) - step if op == Op.LT else value}
        else:
            return None
        lo, hi = attribute.bounds
        if not all(lo <= Decimal(str(number)) <= hi for number in ends.values()):
            return None  # "credit under 300": no customer has it, and no filter can say it
        return {f"{attribute.name}_{end}": [_number_text(number)] for end, number in ends.items()}
    if attribute.kind == Kind.CODE and op == Op.IN:
        return {attribute.name: list(value)}
    if attribute.name == "products" and op in (Op.CONTAINS, Op.CONTAINS_ALL):
        return {"products": [value] if op == Op.CONTAINS else list(value)}
    if attribute.name == "products" and op == Op.NOT_CONTAINS_ANY:
        return {"products_not_held": list(value)}
    if attribute.name == "interests" and op == Op.CONTAINS_ANY:
        return {"interests": list(value)}
    return None


def _number(text: str) -> int | float:
    try:
        number = Decimal(str(text))
    except InvalidOperation as error:
        raise InvalidRule(f"Not a number: {text!r}.") from error
    return int(number) if number == number.to_integral_value() else float(number)


def _label(attribute, words: str, value) -> str:
    return f"{attribute.label} {words} {value}"


def from_filter_params(params: Mapping) -> list[Condition]:
    """The conditions explicit filters state (``to_filter_params`` read back); raises ``InvalidRule``."""
    values = {name: params.getlist(name) if hasattr(params, "getlist") else params[name] for name in params}
    values = {name: v if isinstance(v, list) else [v] for name, v in values.items()}
    conditions = []
    for attribute in ATTRIBUTES.values():
        name = attribute.name
        if attribute.numeric:
            low = _number(values[f"{name}_min"][-1]) if f"{name}_min" in values else None
            high = _number(values[f"{name}_max"][-1]) if f"{name}_max" in values else None
            if low is not None and high is not None:
                conditions.append(
                    Condition(name, Op.BETWEEN, [low, high], _label(attribute, "from", f"{low} to {high}"))
                )
            elif low is not None:
                conditions.append(Condition(name, Op.GTE, low, _label(attribute, "at least", low)))
            elif high is not None:
                conditions.append(Condition(name, Op.LTE, high, _label(attribute, "at most", high)))
        elif attribute.kind == Kind.CODE and name in values:
            conditions.append(
                Condition(name, Op.IN, list(values[name]), f"{attribute.label}: {', '.join(values[name])}")
            )
    if "products" in values:
        held = list(values["products"])
        op, value = (Op.CONTAINS, held[0]) if len(held) == 1 else (Op.CONTAINS_ALL, held)
        conditions.append(Condition("products", op, value, "holds " + " and ".join(held)))
    if "products_not_held" in values:
        lacked = list(values["products_not_held"])
        conditions.append(
            Condition("products", Op.NOT_CONTAINS_ANY, lacked, "holds none of " + ", ".join(lacked))
        )
    if "interests" in values:
        wanted = list(values["interests"])
        conditions.append(
            Condition("interests", Op.CONTAINS_ANY, wanted, "interested in " + " or ".join(wanted))
        )
    return conditions
