"""Numbers given to the field named next to them, and ages said as groups or milestones."""

import re

from customers.fields import bounds
from search.understanding.labels import numeric_condition
from search.understanding.lexicon import alternation
from search.understanding.lexicon.time import AGE_BEFORE_NUMBER, AGE_CUES, MILESTONE_ONLY
from search.understanding.negation import NEGATED_OP, negation_before
from search.understanding.numbers import (
    BARE_RE,
    COMPARE_RE,
    PEOPLE_NEXT,
    POST_RE,
    RANGE_RE,
    YEARS_UNIT,
    comparison_op,
    field_for,
    guess_field,
    parse_number,
    per_year,
)
from search.understanding.work import Work

_AGE_GROUP_RE = re.compile(r"\b(?P<side>over|under)[- ](?P<age>[1-9]\d)['’]?s\b")
# "the 700 range" only with "the": "the 650 to 700 range" is a range from 650.
_HUNDREDS_RE = re.compile(
    r"(?:\bin the\s+|\bthe\s+)?(?:\b(?P<part>low|lower|early|mid|middle|high|upper|late)[- ]?)?"
    r"\b(?P<h>[1-9]\d*)00(?:['’]?s\b|(?<=\bthe [1-9]00)(?=\s+range\b))"
)
# Thirds of a hundred: "the high 700s" is 767 to 799.
_HUNDRED_PART = {"low": (0, 33), "lower": (0, 33), "early": (0, 33), "mid": (34, 66), "middle": (34, 66),
                 "high": (67, 99), "upper": (67, 99), "late": (67, 99), None: (0, 99)}  # fmt: skip
_DIGITS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
# "a FICO that starts with an 8", "a 7-handle score": the hundreds digit of a credit score.
_LEADING_DIGIT_RE = re.compile(
    r"\b(?:starts?|starting|begins?|beginning) with (?:an? )?(?P<d>[3-8]|" + "|".join(_DIGITS) + r")\b"
    r"(?![- ]?(?:\d|years?|yrs?|months?|weeks?|days?|%|percent|k\b|m\b))"
    r"|\b(?P<d2>[3-8])[- ]handle\b"
)
_CREDIT_WORD = re.compile(r"credit|fico|scor")


_SHORT_PERIOD = re.compile(r"\+?\s*(?:days?|weeks?|months?|quarters?|wks?|mo|d)\b")
_OTHER_UNIT = re.compile(r"\+?\s*(?:days?|weeks?|months?|%|percent|k\b|(?:years?|yrs?)\b)")
_MILESTONE_ONLY = re.compile(alternation(MILESTONE_ONLY))
_AGE_CUE_RES = [
    (op, re.compile(
        rf"\b(?<!\bno )(?<!\bnot )(?P<lately>(?:just|recently|only just)\s+)?(?P<cue>{alternation(cues)})\s+(?:(?P<the>{AGE_BEFORE_NUMBER})\s+)?(?P<age>\d+)(?P<ord>st|nd|rd|th)?\b"
        r"(?P<bday>\s+birthday)?(?:\s+(?:years?|yrs?)[- ]old)?(?:\s+yet)?"
        r"(?P<recent>\s+(?:this year|recently|lately|in the (?:last|past) (?:year|12 months|few months)))?"
    ))
    for op, cues in AGE_CUES
]  # fmt: skip


_TURNING_RE = re.compile(
    r"\b(?:turning|turns|turn|will (?:be|turn)|hitting|hits|reaching|reaches)\s+(?P<age>\d+)(?:\s+years?[- ]old)?\s+"
    r"(?P<when>next year|in the (?:next|coming) (?:year|12 months)|this year|later this year|by the end of the year)\b"
)


def _read_turning(work: Work) -> None:
    """ "turning 65 next year" is 64 now; "turning 65 this year" is 64 or 65."""
    for match in list(work.finditer(_TURNING_RE)):
        age = int(match["age"])
        if work.out_of_bounds("age", [age - 1, age], *match.span()):
            continue
        work.use(*match.span())
        if match["when"] in ("this year", "later this year", "by the end of the year"):
            work.conditions.append(numeric_condition("age", "between", [age - 1, age]))
        else:
            work.conditions.append(numeric_condition("age", "eq", age - 1))


