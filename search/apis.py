"""``POST /api/v1/search/``, ``GET /api/v1/search/suggestions/``, ``POST /api/v1/search/feedback/``,
``GET /api/v1/customers/{id}/similar/``, ``GET /api/v1/customers/{id}/next-products/``, and
``GET /metrics`` for Prometheus."""

import time

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from bankcrm import text_rules
from bankcrm.api import StrictInputSerializer
from customers import audit
from customers.apis import can_see_pii
from customers.models import AuditAction, TokenScope
from customers.selectors import InvalidFilters, customers_visible_to
from customers.serializers import CustomerOutputSerializer
from search.examples import SAMPLE_QUERIES
from search.models import SearchVia
from search.monitoring import log_search
from search.next_products import LOOKALIKES, next_products
from search.selectors import MAX_LIMIT, MAX_QUERY_LENGTH, NotEmbedded, search_customers, similar_customers
from search.services import record_feedback
from search.suggestions import CACHE_SECONDS, suggestions_for


class SearchResultSerializer(serializers.Serializer):
    customer = CustomerOutputSerializer()
    score = serializers.FloatField(
        help_text="Ranking score, falling down the list: 1 per interest named, plus the fused rank."
    )
    similarity = serializers.FloatField(
        allow_null=True,
        help_text="Cosine similarity of profile and query, -1 to 1 (null: found by keywords).",
    )
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why this customer matched.")


class ConditionSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Customer field, as in shared/spec/domain.md.")
    op = serializers.CharField(help_text="eq, ne, gt, gte, lt, lte, between, in, not_in, contains, ...")
    value = serializers.JSONField()
    label = serializers.CharField(help_text="The condition in words.")
    required = serializers.BooleanField(help_text="True: every result meets it. False: it ranks (interests).")
    key = serializers.CharField(help_text="Pass in `ignore` to search again without this condition.")
    inferred = serializers.BooleanField(
        required=False, help_text="Present and true when the condition was matched by meaning, not read."
    )
    source_phrase = serializers.CharField(
        required=False, help_text="With `inferred`: the words of the question it was matched from."
    )


class InterpretationSerializer(serializers.Serializer):
    filters = ConditionSerializer(many=True)
    text = serializers.CharField(allow_blank=True, help_text="What is left to rank on by meaning and words.")
    ignored = serializers.ListField(child=serializers.CharField(), help_text="Words deliberately not used.")
    notes = serializers.ListField(
        child=serializers.CharField(), help_text="What the search did with the question, in words."
    )
    by_meaning_alone = serializers.BooleanField(
        help_text="True when nothing in the question became a condition: ranked by meaning alone."
    )


class RelaxationSerializer(serializers.Serializer):
    filter = ConditionSerializer()
    count = serializers.IntegerField(help_text="Customers found without this condition.")


class SearchOutputSerializer(serializers.Serializer):
    query = serializers.CharField()
    interpretation = InterpretationSerializer()
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)
    emptied_by = ConditionSerializer(
        allow_null=True, help_text="With no result: the condition that left no customer."
    )
    relaxations = RelaxationSerializer(
        many=True, help_text="With no result: conditions to drop, and what each finds."
    )


class SimilarOutputSerializer(serializers.Serializer):
    customer_id = serializers.IntegerField()
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)


def _results(results, user) -> list[dict]:
    # One list serializer: a ModelSerializer builds its fields once per instance (about 2 ms).
    customers = CustomerOutputSerializer(
        [r.customer for r in results], many=True, context={"show_pii": can_see_pii(user)}
    ).data
    return [
        {
            "customer": customer,
            "score": round(r.score, 6),
            "similarity": None if r.similarity is None else round(r.similarity, 6),
            "reasons": list(r.reasons),
        }
        for r, customer in zip(results, customers, strict=True)
    ]


