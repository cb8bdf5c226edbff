"""Query understanding: a relationship manager's question as hard conditions plus text to rank on.

``parse_query("retirees in Florida with over $1M who might want estate planning")`` gives the
conditions every result must meet (retired, state FL, investable assets > 1,000,000), the soft
signals that rank what remains (interest in estate planning) and the leftover text.

It is deterministic, needs no network and takes well under two milliseconds: a fixed list of
regular expressions, run in order over a working copy of the question. Each match masks the words
it used, so a later, more general pattern cannot read them again ("small business owners" is an
employment status, not also an interest in small business). Vague words take their meaning from
``search.vocabulary``. Protected attributes (marital status, sex, religion, ...) are never turned
into conditions and are left out of the ranking text.
"""

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from customers.choices import (
    US_STATES,
    EmploymentStatus,
    Interest,
    PreferredChannel,
    Product,
    RiskTolerance,
    Segment,
)
from customers.models import field_bounds
from search.vocabulary import vocabulary

ES, IT, P, CH, RT, SEG = EmploymentStatus, Interest, Product, PreferredChannel, RiskTolerance, Segment

NUMERIC_FIELDS = ("credit_score", "annual_income", "investable_assets", "age", "dependents", "tenure_years")


@dataclass(frozen=True)
class Condition:
    """One condition on a customer field, in the operators of ``shared/eval/README.md``.

    ``required`` conditions filter; the others (named interests) only rank. ``vague`` ones come
    from a word like "young" and give way to a number the question states for the same field.
    """

    field: str
    op: str
    value: object
    label: str
    required: bool = True
    vague: bool = False

    @property
    def key(self) -> str:
        """A stable name for the condition, used to switch it off from the page or the API."""
        values = self.value if isinstance(self.value, list) else [self.value]
        return f"{self.field}.{self.op}." + "-".join(str(v) for v in values)

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "op": self.op,
            "value": self.value,
            "label": self.label,
            "required": self.required,
            "key": self.key,
        }


@dataclass(frozen=True)
class ParsedQuery:
    query: str
    conditions: tuple[Condition, ...] = ()
    signals: tuple[Condition, ...] = ()
    text: str = ""
    ranking_text: str = ""
    ignored: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {
            "filters": [c.as_dict() for c in self.conditions + self.signals],
            "text": self.text,
            "ignored": list(self.ignored),
        }


# ---------------------------------------------------------------------------------------------
# Numbers


NUMBER_WORDS = {
    "zero": 0, "no": 0, "one": 1, "a single": 1, "two": 2, "a couple of": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
_NUMBER_WORD_RE = re.compile(
    r"\b(" + "|".join(w for w in NUMBER_WORDS if w != "no") + r")\b(?=\s+(?:or|and|\+|plus|kids|child|"
    r"children|dependents?|years?|sons?|daughters?))"
)
# Amounts in words, rewritten in place (padded to the same length, so spans stay true).
AMOUNT_WORDS = {
    "half a million": "500k", "a half million": "500k", "quarter of a million": "250k",
    "a quarter million": "250k", "quarter million": "250k", "a million": "1m", "one million": "1m",
    "a million and a half": "1.5m", "two million": "2m", "a hundred thousand": "100k",
}  # fmt: skip
_AMOUNT_WORDS_RE = re.compile(r"\b(" + "|".join(sorted(AMOUNT_WORDS, key=len, reverse=True)) + r")\b")
_MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000, "grand": 1_000, "m": 1_000_000, "mm": 1_000_000, "mil": 1_000_000,
    "million": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000,
}  # fmt: skip
# A minus sign is read ("-5 kids", "$-100k", "over -50"), so that a negative number is reported,
# not taken as positive; a hyphen after a word or number ("620-700", "covid-19") is no sign.
NUM = (
    r"(?:(?<![\w.])[-−](?=\$?\d))?(?:\$\s?)?(?:(?<=\$)[-−](?=\d))?"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?"
    r"(?:\s?(?:k|mm|mn|m|b|bn|thousand|grand|million|mil|billion)\b)?"
)
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
    r"over|above|more than|greater than|higher than|in excess of|exceeding|exceeds|north of|"
    r"upwards of|better than|beyond|older than|>"
)
GTE = r"at least|no less than|not less than|minimum of|a minimum of|min|>=|≥"
LT = r"under|below|less than|lower than|fewer than|south of|beneath|younger than|worse than|<"
LTE = r"at most|no more than|not more than|up to|maximum of|a maximum of|max|<=|≤"
# "or more" ends a comparison only when no number follows: "over 700 and under 600" is two.
_NO_NUMBER_NEXT = r"(?!\s*(?:than\s+)?[-−$\d])"
POST_GTE = (
    r"\+|\s*(?:or|and)\s+(?:more|above|over|higher|older|up|greater|better|plus)\b"
    rf"{_NO_NUMBER_NEXT}|\s*plus\b{_NO_NUMBER_NEXT}"
)
POST_LTE = rf"\s*(?:or|and)\s+(?:less|fewer|under|below|younger|lower)\b{_NO_NUMBER_NEXT}"

_RANGE_RE = re.compile(
    rf"(?:\b(?:(?P<between>between|from)|(?P<aged>ages?d?|aged))\s+)?(?P<lo>{NUM})\s*(?P<sep>-|–|to|and)\s*(?P<hi>{NUM})(?!\s*(?:%|percent))"
)
_COMPARE_RE = re.compile(
    rf"(?:(?P<cmp>\b(?:{GT}|{GTE}|{LT}|{LTE})\b|[<>]=?|[≥≤])\s*(?P<num>{NUM})(?P<post>{POST_GTE}|{POST_LTE})?)"
    rf"|(?:(?:\b|(?<![\w.])(?=[-−]))(?P<num2>{NUM})(?P<post2>{POST_GTE}|{POST_LTE}))"
)
_BARE_RE = re.compile(rf"(?<![\w.,$])(?P<num>{NUM})(?!\w|,\d)")

# A field named right after the number ("20 years with us", "$200k in assets")...
_FIELD_AFTER = [
    ("age", r"(?:years?|yrs?)[- ]?(?:olds?|of age)\b|y/?o\b"),
    (
        "tenure_years",
        r"(?:years?|yrs?)\s+(?:with|at|as|banking|of (?:banking|relationship|tenure|membership|loyalty)|in the bank|"
        r"customer|client|tenure|relationship|membership)",
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
        r"investments?|deposits|savings|balances?|portfolio|aum|wealth|to invest|invested)\b",
    ),
]
# ...or right before it ("credit score over 750", "earning more than $200k").
_FIELD_BEFORE = [
    ("credit_score", r"(?:credit|fico)(?:\s+scores?|\s+ratings?)?"),
    (
        "annual_income",
        r"(?:(?:household |annual |yearly )?(?:income|incomes)|earn|earns|earning|earnings|making|make|makes|"
        r"salary|salaries|paid)",
    ),
    (
        "investable_assets",
        r"(?:assets|net worth|investments|deposits|balances?|portfolios?|savings|aum|invested|wealth)",
    ),
    ("age", r"(?:aged?|ages)"),
    ("dependents", r"(?:kids|children|dependents)"),
    (
        "tenure_years",
        r"(?:tenure|(?:customers?|clients?|members?) for|with us for|with the bank for|banked with us for|"
        r"been (?:a )?(?:customers?|clients?) for|relationship of)",
    ),
]
_AFTER_RES = [(f, re.compile(r"\s*(?:" + p + ")")) for f, p in _FIELD_AFTER]
_BEFORE_RES = [
    (f, re.compile(r"(?:" + p + r")(?:\s+(?:is|of|are|at|score|scores|was|above|range))?\s*$"))
    for f, p in _FIELD_BEFORE
]
_YEARS_UNIT = re.compile(r"\s*(?:years?|yrs?)\b")

FIELD_LABELS = {
    "credit_score": "credit score",
    "annual_income": "income",
    "investable_assets": "investable assets",
    "age": "age",
    "dependents": "dependents",
    "tenure_years": "years as a customer",
}
MONEY_FIELDS = {"annual_income", "investable_assets"}
DERIVED_YEAR_FIELDS = {"age", "tenure_years"}


def _fmt(field_name: str, value) -> str:
    if field_name in MONEY_FIELDS:
        value = float(value)
        if value >= 1_000_000:
            return f"${value / 1_000_000:g}M"
        if value >= 1_000:
            return f"${value / 1_000:g}k"
        return f"${value:g}"
    return f"{value:g}" if isinstance(value, float) else str(value)


OP_WORDS = {"gt": "over", "gte": "at least", "lt": "under", "lte": "at most", "eq": "exactly"}
COUNT_OP_WORDS = {"gt": "more than", "gte": "at least", "lt": "fewer than", "lte": "at most", "eq": ""}


