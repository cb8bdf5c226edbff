"""Dates: tenure from when a customer joined, births and generations (the last contact: ``contact``)."""

import re

from customers.fields import years_before
from search.conditions import Condition
from search.understanding.labels import numeric_condition
from search.understanding.lexicon import alternation
from search.understanding.lexicon.time import (
    DECADE_COUNTS,
    DECADE_NAMES,
    JOINED_VERBS,
    TENURE_PLACES,
    TENURE_STAYS,
    TENURE_SUBJECTS,
)
from search.understanding.lexicon.words import GENERATIONS
from search.understanding.work import Work

_JOINED = alternation(JOINED_VERBS)
_JOINED_RE = re.compile(
    rf"\b(?:{_JOINED})\s+(?:with us\s+)?(?:(?:(?:in|within|during|over)\s+)?the\s+(?:last|past|previous)\s+"
    r"(?P<num>\d+|a|one)?\s*(?P<unit>years?|months?|weeks?|days?)|(?P<cur>this|last) year)\b"
)
_UNDER_A_YEAR_RE = re.compile(
    rf"(?:\b(?P<before>{_JOINED}|{alternation(TENURE_STAYS)})\s+(?:for\s+)?)?\(?(?:less than|under|not even|fewer than|"
    r"short of|shy of)\s+(?:a|one|1|001)\s+year\b\)?(?:\s+(?P<after>ago|"
    rf"{alternation(TENURE_PLACES)}|as (?:a )?(?:customers?|clients?)|of (?:banking|tenure|membership))\b)?"
)
_NEW_BEFORE = re.compile(r"\b(?:new|newer|joined|onboarded|signed (?:up|on))\b[^,.;]{0,20}$")
_DECADE = rf"(?:the\s+)?(?:(?P<part>early|mid|late)[- ])?(?:(?P<dec>\d{{2}}|\d{{3}}0)['’]?s|(?P<decname>{alternation(DECADE_NAMES)}))"
_SINCE_RE = re.compile(
    rf"\b(?:(?P<joined>{_JOINED})(?:\s+with us)?|{alternation(TENURE_SUBJECTS)})\s+"
    r"(?P<rel>since before|since|before|prior to|after|since after|in|during|back in)\s+"
    rf"(?:(?:(?:the )?year\s+)?(?P<year>\d{{4}})|{_DECADE})\b"
)
_COUNTS = alternation(sorted(DECADE_COUNTS, key=len, reverse=True))
_DECADES_RE = re.compile(
    rf"\b(?:(?P<stay>{alternation(TENURE_STAYS)})\s+(?:for\s+)?)?(?:(?P<cmp>over|more than|at least|upwards of|well over|"
    rf"north of|the better part of|going on)\s+)?(?:(?P<n>{_COUNTS})\s+)?(?P<unit>decades?)\b"
    r"(?P<more>\s+(?:or (?:more|longer)|plus|and counting))?"
    rf"(?:\s+(?P<place>{alternation(TENURE_PLACES)}|as (?:a )?(?:customers?|clients?)|of (?:banking|loyalty|membership|history|relationship)(?: with us| here)?))?"
)
_FEWER = r"less than|under|fewer than|within|inside of|not even"
_MORE = r"more than|over|at least|upwards of|north of"
_SPAN = r"(?P<cmp>{})\s+(?P<num>\d+|a|one)\s*(?P<unit>{})"
# "joined less than 2 years ago", "onboarded within 90 days", "with us under 6 months": a date of
# joining after (fewer) or before (more) a cutoff.
_JOINED_AGO_RE = re.compile(
    rf"\b(?:{_JOINED})\s+(?:with us\s+)?{_SPAN.format(f'{_FEWER}|{_MORE}', 'years?|months?|weeks?|days?')}"
    r"(?:\s+ago)?\b"
)
_TENURE_SHORT_RE = re.compile(
    rf"(?:\b(?P<place>{alternation(TENURE_STAYS)}|{alternation(TENURE_PLACES)})\s+(?:for\s+)?)?"
    rf"{_SPAN.format(f'{_FEWER}|{_MORE}', 'months?|weeks?|days?')}\b"
    r"(?:\s+(?P<after>of tenure|with us|with the bank|as (?:a )?customers?)\b)?"
)
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
YEARS_PER = {"year": 1, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}
_PERIOD = {"year": "years", "month": "months", "week": "weeks", "day": "days"}


