import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from django.conf import settings
from django.contrib.postgres.indexes import OpClass
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.test import override_settings
from pgvector.django import CosineDistance, HalfVectorField, HnswIndex

from customers.embeddings import (
    OnnxEncoder,
    backend_class,
    encode_query,
    encode_texts,
    onnx_model_file,
)
from customers.models import EMBEDDING_DIMENSIONS, Customer
from customers.services import build_customer_indexes
from search.benchmarking import (
    BenchmarkError,
    benchmark_api_client,
    build_benchmark_book,
    load_embedding_matrix,
    median_ms,
    p95_ms,
    prewarm,
    timed_search,
    unthrottled,
    web_process_memory_mb,
)
from search.evaluation import InvalidQueryFile, load_queries
from search.ranking import RELAXED_EXTRA, nearest_ids, planner_settings

SELECTIVE = Q(credit_score__gt=780, state="FL")
SELECTIVE_FILTERS = {"credit_score_min": 781, "state": ["FL"]}
SELECTIVE_LABEL = "credit > 780 and state FL"
WEB_MEMORY_LABEL = "web process resident memory MB, query encoder loaded, after a search"
HNSW_INDEX = next(index for index in Customer._meta.indexes if index.name == "customer_embedding_hnsw")
SEARCHED_INDEXES = [HNSW_INDEX.name, "customer_search_document_gin"]