def numeric_condition(field_name: str, op: str, value, *, label: str | None = None, vague=False) -> Condition:
    """A bound on a numeric field, labelled the way an RM would say it."""
    if op == "between":
        value = [_as_int(v) for v in value]
        amount = f"{_fmt(field_name, value[0])} to {_fmt(field_name, value[1])}"
        words = "between" if field_name in ("dependents", "tenure_years") else ""
    else:
        value = _as_int(value)
        amount = _fmt(field_name, value)
        words = (COUNT_OP_WORDS if field_name in ("dependents", "tenure_years") else OP_WORDS)[op]
    if field_name == "dependents":
        text = f"{words} {amount} dependents"
    elif field_name == "tenure_years":
        text = f"customer for {words} {amount} years"
    else:
        text = f"{FIELD_LABELS[field_name]} {words} {amount}"
    return Condition(field_name, op, value, label or " ".join(text.split()), vague=vague)


def _as_int(value):
    return int(value) if float(value).is_integer() else float(value)


def bounds_condition(field_name: str, bounds: dict, label: str) -> Condition:
    """The vocabulary's {field_min, field_max} as one vague condition."""
    lo, hi = bounds.get(f"{field_name}_min"), bounds.get(f"{field_name}_max")
    if lo is not None and hi is not None:
        return Condition(field_name, "between", [lo, hi], label, vague=True)
    if lo is not None:
        return Condition(field_name, "gte", lo, label, vague=True)
    return Condition(field_name, "lte", hi, label, vague=True)


def term(name: str, label: str) -> list[Condition]:
    """Conditions for a vocabulary term, one per field it bounds."""
    bounds = vocabulary()[name]
    fields = dict.fromkeys(key.rsplit("_", 1)[0] for key in bounds)
    return [bounds_condition(f, bounds, label) for f in fields]


# ---------------------------------------------------------------------------------------------
# Words


def _alt(*words: str) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


PRODUCT_PHRASES: list[tuple[tuple[str, ...], str]] = [
    ((P.PREMIUM_CREDIT_CARD,), r"premium (?:credit )?cards?|rewards? (?:credit )?cards?|platinum cards?|"
     r"travel (?:rewards )?cards?|metal cards?|premium credit"),
    ((P.CREDIT_CARD, P.PREMIUM_CREDIT_CARD), r"credit[- ]cards?|cards?"),
    ((P.CHECKING,), r"checking(?: accounts?)?|current accounts?"),
    ((P.SAVINGS,), r"savings accounts?"),
    ((P.MONEY_MARKET,), r"money[- ]market(?: accounts?| funds?)?"),
    ((P.CERTIFICATE_OF_DEPOSIT,), r"certificates? of deposit|cds?\b|time deposits?"),
    ((P.PERSONAL_LOAN,), r"personal loans?|unsecured loans?"),
    ((P.AUTO_LOAN,), r"(?:auto|car|vehicle) (?:loans?|financing)"),
    ((P.HOME_EQUITY_LINE,), r"home[- ]equity(?: lines?(?: of credit)?| loans?)?|helocs?"),
    ((P.MORTGAGE,), r"mortgages?|home loans?"),
    ((P.BROKERAGE,), r"brokerage(?: accounts?)?|trading accounts?|investment accounts?"),
    ((P.RETIREMENT_IRA,), r"(?:roth |traditional )?iras?|individual retirement accounts?|retirement accounts?"),
    ((P.WEALTH_MANAGEMENT,), r"wealth management(?: accounts?| services?| products?| relationships?)?|"
     r"managed portfolios?"),
    ((P.BUSINESS_CHECKING,), r"business (?:checking|bank accounts?|accounts?)"),
    ((P.BUSINESS_LOAN,), r"business (?:loans?|lines? of credit|credit lines?|financing)|sba loans?|commercial loans?"),
    ((P.LIFE_INSURANCE,), r"life (?:insurance(?: polic(?:y|ies))?|cover|polic(?:y|ies))"),
    ((P.PERSONAL_LOAN, P.AUTO_LOAN, P.MORTGAGE, P.HOME_EQUITY_LINE, P.BUSINESS_LOAN), r"loans?|borrowing"),
]  # fmt: skip
_PRODUCT = "(?:" + "|".join(f"(?:{p})" for _, p in PRODUCT_PHRASES) + ")"
_PRODUCT_RES = [(codes, re.compile(rf"^(?:{p})$")) for codes, p in PRODUCT_PHRASES]
# What a product gives away about a customer's interests when they might want it.
PRODUCT_INTEREST = {
    P.WEALTH_MANAGEMENT: IT.WEALTH_MANAGEMENT,
    P.MORTGAGE: IT.HOME_BUYING,
    P.LIFE_INSURANCE: IT.INSURANCE,
    P.BROKERAGE: IT.INVESTING,
    P.RETIREMENT_IRA: IT.RETIREMENT_PLANNING,
    P.BUSINESS_LOAN: IT.SMALL_BUSINESS,
    P.BUSINESS_CHECKING: IT.SMALL_BUSINESS,
    P.PERSONAL_LOAN: IT.DEBT_CONSOLIDATION,
}
_ARTICLES = r"(?:(?:a|an|any|the|their|existing|active|yet|one|single)\s+)*"
_PRODUCT_LIST = (
    rf"{_ARTICLES}{_PRODUCT}(?:\s*(?:,|/|\bor\b|\band\b|\bnor\b|,\s*or|,\s*and)\s*{_ARTICLES}{_PRODUCT})*"
)
NOT_HELD_CUES = (
    r"without|w/o|no|not|lacks?|lacking|missing|excluding|except|but not|"
    r"(?:who |that )?(?:do|does|did)(?: not|n't)(?: yet| already| currently)? (?:have|hold|own|carry|use|got)|"
    r"(?:has|have|having) (?:no|not (?:yet )?(?:got|opened|taken out))|"
    r"(?:has|have)(?: not|n't)(?: yet)? (?:got|gotten|opened|taken out|taken|had)|yet to (?:open|get|take out|take|have)|"
    r"never (?:had|opened|held)|not holding|non"
)
ACQUIRE_CUES = (
    r"(?:qualify|qualifies|qualified|eligible) for|candidates? for|prospects? for|(?:could|might|may|would) "
    r"(?:use|benefit from|need|want|like|qualify for|be ready for)|(?:need|needs|in need of)|good fits? for|"
    r"ready for|opportunit(?:y|ies) for|cross[- ]sell(?:ing)?|upsell(?:ing)?|pitch(?:ing)?|to offer|"
    r"(?:who |that )?(?:want|wants|wanting|looking for|shopping for|in the market for|interested in getting)"
)
HELD_CUES = (
    r"with|have|has|having|hold|holds|holding|own|owns|owning|carry|carries|carrying|who (?:have|hold|own|carry)|"
    r"already (?:have|has|hold|holds)|existing|current"
)
_NOT_HELD_RE = re.compile(rf"\b(?:{NOT_HELD_CUES})[- ]\s*(?P<list>{_PRODUCT_LIST})\b(?:\s+yet\b)?")
_ACQUIRE_RE = re.compile(rf"\b(?:{ACQUIRE_CUES})\s+(?P<list>{_PRODUCT_LIST})\b")
_FREE_RE = re.compile(rf"\b(?P<list>{_PRODUCT})[- ]free\b")
_HELD_RE = re.compile(rf"\b(?:{HELD_CUES})\s+(?P<list>{_PRODUCT_LIST})\b")
_HOLDERS_RE = re.compile(
    rf"\b(?P<list>{_PRODUCT_LIST})[- ](?:holders?|customers?|clients?|owners?|borrowers?|users?|accounts?|"
    r"account holders?|cardholders?)\b"
)
_PRODUCT_SPLIT = re.compile(rf"{_PRODUCT}")

