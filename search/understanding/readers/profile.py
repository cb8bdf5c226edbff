"""The customer's profile in words: credit adjectives, vague words ("young", "high earners"),
employment, segment, risk appetite and preferred channel."""

import re

from customers.choices import EmploymentStatus, PreferredChannel
from search.conditions import Condition
from search.understanding.labels import choice_label, term
from search.understanding.lexicon import alternation
from search.understanding.lexicon.profile import (
    CHANNEL_PHRASES,
    EMPLOYMENT_PHRASES,
    RISK_PHRASES,
    SEGMENT_PHRASES,
)
from search.understanding.lexicon.words import CREDIT_ADJECTIVES, WORD_TERMS
from search.understanding.work import Work
from search.vocabulary import vocabulary

_CREDIT_ADJ = "|".join(f"(?P<{name}>{alternation(p)})" for name, p in CREDIT_ADJECTIVES)
_ANY_ADJ = "|".join(alternation(p) for _, p in CREDIT_ADJECTIVES)
_CREDIT_WORD_RE = re.compile(
    rf"\b(?:{_CREDIT_ADJ})(?:(?:\s+(?:to|or|and|/)\s+|\s*-\s*)(?:{_ANY_ADJ}))?"
    r"(?:\s+(?:credit|fico))(?:\s+(?:scores?|ratings?|histor(?:y|ies)|profiles?|records?|files?|reports?))?\b"
    r"|\b(?:credit|fico)(?:\s+scores?)?\s+(?:is |that is |that's |are )?(?:"
    + "|".join(f"(?P<{name}_after>{alternation(p)})" for name, p in CREDIT_ADJECTIVES)
    + r")\b"
)
_WORD_TERM_RES = [(re.compile(rf"\b(?:{alternation(p)})\b"), name, label) for name, label, p in WORD_TERMS]
_EMPLOYMENT_RES = [
    (
        codes,
        re.compile(
            rf"(?P<neg>\b(?:non-?|not |excluding |except |other than |but not )(?:the )?)?\b(?:{alternation(p)})\b"
        ),
        label,
    )
    for codes, label, p in EMPLOYMENT_PHRASES
]
_SEGMENT_RES = [
    (codes, re.compile(rf"\b(?:{alternation(p)})\b"), label) for codes, label, p in SEGMENT_PHRASES
]
_RISK_RES = [(code, re.compile(rf"\b(?:{alternation(p)})\b")) for code, p in RISK_PHRASES]
_RISK_NOUN = re.compile(r"\s*(?:risk\s+)?(?:appetite|tolerance|profile|investors?|approach)\b")
_CHANNEL_RES = [(codes, re.compile(rf"\b(?:{alternation(p)})")) for codes, p in CHANNEL_PHRASES]


_CREDIT_NEGATED = re.compile(
    r"(?:\b(?:not|never|hardly|far from|anything but)|n't|\bless[- ]than)(?:\s+(?:have|has|had|with))?[- ]"
    r"(?:(?:an?|the)\s+)?(?:(?:so|very|that|too|all that|particularly|exactly|really)[- ])?\Z"
)
_GOOD_CREDIT = ("excellent_credit", "very_good_credit", "good_credit")


def read_credit_words(work: Work) -> None:
    """ "good credit", "a credit score that's excellent"; "less-than-stellar credit" and "not-so-good
    credit" are credit below good, "not bad credit" says no bound and is reported."""
    for match in work.finditer(_CREDIT_WORD_RE):
        name = next(key.removesuffix("_after") for key, value in match.groupdict().items() if value)
        negated = _CREDIT_NEGATED.search(work.text, 0, match.start())
        if not negated:
            work.use(*match.span())
            work.conditions.extend(term(name, match[0].strip()))
        elif name in _GOOD_CREDIT:
            work.use(negated.start(), match.end())
            below = vocabulary()["good_credit"]["credit_score_min"]
            label = work.original[negated.start() : match.end()].strip()
            work.conditions.append(Condition("credit_score", "lt", below, label, vague=True))
        else:
            work.report(negated.start(), match.end(), "a credit word said negated gives no bound.")


def read_vague_words(work: Work) -> None:
    """Words whose meaning ``search.vocabulary`` gives: "young", "high earners", "parents"."""
    for pattern, name, label in _WORD_TERM_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            work.conditions.extend(term(name, label))
            if name == "nearing_retirement":
                work.conditions.append(
                    Condition(
                        "employment_status",
                        "not_in",
                        [EmploymentStatus.RETIRED.value],
                        "not yet retired",
                        vague=True,
                    )
                )


def read_employment(work: Work) -> None:
    for codes, pattern, label in _EMPLOYMENT_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            values = [c.value for c in codes]
            if match["neg"]:
                work.conditions.append(Condition("employment_status", "not_in", values, f"not {label}"))
            else:
                work.conditions.append(Condition("employment_status", "in", values, label))


def read_segment(work: Work) -> None:
    for codes, pattern, label in _SEGMENT_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            work.conditions.append(Condition("segment", "in", [c.value for c in codes], label))


def read_risk(work: Work) -> None:
    for code, pattern in _RISK_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            following = _RISK_NOUN.match(work.text[match.end() :])
            if following:
                work.use(match.end(), match.end() + following.end())
            work.conditions.append(
                Condition("risk_tolerance", "in", [code.value], f"{code.label.lower()} risk")
            )


def read_channel(work: Work) -> None:
    for codes, pattern in _CHANNEL_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            values = [c.value for c in codes]
            label = f"prefers {choice_label(PreferredChannel, values)}"
            work.conditions.append(Condition("preferred_channel", "in", values, label))
