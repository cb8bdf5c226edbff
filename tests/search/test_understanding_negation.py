"""Exclusion, negation and "only" (issue 16): one list of exclusion cues read by every concept's
reader as the opposite, "only" within a kind of product, and products held with us or elsewhere."""

import pytest

from search.understanding import parse_query
from tests.search.readings import TODAY, read

LOANS = ("auto_loan", "business_loan", "home_equity_line", "mortgage", "personal_loan")


def interests(query: str) -> set[str]:
    return {v for s in parse_query(query, today=TODAY).signals for v in s.value}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "clients with at least $2M in investable assets, except those already in wealth management",
            ("products", "not_contains_any", ("wealth_management",)),
        ),
        (
            "affluent clients excluding the ones enrolled in wealth management",
            ("products", "not_contains_any", ("wealth_management",)),
        ),
        (
            "clients in Texas but not the ones with a mortgage",
            ("products", "not_contains_any", ("mortgage",)),
        ),
        (
            "savers, leaving out anyone who has a credit card",
            ("products", "not_contains_any", ("credit_card", "premium_credit_card")),
        ),
        (
            "everyone with a checking account apart from mortgage holders",
            ("products", "not_contains_any", ("mortgage",)),
        ),
        (
            "checking customers not counting those who hold a CD",
            ("products", "not_contains_any", ("certificate_of_deposit",)),
        ),
        (
            "clients with savings minus anybody who owns a brokerage account",
            ("products", "not_contains_any", ("brokerage",)),
        ),
    ],
)
def test_an_excluded_product_is_not_held(query, expected):
    conditions = read(query)
    assert expected in conditions
    assert not any(c[0] == "products" and c[1] == "contains" and c[2] in expected[2] for c in conditions)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers over 50 excluding retirees", ("employment_status", "not_in", ("retired",))),
        ("high earners not counting retirees", ("employment_status", "not_in", ("retired",))),
        ("leave out the students", ("employment_status", "not_in", ("student",))),
        (
            "everyone under 40 with the exception of the self-employed",
            ("employment_status", "not_in", ("self_employed",)),
        ),
        (
            "clients with a mortgage, save for those who are unemployed",
            ("employment_status", "not_in", ("unemployed",)),
        ),
        ("affluent clients minus anyone on mobile", ("preferred_channel", "not_in", ("mobile",))),
        ("customers leaving out those who prefer the branch", ("preferred_channel", "not_in", ("branch",))),
        ("clients other than Texas", ("state", "not_in", ("TX",))),
        ("mortgage holders apart from those in Ohio", ("state", "not_in", ("OH",))),
        ("savings customers with the exception of Texans", ("state", "not_in", ("TX",))),
        ("clients excluding aggressive investors", ("risk_tolerance", "not_in", ("aggressive",))),
        ("everyone except conservative investors", ("risk_tolerance", "not_in", ("conservative",))),
    ],
)
def test_an_excluded_code_is_not_in(query, expected):
    conditions = read(query)
    assert expected in conditions
    assert not any(c[0] == expected[0] and c[1] == "in" for c in conditions)


@pytest.mark.parametrize(
    ("query", "segments"),
    [
        ("mass affluent and affluent clients except the affluent ones", ("mass_affluent",)),
        ("clients other than high net worth", ("affluent", "mass_affluent", "mass_market")),
        ("everyone excluding the mass market", ("affluent", "high_net_worth", "mass_affluent")),
    ],
)
def test_an_excluded_segment_is_left_out(query, segments):
    conditions = {c for c in read(query) if c[0] == "segment"}
    admitted = set(segments)
    assert conditions in (
        {("segment", "in", tuple(sorted(admitted)))},
        {
            (
                "segment",
                "not_in",
                tuple(sorted({"affluent", "high_net_worth", "mass_affluent", "mass_market"} - admitted)),
            )
        },
    )


@pytest.mark.parametrize(
    "query",
    [
        "clients except those interested in travel",
        "everyone apart from people curious about investing",
        "clients over 40, excluding those who want to buy a home",
    ],
)
def test_an_excluded_interest_is_never_read_as_wanted(query):
    assert not interests(query) & {"travel", "investing", "home_buying"}


