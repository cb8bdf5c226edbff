"""Numbers, comparisons and ranges, and which field a number speaks of.

"over 750", "$200k", "250k a year", "between 620 and 700", "three or more kids": amounts in words
are rewritten in place first (padded to the same length, so spans stay true), then a number is
read with the comparison before or after it and given to the field named next to it.
"""

import re

NUMBER_WORDS = {
    "zero": 0, "no": 0, "one": 1, "a single": 1, "two": 2, "a couple of": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "ninety": 90,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# Ages and tenures in words: "thirteen" to "nineteen", "seventy", "sixty-five", "sixty five".
NUMBER_WORDS |= {
    "thirteen": 13,
    "fourteen": 14,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
NUMBER_WORDS |= _TENS | {f"{t}{sep}{u}": _TENS[t] + _UNITS[u] for t in _TENS for u in _UNITS for sep in "- "}
_NUMBER_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if w != "no"), key=len, reverse=True))
_NUMBER_WORD_RE = re.compile(
    r"\b(" + _NUMBER_WORDS + r")\b(?=\s+(?:or|and|\+|plus|kids|child|"
    r"children|dependents?|years?|sons?|daughters?|months?|weeks?|days?|grand|thousand|million)\b)"
)
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
# ...and an age (13 or more) after a word that an age or a comparison is said with: "turned
# sixty-five", "over-seventy" ("north of three quarters of a million" is an amount).
_AFTER_AGE_WORD_RE = re.compile(
    r"\b((?:over|under|above|below|past|turned|turning|turns|turn|hit|hits|hitting|reached|reach|reaches|reaching|be|aged?|ages|than|of|at least)[- ])"
    r"("
    + "|".join(sorted((w for w, n in NUMBER_WORDS.items() if n >= 13), key=len, reverse=True))
    + r")\b(?!-)"
)
AMOUNT_WORDS = {
    "half a million": 500_000, "a half million": 500_000, "half a mil": 500_000, "half million": 500_000,
    "a quarter of a million": 250_000, "quarter of a million": 250_000, "a quarter million": 250_000,
    "quarter million": 250_000, "quarter mil": 250_000, "three quarters of a million": 750_000,
    "a million": 1_000_000, "one million": 1_000_000, "a million and a half": 1_500_000,
    "one and a half million": 1_500_000, "a couple of million": 2_000_000, "a couple million": 2_000_000,
    "two million": 2_000_000, "three million": 3_000_000, "five million": 5_000_000,
    "ten million": 10_000_000, "a hundred thousand": 100_000, "one hundred thousand": 100_000,
    "two hundred thousand": 200_000, "five hundred thousand": 500_000, "a hundred grand": 100_000,
    "fifty grand": 50_000,
}  # fmt: skip
# Words may be joined by hyphens ("a quarter-million"); longest first, so "a million and a half"
# is not read as "a million".
_AMOUNT_WORDS_RE = re.compile(
    r"\b(" + "|".join(w.replace(" ", "[- ]") for w in sorted(AMOUNT_WORDS, key=len, reverse=True)) + r")\b"
)
_MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000, "grand": 1_000, "m": 1_000_000, "mm": 1_000_000, "mil": 1_000_000,
    "million": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000,
}  # fmt: skip


def normalise(lowered: str) -> str:
    """Number and amount words as digits, each padded to its word's length."""
    text = _NUMBER_WORD_RE.sub(lambda m: str(NUMBER_WORDS[m[1]]).rjust(len(m[1]), "0"), lowered)
    text = _ORDINAL_RE.sub(lambda m: str(ORDINAL_WORDS[m[1]]).rjust(len(m[1]) - 2, "0") + "th", text)
    text = _AFTER_AGE_WORD_RE.sub(lambda m: m[1] + str(NUMBER_WORDS[m[2]]).rjust(len(m[2]), "0"), text)
    return _AMOUNT_WORDS_RE.sub(_amount_digits, text)


