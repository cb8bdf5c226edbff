"""The readers, in the order they run. Order matters: each reader masks the words it used, so a
more specific reader must come before a more general one that could read the same words
("born in the 60s" before "in their 60s"; "first-time buyers" before products; products before
interests, so that "might want wealth management" is a product not held, not only an interest;
interest phrases holding a profile word before the profile readers, so that "protect their
family" is insurance).
``tests/search/test_understanding.py`` pins this order. ``exclusions`` comes first: it marks the
clauses after "except", "not counting"... that the readers of ``EXCLUSION_AWARE`` read as opposites;
what another reader reads there is dropped (``parser``), never kept as the positive."""

from collections.abc import Callable

from search.understanding.readers.contact import read_contact
from search.understanding.readers.dates import read_births, read_generations, read_tenure_dates
from search.understanding.readers.decades import read_decades
from search.understanding.readers.exclusions import read_exclusions
from search.understanding.readers.household import read_no_children
from search.understanding.readers.interests import read_contested_interests, read_interests
from search.understanding.readers.names import read_names
from search.understanding.readers.numbers import read_age_groups, read_numbers
from search.understanding.readers.places import read_cities, read_occupations, read_places
from search.understanding.readers.products import read_first_time_buyers, read_only_products, read_products
from search.understanding.readers.profile import (
    read_channel,
    read_credit_words,
    read_employment,
    read_risk,
    read_segment,
    read_vague_words,
)
from search.understanding.readers.protected import read_protected
from search.understanding.work import Work

READERS: tuple[tuple[str, Callable[[Work], None]], ...] = (
    ("protected", read_protected),
    ("names", read_names),
    ("exclusions", read_exclusions),
    ("tenure_dates", read_tenure_dates),
    ("contact", read_contact),
    ("births", read_births),
    ("generations", read_generations),
    ("age_groups", read_age_groups),
    ("decades", read_decades),
    ("numbers", read_numbers),
    ("first_time_buyers", read_first_time_buyers),
    ("no_children", read_no_children),
    ("only_products", read_only_products),
    ("products", read_products),
    ("contested_interests", read_contested_interests),
    ("credit_words", read_credit_words),
    ("vague_words", read_vague_words),
    ("employment", read_employment),
    ("segment", read_segment),
    ("risk", read_risk),
    ("channel", read_channel),
    ("places", read_places),
    ("occupations", read_occupations),
    ("interests", read_interests),
    ("cities", read_cities),
)
# The readers that read what an exclusion clause holds as its opposite.
EXCLUSION_AWARE = frozenset(
    {"exclusions", "only_products", "products", "employment", "segment", "risk", "channel", "places", "interests",
     "contested_interests"}
)  # fmt: skip
