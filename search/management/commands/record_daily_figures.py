from datetime import date

from django.core.management.base import BaseCommand, CommandError

from search.monitoring import record_daily_figures


class Command(BaseCommand):
    help = (
        "Compute and keep a day's search monitoring figures (default today; Celery beat does it "
        "every MONITORING_FIGURES_INTERVAL seconds). Running it again updates the day's row."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", help="YYYY-MM-DD (default: today in TIME_ZONE)")

    def handle(self, *args, day: str | None, **options):
        try:
            when = date.fromisoformat(day) if day else None
        except ValueError as error:
            raise CommandError(f"--day: {day!r} is not a date (YYYY-MM-DD).") from error
        figures = record_daily_figures(day=when)
        for name in (
            "day", "searches", "zero_result_rate", "median_top_score", "api_p50_ms", "api_p95_ms",
            "embedding_failures", "pending", "stale", "active_version", "feedback", "useful_share",
            "useful_share_by_version",
        ):  # fmt: skip
            value = getattr(figures, name)
            if isinstance(value, float):
                value = round(value, 4)
            self.stdout.write(f"{name:<24} {'-' if value is None else value}")
