"""The last contact: "not contacted in 6 months", "spoken to since the start of September",
"nobody has ever reached out to"; conditions on it that no date meets together are reported."""

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from search.conditions import Condition
from search.understanding.lexicon import alternation
from search.understanding.lexicon.contact import (
    CONTACT_PARTICLES,
    CONTACT_VERBS,
    GONE_WITHOUT,
    LAST_CONTACT,
    NEVER_AFTER,
    NEVER_CONTACTED,
    NEVER_CUES,
    NOT_CUES,
)
from search.understanding.readers.dates import MONTHS, YEARS_PER, period_ago
from search.understanding.work import Work

# Atomic: a "never" is not read by giving back the particles before a period ("at all since").
_VERB_ONLY = rf"(?>(?:{alternation(CONTACT_VERBS)})\b(?:,?\s+(?:{alternation(CONTACT_PARTICLES)})\b)*)"
_VERB = _VERB_ONLY + r",?\s+"
_UNIT = r"(?P<unit>years?|months?|weeks?|days?|quarters?|fortnights?|yrs?|mo|wks?|d)\b(?:\s*\+|\s+or (?:more|longer)|\s+plus)?"
_NUM = r"(?P<num>\d+|a|one)?\+?\s*"
_PERIOD = (
    r"(?:(?:in|for|within|during|over|in over|for over|in more than|for more than)\s+)?(?:the\s+)?"
    rf"(?:(?:last|past|previous)\s+)?{_NUM}{_UNIT}"
)
_THIS = r"(?:(?:so far\s+|yet\s+|earlier\s+)?this|the current)\s+(?P<this>year|month|week)\b"
_LAST = r"(?P<last>last|the past)\s+(?P<lunit>year|month|week|day|quarter|fortnight)\b|(?P<dayword>yesterday|today)\b"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_QUARTER = r"q(?P<quarter>[1-4])(?:\s+(?P<qyear>\d{4}))?"
_DATE = (
    rf"(?:(?:the\s+)?(?P<day0>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:{_MONTH}(?:\s+(?P<day>\d{{1,2}})"
    r"(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{4}))?|(?P<season>spring|summer|fall|autumn|winter)|(?P<since_year>\d{4})|"
    rf"{_QUARTER})\b"
)
_SINCE = (
    r"since\s+(?:(?:the\s+)?(?:start|beginning|first|1st)\s+of\s+|early\s+|last\s+|this past\s+|the\s+)?"
    rf"(?:(?P<new_year>(?:this|the) year)\b|(?P<num>\d+|a|one)\s+{_UNIT}(?:\s+ago\b)?|{_DATE})"
)
_NOT = rf"\b(?:{alternation(NOT_CUES)})\s+(?:(?:ever|yet)\s+)?(?:been\s+)?(?:(?:a|any)\s+)?{_VERB}"
_NEVER_RE = re.compile(
    rf"\b(?:(?:{alternation(NEVER_CUES)}){_VERB_ONLY}|(?:{alternation(NEVER_CONTACTED)})"
    rf"|(?:{alternation(NOT_CUES)})\s+(?:been\s+)?(?:{alternation(CONTACT_VERBS)})(?:\s+(?:with|to|from|them|him|her|us|out))*"
    rf"\s+(?:{alternation(NEVER_AFTER)})\b)"
    r"(?![,\s]+(?:in|for|since|within|during|over|this|last|yet)\b)"
)
_LAST_CONTACT = (
    rf"\b(?:{alternation(LAST_CONTACT)})(?:\s+(?:date|with (?:them|us)))?(?:\s+(?:was|is|were|being|on))?\s+"
)
# (pattern, what a match says): "not" no contact since the cutoff (or never), "recent" a contact
# since it, "stale" a last contact before it (never contacted is not "last contacted over a year ago").
_PATTERNS = (
    (re.compile(rf"{_NOT}(?:{_THIS}|{_PERIOD})"), "not"),
    (re.compile(_NOT + _SINCE), "not"),
    (re.compile(rf"\b(?:gone|went|been)\s+(?:over\s+|more than\s+)?{_NUM}{_UNIT}\s+without\s+(?:{alternation(GONE_WITHOUT)})\b"), "not"),
    (re.compile(rf"\b{_VERB}(?:{_THIS}|{_LAST}|(?:in|within|during|over)\s+the\s+(?:last|past)\s+{_NUM}{_UNIT})"), "recent"),
    (re.compile(rf"\b{_VERB}{_SINCE}"), "recent"),
    (re.compile(rf"(?:{_LAST_CONTACT}|\b{_VERB})(?:less than|under|fewer than|within)\s+(?:the\s+(?:last|past)\s+)?{_NUM}{_UNIT}(?:\s+ago)?"), "recent"),
    (re.compile(rf"(?:{_LAST_CONTACT}|\b{_VERB})(?:over|more than|at least|upwards of|north of)\s+{_NUM}{_UNIT}\s+ago\b"), "stale"),
    (re.compile(rf"{_LAST_CONTACT}(?:>|over|more than|at least|upwards of|north of)\s*{_NUM}{_UNIT}"), "stale"),
    (re.compile(rf"{_LAST_CONTACT}(?:before|prior to)\s+{_DATE}"), "stale"),
)  # fmt: skip
# A "not" just before a contact these patterns did not read as one: "not contacted more than a year ago".
_NEGATED_BEFORE = re.compile(rf"\b(?:{alternation(NOT_CUES)}|never)\s+(?:(?:ever|yet|been)\s+)*$")
_IN_MONTH_RE = re.compile(
    rf"\b(?:{_VERB}|{_LAST_CONTACT})(?:back\s+)?(?:in|during)\s+(?:the\s+)?(?:{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|{_QUARTER}|(?P<season>spring|summer|fall|autumn|winter))\b"
)
_UNITS = {"yr": "year", "mo": "month", "wk": "week", "d": "day"}
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def read_contact(work: Work) -> None:
    """When we last spoke to the customer (``lexicon.contact``): "not contacted in 6 months",
    "haven't spoken to since March", "no contact in 90 days" (no contact since a date, or never);
    "called last week", "contacted in the last 30 days" (a contact since a date); "never contacted";
    "last contacted over a year ago" (a contact, before a date); "spoke to in October"."""
    read: list[Condition] = []
    for match in work.finditer(_NEVER_RE):
        work.use(*match.span())
        read.append(Condition("last_contact_date", "eq", None, "never contacted"))
    for pattern, kind in _PATTERNS:
        for match in work.finditer(pattern):
            if kind != "not" and _NEGATED_BEFORE.search(work.text, 0, match.start()):
                continue
            cutoff, said = _cutoff(work, match)
            if cutoff is None:
                continue
            work.use(*match.span())
            day = cutoff.isoformat()
            read.append(
                {
                    "recent": Condition("last_contact_date", "gte", day, f"contacted {said}"),
                    "not": Condition("last_contact_date", "before_or_never", day, f"not contacted {said}"),
                    "stale": Condition(
                        "last_contact_date", "lt", day, f"last contacted before {cutoff:%-d %B %Y}"
                    ),
                }[kind]
            )
    for match in work.finditer(_IN_MONTH_RE):
        negated = _NEGATED_BEFORE.search(work.text, 0, match.start())
        if negated:  # the last contact may be before or after that month: no one date says it
            work.report(
                negated.start(), match.end(), "a month without contact is not a date of last contact."
            )
            continue
        start, _ = _cutoff(work, match)
        if start is None:
            continue
        work.use(*match.span())
        end = start + relativedelta(months=1 if match["month"] else 3)
        said = (
            f"contacted in {start:%B %Y}"
            if match["month"]
            else f"contacted from {start:%B %Y} to {end:%B %Y}"
        )
        read.append(Condition("last_contact_date", "gte", start.isoformat(), said))
        read.append(Condition("last_contact_date", "lt", end.isoformat(), said))
    if _contradict(read):
        labels = " and ".join(f"“{c.label}”" for c in read)
        work.ignored.append(f"{labels} are ignored: no customer can meet them all.")
        return
    work.conditions.extend(read)


