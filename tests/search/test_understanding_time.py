"""Time and age in RMs' words (issue 16): the last contact, tenure and age, each a family of
phrasings; conditions asserted as read (field, op, value). Today is 24 November 2026."""

import pytest

from search.understanding import parse_query
from tests.search.readings import TODAY, read


def not_since(day: str) -> tuple:
    return ("last_contact_date", "before_or_never", day)


def since(day: str) -> tuple:
    return ("last_contact_date", "gte", day)


NEVER = ("last_contact_date", "eq", None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("business owners not touched in 90 days", not_since("2026-08-26")),
        ("clients we haven't touched base with in 3 months", not_since("2026-08-24")),
        ("customers nobody has followed up with in the last 6 weeks", not_since("2026-10-13")),
        ("clients we haven't had any contact with in the last quarter", not_since("2026-08-24")),
        ("customers we haven't checked in with for over a year", not_since("2025-11-24")),
    ],
)
def test_no_contact_in_a_period_in_more_verbs(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phone people we have spoken with recently, say in the last two weeks", since("2026-11-10")),
        ("clients we talked to lately, in the past 30 days", since("2026-10-25")),
        ("customers we called, roughly in the last 2 months", since("2026-09-24")),
        ("who did I call last week", since("2026-11-17")),
        ("clients we met with this year", since("2026-01-01")),
    ],
)
def test_recent_contact_with_words_before_the_period(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("business owners we have talked to since the start of September", since("2026-09-01")),
        ("clients contacted since the beginning of March", since("2026-03-01")),
        ("clients we've called since the 3rd of March 2026", since("2026-03-03")),
        ("customers spoken to since June 15", since("2026-06-15")),
        (
            "retirees we haven't been in touch with at all since the beginning of this year",
            not_since("2026-01-01"),
        ),
        ("clients we haven't spoken to yet this year", not_since("2026-01-01")),
        ("customers not contacted so far this month", not_since("2026-11-01")),
        ("customers nobody has phoned since the start of the year", not_since("2026-01-01")),
    ],
)
def test_contact_since_the_start_of_a_month_or_year(query, expected):
    assert expected in read(query)
    assert len([c for c in read(query) if c[0] == "last_contact_date"]) == 1


@pytest.mark.parametrize(
    "query",
    [
        "the affluent clients that nobody has ever reached out to",
        "customers no one has ever called",
        "clients we've never once spoken to",
        "customers we have never contacted",
        "clients with no record of contact",
    ],
)
def test_never_contacted_said_many_ways(query):
    assert NEVER in read(query)


@pytest.mark.parametrize(
    "query",
    [
        "customers never been in touch with at all since March",
        "clients never contacted in 2 years",
        "clients we haven't ever spoken to in the last year",
    ],
)
def test_never_before_a_period_is_no_contact_in_that_period(query):
    assert NEVER not in read(query)


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("mortgage holders who haven't heard from us in over a year", ("products", "contains", "mortgage")),
        ("retirees who haven't heard from us in 6 months", ("employment_status", "in", ("retired",))),
        ("savings holders we haven't called since March", ("products", "contains", "savings")),
    ],
)
def test_no_contact_negates_only_the_contact(query, kept):
    found = read(query)
    assert kept in found
    assert any(c[0] == "last_contact_date" for c in found)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("clients not contacted since February 30", "February has no day 30"),
        ("clients contacted since April 31st", "April has no day 31"),
        ("called last week and never contacted", "no customer can meet them all"),
        (
            "clients contacted in the last month but not called in the last year",
            "no customer can meet them all",
        ),
        ("customers spoken to since December 2026", "in the future"),
        ("never contacted and last contacted over a year ago", "no customer can meet them all"),
        ("clients called in October that nobody has ever called", "no customer can meet them all"),
    ],
)
def test_impossible_contact_dates_are_reported_not_searched(query, reason):
    parsed = parse_query(query, today=TODAY)
    assert not any(c.field == "last_contact_date" for c in parsed.conditions)
    assert any(reason in note for note in parsed.ignored)


