"""How well the question reading alone answers a query file, without a database or an index.

The search's hard conditions decide which customers may appear at all, and its named interests
which come first; the ranking only orders what they admit. So a reading can be judged on its own:
the customers its conditions and interests admit, against the customers the question's rule
admits (``search.ground_truth``), over a book generated in memory. ``precision`` is the share of
the admitted who truly match (below 1: the reading is too loose or wrong), ``recall`` the share of
the true matches admitted (below 1: too strict). It takes seconds, so a change to the lexicon can
be judged on hundreds of phrasings before the slower ``evaluate_search`` confirms it on a real book.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from customers.choices import segment_for_assets
from customers.generator import generate_customers
from search import ground_truth
from search.conditions import Op


@dataclass(frozen=True)
class ReadingScore:
    id: str
    family: str
    query: str
    relevant: int
    admitted: int
    precision: float | None
    recall: float | None
    reading: str

    @property
    def expected_precision(self) -> float | None:
        """About the precision@10 the search would get: the admitted are all it may return."""
        if not self.relevant:
            return None
        return (self.precision or 0.0) * min(10, self.admitted) / min(10, self.relevant)


def generated_rows(count: int, *, seed: int, today: date) -> list[dict]:
    """A generated book as ``ground_truth`` rows (``pk`` is the index)."""
    rows = []
    for index, customer in enumerate(generate_customers(count, seed=seed, as_of=today)):
        customer["pk"] = index
        customer["segment"] = segment_for_assets(customer["investable_assets"])
        rows.append(customer)
    return rows


def _leaf(condition) -> dict:
    if condition.required:
        return {"field": condition.field, "op": str(condition.op), "value": condition.value}
    values = condition.value if isinstance(condition.value, list) else [condition.value]
    return {"field": condition.field, "op": str(Op.CONTAINS_ANY), "value": values}


def score_reading(entry: Mapping, rows: Sequence[dict], *, understand, today: date) -> ReadingScore:
    """One question: what its reading admits against what its rule admits."""
    interpretation = understand(entry["query"])
    parts = [_leaf(c) for c in (*interpretation.conditions, *interpretation.signals)]
    admitted = ground_truth.matching_ids({"all": parts}, rows, today=today) if parts else set()
    relevant = ground_truth.matching_ids(entry["relevant"], rows, today=today)
    both = len(admitted & relevant)
    reading = "; ".join(
        ("~" if c.inferred else "") + f"{c.field} {c.op} {c.value}"
        for c in (*interpretation.conditions, *interpretation.signals)
    )
    return ReadingScore(
        id=str(entry["id"]),
        family=str(entry.get("family", "")),
        query=entry["query"],
        relevant=len(relevant),
        admitted=len(admitted),
        precision=both / len(admitted) if admitted else (None if not relevant else 0.0),
        recall=both / len(relevant) if relevant else None,
        reading=reading or "(nothing read)",
    )


def family_means(scores: Sequence[ReadingScore]) -> dict[str, float]:
    """Mean expected precision per family, over the questions some customer matches."""
    groups: dict[str, list[float]] = {}
    for score in scores:
        if score.expected_precision is not None:
            groups.setdefault(score.family, []).append(score.expected_precision)
    return {family: sum(values) / len(values) for family, values in sorted(groups.items())}
