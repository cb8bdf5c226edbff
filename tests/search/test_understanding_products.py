"""Products held, not held, together and alone, and interests, in the words RMs use (issue 16): each
family is tested on several phrasings, most of them in no eval file."""

import pytest

from search.understanding import parse_query
from tests.search.readings import TODAY, read

CARDS = ("credit_card", "premium_credit_card")


def interests(query: str) -> set[str]:
    parsed = parse_query(query, today=TODAY)
    return {v for s in parsed.signals if s.field == "interests" for v in s.value}


def products(query: str) -> set[tuple]:
    return {c for c in read(query) if c[0] == "products"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clients paying off a car", ("products", "contains", "auto_loan")),
        ("clients still making payments on their car", ("products", "contains", "auto_loan")),
        ("customers who financed a truck with us", ("products", "contains", "auto_loan")),
        ("people with a car note", ("products", "contains", "auto_loan")),
        ("who's still paying off their house", ("products", "contains", "mortgage")),
        ("a line of credit on their house", None),
        ("customers with a line of credit on their house", ("products", "contains", "home_equity_line")),
        ("clients borrowing against their home", ("products", "contains", "home_equity_line")),
    ],
)
def test_products_held_named_by_what_they_pay_for(query, expected):
    assert products(query) == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers who carry plastic with us", ("products", "contains_any", CARDS)),
        ("clients with plastic from us", ("products", "contains_any", CARDS)),
        ("people who use our credit cards", ("products", "contains_any", CARDS)),
        ("customers who already carry our premium card", ("products", "contains", "premium_credit_card")),
        ("clients who already hold our platinum card", ("products", "contains", "premium_credit_card")),
        ("have a regular credit card with us", ("products", "contains", "credit_card")),
        ("folks with a standard card", ("products", "contains", "credit_card")),
        ("basic card holders", ("products", "contains", "credit_card")),
    ],
)
def test_cards_in_everyday_words_and_the_plain_card_apart_from_the_premium_one(query, expected):
    assert products(query) == {expected}


def test_plastic_surgeons_hold_no_card():
    assert not products("plastic surgeons with a mortgage") - {("products", "contains", "mortgage")}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("clients who keep cash in a CD", "certificate_of_deposit"),
        ("clients keeping money in certificates of deposit", "certificate_of_deposit"),
        ("customers who park their savings in a money market account", "money_market"),
        ("retirees who keep money in a money market account with us", "money_market"),
        ("people who stash extra cash in a savings account", "savings"),
    ],
)
def test_money_kept_in_a_product_says_it_is_held(query, code):
    assert products(query) == {("products", "contains", code)}
    assert "saving" not in interests(query) or code == "savings"


@pytest.mark.parametrize(
    ("query", "held"),
    [
        ("clients in our wealth management program", True),
        ("anyone enrolled in our wealth management program", True),
        ("clients who are part of our wealth management program", True),
        ("not in wealth mgmt yet", False),
        ("aren't in our wealth management program yet", False),
        ("clients not in our WM program", False),
        ("who aren't enrolled in wealth management", False),
        ("customers who are not part of our wealth management program", False),
    ],
)
def test_being_in_a_program_or_not(query, held):
    expected = (
        ("products", "contains", "wealth_management")
        if held
        else ("products", "not_contains_any", ("wealth_management",))
    )
    assert products(query) == {expected}