class Command(BaseCommand):
    help = (
        "Measure search at scale and print a table (optionally also as markdown). With --build N "
        "it first fills an empty database with N generated customers (ingest, real embeddings "
        "for --real of them, vectors derived from those for the rest, index builds, all timed). "
        "Then: SQL and API latency unfiltered and with a selective filter, HNSW recall@10 against "
        "the exact answer, the exact numpy reference over all embeddings in memory with the "
        "speed ratio, API throughput under concurrent clients, and embedding rates (torch, ONNX "
        "fp32, ONNX int8) on real profile texts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Questions, in the shared/eval format.")
        parser.add_argument("--build", type=int, metavar="N", help="First build a book of N customers.")
        parser.add_argument("--real", type=int, default=2000, help="With --build: real embeddings.")
        parser.add_argument("--seed", type=int, default=7, help="With --build: generator seed.")
        parser.add_argument("--replace", action="store_true", help="With --build: empty the book first.")
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument(
            "--ef-search",
            type=lambda text: [int(value) for value in text.split(",")],
            default=None,
            help="hnsw.ef_search values to measure SQL and recall at (default: the setting's).",
        )
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--seconds", type=float, default=5.0, help="How long the clients run.")
        parser.add_argument("--embedding-sample", type=int, default=256)
        parser.add_argument("--embedding-repeats", type=int, default=3)
        parser.add_argument("--markdown", type=Path, help="Also write the table here.")
        parser.add_argument(
            "--halfvec",
            action="store_true",
            help="Also build the same HNSW graph over half-precision copies of the vectors and "
            "measure its size, build time, SQL latency and recall beside the float32 one, then drop it.",
        )

    def handle(self, *args, file, build, real, seed, replace, runs, ef_search, markdown, halfvec, **options):
        try:
            questions = [entry["query"] for entry in load_queries(file)]
        except InvalidQueryFile as error:
            raise CommandError(str(error)) from error
        rows: list[tuple[str, str]] = []
        if build is not None:
            if build < 1 or real < 1:
                raise CommandError("--build and --real must be at least 1.")
            try:
                book = build_benchmark_book(
                    count=build, real=real, seed=seed, replace=replace, progress=self._progress
                )
            except BenchmarkError as error:
                raise CommandError(str(error)) from error
            rows.extend(self._build_rows(book))
        if not Customer.objects.filter(embedding__isnull=False).exists():
            raise CommandError("No embedded customers: generate and embed some first, or use --build.")

        self._progress("loading every embedding for the numpy reference")
        ids, matrix, credit, state = load_embedding_matrix()
        rows.insert(0, ("customers embedded", f"{len(ids):,}"))
        rows.extend(self._index_rows())
        self._progress("reading the search indexes into shared_buffers")
        warmed = prewarm(SEARCHED_INDEXES)
        rows.append(
            (
                "search indexes read into shared_buffers (pg_prewarm), s",
                "not available on this server" if warmed is None else f"{warmed:.1f}",
            )
        )
        vectors = [encode_query(q) for q in questions]
        ef_search = ef_search or [settings.SEARCH_HNSW_EF_SEARCH]
        for ef in ef_search:
            with override_settings(SEARCH_HNSW_EF_SEARCH=ef):
                rows.extend(self._vector_rows(vectors, runs, ids, matrix, credit, state, ef))
        if halfvec:
            rows.extend(self._halfvec_rows(vectors, runs, ids, matrix, credit, state, ef_search))

        self._progress("search API")
        with unthrottled():
            rows.extend(self._api_rows(questions, runs, options["clients"], options["seconds"]))
        self._progress("a new web process's memory")
        rows.append((WEB_MEMORY_LABEL, f"{web_process_memory_mb():.0f}"))
        self._progress("embedding rates")
        rows.extend(self._embedding_rates(options["embedding_sample"], options["embedding_repeats"]))
        self._print(rows, markdown)

    def _api_rows(self, questions, runs, clients, seconds) -> list[tuple[str, str]]:
        rows = []
        for label, filters in (("questions as asked", None), (f"with {SELECTIVE_LABEL}", SELECTIVE_FILTERS)):
            api = self._api_latencies(questions, runs, filters)
            rows.append((f"search API p50 / p95 ms, {label}", f"{median_ms(api):.1f} / {p95_ms(api):.1f}"))
        rows.append(
            (
                f"search API throughput, {clients} clients (threads of this process), req/s",
                f"{self._throughput(questions, clients, seconds):.1f}",
            )
        )
        return rows

    def _vector_rows(self, vectors, runs, ids, matrix, credit, state, ef) -> list[tuple[str, str]]:
        rows = []
        for label, scope, keep in self._scopes(credit, state):
            self._progress(f"SQL and numpy, {label}, ef_search {ef}")
            sql, reference, recalls = [], [], []
            queryset = Customer.objects.filter(scope)
            for vector in vectors:
                for _ in range(runs):
                    started = time.perf_counter()
                    found = [pk for pk, _ in nearest_ids(queryset, vector, 10)]
                    sql.append(time.perf_counter() - started)
                for _ in range(runs):
                    started = time.perf_counter()
                    exact = self._numpy_top(matrix, ids, vector, keep)
                    reference.append(time.perf_counter() - started)
                recalls.append(len(set(found) & set(exact)) / max(1, len(exact)))
            suffix = f"{label}, ef_search {ef}"
            rows.append((f"SQL p50 / p95 ms, {suffix}", f"{median_ms(sql):.1f} / {p95_ms(sql):.1f}"))
            rows.append((f"HNSW recall@10 vs exact, {suffix}", f"{statistics.mean(recalls):.3f}"))
            rows.append(
                (
                    f"numpy exact reference p50 ms, {suffix} (load excluded)",
                    f"{median_ms(reference):.1f} (numpy / SQL = {median_ms(reference) / median_ms(sql):.2f})",
                )
            )
        return rows

    def _halfvec_rows(self, vectors, runs, ids, matrix, credit, state, efs) -> list[tuple[str, str]]:
        """``halfvec`` storage, considered: an expression index over half-precision copies of the
        vectors, built beside the float32 one, queried the same way (interleaved), then dropped."""
        half = Cast("embedding", HalfVectorField(dimensions=EMBEDDING_DIMENSIONS))
        index = HnswIndex(
            OpClass(half, name="halfvec_cosine_ops"),
            name="customer_embedding_halfvec_bench",
            m=HNSW_INDEX.m,
            ef_construction=HNSW_INDEX.ef_construction,
        )
        self._progress("building the halfvec HNSW index")
        seconds = build_customer_indexes([index])[index.name]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_relation_size(%s::regclass)", [index.name])
                size = cursor.fetchone()[0]
            prewarm([index.name])
            rows = [
                (
                    "halfvec HNSW index size MB / build s",
                    f"{size / 2**20:,.1f} / {seconds:.1f}",
                )
            ]
            columns = {"float32": ("embedding", HNSW_INDEX.name), "halfvec": (half, index.name)}
            for ef in efs:
                for label, scope, keep in self._scopes(credit, state):
                    self._progress(f"halfvec against float32, {label}, ef_search {ef}")
                    exact = [set(self._numpy_top(matrix, ids, vector, keep)) for vector in vectors]
                    queryset = Customer.objects.filter(scope, embedding__isnull=False)
                    rows.extend(
                        self._compare_columns(
                            queryset, columns, vectors, exact, runs, ef, label, relaxed=keep is not None
                        )
                    )
            return rows
        finally:
            with connection.schema_editor() as editor:
                editor.execute(f"DROP INDEX IF EXISTS {editor.quote_name(index.name)}")

    def _compare_columns(
        self, queryset, columns, vectors, exact, runs, ef, label, *, relaxed
    ) -> list[tuple[str, str]]:
        """One row per column: latency and recall of the same plain query on each one's index,
        interleaved, so that a slow spell of the machine hits both."""
        timings: dict[str, list[float]] = {name: [] for name in columns}
        recalls: dict[str, list[float]] = {name: [] for name in columns}
        walked = dict.fromkeys(columns, True)
        for vector, truth in zip(vectors, exact, strict=True):
            found = {}
            for _ in range(runs):
                for name, (column, graph_name) in columns.items():
                    elapsed, found[name], plan = self._raw_nearest(
                        queryset, column, vector, ef, relaxed=relaxed
                    )
                    timings[name].append(elapsed)
                    walked[name] &= graph_name in plan
            for name in columns:
                recalls[name].append(len(truth & set(found[name])) / max(1, len(truth)))
        return [
            (
                f"raw SQL p50 / p95 ms, recall@10, {label}, ef_search {ef}, {name}"
                + ("" if walked[name] else " (not always its HNSW index)"),
                f"{median_ms(timings[name]):.1f} / {p95_ms(timings[name]):.1f}, "
                f"{statistics.mean(recalls[name]):.3f}",
            )
            for name in columns
        ]

    @staticmethod
    def _raw_nearest(queryset, column, vector, ef: int, *, relaxed: bool) -> tuple[float, list[int], str]:
        """Seconds, ids and the plan of one ``ORDER BY distance LIMIT 10``.
        Under a filter, as ``nearest_ids`` walks: relaxed order, 5 more rows, the closest kept."""
        nearest = queryset.annotate(distance=CosineDistance(column, vector)).order_by("distance")
        nearest = nearest.values_list("pk", "distance")[: 10 + (RELAXED_EXTRA if relaxed else 0)]
        walk = {"hnsw.ef_search": int(ef), **({"hnsw.iterative_scan": "relaxed_order"} if relaxed else {})}
        with transaction.atomic(), planner_settings(walk):
            plan = nearest.explain()
            started = time.perf_counter()
            found = sorted(nearest, key=lambda row: row[1])[:10]
            return time.perf_counter() - started, [pk for pk, _ in found], plan

    @staticmethod
    def _scopes(credit, state):
        """What is measured: (label, database filter, the same filter's numpy mask or None)."""
        return (
            ("unfiltered", Q(), None),
            (SELECTIVE_LABEL, SELECTIVE, lambda: (credit > 780) & (state == "FL")),
        )

    def _progress(self, message: str) -> None:
        self.stderr.write(f"... {message}")

    @staticmethod
    def _build_rows(book) -> list[tuple[str, str]]:
        hnsw = book.index_seconds.get(HNSW_INDEX.name, 0.0)
        others = sum(book.index_seconds.values()) - hnsw
        ingest = book.ingest_seconds + others
        return [
            (
                "ingest: generate + COPY, then btree/GIN indexes",
                f"{book.count:,} in {ingest:.1f}s = {book.count / ingest:,.0f}/s (indexes {others:.1f}s)",
            ),
            (
                f"real embeddings ({backend_class().variant}), spread over the ids",
                f"{book.real_embeddings:,} in {book.embedding_seconds:.1f}s = "
                f"{book.real_embeddings / book.embedding_seconds:,.0f}/s",
            ),
            (
                "derived vectors (mix of 2 real + noise), stored",
                f"{book.count - book.real_embeddings:,} in {book.derive_seconds:.1f}s",
            ),
            (
                "HNSW build (parallel)",
                f"{hnsw:.1f}s",
            ),
        ]

    @staticmethod
    def _index_rows() -> list[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_relation_size(%s::regclass), pg_total_relation_size(%s::regclass)",
                [HNSW_INDEX.name, Customer._meta.db_table],
            )
            hnsw, total = cursor.fetchone()
        return [
            (
                f"HNSW index size MB (m {HNSW_INDEX.m}, ef_construction {HNSW_INDEX.ef_construction})",
                f"{hnsw / 2**20:,.1f}",
            ),
            ("customer table with all indexes MB", f"{total / 2**20:,.1f}"),
        ]

    @staticmethod
    def _numpy_top(matrix, ids, vector, keep) -> list[int]:
        """The blueprint's way: cosine (dot product of unit vectors) with every row in memory.
        ``keep()`` is the filter's mask, worked out for each question as that search would: it
        does not know the filters in advance."""
        mask = None if keep is None else keep()
        rows, row_ids = (matrix, ids) if mask is None else (matrix[mask], ids[mask])
        scores = rows @ vector
        if len(scores) <= 10:
            return row_ids[np.argsort(-scores)].tolist()
        top = np.argpartition(-scores, 10)[:10]
        return row_ids[top[np.argsort(-scores[top])]].tolist()

    @staticmethod
    def _api_latencies(questions, runs, filters) -> list[float]:
        client, samples = benchmark_api_client(), []
        body = {} if filters is None else {"filters": filters}
        for question in questions:
            timed_search(client, {"query": question, **body})
            samples.extend(timed_search(client, {"query": question, **body}) for _ in range(runs))
        return samples

    @staticmethod
    def _throughput(questions, clients: int, seconds: float = 5.0) -> float:
        done, lock, stop = [0], threading.Lock(), time.monotonic() + seconds

        def work(offset: int):
            client = benchmark_api_client()
            i = offset
            while time.monotonic() < stop:
                timed_search(client, {"query": questions[i % len(questions)]})
                i += 1
                with lock:
                    done[0] += 1
            connection.close()

        started = time.monotonic()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(work, range(clients)))
        return done[0] / (time.monotonic() - started)

    @staticmethod
    def _embedding_rates(sample: int, repeats: int) -> list[tuple[str, str]]:
        texts = list(
            Customer.objects.exclude(embedding_model__startswith="derived")
            .order_by("id")
            .values_list("profile_text", flat=True)[:sample]
        )
        if not texts:
            return []
        fp32, int8 = OnnxEncoder(onnx_model_file()), OnnxEncoder(onnx_model_file(quantized=True))
        paths = {"torch fp32": encode_texts, "ONNX fp32": fp32.encode, "ONNX int8": int8.encode}
        seconds: dict[str, list[float]] = {name: [] for name in paths}
        results = {}
        for encode in paths.values():
            encode(texts[:8])
        for _ in range(repeats):  # interleaved, so that a slow spell of the machine hits every path
            for name, encode in paths.items():
                started = time.perf_counter()
                results[name] = encode(texts)
                seconds[name].append(time.perf_counter() - started)
        base = len(texts) / statistics.median(seconds["torch fp32"])
        rates = []
        for name in paths:
            rate = len(texts) / statistics.median(seconds[name])
            rates.append(
                (
                    f"embedding rate, {name}, profiles/s (median of {repeats})",
                    f"{rate:.0f} ({rate / base:.2f}x torch)",
                )
            )
        cosine = (results["ONNX int8"] * results["torch fp32"]).sum(axis=1)
        rates.append(("int8 cosine to torch fp32, mean / min", f"{cosine.mean():.4f} / {cosine.min():.4f}"))
        return rates

    def _print(self, rows, markdown: Path | None) -> None:
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            self.stdout.write(f"{name:<{width}}  {value}")
        if markdown:
            lines = [
                "| measure | value |",
                "| --- | --- |",
                *(f"| {name} | {value} |" for name, value in rows),
            ]
            markdown.write_text("\n".join(lines) + "\n")
