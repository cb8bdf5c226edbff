"""Negation said just before a comparison or a word: "don't earn over 50k", "not young", "anyone
but millennials". The cues are ``lexicon.words.NEGATION_CUES``; this is the one place that reads them."""

import re

from search.understanding.lexicon import alternation
from search.understanding.lexicon.words import NEGATION_CUES

# A negation just before a comparison turns it over ("don't earn over 50k": at most 50k). Only the
# words right before count (a verb may stand between), so a "not" in another clause never does.
_NEGATION_CUE = rf"\b(?:{alternation(NEGATION_CUES)})"
_NEGATION_BEFORE = re.compile(
    rf"(?:{_NEGATION_CUE}|\bwithout)\s+(?:(?:have|has|had|earn|earns|earning|make|makes|making|get|gets|"
    r"bring in|brings in|pull in|pulls in|take home|takes home|those(?: who are| aged| with| having)?)\s+)?$"
)
NEGATED_OP = {"gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt"}


def negation_before(text: str, start: int) -> int | None:
    """Where a negation of the comparison starting at ``start`` begins, if one does."""
    found = _NEGATION_BEFORE.search(text, max(0, start - 40), start)
    return found.start() if found else None


# Before a word ("not young", "aren't parents", "not yet seniors", "non-millennials", "other than
# those in their 40s", "not exactly young"): only an article, "yet", "those" or a hedge may stand
# between, so a "not" in another clause never reaches the word. "not seniors or millennials" is
# neither: a word after "or" in a short negated list is negated too.
_NEGATED_WORD = re.compile(
    rf"(?:{_NEGATION_CUE}|\bnon)[\s-]+(?:[\w'’-]+\s+(?:[\w'’-]+\s+)?(?P<listed>or|nor)\s+)?"
    r"(?:(?:yet|a|an|the|one of the|among the|part of the|those(?: who are| that are)?"
    r"|very|really|so|that|too|all that|particularly|exactly|especially|quite|considered|classed as)\s+){0,2}$"
)


# The list's first word may be read already (so masked): then "or" right after it is enough.
_OR_NEXT = re.compile(r"\s*,?\s*\b(?:or|nor)\s+$")


def negated_word(text: str, start: int, negated_ends: set[int] = frozenset()) -> int | None:
    """Where a negation of the word starting at ``start`` begins, if one does: a cue just before
    it, or "or" just after a word read as negated (which ends at one of ``negated_ends``)."""
    found = _NEGATED_WORD.search(text, max(0, start - 40), start)
    if found:  # in a list, from "or": the words before it are the list's first item's
        return found.start("listed") if found["listed"] else found.start()
    listed = _OR_NEXT.search(text, max(0, start - 10), start)
    return listed.start() if listed and listed.start() in negated_ends else None
