"""Phrasing families the parser misread (issue 16): each fix is lexicon data or a reader rule, tested
on several phrasings of the family, never on one string."""

import pytest

from search.understanding import parse_query
from search.understanding.lexicon.places import STATE_NICKNAMES
from tests.search.readings import TODAY, read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with a sub-600 FICO", ("credit_score", "lt", 600)),
        ("sub 650 credit scores", ("credit_score", "lt", 650)),
        ("clients with a sub-700 credit score", ("credit_score", "lt", 700)),
        ("borrowers with under-620 credit scores", ("credit_score", "lt", 620)),
        ("anyone with below-580 credit", ("credit_score", "lt", 580)),
    ],
)
def test_sub_and_hyphenated_comparisons_bound_from_above(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients with investable assets over a quarter million", ("investable_assets", "gt", 250_000)),
        ("more than a quarter-million in assets", ("investable_assets", "gt", 250_000)),
        ("customers with over half a million in savings", ("investable_assets", "gt", 500_000)),
        ("north of three quarters of a million in assets", ("investable_assets", "gt", 750_000)),
        ("at least a million and a half invested", ("investable_assets", "gte", 1_500_000)),
        ("assets under a couple million", ("investable_assets", "lt", 2_000_000)),
        ("earning more than a hundred grand", ("annual_income", "gt", 100_000)),
        ("clients with less than five grand in the bank", ("investable_assets", "lt", 5_000)),
        ("customers with twenty thousand in savings", ("investable_assets", "gte", 20_000)),
        ("customers with a couple of million in the bank", ("investable_assets", "gte", 2_000_000)),
        ("over half a mil in deposits", ("investable_assets", "gt", 500_000)),
    ],
)
def test_amounts_in_words_are_read_whole(query, expected):
    parsed = parse_query(query, today=TODAY)
    assert read(query) == {expected}
    assert not any(word in " ".join(parsed.leftover) for word in ("quarter", "million", "half", "grand"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banked here more than 30 years", ("tenure_years", "gt", 30)),
        ("customers who have been with us over 15 years", ("tenure_years", "gt", 15)),
        ("clients banking with us for at least 10 years", ("tenure_years", "gte", 10)),
        ("people who stayed with the bank more than 25 years", ("tenure_years", "gt", 25)),
        ("clients here for over 20 years", ("tenure_years", "gt", 20)),
        ("customers we've had for over fifteen years", ("tenure_years", "gt", 15)),
    ],
)
def test_years_banking_here_are_tenure_not_age(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query",
    [
        "interested in retirement planning",
        "clients interested in retirement",
        "customers who want help in retirement planning",
        "people investing in retirement accounts",
        "customers who care about saving in retirement plans",
    ],
)
def test_retirement_as_an_interest_is_not_being_retired(query):
    assert not any(field == "employment_status" for field, _, _ in read(query))


@pytest.mark.parametrize("query", ["customers in retirement", "clients already in retirement", "retirees"])
def test_being_in_retirement_is_still_retired(query):
    assert ("employment_status", "in", ("retired",)) in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients pulling in over $150k", ("annual_income", "gt", 150_000)),
        ("customers bringing home more than 90k a year", ("annual_income", "gt", 90_000)),
        ("people taking home at least $80k", ("annual_income", "gte", 80_000)),
        ("clients raking in over 300k", ("annual_income", "gt", 300_000)),
        ("customers grossing more than $200k", ("annual_income", "gt", 200_000)),
        ("employees on a salary of over 120k", ("annual_income", "gt", 120_000)),
        ("clients whose pay tops 200k", ("annual_income", "gt", 200_000)),
        ("customers with a salary clearing $90k", ("annual_income", "gt", 90_000)),
        ("income surpassing 150k", ("annual_income", "gt", 150_000)),
    ],
)
def test_everyday_income_verbs_read_as_income(query, expected):
    assert expected in read(query)
    assert "home" not in " ".join(parse_query(query, today=TODAY).leftover)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("clients in the Lone Star State", "TX"),
        ("Golden State customers", "CA"),
        ("retirees in the Sunshine State", "FL"),
        ("customers from the Empire State", "NY"),
        ("Garden State business owners", "NJ"),
        ("anyone in the Keystone State or the Buckeye State", "OH"),
    ],
)
def test_state_nicknames_read_as_the_state(query, code):
    [states] = [value for field, op, value in read(query) if field == "state" and op == "in"]
    assert code in states


@pytest.mark.parametrize(("nickname", "code"), sorted(STATE_NICKNAMES.items()))
def test_every_nickname_in_the_lexicon_names_its_state(nickname, code):
    assert ("state", "in", (code,)) in read(f"customers in {nickname}")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with investable wealth shy of 50k", ("investable_assets", "lt", 50_000)),
        ("credit scores just short of 700", ("credit_score", "lt", 700)),
        ("income just shy of $100k", ("annual_income", "lt", 100_000)),
    ],
)
def test_shy_of_and_short_of_bound_from_above(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "least"),
    [
        ("clients with a house full of kids", 3),
        ("customers with a big brood", 3),
        ("families with lots of children", 3),
        ("parents with a houseful of kids", 3),
        ("customers with little ones", 1),
        ("people with mouths to feed", 1),
        ("clients with kids to feed", 1),
    ],
)
def test_everyday_words_for_children_read_as_dependents(query, least):
    assert ("dependents", "gte", least) in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "business owners without business chequing",
            ("products", "not_contains_any", ("business_checking",)),
        ),
        ("clients with 2 or more dependants", ("dependents", "gte", 2)),
        ("retirees holding GICs", ("products", "contains", "certificate_of_deposit")),
        ("clients in our wealth management programme", ("products", "contains", "wealth_management")),
    ],
)
def test_british_and_canadian_words_read_as_ours(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("out-of-work clients", ("employment_status", "in", ("unemployed",))),
        ("fair-credit customers", ("credit_score", "between", (580, 669))),
        ("high-income clients", ("annual_income", "gte", 150_000)),
        ("clients with a middle-of-the-road attitude to risk", ("risk_tolerance", "in", ("moderate",))),
    ],
)
def test_a_hyphenated_phrase_reads_as_its_words(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    "query",
    ["clients who prefer to be rung", "customers who like getting phoned", "people who'd rather be called"],
)
def test_being_rung_or_called_is_the_phone_channel(query):
    assert ("preferred_channel", "in", ("phone",)) in read(query)
