from django.core.management.base import BaseCommand, CommandError

from search import ground_truth
from search.evaluation import InvalidQueryFile, load_queries, mean_scores, score_query
from search.meaning_match import DEFAULT_THRESHOLD, default_matcher
from search.meaning_match_tuning import interpret_with_inference, latency, threshold_table
from search.selectors import interpret


class Command(BaseCommand):
    help = (
        "The meaning match on question files: right and wrong inferences at each threshold (judged "
        "against the files' rules over the customers in the database) and its latency per question."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--thresholds", default="0.45,0.50,0.55,0.58,0.60,0.62,0.65,0.68,0.70,0.75,0.80")
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--examples", action="store_true", help="List the wrong inferences.")
        parser.add_argument(
            "--score",
            action="store_true",
            help="Also score each file (hybrid) with the inferences applied as conditions, beside today's.",
        )

    def handle(self, *args, files, thresholds, repeats, examples, score, **options):
        try:
            entries = [entry for path in files for entry in load_queries(path)]
            levels = [float(t) for t in thresholds.split(",")]
        except (InvalidQueryFile, ValueError) as error:
            raise CommandError(str(error)) from error
        matcher = default_matcher()
        rows = ground_truth.load_rows()
        tallies = threshold_table(matcher, entries, rows, levels)
        self.stdout.write(f"{len(entries)} questions, lexicon of {len(matcher.lexicon)} phrases")
        self.stdout.write("threshold  right  wrong  questions helped")
        for level, tally in tallies.items():
            mark = "  <- default" if abs(level - DEFAULT_THRESHOLD) < 1e-9 else ""
            self.stdout.write(
                f"{level:9.2f}  {tally.right:5d}  {tally.wrong:5d}  {len(tally.questions_helped):5d}{mark}"
            )
            if examples:
                for line in tally.wrong_examples:
                    self.stdout.write(f"             wrong: {line}")
        if score:
            self._score(files, matcher, rows)
        timing = latency(matcher, entries, repeats=repeats)
        self.stdout.write(
            f"latency over {timing['runs']} runs of {timing['questions']} questions: meaning match "
            f"p50 {timing['match_p50']:.2f} ms, p95 {timing['match_p95']:.2f} ms (CPU time p50 "
            f"{timing['match_cpu_p50']:.2f} ms) over the "
            f"{timing['matched_runs']} runs with words left over ({timing['chunks_mean']:.1f} chunks "
            "on average, each encoded afresh); "
            f"today's parse with chunking p50 {timing['parse_p50']:.2f} ms"
        )

    def _score(self, files, matcher, rows):
        understand = interpret_with_inference(matcher)
        for path in files:
            for label, how in (("today", interpret), ("with inference", understand)):
                mean = mean_scores(
                    [score_query(e, mode="hybrid", rows=rows, understand=how) for e in load_queries(path)]
                )
                if not mean["queries"]:
                    self.stdout.write(f"{path}: {label}: no question has a matching customer")
                    continue
                self.stdout.write(
                    f"{path}: {label}: precision@10 {mean['precision']:.3f}, nDCG@10 {mean['ndcg']:.3f}, "
                    f"violations@10 {mean['violations']}"
                )