def _contradict(read: list[Condition]) -> bool:
    """Never contacted with a contact on some date, or a contact since a date with none since (or
    a last one before) an earlier date."""
    ops = {c.op for c in read}
    if "eq" in ops and ops & {"gte", "lt"}:
        return True
    since = [c.value for c in read if c.op == "gte"]
    return bool(since) and any(c.op in ("lt", "before_or_never") and c.value <= max(since) for c in read)


def _cutoff(work: Work, match: re.Match) -> tuple[date | None, str | None]:
    """The first day a contact counts from, and the period in words; (None, None) if reported."""
    groups = match.groupdict()
    today = work.today
    if groups.get("this") or groups.get("new_year"):
        start = {
            "year": date(today.year, 1, 1),
            "month": today.replace(day=1),
            "week": today - timedelta(days=today.weekday()),
        }[groups.get("this") or "year"]
        return start, f"since {start:%-d %B %Y}"
    if groups.get("dayword"):
        start = today - timedelta(days=match["dayword"] == "yesterday")
        return start, f"since {start:%-d %B %Y}"
    if groups.get("month") or groups.get("season") or groups.get("quarter"):
        if groups.get("quarter"):
            month = 3 * int(match["quarter"]) - 2
        else:
            month = MONTHS[match["month"][:3]] if groups.get("month") else SEASONS[match["season"]]
        day = int(groups.get("day") or groups.get("day0") or 1)
        year_said = groups.get("year") or groups.get("qyear")
        year = int(year_said) if year_said else today.year - ((month, day) > (today.month, today.day))
        if work.years_out_of_reach(match, "contacts were", year, year):
            return None, None
        try:
            start = date(year, month, day)
        except ValueError:
            work.report(*match.span(), f"{date(year, month, 1):%B} has no day {day}.")
            return None, None
        if start > today:
            work.report(*match.span(), "that date is in the future.")
            return None, None
        return start, f"since {start:%-d %B %Y}" if day > 1 else f"since {start:%B %Y}"
    if groups.get("since_year"):
        year = int(match["since_year"])
        if work.years_out_of_reach(match, "contacts were", year, None) or work.in_future(match, year):
            return None, None
        return date(year, 1, 1), f"since {year}"
    if groups.get("last"):
        n, unit = 1, match["lunit"]
    else:
        n = 1 if match["num"] in (None, "a", "one") else int(match["num"])
        unit = _UNITS.get(match["unit"].rstrip("s"), match["unit"].rstrip("s"))
    n, unit = {"quarter": (3 * n, "month"), "fortnight": (2 * n, "week")}.get(unit, (n, unit))
    if work.longer_than_anyone_banks(match, n * YEARS_PER[unit]):
        return None, None
    if n == 0:
        work.report(*match.span(), "a period of no time has no contact in it.")
        return None, None
    said = f"in the last {unit}" if n == 1 else f"in the last {n} {unit}s"
    return period_ago(work, n, unit), said
