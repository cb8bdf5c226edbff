"""Conditions inferred by meaning from the words the parser's readers left over.

``parse_query`` stays deterministic and model-free; the search calls this after it, so that
"clients who can stomach volatility" still gets a risk condition. Each inference becomes a
``Condition`` marked ``inferred`` with the question's words as its ``source_phrase``: the page
shows it as a dashed chip the RM can remove. Nothing is inferred for a concept the question
states or an explicit filter sets (``search.meaning_match`` skips stated concepts).
"""

from collections.abc import Iterable, Mapping

from customers.choices import US_STATES, EmploymentStatus, PreferredChannel, RiskTolerance, Segment
from search.conditions import Condition
from search.meaning_match import chunks_of_leftover, concept_of_field, infer_conditions
from search.understanding import ParsedQuery
from search.understanding.labels import (
    FIELD_LABELS,
    choice_label,
    interest_signal,
    numeric_condition,
    product_label,
)

CHOICES = {
    "employment_status": EmploymentStatus,
    "preferred_channel": PreferredChannel,
    "risk_tolerance": RiskTolerance,
    "segment": Segment,
}
LABEL_FORMS = {
    "employment_status": "{}",
    "preferred_channel": "prefers {}",
    "risk_tolerance": "{} risk tolerance",
    "segment": "{} segment",
}


def _codes(value) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]


def condition_of(leaf: Mapping, phrase: str) -> Condition:
    """One payload leaf as a condition labelled as the parser labels its own, marked inferred."""
    field, op, value = leaf["field"], leaf["op"], leaf["value"]
    required = True
    if field == "interests":
        label, required = interest_signal(_codes(value)).label, False
    elif field in CHOICES:
        label = LABEL_FORMS[field].format(choice_label(CHOICES[field], _codes(value)))
    elif field == "state":
        label = "in " + " or ".join(US_STATES[c] for c in _codes(value))
    elif field == "products":
        label = "has " + product_label(_codes(value))
    elif field in FIELD_LABELS:
        label = numeric_condition(field, op, value).label
    else:
        label = f"{field} {op} {value}"
    return Condition(field, op, value, label, required=required, inferred=True, source_phrase=phrase)


def inferred_conditions(parsed: ParsedQuery, *, also_stated: Iterable[str] = ()) -> list[Condition]:
    """What the question's leftover words mean, for the concepts neither the question nor
    ``also_stated`` (the concepts of explicit filters) speaks of."""
    chunks = chunks_of_leftover(parsed.leftover)
    if not chunks:
        return []
    stated = {concept_of_field(c.field) for c in parsed.conditions + parsed.signals} | set(also_stated)
    return [
        condition_of(leaf, match.phrase_in_question)
        for match in infer_conditions(chunks, stated)
        for leaf in match.payload
    ]
