"""Household: no children. Counts of children are numbers (``readers.numbers``); "parents" and
"large families", "young families" and "empty nesters" are vague words (``readers.profile``)."""

import re

from search.conditions import Condition
from search.understanding.work import Work

# The negation is read with its verb ("don't have kids"), so that it never reaches another clause.
_NO_CHILDREN_RE = re.compile(
    r"\b(?:no|without(?: any)?|zero|0|(?:do|does|did)(?: not|n't) have(?: any)?|(?:have|has)(?: not|n't) got(?: any)?|"
    r"never had(?: any)?|not having(?: any)?)\s+(?:kids|children|dependents|child|little ones)\b"
    r"|\b(?:child|kid)(?:less|[- ]free)\b"
    r"|\b(?:no[- ]?one|nobody|no body)\s+(?:depending|depends|relying|relies|dependent)\s+on\s+(?:them|him|her)\b"
)


def read_no_children(work: Work) -> None:
    for match in work.finditer(_NO_CHILDREN_RE):
        work.use(*match.span())
        work.conditions.append(Condition("dependents", "eq", 0, "no dependents"))
