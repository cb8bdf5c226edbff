"""However ``nearest_ids`` answers (an exact scan, or the HNSW walk), it gives the exact nearest."""

import numpy as np
import pytest
from django.db import connection
from django.db.models import Q

from customers.models import EMBEDDING_DIMENSIONS, Customer
from search import ranking
from search.ranking import exact_scan_pays, nearest_ids, planned_scan
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vectors():
    """60 customers with random unit vectors (no ties), credit scores 600 to 836."""
    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((60, EMBEDDING_DIMENSIONS)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    customers = [CustomerFactory(credit_score=600 + 4 * i) for i in range(60)]
    for customer, vector in zip(customers, matrix, strict=True):
        Customer.objects.filter(pk=customer.pk).update(embedding=vector)
    with connection.cursor() as cursor:
        # Earlier tests' rolled-back customers stay in the graph until a vacuum, thousands of them
        # in a full run, and a walk through them is approximate. A bank's index is vacuumed; this
        # one is rebuilt from the 60 live rows so that "exact" is asserted of the walk itself.
        cursor.execute("REINDEX INDEX customer_embedding_hnsw")
    return {c.pk: (c.credit_score, matrix[i]) for i, c in enumerate(customers)}


def brute_force(vectors, query, keep, limit=10) -> list[int]:
    ids = [pk for pk, (score, _) in vectors.items() if keep(score)]
    scores = np.array([vectors[pk][1] @ query for pk in ids])
    return [ids[i] for i in np.argsort(-scores)[:limit]]


@pytest.mark.parametrize("exact", [True, False], ids=["exact scan", "HNSW walk"])
@pytest.mark.parametrize(
    ("scope", "keep"),
    [(Q(), lambda score: True), (Q(credit_score__gt=780), lambda score: score > 780)],
    ids=["unfiltered", "credit over 780"],
)
def test_both_ways_return_the_exact_nearest_customers(monkeypatch, vectors, exact, scope, keep):
    monkeypatch.setattr(ranking, "exact_scan_pays", lambda candidates, limit, column: exact)
    query = np.random.default_rng(11).standard_normal(EMBEDDING_DIMENSIONS).astype(np.float32)
    query /= np.linalg.norm(query)
    found = nearest_ids(Customer.objects.filter(scope), query, 10)
    assert [pk for pk, _ in found] == brute_force(vectors, query, keep)
    for pk, similarity in found:
        assert similarity == pytest.approx(float(vectors[pk][1] @ query), abs=1e-5)


def test_the_planner_estimates_rows_without_counting_them(vectors):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE customers_customer")
    assert planned_scan(Customer.objects.all()).rows == 60
    assert planned_scan(Customer.objects.filter(credit_score__gt=780)).rows == pytest.approx(14, abs=5)


def test_an_exact_scan_reads_what_its_index_finds_not_only_what_passes_every_filter(vectors):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE customers_customer")
        cursor.execute("SET LOCAL enable_seqscan = off")  # plan as on a big table
        with ranking.exact_plans():
            plan = planned_scan(Customer.objects.filter(credit_score__gt=610, first_name="Nobody"))
    # The credit score index finds 57 customers; no index narrows them by name.
    assert plan.read == pytest.approx(57, abs=5)
    assert plan.rows <= 2
    assert not plan.full_scan


def test_an_exact_scan_is_chosen_only_for_few_candidates_that_an_index_finds(vectors):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # plan as on a big table
        assert exact_scan_pays(Customer.objects.filter(credit_score__gt=830), 10)
        # No index on risk tolerance: the exact scan would read the whole table.
        assert not exact_scan_pays(Customer.objects.filter(risk_tolerance="moderate"), 10)


def test_a_broad_index_match_narrowed_by_another_column_walks_the_graph(monkeypatch, vectors):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE customers_customer")
    monkeypatch.setattr(ranking, "planned_scan", lambda queryset: ranking.PlannedScan(4, 50, False))
    filtered = Customer.objects.filter(credit_score__gt=600)
    # 4 customers pass, but finding them reads 50 of the 60: 4 · 50 > 1 · 2 · 60.
    assert not exact_scan_pays(filtered, 2)
    monkeypatch.setattr(ranking, "planned_scan", lambda queryset: ranking.PlannedScan(4, 4, False))
    assert exact_scan_pays(filtered, 2)


def test_the_whole_book_is_walked_without_asking_the_planner(monkeypatch, vectors):
    def planned_scan(queryset):
        raise AssertionError("the planner was asked")

    monkeypatch.setattr(ranking, "planned_scan", planned_scan)
    assert not exact_scan_pays(Customer.objects.all(), 10)
    query = np.random.default_rng(5).standard_normal(EMBEDDING_DIMENSIONS).astype(np.float32)
    query /= np.linalg.norm(query)
    found = nearest_ids(Customer.objects.all(), query, 10)
    assert [pk for pk, _ in found] == brute_force(vectors, query, lambda score: True)


def test_keyword_matches_holding_every_word_come_before_those_holding_one(monkeypatch):
    both = CustomerFactory(notes="Asked about a trust for the grandchildren.")
    trust_only = CustomerFactory(notes="Mentioned a trust fund twice: trust, trust.")
    grandchildren_only = CustomerFactory(notes="Proud of the grandchildren.")
    CustomerFactory(notes="Nothing relevant here.")
    everyone = Customer.objects.all()
    found = ranking.keyword_ids(everyone, ["trust", "grandchildren"], 10)
    assert found[0] == both.pk
    assert set(found[1:]) == {trust_only.pk, grandchildren_only.pk}
    assert ranking.keyword_ids(everyone, ["trust", "grandchildren"], 1) == [both.pk]
    # Each pass ranks a bounded number of matches, so a common word costs the same at any size.
    monkeypatch.setattr(ranking, "KEYWORD_RANK_ROWS", 1)
    assert len(ranking.keyword_ids(everyone, ["trust", "grandchildren"], 10)) == 2


def test_a_word_most_customers_hold_ranks_only_among_those_holding_every_word(monkeypatch):
    both = CustomerFactory(notes="Asked about a trust for the grandchildren.")
    grandchildren_only = CustomerFactory(notes="Proud of the grandchildren.")
    for _ in range(6):
        CustomerFactory(notes="Mentioned a trust fund.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE customers_customer")
    monkeypatch.setattr(ranking, "KEYWORD_COMMON_ROWS", 4)  # 7 of 8 hold "trust"
    assert ranking.uncommon_words(["trust", "grandchildren", "the"]) == ["grandchildren", "the"]

    everyone = Customer.objects.all()
    assert ranking.keyword_ids(everyone, ["trust", "grandchildren"], 10) == [both.pk, grandchildren_only.pk]
    assert ranking.keyword_ids(everyone, ["trust"], 10) == []
    monkeypatch.setattr(ranking, "KEYWORD_COMMON_ROWS", 50_000)
    assert len(ranking.keyword_ids(everyone, ["trust"], 10)) == 7


def test_exact_scans_and_keyword_lists_leave_the_enclosing_transactions_planner_as_it_was():
    def setting(cursor, name):
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        before = {name: setting(cursor, name) for name in ("enable_indexscan", "cpu_index_tuple_cost")}
        with ranking.exact_plans():
            assert setting(cursor, "enable_indexscan") == "off"
            assert float(setting(cursor, "cpu_index_tuple_cost")) == ranking.BITMAP_ENTRY_COST
        assert {name: setting(cursor, name) for name in before} == before
        ranking.keyword_ids(Customer.objects.all(), ["trust", "grandchildren"], 10)
        assert {name: setting(cursor, name) for name in before} == before
