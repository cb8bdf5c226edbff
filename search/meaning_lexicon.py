"""The default lexicon of the meaning match: phrases the parser already knows, with what they mean.

Built from the parser's lexicon (``search.understanding.lexicon``: its regular-expression
fragments expanded to the plain phrases they list), the code labels of ``customers.choices``, the
vague words of ``search.vocabulary`` and a few generic descriptions per code, so that a new phrase
for an existing code is one line of data in the parser's lexicon and reaches the meaning match as
well. Each entry's payload is a list of leaf conditions in the evaluation rule format.
"""

import re
from collections.abc import Iterable

from customers.choices import (
    US_STATES,
    EmploymentStatus,
    Interest,
    PreferredChannel,
    Product,
    RiskTolerance,
    Segment,
)
from search.meaning_match import LexiconEntry
from search.vocabulary import vocabulary

# Generic descriptions of codes that the tables list only as adjectives, or not at all. Written after
# reading docs/eval/queries_families.json, kept to plain textbook wording so as not to echo it.
DESCRIPTIONS: list[tuple[str, str, object, list[str]]] = [
    ("risk_tolerance", "eq", RiskTolerance.CONSERVATIVE, ["avoids investment risk", "low risk appetite"]),
    (
        "risk_tolerance",
        "eq",
        RiskTolerance.AGGRESSIVE,
        ["comfortable with investment risk", "high risk appetite"],
    ),
    ("preferred_channel", "eq", PreferredChannel.PHONE, ["telephone banking"]),
    ("preferred_channel", "eq", PreferredChannel.ONLINE, ["online banking"]),
    ("preferred_channel", "eq", PreferredChannel.MOBILE, ["mobile banking app"]),
    ("preferred_channel", "eq", PreferredChannel.BRANCH, ["branch banking"]),
    ("preferred_channel", "eq", PreferredChannel.ADVISOR, ["financial advisor"]),
    ("employment_status", "eq", EmploymentStatus.UNEMPLOYED, ["has no job"]),
    ("employment_status", "eq", EmploymentStatus.SELF_EMPLOYED, ["freelancer"]),
    ("employment_status", "eq", EmploymentStatus.STUDENT, ["university student"]),
    ("employment_status", "eq", EmploymentStatus.EMPLOYED, ["employee"]),
    ("dependents", "eq", 0, ["no dependents", "no children"]),
    ("dependents", "gte", 1, ["has children"]),
    ("dependents", "gte", 3, ["large family"]),
    ("segment", "eq", Segment.HIGH_NET_WORTH, ["highest wealth segment"]),
    ("segment", "eq", Segment.MASS_MARKET, ["lowest wealth segment"]),
]
# Concepts the match recognises but cannot turn into a condition without a date or a number: their
# words then infer nothing else ("never contacted" is not a phone preference).
RECOGNISED_ONLY: dict[str, list[str]] = {
    "last_contact_date": ["last contacted", "not contacted recently", "spoke with recently",
                          "called them", "reached out to", "heard from"],
    "tenure_years": ["banked with us since", "customer for many years", "joined the bank"],
    # a part of a town is no region ("the south side" is not the South)
    "city": ["the south side", "the north side", "the east side", "the west end", "downtown", "the suburbs"],
    # where money is kept is a product the parser reads, not a wish to keep it safe
    "products": ["keep money in", "keeps cash with us", "holds funds at the bank"],
}  # fmt: skip
CONCEPT_OF_BOUND = {
    "age": "age", "annual_income": "annual_income", "credit_score": "credit_score",
    "investable_assets": "investable_assets", "dependents": "dependents", "tenure_years": "tenure_years",
}  # fmt: skip

_SIMPLIFY = [
    (re.compile(r"\(\?<?[=!][^()]*\)"), ""),  # lookarounds
    (re.compile(r"\\b"), ""),
    (re.compile(r"\\s[*+]?"), " "),
    (re.compile(r"\\w[*+]?"), "*"),  # a cut-off stem ("donat\\w+"): left as syntax, so skipped
    (re.compile(r"\[- \]\??|\[ -\]\??"), " "),
    (re.compile(r"\(\?:[^()|]*(?:\|[^()|]*)*\)\?"), ""),  # optional groups
    (re.compile(r"\(\?:([^()|]*)(?:\|[^()|]*)*\)"), r"\1"),  # a required group: its first choice
    (re.compile(r"(?<=\w)(?:s|')\?"), ""),
    (re.compile(r"-\?"), "-"),
]
_LEFT_OVER_SYNTAX = re.compile(r"[\\()\[\]?*+{}^$|]")


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in pattern:
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def plain_phrases(pattern: str) -> list[str]:
    """The plain phrases a table's pattern lists ("risk[- ]averse|cautious" -> both), skipping
    alternatives too irregular to spell out."""
    phrases = []
    for alternative in _top_level_alternatives(pattern):
        text = alternative
        for _ in range(4):
            for regex, replacement in _SIMPLIFY:
                text = regex.sub(replacement, text)
        text = " ".join(text.split()).strip(" -")
        if len(text) >= 3 and not _LEFT_OVER_SYNTAX.search(text):
            phrases.append(text.lower())
    return phrases


