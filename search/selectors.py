"""Finding customers: the one search function behind the API, the pages and the evaluation."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline
from django.db.models import Q, QuerySet
from django.http import QueryDict

from customers.choices import Interest
from customers.encoder_deployment import SlotEncoder, current_deployment
from customers.fields import PRODUCTS_NOT_HELD, concept_of_filter
from customers.models import Customer
from customers.selectors import customer_list, customers_visible_to
from search.conditions import Condition, condition_q
from search.inferred import inferred_conditions
from search.ranking import TEXT_SEARCH_CONFIG, hybrid_rank, keyword_query, nearest_customers
from search.understanding import ParsedQuery, parse_query

MAX_QUERY_LENGTH = 1000
MAX_LIMIT = 100

HIGHLIGHT = ("«", "»")
BY_MEANING_ALONE = "Nothing in the question was read as a condition: customers are ranked by meaning alone."


@dataclass(frozen=True)
class SearchResult:
    customer: Customer
    score: float
    similarity: float | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relaxation:
    """What dropping one condition would bring back."""

    condition: Condition
    count: int


@dataclass(frozen=True)
class SearchOutcome:
    results: list[SearchResult]
    interpretation: ParsedQuery
    emptied_by: Condition | None = None
    relaxations: list[Relaxation] = field(default_factory=list)
    encoder_version: int | None = None  # the registered encoder version that ranked it


class NotEmbedded(Exception):
    """The customer has no embedding yet, so nothing can be similar to it."""


def _set_filters(filters: Mapping | QueryDict | None) -> list[str]:
    """The filters given a value: the page's form sends every field, most of them empty, and an
    empty field must not switch off what the question says about it."""
    if not filters:
        return []
    if isinstance(filters, QueryDict):
        return [name for name in filters if any(str(v).strip() for v in filters.getlist(name))]
    return [name for name, value in filters.items() if value not in (None, "", [], ())]


def _filter_codes(filters: Mapping | QueryDict | None, name: str) -> set[str]:
    """The codes an explicit multiple-choice filter names, however it was sent (a list, a
    comma-separated string or repeated parameters)."""
    if not filters:
        return set()
    values = filters.getlist(name) if isinstance(filters, QueryDict) else filters.get(name) or []
    values = [values] if isinstance(values, str) else values
    return {code.strip() for value in values for code in str(value).split(",") if code.strip()}


def _against_explicit_products(condition: Condition, held: set[str], lacked: set[str]) -> bool:
    """Products held and lacked are two concepts, but a parsed "without a mortgage" cannot stand
    beside an explicit filter that the customer holds one (nor the other way round)."""
    if condition.field != "products":
        return False
    codes = set(condition.value if isinstance(condition.value, list) else [condition.value])
    return bool(codes & (held if condition.concept == PRODUCTS_NOT_HELD else lacked))


def interpret(
    query: str, *, filters: Mapping | QueryDict | None = None, parse: bool = True, ignore: Iterable[str] = ()
) -> ParsedQuery:
    """The parsed question, with what its leftover words mean (``SEARCH_MEANING_MATCH``), less
    what the RM switched off or set explicitly as a filter.

    An inferred condition never replaces a stated one (nothing is inferred for a concept the
    question states) and an explicit filter wins over both.
    """
    if not parse:
        return ParsedQuery(query=query, text=query, ranking_text=query)
    parsed = parse_query(query)
    # A filter the RM set wins over every parsed condition on its concept: tenure_years_min over
    # "customer since 2010", age_max over "baby boomers". Empty form fields set nothing.
    explicit = {concept_of_filter(name) for name in _set_filters(filters)}
    held, lacked = _filter_codes(filters, "products"), _filter_codes(filters, PRODUCTS_NOT_HELD)
    ignore = set(ignore)
    inferred = inferred_conditions(parsed, also_stated=explicit) if settings.SEARCH_MEANING_MATCH else []

    def overridden(condition: Condition) -> bool:
        return condition.concept in explicit or _against_explicit_products(condition, held, lacked)

    def kept(condition: Condition) -> bool:
        return condition.key not in ignore and not overridden(condition)

    conditions = tuple(c for c in (*parsed.conditions, *(i for i in inferred if i.required)) if kept(c))
    signals = tuple(c for c in (*parsed.signals, *(i for i in inferred if not i.required)) if kept(c))
    gave_way = tuple(
        f"“{c.label}” gave way to your filter on the same thing."
        for c in (*parsed.conditions, *parsed.signals)
        if overridden(c) and c.key not in ignore
    )
    alone = not (conditions or signals) and bool(parsed.text or parsed.leftover)
    return ParsedQuery(
        query=parsed.query,
        conditions=conditions,
        signals=signals,
        text=parsed.text,
        ranking_text=parsed.ranking_text,
        ignored=parsed.ignored + gave_way,
        leftover=parsed.leftover,
        leftover_spans=parsed.leftover_spans,
        notes=(BY_MEANING_ALONE,) if alone else (),
        by_meaning_alone=alone,
    )


def conditions_q(conditions: Iterable[Condition]) -> Q:
    """The filter every result must pass: all the hard conditions, as the search applies them."""
    q = Q()
    for condition in conditions:
        q &= condition_q(condition.field, condition.op, condition.value)
    return q


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def rank_customers(
    queryset: QuerySet[Customer],
    *,
    interpretation: ParsedQuery,
    limit: int = 10,
    hybrid: bool = True,
    encoder: SlotEncoder | None = None,
) -> SearchOutcome:
    """Rank ``queryset`` (already narrowed by explicit filters) for a parsed question.

    ``hybrid=False`` is the plain embedding-similarity baseline: no keyword list. ``encoder``: the
    vector slot and version to rank by, the active one unless given (the promotion gate gives the
    standby).
    """
    encoder = encoder or current_deployment().active
    candidates = queryset.filter(conditions_q(interpretation.conditions))
    words = _words(interpretation.text) if hybrid else []
    keywords = keyword_query(words)
    ranked = hybrid_rank(
        candidates,
        question=interpretation.ranking_text or interpretation.query,
        keywords=words,
        interest_groups=[list(s.value) for s in interpretation.signals],
        limit=limit,
        encoder=encoder,
    )
    if not ranked:
        emptied_by, relaxations = _why_empty(queryset, interpretation.conditions)
        return SearchOutcome([], interpretation, emptied_by, relaxations, encoder.version)
    customers = _load(queryset, [r.customer_id for r in ranked], keywords)
    results = [
        SearchResult(
            customer=customers[r.customer_id],
            score=r.score,
            similarity=r.similarity,
            reasons=_reasons(customers[r.customer_id], interpretation),
        )
        for r in ranked
    ]
    return SearchOutcome(results, interpretation, encoder_version=encoder.version)


def _load(queryset: QuerySet[Customer], ids: list[int], keywords) -> dict[int, Customer]:
    # Nothing shown reads them, and parsing ten vectors is half the load's time.
    rows = queryset.filter(pk__in=ids).defer("embedding", "embedding_b", "search_document")
    if keywords is not None:
        rows = rows.annotate(
            notes_highlight=SearchHeadline(
                "notes",
                keywords,
                config=TEXT_SEARCH_CONFIG,
                start_sel=HIGHLIGHT[0],
                stop_sel=HIGHLIGHT[1],
                max_fragments=2,
                max_words=14,
                min_words=5,
                fragment_delimiter=" … ",
            )
        )
    return {c.pk: c for c in rows}


def _reasons(customer: Customer, interpretation: ParsedQuery) -> tuple[str, ...]:
    reasons = [c.label for c in interpretation.conditions]
    held = set(customer.interests)
    for signal in interpretation.signals:
        matched = [code for code in signal.value if code in held]
        if matched:
            reasons.append("interested in " + ", ".join(Interest(code).label.lower() for code in matched))
    highlight = getattr(customer, "notes_highlight", "") or ""
    if HIGHLIGHT[0] in highlight:
        reasons.append(f"notes: “{highlight}”")
    return tuple(dict.fromkeys(reasons))


def _why_empty(queryset: QuerySet[Customer], conditions: tuple[Condition, ...]):
    """The condition that rules out the most, and what dropping each condition would bring back.

    The culprit is the condition whose removal brings back the most customers; when no single
    removal helps, the first condition that, added to those before it, leaves nobody.
    """
    if not conditions:
        return None, []
    relaxations = []
    for condition in conditions:
        others = [c for c in conditions if c is not condition]
        count = queryset.filter(conditions_q(others)).count()
        if count:
            relaxations.append(Relaxation(condition, count))
    relaxations.sort(key=lambda r: -r.count)
    if relaxations:
        return relaxations[0].condition, relaxations
    applied = queryset
    for condition in conditions:
        applied = applied.filter(condition_q(condition.field, condition.op, condition.value))
        if not applied.exists():
            return condition, relaxations
    return None, relaxations


def search_customers(
    *,
    user,
    query: str,
    filters: QueryDict | Mapping | None = None,
    limit: int = 10,
    parse: bool = True,
    ignore: Iterable[str] = (),
) -> SearchOutcome:
    """Customers visible to ``user`` that pass ``filters`` and the question's conditions, best first.

    ``parse=False`` ranks by embedding similarity alone; ``ignore`` names parsed conditions (by key) to drop.
    Raises ``customers.selectors.InvalidFilters`` for bad filters.
    """
    queryset = customer_list(user=user, filters=filters, allowed_extra=())
    interpretation = interpret(query, filters=filters, parse=parse, ignore=ignore)
    return rank_customers(queryset, interpretation=interpretation, limit=limit, hybrid=parse)


def matching_customers(
    *, user, interpretation: ParsedQuery, filters: QueryDict | Mapping | None = None
) -> QuerySet[Customer]:
    """Every customer of ``user``'s book that the search would rank for ``interpretation`` under
    ``filters``: those meeting every hard condition (the search shows the best of them)."""
    queryset = customer_list(user=user, filters=filters, allowed_extra=())
    return queryset.filter(conditions_q(interpretation.conditions))


def similar_customers(*, user, customer: Customer, limit: int = 10) -> list[SearchResult]:
    """The customers most like ``customer`` (by profile embedding in the active slot), excluding
    itself."""
    column = current_deployment().active.slot.vector
    vector = getattr(customer, column)
    if vector is None:
        raise NotEmbedded(f"Customer {customer.pk} has no embedding yet ({customer.embedding_status}).")
    queryset = customers_visible_to(user).exclude(pk=customer.pk)
    return [
        SearchResult(c, score, similarity=score)
        for c, score in nearest_customers(queryset, vector, limit, column=column)
    ]
