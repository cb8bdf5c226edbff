"""Choosing the meaning match's threshold, and timing it, on question files with known truth.

For each question the parser runs as today; its leftover words are cut into chunks and matched
with every threshold at once. An inference is *right* when at least ``RIGHT_SHARE`` of the
customers its payload admits meet the question's rule on that concept (the rule's top-level parts
on the same field, judged by ``search.ground_truth``): it narrows to the right people, even if
more tightly than asked. Otherwise, including a concept the rule does not mention, it is *wrong*.
"""

import statistics
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from search import ground_truth
from search.meaning_match import MeaningMatcher, chunks_of_leftover, concept_of_field

RIGHT_SHARE = 0.95


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    questions_helped: set = field(default_factory=set)
    wrong_examples: list = field(default_factory=list)


def _rule_fields(rule: Mapping) -> set[str]:
    for key in ("all", "any"):
        if key in rule:
            return set().union(*(_rule_fields(child) for child in rule[key]))
    if "not" in rule:
        return _rule_fields(rule["not"])
    return {concept_of_field(rule["field"])}


def truth_on(rule: Mapping, concept: str) -> dict | None:
    """The rule's top-level parts that speak only of ``concept``, or None when none does."""
    parts = [p for p in rule.get("all", [rule]) if _rule_fields(p) == {concept}]
    return {"all": parts} if parts else None


def is_right(payload: Iterable[dict], concept: str, rule: Mapping, rows: list[dict]) -> bool:
    truth = truth_on(rule, concept)
    if truth is None:
        return False
    admitted = ground_truth.matching_ids({"all": list(payload)}, rows)
    if not admitted:
        return False
    return len(admitted & ground_truth.matching_ids(truth, rows)) / len(admitted) >= RIGHT_SHARE


def parsed_leftovers(entry: Mapping) -> tuple[list[str], set[str]]:
    """Today's parser's leftover chunks and stated concepts for one question."""
    from search.understanding import parse_query

    parsed = parse_query(entry["query"])
    stated = {concept_of_field(c.field) for c in parsed.conditions + parsed.signals}
    return chunks_of_leftover(parsed.leftover), stated


def interpret_with_inference(matcher: MeaningMatcher):
    """``selectors.interpret`` with the matcher's inferences added as conditions (interests as
    ranking signals, as the parser makes them): what the search would do once the parser calls
    the match, to score before wiring it in."""
    from dataclasses import replace

    from search.conditions import Condition
    from search.selectors import interpret

    def understand(query: str, *, parse: bool = True):
        parsed = interpret(query, parse=parse)
        if not parse:
            return parsed
        chunks, stated = parsed_leftovers({"query": query})
        conditions, signals = list(parsed.conditions), list(parsed.signals)
        for match in matcher.infer(chunks, stated):
            for leaf in match.payload:
                soft = leaf["field"] == "interests"
                condition = Condition(
                    leaf["field"],
                    leaf["op"],
                    leaf["value"],
                    f"“{match.phrase_in_question}”",
                    required=not soft,
                )
                (signals if soft else conditions).append(condition)
        return replace(parsed, conditions=tuple(conditions), signals=tuple(signals))

    return understand


def threshold_table(
    matcher: MeaningMatcher, entries: list[Mapping], rows: list[dict], thresholds: list[float]
) -> dict[float, Tally]:
    tallies = {t: Tally() for t in thresholds}
    for entry in entries:
        chunks, stated = parsed_leftovers(entry)
        for threshold in thresholds:
            for match in matcher.infer(chunks, stated, threshold=threshold):
                tally = tallies[threshold]
                if is_right(match.payload, match.concept, entry["relevant"], rows):
                    tally.right += 1
                    tally.questions_helped.add(entry["id"])
                else:
                    tally.wrong += 1
                    tally.wrong_examples.append(
                        f"{entry['id']}: “{match.phrase_in_question}” ~ “{match.lexicon_phrase}” "
                        f"({match.concept}, {match.score:.2f})"
                    )
    return tallies


def latency(matcher: MeaningMatcher, entries: list[Mapping], *, repeats: int = 5) -> dict:
    """Milliseconds per question for the match alone, over the questions that leave words over
    (chunk cache emptied before each, so every chunk is encoded: a new question), in wall time and
    in this process's CPU time (what it costs where the cores are not shared with other work), and
    for today's parse with chunking before it, over all questions."""
    matcher.matrix()
    matcher.infer(["warm up"], ())
    match_ms, match_cpu_ms, parse_ms, chunk_counts = [], [], [], []
    for _ in range(repeats):
        for entry in entries:
            started = time.perf_counter()
            chunks, stated = parsed_leftovers(entry)
            parsed = time.perf_counter()
            matcher.forget_chunks()
            cpu = time.process_time()
            matcher.infer(chunks, stated)
            done = time.perf_counter()
            cpu = time.process_time() - cpu
            parse_ms.append((parsed - started) * 1000)
            if chunks:
                match_ms.append((done - parsed) * 1000)
                match_cpu_ms.append(cpu * 1000)
                chunk_counts.append(len(chunks))

    def p(values, q):
        return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]

    return {
        "questions": len(entries),
        "runs": len(parse_ms),
        "matched_runs": len(match_ms),
        "match_p50": statistics.median(match_ms),
        "match_p95": p(match_ms, 95),
        "match_cpu_p50": statistics.median(match_cpu_ms),
        "parse_p50": statistics.median(parse_ms),
        "chunks_mean": sum(chunk_counts) / len(chunk_counts),
    }