def _leaf(field: str, op: str, value) -> dict:
    return {"field": field, "op": op, "value": value.value if hasattr(value, "value") else value}


def _codes_leaf(field: str, codes: Iterable) -> dict:
    values = [getattr(code, "value", code) for code in codes]
    return _leaf(field, "eq", values[0]) if len(values) == 1 else _leaf(field, "in", values)


def _bounds_payload(bounds: dict) -> tuple[dict, ...]:
    leaves = []
    for key, value in bounds.items():
        field, side = key.rsplit("_", 1)
        leaves.append(_leaf(field, "gte" if side == "min" else "lte", value))
    return tuple(leaves)


def _entries(phrases: Iterable[str], concept: str, payload: tuple[dict, ...]) -> list[LexiconEntry]:
    return [LexiconEntry(phrase, concept, payload) for phrase in dict.fromkeys(phrases)]


def _phrases(patterns: Iterable[str]) -> list[str]:
    return [phrase for pattern in patterns for phrase in plain_phrases(pattern)]


def default_lexicon() -> list[LexiconEntry]:
    """Every phrase the parser's lexicon and the code labels know, with its meaning."""
    from search.understanding.lexicon.interests import INTEREST_PHRASES
    from search.understanding.lexicon.places import REGIONS
    from search.understanding.lexicon.products import PRODUCT_PHRASES
    from search.understanding.lexicon.profile import (
        CHANNEL_PHRASES,
        EMPLOYMENT_PHRASES,
        RISK_PHRASES,
        SEGMENT_PHRASES,
    )
    from search.understanding.lexicon.words import CREDIT_ADJECTIVES, WORD_TERMS

    lexicon: list[LexiconEntry] = []
    for code, patterns in RISK_PHRASES:
        payload = (_leaf("risk_tolerance", "eq", code),)
        phrases = [
            *_phrases(patterns),
            f"{code.label.lower()} risk tolerance",
            f"{code.label.lower()} investor",
        ]
        lexicon += _entries(phrases, "risk_tolerance", payload)
    for codes, patterns in CHANNEL_PHRASES:
        labels = [f"prefers {PreferredChannel(c).label.lower()}" for c in codes]
        lexicon += _entries([*_phrases(patterns), *labels], "preferred_channel",
                            (_codes_leaf("preferred_channel", codes),))  # fmt: skip
    for codes, label, patterns in EMPLOYMENT_PHRASES:
        lexicon += _entries([*_phrases(patterns), label], "employment_status",
                            (_codes_leaf("employment_status", codes),))  # fmt: skip
    for codes, label, patterns in SEGMENT_PHRASES:
        lexicon += _entries([*_phrases(patterns), label], "segment", (_codes_leaf("segment", codes),))
    for codes, patterns in PRODUCT_PHRASES:
        if len(codes) > 2:  # "loans", "borrowing": too broad to infer from
            continue
        labels = [Product(c).label.lower() for c in codes]
        payload = (_leaf("products", "contains_any", [getattr(c, "value", c) for c in codes]),)
        lexicon += _entries([*_phrases(patterns), *labels], "products", payload)
    for code, patterns in INTEREST_PHRASES:
        payload = (_leaf("interests", "contains_any", [getattr(code, "value", code)]),)
        lexicon += _entries([*_phrases(patterns), Interest(code).label.lower()], "interests", payload)
    terms = vocabulary()
    for term, label, patterns in WORD_TERMS:
        payload = _bounds_payload(terms[term])
        concept = CONCEPT_OF_BOUND[payload[0]["field"]]
        lexicon += _entries([*_phrases(patterns), label], concept, payload)
    for term, adjectives in CREDIT_ADJECTIVES:
        words = _phrases(adjectives)
        lexicon += _entries([f"{w} credit" for w in words], "credit_score", _bounds_payload(terms[term]))
    for code, name in US_STATES.items():
        lexicon += _entries([name.lower(), f"lives in {name}"], "state", (_leaf("state", "eq", code),))
    for region, codes in REGIONS.items():
        lexicon += _entries([region], "state", (_leaf("state", "in", codes),))
    for field, op, value, phrases in DESCRIPTIONS:
        lexicon += _entries(phrases, field, (_leaf(field, op, value),))
    for concept, phrases in RECOGNISED_ONLY.items():
        lexicon += _entries(phrases, concept, ())
    return lexicon
