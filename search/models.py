"""What the search leaves behind for monitoring: one row per search, the RMs' judgments of
results, and the daily figures computed from both (``search.monitoring``)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class SearchVia(models.TextChoices):
    API = "api", "API"
    PAGE = "page", "Search page"


class SearchLog(models.Model):
    """One search, written with a single INSERT after it answers: enough to count searches,
    empty answers, the top result's similarity and the API's latency per day. The audit trail
    keeps who searched for what; this keeps how well it went."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=4, choices=SearchVia.choices)
    result_count = models.PositiveIntegerField()
    top_score = models.FloatField(
        null=True, blank=True, help_text="Cosine similarity of the question and the first result."
    )
    duration_ms = models.FloatField()
    encoder_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.via} {self.result_count} results"


class SearchFeedback(models.Model):
    """An RM's thumbs up or down on one result of one question: the question's interpretation
    and the encoder version that served it are kept, so judgments can be read per version.
    One judgment per caller, question and customer; judging again replaces it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.CharField(max_length=150, help_text="Username, or token:<name>.")
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="+")
    query = models.TextField()
    query_key = models.CharField(max_length=64, editable=False, help_text="sha256 of the query.")
    interpretation = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    encoder_version = models.PositiveIntegerField(null=True, blank=True)
    useful = models.BooleanField()
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "search feedback"
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "query_key", "customer"], name="search_feedback_one_per_result"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} {'+' if self.useful else '-'} {self.customer_id} for {self.query[:40]!r}"


class DailyFigures(models.Model):
    """One day of the search model's performance, kept for ever and charted in admin.

    Search figures cover the day's searches; ``pending``, ``stale``, ``embedding_failures`` and
    ``active_version`` are the book's state when the day was last recorded (null: never
    recorded on that day)."""

    day = models.DateField(unique=True)
    searches = models.PositiveIntegerField(default=0)
    zero_result_rate = models.FloatField(null=True, blank=True)
    median_top_score = models.FloatField(
        null=True, blank=True, help_text="Median over searches of the first result's cosine similarity."
    )
    api_p50_ms = models.FloatField(null=True, blank=True)
    api_p95_ms = models.FloatField(null=True, blank=True)
    embedding_failures = models.PositiveIntegerField(null=True, blank=True)
    pending = models.PositiveIntegerField(null=True, blank=True)
    stale = models.PositiveIntegerField(null=True, blank=True)
    active_version = models.PositiveIntegerField(null=True, blank=True)
    feedback = models.PositiveIntegerField(default=0, help_text="Results judged that day.")
    useful_share = models.FloatField(null=True, blank=True)
    useful_share_by_version = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        verbose_name_plural = "daily figures"

    def __str__(self) -> str:
        return f"figures of {self.day}"
