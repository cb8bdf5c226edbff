"""Dates in evaluation rules that are relative to today (``shared/eval/README.md``).

A question such as "not contacted in six months" has a truth that moves with the calendar, and the
demo book is generated relative to today, so a rule may give a date field's value as
``{"days_ago": N}``, ``{"months_ago": N}``, ``{"years_ago": N}`` or ``{"month_start": M}`` (the
first of month M in the latest year where that day is not after today: "since March").
Calendar arithmetic is dateutil's, so month ends and leap days come out as a calendar says.
"""

from collections.abc import Mapping
from datetime import date

from dateutil.relativedelta import relativedelta

RELATIVE_KEYS = ("days_ago", "months_ago", "years_ago", "month_start")


class InvalidRelativeDate(ValueError):
    """A relative date names an unknown unit or a value that is not a whole number."""


def is_relative(value: object) -> bool:
    return isinstance(value, Mapping) and len(value) == 1 and next(iter(value)) in RELATIVE_KEYS


def resolve(value: object, *, today: date) -> object:
    """``value`` with any relative date (alone or in a list) turned into an ISO date string."""
    if isinstance(value, list):
        return [resolve(item, today=today) for item in value]
    if not isinstance(value, Mapping):
        return value
    if not is_relative(value):
        known = ", ".join(RELATIVE_KEYS)
        raise InvalidRelativeDate(f"Unknown relative date {dict(value)}; use one of {known}.")
    ((unit, amount),) = value.items()
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise InvalidRelativeDate(f"{unit} needs a whole number of at least 0, not {amount!r}.")
    if unit == "month_start":
        if not 1 <= amount <= 12:
            raise InvalidRelativeDate(f"month_start needs a month from 1 to 12, not {amount}.")
        start = date(today.year, amount, 1)
        return (start if start <= today else start - relativedelta(years=1)).isoformat()
    delta = {"days_ago": relativedelta(days=amount), "months_ago": relativedelta(months=amount),
             "years_ago": relativedelta(years=amount)}[unit]  # fmt: skip
    return (today - delta).isoformat()
