"""Money, credit and count phrasings (issue 16): income, investable assets, credit scores and
dependents, and the comparison words around numbers. Each family is tested on several phrasings,
most of them in no evaluation file."""

import pytest

from search.understanding import parse_query
from tests.search.readings import TODAY, read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "clients with a million dollars or more in investable assets",
            ("investable_assets", "gte", 1_000_000),
        ),
        ("clients with two million dollars in investable assets", ("investable_assets", "gte", 2_000_000)),
        ("people with 500 thousand dollars in savings", ("investable_assets", "gte", 500_000)),
        ("earning over 90,000 dollars a year", ("annual_income", "gt", 90_000)),
        ("customers with 300k bucks in the bank", ("investable_assets", "gte", 300_000)),
    ],
)
def test_an_amount_may_end_in_dollars(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("people who make six figures", ("annual_income", "gte", 100_000)),
        ("clients with a six-figure salary", ("annual_income", "gte", 100_000)),
        ("clients earning under six figures", ("annual_income", "lt", 100_000)),
        ("customers making seven figures", ("annual_income", "gte", 1_000_000)),
        ("clients with six figures in savings", ("investable_assets", "gte", 100_000)),
        ("customers with a seven-figure portfolio", ("investable_assets", "gte", 1_000_000)),
        ("less than 6 figures in the bank", ("investable_assets", "lt", 100_000)),
    ],
)
def test_figures_are_an_amount_given_to_the_field_named_next_to_them(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers whose salary is 60k tops", ("annual_income", "lte", 60_000)),
        ("clients earning 60k at most", ("annual_income", "lte", 60_000)),
        ("income 50k max", ("annual_income", "lte", 50_000)),
        ("credit score 650 maximum", ("credit_score", "lte", 650)),
        ("620 or worse credit", ("credit_score", "lte", 620)),
        ("credit of 700 minimum", ("credit_score", "gte", 700)),
        ("a 680 credit score at least", ("credit_score", "gte", 680)),
        ("700-plus credit", ("credit_score", "gte", 700)),
        ("100K-plus earners", ("annual_income", "gte", 100_000)),
        ("assets of 2M and upwards", ("investable_assets", "gte", 2_000_000)),
    ],
)
def test_words_after_a_number_bound_it(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with a credit score no lower than 700", ("credit_score", "gte", 700)),
        ("credit no worse than 650", ("credit_score", "gte", 650)),
        ("income no higher than 80k", ("annual_income", "lte", 80_000)),
        ("assets not above 100k", ("investable_assets", "lte", 100_000)),
        ("clients whose income tops out at 75k", ("annual_income", "lte", 75_000)),
        ("clients no older than 40", ("age", "lte", 40)),
    ],
)
def test_a_negated_comparison_is_read_whole(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("borrowers whose scores are below the 620 line", ("credit_score", "lt", 620)),
        ("credit scores under the 620 mark", ("credit_score", "lt", 620)),
        ("FICO above the 700 threshold", ("credit_score", "gt", 700)),
        ("clients scoring above 750", ("credit_score", "gt", 750)),
    ],
)
def test_a_score_said_as_a_line_or_a_verb(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("parents of 2 or more with no life insurance", ("dependents", "gte", 2)),
        ("a mom of two", ("dependents", "eq", 2)),
        ("fathers of three or more", ("dependents", "gte", 3)),
        ("families with 3 kids or more", ("dependents", "gte", 3)),
        ("customers with 2 children or fewer", ("dependents", "lte", 2)),
        ("customers with one kid", ("dependents", "eq", 1)),
        ("customers with 1 or 2 kids", ("dependents", "between", (1, 2))),
        ("households with three or four children", ("dependents", "between", (3, 4))),
    ],
)
def test_counts_of_children(query, expected):
    assert expected in read(query)
    assert not any(c[0] == "dependents" and c != expected for c in read(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "clients with over 300k investable and income above 150k",
            {("investable_assets", "gt", 300_000), ("annual_income", "gt", 150_000)},
        ),
        ("customers with 100k saved", {("investable_assets", "gte", 100_000)}),
        ("customers with $100k in cash", {("investable_assets", "gte", 100_000)}),
        ("customers with a nest egg of at least 500k", {("investable_assets", "gte", 500_000)}),
        ("clients sitting on more than 2M", {("investable_assets", "gt", 2_000_000)}),
        ("clients worth more than $5M", {("investable_assets", "gt", 5_000_000)}),
        ("people pulling down over 200k", {("annual_income", "gt", 200_000)}),
        ("customers whose total comp is above 300k", {("annual_income", "gt", 300_000)}),
    ],
)
def test_which_field_an_amount_belongs_to(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with a FICO that starts with an 8", ("credit_score", "between", (800, 850))),
        ("a credit score beginning with a seven", ("credit_score", "between", (700, 799))),
        ("borrowers with a 6-handle FICO", ("credit_score", "between", (600, 699))),
        ("credit scores in the high 700s", ("credit_score", "between", (767, 799))),
        ("a FICO in the low 600s", ("credit_score", "between", (600, 633))),
        ("credit in the mid-700s", ("credit_score", "between", (734, 766))),
        ("scores in the 700 range", ("credit_score", "between", (700, 799))),
    ],
)
def test_credit_score_bands_said_by_their_hundreds(query, expected):
    assert read(query) == {expected}


