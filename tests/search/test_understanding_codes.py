"""Coded fields and places in RM questions (issue 16): employment, segment, risk appetite, channel,
places, occupations and households, each family tested on several phrasings, most of them in no
eval file."""

import pytest

from search.understanding import parse_query
from tests.search.readings import TODAY, read


def field(query: str, name: str) -> set[tuple]:
    return {c for c in read(query) if c[0] == name}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("people who work for themselves", "self_employed"),
        ("clients working for themselves in texas", "self_employed"),
        ("customers who are their own boss", "self_employed"),
        ("customers still in school", "student"),
        ("clients who are currently in college", "student"),
        ("people working on a master's degree", "student"),
        ("people collecting a pension", "retired"),
        ("clients living on their pension", "retired"),
        ("customers drawing a pension", "retired"),
        ("clients who are on a payroll", "employed"),
        ("W-2 employees making six figures", "employed"),
        ("w2 folks with a mortgage", "employed"),
        ("people who work for a company", "employed"),
        ("customers between jobs", "unemployed"),
        ("gig economy workers", "self_employed"),
        ("solopreneurs in texas", "self_employed"),
        ("contract workers with a HELOC", "self_employed"),
        ("customers on unemployment", "unemployed"),
        ("clients collecting unemployment benefits", "unemployed"),
        ("clients who own a company", "business_owner"),
        ("clients who lost their job", "unemployed"),
        ("people looking for work", "unemployed"),
    ],
)
def test_employment_said_in_other_words(query, code):
    assert field(query, "employment_status") == {("employment_status", "in", (code,))}


@pytest.mark.parametrize(
    "query",
    [
        "w2 folks thinking about starting their own business",
        "employees who want to open their own shop",
        "aspiring business owners",
        "would-be entrepreneurs with good credit",
        "salaried people dreaming of being their own boss",
    ],
)
def test_a_hope_of_owning_a_business_is_an_interest_not_an_owner(query):
    parsed = parse_query(query, today=TODAY)
    assert ("employment_status", "in", ("business_owner",)) not in read(query)
    assert ("employment_status", "in", ("self_employed",)) not in read(query)
    assert any(s.value == ["small_business"] for s in parsed.signals)


@pytest.mark.parametrize(
    "query",
    ["customers who own their own business", "clients who run a small business", "entrepreneurs in ohio"],
)
def test_owning_a_business_is_still_read(query):
    assert field(query, "employment_status") == {("employment_status", "in", ("business_owner",))}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("customers in the top wealth tier", ("high_net_worth",)),
        ("clients in the highest asset band", ("high_net_worth",)),
        ("customers in the second-highest wealth band", ("affluent",)),
        ("the second highest client tier", ("affluent",)),
        ("customers in our entry-level segment", ("mass_market",)),
        ("clients in the lowest wealth bracket", ("mass_market",)),
        ("customers below the affluent tier", ("mass_affluent", "mass_market")),
        ("clients under the high net worth line", ("affluent", "mass_affluent", "mass_market")),
        ("clients just short of high net worth", ("affluent",)),
        ("customers almost at hnw", ("affluent",)),
        ("clients one tier below affluent", ("mass_affluent",)),
        ("affluent and above", ("affluent", "high_net_worth")),
        ("mass affluent or higher in texas", ("affluent", "high_net_worth", "mass_affluent")),
        ("affluent and high-net-worth clients", ("affluent", "high_net_worth")),
        ("mass affluent or affluent customers", ("affluent", "mass_affluent")),
        ("wealthy hnw clients", ("high_net_worth",)),
        ("wealthy clients who are not hnw", ("affluent",)),
        ("our wealthiest segment", ("high_net_worth",)),
        ("customers who aren't yet affluent", ("mass_affluent", "mass_market")),
        ("less affluent customers", ("mass_affluent", "mass_market")),
        ("clients who haven't reached hnw status", ("affluent", "mass_affluent", "mass_market")),
    ],
)
def test_segments_by_tier_and_relation_make_one_condition(query, codes):
    assert field(query, "segment") == {("segment", "in", codes)}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("non-hnw clients", ("high_net_worth",)),
        ("clients who aren't affluent", ("affluent",)),
        ("customers not in the top segment", ("high_net_worth",)),
        ("less wealthy clients", ("affluent", "high_net_worth")),
    ],
)
def test_a_negated_segment_is_excluded(query, codes):
    assert field(query, "segment") == {("segment", "not_in", codes)}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("clients who can stomach volatility", "aggressive"),
        ("investors who can handle big swings", "aggressive"),
        ("customers comfortable with the ups and downs", "aggressive"),
        ("clients who don't mind volatility", "aggressive"),
        ("customers with a big appetite for risk", "aggressive"),
        ("customers who want steady low-volatility returns", "conservative"),
        ("clients looking for predictable income", "conservative"),
        ("customers who can't stomach market swings", "conservative"),
        ("clients with little appetite for risk", "conservative"),
        ("clients not comfortable with volatility", "conservative"),
        ("people who don't like risk", "conservative"),
        ("clients who don't want to take risks", "conservative"),
        ("customers unwilling to take risks", "conservative"),
        ("clients who can't afford to take risks", "conservative"),
        ("clients who are afraid to take risks", "conservative"),
        ("clients who hate losing money", "conservative"),
        ("customers who are risk-averse", "conservative"),
        ("people with a middle-of-the-road attitude to risk", "moderate"),
        ("clients with a balanced outlook", "moderate"),
        ("customers who can take some risk", "moderate"),
        ("not too aggressive, not too conservative investors", "moderate"),
        ("clients with some tolerance for volatility", "moderate"),
    ],
)
def test_risk_appetite_said_in_other_words(query, code):
    assert field(query, "risk_tolerance") == {("risk_tolerance", "in", (code,))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("conservative or moderate investors", ("risk_tolerance", "in", ("conservative", "moderate"))),
        ("cautious, conservative clients", ("risk_tolerance", "in", ("conservative",))),
        ("online and mobile customers", ("preferred_channel", "in", ("mobile", "online"))),
        (
            "customers who talk to their advisor over the phone",
            ("preferred_channel", "in", ("advisor", "phone")),
        ),
        ("tech-savvy clients who use the app", ("preferred_channel", "in", ("mobile",))),
    ],
)
def test_several_codes_on_a_one_valued_field_make_one_condition(query, expected):
    assert field(query, expected[0]) == {expected}


