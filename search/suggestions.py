"""Suggested questions drawn from the caller's own book.

Every suggestion is a question in words the parser reads (``search.parsing``), and its ``count`` is
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

from django.core.cache import cache
from django.db.models import Count, Q

from customers.access import ServicePrincipal
from customers.choices import Interest as IT
from customers.selectors import customers_visible_to
from search.parsing import ParsedQuery
from search.ranking import interest_tiers
from search.selectors import conditions_q, interpret

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
    notes: str | None = None  # a PostgreSQL regular expression on the RM's notes (life events)


# Interest held, none of the products that serve it held (shared/spec/domain.md), and, where the
# parser can say it, the product's eligibility rule.
INTEREST_GAPS: dict[str, Template] = {
    IT.RETIREMENT_PLANNING: Template(
        "interest_gap",
        "customers planning for retirement without a retirement account or wealth management",
        "{focus} want retirement planning and hold neither a retirement account nor wealth "
        "management; they come first among the {count} who hold neither.",
    ),
    IT.INVESTING: Template(
        "interest_gap",
        "customers interested in investing without a brokerage account or wealth management",
        "{focus} want to invest and hold neither a brokerage account nor wealth management; "
        "they come first among the {count} who hold neither.",
    ),
    IT.WEALTH_MANAGEMENT: Template(
        "interest_gap",
        "customers with at least $250k in assets who might want wealth management",
        "{focus} with $250k or more (the least for wealth management) ask about wealth "
        "management and do not have it; they come first among the {count} who qualify.",
    ),
    IT.HOME_BUYING: Template(
        "interest_gap",
        "customers interested in buying a home without a mortgage with a credit score of at least 620",
        "{focus} want to buy a home and have no mortgage; they come first among the {count} "
        "without one who meet the mortgage's credit score of 620.",
    ),
    IT.EDUCATION_SAVINGS: Template(
        "interest_gap",
        "customers saving for college without a savings account or a brokerage account",
        "{focus} save for education and hold neither a savings nor a brokerage account; they "
        "come first among the {count} who hold neither.",
    ),
    IT.TRAVEL: Template(
        "interest_gap",
        "customers interested in travel without a premium credit card with a credit score of at "
        "least 700 earning at least $75k",
        "{focus} love to travel and qualify for a premium card they do not have; they come first "
        "among the {count} who qualify (credit 700+, income $75k+).",
    ),
    IT.SMALL_BUSINESS: Template(
        "interest_gap",
        "self-employed customers and business owners interested in growing their business without "
        "business checking or a business loan",
        "{focus} want to grow their business and hold no business account or loan; they come "
        "first among the {count} self-employed or business owners without either.",
    ),
    IT.DEBT_CONSOLIDATION: Template(
        "interest_gap",
        "customers interested in debt consolidation without a personal loan or a home equity line",
        "{focus} want to consolidate debt and hold neither a personal loan nor a home equity "
        "line; they come first among the {count} who hold neither.",
    ),
    IT.INSURANCE: Template(
        "interest_gap",
        "customers aged at most 75 interested in insurance without life insurance",
        "{focus} ask about insurance and have no life insurance; they come first among the "
        "{count} aged 75 or under without it.",
    ),
    IT.ESTATE_PLANNING: Template(
        "interest_gap",
        "customers interested in estate planning without wealth management or life insurance",
        "{focus} want estate planning and hold neither wealth management nor life insurance; "
        "they come first among the {count} who hold neither.",
    ),
    IT.TAX_PLANNING: Template(
        "interest_gap",
        "customers interested in tax planning without a retirement account or wealth management",
        "{focus} want tax planning and hold neither a retirement account nor wealth management; "
        "they come first among the {count} who hold neither.",
    ),
    IT.CREDIT_BUILDING: Template(
        "interest_gap",
        "customers building their credit without a credit card with a credit score of at least 580",
        "{focus} want to build credit and have no credit card; they come first among the "
        "{count} without one who meet the card's credit score of 580.",
    ),
    IT.SAVING: Template(
        "interest_gap",
        "customers interested in saving without a savings account, a money market account or a "
        "certificate of deposit",
        "{focus} want to save and hold no savings, money market or CD account; they come first "
        "among the {count} who hold none.",
    ),
    IT.PHILANTHROPY: Template(
        "interest_gap",
        "customers with at least $250k in assets interested in charitable giving without wealth management",
        "{focus} give to charity and could have wealth management; they come first among the "
        "{count} with $250k or more without it.",
    ),
    IT.REAL_ESTATE_INVESTING: Template(
        "interest_gap",
        "customers interested in real estate investing without a mortgage or a home equity line",
        "{focus} invest in real estate and hold neither a mortgage nor a home equity line; they "
        "come first among the {count} who hold neither.",
    ),
    IT.SUSTAINABLE_INVESTING: Template(
        "interest_gap",
        "customers interested in sustainable investing without a brokerage account or wealth management",
        "{focus} want sustainable investments and hold neither a brokerage account nor wealth "
        "management; they come first among the {count} who hold neither.",
    ),
}

# A life event in the notes, and the cohort it puts in need of a product. The event's words rank
# (the notes are searched by keyword and meaning); the cohort is what the question finds.
LIFE_EVENTS: dict[str, Template] = {
    "new_baby": Template(
        "life_event",
        "parents aged at most 75 without life insurance who welcomed a new baby",
        "The notes of {focus} mention a new baby; the question finds the {count} parents "
        "without life insurance, the new parents' notes ranking them high.",
        notes=r"new baby|newborn",
    ),
    "retiring": Template(
        "life_event",
        "customers nearing retirement without a retirement account who plan to retire",
        "The notes of {focus} say they plan to retire; the question finds the {count} nearing "
        "retirement without a retirement account, those notes ranking high.",
        notes=r"retire in|early retirement|part-time work",
    ),
    "windfall": Template(
        "life_event",
        "customers without a brokerage account or wealth management who received a bonus",
        "The notes of {focus} mention a bonus or a sale; the question finds the {count} "
        "without a brokerage account or wealth management, those notes ranking high.",
        notes=r"bonus|sold the|selling the business",
    ),
    "promotion": Template(
        "life_event",
        "customers earning at least $75k with a credit score of at least 700 without a premium "
        "credit card who got a promotion",
        "The notes of {focus} mention a promotion or a better salary; the question finds the "
        "{count} who qualify for a premium card and lack one, those notes ranking high.",
        notes=r"promot|better salary",
    ),
}

OTHERS: dict[str, Template] = {
    "idle_savings": Template(
        "idle_savings",
        "customers with at least $250k in assets with a savings account and without a brokerage "
        "account, wealth management or a money market account",
        "{count} hold $250k or more with a savings account and nothing invested: no brokerage, "
        "wealth management or money market account.",
    ),
    "not_contacted": Template(
        "not_contacted",
        "customers not contacted in the last 180 days",
        "{count} have not been contacted in the last 180 days, or never.",
    ),
    "wealthy_not_contacted": Template(
        "not_contacted",
        "wealthy customers not contacted in the last 90 days",
        "{count} affluent or high-net-worth customers have not been contacted in the last 90 days.",
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


def _focus_q(template: Template, parsed: ParsedQuery) -> Q:
    if template.notes:
        return Q(notes__iregex=template.notes)
    groups = [list(signal.value) for signal in parsed.signals]
    return interest_tiers(groups)[0][0]  # the tier that comes first: every named interest


def compute_suggestions(*, user) -> list[Suggestion]:
    """The suggestions for ``user``'s book, best first, without the cache: one aggregate query."""
    book = customers_visible_to(user).order_by()
    aggregates = {}
    for index, template in enumerate(TEMPLATES.values()):
        parsed = parsed_template(template)
        found = conditions_q(parsed.conditions)
        aggregates[f"c{index}"] = Count("pk", filter=found)
        aggregates[f"f{index}"] = Count("pk", filter=found & _focus_q(template, parsed))
    counts = book.aggregate(**aggregates)
    by_kind: dict[str, list[Suggestion]] = {}
    for index, template in enumerate(TEMPLATES.values()):
        count, focus = counts[f"c{index}"], counts[f"f{index}"]
        needs_focus = template.kind in ("interest_gap", "life_event")
        if not count or (needs_focus and not focus):
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
