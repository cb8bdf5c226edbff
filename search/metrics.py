"""The monitoring figures in Prometheus' text format (``/metrics``): today's figures so far,
computed at each scrape as ``record_daily_figures`` computes them, and the book's embedding
state and the active encoder version, live."""

from django.utils import timezone
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.registry import Collector

from customers.encoder_deployment import read_deployment
from search.monitoring import compute_figures, embedding_counts

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4


def _gauge(name: str, documentation: str, value: float | None, **labels: str) -> GaugeMetricFamily:
    gauge = GaugeMetricFamily(name, documentation, labels=list(labels))
    if value is not None:
        gauge.add_metric(list(labels.values()), value)
    return gauge


class FiguresCollector(Collector):
    """Gauges read from the database at each scrape (a few aggregate queries)."""

    def collect(self):
        figures = compute_figures(day=timezone.localdate(), snapshot=False)
        yield _gauge(
            "bankcrm_searches_today", "Searches answered since midnight (TIME_ZONE).", figures.searches
        )
        yield _gauge(
            "bankcrm_search_zero_result_ratio_today",
            "Share of today's searches that found no customer.",
            figures.zero_result_rate,
        )
        yield _gauge(
            "bankcrm_search_top_similarity_median_today",
            "Median over today's searches of the first result's cosine similarity to the question.",
            figures.median_top_score,
        )
        latency = GaugeMetricFamily(
            "bankcrm_search_api_latency_seconds_today",
            "Search API latency today, by quantile.",
            labels=["quantile"],
        )
        for quantile, value in (("0.5", figures.api_p50_ms), ("0.95", figures.api_p95_ms)):
            if value is not None:
                latency.add_metric([quantile], value / 1000)
        yield latency
        yield _gauge("bankcrm_search_feedback_today", "Search results judged today.", figures.feedback)
        useful = GaugeMetricFamily(
            "bankcrm_search_useful_ratio_today",
            "Share of today's judged results marked useful, by the encoder version that served them.",
            labels=["version"],
        )
        for version, share in figures.useful_share_by_version.items():
            useful.add_metric([version], share)
        yield useful
        customers = GaugeMetricFamily(
            "bankcrm_customers_by_embedding_status",
            "Customers by embedding status, now (pending, stale, ready, failed).",
            labels=["status"],
        )
        for status, count in embedding_counts().items():
            customers.add_metric([status], count)
        yield customers
        yield _gauge(
            "bankcrm_encoder_active_version",
            "The registered encoder version whose vectors searches read, now.",
            read_deployment().active.version,
        )


def exposition() -> bytes:
    """The text a scrape answers with."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(FiguresCollector())
    return generate_latest(registry)