@pytest.mark.parametrize("query", ["customers who aren't risk-averse", "clients who are not conservative"])
def test_a_negated_cautious_word_reads_nothing(query):
    parsed = parse_query(query, today=TODAY)
    assert field(query, "risk_tolerance") == set() and parsed.leftover == ()


@pytest.mark.parametrize(
    ("query", "op", "codes"),
    [
        ("customers who bank from their laptop", "in", ("online",)),
        ("clients who log in on the computer", "in", ("online",)),
        ("customers who use the website", "in", ("online",)),
        ("clients who go through their financial planner", "in", ("advisor",)),
        ("people who rely on their advisor", "in", ("advisor",)),
        ("clients who work with a wealth manager", "in", ("advisor",)),
        ("clients who bank through a relationship manager", "in", ("advisor",)),
        ("customers who'd rather call us", "in", ("phone",)),
        ("customers who prefer phone calls", "in", ("phone",)),
        ("clients who walk into a branch", "in", ("branch",)),
        ("customers who go to the branch", "in", ("branch",)),
        ("customers who use the app", "in", ("mobile",)),
        ("branch regulars", "in", ("branch",)),
        ("clients who have a dedicated advisor", "in", ("advisor",)),
        ("phone-first customers", "in", ("phone",)),
        ("retirees who prefer the phone", "in", ("phone",)),
        ("clients who call the contact center", "in", ("phone",)),
        ("customers who usually phone in", "in", ("phone",)),
        ("clients who like to chat with a teller", "in", ("branch",)),
        ("clients who prefer the phone app", "in", ("mobile",)),
        ("customers who use our smartphone app", "in", ("mobile",)),
        ("customers who don't use the app", "not_in", ("mobile",)),
        ("clients who never come into a branch", "not_in", ("branch",)),
        ("customers who rarely bank online", "not_in", ("online",)),
    ],
)
def test_channels_said_in_other_words_and_negated(query, op, codes):
    assert field(query, "preferred_channel") == {("preferred_channel", op, codes)}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("students in the carolinas", ("NC", "SC")),
        ("ranchers in the Dakotas", ("ND", "SD")),
        ("customers in the Pacific Northwest", ("OR", "WA")),
        ("clients in the Northeast", ("CT", "MA", "ME", "NH", "NJ", "NY", "PA", "RI", "VT")),
        ("gulf coast homeowners", ("AL", "FL", "LA", "MS", "TX")),
        ("clients in the mountain west", ("AZ", "CO", "ID", "MT", "NM", "NV", "UT", "WY")),
        ("clients on the West Coast", ("CA", "OR", "WA")),
        ("clients in tx", ("TX",)),
        ("ny clients with a mortgage", ("NY",)),
        ("customers from ga or nc", ("GA", "NC")),
        ("hoosiers with a HELOC", ("IN",)),
        ("Pennsylvanians nearing retirement", ("PA",)),
        ("socal customers", ("CA",)),
        ("clients in new york new jersey and connecticut", ("CT", "NJ", "NY")),
        ("texas oklahoma clients", ("OK", "TX")),
        ("clients in west virginia", ("WV",)),
        ("people based in Jersey", ("NJ",)),
        ("clients in calif", ("CA",)),
        ("customers in N.Y. and N.J.", ("NJ", "NY")),
    ],
)
def test_regions_codes_and_demonyms(query, codes):
    assert field(query, "state") == {("state", "in", codes)}


