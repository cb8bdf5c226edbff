"""Ages said as decades or age nouns: "in their 30s", "late 20s or early 30s", "forty-somethings",
"octogenarians"."""

import re

from search.understanding.labels import numeric_condition
from search.understanding.lexicon import longest_first
from search.understanding.lexicon.time import AGE_NOUNS
from search.understanding.readers.dates import PART
from search.understanding.work import Work

_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80}  # fmt: skip
_DECADE_RE = re.compile(
    r"\b(?:in (?:their|his|her) |aged? (?:in (?:their|the) )?)?(?:(?P<from>early|mid|late)[- ](?:to|or)[- ])?"
    r"(?P<part>early|mid|late)?[- ]?"
    r"(?P<decade>[2-9]0)['’]?s\b(?P<more>(?:\s*(?:or|and|to|-)\s*(?:early |mid |late )?(?:[2-9]0)['’]?s)*)"
    r"|\b(?:in (?:their|his|her) )(?P<part2>early|mid|late)?[- ]?(?P<word>"
    + longest_first(*_DECADE_WORDS)
    + r")\b"
    r"|\b(?P<some>twenty|thirty|forty|fifty|sixty|seventy|[2-7]0)['’]?[- ]?somethings?\b"
    r"|\b(?:in (?:their|his|her) |aged? (?:in (?:their|the) )?)(?P<part3>early|mid|late)?[- ]?(?P<big>[1-9]\d+0)['’]?s\b"
)
_OPEN_END = re.compile(
    r"\s*,?\s+(?:or|and)\s+(?P<side>older|up|above|over|beyond|higher|more|younger|under|below|less)\b(?!\s+(?:than\s+)?\d)"
)
_SOMETHING = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_AGE_NOUN_RES = [(re.compile(rf"\b(?:{p})\b"), lo, hi) for p, lo, hi in AGE_NOUNS]


def read_decades(work: Work) -> None:
    """ "in their 30s", "late 20s or early 30s", "forty-somethings", "octogenarians"."""
    for pattern, lo, hi in _AGE_NOUN_RES:
        for match in work.finditer(pattern):
            if work.negated_band(match):
                continue
            work.use(*match.span())
            work.conditions.append(numeric_condition("age", "between", [lo, hi], label=f"aged {lo} to {hi}"))
    for match in work.finditer(_DECADE_RE):
        if work.negated_band(match):
            continue
        if match["some"]:
            lo = int(match["some"]) if match["some"].isdigit() else _SOMETHING[match["some"]]
            found = [lo, lo + 9]
        elif match["big"]:
            part = PART[match["part3"]]
            found = [int(match["big"]) + part[0], int(match["big"]) + part[1]]
            if work.out_of_bounds("age", found, *match.span()):
                continue
        elif match["word"]:
            decade = _DECADE_WORDS[match["word"]]
            part = PART[match["part2"]]
            found = [decade + part[0], decade + part[1]]
        else:
            decade = int(match["decade"])
            part = PART[match["part"]]
            lo, hi = decade + PART[match["from"] or match["part"]][0], decade + part[1]
            for extra in re.finditer(r"(?:(early|mid|late) )?([2-9]0)['’]?s", match["more"] or ""):
                other = int(extra[2])
                hi = max(hi, other + PART[extra[1]][1])
                lo = min(lo, other + PART[extra[1]][0])
            found = [lo, hi]
        tail = _OPEN_END.match(work.text, match.end())
        work.use(match.start(), tail.end() if tail else match.end())
        if tail:  # "in their 60s or older": from the decade up; "30s or younger": to its end
            older = tail["side"] in ("older", "up", "above", "over", "beyond", "higher", "more")
            work.conditions.append(
                numeric_condition("age", "gte" if older else "lte", found[0] if older else found[1])
            )
            continue
        work.conditions.append(
            numeric_condition("age", "between", found, label=f"aged {found[0]} to {found[1]}")
        )