INTEREST_PHRASES: list[tuple[str, str]] = [
    (IT.EDUCATION_SAVINGS, r"(?:sav(?:e|es|ing|ings) (?:up )?for |fund(?:ing)? |pay(?:ing)? for )?(?:(?:the|their|a|his|her) )?"
     r"(?:(?:kids?|children|child|son|daughter|grandkids?|grandchildren)(?:'s|s'|')?\s+)?(?:college|university|"
     r"education|tuition|school(?:ing)? (?:fees|costs))(?: (?:fund|funds|funding|savings?|costs?|expenses|plans?))?|"
     r"529(?: plans?| accounts?)?|education savings"),
    (IT.RETIREMENT_PLANNING, r"retirement(?: (?:planning|plans?|savings?|income|goals?|readiness|nest egg))?|"
     r"(?:plan|planning|save|saving|prepare|preparing) (?:for )?(?:their |a comfortable )?retirement|"
     r"401\(?k\)?s?|pensions?(?: planning)?|rollovers?"),
    (IT.SUSTAINABLE_INVESTING, r"sustainab\w*(?:\s+(?:or|and|/)\s+(?:esg|ethical|green|impact))?(?:\s+invest\w*|"
     r"\s+funds?|\s+portfolios?)?|esg(?:\s+(?:or|and|/)\s+(?:sustainable|ethical|green|impact))?(?:\s+invest\w*|"
     r"\s+funds?|\s+portfolios?)?|(?:green|impact|ethical|socially responsible|responsible|climate[- ]"
     r"(?:conscious|friendly)|values[- ]based)\s+(?:invest\w*|funds?|portfolios?)"),
    (IT.REAL_ESTATE_INVESTING, r"real[- ]estate(?: investing| investments?| investors?| portfolios?)?|rental "
     r"(?:propert\w+|income|units?|homes?)|investment propert\w+|(?:income|buy[- ]to[- ]let) propert\w+|"
     r"landlords?|property investors?|flipping (?:houses|homes)"),
    (IT.PHILANTHROPY, r"(?:leav|giv|donat)(?:e|es|ing)(?: (?:money|assets|their wealth|back))? to (?:charit\w+|"
     r"causes|nonprofits?|good causes)|charit\w+|philanthrop\w+|donat\w+|giving back|nonprofits?|endow\w+|"
     r"(?:charitable )?giving"),
    (IT.ESTATE_PLANNING, r"estates?(?: planning| plans?)?|wills?\b|trusts?\b|inheritances?|legacy|succession|"
     r"heirs|generational wealth|pass(?:ing)? (?:on |down )?(?:their )?(?:wealth|money|assets)|"
     r"leav(?:e|ing) (?:money|assets|something) (?:to|for) (?:their )?(?:kids|children|heirs|family|grandchildren)"),
    (IT.WEALTH_MANAGEMENT, r"wealth (?:management|managers?|advisory|planning|services)|private (?:banking|wealth)|"
     r"portfolio management|managed accounts?|manag(?:e|ing) (?:their )?(?:wealth|money|portfolio)|"
     r"financial (?:advice|planning)"),
    (IT.HOME_BUYING, r"(?:first[- ]time )?(?:home|house|condo|property)[- ]?(?:buy(?:ers?|ing)|purchas\w*|hunt\w*|"
     r"shopp\w*)|buy(?:ing)? (?:a |their first |a first |a new |their own )?(?:home|house|condo|place|property)|"
     r"sav\w* (?:up )?for (?:a |an |their |the )?(?:first |new |bigger )?(?:house|home|condo|place|down ?payment)|"
     r"(?:new|bigger|larger) (?:home|house)|upsiz\w+|down ?payments?|home ?ownership|first home|(?:get|getting) on the property ladder"),
    (IT.TRAVEL, r"travel\w*|trips?|vacation\w*|holidays?|globetrott\w*|see the world|abroad|wanderlust|cruises?"),
    (IT.SMALL_BUSINESS, r"small business(?:es)?|(?:grow|expand|start|launch|scal)\w* (?:a |their |the |his |her )?"
     r"(?:own )?(?:business|company|firm|practice)|business (?:expansion|growth|needs|banking)|their business"),
    (IT.DEBT_CONSOLIDATION, r"(?:debt|loan)[- ]consolidation|consolidat\w+(?: (?:their |of )?(?:debts?|loans?|"
     r"credit cards?|balances?))?|refinanc\w+(?: (?:their )?(?:debts?|loans?))?|pay(?:ing)? (?:off|down) "
     r"(?:their )?(?:debts?|credit cards?|loans?|balances?)|high[- ]interest (?:debt|cards?|balances?)|"
     r"carrying (?:a )?balances?|(?:in |carrying |with |have |has )?(?:credit card )?debts?|indebted"),
    (IT.CREDIT_BUILDING, r"(?:build|rebuild|repair|improv|establish|boost|rais|strengthen|fix)\w* (?:up )?"
     r"(?:their |his |her |a |some |good )?credit(?: scores?| histor(?:y|ies)| profiles?| ratings?)?|"
     r"credit[- ](?:building|builder|repair)|thin credit(?: files?)?|no credit history|credit history"),
    (IT.INSURANCE, r"insur\w+|life cover|coverage|protect\w* (?:their )?(?:family|families|loved ones|income)|"
     r"annuit\w+"),
    (IT.TAX_PLANNING, r"tax(?:es|ation)?(?:[- ](?:planning|efficien\w+|advantaged|strateg\w+|savings?|"
     r"optimi\w+|bills?|burden|loss harvesting|free))?"),
    (IT.SAVING, r"sav(?:ers?|ings?(?: goals?)?|e money|ing money|e more)|emergency funds?|rainy[- ]day(?: funds?)?|"
     r"nest eggs?|high[- ]yield|frugal|put(?:ting)? money aside"),
    (IT.INVESTING, r"invest(?:ing|ment|ments|ors?)?|stocks?|stock market|equities|mutual funds?|etfs?|"
     r"grow(?:ing)? (?:their )?(?:money|wealth|savings)|(?:the )?markets?"),
]  # fmt: skip
_INTEREST_RES = [(code, re.compile(rf"\b(?:{p})\b")) for code, p in INTEREST_PHRASES]
# "Investment products" reads as any interest in putting money to work, not one code.
_INVESTMENT_PRODUCTS_RE = re.compile(
    r"\binvestment (?:products?|opportunities|options|solutions|services|offerings)\b"
)
INVESTMENT_FAMILY = [IT.INVESTING, IT.WEALTH_MANAGEMENT, IT.SUSTAINABLE_INVESTING, IT.REAL_ESTATE_INVESTING]

EMPLOYMENT_PHRASES: list[tuple[list[str], str, str]] = [
    ([ES.BUSINESS_OWNER], r"(?:small[- ])?business[- ]owners?|owners? of (?:a |their own )?(?:small )?"
     r"(?:business|businesses|company|companies)|(?:own|run)s? (?:a |their own )?(?:small )?business(?:es)?|"
     r"entrepreneurs?|founders?|company owners?|owner[- ]operators?|proprietors?", "business owners"),
    ([ES.SELF_EMPLOYED], r"self[- ]employed|freelanc\w*|independent contractors?|contractors?|gig workers?|"
     r"sole (?:proprietors?|traders?)|1099 workers?", "self-employed"),
    ([ES.UNEMPLOYED], r"unemployed|jobless|between jobs|out of work|job[- ]seekers?|laid[- ]off|not working",
     "unemployed"),
    ([ES.STUDENT], r"(?:college |university |grad(?:uate)? |undergrad(?:uate)? |medical |law )?students?"
     r"(?! loans?)|undergrads?|grad students?", "students"),
    ([ES.RETIRED], r"(?<!semi-)(?<!semi )retir(?:ed|ee|ees)\b|pensioners?|in retirement|already retired",
     "retired"),
    ([ES.EMPLOYED, ES.SELF_EMPLOYED], r"(?:working |young |salaried )?professionals?|white[- ]collar", "professionals"),
    ([ES.EMPLOYED], r"(?<!self-)(?<!self )(?<!un)employed|salaried|wage earners?|employees|w-?2 (?:workers|earners)",
     "employed"),
    ([ES.EMPLOYED, ES.SELF_EMPLOYED, ES.BUSINESS_OWNER], r"still working|working (?:people|age adults|adults)|"
     r"in work|have jobs|with jobs", "working"),
]  # fmt: skip
_EMPLOYMENT_RES = [
    (
        codes,
        re.compile(
            rf"(?P<neg>\b(?:non-?|not |excluding |except |other than |but not )(?:the )?)?\b(?:{p})\b"
        ),
        label,
    )
    for codes, p, label in EMPLOYMENT_PHRASES
]

RISK_PHRASES = [
    (RT.AGGRESSIVE, r"aggressive|high[- ]risk|risk[- ](?:seeking|tolerant|loving|hungry|takers?)|growth[- ]oriented|"
     r"adventurous|speculative|bold"),
    (RT.CONSERVATIVE, r"conservative|risk[- ]averse|low[- ]risk|cautious|careful|safety[- ]first|"
     r"capital preservation"),
    (RT.MODERATE, r"(?:moderate|balanced|medium|middle[- ]of[- ]the[- ]road)(?=[- ](?:risk|investors?|appetite|"
     r"tolerance|profiles?|approach|portfolios?|clients?|customers?))|moderate[- ]risk"),
]  # fmt: skip
_RISK_RES = [(code, re.compile(rf"\b(?:{p})\b")) for code, p in RISK_PHRASES]

