"""Products held ("mortgage holders"), not held ("without a credit card") and wanted ("might
qualify for a premium card": not held yet, and a hint of an interest)."""

import re

from customers.choices import Interest, Product
from search.conditions import Condition
from search.understanding.labels import interest_signal, product_label
from search.understanding.lexicon import alternation
from search.understanding.lexicon.products import (
    ACQUIRE_CUES,
    ARTICLES,
    CURIOUS_CUES,
    ELSEWHERE,
    ELSEWHERE_LINKS,
    ELSEWHERE_VERBS,
    HELD_CUES,
    HELD_PHRASES,
    HOLDER_NOUNS,
    LIST_JOINERS,
    NO_OTHER_OF_KIND,
    NONE_OF_KIND_BUT,
    NOT_HELD_CUES,
    OF_KIND_HELD,
    ONE_OF_KIND,
    ONE_OF_KIND_BUT,
    ONE_OF_KIND_NAMED,
    ONLY_AFTER,
    ONLY_BEFORE,
    ONLY_OF_KIND,
    OWED_NOUNS,
    PRODUCT_CATEGORIES,
    PRODUCT_INTEREST,
    PRODUCT_PHRASES,
    THEIRS,
    WITH_US,
)
from search.understanding.work import Work

_PRODUCT = "(?:" + "|".join(f"(?:{alternation(p)})" for _, p in PRODUCT_PHRASES) + ")"
_PRODUCT_RES = [(codes, re.compile(rf"^(?:{alternation(p)})$")) for codes, p in PRODUCT_PHRASES]
_ARTICLES = rf"(?:(?:{alternation(ARTICLES)})\s+)*"
_JOINER = rf"\s*(?:{alternation(LIST_JOINERS)})\s*"
PRODUCT_LIST = rf"{_ARTICLES}{_PRODUCT}(?:{_JOINER}{_ARTICLES}{_PRODUCT})*"
_HOLDER = rf"(?:[- ]|(?<=card))(?:{alternation(HOLDER_NOUNS)})\b"  # "premium cardholders" too
_NOT_HELD_RE = re.compile(
    rf"\b(?:{alternation(NOT_HELD_CUES)})[- ]\s*(?P<list>{PRODUCT_LIST})\b"
    rf"(?!\s+(?:{alternation(OWED_NOUNS)})\b)(?:{_HOLDER})?(?:\s+yet\b)?"
)
# "no mortgage payments", "zero credit card debt": nothing owed, which says nothing of holding.
_NOTHING_OWED_RE = re.compile(
    rf"\b(?:{alternation(NOT_HELD_CUES)})[- ]\s*{PRODUCT_LIST}\s+(?:{alternation(OWED_NOUNS)})\b"
)
# "a mortgage with another bank": not held with us, whatever cue comes before.
_ELSEWHERE_RE = re.compile(
    rf"(?:\b(?:{alternation(HELD_CUES)}|{ELSEWHERE_VERBS})\s+)?\b(?P<list>{PRODUCT_LIST})\s+{ELSEWHERE_LINKS}"
    rf"(?:{alternation(ELSEWHERE)})\b"
)
_NOT_THEIRS = rf"(?!(?:{alternation(THEIRS)})\b)"
# "cross-sell to mortgage holders", "call about their mortgage": held, not wanted.
_ACQUIRE_RE = re.compile(
    rf"\b(?:{alternation(ACQUIRE_CUES)})\s+{_NOT_THEIRS}(?P<list>{PRODUCT_LIST})\b(?!{_HOLDER})"
)
_CURIOUS_RE = re.compile(
    rf"\b(?:{alternation(CURIOUS_CUES)})\s+{_NOT_THEIRS}(?P<list>{PRODUCT_LIST})\b(?:{_HOLDER})?"
)
_FREE_RE = re.compile(rf"\b(?P<list>{_PRODUCT})[- ]free\b")
_HELD_RE = re.compile(
    rf"\b(?:{alternation(HELD_CUES)})\s+(?P<list>{PRODUCT_LIST})\b(?:\s+(?:{alternation(WITH_US)})\b)?"
)
# "whose mortgage is with us", "a CD from us": held here, whatever comes before.
_AT_US_RE = re.compile(rf"\b(?P<list>{PRODUCT_LIST})\s+(?:(?:is|are) )?(?:{alternation(WITH_US)})\b")
# "a brokerage account and an IRA" is a list, not holders of a brokerage followed by an IRA.
_HOLDERS_RE = re.compile(rf"\b(?P<list>{PRODUCT_LIST}){_HOLDER}(?!{_JOINER}{_ARTICLES}{_PRODUCT})")
_HELD_PHRASE_RES = [(codes, re.compile(rf"\b(?:{alternation(p)})\b")) for codes, p in HELD_PHRASES]
_PRODUCT_SPLIT = re.compile(_PRODUCT)
_PRODUCT_LIST_RE = re.compile(rf"\b{PRODUCT_LIST}\b")
_WITH_US = rf"(?:\s+(?:{alternation(WITH_US)}))?"
_ONLY_RE = re.compile(
    rf"\b(?:(?:{alternation(ONLY_BEFORE)})\s+(?P<list>{PRODUCT_LIST})\b{_WITH_US}(?:\s+(?:{alternation(ONLY_AFTER)}))?"
    rf"|(?P<list2>{PRODUCT_LIST}){_WITH_US}\s*(?:{alternation(ONLY_AFTER)}))\b"
)
_OF_KIND_HELD = rf"(?:\s+(?:{alternation(OF_KIND_HELD)}))?"


