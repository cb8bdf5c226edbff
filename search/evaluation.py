"""Scoring the search against a query file (``shared/eval/README.md``).

Each query's rule says which customers truly match. Relevance is decided by plain Python
predicates over every customer's loaded row (``search.ground_truth``), written apart from the
database filters the search applies, so that a wrong translation in the search cannot also be the
yardstick. The rule's database form (``search.conditions.rule_q``) is run as well, only as a
cross-check: customers on which the two disagree are counted and reported.
"""

import json
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from customers.models import Customer
from search import ground_truth
from search.conditions import InvalidRule, rule_q
from search.selectors import interpret, rank_customers

MODES = ("hybrid", "semantic")
# Not bounds a question states: interests rank, and external ids are RMs' judgments of results
# (``manage.py export_feedback``), so a result outside them is not relevant but breaks nothing.
SOFT_FIELDS = {"interests", "external_id"}


class InvalidQueryFile(ValueError):
    """The file is not a list of {id, query, relevant} entries with valid rules."""


@dataclass(frozen=True)
class QueryScore:
    id: str
    query: str
    relevant: int
    precision: float | None
    ndcg: float | None
    violations: int
    milliseconds: float
    returned: list[int]
    disagreements: int = 0  # customers on which rule_q and the Python predicate differ


def load_queries(path: str | Path) -> list[dict]:
    try:
        entries = json.loads(Path(path).read_text())
    except (OSError, ValueError) as error:
        raise InvalidQueryFile(f"{path}: {error}") from error
    if not isinstance(entries, list):
        raise InvalidQueryFile(f"{path}: expected a JSON list of queries.")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping) or not {"id", "query", "relevant"} <= set(entry):
            raise InvalidQueryFile(f"{path}: entry {number} needs id, query and relevant.")
        try:
            rule_q(entry["relevant"])
            ground_truth.predicate(entry["relevant"])
        except (InvalidRule, ground_truth.UnknownRule, TypeError, ValueError) as error:
            raise InvalidQueryFile(f"{path}: entry {number} ({entry['id']}): {error}") from error
    return entries


def _mentions_soft_field(rule: Mapping) -> bool:
    if "all" in rule or "any" in rule:
        return any(_mentions_soft_field(child) for child in rule.get("all", rule.get("any", [])))
    if "not" in rule:
        return _mentions_soft_field(rule["not"])
    return rule.get("field") in SOFT_FIELDS


def hard_part(rule: Mapping) -> list[Mapping]:
    """The top-level conditions that are hard bounds: all but those on ``SOFT_FIELDS``."""
    parts = rule.get("all", [rule])
    return [part for part in parts if not _mentions_soft_field(part)]


def precision_at(returned: list[int], relevant: set[int], k: int) -> float:
    hits = sum(1 for pk in returned[:k] if pk in relevant)
    return hits / min(k, len(relevant))


def ndcg_at(returned: list[int], relevant: set[int], k: int) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(returned[:k]) if pk in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal


def score_query(
    entry: Mapping,
    *,
    mode: str,
    k: int = 10,
    encoder=None,
    rows: list[dict] | None = None,
    understand=interpret,
) -> QueryScore:
    """One question's scores; ``encoder``: the vector slot and version to rank by (the active
    one unless given); ``rows``: every customer's loaded row (``ground_truth.load_rows``), loaded
    here unless given, so that a file's questions can share one load; ``understand``: the
    question's interpretation (``selectors.interpret`` unless given: a candidate to compare)."""
    rule = entry["relevant"]
    book = Customer.objects.all()
    rows = ground_truth.load_rows(book) if rows is None else rows
    relevant = ground_truth.matching_ids(rule, rows)
    by_database = set(book.filter(rule_q(rule)).values_list("pk", flat=True))
    started = time.perf_counter()
    interpretation = understand(entry["query"], parse=mode == "hybrid")
    outcome = rank_customers(
        book, interpretation=interpretation, limit=k, hybrid=mode == "hybrid", encoder=encoder
    )
    milliseconds = (time.perf_counter() - started) * 1000
    returned = [r.customer.pk for r in outcome.results]
    lawful = ground_truth.matching_ids(
        {"all": hard_part(rule)}, [r for r in rows if r["pk"] in set(returned)]
    )
    violations = sum(1 for pk in returned[:k] if pk not in lawful)
    return QueryScore(
        id=str(entry["id"]),
        query=entry["query"],
        relevant=len(relevant),
        precision=precision_at(returned, relevant, k) if relevant else None,
        ndcg=ndcg_at(returned, relevant, k) if relevant else None,
        violations=violations,
        milliseconds=milliseconds,
        returned=returned,
        disagreements=len(relevant ^ by_database),
    )


def mean_scores(scores: list[QueryScore]) -> dict:
    """Means over the queries that have at least one matching customer."""
    scored = [s for s in scores if s.relevant]
    if not scored:
        return {
            "precision": None,
            "ndcg": None,
            "violations": 0,
            "queries": 0,
            "without_matches": len(scores),
            "disagreements": sum(s.disagreements for s in scores),
        }
    return {
        "precision": sum(s.precision for s in scored) / len(scored),
        "ndcg": sum(s.ndcg for s in scored) / len(scored),
        "violations": sum(s.violations for s in scored),
        "queries": len(scored),
        "without_matches": len(scores) - len(scored),
        "disagreements": sum(s.disagreements for s in scores),
    }


def family_means(entries: list[Mapping], scores: list[QueryScore]) -> dict[str, dict]:
    """The means per ``family`` of a file whose entries name one (``queries_families.json``)."""
    groups: dict[str, list[QueryScore]] = {}
    for entry, score in zip(entries, scores, strict=True):
        if "family" in entry:
            groups.setdefault(str(entry["family"]), []).append(score)
    return {family: mean_scores(group) for family, group in groups.items()}