def test_a_leading_digit_that_is_a_term_is_no_credit_band():
    on_credit = {c for c in read("credit over 700 who starts with a 5 year CD") if c[0] == "credit_score"}
    assert on_credit == {("credit_score", "gt", 700)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with a spotless credit record", ("credit_score", "gte", 800)),
        ("clients with flawless credit", ("credit_score", "gte", 800)),
        ("borrowers with fantastic credit scores", ("credit_score", "gte", 800)),
        ("an impeccable credit history", ("credit_score", "gte", 800)),
        ("subprime borrowers", ("credit_score", "lte", 619)),
        ("sub-prime customers", ("credit_score", "lte", 619)),
        ("near-prime credit", ("credit_score", "between", (580, 669))),
        ("clients with a spotty credit file", ("credit_score", "lte", 579)),
    ],
)
def test_credit_words(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query",
    ["clients with multiple kids", "customers who have multiple dependents", "customers with two-plus kids"],
)
def test_multiple_children_are_two_or_more(query):
    assert read(query) == {("dependents", "gte", 2)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients with big paychecks", ("annual_income", "gte", 150_000)),
        ("customers pulling in a hefty salary", ("annual_income", "gte", 150_000)),
        ("people with healthy incomes", ("annual_income", "gte", 150_000)),
        ("clients earning a modest wage", ("annual_income", "lte", 40_000)),
        ("lower-income clients", ("annual_income", "lte", 40_000)),
        ("people on small salaries", ("annual_income", "lte", 40_000)),
    ],
)
def test_income_words(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize("query", ["people earning money", "clients making money"])
def test_earning_alone_says_nothing_about_how_much(query):
    assert read(query) == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who don't make over 50k", ("annual_income", "lte", 50_000)),
        ("clients not earning more than 50k", ("annual_income", "lte", 50_000)),
        ("customers who don't have more than 10k in savings", ("investable_assets", "lte", 10_000)),
        ("clients whose credit isn't above 600", ("credit_score", "lte", 600)),
        ("customers without 100k in assets", ("investable_assets", "lt", 100_000)),
        ("clients who do not earn at least 40k", ("annual_income", "lt", 40_000)),
    ],
)
def test_a_negation_turns_the_comparison_after_it_over(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize("query", ["customers who don't have 2 kids", "credit not in the 600s"])
def test_a_negated_exact_count_or_band_is_reported_not_read(query):
    parsed = parse_query(query, today=TODAY)
    assert parsed.conditions == ()
    assert any("negated" in note for note in parsed.ignored)


def test_a_negation_in_another_clause_turns_nothing_over():
    assert ("credit_score", "gt", 700) in read("customers who don't have a mortgage with credit over 700")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who earn in the six figures", ("annual_income", "gte", 100_000)),
        ("clients earning mid six figures", ("annual_income", "gte", 400_000)),
        ("clients with a high six-figure income", ("annual_income", "gte", 700_000)),
        ("assets in the seven figures", ("investable_assets", "gte", 1_000_000)),
    ],
)
def test_figures_with_a_part(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query", ["customers with a kid", "clients who have toddlers", "customers with small kids"]
)
def test_having_a_child_is_a_parent(query):
    assert read(query) == {("dependents", "gte", 1)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with seventy-five thousand in savings", ("investable_assets", "gte", 75_000)),
        ("customers earning a hundred and fifty thousand", ("annual_income", "gte", 150_000)),
        ("customers with two hundred fifty thousand in assets", ("investable_assets", "gte", 250_000)),
        ("customers earning eighty thousand a year", ("annual_income", "gte", 80_000)),
        ("customers over seventy", ("age", "gt", 70)),
        ("clients aged sixty five or older", ("age", "gte", 65)),
        ("one and a half million in assets", ("investable_assets", "gte", 1_500_000)),
        ("twenty three million invested", ("investable_assets", "gte", 23_000_000)),
    ],
)
def test_compound_number_words(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers earning 10k a month", ("annual_income", "gte", 120_000)),
        ("clients making $8,000 per month", ("annual_income", "gte", 96_000)),
        ("customers with monthly income over 5k", ("annual_income", "gt", 60_000)),
        ("clients with a monthly salary of at least 6k", ("annual_income", "gte", 72_000)),
        ("earning 8-10k a month", ("annual_income", "between", (96_000, 120_000))),
    ],
)
def test_an_income_said_by_the_month_is_made_yearly(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients with credit from 600 through 700", ("credit_score", "between", (600, 700))),
        ("income from 50k up to 100k", ("annual_income", "between", (50_000, 100_000))),
        ("customers aged 30 thru 40", ("age", "between", (30, 40))),
    ],
)
def test_more_range_words(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("customers with a mortgage over 500k", {("products", "contains", "mortgage")}),
        ("customers with a car loan under 20k", {("products", "contains", "auto_loan")}),
        ("customers who owe more than 50k", set()),
        ("clients who spend over 5k a month", set()),
        ("customers with a home worth over 1M", set()),
        ("customers who borrowed over 50k", set()),
    ],
)
def test_a_loan_debt_or_spending_amount_is_reported_never_read_as_assets(query, kept):
    parsed = parse_query(query, today=TODAY)
    assert read(query) == kept
    assert any("not stored" in note for note in parsed.ignored)


