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
    HELD_CUES,
    HOLDER_NOUNS,
    NOT_HELD_CUES,
    ONLY_AFTER,
    ONLY_BEFORE,
    PRODUCT_INTEREST,
    PRODUCT_PHRASES,
)
from search.understanding.work import Work

_PRODUCT = "(?:" + "|".join(f"(?:{alternation(p)})" for _, p in PRODUCT_PHRASES) + ")"
_PRODUCT_RES = [(codes, re.compile(rf"^(?:{alternation(p)})$")) for codes, p in PRODUCT_PHRASES]
_ARTICLES = rf"(?:(?:{alternation(ARTICLES)})\s+)*"
PRODUCT_LIST = (
    rf"{_ARTICLES}{_PRODUCT}(?:\s*(?:,|/|\bor\b|\band\b|\bnor\b|,\s*or|,\s*and)\s*{_ARTICLES}{_PRODUCT})*"
)
_NOT_HELD_RE = re.compile(
    rf"\b(?:{alternation(NOT_HELD_CUES)})[- ]\s*(?P<list>{PRODUCT_LIST})\b(?:\s+yet\b)?"
)
_ACQUIRE_RE = re.compile(rf"\b(?:{alternation(ACQUIRE_CUES)})\s+(?P<list>{PRODUCT_LIST})\b")
_FREE_RE = re.compile(rf"\b(?P<list>{_PRODUCT})[- ]free\b")
_HELD_RE = re.compile(rf"\b(?:{alternation(HELD_CUES)})\s+(?P<list>{PRODUCT_LIST})\b")
# "a brokerage account and an IRA" is a list, not holders of a brokerage followed by an IRA.
_HOLDERS_RE = re.compile(
    rf"\b(?P<list>{PRODUCT_LIST})[- ](?:{alternation(HOLDER_NOUNS)})\b"
    rf"(?!\s*(?:,|/|\band\b|\bor\b)\s*{_ARTICLES}{_PRODUCT})"
)
_PRODUCT_SPLIT = re.compile(_PRODUCT)
_ONLY_RE = re.compile(
    rf"\b(?:(?:{alternation(ONLY_BEFORE)})\s+(?P<list>{PRODUCT_LIST})\b(?:\s+(?:{alternation(ONLY_AFTER)}))?"
    rf"|(?P<list2>{PRODUCT_LIST})\s*(?:{alternation(ONLY_AFTER)}))\b"
)
_FIRST_TIME_RE = re.compile(
    r"\bfirst[- ]time (?:home ?|house ?)?buyers?\b|\bbuy(?:ing)? (?:their|a) first (?:home|house)\b"
)


def codes_in(text: str) -> list[str]:
    """Product codes named in a list like "a mortgage or a credit card"."""
    codes: list[str] = []
    for piece in _PRODUCT_SPLIT.findall(text):
        for product_codes, pattern in _PRODUCT_RES:
            if pattern.match(piece):
                codes.extend(c.value for c in product_codes if c.value not in codes)
                break
    return codes


def read_first_time_buyers(work: Work) -> None:
    """A first-time buyer has no mortgage yet: the one hard fact hidden in that phrase."""
    for match in work.finditer(_FIRST_TIME_RE):
        work.use(*match.span(), hard=False)
        work.signals.append(interest_signal([Interest.HOME_BUYING.value]))
        work.conditions.append(
            Condition("products", "not_contains_any", [Product.MORTGAGE.value], "does not hold a mortgage")
        )


def read_only_products(work: Work) -> None:
    """ "a checking account but nothing else", "only has savings": these products and no other."""
    for match in work.finditer(_ONLY_RE):
        codes = codes_in(match["list"] or match["list2"])
        if not codes or (
            {Product.CREDIT_CARD, Product.PREMIUM_CREDIT_CARD} <= set(codes) and len(codes) == 2
        ):
            continue
        work.use(*match.span())
        for code in codes:
            work.conditions.append(Condition("products", "contains", code, f"holds {product_label([code])}"))
        label = f"holds nothing but {product_label(codes, joiner=' and ')}"
        work.conditions.append(Condition("products", "contained_by", codes, label))


def read_products(work: Work) -> None:
    not_held: list[str] = []
    for pattern, acquire in ((_NOT_HELD_RE, False), (_FREE_RE, False), (_ACQUIRE_RE, True)):
        for match in work.finditer(pattern):
            codes = codes_in(match["list"])
            if not codes:
                continue
            work.use(*match.span())
            not_held.extend(c for c in codes if c not in not_held)
            if acquire:
                for code in codes:
                    interest = PRODUCT_INTEREST.get(code)
                    if interest:
                        work.signals.append(interest_signal([interest.value]))
    if not_held:
        work.conditions.append(
            Condition("products", "not_contains_any", not_held, f"does not hold {product_label(not_held)}")
        )
    for pattern in (_HOLDERS_RE, _HELD_RE):
        for match in work.finditer(pattern):
            codes = codes_in(match["list"])
            if not codes:
                continue
            work.use(*match.span())
            groups = (
                [codes]
                if set(codes) == {Product.CREDIT_CARD, Product.PREMIUM_CREDIT_CARD}
                else [[c] for c in codes]
            )
            if " or " in match["list"] and len(groups) > 1:
                groups = [codes]
            for group in groups:
                if len(group) == 1:
                    work.conditions.append(
                        Condition("products", "contains", group[0], f"holds {product_label(group)}")
                    )
                else:
                    work.conditions.append(
                        Condition("products", "contains_any", group, f"holds {product_label(group)}")
                    )
