"""One description of each attribute (customers/fields.py): the model, the filters and the parser agree."""

from datetime import date

import pytest

from customers.fields import (
    ATTRIBUTES,
    NUMERIC,
    Kind,
    birth_date_bounds,
    concept_of,
    concept_of_filter,
    years_before,
)
from customers.filters import CustomerFilter
from customers.models import Customer, field_bounds


@pytest.mark.parametrize(
    "attribute", [a for a in NUMERIC if a.kind != Kind.YEARS_SINCE], ids=lambda a: a.name
)
def test_the_model_holds_what_the_description_says(attribute):
    assert field_bounds(attribute.name) == attribute.bounds
    constraints = {c.name: c for c in Customer._meta.constraints}
    assert any(c.condition == attribute.range_q() for c in constraints.values()), attribute.name


@pytest.mark.parametrize("attribute", NUMERIC, ids=lambda a: a.name)
def test_the_filters_admit_what_a_customer_can_have_and_no_more(attribute):
    lo, hi = attribute.bounds
    ok = CustomerFilter(data={f"{attribute.name}_min": str(lo), f"{attribute.name}_max": str(hi)})
    assert ok.is_valid(), ok.errors
    below = CustomerFilter(data={f"{attribute.name}_min": str(lo - 1)})
    assert not below.is_valid() and f"{attribute.name}_min" in below.errors
    if attribute.kind != Kind.MONEY:  # money is bounded by its column's digits, not a validator
        above = CustomerFilter(data={f"{attribute.name}_max": str(hi + 1)})
        assert not above.is_valid() and f"{attribute.name}_max" in above.errors


def test_every_code_attribute_is_a_filter_with_its_codes():
    for attribute in ATTRIBUTES.values():
        if attribute.kind == Kind.CODE:
            choices = dict(CustomerFilter.base_filters[attribute.name].extra["choices"])
            assert list(choices) == attribute.codes


def test_dependents_are_zero_to_eight_everywhere():
    from search.understanding import parse_query

    assert ATTRIBUTES["dependents"].bounds == (0, 8) == field_bounds("dependents")
    assert parse_query("9 kids").conditions == ()
    assert [(c.field, c.value) for c in parse_query("8 kids").conditions] == [("dependents", 8)]


@pytest.mark.parametrize(
    ("name", "concept"),
    [
        ("tenure_years_min", "tenure_years"),
        ("customer_since", "tenure_years"),
        ("age_max", "age"),
        ("date_of_birth", "age"),
        ("products_not_held", "products_not_held"),  # lacked and held are two concepts
        ("products", "products"),
        ("credit_score_min", "credit_score"),
        ("state", "state"),
    ],
)
def test_one_name_per_concept(name, concept):
    assert concept_of_filter(name) == concept
    if not name.endswith(("_min", "_max", "_not_held")):
        assert concept_of(name) == concept


@pytest.mark.parametrize(
    ("today", "kwargs", "expected"),
    [
        (date(2028, 2, 29), {"years": 1}, date(2027, 2, 28)),
        (date(2028, 2, 29), {"years": 4}, date(2024, 2, 29)),
        (date(2028, 3, 1), {"years": 1}, date(2027, 3, 1)),
        (date(2028, 3, 31), {"months": 1}, date(2028, 2, 29)),
        (date(2027, 3, 31), {"months": 1}, date(2027, 2, 28)),
        (date(2028, 3, 1), {"days": 1}, date(2028, 2, 29)),
    ],
)
def test_periods_are_counted_by_the_calendar_leap_years_included(today, kwargs, expected):
    assert years_before(today, **kwargs) == expected


def test_someone_born_on_29_february_turns_a_year_older_on_1_march():
    earliest, latest = birth_date_bounds(min_age=1, max_age=1, today=date(2029, 3, 1))
    assert latest == date(2028, 3, 1) and earliest == date(2027, 3, 2)
    _, latest = birth_date_bounds(min_age=1, max_age=None, today=date(2029, 2, 28))
    assert latest == date(2028, 2, 28)  # born 29 Feb 2028: not yet 1 on 28 Feb 2029