@pytest.mark.parametrize(
    "query",
    [
        "customers on the south side",
        "clients in the west end",
        "northeast ohio clients",
        "clients in kansas city",
    ],
)
def test_a_compass_word_or_state_inside_another_place_is_not_a_region(query):
    states = field(query, "state")
    assert not any(len(codes) > 1 for _, _, codes in states)
    assert ("state", "in", ("KS",)) not in states


@pytest.mark.parametrize(
    ("query", "cities"),
    [
        ("chicago clients with a HELOC", ("Chicago",)),
        ("Chicago customers", ("Chicago",)),
        ("seattle-area software engineers", ("Seattle",)),
        ("nyc retirees", ("New York",)),
        ("clients in Kansas City", ("Kansas City",)),
        ("philly customers who bank online", ("Philadelphia",)),
        ("clients in Denver or Boston", ("Boston", "Denver")),
        ("customers in Austin, Texas", ("Austin",)),
        ("customers in Chicago or Peoria", ("Chicago", "Peoria")),
        ("clients in Peoria, Joliet and Chicago", ("Chicago", "Joliet", "Peoria")),
        ("Chicago, Boston and Albany clients", ("Albany", "Boston", "Chicago")),
    ],
)
def test_known_cities_are_read_without_in(query, cities):
    assert field(query, "city") == {("city", "in", cities)}


@pytest.mark.parametrize(
    "query", ["mobile banking users", "customers who prefer mobile", "clients named Madison"]
)
def test_city_names_that_are_words_are_not_cities(query):
    assert field(query, "city") == set()


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("real estate developers in florida", ("Real Estate Developer",)),
        ("first responders with kids", ("Firefighter", "Police Officer")),
        ("dental hygienists with good credit", ("Dental Hygienist",)),
        ("sales reps in ohio", ("Sales Representative",)),
        ("teachers and nurses", ("Nurse", "Teacher")),
        ("doctors with a mortgage", ("Physician", "Surgeon")),
        ("VPs with a brokerage account", ("Chief", "Vice President")),
        ("homemakers with a savings account", ("Homemaker",)),
        ("tech professionals in seattle", ("Data Scientist", "IT Support", "Product Manager", "Software")),
        ("product managers in texas", ("Product Manager",)),
        ("hr managers with kids", ("HR Manager",)),
        ("store managers", ("Store Manager",)),
        ("stay-at-home parents with a mortgage", ("Homemaker",)),
        ("people who work in tech", ("Data Scientist", "IT Support", "Product Manager", "Software")),
    ],
)
def test_occupations(query, words):
    assert field(query, "occupation") == {("occupation", "icontains_any", words)}


@pytest.mark.parametrize(
    "query",
    [
        "customers with nobody depending on them",
        "clients without any kids",
        "customers who don't have children",
        "kid-free clients",
        "people with no one to support",
    ],
)
def test_no_dependents_said_in_other_words(query):
    assert field(query, "dependents") == {("dependents", "eq", 0)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients early in their careers", ("age", "lte", 35)),
        ("customers fresh out of college", ("age", "lte", 35)),
        ("retirement-age clients", ("age", "gte", 65)),
        ("clients late in their careers", ("age", "between", (55, 67))),
        ("soon-to-be retirees", ("age", "between", (55, 67))),
        ("folks winding down their careers", ("age", "between", (55, 67))),
        ("new grads with student loans", ("age", "lte", 35)),
        ("customers in their first job", ("age", "lte", 35)),
        ("clients whose kids have left the nest", ("dependents", "lte", 0)),
        ("clients with grown children", ("dependents", "lte", 0)),
    ],
)
def test_life_stage_words(query, expected):
    assert expected in read(query)
    assert ("employment_status", "in", ("retired",)) not in read(query)


