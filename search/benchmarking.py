"""What the benchmark commands share: how they call the API and how they summarise timings."""

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from rest_framework.test import APIClient

from customers import embeddings, services
from customers.choices import EmbeddingStatus
from customers.embedding_state import text_hash_sql
from customers.models import EMBEDDING_DIMENSIONS, Customer


class BenchmarkError(Exception):
    pass


# A web process as gunicorn starts one (bankcrm.wsgi loads the query encoder), after one search.
_WEB_PROCESS = """
from bankcrm.wsgi import application
from search.benchmarking import benchmark_api_client, timed_search, unthrottled
with unthrottled():
    timed_search(benchmark_api_client(), {"query": "retired teachers who like to travel"})
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmRSS:")))
"""


def web_process_memory_mb() -> float:
    """Resident memory of a new web process that has answered a search, in MB: the issue's
    budget for a server with the query encoder loaded. Measured in a process of its own, since
    this one holds every embedding for the numpy reference."""
    name = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_NAME": name, "EMBEDDING_PRELOAD": "1"}
    if env.get("DATABASE_URL"):
        env["DATABASE_URL"] = urlsplit(env["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    try:
        done = subprocess.run(  # noqa: S603 (this interpreter and a constant script)
            [sys.executable, "-c", _WEB_PROCESS],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
    except subprocess.CalledProcessError as error:
        raise BenchmarkError(f"the web process failed: {error.stderr[-500:]}") from error
    return int(done.stdout.split()[-1]) / 1024


def benchmark_api_client() -> APIClient:
    """An API client as an unsaved superuser: sees the whole book and leaves nothing in the database."""
    client = APIClient()
    client.force_authenticate(get_user_model()(username="benchmark", is_superuser=True, is_staff=True))
    return client


@contextmanager
def unthrottled() -> Iterator[None]:
    """Lift the API's rate limits while a benchmark runs: it measures the server, not the throttle."""
    from bankcrm.api import PrincipalRateThrottle

    rates = PrincipalRateThrottle.THROTTLE_RATES
    PrincipalRateThrottle.THROTTLE_RATES = dict.fromkeys(rates)
    try:
        yield
    finally:
        PrincipalRateThrottle.THROTTLE_RATES = rates


def timed_search(client: APIClient, body: dict) -> float:
    """Seconds for one POST /api/v1/search/; anything but 200 stops the benchmark."""
    started = time.perf_counter()
    response = client.post("/api/v1/search/", body, format="json")
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise BenchmarkError(f"search answered {response.status_code} to {body}: {response.content[:200]!r}")
    return elapsed


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


@dataclass(frozen=True)
class BookBuild:
    """What building a benchmark book took, step by step (seconds)."""

    count: int
    real_embeddings: int
    ingest_seconds: float
    embedding_seconds: float
    derive_seconds: float
    index_seconds: dict[str, float]


def derive_vectors(base: np.ndarray, count: int, *, seed: int) -> np.ndarray:
    """``count`` unit vectors made from real embeddings ``base``: each is a random mix of two of
    them, ``(1 - t)·a + t·b`` with ``t`` uniform in [0, 0.5], plus Gaussian noise of expected
    norm 0.1, normalised. They lie among the real ones, clustered as the real ones are, which
    uniform random vectors do not (and on which HNSW figures mean nothing)."""
    rng = np.random.default_rng(seed)
    derived = np.empty((count, base.shape[1]), dtype=np.float32)
    for start in range(0, count, 100_000):
        size = min(100_000, count - start)
        a, b = rng.integers(len(base), size=(2, size))
        t = rng.uniform(0.0, 0.5, size=(size, 1)).astype(np.float32)
        noise = rng.standard_normal((size, base.shape[1]), dtype=np.float32) * (0.1 / np.sqrt(base.shape[1]))
        mixed = (1 - t) * base[a] + t * base[b] + noise
        derived[start : start + size] = mixed / np.linalg.norm(mixed, axis=1, keepdims=True)
    return derived


def raw_connection():
    """A second psycopg connection to the same database with pgvector's binary types, for
    moving millions of vectors without text formatting (Django's own connection is untouched)."""
    from pgvector.psycopg import register_vector

    raw = connection.get_new_connection(connection.get_connection_params())
    register_vector(raw)
    return raw


def load_embedding_matrix() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every embedded customer as (ids, vectors, credit scores, states), read in binary."""
    count = Customer.objects.filter(embedding__isnull=False).count()
    ids = np.empty(count, dtype=np.int64)
    matrix = np.empty((count, EMBEDDING_DIMENSIONS), dtype=np.float32)
    credit = np.empty(count, dtype=np.int16)
    states = np.empty(count, dtype="<U2")
    with raw_connection() as raw, raw.cursor(name="embeddings") as cursor:
        cursor.itersize = 20_000
        cursor.execute(
            "SELECT id, embedding, credit_score, state FROM customers_customer "
            "WHERE embedding IS NOT NULL ORDER BY id",
            binary=True,
        )
        loaded = 0
        for pk, vector, score, state in cursor:
            if loaded == count:  # embedded meanwhile: the counted ones are enough
                break
            ids[loaded], credit[loaded], states[loaded] = pk, score, state
            matrix[loaded] = vector.to_numpy()
            loaded += 1
    return ids[:loaded], matrix[:loaded], credit[:loaded], states[:loaded]


def prewarm(relations: list[str]) -> float | None:
    """Seconds to read ``relations`` into ``shared_buffers`` (``pg_prewarm``), as a server in
    service holds the indexes it searches; None where the extension cannot be had. Without it
    the first queries after a build read the graph from disk and their seconds say nothing
    about search."""
    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            for relation in relations:
                cursor.execute("SELECT pg_prewarm(%s::regclass)", [relation])
    except DatabaseError:
        return None
    return time.monotonic() - started


def store_derived_vectors(ids: list[int], vectors: np.ndarray, *, label: str) -> None:
    """Give customers ``ids`` the ``vectors`` (COPY in binary, then one UPDATE), marked with
    ``label`` as their embedding model so that nobody mistakes them for real embeddings."""
    with raw_connection() as raw, raw.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE derived_vectors (id bigint, embedding vector({EMBEDDING_DIMENSIONS}))"
        )
        with cursor.copy("COPY derived_vectors (id, embedding) FROM STDIN WITH (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "vector"])
            for pk, vector in zip(ids, vectors, strict=True):
                copy.write_row((pk, vector))
        cursor.execute(
            f"""
            UPDATE customers_customer AS c
               SET embedding = d.embedding, embedding_model = %s, embedding_status = %s,
                   embedding_text_hash = {text_hash_sql("c.profile_text")},
                   embedded_at = now()
              FROM derived_vectors AS d
             WHERE c.id = d.id
            """,
            [label, EmbeddingStatus.READY],
        )


def build_benchmark_book(
    *, count: int, real: int, seed: int, replace: bool = False, progress=None
) -> BookBuild:
    """Fill the (empty) database with ``count`` generated customers for the scale benchmark.

    ``real`` of them, evenly spread over the ids, are embedded for real (the configured backend);
    the rest get vectors derived from those (``derive_vectors``), since embedding a million
    profiles on a 2-core machine takes most of a day. Indexes are built once, after the load.
    """
    from django.core.management import call_command

    say = progress or (lambda message: None)
    if Customer.objects.exists():
        if not replace:
            raise BenchmarkError(
                "The database already holds customers; build the benchmark book in its own "
                "database (DATABASE_NAME=bankcrm_bench) or pass --replace to empty it."
            )
        with connection.cursor() as cursor:
            # CASCADE: what refers to customers (search feedback, say) goes with them.
            cursor.execute("TRUNCATE customers_customer RESTART IDENTITY CASCADE")
    with services.deferred_indexes() as index_build:
        started = time.monotonic()
        call_command("generate_customers", count=count, seed=seed, no_embed=True, workers=os.cpu_count() or 1)
        ingest_seconds = time.monotonic() - started
        ids = list(Customer.objects.order_by("id").values_list("id", flat=True))
        real_ids = ids[:: max(1, len(ids) // max(real, 1))][:real]
        say(f"embedding {len(real_ids):,} customers for real")
        started = time.monotonic()
        for first in range(0, len(real_ids), services.EMBED_BATCH_SIZE):
            services.embed_customers(customer_ids=real_ids[first : first + services.EMBED_BATCH_SIZE])
        embedding_seconds = time.monotonic() - started
        say(f"deriving {len(ids) - len(real_ids):,} vectors from them")
        started = time.monotonic()
        real_set = set(real_ids)
        derived_ids = [pk for pk in ids if pk not in real_set]
        _, base, _, _ = load_embedding_matrix()
        store_derived_vectors(
            derived_ids,
            derive_vectors(base, len(derived_ids), seed=seed),
            label=f"derived-from-{embeddings.embedding_model_label()}",
        )
        with connection.cursor() as cursor:
            # Storing the vectors rewrote every row: compact the table, as a first load leaves it.
            cursor.execute("VACUUM FULL customers_customer")
        derive_seconds = time.monotonic() - started
        say("building the indexes")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE customers_customer")
    return BookBuild(
        count=len(ids),
        real_embeddings=len(real_ids),
        ingest_seconds=ingest_seconds,
        embedding_seconds=embedding_seconds,
        derive_seconds=derive_seconds,
        index_seconds=dict(index_build.seconds),
    )
