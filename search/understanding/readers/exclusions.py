"""Exclusion clauses ("except those already in wealth management"): where they are, for the readers
after this one to read what lies inside as its opposite."""

import re

from search.understanding.lexicon import alternation
from search.understanding.lexicon.negation import (
    EXCLUSION_CUES,
    EXCLUSION_ENDS,
    NOT_AN_EXCLUSION_AFTER,
    NOT_AN_EXCLUSION_BEFORE,
    NOT_AN_EXCLUSION_WITHIN,
)
from search.understanding.work import Work

_CUE_RE = re.compile(rf"\b(?:{alternation(EXCLUSION_CUES)})\b(?!\s+{NOT_AN_EXCLUSION_BEFORE})")
_ONLY_BEFORE_RE = re.compile(rf"\b(?:{alternation(NOT_AN_EXCLUSION_AFTER)})\s+\Z")
_END_RE = re.compile(alternation(EXCLUSION_ENDS))
_WITHIN_RE = re.compile(NOT_AN_EXCLUSION_WITHIN)
_SENTENCE_END_RE = re.compile(r"[.;!?]|\Z")


def read_exclusions(work: Work) -> None:
    """Each cue is masked and its clause, up to the next clause's end, is marked excluded; a cue
    that belongs to an "only" ("nothing other than", "apart from a car loan, no other loans") is left
    to the products reader."""
    for match in work.finditer(_CUE_RE):
        if _ONLY_BEFORE_RE.search(work.text, 0, match.start()):
            continue
        found = _END_RE.search(work.text, match.end())
        end = found.start() if found else len(work.text)
        if _WITHIN_RE.search(work.text, match.end(), _SENTENCE_END_RE.search(work.text, match.end()).start()):
            continue
        work.use(*match.span(), hard=False)
        work.exclusions.append((match.end(), end))