def period_ago(work: Work, n: int, unit: str):
    """The date ``n`` years, months, weeks or days before the question's today."""
    if unit == "week":
        return years_before(work.today, days=7 * n)
    return years_before(work.today, **{_PERIOD[unit]: n})


def read_tenure_dates(work: Work) -> None:
    """ "joined in the last 2 years", "customers since 2010", "since the nineties", "with us for
    decades", "brand new (less than a year)": how long someone has banked with us."""
    for match in work.finditer(_JOINED_RE):
        if match["cur"]:
            work.use(*match.span())
            year = work.today.year - (match["cur"] == "last")
            last = f"{year}-12-31" if match["cur"] == "last" else work.today.isoformat()
            label = f"joined {match['cur']} year"
            work.conditions.append(Condition("customer_since", "between", [f"{year}-01-01", last], label))
            continue
        n = 1 if match["num"] in (None, "a", "one") else int(match["num"])
        unit = match["unit"].rstrip("s")
        if work.longer_than_anyone_banks(match, n * YEARS_PER[unit]):
            continue
        work.use(*match.span())
        if unit == "year":
            work.conditions.append(
                numeric_condition(
                    "tenure_years", "lt", n, label=f"joined in the last {n} year{'s' * (n != 1)}"
                )
            )
        else:
            since = period_ago(work, n, unit)
            label = f"joined in the last {n} {unit}{'s' * (n != 1)}"
            work.conditions.append(Condition("customer_since", "gte", since.isoformat(), label))
    for match in work.finditer(_UNDER_A_YEAR_RE):
        if match["before"] or match["after"] or _NEW_BEFORE.search(work.text, 0, match.start()):
            work.use(*match.span())
            work.conditions.append(
                numeric_condition("tenure_years", "lt", 1, label="with us less than a year")
            )
    _read_decades(work)
    _read_joined_ago(work)
    for match in work.finditer(_SINCE_RE):
        rel = match["rel"]
        if rel in ("in", "during", "back in") and not match["joined"]:
            continue  # "customers in the 90s" may be an age
        first, last, said = _years_said(match)
        admitted = {
            "since": (None, last),
            "in": (first, last),
            "during": (first, last),
            "back in": (first, last),
        }.get(rel, (last + 1, None) if "after" in rel else (None, first - 1))
        if work.years_out_of_reach(match, "customers joined", *admitted) or work.in_future(match, first):
            continue
        work.use(*match.span())
        if admitted[0] is not None and admitted[1] is not None:
            condition = Condition(
                "customer_since", "between", [f"{first}-01-01", f"{last}-12-31"], f"joined in {said}"
            )
        elif rel == "since":
            condition = Condition(
                "customer_since", "lte", f"{last}-12-31", f"customer since {said} or earlier"
            )
        elif "after" in rel:
            condition = Condition(
                "customer_since", "gte", f"{last + 1}-01-01", f"customer since after {said}"
            )
        else:
            condition = Condition("customer_since", "lt", f"{first}-01-01", f"customer since before {said}")
        work.conditions.append(condition)


def _years_said(match: re.Match) -> tuple[int, int, str]:
    """The first and last year of "2005", "the nineties" or "the early 90s", and how to say them."""
    if match["year"]:
        year = int(match["year"])
        return year, year, str(year)
    return _decade(DECADE_NAMES[match["decname"]] if match["decname"] else int(match["dec"]), match["part"])


def _decade(value: int, part: str | None) -> tuple[int, int, str]:
    """The first and last year of a decade ("90" is the 1990s, "10" the 2010s) or of part of it."""
    if value < 100:
        value += 2000 if value < 20 else 1900
    first, last = PART[part]
    return value + first, value + last, f"the {part + ' ' if part else ''}{value}s"


def _read_joined_ago(work: Work) -> None:
    """ "joined less than 2 years ago", "with us under 6 months", "joined over 5 years ago"."""
    for pattern in (_JOINED_AGO_RE, _TENURE_SHORT_RE):
        for match in work.finditer(pattern):
            if pattern is _TENURE_SHORT_RE and not (match["place"] or match["after"]):
                continue
            n = 1 if match["num"] in ("a", "one") else int(match["num"])
            unit = match["unit"].rstrip("s")
            if work.longer_than_anyone_banks(match, n * YEARS_PER[unit]):
                continue
            work.use(*match.span())
            cutoff = period_ago(work, n, unit).isoformat()
            said = f"{n} {unit}{'s' * (n != 1)}"
            if re.fullmatch(_FEWER, match["cmp"]):
                work.conditions.append(
                    Condition("customer_since", "gte", cutoff, f"joined in the last {said}")
                )
            else:
                work.conditions.append(Condition("customer_since", "lt", cutoff, f"joined over {said} ago"))


