"""``GET /metrics``: the search model's monitoring figures, for Prometheus."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from bankcrm.api import ServiceTokenAuthentication
from customers.models import TokenScope
from search import metrics


class JsonErrorsNegotiation(BaseContentNegotiation):
    """Refusals answer JSON whatever a scraper accepts (Prometheus asks for text); the figures
    themselves are written as Prometheus text by the view."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return JSONRenderer(), JSONRenderer.media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


class MetricsApi(APIView):
    """``GET /metrics``: the search model's monitoring figures for Prometheus. Service tokens
    with the ``metrics`` scope only: a scraper is a system, never a signed-in person."""

    authentication_classes = [ServiceTokenAuthentication]
    read_scope = TokenScope.METRICS
    content_negotiation_class = JsonErrorsNegotiation

    @extend_schema(
        summary="Monitoring figures in Prometheus text format",
        description="Today's search figures so far, customers by embedding status and the active "
        "encoder version. Needs a service token with the `metrics` scope.",
        responses={
            (200, "text/plain"): OpenApiResponse(OpenApiTypes.STR, description="Prometheus text 0.0.4.")
        },
    )
    def get(self, request):
        return HttpResponse(metrics.exposition(), content_type=metrics.CONTENT_TYPE)
