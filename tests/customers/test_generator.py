from datetime import date
from statistics import mean

import pytest
from django.core.management import call_command

from customers.choices import Interest, Product
from customers.generator import generate_customers
from customers.models import Customer, whole_years_between
from tests.schema import customer_index_names

AS_OF = date(2026, 6, 1)


@pytest.fixture(scope="module")
def book():
    return list(generate_customers(3000, seed=7, as_of=AS_OF))


def age(row):
    return whole_years_between(row["date_of_birth"], AS_OF)


def test_the_same_seed_gives_the_same_customers():
    first = list(generate_customers(50, seed=11, as_of=AS_OF))
    again = list(generate_customers(50, seed=11, as_of=AS_OF))
    other = list(generate_customers(50, seed=12, as_of=AS_OF))
    assert first == again
    assert first != other
    # A customer does not depend on how many are generated.
    assert list(generate_customers(60, seed=11, as_of=AS_OF))[:50] == first


def test_codes_and_ranges_follow_the_domain_contract(book):
    for row in book:
        assert 300 <= row["credit_score"] <= 850
        assert 0 <= row["dependents"] <= 8
        assert set(row["products"]) <= set(Product.values)
        assert set(row["interests"]) <= set(Interest.values)
        assert 18 <= age(row) <= 90
        assert row["customer_since"] >= row["date_of_birth"]
        assert row["email"].endswith("@example.com")


def test_attributes_correlate_like_a_real_book(book):
    retirees = [r for r in book if r["employment_status"] == "retired"]
    students = [r for r in book if r["employment_status"] == "student"]
    owners = [r for r in book if r["employment_status"] == "business_owner"]
    wealthy = [r for r in book if r["investable_assets"] >= 1_000_000]
    everyone_else = [r for r in book if r["investable_assets"] < 1_000_000]

    assert mean(age(r) for r in retirees) > 65 > mean(age(r) for r in book) > mean(age(r) for r in students)
    assert mean("retirement_ira" in r["products"] for r in retirees) > 0.5
    assert mean("business_checking" in r["products"] for r in owners) > 0.7
    assert mean(age(r) for r in wealthy) > mean(age(r) for r in everyone_else)
    assert mean("wealth_management" in r["products"] for r in wealthy) > 0.4
    rich = [r["credit_score"] for r in book if r["annual_income"] >= 150_000]
    poor = [r["credit_score"] for r in book if r["annual_income"] < 40_000]
    assert mean(rich) > mean(poor) + 20
    assert mean("small_business" in r["interests"] for r in owners) > 0.5
    assert mean("credit_building" in r["interests"] for r in students) > 0.4
    # Saving for education is for one's children, or for oneself while studying.
    savers = [r for r in book if "education_savings" in r["interests"]]
    assert all(r["dependents"] > 0 or r["employment_status"] == "student" for r in savers)


def test_notes_are_varied_and_name_goals_in_words(book):
    notes = [r["notes"] for r in book if r["notes"]]
    assert len(notes) > 0.8 * len(book)
    assert len(set(notes)) > 0.8 * len(notes)
    college = [r for r in book if "education_savings" in r["interests"] and r["notes"]]
    # The wording varies: not every education saver's note says "education".
    assert any("education" not in r["notes"].lower() for r in college)


@pytest.mark.django_db
def test_generating_again_updates_instead_of_duplicating():
    call_command("generate_customers", count=40, seed=3, no_embed=True)
    call_command("generate_customers", count=40, seed=3, no_embed=True)
    assert Customer.objects.count() == 40
    assert Customer.objects.filter(embedding_status="pending").count() == 40
    assert all(c.profile_text for c in Customer.objects.all())


@pytest.mark.django_db(transaction=True)
def test_the_command_draws_in_worker_processes_and_writes_the_same_customers():
    from io import StringIO

    out = StringIO()
    call_command("generate_customers", count=25, seed=5, batch_size=10, workers=2, no_embed=True, stdout=out)
    assert "25 customers generated (seed 5): 25 new, 0 updated" in out.getvalue()
    expected = {row["external_id"]: row for row in generate_customers(25, seed=5)}
    stored = {c.external_id: c for c in Customer.objects.all()}
    assert stored.keys() == expected.keys()
    for external_id, row in expected.items():
        assert stored[external_id].notes == row["notes"]
        assert stored[external_id].products == row["products"]
        assert stored[external_id].profile_text
    call_command("generate_customers", count=25, seed=5, batch_size=10, workers=2, no_embed=True, stdout=out)
    assert "25 customers generated (seed 5): 0 new, 25 updated" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_deferred_load_builds_every_index_again_and_says_how_long_it_took():
    from io import StringIO

    out = StringIO()
    call_command(
        "generate_customers",
        count=30,
        seed=6,
        batch_size=10,
        workers=2,
        no_embed=True,
        defer_indexes=True,
        stdout=out,
    )
    assert "30 customers generated (seed 6): 30 new" in out.getvalue()
    assert "(indexes: " in out.getvalue()
    assert {index.name for index in Customer._meta.indexes} <= customer_index_names()
    assert Customer.objects.filter(credit_score__gte=300).count() == 30


@pytest.mark.django_db(transaction=True)
def test_a_failed_deferred_load_still_leaves_the_indexes_in_place():
    from customers import services

    with pytest.raises(RuntimeError), services.deferred_indexes():
        assert "customer_embedding_hnsw" not in customer_index_names()
        raise RuntimeError("the load broke")
    assert {index.name for index in Customer._meta.indexes} <= customer_index_names()


@pytest.mark.django_db
def test_a_bulk_insert_writes_each_new_customer_once():
    from django.db import connection

    from customers import services

    def writes():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables "
                "WHERE relname = 'customers_customer'"
            )
            return cursor.fetchone()

    inserted, updated = writes()
    services.customers_bulk_upsert(rows=list(generate_customers(20, seed=8)), embed=False)
    assert writes() == (inserted + 20, updated)
    assert Customer.objects.filter(embedding_status="pending").count() == 20
