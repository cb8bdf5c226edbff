"""The merge rules: what the readers' conditions become together.

- A stated number beats a vague word for the same field ("young, under 30": under 30).
- Repeats are dropped; alternatives on one field join ("nurses and teachers": either).
- Products: one "does not hold" condition, and nothing both required and excluded.
- Conditions on one number that no value meets together are reported, none of them used.
"""

from customers.fields import NUMERIC, concept_of
from search.conditions import Condition
from search.understanding.labels import product_label

# Several of these in one question mean any of them: "nurses and teachers", "retirees or students".
UNION_FIELDS = {("occupation", "icontains_any"), ("employment_status", "in")}
NUMERIC_FIELDS = tuple(a.name for a in NUMERIC)


def merge(conditions: list[Condition]) -> list[Condition]:
    """Drop vague conditions a stated number overrides and repeats; join the alternatives."""
    stated = {concept_of(c.field) for c in conditions if not c.vague}  # "joined in 2025" is a tenure
    kept: list[Condition] = []
    seen: set[str] = set()
    for condition in conditions:
        if (condition.vague and concept_of(condition.field) in stated) or condition.key in seen:
            continue
        seen.add(condition.key)
        previous = next((c for c in kept if (c.field, c.op) == (condition.field, condition.op)), None)
        if previous and (condition.field, condition.op) in UNION_FIELDS:
            values = previous.value + [v for v in condition.value if v not in previous.value]
            label = f"{previous.label} or {condition.label.removeprefix('occupation: ')}"
            kept[kept.index(previous)] = Condition(condition.field, condition.op, values, label)
            continue
        kept.append(condition)
    return kept


def _admits(condition: Condition) -> tuple[tuple[float, bool], tuple[float, bool]]:
    """The interval of values ``condition`` admits: (low, open?), (high, open?)."""
    inf = float("inf")
    op, value = condition.op, condition.value
    if op == "between":
        return (float(value[0]), False), (float(value[1]), False)
    bound = float(value)
    return {
        "gt": ((bound, True), (inf, False)),
        "gte": ((bound, False), (inf, False)),
        "lt": ((-inf, False), (bound, True)),
        "lte": ((-inf, False), (bound, False)),
        "eq": ((bound, False), (bound, False)),
    }[op]


def drop_contradictions(conditions: list[Condition], ignored: list[str]) -> list[Condition]:
    """Conditions on one number that no value meets together ("credit over 700 and under 600")
    are reported and none of them is used: guessing which one the RM meant would hide the other."""
    kept = list(conditions)
    for field_name in NUMERIC_FIELDS:
        bounds = [
            c for c in kept if c.field == field_name and c.op in ("gt", "gte", "lt", "lte", "eq", "between")
        ]
        if len(bounds) < 2:
            continue
        lows, highs = zip(*(_admits(c) for c in bounds), strict=True)
        low = max(lows, key=lambda b: (b[0], b[1]))
        high = min(highs, key=lambda b: (b[0], not b[1]))
        if low[0] < high[0] or (low[0] == high[0] and not (low[1] or high[1])):
            continue
        kept = [c for c in kept if c not in bounds]
        labels = " and ".join(f"“{c.label}”" for c in bounds)
        ignored.append(f"{labels} are ignored: no customer can meet them all.")
    return kept


def merge_products(conditions: list[Condition]) -> list[Condition]:
    """One "does not hold" condition, and nothing both required and excluded."""
    excluded: list[str] = []
    for c in conditions:
        if c.field == "products" and c.op == "not_contains_any":
            excluded.extend(v for v in c.value if v not in excluded)
    others = [c for c in conditions if not (c.field == "products" and c.op == "not_contains_any")]
    held = {c.value for c in others if c.field == "products" and c.op == "contains"}
    excluded = [v for v in excluded if v not in held]
    if excluded:
        others.append(
            Condition("products", "not_contains_any", excluded, f"does not hold {product_label(excluded)}")
        )
    return others


def merged(conditions: list[Condition], ignored: list[str]) -> list[Condition]:
    return drop_contradictions(merge_products(merge(conditions)), ignored)
