"""The evaluation's ground truth is plain Python, independent of the search's database filters."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Q

from customers.models import Customer
from search import conditions, ground_truth, selectors
from search.evaluation import load_queries, score_query
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

FILES = [
    Path(settings.BASE_DIR).parent / "shared" / "eval" / "queries_dev.json",
    Path(settings.BASE_DIR) / "docs" / "eval" / "queries_paraphrases.json",
    Path(settings.BASE_DIR) / "docs" / "eval" / "queries_families.json",
    *sorted((Path(settings.BASE_DIR) / "docs" / "eval").glob("queries_blind_*.json")),
]


@pytest.fixture
def generated_book(db):
    call_command("generate_customers", count=1500, seed=5, no_embed=True, stdout=StringIO())
    return ground_truth.load_rows()


@pytest.mark.parametrize("path", [p for p in FILES if p.exists()], ids=lambda p: p.name)
def test_every_rule_selects_the_same_customers_both_ways(generated_book, path):
    for entry in load_queries(path):
        by_database = set(
            Customer.objects.filter(conditions.rule_q(entry["relevant"])).values_list("pk", flat=True)
        )
        by_python = ground_truth.matching_ids(entry["relevant"], generated_book)
        assert by_python == by_database, f"{entry['id']}: {entry['query']}"


EDGE_RULES = [
    {"field": "age", "op": "gte", "value": 18},
    {"field": "age", "op": "between", "value": [17, 18]},
    {"field": "tenure_years", "op": "lt", "value": 1},
    {"field": "last_contact_date", "op": "eq", "value": None},
    {"not": {"field": "last_contact_date", "op": "gte", "value": {"months_ago": 1}}},
    {"field": "last_contact_date", "op": "before_or_never", "value": "2026-02-28"},
    {"field": "products", "op": "eq", "value": ["checking"]},
    {"not": {"field": "products", "op": "contains_any", "value": ["mortgage", "checking"]}},
]


@pytest.mark.parametrize("today", [date(2026, 2, 28), date(2026, 3, 1), date(2028, 2, 29)])
def test_leap_days_and_missing_values_agree(today):
    for born, joined, contacted, products in [
        (date(2008, 2, 29), date(2025, 2, 28), None, ["checking"]),
        (date(2008, 3, 1), date(2025, 3, 1), date(2026, 1, 31), ["checking", "mortgage"]),
        (date(2010, 2, 28), date(2026, 2, 27), date(2026, 2, 28), []),
    ]:
        CustomerFactory(
            date_of_birth=born, customer_since=joined, last_contact_date=contacted, products=products
        )
    rows = ground_truth.load_rows()
    for rule in EDGE_RULES:
        by_database = set(
            Customer.objects.filter(conditions.rule_q(rule, today=today)).values_list("pk", flat=True)
        )
        assert ground_truth.matching_ids(rule, rows, today=today) == by_database, rule


def test_a_wrong_translation_no_longer_scores_perfectly(book, monkeypatch):
    """The search's database form reads "over" as "under". When relevance came from that same
    form, the wrong answer was its own yardstick and scored 1.000; now it scores 0."""
    right = conditions.condition_q

    def wrong(field, op, value, **kwargs):
        return right(field, "lt" if op == "gt" else op, value, **kwargs)

    monkeypatch.setattr(conditions, "condition_q", wrong)
    monkeypatch.setattr(selectors, "condition_q", wrong)
    entry = {"id": "w", "query": "credit score over 750",
             "relevant": {"field": "credit_score", "op": "gt", "value": 750}}  # fmt: skip

    score = score_query(entry, mode="hybrid")

    wrong_truth = set(
        Customer.objects.filter(conditions.rule_q(entry["relevant"])).values_list("pk", flat=True)
    )
    assert set(score.returned) == wrong_truth  # the old yardstick would have said 1.000
    assert score.relevant == Customer.objects.filter(Q(credit_score__gt=750)).count() == 2
    assert score.precision == 0 and score.ndcg == 0
    assert score.violations == len(score.returned) > 0
    assert score.disagreements == len(wrong_truth) + 2


def test_the_command_reports_disagreements(book, tmp_path, monkeypatch):
    path = tmp_path / "q.json"
    rule = {"field": "credit_score", "op": "gt", "value": 750}
    path.write_text(json.dumps([{"id": "w", "query": "credit score over 750", "relevant": rule}]))
    out = StringIO()
    call_command("evaluate_search", str(path), stdout=out)
    assert "cross-check: the rules' database form agrees with their Python predicates" in out.getvalue()

    right = conditions.condition_q
    monkeypatch.setattr(conditions, "condition_q", lambda f, op, v, **kw: right(f, "gte", v - 100, **kw))
    out = StringIO()
    call_command("evaluate_search", str(path), stdout=out)
    assert "cross-check: w: the rule's database form and its Python predicate disagree on" in out.getvalue()
