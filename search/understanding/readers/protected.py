"""Protected attributes (marital status, sex, religion, ...): never a condition, left out of the
ranking text, and reported."""

import re

from search.understanding.lexicon import alternation
from search.understanding.lexicon.words import PROTECTED_WORDS
from search.understanding.work import Work

PROTECTED = re.compile(rf"\b(?:{alternation(PROTECTED_WORDS)})\b")


def read_protected(work: Work) -> None:
    for match in work.finditer(PROTECTED):
        work.use(*match.span(), hard=False)
        work.protected_spans.append(match.span())
        note = f"“{match[0]}” is ignored: protected attributes are not stored or searchable."
        if note not in work.ignored:
            work.ignored.append(note)
