"""Readings a hostile tester found wrong (issue 16), fixed as families: a negated vague word or
age band, numbers given to the wrong field, and words read as what they do not say."""

import pytest

from search.understanding import parse_query
from tests.search.readings import TODAY, read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("not young", ("age", "gt", 35)),
        ("customers who aren't young", ("age", "gt", 35)),
        ("clients who are no longer young", ("age", "gt", 35)),
        ("not high income", ("annual_income", "lt", 150_000)),
        ("clients who aren't high earners", ("annual_income", "lt", 150_000)),
        ("anyone but the top earners", ("annual_income", "lt", 150_000)),
        ("not low income", ("annual_income", "gt", 40_000)),
        ("customers who are not parents", ("dependents", "lt", 1)),
        ("clients who aren't yet parents", ("dependents", "lt", 1)),
        ("people who are not seniors", ("age", "lt", 65)),
        ("clients other than millionaires", ("investable_assets", "lt", 1_000_000)),
        ("customers who are not over-60s", ("age", "lt", 60)),
        ("clients who are not exactly high earners", ("annual_income", "lt", 150_000)),
        ("customers who aren't all that young", ("age", "gt", 35)),
    ],
)
def test_a_negated_vague_word_is_its_opposite_where_that_is_one_bound(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query",
    [
        "not nearing retirement",
        "clients who aren't close to retirement",
        "not millennials",
        "anyone but gen x",
        "clients who are not really middle-aged",
        "customers not in their 30s",
        "clients who aren't in their forties",
        "not middle-aged",
        "people who are not octogenarians",
    ],
)
def test_a_negated_band_is_reported_not_searched(query):
    parsed = parse_query(query, today=TODAY)
    assert read(query) == set()
    assert any("negated" in line for line in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("young clients who haven't been contacted", ("age", "lte", 35)),
        ("high earners, not in a hurry", ("annual_income", "gte", 150_000)),
        ("not only young customers", ("age", "lte", 35)),
    ],
)
def test_a_negation_elsewhere_does_not_reach_the_word(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("with us 10 years, over 50", {("tenure_years", "gte", 10), ("age", "gt", 50)}),
        ("customers for over 5 years, under 40", {("tenure_years", "gt", 5), ("age", "lt", 40)}),
        ("over 50k and over 60", {("investable_assets", "gt", 50_000), ("age", "gt", 60)}),
        (
            "at least $200k in savings and under 45",
            {("investable_assets", "gte", 200_000), ("age", "lt", 45)},
        ),
        ("over 50 and over 100k", {("age", "gt", 50), ("investable_assets", "gt", 100_000)}),
        ("under 40 and earning over 90k", {("age", "lt", 40), ("annual_income", "gt", 90_000)}),
        ("credit over 600 and under 700", {("credit_score", "gt", 600), ("credit_score", "lt", 700)}),
        ("with us 10 years, under 40", {("tenure_years", "gte", 10), ("age", "lt", 40)}),
        ("over 2 kids, under 5", {("dependents", "gt", 2), ("dependents", "lt", 5)}),
        (
            "income over 100k, under 200k",
            {("annual_income", "gt", 100_000), ("annual_income", "lt", 200_000)},
        ),
        ("income over 100k, over 60", {("annual_income", "gt", 100_000), ("age", "gt", 60)}),
        ("credit above 700 and over 40", {("credit_score", "gt", 700), ("age", "gt", 40)}),
        ("2 kids or more and over 40", {("dependents", "gte", 2), ("age", "gt", 40)}),
    ],
)
def test_a_number_goes_to_the_field_it_can_be(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "with 2 credit cards",
        "clients holding more than 3 accounts",
        "customers with 2 mortgages",
        "over 4 cards",
    ],
)
def test_a_count_of_products_is_no_score_or_age(query):
    parsed = parse_query(query, today=TODAY)
    assert not {c.field for c in parsed.conditions} & {"credit_score", "age", "investable_assets"}
    assert any("number of products" in line for line in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("3 kids age 45", {("dependents", "eq", 3), ("age", "eq", 45)}),
        ("two kids aged 40 to 50", {("dependents", "eq", 2), ("age", "between", (40, 50))}),
        ("four children, age 52", {("dependents", "eq", 4), ("age", "eq", 52)}),
        ("3 kids aged 5 to 10", {("dependents", "eq", 3)}),
    ],
)
def test_an_adult_age_after_a_count_of_kids_is_the_customers(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "customers named Virginia",
        "clients called Young",
        "whose last name is Austin",
        "someone with the surname Rich in the files",
        "Mr Young",
    ],
)
def test_a_name_is_no_state_or_vague_word(query):
    parsed = parse_query(query, today=TODAY)
    assert read(query) == set()
    assert any("by name" in line for line in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who called us last week", "last_contact_date"),
        ("clients named as beneficiaries in Virginia", "state"),
    ],
)
def test_named_or_called_before_no_name_is_read_as_before(query, expected):
    assert expected in {field for field, *_ in read(query)}


