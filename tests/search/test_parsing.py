"""How questions are read: one row per phrasing family, then properties that hold for any text."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.understanding import parse_query

WORKING = ("business_owner", "employed", "self_employed")  # nearing retirement is said of people at work

TODAY = date(2026, 11, 24)


def conditions(query: str) -> set[tuple]:
    """(field, op, value) of each condition; a list of alternatives compares as sorted."""
    parsed = parse_query(query, today=TODAY)
    return {(c.field, c.op, _value(c)) for c in parsed.conditions}


def _value(condition):
    if not isinstance(condition.value, list):
        return condition.value
    return tuple(condition.value if condition.op == "between" else sorted(condition.value))


def signals(query: str) -> list[tuple]:
    return [tuple(s.value) for s in parse_query(query, today=TODAY).signals]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Comparisons, many ways
        ("credit score over 750", {("credit_score", "gt", 750)}),
        ("credit above 680", {("credit_score", "gt", 680)}),
        ("a credit score of at least 700", {("credit_score", "gte", 700)}),
        ("FICO north of 720", {("credit_score", "gt", 720)}),
        ("credit score under 600", {("credit_score", "lt", 600)}),
        ("800+ credit score", {("credit_score", "gte", 800)}),
        ("scores of 650 or higher on credit", {("credit_score", "gte", 650)}),
        ("credit score between 620 and 700", {("credit_score", "between", (620, 700))}),
        ("credit 620-700", {("credit_score", "between", (620, 700))}),
        # Money
        ("earning more than $200k", {("annual_income", "gt", 200_000)}),
        ("income above 200,000", {("annual_income", "gt", 200_000)}),
        ("making 250k a year", {("annual_income", "gte", 250_000)}),
        ("income under 50,000", {("annual_income", "lt", 50_000)}),
        ("earning between $100k and $200k", {("annual_income", "between", (100_000, 200_000))}),
        ("over $1M in investable assets", {("investable_assets", "gt", 1_000_000)}),
        ("a net worth over 2 million", {("investable_assets", "gt", 2_000_000)}),
        ("with at least $1.5m in assets", {("investable_assets", "gte", 1_500_000)}),
        ("with over half a million in assets", {("investable_assets", "gt", 500_000)}),
        ("a credit score in the 700s", {("credit_score", "between", (700, 799))}),
        # Ages
        ("over-60s", {("age", "gte", 60)}),
        ("baby boomers", {("date_of_birth", "between", ("1946-01-01", "1964-12-31"))}),
        ("millennials", {("date_of_birth", "between", ("1981-01-01", "1996-12-31"))}),
        ("in their 30s", {("age", "between", (30, 39))}),
        ("in their thirties", {("age", "between", (30, 39))}),
        ("in their late 20s or early 30s", {("age", "between", (27, 33))}),
        ("aged 60 to 70", {("age", "between", (60, 70))}),
        ("between 45 and 55 years old", {("age", "between", (45, 55))}),
        ("under 40", {("age", "lt", 40)}),
        ("over 65 years old", {("age", "gt", 65)}),
        ("65 and older", {("age", "gte", 65)}),
        ("younger than 30", {("age", "lt", 30)}),
        # Tenure
        ("more than 20 years with us", {("tenure_years", "gt", 20)}),
        ("more than 20 years at the bank", {("tenure_years", "gt", 20)}),
        ("clients who have been with us for over 15 years", {("tenure_years", "gt", 15)}),
        ("joined in the last 2 years", {("tenure_years", "lt", 2)}),
        ("customers since before 2010", {("customer_since", "lt", "2010-01-01")}),
        # Household
        ("three or more kids", {("dependents", "gte", 3)}),
        ("at least two children", {("dependents", "gte", 2)}),
        ("more than 2 dependents", {("dependents", "gt", 2)}),
        ("no kids", {("dependents", "eq", 0)}),
        ("parents", {("dependents", "gte", 1)}),
        ("families with young children", {("dependents", "gte", 1)}),
        ("large families", {("dependents", "gte", 3)}),
        # Vague words from the vocabulary
        ("young customers", {("age", "lte", 35)}),
        ("seniors", {("age", "gte", 65)}),
        ("nearing retirement", {("age", "between", (55, 67)), ("employment_status", "in", WORKING)}),
        ("pre-retirees", {("age", "between", (55, 67)), ("employment_status", "in", WORKING)}),
        ("high-income clients", {("annual_income", "gte", 150_000)}),
        ("high earners", {("annual_income", "gte", 150_000)}),
        ("six-figure earners", {("annual_income", "gte", 100_000)}),
        ("good credit", {("credit_score", "gte", 700)}),
        ("excellent credit", {("credit_score", "gte", 800)}),
        ("poor credit", {("credit_score", "lte", 579)}),
        ("wealthy clients", {("segment", "in", ("affluent", "high_net_worth"))}),
        ("millionaires", {("investable_assets", "gte", 1_000_000)}),
        ("long-standing customers", {("tenure_years", "gte", 10)}),
        # Segments, risk and channel
        ("high net worth clients", {("segment", "in", ("high_net_worth",))}),
        ("HNW clients", {("segment", "in", ("high_net_worth",))}),
        ("mass affluent customers", {("segment", "in", ("mass_affluent",))}),
        ("an aggressive risk appetite", {("risk_tolerance", "in", ("aggressive",))}),
        ("risk-averse clients", {("risk_tolerance", "in", ("conservative",))}),
        ("a moderate risk profile", {("risk_tolerance", "in", ("moderate",))}),
        ("who prefer the branch", {("preferred_channel", "in", ("branch",))}),
        ("mobile app users", {("preferred_channel", "in", ("mobile",))}),
        ("who bank online", {("preferred_channel", "in", ("online",))}),
        ("phone banking customers", {("preferred_channel", "in", ("phone",))}),
        # Places
        ("in Florida", {("state", "in", ("FL",))}),
        ("in Texas or California", {("state", "in", ("CA", "TX"))}),
        ("in FL, AZ or NV", {("state", "in", ("AZ", "FL", "NV"))}),
        ("in New York", {("state", "in", ("NY",))}),
        ("in West Virginia", {("state", "in", ("WV",))}),
        ("outside California", {("state", "not_in", ("CA",))}),
        ("Texans", {("state", "in", ("TX",))}),
        ("customers from Chicago", {("city", "in", ("Chicago",))}),
        ("clients living in San Diego or in Austin", {("city", "in", ("Austin", "San Diego"))}),
        ("on the West Coast", {("state", "in", ("CA", "OR", "WA"))}),
        # Employment
        ("retired customers", {("employment_status", "in", ("retired",))}),
        ("retirees", {("employment_status", "in", ("retired",))}),
        ("students", {("employment_status", "in", ("student",))}),
        ("small business owners", {("employment_status", "in", ("business_owner",))}),
        ("entrepreneurs", {("employment_status", "in", ("business_owner",))}),
        ("self-employed customers", {("employment_status", "in", ("self_employed",))}),
        ("freelancers", {("employment_status", "in", ("self_employed",))}),
        ("unemployed customers", {("employment_status", "in", ("unemployed",))}),
        ("professionals", {("employment_status", "in", ("employed", "self_employed"))}),
        ("non-retired customers", {("employment_status", "not_in", ("retired",))}),
        ("retirees or students", {("employment_status", "in", ("retired", "student"))}),
        # Occupations
        ("nurses and teachers", {("occupation", "icontains_any", ("Nurse", "Teacher"))}),
        # Products held and not held
        ("mortgage holders", {("products", "contains", "mortgage")}),
        ("with a brokerage account", {("products", "contains", "brokerage")}),
        ("who have a savings account", {("products", "contains", "savings")}),
        ("without a mortgage", {("products", "not_contains_any", ("mortgage",))}),
        ("no credit card", {("products", "not_contains_any", ("credit_card", "premium_credit_card"))}),
        ("who don't have a brokerage account yet", {("products", "not_contains_any", ("brokerage",))}),
        ("who do not have a business loan yet", {("products", "not_contains_any", ("business_loan",))}),
        (
            "who might qualify for premium credit cards",
            {("products", "not_contains_any", ("premium_credit_card",))},
        ),
        (
            "without a mortgage or a personal loan",
            {("products", "not_contains_any", ("mortgage", "personal_loan"))},
        ),
        ("first-time home buyers", {("products", "not_contains_any", ("mortgage",))}),
        # Contact
        (
            "customers who haven't been contacted in 6 months",
            {("last_contact_date", "before_or_never", "2026-05-24")},
        ),
        ("clients not contacted in over a year", {("last_contact_date", "before_or_never", "2025-11-24")}),
        # Nothing to read
        ("customers", set()),
        ("", set()),
    ],
)
def test_conditions_read_from_each_phrasing(query, expected):
    assert conditions(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("interested in investment products", [("investing", "wealth_management", "sustainable_investing",
                                                "real_estate_investing")]),
        ("people who care about sustainable or ESG investing", [("sustainable_investing",)]),
        ("saving for their children's college education", [("education_savings",)]),
        ("thinking about estate planning or leaving money to charity",
         [("philanthropy",), ("estate_planning",)]),
        ("who want to build their credit", [("credit_building",)]),
        ("who could use a consolidation loan", [("debt_consolidation",)]),
        ("who like to travel", [("travel",)]),
        ("looking to expand their business", [("small_business",)]),
        ("with rental properties", [("real_estate_investing",)]),
        ("who might want wealth management", [("wealth_management",)]),
        ("first-time home buyers", [("home_buying",)]),
    ],
)  # fmt: skip
def test_interests_are_soft_signals(query, expected):
    assert signals(query) == expected
    assert all(not s.required for s in parse_query(query).signals)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "Find high-income professionals nearing retirement who might be interested in wealth management",
            {
                ("annual_income", "gte", 150_000),
                ("age", "between", (55, 67)),
                ("employment_status", "in", ("employed", "self_employed")),
            },
        ),
        (
            "first-time home buyers under 40 with credit above 680",
            {("age", "lt", 40), ("credit_score", "gt", 680), ("products", "not_contains_any", ("mortgage",))},
        ),
        (
            "customers in their 30s who like to travel and have no credit card",
            {
                ("age", "between", (30, 39)),
                ("products", "not_contains_any", ("credit_card", "premium_credit_card")),
            },
        ),
        (
            "long-standing customers with more than 20 years at the bank who prefer the branch",
            {("tenure_years", "gt", 20), ("preferred_channel", "in", ("branch",))},
        ),
        (
            "wealthy retirees in Florida with excellent credit and no mortgage",
            {
                ("segment", "in", ("affluent", "high_net_worth")),
                ("employment_status", "in", ("retired",)),
                ("state", "in", ("FL",)),
                ("credit_score", "gte", 800),
                ("products", "not_contains_any", ("mortgage",)),
            },
        ),
    ],
)
def test_combinations_and_numbers_beat_vague_words(query, expected):
    assert conditions(query) == expected


def test_protected_attributes_are_never_conditions_and_are_reported():
    parsed = parse_query("married women in their 40s with kids")
    assert {c.field for c in parsed.conditions} == {"age", "dependents"}
    assert "married" not in parsed.ranking_text and "women" not in parsed.ranking_text
    assert len(parsed.ignored) == 2


def test_the_remaining_text_keeps_what_ranks():
    parsed = parse_query("retired customers in Florida who love sailing")
    assert parsed.text == "love sailing"


def test_the_vocabulary_is_configurable(settings):
    from search.vocabulary import vocabulary

    settings.SEARCH_VOCABULARY = {"young": {"age_max": 30}}
    vocabulary.cache_clear()
    try:
        assert conditions("young customers") == {("age", "lte", 30)}
    finally:
        vocabulary.cache_clear()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_no_text_crashes_the_parser(text):
    parsed = parse_query(text)
    for condition in parsed.conditions + parsed.signals:
        assert condition.label and condition.key


WORDS = st.sampled_from(
    "over under between and or 750 $200k 3 kids credit score income retirees in Texas no mortgage "
    "without with 30s young seniors - + 1,000,000 aged years with us more than at least".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_no_mix_of_known_words_crashes_the_parser(text):
    parse_query(text)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("aged 999 to 1000", "“aged 999 to 1000” is ignored: age must be 0 to 120."),
        ("income over $1e308", "“income over $1e308” is ignored: income must be $0 to $999,999,999,999."),
        ("credit score over 900", "“credit score over 900” is ignored: credit score must be 300 to 850."),
        ("12 kids", "“12 kids” is ignored: dependents must be 0 to 8."),
        (
            "joined in the last 99999 months",
            "“joined in the last 99999 months” is ignored: no one has been a customer for over 120 years.",
        ),
        (
            "not contacted in 9999999 days",
            "“not contacted in 9999999 days” is ignored: no one has been a customer for over 120 years.",
        ),
    ],
)
def test_a_number_no_customer_can_have_is_reported_not_read_as_another_field(query, reason):
    parsed = parse_query(query, today=TODAY)
    assert parsed.conditions == ()
    assert parsed.ignored == (reason,)


def test_numbers_in_exponent_notation_are_read_whole():
    assert conditions("1e5 in assets") == {("investable_assets", "gte", 100_000)}


def model_bounds() -> dict[str, tuple]:
    """What each numeric field can hold, read from the model, not from the parser."""
    from customers.models import field_bounds

    bounds = {name: field_bounds(name) for name in NUMERIC_FIELDS}
    assert bounds["credit_score"] == (300, 850) and bounds["dependents"] == (0, 8)
    assert bounds["age"] == (0, 120) and bounds["annual_income"][1] < 10**12
    return bounds


NUMERIC_FIELDS = ("credit_score", "annual_income", "investable_assets", "age", "dependents", "tenure_years")
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**400).map(str),
    st.floats(min_value=0, allow_nan=False, allow_infinity=False).map(lambda x: f"{x:g}"),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(["", "$", "$ "]),
        st.integers(min_value=0, max_value=10**6),
        st.sampled_from(["", "k", "m", "M", "bn", " million", "e308", "e12", "e-3", ".5", ",000", "e999"]),
    ),
)
NUMBER_WORDS = st.sampled_from(
    "aged age ages over under between and to - more than at least at most fewer than or more + "
    "years old year olds with us customer for kids children dependents credit score fico income "
    "earning a year salary assets in assets net worth savings in their joined in the last months "
    "weeks days not contacted in for".split()
)
NUMBER_QUESTIONS = st.lists(st.one_of(NUMBERS, NUMBER_WORDS), min_size=1, max_size=14).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(NUMBER_QUESTIONS)
def test_no_number_yields_a_condition_a_customer_cannot_meet_or_crashes_the_parser(text):
    bounds = model_bounds()
    parsed = parse_query(text, today=TODAY)
    for condition in parsed.conditions:
        if condition.field not in bounds:
            continue
        lo, hi = bounds[condition.field]
        values = condition.value if isinstance(condition.value, list) else [condition.value]
        assert all(lo <= value <= hi for value in values), (text, condition)


@pytest.mark.parametrize(
    ("query", "expected", "ignored"),
    [
        ("aged 45.5", {("age", "eq", 45)}, ()),
        ("45.5 years old", {("age", "eq", 45)}, ()),
        ("aged 0.5", {("age", "eq", 0)}, ()),
        ("2.5 kids", set(), ("“2.5 kids” is ignored: dependents must be a whole number.",)),
        ("with 1.5 children", set(), ("“1.5 children” is ignored: dependents must be a whole number.",)),
    ],
)
def test_a_fractional_exact_number_means_completed_years_or_is_reported(query, expected, ignored):
    """Age counts completed years, so 45.5 is 45; a count of dependents has no halves."""
    assert conditions(query) == expected
    assert parse_query(query, today=TODAY).ignored == ignored


FRACTIONS = st.builds("{}.{}".format, st.integers(min_value=0, max_value=900), st.integers(1, 99))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRACTIONS, NUMBER_WORDS), min_size=1, max_size=8).map(" ".join))
def test_no_fractional_number_makes_an_exact_condition_no_customer_can_meet(text):
    """Every field an exact condition applies to holds whole numbers."""
    for condition in parse_query(text, today=TODAY).conditions:
        if condition.op == "eq" and isinstance(condition.value, (int, float)):
            assert float(condition.value).is_integer(), (text, condition)


@pytest.mark.parametrize(
    ("query", "expected", "ignored"),
    [
        # A field word that a number follows labels that number, not the one before it
        (
            "credit 9999 income 50k",
            {("annual_income", "gte", 50_000)},
            ("“credit 9999” is ignored: credit score must be 300 to 850.",),
        ),
        ("credit 9000 assets 2m", {("investable_assets", "gte", 2_000_000)}, None),
        ("fico 720 income 80k", {("credit_score", "gte", 720), ("annual_income", "gte", 80_000)}, ()),
        # Every item of a list is read
        (
            "aged 45, credit 700, 2 kids, income over $100k, 10 years with us",
            {
                ("age", "eq", 45),
                ("credit_score", "gte", 700),
                ("dependents", "eq", 2),
                ("annual_income", "gt", 100_000),
                ("tenure_years", "gte", 10),
            },
            (),
        ),
        ("aged 50, 3 kids", {("age", "eq", 50), ("dependents", "eq", 3)}, ()),
        # A negative number is reported, never made positive
        ("-5 kids", set(), ("“-5 kids” is ignored: dependents must be 0 to 8.",)),
        ("-2 children", set(), None),
        ("-5 or more kids", set(), None),
        ("$-100k income", set(), ("“$-100k income” is ignored: income must be $0 to $999,999,999,999.",)),
        ("-$2m in assets", set(), None),
        ("credit over -50", set(), ("“credit over -50” is ignored: credit score must be 300 to 850.",)),
        ("aged -5", set(), ("“aged -5” is ignored: age must be 0 to 120.",)),
        ("between -5 and 10 years with us", set(), None),
        # An inverted range is the same range, for every field
        ("between 6 and 3 kids", {("dependents", "between", (3, 6))}, ()),
        ("between 10 and 5 kids", set(), ("“between 10 and 5 kids” is ignored: dependents must be 0 to 8.",)),
        ("aged 60 to 40", {("age", "between", (40, 60))}, ()),
        ("credit score between 750 and 650", {("credit_score", "between", (650, 750))}, ()),
        ("income from 200k to 100k", {("annual_income", "between", (100_000, 200_000))}, ()),
        (
            "credit between 900 and 300",
            set(),
            ("“credit between 900 and 300” is ignored: credit score must be 300 to 850.",),
        ),
        ("aged 65 and 2 kids", {("age", "eq", 65), ("dependents", "eq", 2)}, ()),
        # A decade someone was born in is a date of birth, never an age
        ("born in the 60s", {("date_of_birth", "between", ("1960-01-01", "1969-12-31"))}, ()),
        ("born in the 1980s", {("date_of_birth", "between", ("1980-01-01", "1989-12-31"))}, ()),
        ("born in the late 70s", {("date_of_birth", "between", ("1977-01-01", "1979-12-31"))}, ()),
        ("born in 1975", {("date_of_birth", "between", ("1975-01-01", "1975-12-31"))}, ()),
        ("born before 1960", {("date_of_birth", "lte", "1959-12-31")}, ()),
        ("born in 3000", set(), ("“born in 3000” is ignored: customers were born between 1906 and 2026.",)),
        ("born after 2990", set(), None),
        # Years no customer joined in
        (
            "customers since 1700",
            set(),
            ("“customers since 1700” is ignored: customers joined between 1906 and 2026.",),
        ),
        (
            "joined after 2999",
            set(),
            ("“joined after 2999” is ignored: customers joined between 1906 and 2026.",),
        ),
        ("clients before 1800", set(), None),
        ("customers since 2010", {("customer_since", "lte", "2010-12-31")}, ()),
        # Hundreds and decades out of bounds
        ("in their 900s", set(), ("“in their 900s” is ignored: age must be 0 to 120.",)),
        ("aged in their 130s", set(), None),
        ("in their 100s", {("age", "between", (100, 109))}, ()),
        ("in the 900s credit", set(), ("“in the 900s credit” is ignored: credit score must be 300 to 850.",)),
        ("credit in the 200s", set(), None),
        ("credit score in the 800s", {("credit_score", "between", (800, 850))}, ()),
        # A second comparison joined to the first speaks of the same field
        ("credit over 600 and under 700", {("credit_score", "gt", 600), ("credit_score", "lt", 700)}, ()),
        (
            "income over 50k but under 90k",
            {("annual_income", "gt", 50_000), ("annual_income", "lt", 90_000)},
            (),
        ),
        # ... and conditions that contradict each other are reported, not resolved
        (
            "credit score over 700 and under 600",
            set(),
            (
                "“credit score over 700” and “credit score under 600” are ignored: "
                "no customer can meet them all.",
            ),
        ),
        ("income over 200k and under 100k", set(), None),
        ("aged 45 over 50", set(), None),
        ("more than 5 kids and fewer than 2 kids", set(), None),
    ],
)
def test_a_number_is_read_for_the_field_next_to_it_or_reported(query, expected, ignored):
    """Never given to another field, never silently dropped: each number is read or reported."""
    parsed = parse_query(query, today=TODAY)
    assert conditions(query) == expected
    if ignored is not None:
        assert parsed.ignored == ignored
    elif not expected:
        assert len(parsed.ignored) == 1, parsed.ignored


FIELD_PHRASES = [
    ("credit score over {n}", "credit_score"),
    ("credit {n}", "credit_score"),
    ("credit between {n} and {m}", "credit_score"),
    ("{n} kids", "dependents"),
    ("between {n} and {m} kids", "dependents"),
    ("aged {n}", "age"),
    ("aged {n} to {m}", "age"),
    ("{n} years old", "age"),
    ("income over {n}", "annual_income"),
    ("${n}k income", "annual_income"),
    ("{n} in assets", "investable_assets"),
    ("{n} years with us", "tenure_years"),
]
SIGNED = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
    st.builds("{}.{}".format, st.integers(min_value=-999, max_value=999), st.integers(1, 9)),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FIELD_PHRASES), SIGNED, SIGNED)
def test_a_number_written_next_to_a_field_is_that_fields_or_reported(phrase, n, m):
    template, field_name = phrase
    query = template.format(n=n, m=m)
    parsed = parse_query(query, today=TODAY)
    assert {c.field for c in parsed.conditions} <= {field_name}, (query, parsed.conditions)
    assert parsed.conditions or parsed.ignored, query