@pytest.mark.parametrize(
    "query",
    ["clients interested in wealth management", "clients who work in wealth management"],
)
def test_in_alone_is_no_sign_of_holding(query):
    assert not products(query)


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("dont have a CD yet", ("certificate_of_deposit",)),
        ("nurses and don't have a retirement IRA", ("retirement_ira",)),
        ("customers who still don't have a rollover IRA", ("retirement_ira",)),
        ("no savings acct", ("savings",)),
        ("who still don't have a savings account", ("savings",)),
        ("have yet to open a brokerage account", ("brokerage",)),
        ("clients who never signed up for a credit card", CARDS),
        ("who don't have our premium credit card", ("premium_credit_card",)),
        ("customers who don't keep any money in a CD", ("certificate_of_deposit",)),
        ("customers who aren't HELOC holders", ("home_equity_line",)),
        ("Show me folks without any kind of retirement account.", ("retirement_ira",)),
        ("clients with no sort of brokerage account", ("brokerage",)),
        ("who isn't a premium card holder", ("premium_credit_card",)),
        ("clients who are not mortgage customers", ("mortgage",)),
    ],
)
def test_products_not_held(query, codes):
    assert products(query) == {("products", "not_contains_any", codes)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("both a brokerage account and an IRA", {"brokerage", "retirement_ira"}),
        ("clients who have a CD as well as a money market", {"certificate_of_deposit", "money_market"}),
        ("checking + savings customers", {"checking", "savings"}),
        ("customers with a checking account plus a savings account", {"checking", "savings"}),
        ("customers who hold a mortgage along with a HELOC", {"mortgage", "home_equity_line"}),
        ("checking & savings clients", {"checking", "savings"}),
    ],
)
def test_products_held_together(query, expected):
    assert products(query) == {("products", "contains", code) for code in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "customers with loans",
            {
                (
                    "products",
                    "contains_any",
                    ("auto_loan", "business_loan", "home_equity_line", "mortgage", "personal_loan"),
                )
            },
        ),
        (
            "customers with a mortgage or a HELOC",
            {("products", "contains_any", ("home_equity_line", "mortgage"))},
        ),
        (
            "with an auto loan and no IRA",
            {("products", "contains", "auto_loan"), ("products", "not_contains_any", ("retirement_ira",))},
        ),
    ],
)
def test_one_phrase_for_several_products_is_any_of_them(query, expected):
    assert products(query) == expected


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("checking-only customers", "checking"),
        ("savings-only clients", "savings"),
        ("whose only account with us is a savings account", "savings"),
        ("customers whose only product with us is a CD", "certificate_of_deposit"),
        ("the only thing they have with us is a checking account", "checking"),
        ("nothing but a checking account", "checking"),
        ("a money market is their only account", "money_market"),
    ],
)
def test_a_product_held_alone(query, code):
    assert products(query) == {("products", "contains", code), ("products", "contained_by", (code,))}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Looking for mortgage holders who haven't heard from us in over a year.", "mortgage"),
        ("HELOC customers we haven't called since June", "home_equity_line"),
        ("Looking for a list of auto loan customers", "auto_loan"),
        ("I want mortgage holders in Ohio", "mortgage"),
        ("cross-sell to mortgage holders", "mortgage"),
    ],
)
def test_a_product_before_its_holders_is_held_whatever_comes_before_or_after(query, code):
    assert products(query) == {("products", "contains", code)}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("who should I call about the premium travel card", "premium_credit_card"),
        ("which clients are a fit for a HELOC", "home_equity_line"),
        ("clients I should pitch a HELOC to", "home_equity_line"),
        ("customers to talk to about a brokerage account", "brokerage"),
        ("who could I offer a premium card to", "premium_credit_card"),
        ("candidates for upgrading to our premium card", "premium_credit_card"),
        ("Find me customers looking for a mortgage", "mortgage"),
    ],
)
def test_a_product_to_offer_is_not_held(query, code):
    assert products(query) == {("products", "not_contains_any", (code,))}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("people worried about outliving their savings", "retirement_planning"),
        ("clients scared of running out of money in retirement", "retirement_planning"),
        ("customers wondering if they can afford to retire", "retirement_planning"),
        ("customers trying to get out from under their loans", "debt_consolidation"),
        ("clients drowning in debt", "debt_consolidation"),
        ("clients buried in credit card bills", "debt_consolidation"),
        ("people who want to bulk up an emergency cushion", "saving"),
        ("clients building up a rainy day fund", "saving"),
        ("customers trying to put more money aside", "saving"),
        ("customers keen on buying apartments to rent out", "real_estate_investing"),
        ("clients who rent out a couple of condos", "real_estate_investing"),
        ("people buying houses to rent", "real_estate_investing"),
        ("clients who want to lower what they owe the IRS", "tax_planning"),
        ("customers worried about Uncle Sam", "tax_planning"),
        ("clients who like to give back", "philanthropy"),
        ("customers interested in charitable giving", "philanthropy"),
        ("clients who want to protect their family", "insurance"),
        ("people who want to make sure their family is taken care of", "insurance"),
        ("parents who want to know their kids will be provided for", "insurance"),
        ("parents who want to provide for their kids if something happens", "insurance"),
        ("families with kids interested in life insurance", "insurance"),
        ("want to pass wealth to their kids", "estate_planning"),
        ("clients thinking about leaving their estate to their grandchildren", "estate_planning"),
        ("want someone to professionally manage their money", "wealth_management"),
        ("clients who want an expert to look after their investments", "wealth_management"),
        ("clients into ESG", "sustainable_investing"),
        ("20-somethings who want to start investing", "investing"),
        ("customers who care about the environment", "sustainable_investing"),
        ("clients who like fossil-fuel-free portfolios", "sustainable_investing"),
        ("customers with a side hustle", "small_business"),
        ("clients who want to pay less tax", "tax_planning"),
        ("customers looking to reduce their tax bill", "tax_planning"),
        ("clients into crypto", "investing"),
        ("clients who want to build an emergency fund", "saving"),
        ("parents building a college fund", "education_savings"),
        ("clients who want their money to do good", "sustainable_investing"),
        ("customers who want to invest responsibly", "sustainable_investing"),
        ("people who want to leave a mark on their community", "philanthropy"),
        ("clients who hate paying interest on their cards", "debt_consolidation"),
        ("clients hoping to see Europe next summer", "travel"),
        ("people who want to be their own boss", "small_business"),
        ("clients who want a comfortable retirement", "retirement_planning"),
        ("clients who want to lower their tax exposure", "tax_planning"),
        ("customers wanting to diversify into property", "real_estate_investing"),
        ("clients whose FICO needs work", "credit_building"),
    ],
)
def test_interests_in_everyday_words(query, code):
    assert code in interests(query)


