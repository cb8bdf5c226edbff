"""Background work of the search app: the daily monitoring figures."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from search.monitoring import record_daily_figures


@shared_task(ignore_result=True)
def record_daily_figures_task() -> None:
    """Sent by Celery beat every MONITORING_FIGURES_INTERVAL seconds: today's figures so far,
    and yesterday's once more so that its last searches are counted after midnight."""
    today = timezone.localdate()
    record_daily_figures(day=today - timedelta(days=1))
    record_daily_figures(day=today)
