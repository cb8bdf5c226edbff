"""A customer's name ("customers named Virginia", "whose last name is Young"): read first, so
that it is never a state, a vague word or a city; names are not searched here, so it is reported."""

import re

from search.understanding.lexicon import alternation
from search.understanding.lexicon.words import NAME_CUES, NAME_CUES_CAPITAL, NOT_NAMES
from search.understanding.work import Work

_NAME_RE = re.compile(
    rf"\b(?:(?i:{alternation(NAME_CUES)})|(?P<capital>(?i:{alternation(NAME_CUES_CAPITAL)})))\s+"
    r"(?P<name>[A-Za-z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
)
_NOT_NAME = re.compile(rf"(?i:{alternation(NOT_NAMES)})\b")


def read_names(work: Work) -> None:
    for match in work.finditer(_NAME_RE, cased=True):
        if _NOT_NAME.match(match["name"]) or (match["capital"] and not match["name"][0].isupper()):
            continue
        work.report(*match.span(), "customers are not searched by name here.")
