"""The customer's profile in words: credit adjectives, vague words ("young", "high earners"),
employment, segment, risk appetite and preferred channel."""

import re
from itertools import pairwise

from customers.choices import EmploymentStatus, PreferredChannel, RiskTolerance, Segment
from search.conditions import Condition
from search.understanding.labels import choice_label, negated_term, term
from search.understanding.lexicon import alternation
from search.understanding.lexicon.profile import (
    CHANNEL_PHRASES,
    EMPLOYMENT_ALTERNATIVES,
    EMPLOYMENT_PHRASES,
    EXCLUSIVE_EMPLOYMENT,
    OTHER_PERSON,
    RISK_PHRASES,
    SEGMENT_PHRASES,
    SEGMENT_RELATIONS_AFTER,
    SEGMENT_RELATIONS_BEFORE,
)
from search.understanding.lexicon.words import CREDIT_ADJECTIVES, WORD_TERMS
from search.understanding.readers import one_of
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
            rf"(?P<neg>(?:\b(?:non-?|not |neither |nor |no longer )|\b\w+n't )"
            rf"(?:yet |currently |the )?)?\b(?:{alternation(p)})\b"
        ),
        label,
    )
    for codes, label, p in EMPLOYMENT_PHRASES
]
_OTHER_PERSON = re.compile(OTHER_PERSON, re.IGNORECASE)
_ALTERNATIVES = re.compile(EMPLOYMENT_ALTERNATIVES)
_SOME_CHILDREN = re.compile(r"\b(?:(?:young|small|little) (?:kids|children|ones)|toddlers?|bab(?:y|ies))\b")
# "not parents of toddlers": of some children only
_OF_SOME_CHILDREN = re.compile(
    r"\s+(?:of|with)\s+(?:\w+\s+)?(?:kids|children|toddlers?|bab(?:y|ies)|infants?|teens?|teenagers?)\b"
)
_SEGMENT_NEG = r"(?P<neg>(?:\b(?:non-?|not |less |neither |nor )|\b\w+n't )(?:in )?(?:the |our )?)?"
_SEGMENT_RES = [
    (codes, re.compile(rf"{_SEGMENT_NEG}\b(?:{alternation(p)})\b")) for codes, _, p in SEGMENT_PHRASES
]
_SEGMENT_ORDER = list(Segment)
# One segment by name: the names a relation ("below affluent") can be said of.
_ONE_SEGMENT = "|".join(
    f"(?P<s{_SEGMENT_ORDER.index(codes[0])}>{alternation(p)})"
    for codes, _, p in SEGMENT_PHRASES
    if len(codes) == 1
)
_SEGMENT_UNIT = r"(?:\s+(?:tier|segment|band|level|bracket|threshold|line|bar|category|status))?"
_SEGMENT_RELATION_RES = [
    *(
        (
            re.compile(
                rf"\b(?:{p})\s+(?:(?:at|in)\s+)?(?:the\s+|our\s+)?(?:{_ONE_SEGMENT}){_SEGMENT_UNIT}\b"
            ),
            span,
        )
        for p, span in SEGMENT_RELATIONS_BEFORE
    ),
    *(
        (re.compile(rf"\b(?:{_ONE_SEGMENT}){_SEGMENT_UNIT}\s*(?:{p})"), span)
        for p, span in SEGMENT_RELATIONS_AFTER
    ),
]
_RISK_RES = [(code, re.compile(rf"\b(?:{alternation(p)})\b")) for code, p in RISK_PHRASES]
# "don't want to take risks", "unwilling to take on risk", "can't afford to take risks"
_RISK_NEGATED = re.compile(
    r"(?:\b(?:not|never|no longer|hardly|unwilling|refuses?|refusing|reluctant|hesitant|loath|afraid)|\b\w+n't)\s+"
    r"(?:(?:very|really|all that|particularly|too|that|so|at all|want|wants|wanting|willing|able|afford|like|likes"
    r"|care|prepared|ready|keen|eager|going|to)\s+){0,3}\Z"
)
_RISK_NOUN = re.compile(r"\s*(?:risk\s+)?(?:appetite|tolerance|profile|investors?|approach)\b")
_CHANNEL_NEG = (
    r"(?P<neg>(?:\b(?:not|neither|nor|never|rarely|seldom|no longer|non-?|hate|hates|dislike|dislikes|avoid|avoids"
    r"|stay away from|stays away from|steer clear of|steers clear of)|\b\w+n't)\s*(?:(?:really|ever|often|usually|much"
    r"|like to|want to|do|does|bank|banking|use|uses|using|on|the|our|their|a|big|keen|fond|fans?|of|into|with)\s+){0,3})?"
)
_CHANNEL_RES = [
    (codes, re.compile(rf"{_CHANNEL_NEG}\b(?:{alternation(p)})\b")) for codes, p in CHANNEL_PHRASES
]


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


