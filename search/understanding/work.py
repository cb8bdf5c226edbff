"""The question being read: a working copy in which each reader masks the words it used.

Masking keeps a later, more general reader from reading the same words again ("small business
owners" is an employment status, not also an interest in small business). Spans stay true to the
original question: every rewrite keeps the text's length.
"""

import math
import re
from collections.abc import Iterator
from datetime import date

from customers.fields import DERIVED_YEARS, MAX_AGE, bounds
from search.conditions import Condition
from search.understanding.labels import FIELD_LABELS, bound_text
from search.understanding.negation import negated_word
from search.understanding.number_words import normalise

MASK = "\x00"


class Work:
    """The question, what has been read from it so far, and what was reported as ignored."""

    def __init__(self, query: str, today: date):
        lowered = query.lower()
        if len(lowered) != len(query):  # rare Unicode whose lower case changes length
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in query)
        self.original = query
        self.today = today
        self.text = normalise(lowered)
        self.cased = query
        self.conditions: list[Condition] = []
        self.signals: list[Condition] = []
        self.ignored: list[str] = []
        self.protected_spans: list[tuple[int, int]] = []
        self.hard_spans: list[tuple[int, int]] = []
        self.soft_spans: list[tuple[int, int]] = []
        self.negated_ends: set[int] = set()  # where a word read as negated ends
        self.number_ends: dict[int, tuple[str, str]] = {}  # where a number's condition ends: its field, op
        self.exclusions: list[tuple[int, int]] = []  # clauses after "except", "not counting"...

    def finditer(self, pattern: re.Pattern, *, cased=False) -> Iterator[re.Match]:
        """Matches in the unused text (a match's masking hides it from the next patterns)."""
        source = self.cased if cased else self.text
        yield from pattern.finditer(source)

    def use(self, start: int, end: int, *, hard: bool = True) -> None:
        pad = MASK * (end - start)
        self.text = self.text[:start] + pad + self.text[end:]
        self.cased = self.cased[:start] + pad + self.cased[end:]
        (self.hard_spans if hard else self.soft_spans).append((start, end))

    def excluded(self, position: int) -> bool:
        """Whether ``position`` lies in an exclusion clause: what is read there is left out."""
        return any(start <= position < end for start, end in self.exclusions)

    def report(self, start: int, end: int, reason: str) -> None:
        """Mask [start, end) and say why it is not a condition."""
        self.use(start, end)
        self.ignored.append(f"“{self.original[start:end].strip()}” is ignored: {reason}")

    def negated(self, match: re.Match) -> int | None:
        """Where a negation right before ``match`` starts ("not young", "anyone but millennials")."""
        return negated_word(self.text, match.start(), self.negated_ends)

    def use_negated(self, start: int, end: int) -> None:
        """Use a negated word's span, so that a word after "or" next to it is negated too."""
        self.use(start, end)
        self.negated_ends.add(end)

    def negated_band(
        self,
        match: re.Match,
        reason: str = "it is no one range (values on both sides of it), so it is not searched.",
    ) -> bool:
        """A band said negated ("not in their 30s", "not millennials", "not middle income") is values
        on both sides of it, no one range: it is reported, not searched."""
        start = self.negated(match)
        if start is None:
            return False
        self.report(start, match.end(), f"said negated, {reason}")
        self.negated_ends.add(match.end())
        return True

    def out_of_bounds(self, field_name: str, values: list[float], start: int, end: int) -> bool:
        """Numbers the field cannot hold are reported and masked, never read as another field."""
        lo, hi = bounds(field_name)
        if all(lo <= value <= hi for value in values):
            return False
        self.report(
            start,
            end,
            f"{FIELD_LABELS[field_name]} must be {bound_text(field_name, lo)} to {bound_text(field_name, hi)}.",
        )
        return True

    def admits_no_one(self, field_name: str, op: str, value, start: int, end: int) -> bool:
        """A comparison past the field's ends ("credit above 850", "more than 8 kids") is reported,
        not searched: no customer can meet it."""
        lo, hi = bounds(field_name)
        if not isinstance(value, (int, float)) or not (
            (op == "gt" and value >= hi) or (op == "gte" and value > hi)
            or (op == "lt" and value <= lo) or (op == "lte" and value < lo)
        ):  # fmt: skip
            return False
        self.report(
            start,
            end,
            f"no customer can meet it ({FIELD_LABELS[field_name]}: {bound_text(field_name, lo)} "
            f"to {bound_text(field_name, hi)}).",
        )
        return True

    def exactly(self, field_name: str, value: float, start: int, end: int) -> int | None:
        """The whole number an "exactly" means. Age and tenure count completed years, so 45.5 is
        45; a count such as dependents has no fractions, so "2.5 kids" is reported, not rounded."""
        if float(value).is_integer():
            return int(value)
        if field_name in DERIVED_YEARS:
            return math.floor(value)
        self.report(start, end, f"{FIELD_LABELS[field_name]} must be a whole number.")
        return None

    def longer_than_anyone_banks(self, match: re.Match, years: float) -> bool:
        """A period past the longest tenure is reported, not turned into an impossible date."""
        longest = bounds("tenure_years")[1]
        if years <= longest:
            return False
        self.report(*match.span(), f"no one has been a customer for over {longest} years.")
        return True

    def years_out_of_reach(self, match: re.Match, who: str, first: int | None, last: int | None) -> bool:
        """A date condition whose years [first, last] miss every year a customer's date can have
        (the last ``MAX_AGE`` years) is reported, not searched: "born in 3000", "customers since 1700"."""
        earliest, latest = self.today.year - MAX_AGE, self.today.year
        if (first is None or first <= latest) and (last is None or last >= earliest):
            return False
        self.report(*match.span(), f"{who} between {earliest} and {latest}.")
        return True

    def in_future(self, match: re.Match, year: int) -> bool:
        """A year after this one is reported: no one has joined, or been contacted, in it yet."""
        if year <= self.today.year:
            return False
        self.report(*match.span(), f"{year} is in the future.")
        return True

    def add_number(self, start: int, end: int, condition: Condition) -> None:
        self.use(start, end)
        self.number_ends[end] = (condition.field, str(condition.op))
        self.conditions.append(condition)