CHANNEL_PHRASES = [
    ([CH.BRANCH], r"(?:prefer|prefers|preferring|like|likes|visit|visits|use|uses|come into|comes into|walk into)"
     r"(?: to (?:bank|come) (?:in|at))?\s+(?:the |a |our |their local |their |local )?branch(?:es)?|in[- ]branch|"
     r"branch(?:-based)? (?:visitors|customers|clients|banking|users|goers|people)|walk[- ]ins?|in[- ]person|"
     r"face[- ]to[- ]face"),
    ([CH.MOBILE], r"mobile(?: app| banking| users| customers| clients|-first)?|(?:banking )?apps?\b(?: users)?|"
     r"smartphones?"),
    ([CH.ONLINE], r"online(?: banking| users| customers| clients)?|internet banking|web(?:site)?(?: banking)?"),
    ([CH.ONLINE, CH.MOBILE], r"digital(?:ly)?(?:[- ](?:banking|savvy|first|natives?|channels?|customers?))?"),
    ([CH.PHONE], r"(?:by|over the|on the|via) (?:tele)?phone|phone(?: banking| calls?| customers)|(?:tele)?phone "
     r"(?:contact|preference)|call cent(?:er|re)|prefer(?:s)? (?:a )?(?:phone|calls?)"),
    ([CH.ADVISOR], r"(?:prefer|prefers|through|via|with|use|uses|work with|works with)\s+(?:an? |their |a "
     r"dedicated |a personal )?(?:personal |dedicated |financial )?advis[oe]rs?|advis[oe]r[- ](?:led|channel|"
     r"relationships?|clients?|customers?)"),
]  # fmt: skip
_CHANNEL_RES = [(codes, re.compile(rf"\b(?:{p})")) for codes, p in CHANNEL_PHRASES]

REGIONS = {
    "west coast": ["CA", "OR", "WA"],
    "pacific northwest": ["OR", "WA", "ID"],
    "new england": ["CT", "MA", "ME", "NH", "RI", "VT"],
    "tri-state area": ["CT", "NJ", "NY"],
    "tri-state": ["CT", "NJ", "NY"],
    "midwest": ["IA", "IL", "IN", "KS", "MI", "MN", "MO", "ND", "NE", "OH", "SD", "WI"],
    "southwest": ["AZ", "NM", "NV", "OK", "TX"],
    "east coast": ["CT", "DC", "DE", "FL", "GA", "MA", "MD", "ME", "NC", "NH", "NJ", "NY", "RI", "SC", "VA"],
}
_STATE_NAMES = {name.lower(): code for code, name in US_STATES.items()}
_STATE_NAMES.update(
    {"washington dc": "DC", "washington d.c.": "DC", "d.c.": "DC", "washington state": "WA", "cali": "CA"}
)
_STATE_NAMES.update(
    {"texans": "TX", "californians": "CA", "floridians": "FL", "new yorkers": "NY", "new jerseyans": "NJ",
     "ohioans": "OH", "georgians": "GA", "coloradans": "CO", "arizonans": "AZ", "virginians": "VA",
     "illinoisans": "IL", "washingtonians": "WA", "oregonians": "OR", "michiganders": "MI"}
)  # fmt: skip
_PLACE_RE = re.compile(
    r"(?P<neg>\b(?:outside(?: of)?|not in|except(?: in| for)?|excluding|other than|but not(?: in)?)\s+(?:the\s+)?)?"
    r"\b(?P<place>" + _alt(*_STATE_NAMES, *REGIONS) + r")\b"
)
_AMBIGUOUS_CODES = {
    "IN",
    "OR",
    "ME",
    "OK",
    "HI",
    "DE",
    "AL",
    "LA",
    "MA",
    "PA",
    "CO",
    "ID",
    "OH",
    "MD",
    "CT",
    "MO",
}
_CODE_RE = re.compile(r"(?P<pre>\b(?:in|from|of|near|outside|,|or|and|/)\s*)?\b(?P<code>[A-Z]{2})\b")

OCCUPATION_WORDS: dict[str, list[str]] = {
    "nurses?": ["Nurse"],
    "teachers?|educators?": ["Teacher"],
    "software engineers?|software developers?|programmers?|developers?": ["Software"],
    "engineers?": ["Engineer"],
    "doctors?|physicians?|surgeons?": ["Physician", "Surgeon"],
    "dentists?": ["Dentist", "Dental Practice"],
    "lawyers?|attorneys?": ["Attorney"],
    "pilots?": ["Pilot"],
    "pharmacists?": ["Pharmacist"],
    "accountants?|cpas?": ["Accountant"],
    "professors?|academics?": ["Professor"],
    "architects?": ["Architect"],
    "chefs?|cooks?": ["Chef"],
    "electricians?": ["Electrician"],
    "plumbers?": ["Plumber"],
    "firefighters?": ["Firefighter"],
    "police officers?|cops?|police": ["Police Officer"],
    "truck(?:ers| drivers?)": ["Truck Driver"],
    "photographers?": ["Photographer"],
    "real estate agents?|realtors?": ["Real Estate Agent"],
    "consultants?": ["Consultant"],
    "designers?": ["Designer"],
    "data scientists?": ["Data Scientist"],
    "analysts?": ["Analyst"],
    "writers?|authors?": ["Writer"],
    "personal trainers?|fitness trainers?": ["Personal Trainer"],
    "therapists?|psychotherapists?": ["Therapist"],
    "social workers?": ["Social Worker"],
    "investment bankers?|bankers?": ["Banker"],
    "executives?|execs?|c-suite|ceos?|cfos?": ["Chief", "Vice President"],
    "managers?": ["Manager"],
    "restaurant owners?|restaurateurs?": ["Restaurant Owner"],
    "farmers?": ["Farmer"],
    "medical professionals?|healthcare workers?|health care workers?|clinicians?": [
        "Nurse", "Physician", "Surgeon", "Pharmacist", "Dentist", "Dental", "Physical Therapist", "Medical",
    ],
    "tech workers?|tech professionals?|techies": ["Software", "Data Scientist", "IT Support", "Product Manager"],
}  # fmt: skip
_OCCUPATION_RES = [(words, re.compile(rf"\b(?:{p})\b")) for p, words in OCCUPATION_WORDS.items()]

PROTECTED = re.compile(
    r"\b(?:married|unmarried|single|divorced|widow(?:ed|s|ers?)?|spouses?|husbands?|wives|wife|women|woman|men|"
    r"man|female|male|ladies|gentlemen|christians?|muslims?|jewish|jews|hindus?|buddhists?|catholics?|religio\w*|"
    r"hispanic|latino|latina|black|white|asian|african[- ]american|caucasian|ethnic\w*|race|racial|immigrants?|"
    r"foreign[- ]born|nationality|gay|lesbian|pregnant|disabled)\b"
)
FILLER = set(
    """a an the and or of in on at to for with who whom whose that which are is be been being have has
    had having do does did not no any some all find show list give get me us our my we i you your their
    them they those these this customers customer clients client people persons folks members
    accounts account might may could would should will can want wants like likes currently also
    just only please whether if as by from into about very really more most good interested interest
    care cares caring looking look thinking considering seeking need needs products product services
    service options someone anyone everyone""".split()
)

_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80}  # fmt: skip
_DECADE_RE = re.compile(
    r"\b(?:in (?:their|his|her) |aged? (?:in (?:their|the) )?)?(?P<part>early|mid|late)?[- ]?"
    r"(?P<decade>[2-9]0)['’]?s\b(?P<more>(?:\s*(?:or|and|to|-)\s*(?:early |mid |late )?(?:[2-9]0)['’]?s)*)"
    r"|\b(?:in (?:their|his|her) )(?P<part2>early|mid|late)?[- ]?(?P<word>" + _alt(*_DECADE_WORDS) + r")\b"
    r"|\b(?P<some>twenty|thirty|forty|fifty|sixty)[- ]?somethings?\b"
    r"|\b(?:in (?:their|his|her) |aged? (?:in (?:their|the) )?)(?P<part3>early|mid|late)?[- ]?(?P<big>[1-9]\d+0)['’]?s\b"
)
_SOMETHING = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_PART = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}