def test_contact_since_march_but_not_lately_is_a_window():
    assert read("clients contacted since March but not spoken to in the last month") == {
        since("2026-03-01"),
        not_since("2026-10-24"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who have been with us for decades", ("tenure_years", "gte", 20)),
        ("clients who've banked here for a couple of decades", ("tenure_years", "gte", 20)),
        ("customers with us for more than a decade", ("tenure_years", "gt", 10)),
        ("two decades with the bank", ("tenure_years", "gte", 20)),
        ("clients loyal for three decades or more", ("tenure_years", "gte", 30)),
    ],
)
def test_tenure_in_decades(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients with us less than 3 years", ("tenure_years", "lt", 3)),
        ("mass market clients with us 10+ years", ("tenure_years", "gte", 10)),
        ("customers with the bank over 15 years", ("tenure_years", "gt", 15)),
        ("customers who've been with us forever, 25 years or more", ("tenure_years", "gte", 25)),
        ("20+ years with the bank", ("tenure_years", "gte", 20)),
        ("customers for 10+ years", ("tenure_years", "gte", 10)),
        ("clients loyal for 15 years", ("tenure_years", "gte", 15)),
    ],
)
def test_tenure_said_with_the_place_and_no_for(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    "query", ["customers with us over 50 years old", "customers 20 years or more", "clients with us under 40"]
)
def test_years_without_a_tenure_place_are_not_tenure(query):
    assert not any(c[0] == "tenure_years" for c in read(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who signed on in the last two years", ("tenure_years", "lt", 2)),
        ("customers who started banking with us in the past two years", ("tenure_years", "lt", 2)),
        ("clients who came on board within the last 3 years", ("tenure_years", "lt", 3)),
        ("people who switched to us in the past year", ("tenure_years", "lt", 1)),
        ("brand new clients (less than a year)", ("tenure_years", "lt", 1)),
        ("new customers, less than a year with us", ("tenure_years", "lt", 1)),
        ("customers who joined less than a year ago", ("tenure_years", "lt", 1)),
    ],
)
def test_joined_recently(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query", ["clients who joined recently", "customers new to the bank", "brand new clients"]
)
def test_joined_recently_in_vague_words_is_new_customers(query):
    assert ("tenure_years", "lte", 0) in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients who have stuck with the bank since the nineties", ("customer_since", "lte", "1999-12-31")),
        ("customers here since the early 2000s", ("customer_since", "lte", "2003-12-31")),
        ("clients with us since the 80s", ("customer_since", "lte", "1989-12-31")),
        ("members since before the nineties", ("customer_since", "lt", "1990-01-01")),
    ],
)
def test_tenure_since_a_decade(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query", ["customers since 2030", "clients with us since 2031", "customers since after 2027"]
)
def test_a_future_joining_year_is_reported(query):
    parsed = parse_query(query, today=TODAY)
    assert not parsed.conditions
    assert any("in the future" in note or "between" in note for note in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who haven't hit 30 yet", ("age", "lt", 30)),
        ("clients who have not yet turned 40", ("age", "lt", 40)),
        ("people shy of their 40th birthday", ("age", "lt", 40)),
        ("clients just short of their fiftieth birthday", ("age", "lt", 50)),
        ("customers under the age of 30", ("age", "lt", 30)),
        ("clients below age 25", ("age", "lt", 25)),
        ("customers not yet 30 years old", ("age", "lt", 30)),
        ("customers yet to reach 60", ("age", "lt", 60)),
    ],
)
def test_not_yet_an_age(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("people who have turned sixty-five", ("age", "gte", 65)),
        ("customers who already hit 50", ("age", "gte", 50)),
        ("clients past their 65th birthday", ("age", "gte", 65)),
        ("clients who've reached seventy", ("age", "gte", 70)),
        ("clients over the age of 65", ("age", "gt", 65)),
        ("the over-seventy crowd", ("age", "gt", 70)),
        ("customers older than forty-five", ("age", "gt", 45)),
    ],
)
def test_an_age_reached(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query",
    [
        "clients who haven't reached 700 on their credit score",
        "accounts not yet 30 days past due",
        "customers who hit 50k in savings",
        "clients who reached 20 years with the bank",
    ],
)
def test_a_milestone_of_another_field_is_no_age(query):
    assert not any(c[0] == "age" for c in read(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("20-somethings on mobile", ("age", "between", (20, 29))),
        ("30somethings", ("age", "between", (30, 39))),
        ("seventy-something clients", ("age", "between", (70, 79))),
        ("25-35 year olds", ("age", "between", (25, 35))),
        ("65-year-olds", ("age", "eq", 65)),
        ("30 to 40-year-olds", ("age", "between", (30, 40))),
        ("clients aged between 40 and 55", ("age", "between", (40, 55))),
    ],
)
def test_age_groups(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    "query",
    ["customers of retirement age", "people past retirement age", "clients who have reached retirement age"],
)
def test_retirement_age_reached_is_seniors(query):
    assert ("age", "gte", 65) in read(query)


