"""Ordering customers for a question: vector similarity, full-text rank and named interests.

The shape follows pgvector-python's ``examples/hybrid_search/rrf.py``: a semantic list (cosine
distance on the HNSW index) and a keyword list (PostgreSQL full-text rank over the profile text,
which holds the RM's notes) are fused by reciprocal rank. Interests the question names come first:
customers with all of them, then with any, then the rest, each tier ranked by the fusion.
"""

import json
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import close_old_connections, connection, transaction
from django.db.models import F, Q, QuerySet
from pgvector.django import CosineDistance

from customers.encoder_deployment import SlotEncoder, current_deployment
from customers.models import Customer

RRF_K = 60
# Each list brings this many to the fusion, as in pgvector-python's rrf.py. 40 cost the search
# API 20 ms more at the median on a million (a filtered walk is linear in it), for the same
# evaluation scores on 20,000.
CANDIDATES = 20
TEXT_SEARCH_CONFIG = "english"


@dataclass(frozen=True)
class Ranked:
    customer_id: int
    score: float
    similarity: float | None


@dataclass(frozen=True)
class PlannedScan:
    """The planner's view of finding a queryset's rows, about a millisecond where counting could
    take a scan."""

    rows: int  # customers the filters leave
    read: int  # rows an exact scan reads to find them: what its index matches, before the other filters
    full_scan: bool  # no index narrows the filters: an exact scan reads every customer


def planned_scan(queryset: QuerySet) -> PlannedScan:
    """A filter that can match nothing (an empty ``pk__in``) never reaches PostgreSQL, so there
    is no plan: no rows, and nothing to read."""
    explained = queryset.values("pk").order_by().explain(format="json")
    if not explained:
        return PlannedScan(rows=0, read=0, full_scan=False)
    plan = json.loads(explained)[0]["Plan"]
    rows = int(plan["Plan Rows"])
    nodes, read, full_scan = [plan], rows, False
    while nodes:
        node = nodes.pop()
        full_scan |= node["Node Type"] == "Seq Scan"
        if node["Node Type"] == "Bitmap Heap Scan":
            # Its bitmap (one index, or several ANDed or ORed) says which rows it fetches.
            read = max(read, int(node["Plans"][0]["Plan Rows"]))
        nodes.extend(node.get("Plans", []))
    return PlannedScan(rows=rows, read=read, full_scan=full_scan)


# An HNSW step (a graph neighbour read and compared) costs about what an exact scan's row does
# on a million customers (measured with `bin/benchmark 1000000`). On 100,000 the exact row is
# cheaper, but there both ways are fast.
HNSW_STEP_COST = 1


# What reading one index entry into a bitmap costs, for planning the exact scan and the keyword
# list. On a million customers in memory an entry costs about a twelfth of a heap page (0.15
# against 1.9 µs, measured), where PostgreSQL's default prices it at a 150th: so the planner
# ANDs a bitmap of a quarter of the book (an age band, an interest) into a narrow one to save a
# few hundred pages, which took up to 40 ms more than it saved. At this price, on a million:
# the filtered search API's p95 went from 105-109 to 89-90 ms (paired runs); the keyword lists
# of the 17 paraphrase questions that have one, p50 16 -> 11 ms as asked and 26 -> 16 ms under
# a state and credit filter, the same ids. They run beside the walk, so the API gains little.
BITMAP_ENTRY_COST = 0.05