@pytest.mark.parametrize(
    "query",
    [
        "parents whose kids are currently in college",
        "customers with kids still in school",
        "clients whose children are students",
        "clients whose kids are employed",
    ],
)
def test_a_status_said_of_someone_else_is_not_the_customers(query):
    assert field(query, "employment_status") == set()


@pytest.mark.parametrize(
    "query", ["Which of my business owners have we called?", "a list of business owners", "founders in texas"]
)
def test_owners_named_after_my_or_of_are_owners(query):
    assert field(query, "employment_status") == {("employment_status", "in", ("business_owner",))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who aren't retired", {("employment_status", "not_in", ("retired",))}),
        ("clients who are not yet retired", {("employment_status", "not_in", ("retired",))}),
        ("customers who are no longer employed", {("employment_status", "not_in", ("employed",))}),
        (
            "clients who are neither retired nor students",
            {("employment_status", "not_in", ("retired",)), ("employment_status", "not_in", ("student",))},
        ),
        (
            "customers that are neither affluent nor mass market",
            {("segment", "not_in", ("affluent", "mass_market"))},
        ),
        (
            "customers who use neither the app nor online banking",
            {("preferred_channel", "not_in", ("mobile",)), ("preferred_channel", "not_in", ("online",))},
        ),
        ("clients not big on the app", {("preferred_channel", "not_in", ("mobile",))}),
    ],
)
def test_negated_codes_are_excluded(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    "query", ["customers on the south side", "clients in the west end", "customers on the north side of town"]
)
def test_a_part_of_town_is_not_a_region_even_by_meaning(query):
    from search.selectors import interpret

    assert not [c for c in interpret(query).conditions if c.field == "state"]


@pytest.mark.parametrize(
    "query",
    [
        "retired customers up in New England who keep money in a money market account",
        "clients who keep money in a CD",
        "customers who keep their money with us in savings",
    ],
)
def test_keeping_money_in_a_product_is_no_risk_appetite(query):
    from search.selectors import interpret

    assert not [c for c in interpret(query).conditions if c.field == "risk_tolerance"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Midwest clients in Ohio", {("state", "in", ("OH",))}),
        (
            "New England retirees in Maine",
            {("state", "in", ("ME",)), ("employment_status", "in", ("retired",))},
        ),
        ("clients in Texas, Ohio and Florida", {("state", "in", ("FL", "OH", "TX"))}),
        (
            "clients in the Carolinas but not in South Carolina",
            {("state", "in", ("NC",)), ("state", "not_in", ("SC",))},
        ),
    ],
)
def test_a_state_named_with_its_region_is_that_state(query, expected):
    assert read(query) == expected


@pytest.mark.parametrize(
    "query",
    ["clients who can't afford to take risks", "customers who can't use the app", "clients who can't retire"],
)
def test_a_negation_is_masked_whole(query):
    assert field(query, "state") == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("veterans with a VA loan", set()),
        ("NE Ohio clients", {("state", "in", ("OH",))}),
        ("clients in VA with a mortgage", {("state", "in", ("VA",))}),
        ("customers in NE", {("state", "in", ("NE",))}),
    ],
)
def test_codes_that_are_other_shorthand_need_in(query, expected):
    assert field(query, "state") == expected


@pytest.mark.parametrize(
    "query", ["medical professionals in ohio", "tech professionals", "healthcare professionals"]
)
def test_a_kind_of_professional_is_an_occupation_not_any_worker(query):
    assert field(query, "employment_status") == set()
    assert field(query, "occupation")


@pytest.mark.parametrize("query", ["top tier clients", "our best clients", "premium customers"])
def test_a_top_tier_without_wealth_is_no_segment(query):
    assert field(query, "segment") == set()


@pytest.mark.parametrize(
    "query", ["clients below retirement age", "customers under retirement age", "not yet retirement age"]
)
def test_below_retirement_age_is_not_seniors(query):
    assert ("age", "gte", 65) not in read(query)