def test_nearing_retirement_age_is_not_reached():
    assert ("age", "gte", 65) not in read("clients nearing retirement age")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients whose last contact was over 6 months ago", ("last_contact_date", "lt", "2026-05-24")),
        ("customers last contacted more than a year ago", ("last_contact_date", "lt", "2025-11-24")),
        ("clients we last spoke to before March", ("last_contact_date", "lt", "2026-03-01")),
        (
            "mortgage holders whose most recent call was over 90 days ago",
            ("last_contact_date", "lt", "2026-08-26"),
        ),
        ("clients last contacted less than 30 days ago", since("2026-10-25")),
        ("customers last seen over a year ago", ("last_contact_date", "lt", "2025-11-24")),
        ("clients we last met more than 6 months ago", ("last_contact_date", "lt", "2026-05-24")),
    ],
)
def test_the_last_contact_itself_excludes_the_never_contacted(query, expected):
    assert expected in read(query)
    assert NEVER not in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers we spoke with in the past fortnight", since("2026-11-10")),
        ("clients contacted earlier this month", since("2026-11-01")),
        ("people I reached out to yesterday", since("2026-11-23")),
        ("clients called this week", since("2026-11-23")),
        ("customers with no contact since last spring", not_since("2026-03-01")),
        ("clients not contacted since the summer", not_since("2026-06-01")),
        ("customers who've gone 6 months without a call", not_since("2026-05-24")),
        ("clients who went over a year without hearing from us", not_since("2025-11-24")),
    ],
)
def test_more_periods_and_seasons(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    ("query", "first", "after"),
    [
        ("clients we spoke to in October", "2026-10-01", "2026-11-01"),
        ("customers we called back in December", "2025-12-01", "2026-01-01"),
        ("clients last contacted in March 2025", "2025-03-01", "2025-04-01"),
    ],
)
def test_contacted_in_a_month_is_that_month_not_a_place(query, first, after):
    assert read(query) == {since(first), ("last_contact_date", "lt", after)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who joined in 2019", ("customer_since", "between", ("2019-01-01", "2019-12-31"))),
        (
            "customers who joined back in the nineties",
            ("customer_since", "between", ("1990-01-01", "1999-12-31")),
        ),
        ("clients who opened their account before 2010", ("customer_since", "lt", "2010-01-01")),
        (
            "customers who became clients last year",
            ("customer_since", "between", ("2025-01-01", "2025-12-31")),
        ),
        ("clients onboarded this year", ("customer_since", "between", ("2026-01-01", "2026-11-24"))),
        ("accounts opened in the last 6 months", ("customer_since", "gte", "2026-05-24")),
    ],
)
def test_when_a_customer_joined(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers of 15+ years", ("tenure_years", "gte", 15)),
        ("relationships older than 10 years", ("tenure_years", "gt", 10)),
        ("clients with at least a decade of history with us", ("tenure_years", "gte", 10)),
        ("our longest-tenured clients", ("tenure_years", "gte", 10)),
    ],
)
def test_more_tenure_words(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("newer clients who joined within the past 18 months", {("customer_since", "gte", "2025-05-24")}),
        ("long-time customers since 2005", {("customer_since", "lte", "2005-12-31")}),
        ("new clients who joined in 2025", {("customer_since", "between", ("2025-01-01", "2025-12-31"))}),
    ],
)
def test_a_stated_joining_date_overrides_a_vague_tenure_word(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize("query", ["clients in the 90s", "customers in 2019", "customers who joined in 2031"])
def test_in_a_year_is_a_joining_date_only_after_a_joining_verb(query):
    assert not any(c[0] == "customer_since" for c in read(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients no older than 35", ("age", "lte", 35)),
        ("customers no younger than 60", ("age", "gte", 60)),
        ("people not older than the age of 40", ("age", "lte", 40)),
        ("customers who are 70 years of age or older", ("age", "gte", 70)),
        ("customers 65 years old or more", ("age", "gte", 65)),
        ("clients between the ages of 30 and 45", ("age", "between", (30, 45))),
    ],
)
def test_age_comparisons_said_in_full(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers in their early to mid 40s", (40, 46)),
        ("clients in their mid-to-late 30s", (34, 39)),
        ("customers in their late 20s or early 30s", (27, 33)),
    ],
)
def test_spans_of_a_decade(query, expected):
    assert read(query) == {("age", "between", expected)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("retirement-age customers", ("age", "gte", 65)),
        ("customers younger than retirement age", ("age", "lte", 64)),
        ("clients below retirement age", ("age", "lte", 64)),
        ("working-age clients", ("age", "lte", 64)),
    ],
)
def test_retirement_age_as_a_bound(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("people contacted more than 6 months ago", ("last_contact_date", "lt", "2026-05-24")),
        ("clients we called over a year ago", ("last_contact_date", "lt", "2025-11-24")),
        ("customers we called less than 2 weeks ago", since("2026-11-10")),
    ],
)
def test_contacted_some_time_ago(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query",
    [
        "clients not spoken to in October",
        "clients we haven't called in March",
        "customers not contacted in June 2025",
    ],
)
def test_no_contact_in_a_month_is_reported_not_a_city(query):
    parsed = parse_query(query, today=TODAY)
    assert not parsed.conditions
    assert parsed.ignored