def test_mortgage_is_no_age_and_a_small_number_after_a_loan_is_an_age():
    assert ("age", "gt", 65) in read("customers with a mortgage over 65")


@pytest.mark.parametrize(
    "query",
    ["clients with children under 18", "parents of kids under 5", "customers with kids aged 5 to 10"],
)
def test_children_under_an_age_are_children_not_a_count_or_an_age(query):
    assert read(query) == {("dependents", "gte", 1)}


def test_a_count_of_children_under_an_age_is_the_count():
    found = read("customers with 3 kids under 10")
    assert ("dependents", "eq", 3) in found
    assert found <= {("dependents", "eq", 3), ("dependents", "gte", 1)}


def test_an_older_childs_age_is_reported():
    parsed = parse_query("customers with kids over 10", today=TODAY)
    assert not any(c.field in ("age", "dependents") and not c.vague for c in parsed.conditions)
    assert any("ages" in note and "children" in note for note in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with 401k balances", set()),
        ("clients with a 529 plan", set()),
        ("customers with 401k balances over 200k", {("investable_assets", "gt", 200_000)}),
    ],
)
def test_a_plan_name_is_no_amount(query, expected):
    assert {c for c in read(query) if c[0] != "interests"} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers whose FICO is at or above 700", ("credit_score", "gte", 700)),
        ("borrowers with credit scores at or below 600", ("credit_score", "lte", 600)),
        ("credit greater than or equal to 700", ("credit_score", "gte", 700)),
        ("income less than or equal to 50k", ("annual_income", "lte", 50_000)),
        ("assets equal to or more than 1M", ("investable_assets", "gte", 1_000_000)),
    ],
)
def test_at_or_and_or_equal_to_include_the_number(query, expected):
    assert read(query) == {expected}