def _amount_digits(match: re.Match) -> str:
    """An amount in words as its digits, zero-padded on the left to the words' length, so that the
    number read spans all of the words ("a quarter million" -> "00000000000250000")."""
    return str(AMOUNT_WORDS[match[1].replace("-", " ")]).rjust(len(match[1]), "0")


# A minus sign is read ("-5 kids", "$-100k", "over -50"), so that a negative number is reported,
# not taken as positive; a hyphen after a word or number ("620-700", "covid-19") is no sign.
NUM = (
    r"(?:(?<![\w.])[-−](?=\$?\d))?(?:\$\s?)?(?:(?<=\$)[-−](?=\d))?"
    r"(?<!\d)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?"
    r"(?:\s?(?:k|mm|mn|m|b|bn|thousand|grand|million|mil|billion)\b)?"
)  # (?<!\d): a number starts where its digits start, so a long run of digits is read in linear time
_NUM_PARTS = re.compile(
    r"(?P<sign>[-−])?(?P<dollar>\$)?\s?(?P<sign2>[-−])?(?P<digits>[\d,]+(?:\.\d+)?(?:e[+-]?\d+)?)\s?(?P<mult>[a-z]+)?",
    re.IGNORECASE,
)


def parse_number(text: str) -> tuple[float, bool]:
    """The value of "$1.5M", "200,000" or "250k", and whether it was written as money."""
    match = _NUM_PARTS.search(text)
    value = float(match["digits"].replace(",", ""))
    mult = (match["mult"] or "").lower()
    value *= _MULTIPLIERS.get(mult, 1)
    if match["sign"] or match["sign2"]:
        value = -value
    return value, bool(match["dollar"] or mult in _MULTIPLIERS)


GT = (
    "over",
    "above",
    "more than",
    "greater than",
    "higher than",
    "in excess of",
    "exceeding",
    "exceeds",
    "north of",
    "upwards of",
    "better than",
    "beyond",
    "older than",
    "tops",
    "topping",
    "clears",
    "clearing",
    "surpasses",
    "surpassing",
    ">",
)  # fmt: skip
GTE = (
    "at least",
    "no younger than",
    "not younger than",
    "no less than",
    "not less than",
    "minimum of",
    "a minimum of",
    "min",
    ">=",
    "≥",
)  # fmt: skip
LT = (
    "under",
    "below",
    "less than",
    "lower than",
    "fewer than",
    "south of",
    "beneath",
    "younger than",
    "worse than",
    "shy of",
    "just shy of",
    "short of",
    "just short of",
    "sub",
    "<",
)  # fmt: skip
LTE = (
    "at most",
    "no older than",
    "not older than",
    "no more than",
    "not more than",
    "up to",
    "maximum of",
    "a maximum of",
    "max",
    "<=",
    "≤",
)  # fmt: skip
GT, GTE, LT, LTE = ("|".join(words) for words in (GT, GTE, LT, LTE))
# "or more" ends a comparison only when no number follows: "over 700 and under 600" is two.
_NO_NUMBER_NEXT = r"(?!\s*(?:than\s+)?[-−$\d])"
POST_GTE = (
    r"\+|\s*(?:or|and)\s+(?:more|above|over|higher|older|up|greater|better|plus)\b"
    rf"{_NO_NUMBER_NEXT}|\s*plus\b{_NO_NUMBER_NEXT}"
)
POST_LTE = rf"\s*(?:or|and)\s+(?:less|fewer|under|below|younger|lower)\b{_NO_NUMBER_NEXT}"

