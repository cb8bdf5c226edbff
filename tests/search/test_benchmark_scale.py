"""The scale benchmark runs end to end at a tiny size, so that it cannot rot."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from customers import services
from tests.factories import CustomerFactory


@pytest.mark.django_db(transaction=True)
def test_the_scale_benchmark_prints_and_writes_its_table(tmp_path):
    customers = [CustomerFactory(state="FL", credit_score=790 + i, notes=f"Note {i}") for i in range(6)]
    services.embed_customers(customer_ids=[c.pk for c in customers])
    queries = tmp_path / "queries.json"
    queries.write_text(
        json.dumps(
            [{"id": "q", "query": "saving", "relevant": {"field": "state", "op": "eq", "value": "FL"}}]
        )
    )
    markdown = tmp_path / "bench.md"
    out = StringIO()
    call_command(
        "benchmark_scale",
        str(queries),
        runs=1,
        clients=2,
        seconds=0.5,
        embedding_sample=4,
        markdown=markdown,
        stdout=out,
    )
    table = out.getvalue()
    assert "customers embedded" in table and "6" in table
    assert "HNSW recall@10 vs exact, credit > 780 and state FL  1.000" in table
    for measure in (
        "SQL p50",
        "numpy exact reference",
        "search API p50",
        "throughput",
        "ONNX int8",
        "int8 cosine",
    ):
        assert measure in table
    assert markdown.read_text().startswith("| measure | value |")


@pytest.mark.django_db
def test_the_search_benchmark_times_each_query(tmp_path, book):
    queries = tmp_path / "queries.json"
    queries.write_text(
        json.dumps(
            [
                {
                    "id": "q",
                    "query": "retirees in Florida",
                    "relevant": {"field": "age", "op": "gt", "value": 1},
                }
            ]
        )
    )
    out = StringIO()
    call_command("benchmark_search", str(queries), runs=2, parse_runs=3, stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.endswith("retirees in Florida") for line in lines)
    assert lines[-1].endswith("all queries (p50, p50, p95)")
