"""Where customers live (states by name, code or region; cities) and what they do for a living."""

import re

from customers.choices import US_STATES
from search.conditions import Condition
from search.understanding.lexicon import longest_first
from search.understanding.lexicon.places import (
    AMBIGUOUS_CODES,
    CITIES,
    LOWER_CASE_CODES,
    OCCUPATION_WORDS,
    REGION_NOT_BEFORE,
    REGIONS,
    STATE_NAMES,
)
from search.understanding.readers import one_of
from search.understanding.work import Work

# A place is not the first word of a longer one: "Kansas City", "Virginia Beach"; nor is a region
# followed by another place ("the south side", "northeast Ohio").
_STATE_NOT_PART = r"(?![ -](?:city|beach)\b)"
_REGION_NOT_PART = (
    r"(?![ -](?:city|beach|" + longest_first(*map(re.escape, [*REGION_NOT_BEFORE, *STATE_NAMES])) + r")\b)"
)
_PLACE_RE = re.compile(
    r"(?P<neg>\bnot in\s+(?:the\s+)?)?"
    r"\b(?P<place>(?:"
    + longest_first(*map(re.escape, STATE_NAMES))
    + r")\b"
    + _STATE_NOT_PART
    + r"|(?:"
    + longest_first(*map(re.escape, REGIONS))
    + r")\b"
    + _REGION_NOT_PART
    + ")"
)
_CODE_RE = re.compile(r"(?P<pre>\b(?:in|from|of|near|outside|,|or|and|/)\s*)?\b(?P<code>[A-Z]{2})\b")
_LOWER_CODE_RE = re.compile(r"(?P<pre>\b(?:in|from)\s+)?(?<![\w\x00])(?P<code>[a-z]{2})(?![\w\x00]|[.'’-]\w)")
_KNOWN_CITY_RE = re.compile(
    r"\b(?P<city>" + longest_first(*map(re.escape, CITIES)) + r")(?!\w)(?:[- ](?:area|metro|based))?"
)
_CITY_RE = re.compile(
    r"\b(?:in|from|near|around|based in|living in|located in|who live in)\s+"
    r"(?P<city>[A-Z][a-z]+(?:\.)?(?:[ -][A-Z][a-z]+){0,2})\b"
)
_MORE_CITY_RE = re.compile(
    r"\s*(?:,\s*(?:or\s+|and\s+)?|(?:or|and|/)\s+)(?:in\s+)?(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\b"
)
_OCCUPATION_RES = [(words, re.compile(rf"\b(?:{p})\b")) for p, words in OCCUPATION_WORDS.items()]


def _name(
    work: Work, start: int, codes: list[str], named: list, excluded: list, *, negated: bool = False
) -> None:
    """A place named: one of the places asked for, or, said negated or in an exclusion, one left out."""
    if negated and work.excluded(start):
        return
    if negated or work.excluded(start):
        excluded.extend(c for c in codes if c not in excluded)
    else:
        named.append(codes)


def read_places(work: Work) -> None:
    """States by name, nickname, region or code; a state named with a region that holds it is that
    state ("Midwest clients in Ohio"), places that share none are alternatives ("Texas or Ohio")."""
    named: list[list[str]] = []
    excluded: list[str] = []
    for match in work.finditer(_PLACE_RE):
        place = match["place"]
        codes = REGIONS.get(place) or [STATE_NAMES[place]]
        _name(work, match.start(), codes, named, excluded, negated=bool(match["neg"]))
        work.use(*match.span())
    for match in work.finditer(_CODE_RE, cased=True):
        code = match["code"]
        if code not in US_STATES or (code in AMBIGUOUS_CODES and not match["pre"]):
            continue
        _name(work, match.start("code"), [code], named, excluded)
        work.use(*match.span("code"))
    for match in work.finditer(_LOWER_CODE_RE):
        code = match["code"].upper()
        if (
            code not in US_STATES
            or code in AMBIGUOUS_CODES
            or not (match["pre"] or match["code"] in LOWER_CASE_CODES)
        ):
            continue
        _name(work, match.start("code"), [code], named, excluded)
        work.use(*match.span("code"))
    included = [c for c in one_of(named) if c not in excluded]
    if included:
        label = "in " + " or ".join(US_STATES[c] for c in included)
        work.conditions.append(Condition("state", "in", included, label))
    if excluded:
        label = "outside " + " and ".join(US_STATES[c] for c in excluded)
        work.conditions.append(Condition("state", "not_in", excluded, label))


def read_cities(work: Work) -> None:
    """A city the lexicon knows, anywhere ("chicago clients"), and a capitalised place after
    "in"/"from" that no other pattern claimed."""
    cities, ends = [], []
    for match in work.finditer(_KNOWN_CITY_RE):
        cities.append(CITIES[match["city"]])
        work.use(*match.span())
        ends.append(match.end())
    for match in work.finditer(_CITY_RE, cased=True):
        cities.append(match["city"])
        work.use(*match.span())
        ends.append(match.end())
    while ends:  # "in Chicago or Peoria": a capitalised place listed after a city is one too
        more = _MORE_CITY_RE.match(work.cased, ends.pop())
        if more:
            cities.append(more["city"])
            work.use(*more.span())
            ends.append(more.end())
    cities = list(dict.fromkeys(cities))
    if cities:
        work.conditions.append(Condition("city", "in", cities, "in " + " or ".join(cities)))


def read_occupations(work: Work) -> None:
    for words, pattern in _OCCUPATION_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            work.conditions.append(
                Condition("occupation", "icontains_any", list(words), f"occupation: {match[0]}")
            )
