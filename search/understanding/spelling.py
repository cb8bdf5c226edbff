"""Misspelt words put right before the question is read ("retirment" -> "retirement").

A word is corrected only when it is not an English word (not one whole token of the sentence
encoder's vocabulary) and is one edit (insert, delete, substitute, swap of neighbours) from
exactly one word of the parser's own vocabulary: the words of five letters or more in the
lexicon's phrases and labels. Numbers, words under five letters and capitalised names inside a
sentence (cities, surnames) are left alone, and so is a word whose first letter would change
("padding" is no slip of "adding") or that is the start of the word it is near ("disable"). The vocabulary is indexed once by its one-letter
deletions (symmetric delete), so a question costs a few dictionary look-ups a word.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from types import ModuleType

from customers.choices import EmploymentStatus, Interest, PreferredChannel, Product, RiskTolerance, Segment
from search.understanding import labels
from search.understanding.lexicon import contact, interests, places, products, profile, shorthand, time, words
from search.understanding.lexicon.words import REAL_WORDS

_MIN_LENGTH = 5
_LEXICON: tuple[ModuleType, ...] = (
    contact,
    interests,
    places,
    products,
    profile,
    shorthand,
    time,
    words,
    labels,
)
# A run of letters in a phrase; one right before "(" or "[" is a stem ("retir(?:ed|ing)"), not a word.
_PHRASE_WORD = re.compile(r"(?<![\\\]\)a-z])([a-z]+)(\?)?(?![a-z(\[{\\])")
# A stem and its endings: "retir(?:ed|ees?)" names "retired", "retiree" and "retirees".
_STEM_ENDINGS = re.compile(r"(?<![\\a-z])([a-z]+)\(\?:([a-z?|]+)\)(\?)?(?![a-z(\[{\\])")
_QUESTION_WORD = re.compile(r"(?<![\w'])[A-Za-z]+(?:'[A-Za-z]+)?(?![\w])")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def _strings(value: object, seen: set[int]) -> Iterator[str]:
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, seen)
            yield from _strings(item, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item, seen)
    elif hasattr(value, "label") and isinstance(value.label, str):  # a code of ``customers.choices``
        yield value.label


def _phrase_words(phrase: str) -> Iterator[str]:
    phrase = phrase.lower()
    joined = re.sub(r"(?<=[a-z])(?:\[- \]|\[ -\]|-)(?=[a-z])", "", phrase)  # "walk[- ]ins?" is "walkins" too
    for match in _PHRASE_WORD.finditer(phrase + " " + joined):
        word = match[1]
        yield word
        if match[2]:  # "mortgages?" names "mortgage" as well
            yield word[:-1]
    for match in _STEM_ENDINGS.finditer(phrase):
        if match[3]:
            yield match[1]
        for ending in match[2].split("|"):
            yield match[1] + ending.replace("?", "")
            if ending.endswith("?"):
                yield match[1] + ending[:-2]


@cache
def vocabulary() -> frozenset[str]:
    """The parser's own words of five letters or more, from the lexicon data and the codes' labels."""
    found: set[str] = set()
    seen: set[int] = set()
    for module in _LEXICON:
        for name, value in vars(module).items():
            if not name.startswith("__") and value is not REAL_WORDS:
                for text in _strings(value, seen):
                    found.update(w for w in _phrase_words(text) if len(w) >= _MIN_LENGTH)
    for choices in (EmploymentStatus, RiskTolerance, Segment, PreferredChannel, Product, Interest):
        for label in choices.labels:
            found.update(w for w in _phrase_words(str(label)) if len(w) >= _MIN_LENGTH)
    return frozenset(found)


@cache
def _english() -> frozenset[str] | None:
    """The encoder's whole-word tokens; None where the model package is missing (then every word
    counts as English, and nothing is corrected)."""
    from customers.encoder_model import model_path

    try:
        with open(model_path() / "vocab.txt", encoding="utf-8") as lines:
            return frozenset(line.strip() for line in lines if line.strip().isalpha())
    except (ImportError, OSError):
        return None


def _deletions(word: str) -> Iterable[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


@cache
def _index() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = defaultdict(set)
    for word in vocabulary():
        index[word].add(word)
        for shorter in _deletions(word):
            index[shorter].add(word)
    return {key: tuple(sorted(words)) for key, words in index.items()}


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter inserted, deleted or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        return a[start + 1 :] == b[start + 1 :] or (
            a[start + 2 :] == b[start + 2 :] and a[start : start + 2] == b[start : start + 2][::-1]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter[start:] == longer[start + 1 :]


# Endings that make a new word of an English one ("charitably" of "charitable", "savers" of "saver").
_ENDINGS = (
    ("ably", "able"), ("ibly", "ible"), ("ies", "y"), ("ied", "y"), ("ily", "y"), ("ing", ""), ("ing", "e"),
    ("ers", ""), ("ers", "e"), ("er", ""), ("er", "e"), ("es", ""), ("ed", ""), ("ed", "e"), ("ly", ""), ("s", ""),
)  # fmt: skip


def _english_form(word: str) -> bool:
    """Whether ``word`` is an English word or an ending added to one: a real word, never a slip."""
    english = _english()
    if english is None:
        return True
    return (
        word in english
        or word in REAL_WORDS
        or any(
            word.endswith(end) and word[: -len(end)] + stem in english
            for end, stem in _ENDINGS
            if len(word) > len(end) + 2
        )
    )


def correction(word: str) -> str | None:
    """The one parser word ``word`` (lower case) is a slip of, or None."""
    if len(word) < _MIN_LENGTH or word in vocabulary() or _english_form(word):
        return None
    index = _index()
    candidates = set(index.get(word, ()))
    for shorter in _deletions(word):
        candidates.update(index.get(shorter, ()))
    near = [c for c in candidates if _one_edit(word, c)]
    if len(near) != 1 or near[0][0] != word[0] or near[0].startswith(word):
        return None  # a slip keeps its first letter; a word that begins a longer one is a stem ("disable")
    return near[0]


def correct(question: str) -> str:
    """The question with its misspelt words put right: "morgage holders" -> "mortgage holders"."""
    pieces: list[str] = []
    last = 0
    for match in _QUESTION_WORD.finditer(question):
        word = match[0]
        first_in_sentence = not question[: match.start()].strip() or _SENTENCE_END.search(
            question[: match.start()]
        )
        if "'" in word or (word[0].isupper() and not first_in_sentence) or (word.isupper() and len(word) > 1):
            continue
        fixed = correction(word.lower())
        if fixed:
            pieces += [question[last : match.start()], fixed.capitalize() if word[0].isupper() else fixed]
            last = match.end()
    return "".join(pieces) + question[last:] if pieces else question
