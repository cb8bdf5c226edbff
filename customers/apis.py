"""REST endpoints for the customer book: ``/api/v1/customers/``."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from bankcrm import exports, safe_csv
from customers import audit, selectors, services
from customers.access import check_assignment, external_id_taken_message
from customers.filters import CustomerFilter
from customers.models import AuditAction, Customer, TokenScope
from customers.serializers import DOMAIN_FIELDS, CustomerInputSerializer, CustomerOutputSerializer


def can_see_pii(user) -> bool:
    return user.has_perm("customers.view_customer_pii")


class CustomerFilterBackend(DjangoFilterBackend):
    """Applies ``CustomerFilter`` through the selector, answering 400 per field on bad input
    (unknown filters included). The schema documents the filters as django-filter's does."""

    def filter_queryset(self, request, queryset, view):
        try:
            return selectors.customer_list(user=request.user, filters=request.query_params)
        except selectors.InvalidFilters as error:
            raise ValidationError(error.errors) from error


BAD_REQUEST = OpenApiResponse(description="Invalid input; the body maps each field to its messages.")
NOT_FOUND = OpenApiResponse(description="No such customer in your book.")


@extend_schema_view(
    list=extend_schema(
        summary="List customers",
        responses={
            200: CustomerOutputSerializer,
            400: BAD_REQUEST,
            404: OpenApiResponse(description="No such page (past the last one)."),
        },
    ),
    retrieve=extend_schema(
        summary="Get a customer", responses={200: CustomerOutputSerializer, 404: NOT_FOUND}
    ),
    create=extend_schema(
        summary="Create a customer",
        request=CustomerInputSerializer,
        responses={201: CustomerOutputSerializer, 400: BAD_REQUEST},
    ),
    partial_update=extend_schema(
        summary="Update some fields of a customer",
        request=CustomerInputSerializer,
        responses={200: CustomerOutputSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    ),
    destroy=extend_schema(summary="Delete a customer", responses={204: None, 404: NOT_FOUND}),
)
class CustomerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    filter_backends = [CustomerFilterBackend]
    filterset_class = CustomerFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_converter = "api_id"
    queryset = Customer.objects.none()
    read_scope = TokenScope.READ_CUSTOMERS
    write_scope = TokenScope.WRITE_CUSTOMERS
    write_permissions = {
        "POST": "customers.add_customer",
        "PATCH": "customers.change_customer",
        "DELETE": "customers.delete_customer",
    }

    def get_queryset(self):
        return selectors.customers_visible_to(self.request.user)

    def get_object(self) -> Customer:
        lookup = self.kwargs.get("pk", "")
        if not str(lookup).isdigit():
            raise Http404
        return super().get_object()

    def get_serializer_class(self):
        if self.action in {"create", "partial_update", "update"}:
            return CustomerInputSerializer
        return CustomerOutputSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "show_pii": can_see_pii(self.request.user)}

    def _output(self, customer: Customer) -> dict:
        return CustomerOutputSerializer(customer, context=self.get_serializer_context()).data

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data.get("results", [])]
        audit.record(request=request, action=AuditAction.LIST, filters=request.query_params, customer_ids=ids)
        return response

    def retrieve(self, request, *args, **kwargs):
        customer = self.get_object()
        audit.record(request=request, action=AuditAction.VIEW, customer_ids=[customer.pk])
        return Response(self._output(customer))

    def create(self, request, *args, **kwargs):
        with self._refusal_audited():
            serializer = CustomerInputSerializer(data=request.data, context=self._input_context())
            serializer.is_valid(raise_exception=True)
            data = check_assignment(request.user, data=serializer.validated_data)
        with self._external_id_checked(), transaction.atomic():
            customer = services.customer_create(data=data)
            audit.record(
                request=request,
                action=AuditAction.CREATE,
                customer_ids=[customer.pk],
                changed_fields=data.keys(),
            )
        return Response(self._output(customer), status=201)

    def update(self, request, *args, **kwargs):
        customer = self.get_object()
        with self._refusal_audited(customer):
            serializer = CustomerInputSerializer(
                customer, data=request.data, partial=True, context=self._input_context()
            )
            serializer.is_valid(raise_exception=True)
            data = check_assignment(request.user, data=serializer.validated_data, customer=customer)
        changed = [name for name, value in data.items() if getattr(customer, name) != value]
        with self._external_id_checked(), transaction.atomic():
            customer = services.customer_update(customer=customer, data=data)
            audit.record(
                request=request, action=AuditAction.UPDATE, customer_ids=[customer.pk], changed_fields=changed
            )
        return Response(self._output(customer))

    def _input_context(self) -> dict:
        return {"user": self.request.user, "show_pii": can_see_pii(self.request.user)}

    @contextmanager
    def _refusal_audited(self, customer: Customer | None = None) -> Iterator[None]:
        """A refused create or update is on the audit trail with the fields it named (never their
        values), so that probing a customer with writes meant to fail leaves a trace."""
        try:
            yield
        except (ValidationError, DjangoValidationError):
            body = self.request.data
            named = [name for name in body if name in DOMAIN_FIELDS] if isinstance(body, Mapping) else []
            audit.record(
                request=self.request,
                action=AuditAction.WRITE_REFUSED,
                customer_ids=[customer.pk] if customer else [],
                changed_fields=named,
            )
            raise

    @contextmanager
    def _external_id_checked(self) -> Iterator[None]:
        """Outside the write's transaction, so that the refused attempt stays on record."""
        try:
            yield
        except services.ExternalIdTaken as taken:
            audit.record(
                request=self.request,
                action=AuditAction.EXTERNAL_ID_TAKEN,
                customer_ids=[taken.holder_id] if taken.holder_id else [],
                changed_fields=["external_id"],
            )
            raise ValidationError({"external_id": [external_id_taken_message(self.request.user)]}) from taken

    def perform_destroy(self, instance: Customer) -> None:
        pk = instance.pk
        with transaction.atomic():
            services.customer_delete(customer=instance)
            audit.record(request=self.request, action=AuditAction.DELETE, customer_ids=[pk])

    @extend_schema(
        summary="Export customers as CSV",
        description=f"The customers you may see that pass the filters, at most {settings.EXPORT_MAX_ROWS:,} "
        "rows; PII is masked unless you may see it.",
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="CSV with a header row."
            ),
            400: BAD_REQUEST,
            507: OpenApiResponse(
                description="The export did not fit on the export disk; nothing was served."
            ),
        },
    )
    @action(detail=False, methods=["get"], url_path="export")
    def export(self, request):
        customers = self.filter_queryset(self.get_queryset()).order_by("id")
        count = customers.count()
        if count > settings.EXPORT_MAX_ROWS:
            limit = settings.EXPORT_MAX_ROWS
            raise ValidationError(
                {"detail": f"{count:,} customers match; narrow the filters to {limit:,} or fewer."}
            )
        out = exports.ExportFile()
        writer = safe_csv.DictWriter(out, fieldnames=DOMAIN_FIELDS)
        writer.writeheader()
        ids = []
        # One serializer for every row: building its fields costs more than a row does.
        rows = CustomerOutputSerializer(context=self.get_serializer_context())
        for customer in customers.iterator(chunk_size=1000):
            ids.append(customer.pk)
            row = rows.to_representation(customer)
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
        response = out.response(filename="customers.csv")
        audit.record(
            request=request, action=AuditAction.EXPORT, filters=request.query_params, customer_ids=ids
        )
        return response