@pytest.mark.parametrize(
    "query",
    [
        "retired folks still working full time",
        "retirees who are still working",
        "unemployed business owners",
    ],
)
def test_statuses_no_one_holds_at_once_are_reported(query):
    parsed = parse_query(query, today=TODAY)
    assert "employment_status" not in {field for field, *_ in read(query)}
    assert any("at once" in line for line in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("retirees or self-employed", ("retired", "self_employed")),
        ("retirees and business owners", ("business_owner", "retired")),
        ("self-employed business owners", ("business_owner", "self_employed")),
    ],
)
def test_statuses_said_as_alternatives_are_either(query, expected):
    assert read(query) == {("employment_status", "in", expected)}


@pytest.mark.parametrize(
    "query", ["between 620 and 700", "clients from 620 to 700", "anyone between 2019 and 2021"]
)
def test_a_range_naming_no_field_is_reported_not_dropped(query):
    parsed = parse_query(query, today=TODAY)
    assert read(query) == set()
    assert any("no field named" in line for line in parsed.ignored)


@pytest.mark.parametrize(
    "query",
    ["clients who don't have young kids", "clients who don't have small kids", "not parents of toddlers"],
)
def test_no_young_children_is_no_bound_on_children(query):
    parsed = parse_query(query, today=TODAY)
    assert "dependents" not in {field for field, *_ in read(query)}
    assert any("negated" in line for line in parsed.ignored)


@pytest.mark.parametrize(
    "query", ["other than those in their 40s", "anyone but those who are middle-aged", "not yet in their 30s"]
)
def test_a_negated_band_after_those_is_reported(query):
    parsed = parse_query(query, today=TODAY)
    assert read(query) == set()
    assert any("negated" in line for line in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("over 65 mortgage holders", ("age", "gt", 65)),
        ("under 30 credit card holders", ("age", "lt", 30)),
        ("over 40 account holders in Ohio", ("age", "gt", 40)),
    ],
)
def test_a_number_before_product_holders_is_their_age(query, expected):
    parsed = parse_query(query, today=TODAY)
    assert expected in read(query)
    assert not parsed.ignored


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("anyone but those over 65", ("age", "lte", 65)),
        ("other than those under 30", ("age", "gte", 30)),
        ("everyone but those with over 1M", ("investable_assets", "lte", 1_000_000)),
    ],
)
def test_a_comparison_after_anyone_but_those_is_turned_over(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("neither young nor high earners", {("age", "gt", 35), ("annual_income", "lt", 150_000)}),
        ("clients who are neither parents nor seniors", {("dependents", "lt", 1), ("age", "lt", 65)}),
        ("neither over 50 nor under 20", {("age", "lte", 50), ("age", "gte", 20)}),
    ],
)
def test_neither_nor_negates_each_word(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients who are not parents or young", {("age", "gt", 35), ("dependents", "lt", 1)}),
        ("not young or parents", {("age", "gt", 35), ("dependents", "lt", 1)}),
        (
            "customers who aren't high earners or seniors",
            {("annual_income", "lt", 150_000), ("age", "lt", 65)},
        ),
        ("young or high earners", {("age", "lte", 35), ("annual_income", "gte", 150_000)}),
    ],
)
def test_a_word_after_or_in_a_negated_list_is_negated(query, expected):
    assert read(query) == expected


def test_a_band_after_or_in_a_negated_list_is_reported():
    parsed = parse_query("not seniors or millennials", today=TODAY)
    assert read("not seniors or millennials") == {("age", "lt", 65)}
    assert any("negated" in line for line in parsed.ignored)
