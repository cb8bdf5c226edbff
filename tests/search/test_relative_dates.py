"""Relative dates in evaluation rules: the truth of "not contacted in six months" moves with today."""

from datetime import date

import pytest

from search.conditions import InvalidRule, rule_q
from search.relative_dates import resolve


@pytest.mark.parametrize(
    ("value", "today", "expected"),
    [
        ({"days_ago": 30}, date(2026, 3, 1), "2026-01-30"),
        ({"months_ago": 6}, date(2026, 8, 31), "2026-02-28"),  # a calendar's month end, not 182 days
        ({"years_ago": 1}, date(2028, 2, 29), "2027-02-28"),
        ({"month_start": 3}, date(2026, 11, 26), "2026-03-01"),
        ({"month_start": 12}, date(2026, 11, 26), "2025-12-01"),  # "since December" is last year's
        ([{"days_ago": 1}, "2020-01-01"], date(2026, 1, 1), ["2025-12-31", "2020-01-01"]),
        (700, date(2026, 1, 1), 700),
    ],
)
def test_relative_dates_resolve_against_today(value, today, expected):
    assert resolve(value, today=today) == expected


@pytest.mark.parametrize(
    "value", [{"weeks_ago": 2}, {"days_ago": -1}, {"days_ago": "3"}, {"month_start": 13}]
)
def test_a_bad_relative_date_is_an_invalid_rule(value):
    with pytest.raises(InvalidRule):
        rule_q({"field": "last_contact_date", "op": "lt", "value": value})
