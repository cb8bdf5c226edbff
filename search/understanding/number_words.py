"""Numbers said in words, rewritten as digits before any reader runs.

Each is padded on the left with zeros to the length of its words, so that every span stays true to
the question ("a quarter million" -> "00000000000250000"). Compound numbers ("seventy-five",
"two hundred fifty") and tens ("over seventy") are always numbers; a lone small word ("one",
"two") only where a count or a unit follows it, since "one of our clients" counts nothing.
"""

import re

NUMBER_WORDS = {
    "zero": 0, "no": 0, "one": 1, "a single": 1, "two": 2, "a couple of": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_UNIT = "|".join(_UNITS)
_BELOW_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_UNIT}))?|{'|'.join(_TEENS)}|{_UNIT})"
# "a hundred and fifty", "two hundred fifty", "seventy-five", "sixty five", "eighteen"; not the
# "forty" of "forty-somethings", which the decades reader reads, nor a year said in words.
_COMPOUND_RE = re.compile(
    rf"\b(?:(?:a|{_UNIT})[- ]hundred(?:(?:[- ]and)?[- ]{_BELOW_100})?"
    rf"|(?:{'|'.join(_TENS)})(?:[- ](?:{_UNIT}))?(?![- ]?somethings?)|(?:{'|'.join(_TEENS)}))\b"
    r"(?![- ](?:(?:twen|thir|for|fif|six|seven|eigh|nine)t(?:y|ies)|(?:thir|four|fif|six|seven|eigh|nine)teen"
    r"|ten|eleven|twelve|oh|hundreds)\b)"  # a year said in words: "nineteen eighties"
)
_COUNTED_NEXT = (
    r"(?=(?:\s+|-)(?:or|and|\+|plus|kids?|child|children|dependents?|years?|sons?|daughters?|months?|weeks?|"
    r"days?|grand|thousand|million)\b)"
)
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(w for w in NUMBER_WORDS if w != "no") + r")\b" + _COUNTED_NEXT)
# "a mother of two", "parents of three or more": the count of children follows "of".
_PARENT_OF_RE = re.compile(
    r"\b(?P<lead>(?:parents?|moms?|mothers?|dads?|fathers?) of )(?P<n>"
    + "|".join(w for w in NUMBER_WORDS if w not in ("no", "zero"))
    + r")\b"
)
# "six figures" is an amount of at least 100,000 ("making six figures", "a seven-figure portfolio").
_FIGURES = {"five": 10_000, "5": 10_000, "six": 100_000, "6": 100_000, "seven": 1_000_000, "7": 1_000_000,
            "eight": 10_000_000, "8": 10_000_000}  # fmt: skip
_FIGURES_RE = re.compile(
    r"\b(?:(?P<part>low|lower|mid|middle|high|upper)[- ])?(?P<n>five|six|seven|eight|[5-8])[- ]figures?\b"
)
# "mid six figures" is at least 400,000; "high six figures" at least 700,000.
_FIGURES_PART = {None: 1, "low": 1, "lower": 1, "mid": 4, "middle": 4, "high": 7, "upper": 7}
# Birthdays in words: "fiftieth", "sixty-fifth", "eighteenth" (written "50th", padded).
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90}  # fmt: skip
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9}  # fmt: skip
ORDINAL_WORDS = _ORDINAL_TENS | {"eighteenth": 18, "sixteenth": 16, "twenty-first": 21}
ORDINAL_WORDS |= {
    f"{t}{sep}{u}": _TENS[t] + n for t in _TENS for u, n in _ORDINAL_UNITS.items() for sep in "- "
}
_ORDINAL_RE = re.compile(
    r"\b(" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r")(?=\s+birthday\b)"
)
AMOUNT_WORDS = {
    "half a million": 500_000, "a half million": 500_000, "half a mil": 500_000, "half million": 500_000,
    "a quarter of a million": 250_000, "quarter of a million": 250_000, "a quarter million": 250_000,
    "quarter million": 250_000, "quarter mil": 250_000, "three quarters of a million": 750_000,
    "a million": 1_000_000, "one million": 1_000_000, "a million and a half": 1_500_000,
    "one and a half million": 1_500_000, "a couple of million": 2_000_000, "a couple million": 2_000_000,
    "two million": 2_000_000, "three million": 3_000_000, "five million": 5_000_000,
}  # fmt: skip
# Words may be joined by hyphens ("a quarter-million"); longest first, so "a million and a half"
# is not read as "a million".
_AMOUNT_WORDS_RE = re.compile(
    r"\b(" + "|".join(w.replace(" ", "[- ]") for w in sorted(AMOUNT_WORDS, key=len, reverse=True)) + r")\b"
)


def normalise(lowered: str) -> str:
    """Number and amount words as digits, each padded to its words' length."""
    text = _ORDINAL_RE.sub(lambda m: str(ORDINAL_WORDS[m[1]]).rjust(len(m[1]) - 2, "0") + "th", lowered)
    text = _COMPOUND_RE.sub(lambda m: _padded(compound_value(m[0]), m[0]), text)
    text = _AMOUNT_WORDS_RE.sub(lambda m: _padded(AMOUNT_WORDS[m[1].replace("-", " ")], m[1]), text)
    text = _FIGURES_RE.sub(lambda m: _padded(_FIGURES[m["n"]] * _FIGURES_PART[m["part"]], m[0]), text)
    text = _NUMBER_WORD_RE.sub(lambda m: _padded(NUMBER_WORDS[m[1]], m[1]), text)
    return _PARENT_OF_RE.sub(lambda m: m["lead"] + _padded(NUMBER_WORDS[m["n"]], m["n"]), text)


def compound_value(words: str) -> int:
    """The value of "a hundred and fifty", "seventy-five", "eighteen"."""
    total = 0
    for word in re.split(r"[- ]+", words):
        if word == "hundred":
            total = max(total, 1) * 100
        else:
            total += _UNITS.get(word, 0) + _TEENS.get(word, 0) + _TENS.get(word, 0)
    return total


def _padded(value: int, words: str) -> str:
    return str(value).rjust(len(words), "0")