class _Work:
    """The question being read, with what earlier patterns used masked out."""

    def __init__(self, query: str):
        lowered = query.lower()
        if len(lowered) != len(query):  # rare Unicode whose lower case changes length
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in query)
        self.original = query
        text = _NUMBER_WORD_RE.sub(lambda m: str(NUMBER_WORDS[m[1]]).ljust(len(m[1])), lowered)
        self.text = _AMOUNT_WORDS_RE.sub(lambda m: AMOUNT_WORDS[m[1]].ljust(len(m[1])), text)
        self.cased = query
        self.conditions: list[Condition] = []
        self.signals: list[Condition] = []
        self.ignored: list[str] = []
        self.protected_spans: list[tuple[int, int]] = []
        self.hard_spans: list[tuple[int, int]] = []
        self.number_ends: dict[int, str] = {}  # where a number's condition ends: its field

    def finditer(self, pattern: re.Pattern, *, cased=False) -> Iterator[re.Match]:
        """Matches in the unused text (a match's masking hides it from the next patterns)."""
        source = self.cased if cased else self.text
        yield from pattern.finditer(source)

    def use(self, start: int, end: int, *, hard: bool = True) -> None:
        pad = "\x00" * (end - start)
        self.text = self.text[:start] + pad + self.text[end:]
        self.cased = self.cased[:start] + pad + self.cased[end:]
        if hard:
            self.hard_spans.append((start, end))


def _choice_label(choices, codes) -> str:
    return " or ".join(choices(code).label.lower() for code in codes)


def _read_protected(work: _Work) -> None:
    for match in work.finditer(PROTECTED):
        work.use(*match.span(), hard=False)
        work.protected_spans.append(match.span())
        note = f"“{match[0]}” is ignored: protected attributes are not stored or searchable."
        if note not in work.ignored:
            work.ignored.append(note)


def _read_decades(work: _Work) -> None:
    for match in work.finditer(_DECADE_RE):
        if match["some"]:
            lo = _SOMETHING[match["some"]]
            bounds = [lo, lo + 9]
        elif match["big"]:
            part = _PART[match["part3"]]
            bounds = [int(match["big"]) + part[0], int(match["big"]) + part[1]]
            if _out_of_bounds(work, "age", bounds, *match.span()):
                continue
        elif match["word"]:
            decade = _DECADE_WORDS[match["word"]]
            part = _PART[match["part2"]]
            bounds = [decade + part[0], decade + part[1]]
        else:
            decade = int(match["decade"])
            part = _PART[match["part"]]
            lo, hi = decade + part[0], decade + part[1]
            for extra in re.finditer(r"(?:(early|mid|late) )?([2-9]0)['’]?s", match["more"] or ""):
                other = int(extra[2])
                hi = max(hi, other + _PART[extra[1]][1])
                lo = min(lo, other + _PART[extra[1]][0])
            bounds = [lo, hi]
        work.use(*match.span())
        work.conditions.append(
            numeric_condition("age", "between", bounds, label=f"aged {bounds[0]} to {bounds[1]}")
        )


_JOINED_RE = re.compile(
    r"\b(?:joined|opened (?:an? )?accounts?|became (?:a )?(?:customers?|clients?)|onboarded|signed up|new(?: customers?| clients?)?)"
    r"\s+(?:with us\s+)?(?:in|within|during|over)\s+the\s+(?:last|past|previous)\s+(?P<num>\d+|a|one)?\s*(?P<unit>years?|months?)\b"
)
_SINCE_RE = re.compile(
    r"\b(?:customers?|clients?|members?|with us|joined|banked with us)\s+"
    r"(?P<rel>since before|since|before|prior to|after|since after)\s+(?:(?:the )?year\s+)?(?P<year>\d{4})\b"
)
_CONTACT_RE = re.compile(
    r"\b(?:not|haven't been|have not been|hasn't been|has not been|never been|no|without)\s+(?:been\s+)?"
    r"(?:contacted|contact|spoken to|reached|called|heard from)\s+(?:(?:in|for|within|during|over|in over|for over|"
    r"in more than|for more than)\s+)?(?:the\s+)?"
    r"(?:(?:last|past)\s+)?(?P<num>\d+|a|one)?\s*(?P<unit>years?|months?|weeks?|days?)\b"
)


def _years_ago(today: date, years: int = 0, months: int = 0, days: int = 0) -> date:
    month_index = today.year * 12 + today.month - 1 - years * 12 - months
    year, month = divmod(month_index, 12)
    day = min(today.day, 28) if (month + 1) == 2 else min(today.day, 30 if month + 1 in (4, 6, 9, 11) else 31)
    return date.fromordinal(date(year, month + 1, day).toordinal() - days)


_YEARS_PER = {"year": 1, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}


def _longer_than_anyone_banks(work: _Work, match: re.Match, n: int, unit: str) -> bool:
    """A period past the longest tenure is reported, not turned into an impossible date."""
    longest = field_bounds("tenure_years")[1]
    if n * _YEARS_PER[unit] <= longest:
        return False
    work.use(*match.span())
    work.ignored.append(f"“{match[0]}” is ignored: no one has been a customer for over {longest} years.")
    return True


def _years_out_of_reach(
    work: _Work, match: re.Match, who: str, first: int | None, last: int | None, *, today: date
) -> bool:
    """A date condition whose years [first, last] miss every year a customer's date can have
    (the last ``MAX_AGE`` years) is reported, not searched: "born in 3000", "customers since 1700"."""
    earliest, latest = today.year - field_bounds("age")[1], today.year
    if (first is None or first <= latest) and (last is None or last >= earliest):
        return False
    work.use(*match.span())
    work.ignored.append(f"“{match[0].strip()}” is ignored: {who} between {earliest} and {latest}.")
    return True


def _read_dates(work: _Work, today: date) -> None:
    for match in work.finditer(_JOINED_RE):
        n = 1 if match["num"] in (None, "a", "one") else int(match["num"])
        if _longer_than_anyone_banks(work, match, n, match["unit"].rstrip("s")):
            continue
        work.use(*match.span())
        if match["unit"].startswith("year"):
            work.conditions.append(
                numeric_condition(
                    "tenure_years", "lt", n, label=f"joined in the last {n} year{'s' * (n != 1)}"
                )
            )
        else:
            since = _years_ago(today, months=n)
            work.conditions.append(
                Condition(
                    "customer_since",
                    "gte",
                    since.isoformat(),
                    f"joined in the last {n} month{'s' * (n != 1)}",
                )
            )
    for match in work.finditer(_SINCE_RE):
        year, rel = int(match["year"]), match["rel"]
        admitted = (year + 1, None) if "after" in rel else (None, year if rel == "since" else year - 1)
        if _years_out_of_reach(work, match, "customers joined", *admitted, today=today):
            continue
        work.use(*match.span())
        if rel == "since":
            condition = Condition(
                "customer_since", "lte", f"{year}-12-31", f"customer since {year} or earlier"
            )
        elif "after" in rel:
            condition = Condition(
                "customer_since", "gte", f"{year + 1}-01-01", f"customer since after {year}"
            )
        else:
            condition = Condition("customer_since", "lt", f"{year}-01-01", f"customer since before {year}")
        work.conditions.append(condition)
    for match in work.finditer(_CONTACT_RE):
        n = 1 if match["num"] in (None, "a", "one") else int(match["num"])
        unit = match["unit"].rstrip("s")
        if _longer_than_anyone_banks(work, match, n, unit):
            continue
        kwargs = {"year": {"years": n}, "month": {"months": n}, "week": {"days": 7 * n}, "day": {"days": n}}[
            unit
        ]
        cutoff = _years_ago(today, **kwargs)
        work.use(*match.span())
        work.conditions.append(
            Condition(
                "last_contact_date",
                "before_or_never",
                cutoff.isoformat(),
                f"not contacted in the last {unit}" if n == 1 else f"not contacted in the last {n} {unit}s",
            )
        )


# A field word that a number follows labels that number ("credit 9999 income 50k": income 50k).
_LABELS_NEXT = re.compile(rf"\s*(?:(?:is|of|at|:|=)\s*)?(?:(?:{GT}|{GTE}|{LT}|{LTE})\s*)?{NUM}")
_JOINED_TAIL = re.compile(r"[\s,]*(?:\b(?:and|but|or)\b[\s,]*)?$")


def _field_for(work: _Work, start: int, end: int, *, joined: bool = False) -> tuple[str | None, int, int]:
    """The field a number at [start, end) speaks of, and the span that names it.

    A field named after the number wins ("20 years with us"), unless a field is also named just
    before it and the word after labels the next number: in "credit 9999 income 50k" the 9999 is
    the credit score's. A comparison ``joined`` to the last one by "and"/"but"/"or" and naming no
    field speaks of the same field ("credit over 600 and under 700").
    """
    after = work.text[end : end + 60]
    after_name, after_end = None, end
    for name, pattern in _AFTER_RES:
        found = pattern.match(after)
        if found:
            after_name, after_end = name, end + found.end()
            break
    before = work.text[max(0, start - 40) : start]
    before_name, before_start = None, start
    for name, pattern in _BEFORE_RES:
        found = pattern.search(before)
        if found:
            before_name, before_start = name, start - (len(before) - found.start())
            break
    if after_name and not (before_name and _LABELS_NEXT.match(work.text, after_end)):
        return after_name, start, after_end
    if before_name:
        return before_name, before_start, end
    if joined:
        tail = _JOINED_TAIL.search(work.text, 0, start)
        if tail and tail.start() in work.number_ends:
            return work.number_ends[tail.start()], start, end
    return None, start, end