def _read_milestones(work: Work) -> None:
    """ "haven't hit 30 yet", "shy of their 40th birthday", "turned 65", "under the age of 30".

    "under"/"over" read as an age only before "the age of" or a birthday here; a verb such as "hit"
    only before a likely age that names no other field ("hit 700 on their credit" is no age)."""
    for op, pattern in _AGE_CUE_RES:
        for match in list(work.finditer(pattern)):
            age = int(match["age"])
            named = match["bday"] or (match["the"] and match["the"] != "their") or match["ord"]
            if _MILESTONE_ONLY.fullmatch(match["cue"]) and not named:
                continue
            if not named and (
                not 16 <= age <= 110
                or _OTHER_UNIT.match(work.text, match.end())
                or _field_for(work, *match.span("age"))[0] not in (None, "age")
            ):
                continue
            if work.out_of_bounds("age", [age], *match.span()):
                continue
            if op == "lt" and age <= bounds("age")[0]:
                work.report(*match.span(), f"no customer is younger than {age}.")
                continue
            work.use(*match.span())
            # "turned 65 this year" is 65 now, not "65 or older"
            work.conditions.append(
                numeric_condition(
                    "age", "eq" if (match["recent"] or match["lately"]) and op == "gte" else op, age
                )
            )


_CHILDREN_AGES_RE = re.compile(
    r"\b(?:kids?|children|child|sons?|daughters?|dependents?|little ones|toddlers|teens)\s+(?P<ages>(?:(?:who are|all)\s+)?"
    r"(?:under|below|over|above|younger than|older than|aged?|ages)\s+(?:the age of\s+)?\d+"
    r"(?:\s*(?:-|to|and)\s*\d+)?(?:\s+(?:years?|yrs?)(?:[- ]old)?)?)"
)


_COUNT_BEFORE = re.compile(r"\d\s+\Z")
_PRODUCT_COUNT = re.compile(
    r"\+?\s*(?:(?:different|separate|open|active)\s+)?(?:credit cards?|cards?|accounts?|loans?|mortgages?|products?"
    rf"|policies|lines? of credit)\b{PEOPLE_NEXT}"
)
_ADULT_AGE = re.compile(r"\d+")


def read_age_groups(work: Work) -> None:
    """ "over-60s", "under-30s", and ages said as milestones. The ages of a customer's children
    ("kids under 5") are reported: the book does not hold them, and they are no customer's age."""
    for match in list(work.finditer(_CHILDREN_AGES_RE)):
        if (
            _COUNT_BEFORE.search(work.text, 0, match.start())
            and int(_ADULT_AGE.search(match["ages"])[0]) >= 18
        ):
            continue  # "3 kids age 45": the kids are counted, the age is the customer's
        work.report(*match.span("ages"), "the ages of a customer's children are not on record.")
    _read_turning(work)
    _read_milestones(work)
    for match in list(work.finditer(_AGE_GROUP_RE)):
        age = int(match["age"])
        op = "gte" if match["side"] == "over" else "lt"
        negated = work.negated(match)  # "not over-60s": under 60
        if negated is None:
            work.use(*match.span())
        else:
            work.use_negated(negated, match.end())
        label = f"{'not ' if negated is not None else ''}{match['side']}-{age}s"
        work.conditions.append(
            numeric_condition("age", op if negated is None else NEGATED_OP[op], age, label=label)
        )


def _field_for(work: Work, start: int, end: int, *, joined: str | None = None):
    return field_for(work.text, work.number_ends, start, end, joined=joined)


def _short_period(work: Work, name: str | None, end: int) -> bool:
    """ "90+ days", "customers for under 6 months": days or months are never an age or a number of
    years, nor guessed to be one (the date readers read them)."""
    return name in (None, "age", "tenure_years") and bool(_SHORT_PERIOD.match(work.text, end))


def _with_years_unit(work: Work, name: str, end: int) -> int:
    if name in ("age", "tenure_years"):
        unit = YEARS_UNIT.match(work.text, end)
        return unit.end() if unit else end
    return end


# How far from a number said roughly a value may be: a tenth of an amount, 20 points of credit.
_APPROX = {"annual_income": 0.1, "investable_assets": 0.1}
_APPROX_BY = {"credit_score": 20, "age": 2, "tenure_years": 1, "dependents": 0}


