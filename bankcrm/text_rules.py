"""What free text a person may type into a name, note, question or reason.

Control characters (C0 but tab/newline/CR where text may span lines, DEL, C1) and bidi
overrides/isolates are refused: they hide or reorder what a reader sees (a list name that shows
as "pg8" but sorts and exports as something else). Names must hold a visible character, and two
names are the same name when they read the same (``name_key``). These are Django validators, so
DRF serializer fields and form fields use the same ones.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

_MULTI_LINE_OK = "\t\n\r"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _check(value: str, *, multi_line: bool) -> None:
    controls = {c for c in _CONTROL.findall(value) if not (multi_line and c in _MULTI_LINE_OK)}
    if controls:
        raise ValidationError("Holds a control character; type plain text.", code="control_character")
    if _BIDI.search(value):
        raise ValidationError("Holds a text-direction override; type plain text.", code="bidi_override")


def single_line_text(value: str) -> None:
    """A question, a name, a short reason: no control characters at all."""
    _check(value, multi_line=False)


def multi_line_text(value: str) -> None:
    """A note: tab and line breaks are fine, other control characters are not."""
    _check(value, multi_line=True)


def name_key(name: str) -> str:
    """The name as a reader sees it: NFKC, invisible (format) characters and outer spaces
    removed, case folded. Two names with the same key are the same name."""
    visible = "".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf")
    return " ".join(visible.split()).casefold()


def visible_name(value: str) -> None:
    """A name: one line, and something left once the invisible characters are gone."""
    single_line_text(value)
    if not name_key(value):
        raise ValidationError("Give a name someone can read.", code="invisible_name")


def has_words(value: str) -> bool:
    """Whether ``value`` holds a letter or digit: a question of only punctuation, symbols or
    invisible characters asks nothing a search (or an evaluation) can read."""
    return any(c.isalnum() for c in unicodedata.normalize("NFKC", value))


def question_text(value: str) -> None:
    """A search question: one line of plain text that holds at least one word."""
    single_line_text(value)
    if not has_words(value):
        raise ValidationError("This question holds no word to search for.", code="no_words")