class SearchApi(APIView):
    read_scope = write_scope = TokenScope.SEARCH

    class InputSerializer(StrictInputSerializer):
        query = serializers.CharField(max_length=MAX_QUERY_LENGTH, help_text="What the RM is looking for.")
        limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10)
        filters = serializers.DictField(
            required=False,
            default=dict,
            help_text="Customer filters by name, as in the customer list (lists for multiple values). "
            "A filter wins over any condition the question states on the same field.",
        )
        parse = serializers.BooleanField(
            default=True, help_text="Read conditions out of the question (false: rank by similarity only)."
        )
        ignore = serializers.ListField(
            child=serializers.CharField(max_length=200),
            required=False,
            default=list,
            max_length=50,
            help_text="Keys of parsed conditions to leave out (from interpretation.filters[].key).",
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
        started = time.perf_counter()
        try:
            outcome = search_customers(
                user=request.user,
                query=data["query"],
                filters=data["filters"],
                limit=data["limit"],
                parse=data["parse"],
                ignore=data["ignore"],
            )
        except InvalidFilters as error:
            raise ValidationError({"filters": error.errors}) from error
        duration_ms = (time.perf_counter() - started) * 1000
        audit.record(
            request=request,
            action=AuditAction.SEARCH,
            query=data["query"],
            filters={**data["filters"], **({"ignore": data["ignore"]} if data["ignore"] else {})},
            customer_ids=[r.customer.pk for r in outcome.results],
        )
        payload = {
            "query": data["query"],
            "interpretation": outcome.interpretation.as_dict(),
            "count": len(outcome.results),
            "results": _results(outcome.results, request.user),
            "emptied_by": outcome.emptied_by.as_dict() if outcome.emptied_by else None,
            "relaxations": [{"filter": r.condition.as_dict(), "count": r.count} for r in outcome.relaxations],
        }
        log_search(user=request.user, outcome=outcome, duration_ms=duration_ms, via=SearchVia.API)
        return Response(payload)


class SimilarCustomersApi(APIView):
    read_scope = TokenScope.SEARCH

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
        audit.record(
            request=request,
            action=AuditAction.SIMILAR,
            customer_ids=[customer.pk, *(r.customer.pk for r in results)],
        )
        return Response(
            {"customer_id": customer.pk, "count": len(results), "results": _results(results, request.user)}
        )


class SuggestionSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="A question to search with, as the search reads it.")
    count = serializers.IntegerField(help_text="Customers of your book that the question finds.")
    why = serializers.CharField(help_text="What the question is for, in words.")
    kind = serializers.ChoiceField(
        choices=["interest_gap", "life_event", "idle_savings", "not_contacted"],
        help_text="interest_gap: an interest and none of the products that serve it; life_event: "
        "one named in the notes; idle_savings: large balances, nothing invested; not_contacted.",
    )


class SuggestionsOutputSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


class SuggestionsApi(APIView):
    read_scope = TokenScope.SEARCH

    @extend_schema(
        summary="Questions worth asking of your book",
        description="Drawn from the customers you see: interests held with none of the products that "
        "serve them, life events in the notes, large balances idle in savings, customers not contacted "
        "for a long time. Each `query` is a question the search reads; searching with it finds `count` "
        f"customers. Kept for {CACHE_SECONDS} seconds per user.",
        responses={200: SuggestionsOutputSerializer},
    )
    def get(self, request):
        suggestions = suggestions_for(user=request.user)
        return Response({"suggestions": [s.as_dict() for s in suggestions]})


class HolderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class ProductOfferSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Product code, as in shared/spec/domain.md.")
    label = serializers.CharField()
    lookalikes_holding = serializers.IntegerField(source="holding", help_text="Lookalikes that hold it.")
    lookalikes = serializers.IntegerField(help_text="Lookalikes looked at (nearest in the same segment).")
    reason = serializers.CharField(help_text='E.g. "8 of 10 similar customers hold a brokerage account."')
    visible_holders = HolderSerializer(
        many=True, help_text="The lookalikes holding it that are in your book; others are only counted."
    )


