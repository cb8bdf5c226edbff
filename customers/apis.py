"""REST endpoints for the customer book: ``/api/v1/customers/``."""

from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from customers import selectors, services
from customers.filters import CustomerFilter
from customers.models import Customer
from customers.serializers import CustomerInputSerializer, CustomerOutputSerializer


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
NOT_FOUND = OpenApiResponse(description="No such customer.")


@extend_schema_view(
    list=extend_schema(summary="List customers", responses={200: CustomerOutputSerializer, 400: BAD_REQUEST}),
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
    queryset = Customer.objects.none()

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

    def create(self, request, *args, **kwargs):
        serializer = CustomerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        customer = services.customer_create(data=serializer.validated_data)
        return Response(self._output(customer), status=201)

    def update(self, request, *args, **kwargs):
        customer = self.get_object()
        serializer = CustomerInputSerializer(customer, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        customer = services.customer_update(customer=customer, data=serializer.validated_data)
        return Response(self._output(customer))

    def perform_destroy(self, instance: Customer) -> None:
        services.customer_delete(customer=instance)