def _only_of_kind(kind: str) -> re.Pattern:
    """ "whose only loan is a car loan", "a car loan is their only loan", "a car loan and no other
    loans", "no loans other than a car loan", "besides their mortgage, no other loans": the product
    named and no other of its kind."""
    return re.compile(
        rf"\b{ONLY_OF_KIND} (?:{kind}){_OF_KIND_HELD} (?:is|are|being|would be) (?P<list>{PRODUCT_LIST})\b{_WITH_US}"
        rf"|\b(?P<list2>{PRODUCT_LIST}){_WITH_US} (?:is|are|as|being) {ONLY_OF_KIND} (?:{kind})\b{_OF_KIND_HELD}"
        rf"|\b(?P<list3>{PRODUCT_LIST}){_WITH_US}\s*{NO_OTHER_OF_KIND} (?:{kind})\b{_OF_KIND_HELD}"
        rf"|\b(?:{alternation(NONE_OF_KIND_BUT)}) (?:other )?(?:{kind}){_WITH_US} {ONE_OF_KIND_BUT}"
        rf" (?P<list4>{PRODUCT_LIST})\b{_WITH_US}"
        rf"|\b{ONE_OF_KIND} (?:{kind}){_WITH_US}{ONE_OF_KIND_NAMED}(?P<list6>{PRODUCT_LIST})\b"
        rf"|\b{ONE_OF_KIND_BUT} (?P<list5>{PRODUCT_LIST}){_WITH_US},?\s+(?:\w+\s+){{0,3}}?no other (?:{kind})\b"
    )


_ONLY_OF_KIND_RES = [
    ([c.value for c in codes], _only_of_kind(alternation(kind))) for codes, kind in PRODUCT_CATEGORIES
]
_FIRST_TIME_RE = re.compile(
    r"\bfirst[- ]time (?:home ?|house ?)?buyers?\b|\bbuy(?:ing)? (?:their|a) first (?:home|house)\b"
)


def code_groups(text: str) -> list[list[str]]:
    """The codes of each product named in a list: "loans and a card" -> [[the loans], [the cards]]."""
    groups: list[list[str]] = []
    for piece in _PRODUCT_SPLIT.findall(text):
        for product_codes, pattern in _PRODUCT_RES:
            if pattern.match(piece):
                groups.append([c.value for c in product_codes])
                break
    return groups


def codes_in(text: str) -> list[str]:
    """Product codes named in a list like "a mortgage or a credit card"."""
    return list(dict.fromkeys(code for group in code_groups(text) for code in group))


def _held(work: Work, group: list[str]) -> None:
    label = f"holds {product_label(group)}"
    if len(group) == 1:
        work.conditions.append(Condition("products", "contains", group[0], label))
    else:
        work.conditions.append(Condition("products", "contains_any", group, label))


def read_first_time_buyers(work: Work) -> None:
    """A first-time buyer has no mortgage yet: the one hard fact hidden in that phrase."""
    for match in work.finditer(_FIRST_TIME_RE):
        work.use(*match.span(), hard=False)
        work.signals.append(interest_signal([Interest.HOME_BUYING.value]))
        work.conditions.append(
            Condition("products", "not_contains_any", [Product.MORTGAGE.value], "does not hold a mortgage")
        )