def test_protecting_the_family_is_insurance_not_a_sign_of_children():
    assert not any(c[0] == "dependents" for c in read("clients who want to protect their family"))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("clients who bank with us for their mortgage", "mortgage"),
        ("customers who got their car loan through us", "auto_loan"),
        ("clients who took out a personal loan with us", "personal_loan"),
        ("clients who've taken out a HELOC", "home_equity_line"),
        ("clients who opened a brokerage account last year", "brokerage"),
    ],
)
def test_a_product_opened_or_banked_for_is_held(query, code):
    assert products(query) == {("products", "contains", code)}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("customers who want to take out a mortgage", "mortgage"),
        ("clients who want to open a CD", "certificate_of_deposit"),
        ("clients thinking about opening a brokerage account", "brokerage"),
        ("people planning to get a car loan", "auto_loan"),
        ("who asked about getting a HELOC", "home_equity_line"),
    ],
)
def test_a_product_they_mean_to_open_is_not_held(query, code):
    assert products(query) == {("products", "not_contains_any", (code,))}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("customers who only use us for checking", "checking"),
        ("customers who don't bank with us for anything but checking", "checking"),
        ("clients with a savings account and nothing more", "savings"),
        ("a CD and that's it", "certificate_of_deposit"),
        ("customers whose sole account is a CD", "certificate_of_deposit"),
        ("clients with no other products besides checking", "checking"),
        ("clients with no products other than a savings account", "savings"),
        ("Which clients only have a savings account with us and nothing else?", "savings"),
        ("clients with a checking account here but nothing else", "checking"),
        ("customers who keep a CD with us and that's it", "certificate_of_deposit"),
    ],
)
def test_a_product_held_alone_in_more_words(query, code):
    assert products(query) == {("products", "contains", code), ("products", "contained_by", (code,))}


@pytest.mark.parametrize(
    "query",
    [
        "people with no debt",
        "customers not interested in travel",
        "clients who aren't into ESG",
        "retirees with zero interest in investing",
        "clients with little appetite for travel",
    ],
)
def test_an_interest_the_customer_lacks_is_not_read_as_one(query):
    assert not interests(query)
    parsed = parse_query(query, today=TODAY)
    assert not {"debt", "travel", "esg", "investing"} & {w.lower() for w in " ".join(parsed.leftover).split()}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("clients putting money away for their kids' college", "education_savings"),
        ("customers setting cash aside for their children's tuition", "education_savings"),
        ("people putting money aside for a rainy day", "saving"),
    ],
)
def test_money_put_aside_for_a_goal_is_that_goal(query, code):
    assert interests(query) == {code}


@pytest.mark.parametrize(
    "query",
    [
        "customers with no credit card debt",
        "customers with zero credit card debt",
        "customers with no mortgage payments",
        "clients without car loan payments",
    ],
)
def test_nothing_owed_on_a_product_says_nothing_of_holding_it(query):
    parsed = parse_query(query, today=TODAY)
    assert not products(query)
    assert not parsed.leftover


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("customers we should contact about their mortgage", "mortgage"),
        ("clients worried about their mortgage payments", "mortgage"),
        ("clients who could use their credit card more", None),
        ("who should we call about their existing HELOC", "home_equity_line"),
    ],
)
def test_a_product_of_theirs_after_an_offer_word_is_held(query, code):
    if code is None:
        assert products(query) == {("products", "contains_any", CARDS)}
    else:
        assert products(query) == {("products", "contains", code)}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("customers with a Roth", "retirement_ira"),
        ("clients with a SEP IRA", "retirement_ira"),
        ("clients with a term life policy", "life_insurance"),
        ("people who have whole life", "life_insurance"),
        ("clients who have a chequing account", "checking"),
        ("customers with a debit card", "checking"),
    ],
)
def test_products_by_their_kind(query, code):
    assert products(query) == {("products", "contains", code)}


@pytest.mark.parametrize(
    "query",
    [
        "w2 folks thinking about starting their own business",
        "employees hoping to launch their own business",
        "nurses who dream of starting their own business",
    ],
)
def test_starting_their_own_business_is_an_interest_not_owning_one(query):
    assert "small_business" in interests(query)
    assert ("employment_status", "in", ("business_owner",)) not in read(query)


