"""What writing a batch of vectors costs: text literals of floats (before) against pgvector's
binary form (``embedding_state.vector_cursor``, after).

    .venv/bin/python docs/benchmarks/vector_write.py [--rows 256] [--runs 31]

Both write the same UPDATE ... FROM unnest(...) as the on-change embedding path, into a
table shaped like a vector slot (rolled back), in the development database: once without a vector
index (what the transport costs) and once with an HNSW index (what a slot with its index costs).
Prints the median of ``--runs`` batches of ``--rows`` vectors, and the client-side preparation
alone (formatting the literals, or dumping the binary values).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bankcrm.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from pgvector import Vector  # noqa: E402

from customers.embedding_state import text_hash, text_hash_sql, vector_cursor  # noqa: E402
from customers.models import EMBEDDING_DIMENSIONS  # noqa: E402

UPDATE = f"""
    UPDATE bench_slot AS c SET embedding = v.embedding{{cast}}, text_hash = v.text_hash
      FROM unnest(%(ids)s::bigint[], %(hashes)s::text[], {{vectors}}) AS v(id, text_hash, embedding)
     WHERE c.id = v.id AND {text_hash_sql("c.profile_text")} = v.text_hash
"""


def literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"  # what services did before


def write_text(ids, hashes, vectors) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            UPDATE.format(cast="::vector", vectors="%(vectors)s::text[]"),
            {"ids": ids, "hashes": hashes, "vectors": [literal(v) for v in vectors]},
        )


def write_binary(ids, hashes, vectors) -> None:
    with vector_cursor() as cursor:
        cursor.execute(
            UPDATE.format(cast="", vectors="%(vectors)b::vector[]"),
            {"ids": ids, "hashes": hashes, "vectors": list(vectors)},
            prepare=False,  # as store_embeddings
        )


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=256)
    parser.add_argument("--runs", type=int, default=31)
    options = parser.parse_args()
    rng = np.random.default_rng(7)
    rows, runs = options.rows, options.runs

    def vectors():
        matrix = rng.standard_normal((rows, EMBEDDING_DIMENSIONS)).astype(np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    print(f"{rows} vectors of {EMBEDDING_DIMENSIONS} dimensions a batch, median of {runs} batches each")
    print("| step | text literals (before) | binary (after) |")
    print("| --- | --- | --- |")
    sample = vectors()
    prepare = (
        median_ms(lambda: [literal(v) for v in sample], runs),
        median_ms(lambda: [Vector(v).to_binary() for v in sample], runs),
    )
    print(f"| prepare the batch on the client, ms | {prepare[0]:.2f} | {prepare[1]:.2f} |")
    # Each batch fills rows that have no vector yet, as customers waiting for theirs, and the two
    # ways take turns, so that both meet a graph of the same size.
    total = 2 * runs * rows
    texts = [f"profile text {i} " + "x" * 250 for i in range(total)]
    hashes = [text_hash(t) for t in texts]
    phases = [("UPDATE, no vector index", False), ("UPDATE, HNSW index (m 16, ef_construction 256)", True)]
    for label, index in phases:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
                cursor.execute(
                    # Not a temporary table: its index would live in temp_buffers (8 MB), not in
                    # shared_buffers as the customer table's does. Rolled back at the end.
                    f"CREATE TABLE bench_slot (id bigint PRIMARY KEY, profile_text text,"
                    f" embedding vector({EMBEDDING_DIMENSIONS}), text_hash text)"
                )
                cursor.execute(
                    "INSERT INTO bench_slot (id, profile_text)"
                    " SELECT * FROM unnest(%s::bigint[], %s::text[])",
                    [list(range(total)), texts],
                )
                if index:
                    cursor.execute(
                        "CREATE INDEX ON bench_slot USING hnsw (embedding vector_cosine_ops)"
                        " WITH (m = 16, ef_construction = 256)"
                    )
            times = {write_text: [], write_binary: []}
            for batch in range(2 * runs):
                write = write_text if batch % 2 == 0 else write_binary
                chosen = slice(batch * rows, (batch + 1) * rows)
                sent = vectors()
                started = time.perf_counter()
                write(list(range(total))[chosen], hashes[chosen], sent)
                times[write].append((time.perf_counter() - started) * 1000)
            before, after = (statistics.median(times[write]) for write in (write_text, write_binary))
            print(
                f"| {label}, ms a batch (vectors/s) | {before:.1f} ({rows / before * 1000:,.0f}) "
                f"| {after:.1f} ({rows / after * 1000:,.0f}) |"
            )
            with connection.cursor() as cursor:  # the binary write stored what was sent
                cursor.execute("SELECT embedding::text FROM bench_slot WHERE id = %s", [total - rows])
                stored = np.array(cursor.fetchone()[0].strip("[]").split(","), dtype=np.float32)
                assert np.allclose(stored, sent[0], atol=1e-6)
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()