# Nearing retirement is said of people still at work: not retirees, nor students or the unemployed.
WORKING = (EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED, EmploymentStatus.BUSINESS_OWNER)


def read_vague_words(work: Work) -> None:
    """Words whose meaning ``search.vocabulary`` gives: "young", "high earners", "parents"; said
    negated, their opposite where it is one bound, else reported."""
    for pattern, name, label in _WORD_TERM_RES:
        for match in work.finditer(pattern):
            negated = work.negated(match)
            if negated is not None:
                if _SOME_CHILDREN.search(match[0]) or _OF_SOME_CHILDREN.match(work.text, match.end()):
                    # "don't have young kids", "not parents of teens": may have other children
                    work.negated_band(match, "children's ages are not on record, so it gives no bound.")
                elif opposite := negated_term(name, f"not {label}"):  # "not young": over 35
                    work.use_negated(negated, match.end())
                    work.conditions.append(opposite)
                else:
                    work.negated_band(match)
                continue
            work.use(*match.span())
            work.conditions.extend(term(name, label))
            if name == "nearing_retirement":
                work.conditions.append(
                    Condition(
                        "employment_status",
                        "in",
                        [s.value for s in WORKING],
                        "still working",
                        vague=True,
                    )
                )


def read_employment(work: Work) -> None:
    """The customer's employment; one said of someone else ("kids still in school") is masked, not read."""
    held: list[tuple[int, int, Condition]] = []
    for codes, pattern, label in _EMPLOYMENT_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            if _OTHER_PERSON.search(work.original, 0, match.start()):
                continue
            values = [c.value for c in codes]
            if match["neg"] and work.excluded(match.start()):
                work.report(*match.span(), "a negation inside an exclusion is not read.")
            elif match["neg"] or work.excluded(match.start()):
                work.conditions.append(Condition("employment_status", "not_in", values, f"not {label}"))
            else:
                held.append((*match.span(), Condition("employment_status", "in", values, label)))
    contradicting = _contradicting(work, held)
    work.conditions.extend(condition for *_, condition in held if condition not in contradicting)


def _side(condition: Condition) -> int | None:
    """Which of ``EXCLUSIVE_EMPLOYMENT``'s sides the statuses of ``condition`` all fall on."""
    return next((i for i, side in enumerate(EXCLUSIVE_EMPLOYMENT) if set(condition.value) <= side), None)


def _contradicting(work: Work, held: list[tuple[int, int, Condition]]) -> list[Condition]:
    """Statuses no one holds at once, said of one person ("retired folks still working full time"),
    reported: neither is searched."""
    found: list[Condition] = []
    held = sorted(held, key=lambda h: h[0])
    for (start, end, first), (next_start, next_end, second) in pairwise(held):
        sides = {_side(first), _side(second)}
        if None in sides or len(sides) == 1 or _ALTERNATIVES.search(work.original, end, next_start):
            continue
        found += [first, second]
        work.ignored.append(
            f"“{work.original[start:next_end].strip()}” is ignored: a customer cannot be "
            f"{first.label} and {second.label} at once."
        )
    return found