@pytest.mark.parametrize(
    "query",
    [
        "everyone excluding anyone who joined in the last year",
        "customers except first-time buyers",
        "clients apart from nurses",
    ],
)
def test_what_no_reader_can_exclude_is_not_read_as_the_positive(query):
    conditions = read(query)
    assert not any(c[0] in ("age", "customer_since", "occupation") for c in conditions)
    assert ("products", "not_contains_any", ("mortgage",)) not in conditions


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients except those over 65", ("age", "lte", 65)),
        ("customers excluding anyone with a credit score under 600", ("credit_score", "gte", 600)),
        ("everyone except the top earners", ("annual_income", "lt", 150_000)),
    ],
)
def test_an_excluded_bound_is_read_as_its_opposite(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients who save for retirement", set()),
        (
            "customers with no products other than savings",
            {("products", "contains", "savings"), ("products", "contained_by", ("savings",))},
        ),
        (
            "clients over 60 but not retired",
            {("age", "gt", 60), ("employment_status", "not_in", ("retired",))},
        ),
        (
            "clients in Texas, excluding retirees, with a mortgage",
            {
                ("state", "in", ("TX",)),
                ("employment_status", "not_in", ("retired",)),
                ("products", "contains", "mortgage"),
            },
        ),
        ("clients who want to take out a mortgage", {("products", "not_contains_any", ("mortgage",))}),
        (
            "apart from their mortgage, clients with no other loans",
            {
                ("products", "contains", "mortgage"),
                ("products", "not_contains_any", tuple(sorted(set(LOANS) - {"mortgage"}))),
            },
        ),
        (
            "aside from a car loan they have no other loans",
            {
                ("products", "contains", "auto_loan"),
                ("products", "not_contains_any", tuple(sorted(set(LOANS) - {"auto_loan"}))),
            },
        ),
    ],
)
def test_an_exclusion_ends_with_its_clause_and_is_not_read_where_it_is_no_exclusion(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    ("query", "held", "not_held"),
    [
        ("people whose only loan with us is a car loan", "auto_loan", set(LOANS) - {"auto_loan"}),
        ("clients whose only loan is a mortgage", "mortgage", set(LOANS) - {"mortgage"}),
        ("a HELOC is their only loan with us", "home_equity_line", set(LOANS) - {"home_equity_line"}),
        (
            "customers with a personal loan as their only loan",
            "personal_loan",
            set(LOANS) - {"personal_loan"},
        ),
        ("clients with a car loan and no other loans", "auto_loan", set(LOANS) - {"auto_loan"}),
        ("customers with no loans other than a mortgage", "mortgage", set(LOANS) - {"mortgage"}),
        (
            "clients who don't have any loans besides a business loan",
            "business_loan",
            set(LOANS) - {"business_loan"},
        ),
        ("their only card is a basic credit card", "credit_card", {"premium_credit_card"}),
        ("the only card they carry is a rewards card", "premium_credit_card", {"credit_card"}),
        (
            "the only investment account they have is an IRA",
            "retirement_ira",
            {"brokerage", "wealth_management"},
        ),
        (
            "whose only investment with us is a brokerage account",
            "brokerage",
            {"retirement_ira", "wealth_management"},
        ),
        (
            "whose only deposit account is a CD",
            "certificate_of_deposit",
            {"checking", "savings", "money_market", "business_checking"},
        ),
    ],
)
def test_only_within_a_kind_holds_it_and_no_other_of_that_kind(query, held, not_held):
    conditions = read(query)
    assert ("products", "contains", held) in conditions
    assert ("products", "not_contains_any", tuple(sorted(not_held))) in conditions
    assert not any(c[1] == "contained_by" for c in conditions)


@pytest.mark.parametrize(
    ("query", "held", "not_held"),
    [
        (
            "owners who took a business loan from us but bank their business checking somewhere else",
            "business_loan",
            "business_checking",
        ),
        ("people who got a car loan from us but keep their savings at another bank", "auto_loan", "savings"),
        (
            "clients who opened a CD with us and have their mortgage elsewhere",
            "certificate_of_deposit",
            "mortgage",
        ),
        (
            "customers whose checking is with us but whose mortgage is with a competitor",
            "checking",
            "mortgage",
        ),
        (
            "clients who bought life insurance from us but have a brokerage account at a different firm",
            "life_insurance",
            "brokerage",
        ),
    ],
)
def test_held_with_us_and_held_elsewhere(query, held, not_held):
    conditions = read(query)
    assert ("products", "contains", held) in conditions
    assert ("products", "not_contains_any", (not_held,)) in conditions


@pytest.mark.parametrize(
    "query",
    [
        "clients who have their mortgage elsewhere",
        "customers whose mortgage is at a competitor",
        "clients with a mortgage with another lender",
        "people whose mortgage is held at a credit union",
    ],
)
def test_a_product_held_elsewhere_is_not_held(query):
    assert read(query) == {("products", "not_contains_any", ("mortgage",))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("everyone but retirees", ("employment_status", "not_in", ("retired",))),
        ("all clients but the retired ones", ("employment_status", "not_in", ("retired",))),
        ("anyone but HNW", ("segment", "not_in", ("high_net_worth",))),
        ("clients outside of California and Texas", ("state", "not_in", ("CA", "TX"))),
        ("customers outside the mass market", ("segment", "not_in", ("mass_market",))),
    ],
)
def test_but_after_the_whole_book_and_outside_leave_a_group_out(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients whose mortgage isn't with us", {("products", "not_contains_any", ("mortgage",))}),
        ("clients with a mortgage but not with us", {("products", "not_contains_any", ("mortgage",))}),
        ("customers who never took out a loan with us", {("products", "not_contains_any", LOANS)}),
        ("clients who didn't take out a mortgage", {("products", "not_contains_any", ("mortgage",))}),
        ("clients who keep their savings outside the bank", {("products", "not_contains_any", ("savings",))}),
    ],
)
def test_a_product_not_taken_with_us_is_not_held(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    ("query", "held"),
    [
        ("customers whose one and only loan is a HELOC", "home_equity_line"),
        ("the only loan on their books is an auto loan", "auto_loan"),
        ("clients whose only loan product is a personal loan", "personal_loan"),
        ("people with just one loan, a car loan", "auto_loan"),
        ("clients with only one loan: a mortgage", "mortgage"),
    ],
)
def test_one_loan_of_a_kind_said_in_other_words(query, held):
    assert read(query) == {
        ("products", "contains", held),
        ("products", "not_contains_any", tuple(sorted(set(LOANS) - {held}))),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "Excluding retirees show me everyone with a mortgage",
            {("employment_status", "not_in", ("retired",)), ("products", "contains", "mortgage")},
        ),
        (
            "not counting students, which clients have a car loan",
            {("employment_status", "not_in", ("student",)), ("products", "contains", "auto_loan")},
        ),
        (
            "leave out Texas then list clients with savings",
            {("state", "not_in", ("TX",)), ("products", "contains", "savings")},
        ),
        ("clients except those who have a mortgage", {("products", "not_contains_any", ("mortgage",))}),
    ],
)
def test_a_request_after_an_exclusion_is_not_excluded(query, expected):
    assert read(query) == expected
