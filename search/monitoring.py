"""Monitoring the search model: one row per search as it answers, and the day's figures from
those rows, the customers' embedding status and the RMs' feedback.

``record_daily_figures`` keeps a day's figures in ``DailyFigures`` (Celery beat and
``manage.py record_daily_figures``); ``/metrics`` (``search.metrics``) computes today's the same
way at each scrape.
"""

import logging
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import DatabaseError, connection, transaction
from django.db.models import Aggregate, Count, FloatField, Q
from django.utils import timezone

from customers.choices import EmbeddingStatus
from customers.encoder_deployment import read_deployment
from customers.models import Customer
from search.models import DailyFigures, SearchFeedback, SearchLog, SearchVia
from search.selectors import SearchOutcome

logger = logging.getLogger(__name__)

# The book's state when a day is recorded: taken only while that day is today.
SNAPSHOT_FIELDS = ("embedding_failures", "pending", "stale", "active_version")


class Percentile(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


_LOG_COLUMNS = "(at, user_id, via, result_count, top_score, duration_ms, encoder_version)"
# Outside a transaction the row commits without waiting for the WAL flush (set_config(..., true)
# lasts for this statement's own transaction): a crash may lose the last few log rows, never a
# customer's data, and a search does not wait about 7 ms for a disk sync (measured: 7.7 ms a
# row committed synchronously, 1-2 ms so).
_LOG_ASYNC = (
    f"INSERT INTO search_searchlog {_LOG_COLUMNS} SELECT now(), %s, %s, %s, %s, %s, %s "
    "FROM set_config('synchronous_commit', 'off', true)"
)
_LOG_IN_TRANSACTION = f"INSERT INTO search_searchlog {_LOG_COLUMNS} VALUES (now(), %s, %s, %s, %s, %s, %s)"


def log_search(*, user, outcome: SearchOutcome, duration_ms: float, via: SearchVia) -> None:
    """Record one answered search: a single INSERT. A failure is logged and never fails the
    search it describes (inside a transaction, a savepoint keeps the rest of it usable, and
    the enclosing transaction's commit stays synchronous)."""
    first = outcome.results[0] if outcome.results else None
    params = [
        user.pk if getattr(user, "pk", None) else None,
        str(via),
        len(outcome.results),
        first.similarity if first else None,
        duration_ms,
        outcome.encoder_version,
    ]
    try:
        if connection.in_atomic_block:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(_LOG_IN_TRANSACTION, params)
        else:
            with connection.cursor() as cursor:
                cursor.execute(_LOG_ASYNC, params)
    except DatabaseError:
        logger.exception("The search log could not be written; the search answered anyway.")


@dataclass(frozen=True)
class Figures:
    """One day's figures, as ``DailyFigures`` keeps them."""

    day: date
    searches: int = 0
    zero_result_rate: float | None = None
    median_top_score: float | None = None
    api_p50_ms: float | None = None
    api_p95_ms: float | None = None
    embedding_failures: int | None = None
    pending: int | None = None
    stale: int | None = None
    active_version: int | None = None
    feedback: int = 0
    useful_share: float | None = None
    useful_share_by_version: dict[str, float] = field(default_factory=dict)


def _day_range(day: date) -> tuple[datetime, datetime]:
    """The day's bounds in ``TIME_ZONE``."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def embedding_counts() -> dict[str, int]:
    """Customers by embedding status, now (every status present, zero when none)."""
    counts = dict(Customer.objects.values_list("embedding_status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in EmbeddingStatus.values}


def compute_figures(*, day: date, snapshot: bool) -> Figures:
    """``day``'s figures from the rows of that day, in three aggregate queries (and two more
    for ``snapshot``: the book's embedding state and the active encoder version, as of now)."""
    start, end = _day_range(day)
    api = Q(via=SearchVia.API)
    searches = SearchLog.objects.filter(at__gte=start, at__lt=end).aggregate(
        searches=Count("id"),
        empty=Count("id", filter=Q(result_count=0)),
        median_top_score=Percentile("top_score", fraction=0.5),
        api_p50_ms=Percentile("duration_ms", fraction=0.5, filter=api),
        api_p95_ms=Percentile("duration_ms", fraction=0.95, filter=api),
    )
    judged = SearchFeedback.objects.filter(updated_at__gte=start, updated_at__lt=end)
    by_version = {
        version: (total, useful)
        for version, total, useful in judged.values_list("encoder_version")
        .annotate(total=Count("id"), useful=Count("id", filter=Q(useful=True)))
        .order_by()
        .values_list("encoder_version", "total", "useful")
    }
    feedback = sum(total for total, _ in by_version.values())
    useful = sum(good for _, good in by_version.values())
    snapshot_values = {}
    if snapshot:
        counts = embedding_counts()
        snapshot_values = {
            "embedding_failures": counts[EmbeddingStatus.FAILED],
            "pending": counts[EmbeddingStatus.PENDING],
            "stale": counts[EmbeddingStatus.STALE],
            "active_version": read_deployment().active.version,
        }
    return Figures(
        day=day,
        searches=searches["searches"],
        zero_result_rate=searches["empty"] / searches["searches"] if searches["searches"] else None,
        median_top_score=searches["median_top_score"],
        api_p50_ms=searches["api_p50_ms"],
        api_p95_ms=searches["api_p95_ms"],
        feedback=feedback,
        useful_share=useful / feedback if feedback else None,
        useful_share_by_version={
            str(version if version is not None else "unknown"): good / total
            for version, (total, good) in sorted(by_version.items(), key=lambda item: item[0] or 0)
        },
        **snapshot_values,
    )


def record_daily_figures(*, day: date | None = None) -> DailyFigures:
    """Compute ``day``'s figures (default today) and keep them: one upsert, so running it again,
    or from two processes at once, leaves one row with the latest figures.

    The book's state (pending, stale, failures, active version) is taken only while ``day`` is
    today: a past day keeps what was recorded on it, or null.
    """
    today = timezone.localdate()
    day = day or today
    figures = compute_figures(day=day, snapshot=day == today)
    values = asdict(figures)
    update = [name for name in values if name != "day" and (day == today or name not in SNAPSHOT_FIELDS)]
    DailyFigures.objects.bulk_create(
        [DailyFigures(**values)],
        update_conflicts=True,
        unique_fields=["day"],
        update_fields=[*update, "recorded_at"],
    )
    return DailyFigures.objects.get(day=day)


def prune_search_log(*, keep_days: int) -> int:
    """Delete search log rows older than ``keep_days`` days (their day's figures stay in
    ``DailyFigures``); returns how many went."""
    cutoff = _day_range(timezone.localdate() - timedelta(days=keep_days))[0]
    deleted, _ = SearchLog.objects.filter(at__lt=cutoff).delete()
    return deleted