def test_running_their_own_business_is_still_owning_one():
    assert ("employment_status", "in", ("business_owner",)) in read("clients who run their own business")


@pytest.mark.parametrize(
    ("query", "interest"),
    [
        ("clients interested in our premium card", None),
        ("clients who might be interested in our HELOC", None),
        ("customers curious about our brokerage accounts", "investing"),
        ("customers who asked about our wealth management program", "wealth_management"),
        ("people who enquired about life insurance", "insurance"),
    ],
)
def test_curiosity_about_a_product_is_no_sign_of_holding_it(query, interest):
    parsed = parse_query(query, today=TODAY)
    assert not products(query)
    assert not parsed.leftover
    assert interests(query) == ({interest} if interest else set())


def test_asking_about_their_own_product_is_holding_it():
    assert products("clients who called about their mortgage") == {("products", "contains", "mortgage")}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("people who owe us money on a car", ("products", "contains", "auto_loan")),
        ("still paying off their car loan", ("products", "contains", "auto_loan")),
        ("clients paying down their mortgage", ("products", "contains", "mortgage")),
        ("customers with a stock account", ("products", "contains", "brokerage")),
        ("our cardholders in Texas", ("products", "contains_any", CARDS)),
        ("premium cardholders", ("products", "contains", "premium_credit_card")),
        ("regular card holders", ("products", "contains", "credit_card")),
        ("policyholders over 60", ("products", "contains", "life_insurance")),
    ],
)
def test_more_ways_to_say_a_product_is_held(query, expected):
    assert products(query) == {expected}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("who've not opened a CD", "certificate_of_deposit"),
        ("customers who closed their checking account", "checking"),
        ("clients who paid off their mortgage", "mortgage"),
        ("clients who don't bank with us for their mortgage", "mortgage"),
        ("customers who cancelled their credit card", None),
    ],
)
def test_more_ways_to_say_a_product_is_not_held(query, code):
    codes = (code,) if code else CARDS
    assert products(query) == {("products", "not_contains_any", codes)}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("customers with a mortgage, and also a HELOC", {"mortgage", "home_equity_line"}),
        ("clients with an IRA on top of a brokerage account", {"retirement_ira", "brokerage"}),
        ("customers with checking combined with a savings account", {"checking", "savings"}),
    ],
)
def test_more_ways_to_join_products_held_together(query, codes):
    assert products(query) == {("products", "contains", code) for code in codes}


def test_debt_free_is_no_interest_in_consolidating_debt():
    assert "debt_consolidation" not in interests("people who want their kids to go to college debt-free")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("customers without a big mortgage", ("products", "not_contains_any", ("mortgage",))),
        ("customers with no new car loan", ("products", "not_contains_any", ("auto_loan",))),
        (
            "clients who lack a proper retirement account",
            ("products", "not_contains_any", ("retirement_ira",)),
        ),
        ("clients who don't have any of our cards", ("products", "not_contains_any", CARDS)),
        ("customers with a 30-year fixed-rate mortgage", ("products", "contains", "mortgage")),
        ("clients with one of our premium cards", ("products", "contains", "premium_credit_card")),
    ],
)
def test_a_size_or_kind_before_a_product_keeps_the_phrase_whole(query, expected):
    """Read in part, the product words were left to the meaning match, which took them as held."""
    assert products(query) == {expected}
    assert not parse_query(query, today=TODAY).leftover


def test_retirement_savings_are_no_savings_account():
    assert not products("clients with retirement savings")


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("customers with their mortgage elsewhere", ("mortgage",)),
        ("clients who bank elsewhere for their credit card", CARDS),
        ("clients who have a mortgage with another bank", ("mortgage",)),
        ("customers whose brokerage account is held away", ("brokerage",)),
        ("clients with a HELOC at a competitor", ("home_equity_line",)),
    ],
)
def test_a_product_held_at_another_bank_is_not_held_with_us(query, codes):
    assert products(query) == {("products", "not_contains_any", codes)}


def test_one_product_with_us_and_another_elsewhere():
    assert products("who has a checking account with us but a mortgage elsewhere") == {
        ("products", "contains", "checking"),
        ("products", "not_contains_any", ("mortgage",)),
    }


def test_closing_a_mortgage_is_not_read_as_lacking_one():
    """A lender "closes" a mortgage it makes; only closing their own account ends it."""
    assert ("products", "not_contains_any", ("mortgage",)) not in read(
        "clients who closed a mortgage with us"
    )
    assert products("customers who shut down their savings account") == {
        ("products", "not_contains_any", ("savings",))
    }
