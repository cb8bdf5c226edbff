"""Interests and goals: soft signals that rank, never exclude."""

import re

from search.understanding.labels import interest_signal
from search.understanding.lexicon import alternation
from search.understanding.lexicon.interests import (
    CONTESTED_WORDS,
    INTEREST_PHRASES,
    INVESTMENT_FAMILY,
    INVESTMENT_PRODUCTS,
)
from search.understanding.work import Work

_INTEREST_RES = [(code, re.compile(rf"\b(?:{alternation(p)})\b")) for code, p in INTEREST_PHRASES]
_INVESTMENT_PRODUCTS_RE = re.compile(rf"\b(?:{alternation(INVESTMENT_PRODUCTS)})\b")
_CONTESTED_RE = re.compile(CONTESTED_WORDS)


def read_contested_interests(work: Work) -> None:
    """Interest phrases of several words holding a word that a profile reader would take alone
    ("protect their family"), read before that reader can."""
    for code, pattern in _INTEREST_RES:
        for match in work.finditer(pattern):
            if " " in match[0].strip() and _CONTESTED_RE.search(match[0]):
                work.use(*match.span(), hard=False)
                work.signals.append(interest_signal([code.value]))


def read_interests(work: Work) -> None:
    for match in work.finditer(_INVESTMENT_PRODUCTS_RE):
        work.use(*match.span(), hard=False)
        work.signals.append(interest_signal([c.value for c in INVESTMENT_FAMILY]))
    for code, pattern in _INTEREST_RES:
        for match in work.finditer(pattern):
            work.use(*match.span(), hard=False)
            work.signals.append(interest_signal([code.value]))
