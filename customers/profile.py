"""The profile text: what the embedding model reads about a customer.

It holds only stable facts (birth year, not age) so that the text, and so the embedding, changes
when the customer changes and not when the calendar does. No protected attribute ever enters it.
"""

from collections.abc import Iterator
from datetime import date

from customers.choices import EmploymentStatus, Interest, RiskTolerance, Segment

# Raise when ``build_profile_text`` changes what it writes: vectors of different recipes differ,
# and each registered encoder version records the recipe it was evaluated with.
PROFILE_TEXT_VERSION = 1

# Amounts, scores and places are left out on purpose: the search filters those exactly, while
# the embedding is for meaning (goals, life stage, what the RM wrote), and a short text is fast.


def _labels(choices, codes) -> str:
    return ", ".join(choices(code).label.lower() for code in codes)


def build_profile_text(customer, *, with_pii: bool = True) -> str:
    """Compose the embedded text from a customer's fields and the RM's notes.

    ``with_pii=False`` is the text as shown to those who may not see PII: without the birth year,
    which the embedding reads for life stage but which gives away part of the date of birth.
    """
    occupation = customer.occupation or "No occupation given"
    status = EmploymentStatus(customer.employment_status).label.lower()
    segment = Segment(customer.segment_code()).label.lower()
    risk = RiskTolerance(customer.risk_tolerance).label.lower()
    born = f", born {customer.date_of_birth.year}" if with_pii else ""
    text = f"{occupation} ({status}){born}, {segment} client, {risk} risk"
    if customer.dependents:
        text += f", {customer.dependents} dependent{'s' if customer.dependents != 1 else ''}"
    text += "."
    if customer.interests:
        text += f" Interests: {_labels(Interest, customer.interests)}."
    notes = " ".join(customer.notes.split())
    if notes:
        text += f" {notes}"
    return text


def profile_text_hash(text: str) -> str:
    """The text's hash as the vector slots record it (``embedding_state.text_hash``)."""
    from customers.embedding_state import text_hash

    return text_hash(text)


def generated_profile_texts(count: int, *, seed: int, as_of: date | None = None) -> Iterator[str]:
    """The profile texts of the generator's first ``count`` customers, without a database:
    real texts for encoder benchmarks."""
    from customers.generator import generate_customers
    from customers.models import Customer

    for row in generate_customers(count, seed=seed, as_of=as_of):
        yield build_profile_text(Customer(**row))
