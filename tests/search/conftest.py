import pytest

from customers import services
from tests.factories import CustomerFactory, years_ago


@pytest.fixture
def book(db):
    """A small hand-made book, embedded with the real model."""
    people = {
        "retiree": CustomerFactory(
            occupation="Retired Teacher",
            employment_status="retired",
            date_of_birth=years_ago(71),
            state="FL",
            credit_score=790,
            investable_assets=1_400_000,
            interests=["estate_planning", "philanthropy"],
            products=["checking", "retirement_ira", "wealth_management"],
            notes="Wants to set up a trust for the grandchildren and give to the local hospital.",
        ),
        "student": CustomerFactory(
            occupation="Undergraduate Student",
            employment_status="student",
            date_of_birth=years_ago(20),
            state="TX",
            credit_score=610,
            annual_income=9_000,
            investable_assets=1_200,
            interests=["credit_building"],
            products=["checking"],
            notes="Thin credit file; asked about a secured card to start a credit history.",
        ),
        "owner": CustomerFactory(
            occupation="Owner, Bakery",
            employment_status="business_owner",
            date_of_birth=years_ago(44),
            state="CA",
            credit_score=705,
            annual_income=95_000,
            interests=["small_business"],
            products=["checking", "business_checking"],
            notes="Wants to open a second bakery location and may need a loan for ovens.",
        ),
        "investor": CustomerFactory(
            occupation="Software Engineer",
            date_of_birth=years_ago(33),
            state="WA",
            credit_score=780,
            annual_income=180_000,
            interests=["investing", "sustainable_investing"],
            products=["checking", "brokerage", "credit_card"],
            notes="Keen to invest bonuses in ESG index funds.",
        ),
        "parent": CustomerFactory(
            occupation="Registered Nurse",
            date_of_birth=years_ago(41),
            state="OH",
            dependents=3,
            credit_score=700,
            interests=["education_savings"],
            products=["checking", "savings", "mortgage"],
            notes="Three kids; oldest starts university soon, worried about tuition.",
        ),
    }
    services.embed_customers(customer_ids=[c.pk for c in people.values()])
    for customer in people.values():
        customer.refresh_from_db()
    return people