@contextmanager
def planner_settings(values: dict[str, str | int | float]) -> Iterator[None]:
    """``SET LOCAL`` each of ``values`` (ours, never user input) for the block, then back to the
    defaults: SET LOCAL outlives a savepoint, so an enclosing transaction would keep them.
    Needs a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {name} = {value}" for name, value in values.items()))
        try:
            yield
        finally:
            cursor.execute("; ".join(f"SET LOCAL {name} = DEFAULT" for name in values))


def bitmap_entries_priced():
    """Plan with index entries priced at ``BITMAP_ENTRY_COST``. Needs a transaction."""
    return planner_settings({"cpu_index_tuple_cost": float(BITMAP_ENTRY_COST)})


@contextmanager
def exact_plans() -> Iterator[None]:
    """Plan without index scans, so that no ``ORDER BY distance`` walks the HNSW graph: the
    filters may still use their indexes through bitmap scans (``bitmap_entries_priced``).
    Needs a transaction."""
    with bitmap_entries_priced(), planner_settings({"enable_indexscan": "off"}):
        yield


VECTOR_COLUMN = "embedding"  # slot a's; ``column`` names slot b's while it is the active one


def exact_scan_pays(queryset: QuerySet[Customer], limit: int, column: str = VECTOR_COLUMN) -> bool:
    """Whether scanning every embedded customer of ``queryset`` beats walking the graph.

    An exact scan reads the ``read`` rows its index finds and keeps the ``rows`` that pass the
    other filters; the filtered walk reads about ``limit · total / rows`` customers to let
    ``limit`` through, at ``HNSW_STEP_COST`` each. So exact wins while
    ``read · rows <= HNSW_STEP_COST · limit · total``, and never when no index narrows the
    filters (it would read the whole table). A filter that an index matches broadly (a common
    interest) and another column then narrows (retired) is read broadly: the walk is cheaper.
    The whole book is walked without asking the planner, which costs a millisecond or two.
    """
    if not queryset.query.has_filters():
        return False
    with transaction.atomic(), exact_plans():
        plan = planned_scan(queryset.filter(**{f"{column}__isnull": False}))
    if plan.full_scan:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Customer._meta.db_table])
        total = cursor.fetchone()[0]
    return plan.read * plan.rows <= HNSW_STEP_COST * limit * max(total, 1)


# Rows asked of the relaxed walk beyond those wanted: the closest can arrive a little late.
# Half as many again for 40 candidates cost the search API 20 ms at the median on a million.
RELAXED_EXTRA = 5


def nearest_ids(
    queryset: QuerySet[Customer], vector, limit: int, *, column: str = VECTOR_COLUMN
) -> list[tuple[int, float]]:
    """The ``limit`` ids of ``queryset`` closest to ``vector``, with cosine similarity, closest first.

    Where the filters leave few customers and an index finds them (``exact_scan_pays``), an
    exact scan of them is both faster and exact: the graph walk would visit many neighbours only
    to filter them out. Otherwise the HNSW index answers with pgvector's iterative scan, which
    keeps walking the graph until the filters have let ``limit`` rows through. Its relaxed order
    finds more of the true nearest under a filter than the strict one, and faster; asking it for
    ``RELAXED_EXTRA`` more and keeping the closest ``limit`` finds more still (on a million under
    a 1% filter, recall@10 0.912 strict, 0.948 relaxed, 0.960 relaxed for 15). The walk still gives
    up after ``hnsw.max_scan_tuples``; when it returns short, the exact scan answers instead, so
    a filter never hides a customer that exists. ``column``: the vector slot to search.
    """
    candidates = queryset.filter(**{f"{column}__isnull": False})
    ranked = (
        candidates.annotate(distance=CosineDistance(column, vector))
        .order_by("distance")
        .values_list("pk", "distance")
    )
    rows = []
    with transaction.atomic():
        pays = exact_scan_pays(queryset, limit, column)
        if not pays:
            ef_search = int(settings.SEARCH_HNSW_EF_SEARCH)
            with planner_settings({"hnsw.iterative_scan": "relaxed_order", "hnsw.ef_search": ef_search}):
                rows = list(ranked[: limit + RELAXED_EXTRA])
        if len(rows) < limit:
            with exact_plans():
                rows = list(ranked[:limit])
    best = sorted(rows, key=lambda row: (row[1], row[0]))[:limit]
    return [(pk, 1.0 - float(distance)) for pk, distance in best]


def nearest_customers(
    queryset: QuerySet[Customer], vector, limit: int, *, column: str = VECTOR_COLUMN
) -> list[tuple[Customer, float]]:
    """Like ``nearest_ids``, with the customers loaded, best first."""
    hits = nearest_ids(queryset, vector, limit, column=column)
    customers = queryset.in_bulk([pk for pk, _ in hits])
    return [(customers[pk], similarity) for pk, similarity in hits]


# Each word nests the query one level deeper: Django compiles it recursively, so a question of
# a few hundred words would overflow the stack. The first distinct words are enough to rank by.
KEYWORD_WORDS = 40


def keyword_query(words: list[str], *, every: bool = False) -> SearchQuery | None:
    """Any of ``words`` (or, with ``every``, all of them), stemmed, the first ``KEYWORD_WORDS``
    distinct ones; ``None`` when there is nothing to look for."""
    query = None
    for word in list(dict.fromkeys(words))[:KEYWORD_WORDS]:
        part = SearchQuery(word, search_type="plain", config=TEXT_SEARCH_CONFIG)
        query = part if query is None else (query & part if every else query | part)
    return query


# Full-text rank is computed for at most this many matching customers per pass: a common word
# matches a third of a million-customer book, and ranking them all takes most of a second.
KEYWORD_RANK_ROWS = 2000
# A word that more customers than this hold is left out of the "any word" pass: fetching its
# matches from the index costs about 60 ms per 100,000 customers (measured on a million), only
# to rank an arbitrary KEYWORD_RANK_ROWS of them. On a smaller book no word is left out.
KEYWORD_COMMON_ROWS = 50_000


def uncommon_words(words: list[str]) -> list[str]:
    """``words`` less those held by more than ``KEYWORD_COMMON_ROWS`` customers, by the
    frequencies ANALYZE keeps for the text-search column (``pg_stats``): no counting."""
    if not words:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT word FROM unnest(%(words)s::text[]) WITH ORDINALITY AS w(word, position)
            WHERE NOT EXISTS (
                SELECT 1
                FROM pg_stats s,
                     unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, freq)
                WHERE s.schemaname = current_schema() AND s.tablename = %(table)s
                  AND s.attname = 'search_document'
                  AND e.lexeme = ANY(tsvector_to_array(to_tsvector(%(config)s::regconfig, w.word)))
                  AND e.freq * (SELECT reltuples FROM pg_class WHERE oid = %(table)s::regclass) > %(common)s
            )
            ORDER BY position
            """,
            {
                "words": words,
                "table": Customer._meta.db_table,
                "config": TEXT_SEARCH_CONFIG,
                "common": KEYWORD_COMMON_ROWS,
            },
        )
        return [word for (word,) in cursor.fetchall()]


