"""What the benchmark commands share: how they call the API and how they summarise timings."""

import statistics

from django.contrib.auth import get_user_model
from rest_framework.test import APIClient


def benchmark_api_client() -> APIClient:
    """An API client as an unsaved superuser: sees the whole book and leaves nothing in the database."""
    client = APIClient()
    client.force_authenticate(get_user_model()(username="benchmark", is_superuser=True, is_staff=True))
    return client


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