def _guess_field(value: float, money: bool, query: str) -> str | None:
    """A field for a number that names none, from its size and the rest of the question."""
    if money or value >= 1_000:
        return "annual_income" if re.search(r"earn|income|salar|making|paid", query) else "investable_assets"
    if 300 <= value <= 850 and re.search(r"credit|fico|score", query):
        return "credit_score"
    if 16 <= value <= 110:
        return "age"
    return None


def _bound_text(field_name: str, value) -> str:
    return f"${int(value):,}" if field_name in MONEY_FIELDS else f"{int(value):,}"


def _out_of_bounds(work: "_Work", field_name: str, values: list[float], start: int, end: int) -> bool:
    """Numbers the field cannot hold are reported and masked, never read as another field."""
    lo, hi = field_bounds(field_name)
    if all(lo <= value <= hi for value in values):
        return False
    work.use(start, end)
    work.ignored.append(
        f"“{work.original[start:end].strip()}” is ignored: {FIELD_LABELS[field_name]} must be "
        f"{_bound_text(field_name, lo)} to {_bound_text(field_name, hi)}."
    )
    return True


def _exactly(work: "_Work", field_name: str, value: float, start: int, end: int) -> int | None:
    """The whole number an "exactly" means. Age and tenure count completed years, so 45.5 is
    45; a count such as dependents has no fractions, so "2.5 kids" is reported, not rounded."""
    if float(value).is_integer():
        return int(value)
    if field_name in DERIVED_YEAR_FIELDS:
        return math.floor(value)
    work.use(start, end)
    work.ignored.append(
        f"“{work.original[start:end].strip()}” is ignored: {FIELD_LABELS[field_name]} must be a whole number."
    )
    return None


GENERATIONS = [
    (r"gen(?:eration)?[- ]?z|zoomers", 1997, 2012, "Gen Z"),
    (r"millennials?|gen(?:eration)?[- ]?y", 1981, 1996, "millennials"),
    (r"gen(?:eration)?[- ]?x(?:ers)?", 1965, 1980, "Gen X"),
    (r"(?:baby[- ])?boomers?", 1946, 1964, "baby boomers"),
    (r"silent generation", 1928, 1945, "the silent generation"),
]
_GENERATION_RES = [(re.compile(rf"\b(?:{p})\b"), first, last, name) for p, first, last, name in GENERATIONS]
_HUNDREDS_RE = re.compile(r"(?:\bin the\s+|\bthe\s+)?\b(?P<h>[1-9]\d*)00['’]?s\b")
_AGE_GROUP_RE = re.compile(r"\b(?P<side>over|under)[- ](?P<age>[1-9]\d)['’]?s\b")


_BORN_RE = re.compile(
    r"\bborn\s+(?:(?P<rel>in|before|after|since|prior to)\s+)?(?:the\s+)?(?:(?P<part>early|mid|late)[- ])?"
    r"(?P<year>\d+)(?P<decade>['’]?s)?\b"
)


def _read_births(work: _Work, today: date) -> None:
    """ "Born in the 60s" is a date of birth in 1960-1969 (never an age of 60 to 69), "born in
    1975" one in that year, "born before 1960" one before it."""
    for match in work.finditer(_BORN_RE):
        year = int(match["year"])
        if match["decade"]:
            if year < 100:
                year += 2000 if year < 20 else 1900
            part = _PART[match["part"]]
            first, last = year + part[0], year + part[1]
            said = f"the {match['part'] + ' ' if match['part'] else ''}{year}s"
        else:
            first = last = year
            said = str(year)
        rel = match["rel"] or "in"
        admitted = {
            "before": (None, first - 1),
            "prior to": (None, first - 1),
            "after": (last + 1, None),
        }.get(rel, (first, None) if rel == "since" else (first, last))
        if _years_out_of_reach(work, match, "customers were born", *admitted, today=today):
            continue
        work.use(*match.span())
        lo, hi = admitted
        label = f"born {rel} {said}"
        if lo is not None and hi is not None:
            condition = Condition("date_of_birth", "between", [f"{lo}-01-01", f"{hi}-12-31"], label)
        elif lo is not None:
            condition = Condition("date_of_birth", "gte", f"{lo}-01-01", label)
        else:
            condition = Condition("date_of_birth", "lte", f"{hi}-12-31", label)
        work.conditions.append(condition)


def _read_generations(work: _Work) -> None:
    for pattern, first, last, name in _GENERATION_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            work.conditions.append(
                Condition(
                    "date_of_birth",
                    "between",
                    [f"{first}-01-01", f"{last}-12-31"],
                    f"{name} (born {first}–{last})",
                )
            )


def _read_age_groups(work: _Work) -> None:
    for match in list(work.finditer(_AGE_GROUP_RE)):
        age = int(match["age"])
        work.use(*match.span())
        op = "gte" if match["side"] == "over" else "lt"
        work.conditions.append(numeric_condition("age", op, age, label=f"{match['side']}-{age}s"))


def _add_number(work: _Work, start: int, end: int, condition: Condition) -> None:
    work.use(start, end)
    work.number_ends[end] = condition.field
    work.conditions.append(condition)


def _read_numbers(work: _Work) -> None:
    for match in list(work.finditer(_HUNDREDS_RE)):
        name, start, end = _field_for(work, *match.span())
        if name == "credit_score" or re.search(
            r"credit|fico", work.text[max(0, match.start() - 40) : match.start()]
        ):
            lo = int(match["h"]) * 100
            if _out_of_bounds(work, "credit_score", [lo], start, end):
                continue
            hi = min(lo + 99, field_bounds("credit_score")[1])
            _add_number(work, start, end, numeric_condition("credit_score", "between", [lo, hi]))
    for match in list(work.finditer(_RANGE_RE)):
        lo, lo_money = parse_number(match["lo"])
        hi, hi_money = parse_number(match["hi"])
        if hi_money and not lo_money and lo < 1_000 <= hi:  # "200-300k"
            lo *= hi / max(parse_number(re.sub(r"[a-z]+$", "", match["hi"]))[0], 1)
        if lo > hi:
            if not (match["between"] or match["sep"] != "and"):
                continue  # "aged 65 and 2 kids": two numbers, not a range
            lo, hi = hi, lo  # "between 10 and 5" means 5 to 10, for every field
        name, start, end = _field_for(work, *match.span())
        name = name or ("age" if match["aged"] else _guess_field(hi, lo_money or hi_money, work.text))
        if name is None or _out_of_bounds(work, name, [lo, hi], start, end):
            continue
        if name in ("age", "tenure_years"):
            unit = _YEARS_UNIT.match(work.text, end)
            end = unit.end() if unit else end
        _add_number(work, start, end, numeric_condition(name, "between", [lo, hi]))

    for match in list(work.finditer(_COMPARE_RE)):
        number = match["num"] or match["num2"]
        value, money = parse_number(number)
        cmp = (match["cmp"] or "").strip()
        post = (match["post"] or match["post2"] or "").strip()
        if post:
            op = "gte" if re.fullmatch(POST_GTE, post) else "lte"
        elif re.fullmatch(GT, cmp):
            op = "gt"
        elif re.fullmatch(GTE, cmp):
            op = "gte"
        elif re.fullmatch(LT, cmp):
            op = "lt"
        else:
            op = "lte"
        name, start, end = _field_for(work, *match.span(), joined=bool(cmp))
        if name is None and cmp in ("older than", "younger than"):
            name = "age"
        name = name or _guess_field(value, money, work.text)
        if name is None or _out_of_bounds(work, name, [value], start, end):
            continue
        if name in ("age", "tenure_years"):
            unit = _YEARS_UNIT.match(work.text, end)
            end = unit.end() if unit else end
        _add_number(work, start, end, numeric_condition(name, op, value))

    for match in list(work.finditer(_BARE_RE)):
        value, money = parse_number(match["num"])
        name, start, end = _field_for(work, *match.span())
        if name is None or (start, end) == match.span() or _out_of_bounds(work, name, [value], start, end):
            continue
        op = "eq" if name in ("age", "dependents") else "gte"
        if op == "eq":
            value = _exactly(work, name, value, start, end)
            if value is None:
                continue
        _add_number(work, start, end, numeric_condition(name, op, value))


