"""``POST /api/v1/search/`` and ``GET /api/v1/customers/{id}/similar/``."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from customers.apis import can_see_pii
from customers.selectors import InvalidFilters, customers_visible_to
from customers.serializers import CustomerOutputSerializer
from search.examples import SAMPLE_QUERIES
from search.selectors import MAX_LIMIT, MAX_QUERY_LENGTH, NotEmbedded, search_customers, similar_customers


class SearchResultSerializer(serializers.Serializer):
    customer = CustomerOutputSerializer()
    score = serializers.FloatField(help_text="Cosine similarity of profile and query, -1 to 1.")


class SearchOutputSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)


class SimilarOutputSerializer(serializers.Serializer):
    customer_id = serializers.IntegerField()
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)


def _results(results, user) -> list[dict]:
    context = {"show_pii": can_see_pii(user)}
    return [
        {"customer": CustomerOutputSerializer(r.customer, context=context).data, "score": round(r.score, 6)}
        for r in results
    ]


class SearchApi(APIView):
    class InputSerializer(serializers.Serializer):
        query = serializers.CharField(max_length=MAX_QUERY_LENGTH, help_text="What the RM is looking for.")
        limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10)
        filters = serializers.DictField(
            required=False,
            default=dict,
            help_text="Customer filters by name, as in the customer list (lists for multiple values).",
        )

    @extend_schema(
        summary="Search customers in plain English",
        request=InputSerializer,
        responses={200: SearchOutputSerializer, 400: OpenApiResponse(description="Invalid input, by field.")},
        examples=[
            OpenApiExample(name, value={"query": query, "limit": 10}, request_only=True)
            for name, query in SAMPLE_QUERIES
        ]
        + [
            OpenApiExample(
                "With filters",
                value={
                    "query": "interested in investing",
                    "filters": {"state": ["TX", "FL"], "credit_score_min": 750},
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            results = search_customers(
                user=request.user, query=data["query"], filters=data["filters"], limit=data["limit"]
            )
        except InvalidFilters as error:
            raise ValidationError({"filters": error.errors}) from error
        payload = {"query": data["query"], "count": len(results), "results": _results(results, request.user)}
        return Response(payload)


class SimilarCustomersApi(APIView):
    class FilterSerializer(serializers.Serializer):
        limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10)

    @extend_schema(
        summary="Customers similar to this one",
        parameters=[OpenApiParameter("limit", int, description=f"1 to {MAX_LIMIT}, default 10")],
        responses={
            200: SimilarOutputSerializer,
            400: OpenApiResponse(description="Invalid limit."),
            404: OpenApiResponse(description="No such customer."),
            409: OpenApiResponse(description="The customer has no embedding yet."),
        },
    )
    def get(self, request, pk: int):
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        customer = get_object_or_404(customers_visible_to(request.user), pk=pk)
        try:
            results = similar_customers(
                user=request.user, customer=customer, limit=params.validated_data["limit"]
            )
        except NotEmbedded as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(
            {"customer_id": customer.pk, "count": len(results), "results": _results(results, request.user)}
        )
