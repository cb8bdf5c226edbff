"""Household: no children. Counts of children are numbers (``readers.numbers``); "parents" and
"large families", "young families" and "empty nesters" are vague words (``readers.profile``)."""

import re

from search.conditions import Condition
from search.understanding.work import Work

_KIDS = r"(?:kids|children|dependents|child|little ones|dependants)"
_NO_CHILDREN_RE = re.compile(
    rf"\b(?:no|without|zero|0)(?:\s+(?:any|financial))?\s+{_KIDS}\b|\b(?:child|kid)(?:less|[- ]free)\b"
    rf"|\b(?:(?:do|does|did)(?: not|n't)|never) ha(?:ve|d) (?:any )?{_KIDS}\b"
    r"|\b(?:nobody|no one|no-one|noone|none|not anyone)\s+(?:(?:is|are)\s+)?(?:depending|depends|dependent|relying|relies)"
    r"\s+on\s+(?:them|him|her|their income)\b"
    r"|\bno(?: ?one|body) to (?:support|provide for)\b|\b(?:not|n't) supporting anyone\b"
)


def read_no_children(work: Work) -> None:
    """ "no kids", "childless", "nobody depending on them": no dependents at all."""
    for match in work.finditer(_NO_CHILDREN_RE):
        work.use(*match.span())
        work.conditions.append(Condition("dependents", "eq", 0, "no dependents"))