WORD_TERMS: list[tuple[str, str, str]] = [
    # (pattern, vocabulary term, label)
    (r"(?:nearing|near|approaching|close to|closing in on|getting close to|heading (?:into|toward)|on the verge of)"
     r" retirement(?: age)?|pre-?retire(?:es?|ment)|about to retire|soon to retire|(?:getting|almost) ready to "
     r"retire|(?:preparing|planning) to retire|retiring soon|(?:will|to) retire soon|late[- ]career|"
     r"within (?:a few|\d+) years of retirement", "nearing_retirement", "nearing retirement"),
    (r"seniors?|senior citizens?|elderly|older (?:customers|clients|people|adults)|over-65s", "seniors", "seniors"),
    (r"middle[- ]aged?|midlife|mid-life", "middle_aged", "middle-aged"),
    (r"young(?:er)?(?! (?:children|kids|child|ones|dependents))(?: adults?| people| customers| clients| families| couples)?|youth|"
     r"early[- ]career|starting out|recent grad(?:uate)?s?", "young", "young"),
    (r"ultra[- ]high[- ]net[- ]worth|uhnw\w*", "ultra_high_net_worth", "ultra-high net worth"),
    (r"millionaires?|seven[- ]figure (?:portfolios?|assets|balances?|net worth)", "millionaires", "millionaires"),
    (r"(?:very |really )?high[- ]income|high[- ]earn(?:ers?|ing)|(?:top|big|high) earners?|well[- ]paid|"
     r"highly paid|(?:big|large|high) salar(?:y|ies)|high[- ]salar(?:y|ied)", "high_income", "high income"),
    (r"six[- ]figures?(?: (?:income|salar(?:y|ies)|earners?))?", "six_figure_income", "six-figure income"),
    (r"middle[- ]income|middle[- ]class", "middle_income", "middle income"),
    (r"low[- ]income|low(?:er)?[- ](?:wage|earning)|low earners?|modest (?:income|means)", "low_income", "low income"),
    (r"large (?:families|households)|big (?:families|households)|many (?:kids|children)", "large_families",
     "large families"),
    (r"(?:parents?|famil(?:y|ies)|moms?|dads?|mothers?|fathers?|(?:with|have|has|having) (?:young )?(?:kids|children|"
     r"dependents|a child|a baby|a family)|(?:kids|children) at home|growing famil(?:y|ies)|new parents)",
     "parents", "parents"),
    (r"long[- ](?:standing|time|term)|longtime|loyal|(?:our )?oldest (?:customers|clients|relationships)|"
     r"long relationships?", "long_standing", "long-standing customers"),
    (r"new(?:ly)?[- ](?:joined |onboarded )?(?:customers?|clients?|members?)|recently (?:joined|onboarded)|"
     r"newcomers", "new_customers", "new customers"),
]  # fmt: skip
_WORD_TERM_RES = [(re.compile(rf"\b(?:{p})\b"), name, label) for p, name, label in WORD_TERMS]

CREDIT_ADJECTIVES = [
    ("excellent_credit", r"excellent|exceptional|outstanding|superb|stellar|perfect|top[- ]tier|pristine|great|"
     r"very high|elite"),
    ("very_good_credit", r"very good|very strong"),
    ("good_credit", r"good|strong|solid|healthy|decent|high|prime|clean|above[- ]average"),
    ("fair_credit", r"fair|average|ok|okay|moderate|middling|so-so|mediocre"),
    ("subprime_credit", r"subprime|sub-prime|near[- ]prime"),
    ("poor_credit", r"poor|bad|low|weak|damaged|bruised|challenged|impaired|shaky|below[- ]average|terrible"),
]  # fmt: skip
_CREDIT_ADJ = "|".join(f"(?P<{name}>{p})" for name, p in CREDIT_ADJECTIVES)
_CREDIT_WORD_RE = re.compile(
    rf"\b(?:{_CREDIT_ADJ})(?:(?:\s+(?:to|or|and|/)\s+|\s*-\s*)(?:{'|'.join(p for _, p in CREDIT_ADJECTIVES)}))?"
    r"(?:\s+(?:credit|fico))(?:\s+(?:scores?|ratings?|histor(?:y|ies)|profiles?|records?))?\b"
    r"|\b(?:credit|fico)(?:\s+scores?)?\s+(?:is |that is |that's |are )?(?:"
    + "|".join(f"(?P<{name}_after>{p})" for name, p in CREDIT_ADJECTIVES)
    + r")\b"
)

SEGMENT_PHRASES = [
    ([SEG.HIGH_NET_WORTH], r"high[- ]net[- ]worth(?: individuals?)?|hnw\w*|private (?:banking )?clients?", "high net worth"),
    ([SEG.MASS_AFFLUENT], r"mass[- ]affluent|emerging affluent", "mass affluent"),
    ([SEG.AFFLUENT, SEG.HIGH_NET_WORTH], r"wealthy|wealthiest|rich(?:est)?|well[- ]off|well[- ]to[- ]do|"
     r"moneyed|deep pockets|(?:high|large|big) (?:balances?|asset)s?", "wealthy (affluent or high net worth)"),
    ([SEG.AFFLUENT], r"affluent", "affluent"),
    ([SEG.MASS_MARKET], r"mass[- ]market|everyday (?:customers|banking)|retail (?:segment|customers)", "mass market"),
]  # fmt: skip
_SEGMENT_RES = [(codes, re.compile(rf"\b(?:{p})\b"), label) for codes, p, label in SEGMENT_PHRASES]


def _read_words(work: _Work, patterns) -> None:
    for pattern, name, label in patterns:
        for match in work.finditer(pattern):
            work.use(*match.span())
            work.conditions.extend(term(name, label))
            if name == "nearing_retirement":
                work.conditions.append(
                    Condition(
                        "employment_status", "not_in", [ES.RETIRED.value], "not yet retired", vague=True
                    )
                )


def _read_credit_words(work: _Work) -> None:
    for match in work.finditer(_CREDIT_WORD_RE):
        name = next(key.removesuffix("_after") for key, value in match.groupdict().items() if value)
        work.use(*match.span())
        label = match[0].strip()
        work.conditions.extend(term(name, label))


def _codes_in(text: str) -> list[str]:
    """Product codes named in a list like "a mortgage or a credit card"."""
    codes: list[str] = []
    for piece in _PRODUCT_SPLIT.findall(text):
        for product_codes, pattern in _PRODUCT_RES:
            if pattern.match(piece):
                codes.extend(c.value for c in product_codes if c.value not in codes)
                break
    return codes


def _product_label(codes: list[str]) -> str:
    labels = [P(c).label.lower() for c in codes]
    if P.CREDIT_CARD in codes and P.PREMIUM_CREDIT_CARD in codes:
        labels.remove(P.PREMIUM_CREDIT_CARD.label.lower())
        labels[labels.index(P.CREDIT_CARD.label.lower())] = "any credit card"
    return " or ".join(labels)


def _read_products(work: _Work) -> None:
    not_held: list[str] = []
    for pattern, acquire in ((_NOT_HELD_RE, False), (_FREE_RE, False), (_ACQUIRE_RE, True)):
        for match in work.finditer(pattern):
            codes = _codes_in(match["list"])
            if not codes or (acquire is False and match[0].startswith(("no ", "not ")) and "loan" in codes):
                continue
            work.use(*match.span())
            not_held.extend(c for c in codes if c not in not_held)
            if acquire:
                for code in codes:
                    interest = PRODUCT_INTEREST.get(code)
                    if interest:
                        work.signals.append(_interest_signal([interest.value]))
    if not_held:
        work.conditions.append(
            Condition("products", "not_contains_any", not_held, f"does not hold {_product_label(not_held)}")
        )
    for pattern in (_HOLDERS_RE, _HELD_RE):
        for match in work.finditer(pattern):
            codes = _codes_in(match["list"])
            if not codes:
                continue
            work.use(*match.span())
            groups = [codes] if set(codes) == {P.CREDIT_CARD, P.PREMIUM_CREDIT_CARD} else [[c] for c in codes]
            if " or " in match["list"] and len(groups) > 1:
                groups = [codes]
            for group in groups:
                if len(group) == 1:
                    work.conditions.append(
                        Condition("products", "contains", group[0], f"holds {_product_label(group)}")
                    )
                else:
                    work.conditions.append(
                        Condition("products", "contains_any", group, f"holds {_product_label(group)}")
                    )


def _read_choices(work: _Work) -> None:
    for codes, pattern, label in _EMPLOYMENT_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            values = [c.value for c in codes]
            if match["neg"]:
                work.conditions.append(Condition("employment_status", "not_in", values, f"not {label}"))
            else:
                work.conditions.append(Condition("employment_status", "in", values, label))
    for codes, pattern, label in _SEGMENT_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            work.conditions.append(Condition("segment", "in", [c.value for c in codes], label))
    for code, pattern in _RISK_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            following = re.match(
                r"\s*(?:risk\s+)?(?:appetite|tolerance|profile|investors?|approach)\b",
                work.text[match.end() :],
            )
            if following:
                work.use(match.end(), match.end() + following.end())
            work.conditions.append(
                Condition("risk_tolerance", "in", [code.value], f"{code.label.lower()} risk")
            )
    for codes, pattern in _CHANNEL_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            values = [c.value for c in codes]
            work.conditions.append(
                Condition(
                    "preferred_channel", "in", values, f"prefers {_choice_label(PreferredChannel, values)}"
                )
            )


