from django.contrib import admin

from bankcrm.read_only_admin import ReadOnlyModelAdmin
from search import line_charts as charts
from search.models import DailyFigures, SearchFeedback


@admin.register(SearchFeedback)
class SearchFeedbackAdmin(ReadOnlyModelAdmin):
    list_display = ["updated_at", "actor", "useful", "query", "customer", "encoder_version", "reason"]
    list_filter = ["useful", "encoder_version", "updated_at"]
    search_fields = ["actor", "query", "reason", "customer__external_id"]
    list_select_related = ["customer"]
    date_hierarchy = "updated_at"
    show_full_result_count = False


def figures_charts(rows: list[DailyFigures]) -> list:
    """The monitoring charts of ``rows`` (oldest first)."""
    days = [row.day for row in rows]

    def column(name: str) -> list:
        return [getattr(row, name) for row in rows]

    return [
        charts.line_chart(
            title="Searches", days=days, series=[charts.Series("searches", column("searches"))]
        ),
        charts.line_chart(
            title="Zero-result rate",
            days=days,
            series=[charts.Series("no result", column("zero_result_rate"))],
            ceiling=1,
            label=charts.percent,
        ),
        charts.line_chart(
            title="Median top similarity",
            days=days,
            series=[charts.Series("first result's cosine", column("median_top_score"))],
            ceiling=1,
        ),
        charts.line_chart(
            title="Search API latency (ms)",
            days=days,
            series=[charts.Series("p50", column("api_p50_ms")), charts.Series("p95", column("api_p95_ms"))],
        ),
        charts.line_chart(
            title="Embedding: customers not served by their current text",
            days=days,
            series=[
                charts.Series("failed", column("embedding_failures")),
                charts.Series("pending", column("pending")),
                charts.Series("stale", column("stale")),
            ],
        ),
        charts.line_chart(
            title="Judged results marked useful",
            days=days,
            series=[charts.Series("useful", column("useful_share"))],
            ceiling=1,
            label=charts.percent,
        ),
        charts.line_chart(
            title="Active encoder version",
            days=days,
            series=[charts.Series("version", column("active_version"))],
        ),
    ]


@admin.register(DailyFigures)
class DailyFiguresAdmin(ReadOnlyModelAdmin):
    """The search model's daily figures, charted over the last ``CHART_DAYS`` days above the
    table (recorded by Celery beat and ``manage.py record_daily_figures``)."""

    CHART_DAYS = 90
    list_display = [
        "day",
        "searches",
        "zero_result_rate_display",
        "median_top_score_display",
        "api_p50_display",
        "api_p95_display",
        "embedding_failures",
        "pending",
        "stale",
        "active_version",
        "feedback",
        "useful_share_display",
    ]
    date_hierarchy = "day"
    list_per_page = 100

    @admin.display(description="zero-result rate", ordering="zero_result_rate")
    def zero_result_rate_display(self, row: DailyFigures) -> str:
        return "-" if row.zero_result_rate is None else charts.percent(row.zero_result_rate)

    @admin.display(description="median top similarity", ordering="median_top_score")
    def median_top_score_display(self, row: DailyFigures) -> str:
        return "-" if row.median_top_score is None else f"{row.median_top_score:.3f}"

    @admin.display(description="API p50 (ms)", ordering="api_p50_ms")
    def api_p50_display(self, row: DailyFigures) -> str:
        return "-" if row.api_p50_ms is None else f"{row.api_p50_ms:,.0f}"

    @admin.display(description="API p95 (ms)", ordering="api_p95_ms")
    def api_p95_display(self, row: DailyFigures) -> str:
        return "-" if row.api_p95_ms is None else f"{row.api_p95_ms:,.0f}"

    @admin.display(description="useful share", ordering="useful_share")
    def useful_share_display(self, row: DailyFigures) -> str:
        return "-" if row.useful_share is None else charts.percent(row.useful_share)

    def changelist_view(self, request, extra_context=None):
        rows = list(DailyFigures.objects.order_by("-day")[: self.CHART_DAYS])[::-1]
        return super().changelist_view(request, {**(extra_context or {}), "charts": figures_charts(rows)})
