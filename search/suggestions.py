"""Suggested questions drawn from the caller's own book.

Every suggestion is a question in words the parser reads (``search.understanding``), and its ``count`` is
what running that question finds: the customers of the book that meet the question's hard
conditions, counted with the very filter the search applies (``search.selectors.conditions_q`` of
``interpret(query)``). So a suggestion can never promise more or fewer customers than a click
shows, even when the parser's reading of a phrase changes; tests/search/test_suggestions.py pins
what each phrase must mean.

Interests and notes only rank in a search, so a suggestion about them finds everyone who lacks the
products that serve the interest (or meets the life event's cohort), with those who state the
interest first; the ``why`` names how many of them that is. All counts come from one aggregate
query over the book; the parsed questions are kept per day, and each user's suggestions for
``CACHE_SECONDS``.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from customers.access import ServicePrincipal
from customers.choices import Interest as IT
from customers.models import Customer
from customers.selectors import customers_visible_to
from search.conditions import condition_q
from search.ranking import TEXT_SEARCH_CONFIG, interest_tiers
from search.selectors import interpret
from search.understanding import ParsedQuery

CACHE_SECONDS = 60
MAX_SUGGESTIONS = 8
PER_KIND = {"interest_gap": 3, "life_event": 2, "idle_savings": 1, "not_contacted": 2}


@dataclass(frozen=True)
class Template:
    """A question and how to explain what it finds.

    ``why`` is formatted with ``count`` (customers the question finds) and ``focus`` (those of
    them who also state the interest, or whose notes match ``notes``).
    """

    kind: str
    query: str
    why: str
    notes: str | None = None  # words of the RM's notes (life events), in websearch_to_tsquery syntax


# Interest held, none of the products that serve it held (shared/spec/domain.md), and, where the
# parser can say it, the product's eligibility rule.
INTEREST_GAPS: dict[str, Template] = {
    IT.RETIREMENT_PLANNING: Template(
        "interest_gap",
        "customers planning for retirement without a retirement account or wealth management",
        "Want retirement planning, hold neither a retirement account nor wealth management: "
        "{focus}. They come first among the {count} who hold neither.",
    ),
    IT.INVESTING: Template(
        "interest_gap",
        "customers interested in investing without a brokerage account or wealth management",
        "Want to invest, hold neither a brokerage account nor wealth management: {focus}. They "
        "come first among the {count} who hold neither.",
    ),
    IT.WEALTH_MANAGEMENT: Template(
        "interest_gap",
        "customers with at least $250k in assets who might want wealth management",
        "Ask about wealth management, qualify for it ($250k or more) and do not have it: {focus}. "
        "They come first among the {count} who qualify and do not have it.",
    ),
    IT.HOME_BUYING: Template(
        "interest_gap",
        "customers interested in buying a home without a mortgage with a credit score of at least 620",
        "Want to buy a home, no mortgage: {focus}. They come first among the {count} without one "
        "who meet the mortgage's credit score of 620.",
    ),
    IT.EDUCATION_SAVINGS: Template(
        "interest_gap",
        "customers saving for college without a savings account or a brokerage account",
        "Saving for education, neither a savings nor a brokerage account: {focus}. They come "
        "first among the {count} who hold neither.",
    ),
    IT.TRAVEL: Template(
        "interest_gap",
        "customers interested in travel without a premium credit card with a credit score of at "
        "least 700 earning at least $75k",
        "Love to travel, qualify for a premium card and do not have one: {focus}. They come first "
        "among the {count} who qualify (credit 700+, income $75k+) without one.",
    ),
    IT.SMALL_BUSINESS: Template(
        "interest_gap",
        "self-employed customers and business owners interested in growing their business without "
        "business checking or a business loan",
        "Want to grow their business, no business account or loan: {focus}. They come first "
        "among the {count} self-employed or business owners without either.",
    ),
    IT.DEBT_CONSOLIDATION: Template(
        "interest_gap",
        "customers interested in debt consolidation without a personal loan or a home equity line",
        "Want to consolidate debt, neither a personal loan nor a home equity line: {focus}. They "
        "come first among the {count} who hold neither.",
    ),
    IT.INSURANCE: Template(
        "interest_gap",
        "customers aged at most 75 interested in insurance without life insurance",
        "Ask about insurance, no life insurance: {focus}. They come first among the {count} aged "
        "75 or under without it.",
    ),
    IT.ESTATE_PLANNING: Template(
        "interest_gap",
        "customers interested in estate planning without wealth management or life insurance",
        "Want estate planning, neither wealth management nor life insurance: {focus}. They come "
        "first among the {count} who hold neither.",
    ),
    IT.TAX_PLANNING: Template(
        "interest_gap",
        "customers interested in tax planning without a retirement account or wealth management",
        "Want tax planning, neither a retirement account nor wealth management: {focus}. They "
        "come first among the {count} who hold neither.",
    ),
    IT.CREDIT_BUILDING: Template(
        "interest_gap",
        "customers building their credit without a credit card with a credit score of at least 580",
        "Want to build credit, no credit card: {focus}. They come first among the {count} without "
        "one who meet the card's credit score of 580.",
    ),
    IT.SAVING: Template(
        "interest_gap",
        "customers interested in saving without a savings account, a money market account or a "
        "certificate of deposit",
        "Want to save, no savings, money market or CD account: {focus}. They come first among "
        "the {count} who hold none.",
    ),
    IT.PHILANTHROPY: Template(
        "interest_gap",
        "customers with at least $250k in assets interested in charitable giving without wealth management",
        "Give to charity, qualify for wealth management and do not have it: {focus}. They come "
        "first among the {count} with $250k or more without it.",
    ),
    IT.REAL_ESTATE_INVESTING: Template(
        "interest_gap",
        "customers interested in real estate investing without a mortgage or a home equity line",
        "Invest in real estate, neither a mortgage nor a home equity line: {focus}. They come "
        "first among the {count} who hold neither.",
    ),
    IT.SUSTAINABLE_INVESTING: Template(
        "interest_gap",
        "customers interested in sustainable investing without a brokerage account or wealth management",
        "Want sustainable investments, neither a brokerage account nor wealth management: "
        "{focus}. They come first among the {count} who hold neither.",
    ),
}

# A life event in the notes, and the cohort it puts in need of a product. The event's words rank
# (the notes are searched by keyword and meaning); the cohort is what the question finds.
LIFE_EVENTS: dict[str, Template] = {
    "new_baby": Template(
        "life_event",
        "parents aged at most 75 without life insurance who welcomed a new baby",
        "Notes mentioning a new baby: {focus}. The question finds the {count} parents without "
        "life insurance; those notes rank high.",
        notes='"new baby" or newborn',
    ),
    "retiring": Template(
        "life_event",
        "customers nearing retirement without a retirement account who plan to retire",
        "Notes about retiring soon: {focus}. The question finds the {count} nearing retirement "
        "without a retirement account; those notes rank high.",
        notes='"plans to retire" or "early retirement" or "part-time work"',
    ),
    "windfall": Template(
        "life_event",
        "customers without a brokerage account or wealth management who received a bonus",
        "Notes mentioning a bonus or a sale: {focus}. The question finds the {count} without a "
        "brokerage account or wealth management; those notes rank high.",
        notes='bonus or "sold the family home" or "selling the business"',
    ),
    "promotion": Template(
        "life_event",
        "customers earning at least $75k with a credit score of at least 700 without a premium "
        "credit card who got a promotion",
        "Notes mentioning a promotion or a better salary: {focus}. The question finds the {count} "
        "who qualify for a premium card and lack one; those notes rank high.",
        notes='promotion or promoted or "better salary"',
    ),
}

OTHERS: dict[str, Template] = {
    "idle_savings": Template(
        "idle_savings",
        "customers with at least $250k in assets with a savings account and without a brokerage "
        "account, wealth management or a money market account",
        "$250k or more, a savings account and nothing invested (no brokerage, wealth management "
        "or money market account): {count}.",
    ),
    "not_contacted": Template(
        "not_contacted",
        "customers not contacted in the last 180 days",
        "Not contacted in the last 180 days, or never: {count}.",
    ),
    "wealthy_not_contacted": Template(
        "not_contacted",
        "wealthy customers not contacted in the last 90 days",
        "Affluent or high net worth, not contacted in the last 90 days: {count}.",
    ),
}

TEMPLATES: dict[str, Template] = {**INTEREST_GAPS, **LIFE_EVENTS, **OTHERS}


@dataclass(frozen=True)
class Suggestion:
    kind: str
    query: str
    count: int
    focus: int
    why: str

    def as_dict(self) -> dict:
        return {"query": self.query, "count": self.count, "why": self.why, "kind": self.kind}


@lru_cache(maxsize=64)
def _parsed(query: str, today: date) -> ParsedQuery:
    """``today`` keys the cache: "not contacted in the last 90 days" moves with the date."""
    return interpret(query)


def parsed_template(template: Template) -> ParsedQuery:
    return _parsed(template.query, date.today())


NEEDS_FOCUS = ("interest_gap", "life_event")


def _focus(template: Template, parsed: ParsedQuery) -> tuple[str, Q]:
    """The customers the ``why`` names among those found, and a key for that filter."""
    if template.notes:
        # The full-text column holds the notes: matching it costs a fraction of a regex on them.
        words = SearchQuery(template.notes, config=TEXT_SEARCH_CONFIG, search_type="websearch")
        return f"notes:{template.notes}", Q(search_document=words)
    groups = [list(signal.value) for signal in parsed.signals]
    return f"interests:{groups}", interest_tiers(groups)[0][0]  # the tier that comes first


def _counts(book: QuerySet[Customer], templates: list[Template]) -> list[tuple[int, int]]:
    """(found, focus) for each template, in one scan of the book.

    A question's hard conditions are ANDed exactly as ``conditions_q`` ANDs them, but each distinct
    condition is worked out once per customer, in a materialized CTE of booleans, and then only
    counted in combination: many questions share a condition ("without wealth management"), and
    evaluating each anew in every ``COUNT(*) FILTER`` cost three times as much.
    """
    atoms: dict[str, Q] = {}
    plans = []
    for template in templates:
        parsed = parsed_template(template)
        hard = []
        for condition in parsed.conditions:
            atoms.setdefault(condition.key, condition_q(condition.field, condition.op, condition.value))
            hard.append(condition.key)
        focus = None
        if template.kind in NEEDS_FOCUS:
            focus, q = _focus(template, parsed)
            atoms.setdefault(focus, q)
        plans.append((hard, focus))
    names = {key: f"a{index}" for index, key in enumerate(atoms)}
    flags = book.order_by().annotate(
        **{names[key]: ExpressionWrapper(q, output_field=BooleanField()) for key, q in atoms.items()}
    )
    inner, params = flags.values(*names.values()).query.sql_with_params()

    def every(keys: list[str]) -> str:
        return " AND ".join(f'"{names[key]}"' for key in keys) or "TRUE"

    columns = []
    for hard, focus in plans:
        columns.append(f"COUNT(*) FILTER (WHERE {every(hard)})")
        columns.append(f"COUNT(*) FILTER (WHERE {every([*hard, focus])})" if focus else "0")
    with connection.cursor() as cursor:
        cursor.execute(f"WITH flags AS MATERIALIZED ({inner}) SELECT {', '.join(columns)} FROM flags", params)
        row = cursor.fetchone()
    return [(row[2 * i], row[2 * i + 1]) for i in range(len(plans))]


def compute_suggestions(*, user) -> list[Suggestion]:
    """The suggestions for ``user``'s book, best first, without the cache: one query."""
    templates = list(TEMPLATES.values())
    counts = _counts(customers_visible_to(user), templates)
    by_kind: dict[str, list[Suggestion]] = {}
    for template, (count, focus) in zip(templates, counts, strict=True):
        if not count or (template.kind in NEEDS_FOCUS and not focus):
            continue
        why = template.why.format(count=f"{count:,}", focus=f"{focus:,}")
        by_kind.setdefault(template.kind, []).append(
            Suggestion(template.kind, template.query, count, focus, why)
        )
    chosen: list[Suggestion] = []
    for kind, limit in PER_KIND.items():
        ranked = sorted(by_kind.get(kind, []), key=lambda s: (-s.focus, -s.count, s.query))
        chosen.extend(ranked[:limit])
    return chosen[:MAX_SUGGESTIONS]


def _cache_key(user) -> str:
    if isinstance(user, ServicePrincipal):
        return f"search:suggestions:token:{user.token.pk}"
    return f"search:suggestions:user:{user.pk}"


def suggestions_for(*, user) -> list[Suggestion]:
    """``compute_suggestions``, kept per user for ``CACHE_SECONDS``: the search page asks on
    every visit, and a book changes slower than that."""
    key = _cache_key(user)
    cached = cache.get(key)
    if cached is None:
        cached = compute_suggestions(user=user)
        cache.set(key, cached, CACHE_SECONDS)
    return cached