RANGE_RE = re.compile(
    rf"(?:\b(?:(?P<between>between|from)(?:\s+the\s+ages\s+of)?|(?P<aged>ages?d?|aged))\s+)?(?P<lo>{NUM})\s*(?P<sep>-|–|to|and)\s*(?P<hi>{NUM})(?!\s*(?:%|percent))"
)
COMPARE_RE = re.compile(
    rf"(?:(?P<cmp>\b(?:{GT}|{GTE}|{LT}|{LTE})\b|[<>]=?|[≥≤])(?:\s*|-)(?P<num>{NUM})(?P<post>{POST_GTE}|{POST_LTE})?)"
    rf"|(?:(?:\b|(?<![\w.])(?=[-−]))(?P<num2>{NUM})(?P<unit2>\s*(?:years?|yrs?)(?:[- ]old|\s+of\s+age)?)?(?P<post2>{POST_GTE}|{POST_LTE}))"
)
BARE_RE = re.compile(rf"(?<![\w.,$])(?P<num>{NUM})(?!\w|,\d)")


def comparison_op(cmp: str, post: str) -> str:
    """The operator a comparison word before a number, or words after it, say."""
    if post:
        return "gte" if re.fullmatch(POST_GTE, post) else "lte"
    if re.fullmatch(GT, cmp):
        return "gt"
    if re.fullmatch(GTE, cmp):
        return "gte"
    if re.fullmatch(LT, cmp):
        return "lt"
    return "lte"


# A field named right after the number ("20 years with us", "$200k in assets")...
_FIELD_AFTER = [
    ("age", r"-?(?:years?|yrs?)[- ]?(?:olds?|of age)\b|y/?o\b"),
    (
        "tenure_years",
        r"(?:years?|yrs?)\s+(?:with(?: us| the bank| this bank)?|at(?: the bank)?|as(?: (?:a )?(?:customers?|clients?))?|banking|of (?:banking|relationship|tenure|membership|loyalty)|in the bank|"
        r"customer|client|tenure|relationship|membership|of history)",
    ),
    ("dependents", r"(?:kids?|children|child|dependents?|sons?|daughters?)\b"),
    ("credit_score", r"(?:credit|fico)(?:\s+scores?|\s+ratings?)?|scores?"),
    (
        "annual_income",
        r"(?:a year|per year|/\s?(?:yr|year)\b|annually|yearly|per annum|earners?|salar|(?:in |of )?"
        r"(?:annual |yearly |household )?(?:income|salary|salaries|earnings|pay)\b)",
    ),
    (
        "investable_assets",
        r"(?:in |of )?(?:investable |liquid |total |invested |managed |investment )?(?:assets|net worth|"
        r"investments?|deposits|savings|balances?|portfolio|aum|wealth|to invest|invested)\b|in the bank\b",
    ),
]
# ...or right before it ("credit score over 750", "earning more than $200k").
_FIELD_BEFORE = [
    ("credit_score", r"(?:credit|fico)(?:\s+scores?|\s+ratings?)?"),
    (
        "annual_income",
        r"(?:(?:household |annual |yearly )?(?:income|incomes)|earn|earns|earning|earnings|making|make|makes|"
        r"salary|salaries|paid|pay|(?:pull|pulls|pulling|pulled|rake|rakes|raking|raked|bring|brings|bringing|brought)"
        r" in|(?:bring|brings|bringing|brought|take|takes|taking|took) home|gross|grosses|grossing|grossed|"
        r"(?:on |with )?(?:a )?(?:salary|wage|wages|pay|paycheck) of|paid|take-home pay)",
    ),
    (
        "investable_assets",
        r"(?:(?:investable |liquid |total )?(?:assets|net worth|wealth)|investments|deposits|balances?|portfolios?|savings|"
        r"aum|invested|wealth)",
    ),
    ("age", r"(?:aged?|ages)"),
    ("dependents", r"(?:kids|children|dependents)"),
    (
        "tenure_years",
        r"(?:tenure|(?:customers?|clients?|members?) (?:here |with us )?for|with us for|with the bank for|"
        r"(?:banked|banking|banks|been|stayed|stuck) (?:here|with us|with the bank|at the bank|with this bank)"
        r"(?: for)?|been (?:a )?(?:customers?|clients?) for|(?:we've|we have|we've been) had(?: them)? for|"
        r"relationship of|relationship length|loyal (?:to us )?for|been around(?: here)? for|"
        r"(?:(?:held|had|kept) (?:an |their )?accounts?|accounts? open(?:ed)?) (?:with us |here )?for)",
    ),
]
_AFTER_RES = [(f, re.compile(r"\s*(?:" + p + ")")) for f, p in _FIELD_AFTER]
_BEFORE_RES = [
    (f, re.compile(r"(?:" + p + r")(?:\s+(?:is|of|are|at|score|scores|was|above|range))?\s*$"))
    for f, p in _FIELD_BEFORE
]
YEARS_UNIT = re.compile(r"\s*(?:years?|yrs?)\b")
# Where a tenure is spent, said before a number of years with no "for": "with us 10+ years",
# "with us forever, 25 years or more" (without the years, "with us over 50" may be an age).
_TENURE_PLACE_BEFORE = re.compile(
    r"(?:with us|with the bank|at the bank|banked here|been here|(?:customers?|clients?|members?) of|relationships?)"
    r"(?:\s+(?:forever|for ever|for ages|for years))?"
    r",?\s*(?:for\s+)?$"
)
_YEARS_IN = re.compile(r"[\d+]\s*(?:years?|yrs?)\b")
# A field word that a number follows labels that number ("credit 9999 income 50k": income 50k).
_LABELS_NEXT = re.compile(rf"\s*(?:(?:is|of|at|:|=)\s*)?(?:(?:{GT}|{GTE}|{LT}|{LTE})\s*)?{NUM}")
_JOINED_TAIL = re.compile(r"[\s,]*(?:\b(?:and|but|or)\b[\s,]*)?$")