def read_only_of_kind(work: Work) -> None:
    """ "whose only loan with us is a car loan": an auto loan held and none of the other loans."""
    for kind, pattern in _ONLY_OF_KIND_RES:
        for match in work.finditer(pattern):
            said = next(match[g] for g in ("list", "list2", "list3", "list4", "list5", "list6") if match[g])
            groups, named = code_groups(said), codes_in(said)
            if not groups:
                continue
            if work.excluded(match.start()):
                work.report(*match.span(), "an only product inside an exclusion is not read.")
                continue
            work.use(*match.span())
            for group in [named] if re.search(r"\bor\b", said) else groups:
                _held(work, group)
            others = [c for c in kind if c not in named]
            if others:
                label = f"holds no other {product_label(others)}"
                work.conditions.append(Condition("products", "not_contains_any", others, label))


def read_only_products(work: Work) -> None:
    """ "a checking account but nothing else", "only has savings": these products and no other."""
    read_only_of_kind(work)
    for match in work.finditer(_ONLY_RE):
        codes = codes_in(match["list"] or match["list2"])
        if not codes or (
            {Product.CREDIT_CARD, Product.PREMIUM_CREDIT_CARD} <= set(codes) and len(codes) == 2
        ):
            continue
        work.use(*match.span())
        for code in codes:
            _held(work, [code])
        label = f"holds nothing but {product_label(codes, joiner=' and ')}"
        work.conditions.append(Condition("products", "contained_by", codes, label))


def _interests_of(work: Work, codes: list[str]) -> None:
    """What wanting these products says about the customer's interests."""
    for code in codes:
        interest = PRODUCT_INTEREST.get(code)
        if interest:
            work.signals.append(interest_signal([interest.value]))


def read_products(work: Work) -> None:
    """Products lacked or wanted first, then curiosity, then products held: each masks its words,
    so "don't have a CD" is never read again as having one. In an exclusion ("except those with a
    mortgage") a product held is one not held, and a product lacked or wanted is not read."""
    for match in work.finditer(_NOTHING_OWED_RE):
        work.use(*match.span(), hard=False)
    not_held: list[str] = []
    patterns = ((_ELSEWHERE_RE, False), (_NOT_HELD_RE, False), (_FREE_RE, False), (_ACQUIRE_RE, True))
    for pattern, acquire in patterns:
        for match in work.finditer(pattern):
            codes = codes_in(match["list"])
            if not codes:
                continue
            if work.excluded(match.start()):
                work.report(*match.span(), "a product lacked or wanted inside an exclusion is not read.")
                continue
            work.use(*match.span())
            not_held.extend(c for c in codes if c not in not_held)
            if acquire:
                _interests_of(work, codes)
    for match in work.finditer(_CURIOUS_RE):
        work.use(*match.span(), hard=False)
        if not work.excluded(match.start()):
            _interests_of(work, codes_in(match["list"]))
    held = [(match.span(), code_groups(match["list"]), match["list"]) for match in _held_matches(work)]
    held += [(match.span(), [[c.value for c in codes]], "") for codes, pattern in _HELD_PHRASE_RES
             for match in work.finditer(pattern)]  # fmt: skip
    held += [(match.span(), code_groups(match[0]), "") for match in work.finditer(_PRODUCT_LIST_RE)
             if work.excluded(match.start())]  # fmt: skip
    for span, groups, said in held:
        if not groups:
            continue
        work.use(*span)
        if work.excluded(span[0]):
            not_held.extend(c for group in groups for c in group if c not in not_held)
            continue
        if re.search(r"\bor\b", said) and len(groups) > 1:
            groups = [codes_in(said)]
        for group in groups:
            _held(work, group)
    if not_held:
        work.conditions.append(
            Condition("products", "not_contains_any", not_held, f"does not hold {product_label(not_held)}")
        )


def _held_matches(work: Work) -> list[re.Match]:
    """Products said as held: "with a mortgage", "mortgage holders" (each pattern masks its words)."""
    found = []
    for pattern in (_HELD_RE, _AT_US_RE, _HOLDERS_RE):
        for match in work.finditer(pattern):
            if code_groups(match["list"]):
                found.append(match)
                work.use(*match.span(), hard=False)
    return found