def test_the_hundreds_of_a_range_end_are_no_band():
    assert read("clients with a credit score in the 650 to 700 range") == {
        ("credit_score", "between", (650, 700))
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients supporting at least 4 people", ("dependents", "gte", 4)),
        ("customers providing for 3 or more", ("dependents", "gte", 3)),
        ("clients supporting 2 dependents", ("dependents", "eq", 2)),
    ],
)
def test_people_supported_are_dependents(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query",
    [
        "customers with less-than-stellar credit",
        "customers with not-so-great credit",
        "customers with less than perfect credit",
        "customers who don't have great credit",
        "clients who do not have a good credit score",
    ],
)
def test_a_negated_good_credit_word_is_credit_below_good(query):
    assert read(query) == {("credit_score", "lt", 700)}


def test_a_negated_bad_credit_word_is_reported():
    parsed = parse_query("clients with not bad credit", today=TODAY)
    assert parsed.conditions == ()
    assert any("negated" in note for note in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "clients with more than 500k who earn 100k",
            {("investable_assets", "gt", 500_000), ("annual_income", "gte", 100_000)},
        ),
        (
            "customers holding over $2M and making at least 300k",
            {("investable_assets", "gt", 2_000_000), ("annual_income", "gte", 300_000)},
        ),
        (
            "people over 65 and under 80 earning 40k+",
            {("age", "gt", 65), ("age", "lt", 80), ("annual_income", "gte", 40_000)},
        ),
    ],
)
def test_a_number_naming_no_field_is_guessed_after_the_named_ones(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("income of about 100k", ("annual_income", "between", (90_000, 110_000))),
        ("roughly 500k in assets", ("investable_assets", "between", (450_000, 550_000))),
        ("clients with a credit score of around 720", ("credit_score", "between", (700, 740))),
        ("customers with ~1M in assets", ("investable_assets", "between", (900_000, 1_100_000))),
        ("about 3 kids", ("dependents", "eq", 3)),
        ("credit around 840", ("credit_score", "between", (820, 850))),
    ],
)
def test_a_number_said_roughly_is_a_band_around_it(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize("query", ["about 30 days ago", "clients about 65"])
def test_a_rough_number_naming_no_field_is_not_guessed(query):
    assert read(query) == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients with $1-2M investable", ("investable_assets", "between", (1_000_000, 2_000_000))),
        ("clients with assets of 1.5-3M", ("investable_assets", "between", (1_500_000, 3_000_000))),
        ("earning 200-300k", ("annual_income", "between", (200_000, 300_000))),
    ],
)
def test_a_multiplier_said_once_covers_both_ends(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with seven-figure incomes", ("annual_income", "gte", 1_000_000)),
        ("clients with 200k+ incomes", ("annual_income", "gte", 200_000)),
        ("customers with six-figure salaries", ("annual_income", "gte", 100_000)),
    ],
)
def test_incomes_plural_name_the_income(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query", ["customers born in the nineteen eighties", "clients born in nineteen sixty"]
)
def test_a_year_said_in_words_is_no_number(query):
    parsed = parse_query(query, today=TODAY)
    assert parsed.conditions == () and parsed.ignored == ()


@pytest.mark.parametrize(
    "query",
    [
        "credit above 850",
        "a FICO over 850",
        "more than 8 kids",
        "credit below 300",
        "under 0 kids",
        "aged over 120",
    ],
)
def test_a_comparison_no_customer_can_meet_is_reported_not_searched(query):
    parsed = parse_query(query, today=TODAY)
    assert parsed.conditions == ()
    assert any("no customer can meet it" in reason for reason in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("credit 850 or more", ("credit_score", "gte", 850)), ("8 or more kids", ("dependents", "gte", 8))],
)
def test_a_comparison_at_the_fields_end_is_still_read(query, expected):
    assert read(query) == {expected}
