"""Every customer attribute that can be filtered or asked about, described once.

Each ``Attribute`` says what kind of value it is (money, a score, a count, a code, a list of
codes, a date, or whole years since a date), which column holds it, the least and greatest value
a customer can have, and the words people use for it. The model's validators and check
constraints, ``CustomerFilter``, the question parser's bounds and labels, the search page's
filter mapping and the API schema are all derived from here, so that they cannot disagree (the
parser once took up to 20 dependents where the model allowed 8).

The phrases of each code (how an RM says "home equity line of credit") are the lexicon, kept
as data in ``search/understanding/lexicon/`` next to the same code enums.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q

from customers.choices import (
    STATE_CHOICES,
    EmbeddingStatus,
    EmploymentStatus,
    Interest,
    PreferredChannel,
    Product,
    RiskTolerance,
    Segment,
)

MAX_AGE = 120


class Kind(StrEnum):
    MONEY = "money"
    SCORE = "score"
    COUNT = "count"
    CODE = "code"
    CODE_LIST = "code_list"
    DATE = "date"
    YEARS_SINCE = "years_since"


NUMERIC_KINDS = frozenset({Kind.MONEY, Kind.SCORE, Kind.COUNT, Kind.YEARS_SINCE})


def _money_max(max_digits: int, decimal_places: int) -> Decimal:
    return Decimal(10) ** (max_digits - decimal_places) - Decimal(10) ** -decimal_places


@dataclass(frozen=True)
class Attribute:
    """One concept a customer has: ``name`` is what the API, the filters and the rules call it."""

    name: str
    kind: Kind
    column: str
    label: str
    unit: str = ""  # how a count is said after its number: "3 dependents"
    bounds: tuple[int | Decimal, int | Decimal] | None = None
    choices: tuple[tuple[str, str], ...] = ()
    digits: tuple[int, int] | None = None  # money: the column's max_digits and decimal_places

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def step(self) -> Decimal | int:
        """The smallest difference between two values: a cent, or one."""
        return Decimal("0.01") if self.kind == Kind.MONEY else 1

    def validators(self) -> list:
        lo, hi = self.bounds
        return [MinValueValidator(lo)] + ([MaxValueValidator(hi)] if self.kind != Kind.MONEY else [])

    def range_q(self) -> Q:
        """The check constraint on the stored column (money: not negative; its digits bound it)."""
        lo, hi = self.bounds
        if self.kind == Kind.MONEY:
            return Q(**{f"{self.column}__gte": lo})
        return Q(**{f"{self.column}__gte": lo, f"{self.column}__lte": hi})

    @property
    def codes(self) -> list[str]:
        return [code for code, _ in self.choices]


def _money(name: str, label: str, digits: tuple[int, int]) -> Attribute:
    return Attribute(name, Kind.MONEY, name, label, bounds=(0, _money_max(*digits)), digits=digits)


ATTRIBUTES: dict[str, Attribute] = {
    a.name: a
    for a in (
        Attribute("credit_score", Kind.SCORE, "credit_score", "credit score", bounds=(300, 850)),
        _money("annual_income", "income", (14, 2)),
        _money("investable_assets", "investable assets", (16, 2)),
        Attribute("age", Kind.YEARS_SINCE, "date_of_birth", "age", bounds=(0, MAX_AGE)),
        Attribute(
            "tenure_years",
            Kind.YEARS_SINCE,
            "customer_since",
            "years as a customer",
            unit="years",
            bounds=(0, MAX_AGE),
        ),
        Attribute("dependents", Kind.COUNT, "dependents", "dependents", unit="dependents", bounds=(0, 8)),
        Attribute("state", Kind.CODE, "state", "state", choices=tuple(STATE_CHOICES)),
        Attribute(
            "employment_status",
            Kind.CODE,
            "employment_status",
            "employment",
            choices=tuple(EmploymentStatus.choices),
        ),
        Attribute("segment", Kind.CODE, "segment", "segment", choices=tuple(Segment.choices)),
        Attribute(
            "risk_tolerance",
            Kind.CODE,
            "risk_tolerance",
            "risk tolerance",
            choices=tuple(RiskTolerance.choices),
        ),
        Attribute(
            "preferred_channel",
            Kind.CODE,
            "preferred_channel",
            "preferred channel",
            choices=tuple(PreferredChannel.choices),
        ),
        Attribute("products", Kind.CODE_LIST, "products", "products", choices=tuple(Product.choices)),
        Attribute("interests", Kind.CODE_LIST, "interests", "interests", choices=tuple(Interest.choices)),
        Attribute("last_contact_date", Kind.DATE, "last_contact_date", "last contact"),
        Attribute(
            "embedding_status",
            Kind.CODE,
            "embedding_status",
            "embedding status",
            choices=tuple(EmbeddingStatus.choices),
        ),
    )
}
NUMERIC = [a for a in ATTRIBUTES.values() if a.numeric]
# Whole years since a date: the concept and the column that holds the date.
DERIVED_YEARS = {a.name: a.column for a in ATTRIBUTES.values() if a.kind == Kind.YEARS_SINCE}
# A column that stores a concept under another name: a condition on it speaks of the concept.
_CONCEPT_OF_COLUMN = {a.column: a.name for a in ATTRIBUTES.values() if a.column != a.name}
# Filters whose name is not the concept's plus _min/_max. Products held and products lacked are
# two concepts: "products=checking" says nothing against "without a mortgage".
PRODUCTS_NOT_HELD = "products_not_held"
_FILTER_CONCEPTS = {"products_not_held": PRODUCTS_NOT_HELD, "relationship_manager": "relationship_manager"}


def concept_of(field: str) -> str:
    """The concept a condition on ``field`` speaks of: ``date_of_birth`` is age."""
    return _CONCEPT_OF_COLUMN.get(field, field)


def concept_of_filter(name: str) -> str:
    """The concept an explicit filter sets: ``tenure_years_min`` is tenure, as is ``customer_since``."""
    if name in _FILTER_CONCEPTS:
        return _FILTER_CONCEPTS[name]
    return concept_of(name.removesuffix("_min").removesuffix("_max"))


def bounds(name: str) -> tuple[int | Decimal, int | Decimal]:
    """The least and greatest value a numeric concept can have."""
    return ATTRIBUTES[name].bounds


def years_before(today: date, years: int = 0, months: int = 0, days: int = 0) -> date:
    """The date ``years``, ``months`` and ``days`` before ``today``, by the calendar: a year
    before 29 February 2028 is 28 February 2027, and a year before 1 March 2028 is 1 March 2027."""
    return today - relativedelta(years=years, months=months, days=days)


def birth_date_bounds(*, min_age: int | None, max_age: int | None, today: date | None = None):
    """Dates (of birth, of joining) for whole years since in [min_age, max_age] on ``today``:
    (earliest, latest), inclusive; None where unbounded."""
    today = today or date.today()
    latest = years_before(today, min_age) if min_age is not None else None
    earliest = None
    if max_age is not None:
        earliest = years_before(today, max_age + 1) + relativedelta(days=1)
    return earliest, latest
