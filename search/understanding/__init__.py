"""Query understanding: a relationship manager's question as hard conditions plus text to rank on.

``parse_query("retirees in Florida with over $1M who might want estate planning")`` gives the
conditions every result must meet (retired, state FL, investable assets > 1,000,000), the soft
signals that rank what remains (interest in estate planning), the leftover text and the words no
reader used.

It is deterministic, needs no network and takes about a millisecond. The package is laid out as
the work is done:

- ``lexicon/``: how RMs say each code, as data (a new phrase is one line);
- ``numbers``: numbers, comparisons and ranges, and which field a number speaks of;
- ``readers/``: one reader per concept; ``registry.READERS`` runs them in a pinned order over a
  working copy of the question (``work.Work``) in which each masks the words it used;
- ``merge``: what the conditions become together;
- ``labels``: conditions in an RM's words; vague words take their meaning from
  ``search.vocabulary``.

Protected attributes (marital status, sex, religion, ...) are never turned into conditions and
are left out of the ranking text.
"""

from search.conditions import Condition
from search.understanding.parser import ParsedQuery, parse_query

__all__ = ["Condition", "ParsedQuery", "parse_query"]