@pytest.mark.parametrize(
    "query", ["clients not contacted more than a year ago", "customers not called less than a month ago"]
)
def test_a_not_before_an_ago_is_not_dropped(query):
    assert not read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who turned 65 this year", ("age", "eq", 65)),
        ("clients who turned 18 in the last year", ("age", "eq", 18)),
        ("people who recently turned 50", ("age", "eq", 50)),
        ("clients who just turned sixty", ("age", "eq", 60)),
    ],
)
def test_turned_an_age_lately_is_that_age(query, expected):
    assert expected in read(query)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("clients contacted since 31 June", "June has no day 31"),
        ("customers under the age of 0", "younger than 0"),
        ("contacted in the last 0 days", "no time"),
        ("people shy of their 200th birthday", "age must be"),
        ("customers since 1800", "customers joined between"),
    ],
)
def test_impossible_times_are_reported(query, reason):
    parsed = parse_query(query, today=TODAY)
    assert not parsed.conditions
    assert any(reason in note for note in parsed.ignored)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients not contacted since 12 months", not_since("2025-11-24")),
        ("customers not called since 3 months ago", not_since("2026-08-24")),
        ("clients contacted since a week", since("2026-11-17")),
        ("customers not contacted since 2 March", not_since("2026-03-02")),
    ],
)
def test_since_a_period_as_many_rms_write_it(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("not contacted in 90d", not_since("2026-08-26")),
        ("no contact 6mo+", not_since("2026-05-24")),
        ("clients w/ no contact in 12+ months", not_since("2025-11-24")),
        ("no touch in 90+ days", not_since("2026-08-26")),
        ("not contacted in 90 days or more", not_since("2026-08-26")),
        ("last contact > 1 yr", ("last_contact_date", "lt", "2025-11-24")),
        ("contacted w/in 30 days", since("2026-10-25")),
    ],
)
def test_contact_periods_in_shorthand(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize("query", ["over 60 days", "customers 30-60 days out", "anything past 90+ days"])
def test_a_number_of_days_is_never_an_age(query):
    assert not any(c[0] == "age" for c in read(query))


def born(first: str, last: str | None = None, op: str = "between") -> tuple:
    return ("date_of_birth", op, (first, last)) if op == "between" else ("date_of_birth", op, first)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients born between 1980 and 1990", born("1980-01-01", "1990-12-31")),
        ("born between 1990 and 1980", born("1980-01-01", "1990-12-31")),
        ("born from 1975 to 1985", born("1975-01-01", "1985-12-31")),
        ("people born after the year 2000", born("2001-01-01", op="gte")),
        ("customers born in or after 1995", born("1995-01-01", op="gte")),
        ("customers born 1960 or earlier", born("1960-12-31", op="lte")),
        ("customers born in '85", born("1985-01-01", "1985-12-31")),
        ("born in the eighties", born("1980-01-01", "1989-12-31")),
    ],
)
def test_birth_years_said_many_ways(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("octogenarians", (80, 89)),
        ("septuagenarian clients", (70, 79)),
        ("clients who are teenagers", (18, 19)),
        ("customers in their late teens", (18, 19)),
    ],
)
def test_ages_named_by_a_noun(query, expected):
    assert read(query) == {("age", "between", expected)}


