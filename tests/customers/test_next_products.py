"""Next best products: what a customer's lookalikes hold and they lack, eligible, never leaking."""

import pytest
from rest_framework.test import APIClient

from customers import services
from customers.models import Customer
from customers.product_rules import is_eligible
from search.next_products import next_products, product_phrase
from tests.factories import CustomerFactory, user_in_role, years_ago

pytestmark = pytest.mark.django_db

NOTES = "Keen to put idle cash to work in the markets; asked about index funds."


def _lookalike(manager, products, **extra):
    fields = {"investable_assets": 150_000, "interests": ["investing"], "notes": NOTES, **extra}
    return CustomerFactory(relationship_manager=manager, products=["checking", *products], **fields)


@pytest.fixture
def lookalikes(user):
    """Ten mass-affluent investors like the target: eight hold brokerage, six a premium card, four
    a business loan; half are in another RM's book. A high-net-worth twin holding wealth
    management is in another segment and must not count."""
    other = user_in_role("rm_other", "Relationship managers")
    people = []
    for i in range(10):
        products = ["brokerage"] * (i < 8) + ["premium_credit_card"] * (i < 6) + ["business_loan"] * (i < 4)
        people.append(_lookalike(user if i % 2 else other, products))
    twin = _lookalike(other, ["wealth_management"], investable_assets=3_000_000)
    target = _lookalike(user, [], credit_score=720, annual_income=90_000)
    services.embed_customers(customer_ids=[c.pk for c in [*people, twin, target]])
    return {"people": people, "target": Customer.objects.get(pk=target.pk), "other": other}


def test_the_products_most_lookalikes_hold_come_first_explained(user, lookalikes):
    offers = next_products(user=user, customer=lookalikes["target"])
    codes = [offer.code for offer in offers]
    assert codes[:2] == ["brokerage", "premium_credit_card"]
    brokerage = offers[0]
    assert (brokerage.holding, brokerage.lookalikes) == (8, 10)
    assert brokerage.reason == (
        "8 of 10 similar customers hold a brokerage account; it serves their interest in investing."
    )
    # Never what they hold, never checking or savings, never what they may not have, never
    # what only another segment holds.
    assert not {"checking", "savings", "business_loan", "wealth_management"} & set(codes)


def test_lookalikes_outside_the_callers_book_are_counted_never_named(user, lookalikes):
    offers = next_products(user=user, customer=lookalikes["target"])
    brokerage = offers[0]
    in_book = {c.pk for c in lookalikes["people"] if c.relationship_manager_id == user.pk}
    assert {c.pk for c in brokerage.visible_holders} <= in_book
    assert len(brokerage.visible_holders) == 4  # holders 1, 3, 5, 7: the odd ones are in the book
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/customers/{lookalikes['target'].pk}/next-products/")
    assert response.status_code == 200
    body = response.json()
    first = body["products"][0]
    assert {k: first[k] for k in ("code", "label", "lookalikes_holding", "lookalikes")} == {
        "code": "brokerage",
        "label": "Brokerage account",
        "lookalikes_holding": 8,
        "lookalikes": 10,
    }
    named = {h["id"] for p in body["products"] for h in p["visible_holders"]}
    assert named and named <= in_book
    hidden = [c for c in lookalikes["people"] if c.pk not in in_book]
    text = response.content.decode()
    assert all(f'"id":{c.pk},' not in text.replace(" ", "") for c in hidden)


def test_eligibility_rules_filter_the_offers(user, lookalikes):
    target = lookalikes["target"]
    target.credit_score = 650
    services.customer_save(customer=target)
    codes = [o.code for o in next_products(user=user, customer=target)]
    assert "brokerage" in codes and "premium_credit_card" not in codes


@pytest.mark.parametrize(
    ("product", "fields", "eligible"),
    [
        ("premium_credit_card", {"credit_score": 700, "annual_income": 75_000}, True),
        ("premium_credit_card", {"credit_score": 699, "annual_income": 200_000}, False),
        ("home_equity_line", {"credit_score": 700, "products": ["mortgage"]}, True),
        ("home_equity_line", {"credit_score": 700, "products": ["checking"]}, False),
        ("business_checking", {"employment_status": "self_employed"}, True),
        ("business_checking", {"employment_status": "employed"}, False),
        ("wealth_management", {"investable_assets": 249_999}, False),
        ("retirement_ira", {"annual_income": 0, "employment_status": "retired"}, True),
        ("retirement_ira", {"annual_income": 0, "employment_status": "unemployed"}, False),
        ("life_insurance", {"date_of_birth": years_ago(76)}, False),
        ("checking", {"products": []}, False),
        ("brokerage", {"products": ["brokerage"]}, False),
        ("brokerage", {"products": []}, True),
    ],
)
def test_the_eligibility_rules_of_the_domain(product, fields, eligible):
    customer = Customer(
        **{
            "credit_score": 720,
            "annual_income": 90_000,
            "investable_assets": 100_000,
            "employment_status": "employed",
            "date_of_birth": years_ago(40),
            "products": [],
            **fields,
        }
    )
    assert is_eligible(customer, product) is eligible


def test_a_customer_outside_the_book_is_a_404_and_an_unembedded_one_a_409(user, lookalikes):
    client = APIClient()
    client.force_authenticate(user)
    outsider = next(c for c in lookalikes["people"] if c.relationship_manager_id != user.pk)
    assert client.get(f"/api/v1/customers/{outsider.pk}/next-products/").status_code == 404
    assert client.get("/api/v1/customers/999999999/next-products/").status_code == 404
    fresh = CustomerFactory()
    assert client.get(f"/api/v1/customers/{fresh.pk}/next-products/").status_code == 409


def test_the_customer_page_shows_the_offers_and_the_lookalikes_it_may_name(client, user, lookalikes):
    client.force_login(user)
    html = client.get(f"/customers/{lookalikes['target'].pk}/").content.decode()
    assert "Next best products" in html
    assert "8 of 10 similar customers hold a brokerage account" in html
    offers = html[html.index('id="next-products"') : html.index("Similar customers")]
    for person in lookalikes["people"]:
        link = f'href="/customers/{person.pk}/"'
        if person.relationship_manager_id != user.pk:
            assert link not in html
        elif "brokerage" in person.products:
            assert link in offers


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        ("brokerage", "a brokerage account"),
        ("auto_loan", "an auto loan"),
        ("life_insurance", "life insurance"),
        ("wealth_management", "wealth management"),
        ("business_checking", "a business checking account"),
        ("retirement_ira", "a retirement IRA"),
    ],
)
def test_an_offer_names_its_product_as_an_rm_would_say_it(code, phrase):
    # Seen in the RM's-day screenshots: "5 of 10 similar customers hold a life insurance."
    assert product_phrase(code) == phrase
