"""Interests and goals: soft signals that rank, never exclude."""

import re

from search.understanding.labels import interest_signal
from search.understanding.lexicon import alternation
from search.understanding.lexicon.interests import (
    CONTESTED_WORDS,
    INTEREST_PHRASES,
    INVESTMENT_FAMILY,
    INVESTMENT_PRODUCTS,
    NOT_INTERESTED,
)
from search.understanding.work import Work

_INTEREST_RES = [(code, re.compile(rf"\b(?:{alternation(p)})\b")) for code, p in INTEREST_PHRASES]
_INVESTMENT_PRODUCTS_RE = re.compile(rf"\b(?:{alternation(INVESTMENT_PRODUCTS)})\b")
_CONTESTED_RE = re.compile(CONTESTED_WORDS)
_NOT_INTERESTED_RE = re.compile(rf"\b(?:{alternation(NOT_INTERESTED)})\s+$")


def _read(work: Work, match: re.Match, codes: list[str]) -> None:
    """The interest a match names, unless the words before it say the customer lacks it or it is
    said in an exclusion ("except those interested in travel")."""
    negated = _NOT_INTERESTED_RE.search(work.text[max(0, match.start() - 40) : match.start()])
    work.use(*match.span(), hard=False)
    if not negated and not work.excluded(match.start()):
        work.signals.append(interest_signal(codes))


def read_contested_interests(work: Work) -> None:
    """Interest phrases of several words holding a word that a profile reader would take alone
    ("protect their family"), read before that reader can."""
    for code, pattern in _INTEREST_RES:
        for match in work.finditer(pattern):
            if " " in match[0].strip() and _CONTESTED_RE.search(match[0]):
                _read(work, match, [code.value])


def read_interests(work: Work) -> None:
    for match in work.finditer(_INVESTMENT_PRODUCTS_RE):
        _read(work, match, [c.value for c in INVESTMENT_FAMILY])
    for code, pattern in _INTEREST_RES:
        for match in work.finditer(pattern):
            _read(work, match, [code.value])
