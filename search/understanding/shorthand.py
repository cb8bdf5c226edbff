"""Shorthand written out (``lexicon.shorthand``) before the question is read."""

import re

from search.understanding.lexicon import longest_first
from search.understanding.lexicon.shorthand import HYPHENATED_PHRASE, SHORTHAND
from search.understanding.spelling import correct

_LOOKUP = {key.lower(): value for key, value in SHORTHAND.items()}
_SHORTHAND_RE = re.compile(
    r"(?<![\w/])(" + longest_first(*(re.escape(k) for k in _LOOKUP)) + r")(?:(?<=/)|(?![\w/]))", re.IGNORECASE
)

_HYPHENATED_RE = re.compile(HYPHENATED_PHRASE, re.IGNORECASE)


def write_out(question: str) -> str:
    """The question with its shorthand in full words and its slips put right (``spelling``):
    "w/ 720+ FICO, no mtg" -> "with 720+ FICO, no mortgage"."""
    question = question.replace("\u2019", "'")  # a typographer's apostrophe is a plain one
    written = _SHORTHAND_RE.sub(lambda m: _LOOKUP[m[1].lower()], question)
    written = _HYPHENATED_RE.sub(lambda m: m[0].replace("-", " "), written)
    written = re.sub(r"  +", " ", written) if written != question else question
    return correct(written)
