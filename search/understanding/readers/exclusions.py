"""Exclusion clauses ("except those already in wealth management"): where they are, for the readers
after this one to read what lies inside as its opposite."""

import re

from search.understanding.lexicon import alternation
from search.understanding.lexicon.negation import EXCLUSION_CUES, EXCLUSION_ENDS, NOT_AN_EXCLUSION_AFTER
from search.understanding.work import Work

_CUE_RE = re.compile(rf"\b(?:{alternation(EXCLUSION_CUES)})\b")
_ONLY_BEFORE_RE = re.compile(rf"\b(?:{alternation(NOT_AN_EXCLUSION_AFTER)})\s+\Z")
_END_RE = re.compile(alternation(EXCLUSION_ENDS))


def read_exclusions(work: Work) -> None:
    """Each cue is masked and its clause, up to the next clause's end, is marked excluded."""
    for match in work.finditer(_CUE_RE):
        if _ONLY_BEFORE_RE.search(work.text, 0, match.start()):
            continue
        end = _END_RE.search(work.text, match.end())
        work.use(*match.span(), hard=False)
        work.exclusions.append((match.end(), end.start() if end else len(work.text)))