def _read_places(work: _Work) -> None:
    included: list[str] = []
    excluded: list[str] = []
    names: dict[str, str] = {}
    for match in work.finditer(_PLACE_RE):
        place = match["place"]
        codes = REGIONS.get(place) or [_STATE_NAMES[place]]
        target = excluded if match["neg"] else included
        target.extend(c for c in codes if c not in target)
        names.update({c: US_STATES[c] for c in codes})
        work.use(*match.span())
    for match in work.finditer(_CODE_RE, cased=True):
        code = match["code"]
        if code not in US_STATES or (code in _AMBIGUOUS_CODES and not match["pre"]):
            continue
        if code not in included:
            included.append(code)
        work.use(*match.span("code"))
    if included:
        label = "in " + " or ".join(US_STATES[c] for c in included)
        work.conditions.append(Condition("state", "in", included, label))
    if excluded:
        label = "outside " + " and ".join(US_STATES[c] for c in excluded)
        work.conditions.append(Condition("state", "not_in", excluded, label))


_CITY_RE = re.compile(
    r"\b(?:in|from|near|around|based in|living in|located in|who live in)\s+"
    r"(?P<city>[A-Z][a-z]+(?:\.)?(?:[ -][A-Z][a-z]+){0,2})\b"
)


def _read_cities(work: _Work) -> None:
    """A capitalised place after "in"/"from" that no other pattern claimed: a city."""
    cities = []
    for match in work.finditer(_CITY_RE, cased=True):
        cities.append(match["city"])
        work.use(*match.span())
    if cities:
        work.conditions.append(Condition("city", "in", cities, "in " + " or ".join(cities)))


def _read_occupations(work: _Work) -> None:
    for words, pattern in _OCCUPATION_RES:
        for match in work.finditer(pattern):
            work.use(*match.span())
            work.conditions.append(
                Condition("occupation", "icontains_any", list(words), f"occupation: {match[0]}")
            )


def _interest_signal(codes: list[str]) -> Condition:
    return Condition(
        "interests", "contains_any", codes, "interested in " + _choice_label(Interest, codes), required=False
    )


def _read_interests(work: _Work) -> None:
    for match in work.finditer(_INVESTMENT_PRODUCTS_RE):
        work.use(*match.span(), hard=False)
        work.signals.append(_interest_signal([c.value for c in INVESTMENT_FAMILY]))
    for code, pattern in _INTEREST_RES:
        for match in work.finditer(pattern):
            work.use(*match.span(), hard=False)
            work.signals.append(_interest_signal([code.value]))


def _first_time_buyers(work: _Work) -> None:
    """A first-time buyer has no mortgage yet: the one hard fact hidden in that phrase."""
    pattern = re.compile(
        r"\bfirst[- ]time (?:home ?|house ?)?buyers?\b|\bbuy(?:ing)? (?:their|a) first (?:home|house)\b"
    )
    for match in work.finditer(pattern):
        work.use(*match.span(), hard=False)
        work.signals.append(_interest_signal([IT.HOME_BUYING.value]))
        work.conditions.append(
            Condition("products", "not_contains_any", [P.MORTGAGE.value], "does not hold a mortgage")
        )


def _no_children(work: _Work) -> None:
    pattern = re.compile(
        r"\b(?:no|without|zero|0)\s+(?:kids|children|dependents|child)\b|\bchild(?:less|[- ]free)\b|"
        r"\bempty[- ]nesters?\b"
    )
    for match in work.finditer(pattern):
        work.use(*match.span())
        work.conditions.append(Condition("dependents", "eq", 0, "no dependents"))


# Several of these in one question mean any of them: "nurses and teachers", "retirees or students".
UNION_FIELDS = {("occupation", "icontains_any"), ("employment_status", "in")}


def _merge(conditions: list[Condition]) -> list[Condition]:
    """Drop vague conditions a stated number overrides and repeats; join the alternatives."""
    stated = {c.field for c in conditions if not c.vague}
    kept: list[Condition] = []
    seen: set[str] = set()
    for condition in conditions:
        if (condition.vague and condition.field in stated) or condition.key in seen:
            continue
        seen.add(condition.key)
        previous = next((c for c in kept if (c.field, c.op) == (condition.field, condition.op)), None)
        if previous and (condition.field, condition.op) in UNION_FIELDS:
            values = previous.value + [v for v in condition.value if v not in previous.value]
            label = f"{previous.label} or {condition.label.removeprefix('occupation: ')}"
            kept[kept.index(previous)] = Condition(condition.field, condition.op, values, label)
            continue
        kept.append(condition)
    return kept


def _admits(condition: Condition) -> tuple[tuple[float, bool], tuple[float, bool]]:
    """The interval of values ``condition`` admits: (low, open?), (high, open?)."""
    inf = float("inf")
    op, value = condition.op, condition.value
    if op == "between":
        return (float(value[0]), False), (float(value[1]), False)
    bound = float(value)
    return {
        "gt": ((bound, True), (inf, False)),
        "gte": ((bound, False), (inf, False)),
        "lt": ((-inf, False), (bound, True)),
        "lte": ((-inf, False), (bound, False)),
        "eq": ((bound, False), (bound, False)),
    }[op]


def _drop_contradictions(conditions: list[Condition], ignored: list[str]) -> list[Condition]:
    """Conditions on one number that no value meets together ("credit over 700 and under 600")
    are reported and none of them is used: guessing which one the RM meant would hide the other."""
    kept = list(conditions)
    for field_name in NUMERIC_FIELDS:
        bounds = [
            c for c in kept if c.field == field_name and c.op in ("gt", "gte", "lt", "lte", "eq", "between")
        ]
        if len(bounds) < 2:
            continue
        lows, highs = zip(*(_admits(c) for c in bounds), strict=True)
        low = max(lows, key=lambda b: (b[0], b[1]))
        high = min(highs, key=lambda b: (b[0], not b[1]))
        if low[0] < high[0] or (low[0] == high[0] and not (low[1] or high[1])):
            continue
        kept = [c for c in kept if c not in bounds]
        labels = " and ".join(f"“{c.label}”" for c in bounds)
        ignored.append(f"{labels} are ignored: no customer can meet them all.")
    return kept


def _merge_products(conditions: list[Condition]) -> list[Condition]:
    """One "does not hold" condition, and nothing both required and excluded."""
    excluded: list[str] = []
    for c in conditions:
        if c.field == "products" and c.op == "not_contains_any":
            excluded.extend(v for v in c.value if v not in excluded)
    others = [c for c in conditions if not (c.field == "products" and c.op == "not_contains_any")]
    held = {c.value for c in others if c.field == "products" and c.op == "contains"}
    excluded = [v for v in excluded if v not in held]
    if excluded:
        others.append(
            Condition("products", "not_contains_any", excluded, f"does not hold {_product_label(excluded)}")
        )
    return others


def _remaining_text(work: _Work, spans: list[tuple[int, int]]) -> str:
    chars = list(work.original)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]", "".join(chars))
    return " ".join(w for w in words if w.lower() not in FILLER)


def parse_query(query: str, *, today: date | None = None) -> ParsedQuery:
    """Read the hard conditions, soft signals and remaining text out of an RM's question."""
    today = today or date.today()
    work = _Work(query)
    _read_protected(work)
    _read_dates(work, today)
    _read_births(work, today)
    _read_generations(work)
    _read_age_groups(work)
    _read_decades(work)
    _read_numbers(work)
    _first_time_buyers(work)
    _no_children(work)
    _read_products(work)
    _read_credit_words(work)
    _read_words(work, _WORD_TERM_RES)
    _read_choices(work)
    _read_places(work)
    _read_occupations(work)
    _read_interests(work)
    _read_cities(work)
    conditions = _drop_contradictions(_merge_products(_merge(work.conditions)), work.ignored)
    signals = _merge(work.signals)
    ranking_chars = list(work.original)
    for start, end in work.protected_spans:
        ranking_chars[start:end] = " " * (end - start)
    return ParsedQuery(
        query=query,
        conditions=tuple(conditions),
        signals=tuple(signals),
        text=_remaining_text(work, work.hard_spans + work.protected_spans),
        ranking_text=" ".join("".join(ranking_chars).split()),
        ignored=tuple(work.ignored),
    )