def _add(work: Work, start: int, end: int, name: str, op: str, value) -> None:
    """The condition read at [start, end), turned over when a negation comes just before it; a
    negated range or exact count says no one bound, so it is reported, not read."""
    if op == "approx":
        by = value * _APPROX[name] if name in _APPROX else _APPROX_BY[name]
        lo, hi = bounds(name)
        op, value = ("eq", value) if not by else ("between", [max(lo, value - by), min(hi, value + by)])
    if op == "eq":
        value = work.exactly(name, value, start, end)
        if value is None:
            return
    negated = negation_before(work.text, start)
    if negated is not None:
        if op not in NEGATED_OP:
            work.report(negated, end, "a range or an exact number said negated is not read.")
            return
        op, start = NEGATED_OP[op], negated
    factor = per_year(name, work.text, start, end)
    if factor != 1:
        value = [v * factor for v in value] if isinstance(value, list) else value * factor
    if work.admits_no_one(name, op, value, start, end):
        return
    work.add_number(start, end, numeric_condition(name, op, value))


def _not_a_field(work: Work, name: str | None, op: str, match: re.Match, start: int, end: int) -> bool:
    """An amount no field holds (a loan's size, spending) is reported; a child's age is only a
    sign of children when it bounds them from above ("kids under 18": has children). Only the
    number is used, so that "car loan" or "3 kids" is still read."""
    said = work.original[start:end].strip()
    if name == "children_ages" and op in ("lt", "lte", "between"):
        work.use(*match.span())
        work.conditions.append(numeric_condition("dependents", "gte", 1, label=f"has {said}"))
        return True
    if name in ("unstored", "children_ages"):
        work.use(*match.span())
        why = (
            "children's ages are"
            if name == "children_ages"
            else "loan, debt, spending and property amounts are"
        )
        work.ignored.append(f"“{said}” is ignored: {why} not stored.")
        return True
    return False


def _speaks_of_credit(work: Work, start: int, end: int) -> bool:
    return bool(_CREDIT_WORD.search(work.text, max(0, start - 40), min(len(work.text), end + 20)))


def _read_credit_band(work: Work, start: int, end: int, lo: int, hi: int) -> None:
    if work.out_of_bounds("credit_score", [lo], start, end):
        return
    hi = min(hi, bounds("credit_score")[1])
    _add(work, start, end, "credit_score", "between", [lo, hi])


def _read_hundreds(work: Work) -> None:
    """ "credit in the 700s", "a FICO in the high 600s", "a score that starts with an 8"."""
    for match in list(work.finditer(_HUNDREDS_RE)):
        name, start, end = _field_for(work, *match.span())
        if name == "credit_score" or _CREDIT_WORD.search(
            work.text, max(0, match.start() - 40), match.start()
        ):
            lo, hi = (int(match["h"]) * 100 + part for part in _HUNDRED_PART[match["part"]])
            _read_credit_band(work, start, end, lo, hi)
    for match in list(work.finditer(_LEADING_DIGIT_RE)):
        if _speaks_of_credit(work, *match.span()):
            digit = match["d"] or match["d2"]
            lo = 100 * int(_DIGITS.get(digit, digit))
            _read_credit_band(work, *match.span(), lo, lo + 99)


def _read_ranges(work: Work) -> None:
    for match in list(work.finditer(RANGE_RE)):
        lo, lo_money = parse_number(match["lo"])
        hi, hi_money = parse_number(match["hi"])
        hi_digits = parse_number(re.sub(r"[a-z\s]+$", "", match["hi"]))[0]
        if re.search(r"\d$", match["lo"]) and hi >= 1_000 * hi_digits > 0 and lo <= hi_digits:
            lo *= hi / hi_digits  # "200-300k", "$1-2M": the multiplier is said once
        if match["sep"] == "or" and lo >= hi:
            continue
        if lo > hi:
            if not (match["between"] or match["sep"] != "and"):
                continue  # "aged 65 and 2 kids": two numbers, not a range
            lo, hi = hi, lo  # "between 10 and 5" means 5 to 10, for every field
        name, start, end = _field_for(work, *match.span())
        if _customer_age(work, name, start, lo):
            name, start, end = "age", *match.span()
        if name == "unstored" and not (lo_money or hi_money or hi >= 1_000):
            name, start, end = None, *match.span()
        if _short_period(work, name, match.end()):
            continue
        name = name or ("age" if match["aged"] else guess_field(hi, lo_money or hi_money, work.text))
        if match["sep"] == "or" and name != "dependents":
            continue  # "1 or 2 kids" is either count; "700 or 750" names no range
        if _not_a_field(work, name, "between", match, start, end):
            continue
        if name is None and match["between"]:  # "between 620 and 700" alone: said, not dropped
            work.report(*match.span(), f"no field named for {lo:g} to {hi:g}.")
            continue
        if name is None or work.out_of_bounds(name, [lo, hi], start, end):
            continue
        end = _with_years_unit(work, name, end)
        _add(work, start, end, name, "between", [lo, hi])


