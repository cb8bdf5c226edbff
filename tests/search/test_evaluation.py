"""``manage.py evaluate_search`` on a small book whose scores are worked out by hand."""

import json
import math

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

QUERIES = [
    # Only the retiree matches: found first, so every score is perfect.
    {"id": "q1", "query": "retired customers in Florida",
     "relevant": {"all": [{"field": "employment_status", "op": "eq", "value": "retired"},
                          {"field": "state", "op": "eq", "value": "FL"}]}},
    # Two match (credit over 750); the parse finds exactly them.
    {"id": "q2", "query": "credit score over 750",
     "relevant": {"field": "credit_score", "op": "gt", "value": 750}},
    # Nobody matches: reported, left out of the means.
    {"id": "q3", "query": "unemployed customers",
     "relevant": {"field": "employment_status", "op": "eq", "value": "unemployed"}},
    # The truth is stricter than the question: three customers are returned, one is relevant,
    # and it ranks second (a nurse is among the over-700s but is not the truth's 'investing').
    {"id": "q4", "query": "credit score at least 700 interested in education",
     "relevant": {"all": [{"field": "credit_score", "op": "gte", "value": 700},
                          {"field": "interests", "op": "contains", "value": "investing"}]}},
]  # fmt: skip


@pytest.fixture
def query_file(tmp_path):
    path = tmp_path / "queries.json"
    path.write_text(json.dumps(QUERIES))
    return path


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("evaluate_search", *args, stdout=out)
    return out.getvalue()


def test_scores_match_the_hand_worked_values(book, query_file):
    report = json.loads(run(str(query_file), "--json", "--k", "10"))
    hybrid = {q["id"]: q for q in report["modes"]["hybrid"]["queries"]}
    assert (hybrid["q1"]["precision"], hybrid["q1"]["ndcg"], hybrid["q1"]["violations"]) == (1.0, 1.0, 0)
    assert hybrid["q1"]["returned"] == [book["retiree"].pk]
    assert (hybrid["q2"]["precision"], hybrid["q2"]["ndcg"], hybrid["q2"]["relevant"]) == (1.0, 1.0, 2)
    assert hybrid["q3"]["relevant"] == 0 and hybrid["q3"]["precision"] is None
    q4 = hybrid["q4"]
    assert q4["returned"][0] == book["parent"].pk and book["investor"].pk in q4["returned"]
    rank = q4["returned"].index(book["investor"].pk)
    assert q4["precision"] == 1.0
    assert q4["ndcg"] == pytest.approx(1 / math.log2(rank + 2))
    assert q4["violations"] == 0
    mean = report["modes"]["hybrid"]["mean"]
    assert mean["queries"] == 3 and mean["without_matches"] == 1
    assert mean["precision"] == pytest.approx(1.0)
    assert mean["ndcg"] == pytest.approx((1 + 1 + 1 / math.log2(rank + 2)) / 3)


def test_semantic_mode_counts_violations_of_the_hard_bounds(book, query_file):
    report = json.loads(run(str(query_file), "--json", "--mode", "semantic"))
    q1 = report["modes"]["semantic"]["queries"][0]
    assert len(q1["returned"]) == 5
    assert q1["violations"] == 4  # everyone but the Florida retiree breaks a bound
    assert q1["precision"] == 1.0  # one relevant customer, and it is in the top 10


def test_the_table_shows_both_modes_and_the_means(book, query_file):
    table = run(str(query_file), "--mode", "both")
    assert "hybrid    mean precision@10" in table and "semantic  mean precision@10" in table
    assert "q3" in table and "1 without a matching customer" in table


def test_a_bad_file_is_a_clear_error(tmp_path, db):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            [{"id": "x", "query": "q", "relevant": {"field": "credit_score", "op": "about", "value": 3}}]
        )
    )
    with pytest.raises(CommandError, match="entry 1 \\(x\\): Unknown operator 'about'"):
        run(str(bad))
    with pytest.raises(CommandError, match="expected a JSON list"):
        bad.write_text("{}")
        run(str(bad))


def test_a_file_with_families_gets_their_means(book, tmp_path):
    path = tmp_path / "families.json"
    path.write_text(json.dumps([{**QUERIES[0], "family": "employment"}, {**QUERIES[1], "family": "credit"}]))
    table = run(str(path))
    assert "by family: mean precision@10 / nDCG@10 / violations@10" in table
    assert "  employment           hybrid 1.000 / 1.000 / 0" in table
    assert "  credit               hybrid 1.000 / 1.000 / 0" in table
