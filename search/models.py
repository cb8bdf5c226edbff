"""What the search leaves behind for monitoring: one row per search, the RMs' judgments of
results, and the daily figures computed from both (``search.monitoring``)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


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
