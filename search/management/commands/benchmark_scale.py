import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q
from pgvector.django import CosineDistance

from customers.embeddings import OnnxEncoder, encode_query, encode_texts, onnx_model_file
from customers.models import Customer
from search.benchmarking import benchmark_api_client, median_ms, p95_ms
from search.evaluation import InvalidQueryFile, load_queries
from search.ranking import nearest_ids

SELECTIVE = Q(credit_score__gt=780, state="FL")


class Command(BaseCommand):
    help = (
        "Measure search at the database's current size and print a table (optionally also as "
        "markdown): SQL and API latency unfiltered and with a selective filter, HNSW recall@10 "
        "against an exact scan, the exact numpy reference over all embeddings in memory with the "
        "speed ratio, API throughput under concurrent clients, and embedding rates (torch, ONNX "
        "fp32, ONNX int8) on a sample of real profile texts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Questions, in the shared/eval format.")
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--seconds", type=float, default=5.0, help="How long the clients run.")
        parser.add_argument("--embedding-sample", type=int, default=256)
        parser.add_argument("--markdown", type=Path, help="Also write the table here.")

    def handle(self, *args, file, runs, clients, seconds, embedding_sample, markdown, **options):
        try:
            questions = [entry["query"] for entry in load_queries(file)]
        except InvalidQueryFile as error:
            raise CommandError(str(error)) from error
        embedded = Customer.objects.filter(embedding__isnull=False)
        count = embedded.count()
        if count == 0:
            raise CommandError("No embedded customers: generate and embed some first.")
        vectors = [encode_query(q) for q in questions]
        rows: list[tuple[str, str]] = [("customers embedded", f"{count:,}")]

        for label, scope in (("unfiltered", Q()), ("credit > 780 and state FL", SELECTIVE)):
            queryset = embedded.filter(scope)
            sql, recalls = [], []
            for vector in vectors:
                exact = self._exact(queryset, vector)
                for _ in range(runs):
                    started = time.perf_counter()
                    found = [pk for pk, _ in nearest_ids(queryset, vector, 10)]
                    sql.append(time.perf_counter() - started)
                recalls.append(len(set(found) & set(exact)) / max(1, min(10, len(exact))))
            rows.append((f"SQL p50 / p95 ms, {label}", f"{median_ms(sql):.1f} / {p95_ms(sql):.1f}"))
            rows.append((f"HNSW recall@10 vs exact, {label}", f"{statistics.mean(recalls):.3f}"))

        matrix, ids, credit, state = self._load_matrix()
        reference = []
        for vector in vectors:
            for mask in (None, (credit > 780) & (state == "FL")):
                started = time.perf_counter()
                scores = matrix @ vector if mask is None else matrix[mask] @ vector
                top = np.argsort(-scores)[:10]
                _ = (ids if mask is None else ids[mask])[top]
                reference.append(time.perf_counter() - started)
        rows.append(("numpy exact reference p50 ms (load excluded)", f"{median_ms(reference):.1f}"))

        api = self._api_latencies(questions, runs)
        rows.append(("search API p50 / p95 ms", f"{median_ms(api):.1f} / {p95_ms(api):.1f}"))
        rows.append(
            (
                f"search API throughput, {clients} clients, req/s",
                f"{self._throughput(questions, clients, seconds):.1f}",
            )
        )

        rows.extend(self._embedding_rates(embedding_sample))
        self._print(rows, markdown)

    @staticmethod
    def _exact(queryset, vector) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_indexscan = off")
            try:
                return list(
                    queryset.annotate(distance=CosineDistance("embedding", vector))
                    .order_by("distance")
                    .values_list("pk", flat=True)[:10]
                )
            finally:
                cursor.execute("SET enable_indexscan = on")

    @staticmethod
    def _load_matrix():
        rows = list(
            Customer.objects.filter(embedding__isnull=False).values_list(
                "pk", "embedding", "credit_score", "state"
            )
        )
        ids = np.array([r[0] for r in rows])
        matrix = np.vstack([np.asarray(r[1], dtype=np.float32) for r in rows])
        return matrix, ids, np.array([r[2] for r in rows]), np.array([r[3] for r in rows])

    def _api_latencies(self, questions, runs) -> list[float]:
        client, samples = benchmark_api_client(), []
        for question in questions:
            client.post("/api/v1/search/", {"query": question}, format="json")
            for _ in range(runs):
                started = time.perf_counter()
                client.post("/api/v1/search/", {"query": question}, format="json")
                samples.append(time.perf_counter() - started)
        return samples

    def _throughput(self, questions, clients: int, seconds: float = 5.0) -> float:
        done, lock, stop = [0], threading.Lock(), time.monotonic() + seconds

        def work(offset: int):
            client = benchmark_api_client()
            i = offset
            while time.monotonic() < stop:
                client.post("/api/v1/search/", {"query": questions[i % len(questions)]}, format="json")
                i += 1
                with lock:
                    done[0] += 1
            connection.close()

        started = time.monotonic()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(work, range(clients)))
        return done[0] / (time.monotonic() - started)

    @staticmethod
    def _embedding_rates(sample: int) -> list[tuple[str, str]]:
        texts = list(Customer.objects.order_by("id").values_list("profile_text", flat=True)[:sample])
        if not texts:
            return []
        fp32, int8 = OnnxEncoder(onnx_model_file()), OnnxEncoder(onnx_model_file(quantized=True))
        rates, results = [], {}
        for name, encode in (
            ("torch fp32", encode_texts),
            ("ONNX fp32", fp32.encode),
            ("ONNX int8", int8.encode),
        ):
            encode(texts[:8])
            started = time.perf_counter()
            results[name] = encode(texts)
            rates.append(
                (f"embedding rate, {name}, profiles/s", f"{len(texts) / (time.perf_counter() - started):.0f}")
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