def _read_comparisons(work: Work, *, guess: bool) -> None:
    """Comparisons whose field is named; with ``guess``, the rest, by their size, once every named
    field's words are used ("over 500k who earn 100k": the 500k is no income)."""
    for match in list(work.finditer(COMPARE_RE)):
        number = match["num"] or match["num2"]
        value, money = parse_number(number)
        cmp = (match["cmp"] or "").strip()
        op = comparison_op(cmp, (match["post"] or match["post2"] or "").strip())
        name, start, end = _field_for(work, *match.span(), joined=op if cmp else None)
        if name is None and _counts_products(work, match, money):
            continue
        if _customer_age(work, name, start, value):
            name, start, end = "age", *match.span()
        if name == "unstored" and not (money or value >= 1_000):
            name, start, end = None, *match.span()  # "with a mortgage over 65" is an age
        if name is None and cmp in ("older than", "younger than"):
            name = "age"
        if name is None and match["unit2"] and re.search(r"old|age", match["unit2"] + match["post2"]):
            name = "age"
        if name is None and match["unit2"]:
            continue  # "20 years or more" names no field: a tenure as likely as an age
        if _short_period(work, name, match.end()):
            continue
        if name is None and (not guess or op == "approx"):
            continue  # "about 30 days ago" names no field: no band is guessed
        name = name or guess_field(value, money, work.text)
        if _not_a_field(work, name, op, match, start, end):
            continue
        if name is None or work.out_of_bounds(name, [value], start, end):
            continue
        end = _with_years_unit(work, name, end)
        _add(work, start, end, name, op, value)


def _counts_products(work: Work, match: re.Match, money: bool) -> bool:
    """ "2 credit cards", "more than 3 accounts": a count of products held is no score, age or
    amount; it is reported (only the number, so the product may still be read)."""
    if money or not _PRODUCT_COUNT.match(work.text, match.end()):
        return False
    work.report(*match.span(), "a number of products held is not stored.")
    return True


def _customer_age(work: Work, name: str | None, start: int, value: float) -> bool:
    """ "3 kids age 45", "two kids aged 40 to 50": an adult age after a count of kids is the customer's."""
    return name == "children_ages" and value >= 18 and bool(_COUNT_BEFORE.search(work.text, 0, start))


def _read_bare(work: Work) -> None:
    for match in list(work.finditer(BARE_RE)):
        value, money = parse_number(match["num"])
        if _counts_products(work, match, money):
            continue
        name, start, end = _field_for(work, *match.span())
        if name is None or (start, end) == match.span() or _short_period(work, name, match.end()):
            continue
        if _not_a_field(work, name, "eq", match, start, end):
            continue
        if work.out_of_bounds(name, [value], start, end):
            continue
        op = "eq" if name in ("age", "dependents") else "gte"
        post = POST_RE.match(work.text, end)  # "3 kids or more", "a 700 score or better"
        if post:
            op, end = comparison_op("", post[0].strip()), post.end()
        end = _with_years_unit(work, name, end)
        _add(work, start, end, name, op, value)


def read_numbers(work: Work) -> None:
    """Hundreds, then ranges, then comparisons and bare numbers next to a field word, then the
    comparisons that name no field."""
    _read_hundreds(work)
    _read_ranges(work)
    _read_comparisons(work, guess=False)
    _read_bare(work)
    _read_comparisons(work, guess=True)
