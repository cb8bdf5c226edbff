"""Numbers, comparisons and ranges, and which field a number speaks of.

"over 750", "$200k", "250k a year", "between 620 and 700", "three or more kids": amounts in words
are rewritten as digits first (``number_words``), then a number is read with the comparison before
or after it and given to the field named next to it.
"""

import re

from customers.fields import bounds

_MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000, "grand": 1_000, "m": 1_000_000, "mm": 1_000_000, "mil": 1_000_000,
    "million": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000,
}  # fmt: skip


# A minus sign is read ("-5 kids", "$-100k", "over -50"), so that a negative number is reported,
# not taken as positive; a hyphen after a word or number ("620-700", "covid-19") is no sign. Plan
# names are no amounts ("401k balances", "a 529 plan").
NUM = (
    r"(?:(?<![\w.])[-−](?=\$?\d))?(?:\$\s?)?(?:(?<=\$)[-−](?=\d))?"
    r"(?<!\d)(?!(?<!\$)(?<!\$ )(?:401\(?k|403\(?b|457\(?b)\)?\b|529\s*(?:plans?|accounts?|savings)\b)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?"
    r"(?:\s?(?:k|mm|mn|m|b|bn|thousand|grand|million|mil|billion)\b)?(?:\s?(?:dollars|bucks|usd)\b)?"
)  # (?<!\d): a number starts where its digits start, so a long run of digits is read in linear time
_NUM_PARTS = re.compile(
    r"(?P<sign>[-−])?(?P<dollar>\$)?\s?(?P<sign2>[-−])?(?P<digits>[\d,]+(?:\.\d+)?(?:e[+-]?\d+)?)\s?(?:(?P<mult>thousand|grand|million|mil|mm|mn|m|billion|bn|b|k)\b)?(?:\s?(?P<usd>dollars|bucks|usd)\b)?",
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
    return value, bool(match["dollar"] or match["usd"] or mult in _MULTIPLIERS)


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
# Negated comparisons are listed whole: "no lower than 700" is at least 700, never under it.
GTE = (
    "at least",
    "at or (?:above|over|higher than|more than)",
    "(?:greater|more|higher) than or equal to",
    "equal to or (?:greater|more|higher) than",
    "no less than",
    "not less than",
    "no lower than",
    "not lower than",
    "no worse than",
    "not worse than",
    "no fewer than",
    "not fewer than",
    "no younger than",
    "not younger than",
    "not below",
    "not under",
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
    "at or (?:below|under|lower than|less than)",
    "(?:less|lower|fewer) than or equal to",
    "equal to or (?:less|lower|fewer) than",
    "no more than",
    "not more than",
    "no higher than",
    "not higher than",
    "no greater than",
    "not greater than",
    "no better than",
    "no older than",
    "not older than",
    "not above",
    "not over",
    "not exceeding",
    "(?:tops|maxes|caps) out at",
    "capped at",
    "up to",
    "maximum of",
    "a maximum of",
    "max",
    "<=",
    "≤",
)  # fmt: skip
# A number said roughly ("about 100k") is read as a band around it, where a field is named.
APPROX = (
    "about",
    "around",
    "roughly",
    "approximately",
    "circa",
    "somewhere around",
    "in the (?:neighbou?rhood|region|ballpark|vicinity) of",
)  # fmt: skip
GT, GTE, LT, LTE, APPROX = ("|".join(words) for words in (GT, GTE, LT, LTE, APPROX))
# "or more" ends a comparison only when no number follows: "over 700 and under 600" is two.
_NO_NUMBER_NEXT = r"(?!\s*(?:than\s+)?[-−$\d])"
POST_GTE = (
    r"\+|\s*(?:or|and)\s+(?:more|above|over|higher|older|up|upwards?|greater|better|north|beyond|plus)\b"
    rf"{_NO_NUMBER_NEXT}|(?:\s*|-)plus\b{_NO_NUMBER_NEXT}|\s*(?:at least|at a minimum|minimum|min)\b{_NO_NUMBER_NEXT}"
)
POST_LTE = (
    rf"\s*(?:or|and)\s+(?:less|fewer|under|below|younger|lower|worse)\b{_NO_NUMBER_NEXT}"
    rf"|\s*(?:at most|at the most|maximum|max|tops)\b{_NO_NUMBER_NEXT}"
)
POST_RE = re.compile(rf"{POST_GTE}|{POST_LTE}")
# A number said as a line to stay above or below: "under the 620 line", "above the 700 mark".
_MARK = r"(?:line|mark|threshold|cut-?off|level|barrier|bar)\b"

# "1 or 2 kids" is a range; "2 or more" is not (no number follows "or").
RANGE_RE = re.compile(
    rf"(?:\b(?:(?P<between>between|from)(?:\s+the\s+ages\s+of)?|(?P<aged>ages?d?|aged))\s+)?(?P<lo>{NUM})\s*(?P<sep>-|–|to|up to|through|thru|and|or)\s*(?P<hi>{NUM})(?!\s*(?:%|percent))"
)
COMPARE_RE = re.compile(
    rf"(?:(?P<cmp>\b(?:{GT}|{GTE}|{LT}|{LTE}|{APPROX})\b|[<>]=?|[≥≤~])(?:\s*|-)(?:the\s+(?={NUM}\s*{_MARK}))?(?P<num>{NUM})"
    rf"(?:\s*{_MARK})?(?P<post>{POST_GTE}|{POST_LTE})?)"
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
    if re.fullmatch(rf"{APPROX}|~", cmp):
        return "approx"
    return "lte"


# A product named after a number names people, not an amount or a count, where they follow it:
# "over 65 mortgage holders", "under 30 credit card users".
PEOPLE_NEXT = r"(?![\s-]*(?:holders?|users?|customers?|clients?|owners?|members?|borrowers?|payers?)\b)"
# A field named right after the number ("20 years with us", "$200k in assets")...
_FIELD_AFTER = [
    ("age", r"-?(?:years?|yrs?)[- ]?(?:olds?|of age)\b|y/?o\b"),
    (
        "tenure_years",
        r"(?:years?|yrs?)\s+(?:with(?: us| the bank| this bank)?|at(?: the bank)?|as(?: (?:a )?(?:customers?|clients?))?|banking|of (?:banking|relationship|tenure|membership|loyalty)|in the bank|"
        r"customer|client|tenure|relationship|membership|of history)",
    ),
    ("dependents", r"(?:kids?|children|child|dependents?|sons?|daughters?)\b"),
    (
        "unstored",
        r"(?:in |of )?(?:credit card |student |medical |car |auto |mortgage |personal |business )?"
        rf"(?:debts?|loans?|mortgages?)\b{PEOPLE_NEXT}",
    ),
    # "2 credit cards" counts cards: no score
    (
        "credit_score",
        r"(?:credit|fico)(?:\s+scores?|\s+ratings?)?(?![\s-]*(?:cards?|lines?|unions?|accounts?)\b)|scores?",
    ),
    (
        "annual_income",
        r"(?:a year|per year|/\s?(?:yr|year)\b|annually|yearly|per annum|earners?|salar|(?:in |of )?"
        r"(?:annual |yearly |household |total |monthly )?(?:incomes?|salary|salaries|earnings|pay|wages|compensation|comp)\b)",
    ),
    (
        "investable_assets",
        r"(?:in |of )?(?:investable |liquid |total |invested |managed |investment )?(?:assets|net worth|"
        r"investments?|deposits|savings|balances?|portfolios?|aum|wealth|to invest|invested|investable|liquid|"
        r"nest eggs?)\b|(?:in|at) the bank\b|(?:in )?cash\b|on deposit\b|in (?:their |his |her )?accounts?\b|"
        r"(?:saved|stashed|socked|put|tucked|set)(?: up| away| aside)?\b",
    ),
]
# ...or right before it ("credit score over 750", "earning more than $200k"). "unstored" and
# "children_ages" name amounts no field holds: a loan's size, a child's age.
_FIELD_BEFORE = [
    (
        "unstored",
        r"\b(?:mortgages?|loans?|heloc|debts?|owes?|owing|owed|borrow(?:s|ed|ing)?|spend(?:s|ing)?|spent|pensions?|"
        r"(?:home|house|property|car)(?:\s+(?:is|are))?\s+(?:worth|valued at|value))",
    ),
    ("credit_score", r"(?:credit|fico)(?:\s+scores?|\s+ratings?)?|\bscor(?:e|es|ed|ing)"),
    (
        "annual_income",
        r"(?:(?:household |annual |yearly |monthly )?(?:income|incomes)|monthly (?:salary|pay|earnings)|earn|earns|earning|earnings|making|make|makes|"
        r"salary|salaries|paid|pay|made|earned|compensation|comp|wages|"
        r"(?:pull|pulls|pulling|pulled|rake|rakes|raking|raked|bring|brings|bringing|brought|take|takes|taking|took)"
        r" in|(?:pull|pulls|pulling|pulled) down|(?:bring|brings|bringing|brought|take|takes|taking|took) home|gross|grosses|grossing|grossed|"
        r"(?:on |with )?(?:a )?(?:monthly )?(?:salary|wage|wages|pay|paycheck) of|paid|take-home pay)",
    ),
    (
        "investable_assets",
        r"(?:(?:investable |liquid |total )?(?:assets|net worth|wealth)|investments|deposits|balances?|portfolios?|savings|"
        r"aum|invested|wealth|\bworth|nest eggs?|sitting on|(?:saved|stashed|socked|put|tucked)(?: up| away))",
    ),
    ("age", r"(?:aged?|ages)"),
    (
        "dependents",
        r"(?:dependents|number of (?:kids|children)|support|supports|supporting|provid(?:e|es|ing) for|\b(?:parents?|moms?|mothers?|dads?|fathers?) of)",
    ),
    (
        "children_ages",
        r"\b(?:kids|children|child|sons?|daughters?|toddlers?|little ones)(?:\s+(?:aged|ages|age))?",
    ),
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
    (f, re.compile(r"\b(?:" + p + r")(?:\s+(?:is|of|are|at|score|scores|was|above|range|in the))?\s*$"))
    for f, p in _FIELD_BEFORE
]
_PER_MONTH = re.compile(r"\s*(?:a|per|each|every|/)\s?(?:month|mo)\b")
_MONTHLY = re.compile(r"\bmonth(?:ly)?\b|/\s?mo\b")
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
_UP = ("gt", "gte")
_MONEY_FIELDS = ("annual_income", "investable_assets")


def _fits(field_name: str, number: str, text: str) -> bool:
    """Whether a number joined to the last one can be its field's: an amount is money ("over 50k
    and over 60": the 60 is no amount), money is no age or score ("over 50 and over 100k"), and a
    number past the field's ends that is plainly another field's is that one's ("credit above 700
    and over 40": an age). One no other field holds stays, to be reported ("credit under 1200")."""
    value, money = parse_number(number)
    if field_name in _MONEY_FIELDS:
        return money or value >= 1_000
    lo, hi = bounds(field_name)
    return not money and (lo <= value <= hi or guess_field(value, money, text) in (None, *_MONEY_FIELDS))


def _closes(tail: str, op: str, last: tuple[str, str], number: str, text: str) -> bool:
    """A comma alone ends a field's reach ("with us 10 years, over 50": the 50 is an age, "with us
    10 years, under 40" too); it joins only a comparison that closes a range and that no other
    field would be guessed for ("over 2 kids, under 5", "income over 100k, under 200k")."""
    if re.search(r"\b(?:and|but|or)\b", tail):
        return True
    guessed = guess_field(*parse_number(number), text)
    money = guessed in _MONEY_FIELDS and last[0] in _MONEY_FIELDS
    return (op in _UP) != (last[1] in _UP) and (guessed is None or money)


def field_for(
    text: str, number_ends: dict[int, tuple[str, str]], start: int, end: int, *, joined: str | None = None
) -> tuple[str | None, int, int]:
    """The field a number at [start, end) of ``text`` speaks of, and the span that names it.

    A field named after the number wins ("20 years with us"), unless a field is also named just
    before it and the word after labels the next number: in "credit 9999 income 50k" the 9999 is
    the credit score's. A comparison ``joined`` (its operator) to the last one by "and"/"but"/"or"
    and naming no field speaks of the same field ("credit over 600 and under 700").
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
        monthly = _PER_MONTH.match(text, end) if before_name == "annual_income" else None
        return before_name, before_start, monthly.end() if monthly else end
    place = _TENURE_PLACE_BEFORE.search(before)
    if place and (_YEARS_IN.search(text, start, end) or YEARS_UNIT.match(text, end)):
        return "tenure_years", start - (len(before) - place.start()), end
    if joined:
        tail = _JOINED_TAIL.search(text, 0, start)
        last = number_ends.get(tail.start()) if tail else None
        if (
            last
            and _fits(last[0], text[start:end], text)
            and _closes(tail[0], joined, last, text[start:end], text)
        ):
            return last[0], start, end
    return None, start, end


def per_year(field_name: str, text: str, start: int, end: int) -> int:
    """12 for an income said by the month ("10k a month", "a monthly salary of 8k"), else 1."""
    return 12 if field_name == "annual_income" and _MONTHLY.search(text, start, end) else 1


def guess_field(value: float, money: bool, query: str) -> str | None:
    """A field for a number that names none, from its size and the rest of the question. A plain
    year ("between 2019 and 2021") is no amount."""
    if not money and float(value).is_integer() and 1900 <= value <= 2100:
        return None
    if money or value >= 1_000:
        return "annual_income" if re.search(r"earn|income|salar|making|paid", query) else "investable_assets"
    if 300 <= value <= 850 and re.search(r"credit|fico|score", query):
        return "credit_score"
    if 16 <= value <= 110:
        return "age"
    return None
