"""The last contact: "not contacted in 6 months", "spoken to since the start of September",
"nobody has ever reached out to"; conditions on it that no date meets together are reported."""

import re
from datetime import date

from search.conditions import Condition
from search.understanding.lexicon import alternation
from search.understanding.lexicon.contact import (
    CONTACT_PARTICLES,
    CONTACT_VERBS,
    NEVER_CONTACTED,
    NEVER_CUES,
    NOT_CUES,
)
from search.understanding.readers.dates import MONTHS, YEARS_PER, period_ago
from search.understanding.work import Work

# Atomic: a "never" is not read by giving back the particles before a period ("at all since").
_VERB_ONLY = rf"(?>(?:{alternation(CONTACT_VERBS)})(?:,?\s+(?:{alternation(CONTACT_PARTICLES)})\b)*)"
_VERB = _VERB_ONLY + r",?\s+"
_PERIOD = (
    r"(?:(?:in|for|within|during|over|in over|for over|in more than|for more than)\s+)?(?:the\s+)?"
    r"(?:(?:last|past|previous)\s+)?(?P<num>\d+|a|one)?\s*(?P<unit>years?|months?|weeks?|days?|quarters?)\b"
)
_THIS = r"(?:(?:so far\s+|yet\s+)?this|the current)\s+(?P<this>year|month)\b"
_LAST = r"(?P<last>last|the past)\s+(?P<lunit>year|month|week|day|quarter)\b"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_SINCE = (
    r"since\s+(?:(?:the\s+)?(?:start|beginning|first|1st)\s+of\s+|early\s+|last\s+|this past\s+)?"
    rf"(?:(?:the\s+)?(?P<day0>\d{{1,2}})(?:st|nd|rd|th)?\s+of\s+)?(?:{_MONTH}(?:\s+(?P<day>\d{{1,2}})"
    r"(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{4}))?|(?P<since_year>\d{4})|(?P<new_year>(?:this|the) year))\b"
)
_NOT = rf"\b(?:{alternation(NOT_CUES)})\s+(?:(?:ever|yet)\s+)?(?:been\s+)?(?:(?:a|any)\s+)?{_VERB}"
_NEVER_RE = re.compile(
    rf"\b(?:(?:{alternation(NEVER_CUES)}){_VERB_ONLY}|(?:{alternation(NEVER_CONTACTED)}))"
    r"(?![,\s]+(?:in|for|since|within|during|over|this|last|yet)\b)"
)
_NOT_IN_RE = re.compile(rf"{_NOT}(?:{_THIS}|{_PERIOD})")
_NOT_SINCE_RE = re.compile(_NOT + _SINCE)
_IN_RE = re.compile(
    rf"\b{_VERB}(?:{_THIS}|{_LAST}|(?:in|within|during|over)\s+the\s+(?:last|past)\s+(?P<num>\d+|a|one)?\s*"
    r"(?P<unit>years?|months?|weeks?|days?|quarters?)\b)"
)
_SINCE_CONTACT_RE = re.compile(rf"\b{_VERB}{_SINCE}")


def read_contact(work: Work) -> None:
    """When we last spoke to the customer (``lexicon.contact``): "not contacted in 6 months",
    "haven't spoken to since March", "no contact in 90 days" (no contact since a date, or never);
    "called last week", "contacted in the last 30 days" (a contact since a date); "never contacted"."""
    read: list[Condition] = []
    for match in work.finditer(_NEVER_RE):
        work.use(*match.span())
        read.append(Condition("last_contact_date", "eq", None, "never contacted"))
    for pattern, recent in (
        (_NOT_IN_RE, False),
        (_NOT_SINCE_RE, False),
        (_IN_RE, True),
        (_SINCE_CONTACT_RE, True),
    ):
        for match in work.finditer(pattern):
            cutoff, said = _cutoff(work, match)
            if cutoff is None:
                continue
            work.use(*match.span())
            if recent:
                read.append(Condition("last_contact_date", "gte", cutoff.isoformat(), f"contacted {said}"))
            else:
                read.append(
                    Condition(
                        "last_contact_date", "before_or_never", cutoff.isoformat(), f"not contacted {said}"
                    )
                )
    if _contradict(read):
        labels = " and ".join(f"“{c.label}”" for c in read)
        work.ignored.append(f"{labels} are ignored: no customer can meet them all.")
        return
    work.conditions.extend(read)


def _contradict(read: list[Condition]) -> bool:
    """A contact since a date with never a contact, or with none since an earlier date."""
    since = [c.value for c in read if c.op == "gte"]
    if not since:
        return False
    latest = max(since)
    return any(c.op == "eq" or (c.op == "before_or_never" and c.value <= latest) for c in read)


def _cutoff(work: Work, match: re.Match) -> tuple[date | None, str | None]:
    """The first day a contact counts from, and the period in words; (None, None) if reported."""
    groups = match.groupdict()
    today = work.today
    if groups.get("this") or groups.get("new_year"):
        start = date(today.year, 1, 1) if (groups.get("this") or "year") == "year" else today.replace(day=1)
        return start, f"since {start:%B %Y}" if groups.get("this") == "month" else f"since {start.year}"
    if groups.get("month"):
        month = MONTHS[match["month"][:3]]
        day = int(match["day"] or match["day0"] or 1)
        year = int(match["year"]) if match["year"] else today.year - ((month, day) > (today.month, today.day))
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
        unit = match["unit"].rstrip("s")
    if unit == "quarter":
        n, unit = 3 * n, "month"
    if work.longer_than_anyone_banks(match, n * YEARS_PER[unit]):
        return None, None
    said = f"in the last {unit}" if n == 1 else f"in the last {n} {unit}s"
    return period_ago(work, n, unit), said
