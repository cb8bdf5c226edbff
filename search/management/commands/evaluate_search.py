import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from customers.embeddings import encode_query
from customers.models import Customer
from search import ground_truth
from search.evaluation import MODES, InvalidQueryFile, family_means, load_queries, mean_scores, score_query


class Command(BaseCommand):
    help = (
        "Score the search on a query file (shared/eval format) against the customers in the database: "
        "precision@k, nDCG@k and hard-bound violations@k per query, then the means. --mode semantic is "
        "the baseline (embedding similarity, no parsing); --mode both prints them side by side."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument("--mode", choices=[*MODES, "both"], default="hybrid")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args, file, k, mode, json: bool, **options):
        if k < 1:
            raise CommandError("--k must be at least 1.")
        try:
            entries = load_queries(file)
        except InvalidQueryFile as error:
            raise CommandError(str(error)) from error
        modes = list(MODES) if mode == "both" else [mode]
        encode_query("warm-up")  # load the model before the first query is timed
        rows = ground_truth.load_rows()
        runs = {m: [score_query(entry, mode=m, k=k, rows=rows) for entry in entries] for m in modes}
        customers = Customer.objects.count()
        if json:
            self._print_json(runs, k, customers)
        else:
            self._print_table(runs, k, customers)
            self._print_families(entries, runs, k)

    def _print_json(self, runs, k, customers):
        payload = {
            "k": k,
            "customers": customers,
            "modes": {
                m: {"queries": [asdict(s) for s in scores], "mean": mean_scores(scores)}
                for m, scores in runs.items()
            },
        }
        self.stdout.write(json.dumps(payload, indent=2))

    def _print_table(self, runs, k, customers):
        def fmt(value):
            return "   -  " if value is None else f"{value:6.3f}"

        modes = list(runs)
        head = f"{'id':<8} {'relevant':>8}"
        for m in modes:
            head += f" | {m[:8]:>8} P@{k:<3} nDCG@{k:<3} viol   ms"
        self.stdout.write(f"{customers:,} customers, k={k}\n")
        self.stdout.write(head + " | query")
        self.stdout.write("-" * len(head))
        first = runs[modes[0]]
        for i, score in enumerate(first):
            line = f"{score.id:<8} {score.relevant:>8}"
            for m in modes:
                s = runs[m][i]
                line += (
                    f" | {'':>8} {fmt(s.precision)} {fmt(s.ndcg):>8} {s.violations:>4} {s.milliseconds:4.0f}"
                )
            self.stdout.write(line + f" | {score.query[:70]}")
        self.stdout.write("-" * len(head))
        for m in modes:
            mean = mean_scores(runs[m])
            self.stdout.write(
                f"{m:<9} mean precision@{k} {fmt(mean['precision'])}  mean nDCG@{k} {fmt(mean['ndcg'])}  "
                f"violations@{k} {mean['violations']}  ({mean['queries']} queries scored, "
                f"{mean['without_matches']} without a matching customer)"
            )
        disagreeing = [s for s in first if s.disagreements]
        for score in disagreeing:
            self.stdout.write(
                f"cross-check: {score.id}: the rule's database form and its Python predicate disagree "
                f"on {score.disagreements} customers (relevance follows the predicate)"
            )
        if not disagreeing:
            self.stdout.write("cross-check: the rules' database form agrees with their Python predicates")

    def _print_families(self, entries, runs, k):
        by_mode = {m: family_means(entries, scores) for m, scores in runs.items()}
        if not any(by_mode.values()):
            return
        self.stdout.write(f"by family: mean precision@{k} / nDCG@{k} / violations@{k}")
        for family in next(iter(by_mode.values())):
            cells = []
            for m, means in by_mode.items():
                mean = means[family]
                if mean["queries"]:
                    cells.append(f"{m} {mean['precision']:.3f} / {mean['ndcg']:.3f} / {mean['violations']}")
                else:
                    cells.append(f"{m} no matching customer")
            self.stdout.write(f"  {family:<20} " + "   ".join(cells))