class NextProductsOutputSerializer(serializers.Serializer):
    customer_id = serializers.IntegerField()
    products = ProductOfferSerializer(many=True)


class NextProductsApi(APIView):
    read_scope = TokenScope.SEARCH

    @extend_schema(
        summary="Next best products for a customer",
        description=f"The products that the customer's {LOOKALIKES} nearest lookalikes (profile embedding, "
        "same segment, across the bank) hold most and the customer does not, filtered by the eligibility "
        "rules; lookalikes outside your book are counted, never named.",
        responses={
            200: NextProductsOutputSerializer,
            404: OpenApiResponse(description="No such customer in your book."),
            409: OpenApiResponse(description="The customer has no embedding yet."),
        },
    )
    def get(self, request, pk: int):
        customer = get_object_or_404(customers_visible_to(request.user), pk=pk)
        try:
            offers = next_products(user=request.user, customer=customer)
        except NotEmbedded as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        shown = dict.fromkeys([customer.pk, *(c.pk for offer in offers for c in offer.visible_holders)])
        audit.record(request=request, action=AuditAction.SIMILAR, customer_ids=list(shown))
        return Response(
            {"customer_id": customer.pk, "products": ProductOfferSerializer(offers, many=True).data}
        )


MAX_REASON_LENGTH = 500


class FeedbackOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    query = serializers.CharField()
    customer_id = serializers.IntegerField()
    useful = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
    encoder_version = serializers.IntegerField(
        allow_null=True, help_text="The registered encoder version that served the search."
    )
    interpretation = InterpretationSerializer(help_text="The question as the search reads it.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class FeedbackInputSerializer(StrictInputSerializer):
    query = serializers.CharField(
        max_length=MAX_QUERY_LENGTH,
        validators=[text_rules.question_text],
        help_text="The question, as searched.",
    )
    customer_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The result judged.")
    useful = serializers.BooleanField(help_text="True: thumbs up; false: thumbs down.")
    reason = serializers.CharField(
        max_length=MAX_REASON_LENGTH,
        required=False,
        default="",
        allow_blank=True,
        validators=[text_rules.multi_line_text],
        help_text="Optional.",
    )


class SearchFeedbackApi(APIView):
    """A thumbs up or down on one search result; it feeds the model's monitoring and, through
    ``manage.py export_feedback``, the evaluation questions."""

    read_scope = write_scope = TokenScope.SEARCH
    # Those who work the book judge its results; compliance reads only.
    write_permissions = {"POST": "customers.change_customer"}

    @extend_schema(
        summary="Mark a search result useful or not",
        request=FeedbackInputSerializer,
        responses={
            201: FeedbackOutputSerializer,
            200: OpenApiResponse(FeedbackOutputSerializer, description="An earlier judgment, replaced."),
            400: OpenApiResponse(description="Invalid input, by field."),
            404: OpenApiResponse(description="No such customer in your book."),
        },
        examples=[
            OpenApiExample(
                "Thumbs down",
                value={
                    "query": "retirees in Florida",
                    "customer_id": 42,
                    "useful": False,
                    "reason": "Moved away",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        serializer = FeedbackInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        customer = get_object_or_404(customers_visible_to(request.user), pk=data["customer_id"])
        feedback, created = record_feedback(
            actor=request.user,
            customer=customer,
            query=data["query"],
            useful=data["useful"],
            reason=data["reason"],
        )
        payload = {
            "id": feedback.pk,
            "query": feedback.query,
            "customer_id": customer.pk,
            "useful": feedback.useful,
            "reason": feedback.reason,
            "encoder_version": feedback.encoder_version,
            "interpretation": feedback.interpretation,
            "created_at": feedback.created_at,
            "updated_at": feedback.updated_at,
        }
        return Response(
            FeedbackOutputSerializer(payload).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
