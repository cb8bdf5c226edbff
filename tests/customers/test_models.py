from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from customers.models import EMBEDDING_DIMENSIONS, Customer, whole_years_between
from customers.services import ExternalIdTaken
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("credit_score", 900),
        ("credit_score", 299),
        ("dependents", 9),
        ("annual_income", Decimal("-1")),
        ("state", "XX"),
        ("employment_status", "astronaut"),
        ("risk_tolerance", "reckless"),
        ("preferred_channel", "pigeon"),
        ("products", ["checking", "gold_bars"]),
        ("interests", ["yachting"]),
    ],
)
def test_the_database_refuses_out_of_range_values_and_unknown_codes(field, value):
    customer = CustomerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Customer.objects.filter(pk=customer.pk).update(**{field: value})


def test_external_id_is_unique():
    CustomerFactory(external_id="CORE-1")
    with pytest.raises(ExternalIdTaken) as taken, transaction.atomic():
        CustomerFactory(external_id="CORE-1")
    assert isinstance(taken.value.__cause__, IntegrityError)  # the database's constraint decides


@pytest.mark.parametrize(
    ("assets", "segment"),
    [
        (Decimal("99999.99"), "mass_market"),
        (Decimal("100000"), "mass_affluent"),
        (Decimal("499999"), "mass_affluent"),
        (Decimal("500000"), "affluent"),
        (Decimal("1000000"), "high_net_worth"),
    ],
)
def test_segment_follows_investable_assets(assets, segment):
    customer = CustomerFactory(investable_assets=assets)
    assert customer.segment == segment
    assert Customer.objects.get(pk=customer.pk).segment == segment


def test_age_and_tenure_are_whole_years():
    assert whole_years_between(date(1980, 6, 1), date(2026, 5, 31)) == 45
    assert whole_years_between(date(1980, 6, 1), date(2026, 6, 1)) == 46


def test_clean_rejects_impossible_dates_and_repeated_codes():
    customer = CustomerFactory.build(
        customer_since=date(1970, 1, 1), date_of_birth=date(1980, 1, 1), products=["checking", "checking"]
    )
    with pytest.raises(ValidationError) as error:
        customer.full_clean()
    assert set(error.value.message_dict) >= {"customer_since", "products"}


def test_clean_rejects_a_birth_year_that_gives_an_impossible_age():
    customer = CustomerFactory.build(date_of_birth=date(1, 1, 1), customer_since=date(2000, 6, 1))
    with pytest.raises(ValidationError) as error:
        customer.full_clean()
    assert "age over 120" in error.value.message_dict["date_of_birth"][0]


def test_profile_text_describes_the_customer_without_protected_attributes():
    customer = CustomerFactory(
        occupation="Registered Nurse",
        interests=["education_savings"],
        notes="Twins start college in 2028.",
        dependents=2,
    )
    text = customer.profile_text
    assert "Registered Nurse" in text
    assert "education savings" in text
    assert "Twins start college" in text
    assert "2 dependents" in text
    for protected in ("sex", "gender", "race", "religion", "married", "nationality"):
        assert protected not in text.lower()


def test_a_customers_embedding_stays_in_its_row_not_in_the_toast_table():
    """An exact scan reads each candidate once; a toasted vector would cost a second lookup."""
    from django.db import connection

    customer = CustomerFactory(notes="Planning for retirement and a home purchase. " * 10)
    Customer.objects.filter(pk=customer.pk).update(embedding=[0.05] * EMBEDDING_DIMENSIONS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = 'customers_customer'"
        )
        assert cursor.fetchone() == (0,)