def field_for(
    text: str, number_ends: dict[int, str], start: int, end: int, *, joined: bool = False
) -> tuple[str | None, int, int]:
    """The field a number at [start, end) of ``text`` speaks of, and the span that names it.

    A field named after the number wins ("20 years with us"), unless a field is also named just
    before it and the word after labels the next number: in "credit 9999 income 50k" the 9999 is
    the credit score's. A comparison ``joined`` to the last one by "and"/"but"/"or" and naming no
    field speaks of the same field ("credit over 600 and under 700").
    """
    after = text[end : end + 60]
    after_name, after_end = None, end
    for name, pattern in _AFTER_RES:
        found = pattern.match(after)
        if found:
            after_name, after_end = name, end + found.end()
            break
    before = text[max(0, start - 40) : start]
    before_name, before_start = None, start
    for name, pattern in _BEFORE_RES:
        found = pattern.search(before)
        if found:
            before_name, before_start = name, start - (len(before) - found.start())
            break
    if after_name and not (before_name and _LABELS_NEXT.match(text, after_end)):
        # named on both sides ("bringing home more than 90k a year"): both are the field's words
        return after_name, (before_start if before_name == after_name else start), after_end
    if before_name:
        return before_name, before_start, end
    place = _TENURE_PLACE_BEFORE.search(before)
    if place and (_YEARS_IN.search(text, start, end) or YEARS_UNIT.match(text, end)):
        return "tenure_years", start - (len(before) - place.start()), end
    if joined:
        tail = _JOINED_TAIL.search(text, 0, start)
        if tail and tail.start() in number_ends:
            return number_ends[tail.start()], start, end
    return None, start, end


def guess_field(value: float, money: bool, query: str) -> str | None:
    """A field for a number that names none, from its size and the rest of the question."""
    if money or value >= 1_000:
        return "annual_income" if re.search(r"earn|income|salar|making|paid", query) else "investable_assets"
    if 300 <= value <= 850 and re.search(r"credit|fico|score", query):
        return "credit_score"
    if 16 <= value <= 110:
        return "age"
    return None
