"""Household: no children. Counts of children are numbers (``readers.numbers``); "parents" and
"large families", "young families" and "empty nesters" are vague words (``readers.profile``)."""

import re

from search.conditions import Condition
from search.understanding.work import Work

_NO_CHILDREN_RE = re.compile(
    r"\b(?:no|without|zero|0)\s+(?:kids|children|dependents|child)\b|\bchild(?:less|[- ]free)\b"
)


def read_no_children(work: Work) -> None:
    for match in work.finditer(_NO_CHILDREN_RE):
        work.use(*match.span())
        work.conditions.append(Condition("dependents", "eq", 0, "no dependents"))
