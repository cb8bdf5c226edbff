from datetime import date

from django.core.management.base import BaseCommand, CommandError

from search.evaluation import InvalidQueryFile, load_queries
from search.selectors import interpret
from search.understanding_report import family_means, generated_rows, score_reading


class Command(BaseCommand):
    help = (
        "Judge the question reading alone on query files, over a book generated in memory (no database "
        "or embeddings needed): per question, the share of the customers its conditions admit that match "
        "the rule, the share of matches admitted, and the precision@10 that implies; then means per family."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--customers", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--failures", action="store_true", help="Print only questions below 0.95.")

    def handle(self, *args, files, customers, seed, failures, **options):
        today = date.today()
        rows = generated_rows(customers, seed=seed, today=today)
        scores = []
        for file in files:
            try:
                entries = load_queries(file)
            except InvalidQueryFile as error:
                raise CommandError(str(error)) from error
            scores += [score_reading(e, rows, understand=interpret, today=today) for e in entries]
        for s in scores:
            expected = s.expected_precision
            if failures and (expected is None or expected >= 0.95):
                continue
            shown = "  -  " if expected is None else f"{expected:5.2f}"
            self.stdout.write(
                f"{s.id:<6} {shown} rel {s.relevant:>5} adm {s.admitted:>5} | {s.query[:80]}\n"
                f"{'':>13}read: {s.reading[:160]}"
            )
        scored = [s.expected_precision for s in scores if s.expected_precision is not None]
        self.stdout.write("\nfamily             expected P@10")
        for family, mean in family_means(scores).items():
            self.stdout.write(f"{family[:18]:<18} {mean:6.3f}")
        mean = sum(scored) / len(scored) if scored else float("nan")
        self.stdout.write(
            f"\nmean expected precision@10 {mean:.3f} over {len(scored)} questions "
            f"({len(scores) - len(scored)} without a matching customer)"
        )