def _read_decades(work: Work) -> None:
    """ "with us for decades" (20 years or more), "over a decade with the bank" (more than 10)."""
    for match in work.finditer(_DECADES_RE):
        plural = match["unit"].endswith("s")
        if not (match["stay"] or match["place"]) or (match["n"] is None and not plural):
            continue
        decades = DECADE_COUNTS[match["n"]] if match["n"] else 2
        op = "gt" if match["cmp"] in ("over", "more than", "well over", "north of") else "gte"
        work.use(*match.span())
        work.conditions.append(numeric_condition("tenure_years", op, 10 * decades))


def _birth_year(n: int) -> str:
    """A year, a decade or "'85" (groups numbered ``n``), as "born ..." says it."""
    return (
        rf"(?:the\s+)?(?:year\s+)?(?:(?P<part{n}>early|mid|late)[- ])?(?:(?P<year{n}>\d+)(?P<decade{n}>['’]?s)?"
        rf"|['’](?P<yy{n}>\d\d)(?P<yys{n}>s)?|(?P<decname{n}>{alternation(DECADE_NAMES)}))"
    )


_BORN_RE = re.compile(
    r"\bborn\s+(?:(?P<rel>in or after|in or before|between|from|in|during|before|after|since|prior to)\s+)?"
    rf"{_birth_year(1)}(?:\s*(?:and|to|-|–)\s*{_birth_year(2)})?(?P<post>\s+or (?:later|after|earlier|before))?\b"
)
PART = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}


def _born_years(match: re.Match, n: int) -> tuple[int, int, str]:
    """The first and last year of end ``n`` of a "born ..." match, and how to say them."""
    if match[f"decname{n}"]:
        return _decade(DECADE_NAMES[match[f"decname{n}"]], match[f"part{n}"])
    value = int(match[f"year{n}"] or match[f"yy{n}"])
    if match[f"decade{n}"] or match[f"yys{n}"]:
        return _decade(value, match[f"part{n}"])
    if match[f"yy{n}"]:  # "'85"
        value += 2000 if value < 20 else 1900
    return value, value, str(value)


def read_births(work: Work) -> None:
    """ "Born in the 60s" is a date of birth in 1960-1969 (never an age of 60 to 69), "born in
    1975" one in that year, "born before 1960" one before it, "born between 1980 and 1990" one in
    those years, "born in or after 1995" and "born 1960 or earlier" the years from or to it."""
    for match in work.finditer(_BORN_RE):
        first, last, said = _born_years(match, 1)
        if match["year2"] or match["yy2"] or match["decname2"]:  # "between 1990 and 1980" is 1980 to 1990
            first2, last2, _ = _born_years(match, 2)
            first, last = min(first, first2), max(last, last2)
            said = f"{first} to {last}"
        rel = {"between": "in", "from": "in"}.get(match["rel"], match["rel"] or "in")
        post = (match["post"] or "").strip()
        if post:
            rel = "in or after" if post in ("or later", "or after") else "in or before"
        admitted = {
            "before": (None, first - 1),
            "prior to": (None, first - 1),
            "after": (last + 1, None),
            "since": (first, None),
            "in or after": (first, None),
            "in or before": (None, last),
        }.get(rel, (first, last))
        if work.years_out_of_reach(match, "customers were born", *admitted):
            continue
        work.use(*match.span())
        lo, hi = admitted
        label = f"born {rel} {said}"
        if lo is not None and hi is not None:
            condition = Condition("date_of_birth", "between", [f"{lo}-01-01", f"{hi}-12-31"], label)
        elif lo is not None:
            condition = Condition("date_of_birth", "gte", f"{lo}-01-01", label)
        else:
            condition = Condition("date_of_birth", "lte", f"{hi}-12-31", label)
        work.conditions.append(condition)


_GENERATION_RES = [(re.compile(rf"\b(?:{p})\b"), first, last, name) for p, first, last, name in GENERATIONS]


def read_generations(work: Work) -> None:
    for pattern, first, last, name in _GENERATION_RES:
        for match in work.finditer(pattern):
            if work.negated_band(match):
                continue
            work.use(*match.span())
            work.conditions.append(
                Condition(
                    "date_of_birth",
                    "between",
                    [f"{first}-01-01", f"{last}-12-31"],
                    f"{name} (born {first}–{last})",
                )
            )