@pytest.mark.parametrize(
    "query", ["parents of teens", "families with teenagers", "customers with teenage kids"]
)
def test_teens_who_are_children_are_no_age_of_the_customer(query):
    assert not any(c[0] == "age" for c in read(query))


@pytest.mark.parametrize(
    "query",
    [
        "new clients we haven't called yet",
        "customers who have not been contacted at all",
        "clients nobody has reached out to so far",
        "prospects we have not spoken with to date",
    ],
)
def test_not_yet_contacted_is_never_contacted(query):
    assert NEVER in read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who haven't been seen in a branch in a year", {not_since("2025-11-24")}),
        ("clients not reached by phone in 3 months", {not_since("2026-08-24")}),
        ("clients we haven't met in person since June", {not_since("2026-06-01")}),
    ],
)
def test_how_we_were_in_touch_is_no_channel_preference(query, expected):
    assert read(query) == expected


def test_not_contacted_recently_is_too_vague_to_read():
    assert not read("customers not contacted recently")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients who've been around for 20 years", ("tenure_years", "gte", 20)),
        ("customers with 10 years of history", ("tenure_years", "gte", 10)),
        ("relationship length over 15 years", ("tenure_years", "gt", 15)),
        ("customers who have held accounts with us for 8+ years", ("tenure_years", "gte", 8)),
        ("clients with accounts open for more than 10 years", ("tenure_years", "gt", 10)),
        ("clients with us 2-5 years", ("tenure_years", "between", (2, 5))),
    ],
)
def test_tenure_said_as_history_or_accounts(query, expected):
    assert read(query) == {expected}


def test_a_product_held_for_years_keeps_the_product():
    assert ("products", "contains_any", ("credit_card", "premium_credit_card")) in read(
        "credit card account for 5 years"
    )


@pytest.mark.parametrize(
    "query",
    [
        "recent customers",
        "recently acquired clients",
        "newly onboarded customers",
        "customers who are new to us",
    ],
)
def test_recent_customers_are_new_customers(query):
    assert read(query) == {("tenure_years", "lte", 0)}


