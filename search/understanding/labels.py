"""Conditions in the words an RM would use: "credit score over 750", "customer for at least 10 years"."""

from customers.choices import Interest, Product
from customers.fields import ATTRIBUTES, NUMERIC, Kind
from search.conditions import Condition
from search.vocabulary import vocabulary

FIELD_LABELS = {a.name: a.label for a in NUMERIC}
MONEY_FIELDS = {a.name for a in NUMERIC if a.kind == Kind.MONEY}
COUNTED = {a.name for a in NUMERIC if a.unit}  # said as "3 dependents", "between 2 and 5 years"
OP_WORDS = {"gt": "over", "gte": "at least", "lt": "under", "lte": "at most", "eq": "exactly"}
COUNT_OP_WORDS = {"gt": "more than", "gte": "at least", "lt": "fewer than", "lte": "at most", "eq": ""}


def fmt(field_name: str, value) -> str:
    if field_name in MONEY_FIELDS:
        value = float(value)
        if value >= 1_000_000:
            return f"${value / 1_000_000:g}M"
        if value >= 1_000:
            return f"${value / 1_000:g}k"
        return f"${value:g}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def bound_text(field_name: str, value) -> str:
    return f"${int(value):,}" if field_name in MONEY_FIELDS else f"{int(value):,}"


def as_int(value):
    return int(value) if float(value).is_integer() else float(value)


def numeric_condition(field_name: str, op: str, value, *, label: str | None = None, vague=False) -> Condition:
    """A bound on a numeric field, labelled the way an RM would say it."""
    if op == "between":
        value = [as_int(v) for v in value]
        amount = f"{fmt(field_name, value[0])} to {fmt(field_name, value[1])}"
        words = "between" if field_name in COUNTED else ""
    else:
        value = as_int(value)
        amount = fmt(field_name, value)
        words = (COUNT_OP_WORDS if field_name in COUNTED else OP_WORDS)[op]
    if field_name == "tenure_years":
        text = f"customer for {words} {amount} years"
    elif field_name in COUNTED:
        text = f"{words} {amount} {ATTRIBUTES[field_name].unit}"
    else:
        text = f"{FIELD_LABELS[field_name]} {words} {amount}"
    return Condition(field_name, op, value, label or " ".join(text.split()), vague=vague)


def bounds_condition(field_name: str, bounds: dict, label: str) -> Condition:
    """The vocabulary's {field_min, field_max} as one vague condition."""
    lo, hi = bounds.get(f"{field_name}_min"), bounds.get(f"{field_name}_max")
    if lo is not None and hi is not None:
        return Condition(field_name, "between", [lo, hi], label, vague=True)
    if lo is not None:
        return Condition(field_name, "gte", lo, label, vague=True)
    return Condition(field_name, "lte", hi, label, vague=True)


def term(name: str, label: str) -> list[Condition]:
    """Conditions for a vocabulary term, one per field it bounds."""
    bounds = vocabulary()[name]
    fields = dict.fromkeys(key.rsplit("_", 1)[0] for key in bounds)
    return [bounds_condition(f, bounds, label) for f in fields]


_OPPOSITE = {"gte": "lt", "lte": "gt"}


def negated_term(name: str, label: str) -> Condition | None:
    """A vocabulary term said negated ("not young": over 35), where its opposite is one bound; None
    where it is not (a band such as middle-aged, or a term on two fields)."""
    bounds = vocabulary()[name]
    if len(bounds) != 1:
        return None
    ((key, bound),) = bounds.items()
    field_name, side = key.rsplit("_", 1)
    op = _OPPOSITE["gte" if side == "min" else "lte"]
    return numeric_condition(field_name, op, bound, label=label, vague=True)


def choice_label(choices, codes) -> str:
    return " or ".join(choices(code).label.lower() for code in codes)


def product_label(codes: list[str], *, joiner: str = " or ") -> str:
    labels = [Product(c).label.lower() for c in codes]
    if Product.CREDIT_CARD in codes and Product.PREMIUM_CREDIT_CARD in codes:
        labels.remove(Product.PREMIUM_CREDIT_CARD.label.lower())
        labels[labels.index(Product.CREDIT_CARD.label.lower())] = "any credit card"
    return joiner.join(labels)


def interest_signal(codes: list[str]) -> Condition:
    return Condition(
        "interests", "contains_any", codes, "interested in " + choice_label(Interest, codes), required=False
    )
