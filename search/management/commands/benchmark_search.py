import time

from django.core.management.base import BaseCommand, CommandError

from customers.models import Customer
from search.benchmarking import (
    BenchmarkError,
    benchmark_api_client,
    median_ms,
    p95_ms,
    timed_search,
    unthrottled,
)
from search.evaluation import InvalidQueryFile, load_queries
from search.understanding import parse_query


class Command(BaseCommand):
    help = (
        "Time query parsing and POST /api/v1/search/ (through Django's full request stack, in this "
        "process) for each query of a query file, and print medians and p95s as a table."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A query file in the shared/eval format.")
        parser.add_argument("--runs", type=int, default=5, help="Timed runs of each query (after a warm-up).")
        parser.add_argument("--parse-runs", type=int, default=200, help="Timed parses of each query.")
        parser.add_argument("--limit", type=int, default=10)

    def handle(self, *args, file, runs, parse_runs, limit, **options):
        if runs < 1 or parse_runs < 1:
            raise CommandError("--runs and --parse-runs must be at least 1.")
        try:
            queries = [entry["query"] for entry in load_queries(file)]
        except InvalidQueryFile as error:
            raise CommandError(str(error)) from error
        client = benchmark_api_client()

        def search(query: str) -> float:
            try:
                return timed_search(client, {"query": query, "limit": limit})
            except BenchmarkError as error:
                raise CommandError(str(error)) from error

        self.stdout.write(f"{Customer.objects.count():,} customers; {runs} runs per query, limit {limit}\n")
        self.stdout.write(f"{'parse p50 ms':>12} {'API p50 ms':>10} {'API p95 ms':>10}  query")
        all_parse, all_api = [], []
        with unthrottled():
            self._run(queries, search, parse_runs, runs, all_parse, all_api)
        self.stdout.write(
            f"{'-' * 12} {'-' * 10} {'-' * 10}\n{median_ms(all_parse):12.3f} {median_ms(all_api):10.1f} "
            f"{p95_ms(all_api):10.1f}  all queries (p50, p50, p95)"
        )

    def _run(self, queries, search, parse_runs, runs, all_parse, all_api) -> None:
        for query in queries:
            search(query)  # warm-up: model, caches, plan
            parse = []
            for _ in range(parse_runs):
                started = time.perf_counter()
                parse_query(query)
                parse.append(time.perf_counter() - started)
            api = [search(query) for _ in range(runs)]
            all_parse += parse
            all_api += api
            self.stdout.write(
                f"{median_ms(parse):12.3f} {median_ms(api):10.1f} {p95_ms(api):10.1f}  {query[:70]}"
            )