def keyword_ids(queryset: QuerySet[Customer], words: list[str], limit: int) -> list[int]:
    """The ``limit`` ids whose profile text best matches ``words`` (cover density rank).

    Customers whose text holds every word come first, then those holding any uncommon one
    (``uncommon_words``); each pass ranks at most ``KEYWORD_RANK_ROWS`` matches, so its cost
    does not grow with the book.
    """
    found: list[int] = []
    any_word = keyword_query(uncommon_words(words))
    passes = [keyword_query(words, every=True), any_word] if len(words) > 1 else [any_word]
    with transaction.atomic(), bitmap_entries_priced():
        for query in passes:
            if query is None or len(found) >= limit:
                continue
            # Ranked in the scan that finds them and sorted here: no second visit to each row.
            matches = (
                queryset.filter(search_document=query)
                .exclude(pk__in=found)
                .order_by()
                .annotate(rank=SearchRank(F("search_document"), query, cover_density=True))
                .values_list("pk", "rank")[:KEYWORD_RANK_ROWS]
            )
            ranked = sorted(matches, key=lambda match: (-match[1], match[0]))
            found += [pk for pk, _ in ranked[: limit - len(found)]]
    return found


def fuse(*ranked_lists: list[int], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the lists an id appears in."""
    scores: dict[int, float] = {}
    for ids in ranked_lists:
        for rank, pk in enumerate(ids, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def interest_tiers(groups: list[list[str]]) -> list[tuple[Q, float]]:
    """Filters for "all named interests", "any of them" and "none", with each tier's base score."""
    if not groups:
        return [(Q(), 0.0)]
    has = [Q(interests__overlap=group) for group in groups]
    all_q = Q()
    any_q = Q(pk__in=[])
    for q in has:
        all_q &= q
        any_q |= q
    if len(groups) == 1:
        return [(all_q, 1.0), (~all_q, 0.0)]
    return [(all_q, 1.0), (any_q & ~all_q, 0.5), (~any_q, 0.0)]


def hybrid_rank(
    queryset: QuerySet[Customer],
    *,
    question: str,
    keywords: list[str],
    interest_groups: list[list[str]],
    limit: int,
    encoder: SlotEncoder | None = None,
) -> list[Ranked]:
    """The best ``limit`` customers of ``queryset`` for ``question``; ``score`` grows with rank.

    A result's score is its tier's base (1 for every named interest, 0.5 for some, 0 for none)
    plus its fused rank score, so scores fall down the list. The question is embedded while the
    first keyword list is being found, by the encoder version whose vectors it is compared with:
    ``encoder``'s slot, the active one unless given.
    """
    encoder = encoder or current_deployment().active
    results: list[Ranked] = []
    candidates = max(CANDIDATES, limit)
    vector = None
    for tier_q, base in interest_tiers(interest_groups):
        need = limit - len(results)
        if need <= 0:
            break
        tier = queryset.filter(tier_q)
        keyword = alongside(keyword_ids, tier, keywords, candidates) if keywords else None
        if vector is None:
            vector = encoder.encode_query(question)
        semantic = nearest_ids(tier, vector, candidates, column=encoder.slot.vector)
        similarity = dict(semantic)
        for pk, fused in fuse([pk for pk, _ in semantic], keyword.result() if keyword else [])[:need]:
            results.append(Ranked(pk, base + fused, similarity.get(pk)))
    return results


# The keyword list is found on a connection of its own while this thread walks the graph: on a
# million customers each takes tens of milliseconds, and PostgreSQL has a core for each.
_alongside = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-alongside")


def _on_own_connection(function, *args, **kwargs):
    close_old_connections()
    try:
        return function(*args, **kwargs)
    finally:
        close_old_connections()


def alongside(function, *args, **kwargs) -> Future:
    """``function(*args, **kwargs)`` run on another thread and database connection, to be read
    with ``.result()``; here instead inside a transaction, whose rows another connection may
    not see yet."""
    if connection.in_atomic_block:
        done: Future = Future()
        done.set_result(function(*args, **kwargs))
        return done
    return _alongside.submit(_on_own_connection, function, *args, **kwargs)
