"""The lexicon: how relationship managers say each code, as data.

Each module lists, next to the code enums of ``customers.choices``, the phrases (regular
expression fragments, one a line) that name a code. A new phrase for an existing code is one
line here; the readers in ``search.understanding.readers`` never change for it. Within a list,
earlier phrases are tried first, so a longer phrase goes before a shorter one it contains.
"""

from collections.abc import Iterable


def alternation(phrases: Iterable[str]) -> str:
    """The phrases as one regular-expression alternation, in their order."""
    return "|".join(phrases)


def longest_first(*words: str) -> str:
    return "|".join(sorted(words, key=len, reverse=True))
