"""A question's reading in the shape the understanding tests compare: a set of (field, op, value)."""

from datetime import date

from search.understanding import parse_query

TODAY = date(2026, 11, 24)


def read(query: str, *, today: date = TODAY) -> set[tuple]:
    parsed = parse_query(query, today=today)
    return {
        (c.field, str(c.op), tuple(sorted(c.value)) if isinstance(c.value, list) else c.value)
        for c in parsed.conditions
    }