@pytest.mark.parametrize(
    "query", ["veteran customers", "customers contacted recently", "clients in the prime of life"]
)
def test_ambiguous_time_words_are_not_read(query):
    assert not read(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers past 65", {("age", "gte", 65)}),
        ("clients well past 70", {("age", "gte", 70)}),
        ("in the past 50 weeks", set()),
        ("the past 45", set()),
    ],
)
def test_past_an_age_but_not_the_past(query, expected):
    assert {c for c in read(query) if c[0] == "age"} == expected


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("customers with 2 kids under 5", ("dependents", "eq", 2)),
        ("parents with kids under 18", ("dependents", "gte", 1)),
        ("customers with children aged 5 to 10", ("dependents", "gte", 1)),
        ("families with daughters younger than 12", ("dependents", "gte", 1)),
    ],
)
def test_childrens_ages_are_reported_never_a_count_or_the_customers_age(query, kept):
    parsed = parse_query(query, today=TODAY)
    assert kept in read(query)
    assert not any(c.field == "age" or (c.field == "dependents" and c.op == "lt") for c in parsed.conditions)
    assert any("children are not on record" in note for note in parsed.ignored)


def test_the_customers_age_next_to_kids_is_still_read():
    assert read("customers under 40 with kids") == {("age", "lt", 40), ("dependents", "gte", 1)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients not contacted since Q2", {not_since("2026-04-01")}),
        ("clients contacted since Q4 2025", {since("2025-10-01")}),
        ("customers contacted in Q3", {since("2026-07-01"), ("last_contact_date", "lt", "2026-10-01")}),
        (
            "clients we called during the summer",
            {since("2026-06-01"), ("last_contact_date", "lt", "2026-09-01")},
        ),
    ],
)
def test_quarters_and_seasons(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers with us less than 6 months", ("customer_since", "gte", "2026-05-24")),
        ("clients who have been customers for under 6 months", ("customer_since", "gte", "2026-05-24")),
        ("clients with less than six months of tenure", ("customer_since", "gte", "2026-05-24")),
        ("joined within 90 days", ("customer_since", "gte", "2026-08-26")),
        ("onboarded in the last 30 days", ("customer_since", "gte", "2026-10-25")),
        ("joined less than 2 years ago", ("customer_since", "gte", "2024-11-24")),
        ("joined over 5 years ago", ("customer_since", "lt", "2021-11-24")),
        ("opened their account more than 10 years ago", ("customer_since", "lt", "2016-11-24")),
    ],
)
def test_tenure_in_months_and_joining_ago(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    "query",
    ["customers for under 6 months", "clients aged 30 with us 6 months", "clients with us for 3 weeks"],
)
def test_months_are_never_read_as_years(query):
    assert not any(c[0] == "tenure_years" or (c[0] == "age" and c[2] != 30) for c in read(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("no meeting in 12 months", not_since("2025-11-24")),
        ("clients without a conversation in the last quarter", not_since("2026-08-24")),
        ("no calls since March", not_since("2026-03-01")),
        ("customers with no check-ins this year", not_since("2026-01-01")),
        ("customers with no interaction in 6 months", not_since("2026-05-24")),
    ],
)
def test_no_contact_said_with_a_noun(query, expected):
    assert read(query) == {expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers in their 60s or older", {("age", "gte", 60)}),
        ("people 60s and up", {("age", "gte", 60)}),
        ("customers in their sixties or older", {("age", "gte", 60)}),
        ("customers in their 30s or younger", {("age", "lte", 39)}),
        (
            "clients in their 40s and over 700 credit",
            {("age", "between", (40, 49)), ("credit_score", "gt", 700)},
        ),
    ],
)
def test_a_decade_left_open(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers turning 65 next year", ("age", "eq", 64)),
        ("customers who will be 70 in the next year", ("age", "eq", 69)),
        ("clients who turn 50 this year", ("age", "between", (49, 50))),
        ("people hitting sixty later this year", ("age", "between", (59, 60))),
    ],
)
def test_an_age_about_to_be_reached(query, expected):
    assert read(query) == {expected}


def test_turning_an_age_with_no_when_is_not_read():
    assert not read("customers turning 65")
