"""The scale benchmark runs end to end at a tiny size, so that it cannot rot."""

import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from customers import services
from customers.models import EMBEDDING_DIMENSIONS
from tests.factories import CustomerFactory
from tests.schema import customer_index_names


def write_queries(tmp_path, query: str, relevant: dict):
    """A one-question file in the shared/eval format."""
    path = tmp_path / "queries.json"
    path.write_text(json.dumps([{"id": "q", "query": query, "relevant": relevant}]))
    return path


@pytest.mark.django_db(transaction=True)
def test_the_scale_benchmark_prints_and_writes_its_table(tmp_path):
    customers = [CustomerFactory(state="FL", credit_score=790 + i, notes=f"Note {i}") for i in range(6)]
    services.embed_customers(customer_ids=[c.pk for c in customers])
    queries = write_queries(tmp_path, "saving", {"field": "state", "op": "eq", "value": "FL"})
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
        halfvec=True,
        stdout=out,
    )
    table = out.getvalue()
    assert "customers embedded" in table and "6" in table
    ef = settings.SEARCH_HNSW_EF_SEARCH
    assert re.search(rf"HNSW recall@10 vs exact, credit > 780 and state FL, ef_search {ef} +1\.000", table)
    for measure in (
        "SQL p50",
        "numpy exact reference",
        "search API p50",
        "throughput",
        "ONNX int8",
        "int8 cosine",
    ):
        assert measure in table
    memory = re.search(r"web process resident memory MB, query encoder loaded, after a search +(\d+)", table)
    assert memory and 100 < int(memory.group(1)) < 700
    # halfvec considered beside float32: half precision keeps the 6 customers' order.
    assert re.search(r"halfvec HNSW index size MB / build s +[\d.]+ / [\d.]+", table)
    for scope in ("unfiltered", "credit > 780 and state FL"):
        halfvec_row = (
            rf"{scope}, ef_search {ef}, halfvec( \(not always its HNSW index\))?"
            r" +[\d.]+ / [\d.]+, 1\.000"
        )
        assert re.search(halfvec_row, table)
    assert "customer_embedding_halfvec_bench" not in customer_index_names()
    assert re.search(r"search indexes read into shared_buffers \(pg_prewarm\), s +\d+\.\d", table)
    assert markdown.read_text().startswith("| measure | value |")


@pytest.mark.django_db
def test_the_search_benchmark_times_each_query(tmp_path, book):
    queries = write_queries(tmp_path, "retirees in Florida", {"field": "age", "op": "gt", "value": 1})
    out = StringIO()
    call_command("benchmark_search", str(queries), runs=2, parse_runs=3, stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.endswith("retirees in Florida") for line in lines)
    assert lines[-1].endswith("all queries (p50, p50, p95)")


def test_derived_vectors_are_unit_length_reproducible_and_lie_among_the_real_ones():
    import numpy as np

    from search.benchmarking import derive_vectors

    rng = np.random.default_rng(0)
    base = rng.standard_normal((50, EMBEDDING_DIMENSIONS)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    derived = derive_vectors(base, 500, seed=1)
    assert derived.shape == (500, EMBEDDING_DIMENSIONS)
    assert np.allclose(np.linalg.norm(derived, axis=1), 1, atol=1e-5)
    assert np.array_equal(derived, derive_vectors(base, 500, seed=1))
    # Each is closest to a real vector it was mixed from; random vectors are near none.
    assert (derived @ base.T).max(axis=1).min() > 0.65
    uniform = rng.standard_normal((500, EMBEDDING_DIMENSIONS)).astype(np.float32)
    uniform /= np.linalg.norm(uniform, axis=1, keepdims=True)
    assert (uniform @ base.T).max(axis=1).max() < 0.3


@pytest.mark.django_db(transaction=True)
def test_the_benchmark_builds_its_own_book_of_real_and_derived_vectors(tmp_path):
    from django.core.management.base import CommandError

    from customers.models import Customer

    queries = write_queries(tmp_path, "saving for retirement", {"field": "age", "op": "gt", "value": 1})
    options = {
        "build": 40,
        "real": 4,
        "runs": 1,
        "clients": 1,
        "seconds": 0.2,
        "embedding_sample": 2,
        "embedding_repeats": 1,
        "ef_search": [40, 200],
        "stderr": StringIO(),
    }
    out = StringIO()
    call_command("benchmark_scale", str(queries), stdout=out, **options)
    table = out.getvalue()
    for measure in (
        "ingest: generate + COPY, then btree/GIN indexes",
        "real embeddings (torch), spread over the ids",
        "derived vectors (mix of 2 real + noise), stored",
        "HNSW build (parallel)",
        "HNSW recall@10 vs exact, unfiltered, ef_search 40",
        "HNSW recall@10 vs exact, unfiltered, ef_search 200",
    ):
        assert measure in table
    assert "40 in " in table
    assert not Customer.objects.filter(embedding__isnull=True).exists()
    assert Customer.objects.exclude(embedding_model__startswith="derived-from-").count() == 4
    assert {index.name for index in Customer._meta.indexes} <= customer_index_names()

    with pytest.raises(CommandError, match="already holds customers"):
        call_command("benchmark_scale", str(queries), stdout=StringIO(), **options)
    call_command("benchmark_scale", str(queries), stdout=StringIO(), replace=True, **options)
    assert Customer.objects.count() == 40
