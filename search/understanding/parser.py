"""``parse_query``: the readers of ``registry.READERS`` in order, then the merge rules."""

import re
from dataclasses import dataclass, field, replace
from datetime import date

from search.conditions import Condition
from search.understanding.lexicon.words import FILLER
from search.understanding.merge import merge, merged
from search.understanding.negation import NEGATED_OP
from search.understanding.registry import EXCLUSION_AWARE, READERS
from search.understanding.shorthand import write_out
from search.understanding.work import Work

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class ParsedQuery:
    """What a question says: conditions every result meets, signals that rank, and the rest.

    ``text`` is the words no condition used (filler left out), to rank by keywords.
    ``leftover`` is the same words as the runs of the question they stand in ("plays it safe"),
    for matching by meaning; ``leftover_spans`` are where they are in ``query``. ``notes`` and
    ``by_meaning_alone`` are set by the search (``search.selectors.interpret``), not the parser:
    the question read as nothing, so it is ranked by meaning alone.
    """

    query: str
    conditions: tuple[Condition, ...] = ()
    signals: tuple[Condition, ...] = ()
    text: str = ""
    ranking_text: str = ""
    ignored: tuple[str, ...] = field(default=())
    leftover: tuple[str, ...] = ()
    leftover_spans: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()
    by_meaning_alone: bool = False

    def as_dict(self) -> dict:
        return {
            "filters": [c.as_dict() for c in self.conditions + self.signals],
            "text": self.text,
            "ignored": list(self.ignored),
            "notes": list(self.notes),
            "by_meaning_alone": self.by_meaning_alone,
        }


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _remaining_text(original: str, spans: list[tuple[int, int]]) -> str:
    words = _WORD.findall(_blank(original, spans))
    return " ".join(w for w in words if w.lower() not in FILLER)


def _leftover(original: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of unused words, cut where a reader used words and trimmed of filler at both ends."""
    runs: list[list[re.Match]] = [[]]
    blanked = _blank(original, spans)
    last_end = 0
    for match in _WORD.finditer(blanked):
        between = blanked[last_end : match.start()]
        if runs[-1] and (any(original[i] != blanked[i] for i in range(last_end, match.start())) or ","
                         in between or "." in between or ";" in between):  # fmt: skip
            runs.append([])
        runs[-1].append(match)
        last_end = match.end()
    found = []
    for run in runs:
        while run and run[0][0].lower() in FILLER:
            run.pop(0)
        while run and run[-1][0].lower() in FILLER:
            run.pop()
        if run:
            found.append((run[0].start(), run[-1].end()))
    return found


def _read(work: Work, name: str, reader) -> None:
    """Run one reader; one that cannot read an exclusion as its opposite loses what it read inside
    one ("except those over 65" is not read as over 65)."""
    conditions, signals = len(work.conditions), len(work.signals)
    hard, soft = len(work.hard_spans), len(work.soft_spans)
    reader(work)
    used = work.hard_spans[hard:] + work.soft_spans[soft:]
    if name in EXCLUSION_AWARE or not any(work.excluded(s) for s, _ in used):
        return
    dropped = work.conditions[conditions:]
    del work.conditions[conditions:]
    del work.signals[signals:]
    if len(dropped) == 1 and dropped[0].op in NEGATED_OP:  # "anyone but those over 65": 65 or under
        (condition,) = dropped
        work.conditions.append(
            replace(condition, op=NEGATED_OP[condition.op], label=f"not {condition.label}", vague=False)
        )
        return
    for condition in dropped:
        work.ignored.append(
            f"“{condition.label}” is ignored: it is negated (said as an exclusion) and is no one bound, "
            "so it is not searched."
        )


def parse_query(query: str, *, today: date | None = None) -> ParsedQuery:
    """Read the hard conditions, soft signals and remaining text out of an RM's question.

    Shorthand is written out first ("w/" -> "with"); ``query`` and every span are of that text."""
    query = write_out(query)
    work = Work(query, today or date.today())
    for name, reader in READERS:
        _read(work, name, reader)
    conditions = merged(work.conditions, work.ignored)
    used = work.hard_spans + work.protected_spans
    leftover_spans = _leftover(query, used + work.soft_spans)
    return ParsedQuery(
        query=query,
        conditions=tuple(conditions),
        signals=tuple(merge(work.signals)),
        text=_remaining_text(query, used),
        ranking_text=" ".join(_blank(query, work.protected_spans).split()),
        ignored=tuple(work.ignored),
        leftover=tuple(query[s:e] for s, e in leftover_spans),
        leftover_spans=tuple(leftover_spans),
    )
