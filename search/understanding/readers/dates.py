"""Dates: tenure from when a customer joined, the last contact, births and generations."""

import re
from datetime import date

from customers.fields import years_before
from search.conditions import Condition
from search.understanding.labels import numeric_condition
from search.understanding.lexicon import alternation
from search.understanding.lexicon.contact import CONTACT_VERBS, NEVER_CONTACTED, NOT_CUES
from search.understanding.lexicon.words import GENERATIONS
from search.understanding.work import Work

_JOINED_RE = re.compile(
    r"\b(?:joined|opened (?:an? )?accounts?|became (?:a )?(?:customers?|clients?)|onboarded|signed up|new(?: customers?| clients?)?)"
    r"\s+(?:with us\s+)?(?:in|within|during|over)\s+the\s+(?:last|past|previous)\s+(?P<num>\d+|a|one)?\s*(?P<unit>years?|months?)\b"
)
_SINCE_RE = re.compile(
    r"\b(?:customers?|clients?|members?|with us|joined|banked with us)\s+"
    r"(?P<rel>since before|since|before|prior to|after|since after)\s+(?:(?:the )?year\s+)?(?P<year>\d{4})\b"
)
_VERB = rf"(?:{alternation(CONTACT_VERBS)})"
_PERIOD_RE = (
    r"(?:(?:in|for|within|during|over|in over|for over|in more than|for more than)\s+)?(?:the\s+)?"
    r"(?:(?:last|past)\s+)?(?P<num>\d+|a|one)?\s*(?P<unit>years?|months?|weeks?|days?)\b"
)
_SINCE = (
    r"since\s+(?:(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(?P<year>\d{4}))?"
    r"|(?P<since_year>\d{4}))\b"
)
_NOT = rf"\b(?:{alternation(NOT_CUES)})\s+(?:been\s+)?(?:(?:a|any)\s+)?{_VERB}(?:\s+(?:with|to|from|them|him|her|us))*\s+"
_NEVER_RE = re.compile(rf"\b(?:{alternation(NEVER_CONTACTED)})\b")
_NOT_IN_RE = re.compile(_NOT + _PERIOD_RE)
_NOT_SINCE_RE = re.compile(_NOT + _SINCE)
_IN_RE = re.compile(
    rf"\b{_VERB}(?:\s+(?:with|to|from|them|him|her|us))*\s+(?:(?:in|within|during|over)\s+the\s+(?:last|past)\s+"
    r"(?P<num>\d+|a|one)?\s*|(?P<this>last|this|the past)\s+)(?P<unit>years?|months?|weeks?|days?)\b"
)
_SINCE_CONTACT_RE = re.compile(rf"\b{_VERB}(?:\s+(?:with|to|from|them|him|her|us))*\s+" + _SINCE)
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
YEARS_PER = {"year": 1, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}
_PERIOD = {"year": "years", "month": "months", "week": "weeks", "day": "days"}


def period_ago(work: Work, n: int, unit: str):
    """The date ``n`` years, months, weeks or days before the question's today."""
    if unit == "week":
        return years_before(work.today, days=7 * n)
    return years_before(work.today, **{_PERIOD[unit]: n})


def read_tenure_dates(work: Work) -> None:
    """ "joined in the last 2 years", "customers since 2010": how long someone has banked with us."""
    for match in work.finditer(_JOINED_RE):
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
            since = period_ago(work, n, "month")
            label = f"joined in the last {n} month{'s' * (n != 1)}"
            work.conditions.append(Condition("customer_since", "gte", since.isoformat(), label))
    for match in work.finditer(_SINCE_RE):
        year, rel = int(match["year"]), match["rel"]
        admitted = (year + 1, None) if "after" in rel else (None, year if rel == "since" else year - 1)
        if work.years_out_of_reach(match, "customers joined", *admitted):
            continue
        work.use(*match.span())
        if rel == "since":
            condition = Condition(
                "customer_since", "lte", f"{year}-12-31", f"customer since {year} or earlier"
            )
        elif "after" in rel:
            condition = Condition(
                "customer_since", "gte", f"{year + 1}-01-01", f"customer since after {year}"
            )
        else:
            condition = Condition("customer_since", "lt", f"{year}-01-01", f"customer since before {year}")
        work.conditions.append(condition)