def _related_segments(match: re.Match, span: tuple[int | None, int | None]) -> list[Segment]:
    """The segments a relation to a named one admits: "below affluent" -> mass market, mass affluent."""
    named = next(int(key[1:]) for key, value in match.groupdict().items() if value)
    first = 0 if span[0] is None else max(0, named + span[0])
    last = len(_SEGMENT_ORDER) - 1 if span[1] is None else named + span[1]
    return _SEGMENT_ORDER[first : last + 1]


def read_segment(work: Work) -> None:
    """One condition for all the segments named: a customer is in one segment, so "affluent and
    HNW clients" means either, while "wealthy HNW clients" narrows to HNW."""
    wanted: list[list[Segment]] = []
    unwanted: list[Segment] = []
    for pattern, span in _SEGMENT_RELATION_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            if work.excluded(match.start()):
                unwanted.extend(_related_segments(match, span))
            else:
                wanted.append(_related_segments(match, span))
    for codes, pattern in _SEGMENT_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            if match["neg"] and work.excluded(match.start()):
                work.ignored.append(
                    f"“{match[0].strip()}” is ignored: a negation inside an exclusion is not read."
                )
            elif match["neg"] or work.excluded(match.start()):
                unwanted.extend(codes)
            else:
                wanted.append(list(codes))
    admitted = [c for c in _SEGMENT_ORDER if c in one_of(wanted) and c not in unwanted]
    if admitted:
        values = [c.value for c in admitted]
        work.conditions.append(Condition("segment", "in", values, choice_label(Segment, values)))
    elif unwanted and not wanted:
        values = [c.value for c in _SEGMENT_ORDER if c in unwanted]
        work.conditions.append(Condition("segment", "not_in", values, f"not {choice_label(Segment, values)}"))


def read_risk(work: Work) -> None:
    """A risk appetite; after "not" ("not comfortable with volatility") an aggressive phrase is
    conservative and any other is read as nothing (not risk-averse is not yet aggressive)."""
    read: list[list[RiskTolerance]] = []
    excluded: list[RiskTolerance] = []
    for code, pattern in _RISK_RES:
        for match in work.finditer(pattern):
            negated = _RISK_NEGATED.search(work.text, 0, match.start())
            if work.excluded(match.start()):
                work.use(match.start(), match.end())
                if not negated:
                    excluded.append(code)
                continue
            work.use(negated.start() if negated else match.start(), match.end())
            following = _RISK_NOUN.match(work.text[match.end() :])
            if following:
                work.use(match.end(), match.end() + following.end())
            if not negated:
                read.append([code])
            elif code == RiskTolerance.AGGRESSIVE:
                read.append([RiskTolerance.CONSERVATIVE])
    if read:
        codes = [c for c in RiskTolerance if c in one_of(read)]
        label = " or ".join(c.label.lower() for c in codes) + " risk"
        work.conditions.append(Condition("risk_tolerance", "in", [c.value for c in codes], label))
    elif excluded:
        codes = [c for c in RiskTolerance if c in excluded]
        label = "not " + " or ".join(c.label.lower() for c in codes) + " risk"
        work.conditions.append(Condition("risk_tolerance", "not_in", [c.value for c in codes], label))


def read_channel(work: Work) -> None:
    """A preferred channel; after "not"/"never" ("don't use the app") one not preferred."""
    preferred: list[list[str]] = []
    for codes, pattern in _CHANNEL_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            values = [c.value for c in codes]
            if match["neg"] and work.excluded(match.start()):
                work.report(*match.span(), "a negation inside an exclusion is not read.")
            elif match["neg"] or work.excluded(match.start()):
                named = choice_label(PreferredChannel, values)
                work.conditions.append(
                    Condition("preferred_channel", "not_in", values, f"does not prefer {named}")
                )
            else:
                preferred.append(values)
    if preferred:
        values = [c.value for c in PreferredChannel if c.value in one_of(preferred)]
        label = f"prefers {choice_label(PreferredChannel, values)}"
        work.conditions.append(Condition("preferred_channel", "in", values, label))
