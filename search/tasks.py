"""Background work of the search app: the daily monitoring figures."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from search.monitoring import prune_search_log, record_daily_figures


@shared_task(ignore_result=True)
def record_daily_figures_task() -> None:
    """Sent by Celery beat every MONITORING_FIGURES_INTERVAL seconds: today's figures so far,
    and yesterday's once more so that its last searches are counted after midnight; then the
    search log older than SEARCH_LOG_RETENTION_DAYS goes."""
    today = timezone.localdate()
    record_daily_figures(day=today - timedelta(days=1))
    record_daily_figures(day=today)
    prune_search_log(keep_days=settings.SEARCH_LOG_RETENTION_DAYS)