def read_contact(work: Work) -> None:
    """When we last spoke to the customer (``lexicon.contact``): "not contacted in 6 months",
    "haven't spoken to since March", "no contact in 90 days" (no contact since a date, or never);
    "called last week", "contacted in the last 30 days" (a contact since a date); "never contacted"."""
    for match in work.finditer(_NEVER_RE):
        work.use(*match.span())
        work.conditions.append(Condition("last_contact_date", "eq", None, "never contacted"))
    for pattern, recent in (
        (_NOT_IN_RE, False),
        (_NOT_SINCE_RE, False),
        (_IN_RE, True),
        (_SINCE_CONTACT_RE, True),
    ):
        for match in work.finditer(pattern):
            cutoff, said = _contact_cutoff(work, match)
            if cutoff is None:
                continue
            work.use(*match.span())
            if recent:
                condition = Condition("last_contact_date", "gte", cutoff.isoformat(), f"contacted {said}")
            else:
                condition = Condition(
                    "last_contact_date", "before_or_never", cutoff.isoformat(), f"not contacted {said}"
                )
            work.conditions.append(condition)


def _contact_cutoff(work: Work, match: re.Match):
    """The first day a contact counts from, and the period in words; (None, None) if reported."""
    groups = match.groupdict()
    if groups.get("month"):
        month = MONTHS[match["month"][:3]]
        year = int(match["year"]) if match["year"] else work.today.year - (month > work.today.month)
        if work.years_out_of_reach(match, "contacts were", year, year):
            return None, None
        return date(year, month, 1), f"since {date(year, month, 1):%B %Y}"
    if groups.get("since_year"):
        year = int(match["since_year"])
        if work.years_out_of_reach(match, "contacts were", year, None):
            return None, None
        return date(year, 1, 1), f"since {year}"
    n = 1 if match["num"] in (None, "a", "one", "this") else int(match["num"])
    unit = match["unit"].rstrip("s")
    if work.longer_than_anyone_banks(match, n * YEARS_PER[unit]):
        return None, None
    said = f"in the last {unit}" if n == 1 else f"in the last {n} {unit}s"
    return period_ago(work, n, unit), said


_BORN_RE = re.compile(
    r"\bborn\s+(?:(?P<rel>in|before|after|since|prior to)\s+)?(?:the\s+)?(?:(?P<part>early|mid|late)[- ])?"
    r"(?P<year>\d+)(?P<decade>['’]?s)?\b"
)
PART = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}


def read_births(work: Work) -> None:
    """ "Born in the 60s" is a date of birth in 1960-1969 (never an age of 60 to 69), "born in
    1975" one in that year, "born before 1960" one before it."""
    for match in work.finditer(_BORN_RE):
        year = int(match["year"])
        if match["decade"]:
            if year < 100:
                year += 2000 if year < 20 else 1900
            part = PART[match["part"]]
            first, last = year + part[0], year + part[1]
            said = f"the {match['part'] + ' ' if match['part'] else ''}{year}s"
        else:
            first = last = year
            said = str(year)
        rel = match["rel"] or "in"
        admitted = {
            "before": (None, first - 1),
            "prior to": (None, first - 1),
            "after": (last + 1, None),
        }.get(rel, (first, None) if rel == "since" else (first, last))
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
            work.use(*match.span())
            work.conditions.append(
                Condition(
                    "date_of_birth",
                    "between",
                    [f"{first}-01-01", f"{last}-12-31"],
                    f"{name} (born {first}–{last})",
                )
            )
