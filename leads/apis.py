"""``/api/v1/lists/``: lead lists, their entries, bulk status and the CSV export.

Lists are people's: a service token is refused (403). Input is validated before any list is
looked up, so a bad body is a 400 whatever the path names; a list the caller does not see, or a
customer not on it in the book, is a 404.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from bankcrm import text_rules
from bankcrm.api import (
    MAX_PAGE_SIZE,
    PageNumberPaginationCapped,
    PageParamsSerializer,
    ScopedAccess,
    StrictInputSerializer,
)
from customers import audit
from customers.access import ServicePrincipal
from customers.apis import can_see_pii
from customers.models import AuditAction
from customers.selectors import InvalidFilters
from customers.serializers import CustomerOutputSerializer
from leads import exports, selectors, services
from leads.models import NAME_MAX_LENGTH, NOTE_MAX_LENGTH, EntryStatus, LeadList
from search.apis import InterpretationSerializer
from search.selectors import MAX_LIMIT, MAX_QUERY_LENGTH

MAX_ID = 2**63 - 1
ENTRIES_PAGE_SIZE = 100
WRITE = {"POST": "customers.change_customer", "PATCH": "customers.change_customer"}


class PeopleOnly(permissions.BasePermission):
    message = "Lead lists belong to relationship managers: a service token cannot use them."

    def has_permission(self, request, view) -> bool:
        return not isinstance(request.user, ServicePrincipal)


PERMISSIONS = [permissions.IsAuthenticated, PeopleOnly, ScopedAccess]


def _status_message() -> str:
    return "Unknown status; expected one of: " + ", ".join(EntryStatus.values) + "."


class StatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=EntryStatus.choices, error_messages={"invalid_choice": _status_message()}, **kwargs
        )


class CustomerIdsField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, list) and len(data) > services.MAX_LIST_CUSTOMERS:
            raise serializers.ValidationError(
                f"At most {services.MAX_LIST_CUSTOMERS:,} customers at a time; this has {len(data):,}."
            )
        ids = super().to_internal_value(data)
        if not ids:
            raise serializers.ValidationError("Name at least one customer.")
        seen = set()
        for customer_id in ids:
            if customer_id in seen:
                raise serializers.ValidationError(f"Customer {customer_id} is named more than once.")
            seen.add(customer_id)
        return ids


# ---- output, as the schema documents it -------------------------------------------------------


class ProgressSerializer(serializers.Serializer):
    entries = serializers.IntegerField(help_text="Entries on the list.")
    in_book = serializers.IntegerField(help_text="Entries whose customer is still in the book.")
    left_book = serializers.IntegerField(help_text="Entries whose customer is no longer in the book.")
    called = serializers.IntegerField(help_text="Entries in the book past to_call.")
    converted = serializers.IntegerField()
    by_status = serializers.DictField(
        child=serializers.IntegerField(), help_text="In-book entries by status."
    )


class LeadListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    owner = serializers.CharField(help_text="The RM whose list it is (username).")
    query = serializers.CharField(
        allow_blank=True, help_text="The saved question; empty for picked customers."
    )
    created_at = serializers.DateTimeField()
    progress = ProgressSerializer()


class EntrySerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="Place in the list, from 1, as saved.")
    in_book = serializers.BooleanField(
        help_text="False: the customer left the book; only position, in_book and label are shown."
    )
    label = serializers.CharField(
        allow_blank=True, help_text="'No longer in your book' when in_book is false."
    )
    customer_id = serializers.IntegerField(required=False, help_text="Absent when in_book is false.")
    customer = CustomerOutputSerializer(required=False, help_text="Absent when in_book is false.")
    status = StatusField(required=False, help_text="Absent when in_book is false.")
    note = serializers.CharField(allow_blank=True, required=False)
    note_date = serializers.DateField(
        allow_null=True, required=False, help_text="The day the note was last written."
    )
    next_contact_date = serializers.DateField(allow_null=True, required=False)
    updated_at = serializers.DateTimeField(required=False)


class LeadListDetailSerializer(LeadListSerializer):
    interpretation = InterpretationSerializer(allow_null=True)
    filters = serializers.DictField(help_text="Explicit filters and ignored conditions the search ran with.")
    may_change = serializers.BooleanField(help_text="True for the owner; a team lead reads only.")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    entries = EntrySerializer(many=True)


class NotFoundSerializer(serializers.Serializer):
    detail = serializers.CharField()
    customer_id = serializers.IntegerField(required=False, help_text="The id not found in your book.")


class BulkOutputSerializer(serializers.Serializer):
    updated = serializers.IntegerField(help_text="Entries whose status changed.")
    progress = ProgressSerializer()


def _summary(lead_list: LeadList, user) -> dict:
    return {
        "id": lead_list.pk,
        "name": lead_list.name,
        "owner": lead_list.owner.get_username(),
        "query": lead_list.query,
        "created_at": lead_list.created_at,
        "progress": selectors.list_progress(lead_list=lead_list, user=user).as_dict(),
    }


def _entry(view: selectors.EntryView, customer_data: dict | None) -> dict:
    entry = view.entry
    if view.customer is None:
        return {"position": entry.position, "in_book": False, "label": selectors.LEFT_THE_BOOK}
    return {
        "position": entry.position,
        "in_book": True,
        "label": "",
        "customer_id": view.customer.pk,
        "customer": customer_data,
        "status": entry.status,
        "note": entry.note,
        "note_date": entry.note_date,
        "next_contact_date": entry.next_contact_date,
        "updated_at": entry.updated_at,
    }


def entries_payload(views: list[selectors.EntryView], user) -> list[dict]:
    shown = [v.customer for v in views if v.customer is not None]
    data = CustomerOutputSerializer(shown, many=True, context={"show_pii": can_see_pii(user)}).data
    by_id = {row["id"]: row for row in data}
    return [_entry(v, by_id.get(v.customer_id)) for v in views]


def _not_in_book(error: services.CustomerNotInBook) -> Response:
    return Response(
        {"detail": str(error), "customer_id": error.customer_id}, status=status.HTTP_404_NOT_FOUND
    )


LIST_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The list's id.")
CUSTOMER_ID = OpenApiParameter(
    "customer_id", int, OpenApiParameter.PATH, description="A customer on the list."
)
NO_LIST = OpenApiResponse(description="No such list among those you see.")
NOT_IN_BOOK = OpenApiResponse(
    response=NotFoundSerializer,
    description="No such list, or a customer (named) not on it in your book; nothing was changed.",
)


class LeadListsApi(APIView):
    permission_classes = PERMISSIONS
    write_permissions = WRITE

    class LeadListCreateSerializer(StrictInputSerializer):
        name = serializers.CharField(
            max_length=NAME_MAX_LENGTH,
            validators=[text_rules.visible_name],
            help_text="Unique among your lists (any case, invisible characters ignored).",
        )
        query = serializers.CharField(
            max_length=MAX_QUERY_LENGTH,
            required=False,
            validators=[text_rules.single_line_text],
            help_text="A search to run and save, best first.",
        )
        customer_ids = CustomerIdsField(
            required=False,
            help_text=f"Customers you picked, in order (at most {services.MAX_LIST_CUSTOMERS:,}).",
        )
        limit = serializers.IntegerField(
            min_value=1, max_value=MAX_LIMIT, required=False, help_text="With query: results to save (20)."
        )
        filters = serializers.DictField(required=False, help_text="With query: as in the search API.")
        parse = serializers.BooleanField(required=False, help_text="With query: as in the search API.")
        ignore = serializers.ListField(
            child=serializers.CharField(max_length=200),
            required=False,
            max_length=50,
            help_text="With query: as in the search API.",
        )

        def validate_name(self, name: str) -> str:
            try:
                services.check_name_free(owner=self.context["owner"], name=name)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.message_dict["name"]) from error
            return name

        def validate(self, attrs):
            has_query, has_ids = "query" in attrs, "customer_ids" in attrs
            if has_query == has_ids:
                message = "Give either query (a search to save) or customer_ids (customers you picked)."
                if has_query:
                    message = "Give query or customer_ids, not both."
                raise serializers.ValidationError({"query": [message], "customer_ids": [message]})
            if has_ids:
                extra = [name for name in ("limit", "filters", "parse", "ignore") if name in attrs]
                if extra:
                    raise serializers.ValidationError({name: ["Only with query."] for name in extra})
            return attrs

    @extend_schema(
        summary="Your lead lists (and, for a team lead, your teams')",
        parameters=[
            OpenApiParameter("page", int, description="From 1."),
            OpenApiParameter("page_size", int, description="Up to 100, default 25."),
        ],
        responses={
            200: LeadListSerializer(many=True),
            404: OpenApiResponse(description="No such page (past the last one)."),
        },
    )
    def get(self, request):
        paginator = PageNumberPaginationCapped()
        page = paginator.paginate_queryset(selectors.lead_lists_visible_to(request.user), request, view=self)
        return paginator.get_paginated_response([_summary(lead_list, request.user) for lead_list in page])

    @extend_schema(
        summary="Save a search's results, or picked customers, as a lead list",
        request=LeadListCreateSerializer,
        responses={
            201: LeadListDetailSerializer,
            400: OpenApiResponse(description="Invalid input, by field (a taken name, 10,001 ids, ...)."),
            403: OpenApiResponse(description="A read-only role, or a service token."),
            404: NOT_IN_BOOK,
        },
    )
    def post(self, request):
        serializer = self.LeadListCreateSerializer(data=request.data, context={"owner": request.user})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            if "query" in data:
                lead_list, outcome = services.lead_list_from_search(
                    owner=request.user,
                    name=data["name"],
                    query=data["query"],
                    filters=data.get("filters") or {},
                    limit=data.get("limit", 20),
                    parse=data.get("parse", True),
                    ignore=data.get("ignore", []),
                )
                audit.record(
                    request=request,
                    action=AuditAction.SEARCH,
                    query=data["query"],
                    filters=lead_list.filters,
                    customer_ids=[r.customer.pk for r in outcome.results],
                )
            else:
                lead_list = services.lead_list_create(
                    owner=request.user, name=data["name"], customer_ids=data["customer_ids"]
                )
        except InvalidFilters as error:
            raise ValidationError({"filters": error.errors}) from error
        except services.CustomerNotInBook as error:
            return _not_in_book(error)
        ids = list(lead_list.entries.values_list("customer_id", flat=True))
        audit.record(
            request=request,
            action=AuditAction.LEAD_LIST_SAVE,
            query=lead_list.query,
            filters={"lead_list": lead_list.pk, "name": lead_list.name},
            customer_ids=ids,
        )
        return Response(_detail(request, lead_list, page=1, page_size=ENTRIES_PAGE_SIZE), status=201)


def _detail(request, lead_list: LeadList, *, page: int, page_size: int) -> dict:
    entries = Paginator(selectors.list_entries(lead_list=lead_list), page_size).get_page(page)
    views = selectors.entry_views(lead_list=lead_list, user=request.user, entries=list(entries))
    return {
        **_summary(lead_list, request.user),
        "interpretation": lead_list.interpretation,
        "filters": lead_list.filters,
        "may_change": selectors.may_change(lead_list=lead_list, user=request.user),
        "page": entries.number,
        "page_size": page_size,
        "entries": entries_payload(views, request.user),
    }


class LeadListDetailApi(APIView):
    permission_classes = PERMISSIONS

    class LeadListPageSerializer(PageParamsSerializer):
        page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, default=ENTRIES_PAGE_SIZE)

    @extend_schema(
        summary="A lead list with its entries in order",
        parameters=[
            LIST_ID,
            OpenApiParameter("page", int, description="Entries page, from 1 (past the last: the last)."),
            OpenApiParameter("page_size", int, description="Entries per page, up to 100 (default 100)."),
        ],
        responses={200: LeadListDetailSerializer, 404: NO_LIST},
    )
    def get(self, request, pk: int):
        params = self.LeadListPageSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        lead_list = selectors.lead_list_for(user=request.user, pk=pk)
        payload = _detail(request, lead_list, **params.validated_data)
        audit.record(
            request=request,
            action=AuditAction.LIST,
            filters={"lead_list": lead_list.pk},
            customer_ids=[e["customer_id"] for e in payload["entries"] if e["in_book"]],
        )
        return Response(payload)


class LeadListEntryApi(APIView):
    permission_classes = PERMISSIONS
    write_permissions = WRITE

    class EntryChangeSerializer(StrictInputSerializer):
        status = StatusField(required=False)
        note = serializers.CharField(
            max_length=NOTE_MAX_LENGTH,
            allow_blank=True,
            required=False,
            validators=[text_rules.multi_line_text],
        )
        next_contact_date = serializers.DateField(
            allow_null=True,
            required=False,
            validators=[services.next_contact_date_in_range],
            help_text="From 2000-01-01 to ten years from today.",
        )

    @extend_schema(
        parameters=[LIST_ID, CUSTOMER_ID],
        summary="Set an entry's status, note or next-contact date",
        description="Only the list's owner; a note is dated the day it is written. An entry whose "
        "customer left your book cannot be changed (404).",
        request=EntryChangeSerializer,
        responses={200: EntrySerializer, 403: OpenApiResponse(description="Not your list."), 404: NO_LIST},
    )
    def patch(self, request, pk: int, customer_id: int):
        serializer = self.EntryChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lead_list = selectors.lead_list_for(user=request.user, pk=pk, to_change=True)
        entry = selectors.entry_in_view(lead_list=lead_list, user=request.user, customer_id=customer_id)
        if entry is None:
            return Response(
                {"detail": f"No customer {customer_id} on this list in your book."},
                status=status.HTTP_404_NOT_FOUND,
            )
        with transaction.atomic():
            changed = services.entry_update(entry=entry, data=serializer.validated_data)
            audit.record(
                request=request,
                action=AuditAction.LEAD_LIST_UPDATE,
                filters={"lead_list": lead_list.pk},
                customer_ids=[customer_id],
                changed_fields=changed,
            )
        views = selectors.entry_views(lead_list=lead_list, user=request.user, entries=[entry])
        return Response(entries_payload(views, request.user)[0])


class LeadListBulkApi(APIView):
    permission_classes = PERMISSIONS
    write_permissions = WRITE

    class BulkStatusSerializer(StrictInputSerializer):
        customer_ids = CustomerIdsField(help_text="Customers on the list, all in your book.")
        status = StatusField()

    @extend_schema(
        parameters=[LIST_ID],
        summary="Set one status on several entries",
        description="All or nothing: a customer not on the list in your book is a 404 naming it.",
        request=BulkStatusSerializer,
        responses={
            200: BulkOutputSerializer,
            403: OpenApiResponse(description="Not your list."),
            404: NOT_IN_BOOK,
        },
    )
    def post(self, request, pk: int):
        serializer = self.BulkStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        lead_list = selectors.lead_list_for(user=request.user, pk=pk, to_change=True)
        try:
            with transaction.atomic():
                updated = services.entries_set_status(
                    lead_list=lead_list,
                    user=request.user,
                    customer_ids=data["customer_ids"],
                    status=data["status"],
                )
                audit.record(
                    request=request,
                    action=AuditAction.LEAD_LIST_UPDATE,
                    filters={"lead_list": lead_list.pk},
                    customer_ids=data["customer_ids"],
                    changed_fields=["status"],
                )
        except services.CustomerNotInBook as error:
            return Response(
                {
                    "detail": f"No customer {error.customer_id} on this list in your book.",
                    "customer_id": error.customer_id,
                },
                status=status.HTTP_404_NOT_FOUND,
            )
        progress = selectors.list_progress(lead_list=lead_list, user=request.user)
        return Response({"updated": updated, "progress": progress.as_dict()})


class LeadListExportApi(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        parameters=[LIST_ID],
        summary="Export a lead list as CSV",
        description="In order, PII masked unless you may see it; an entry whose customer left the book "
        "is a row that says so. Audited.",
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="CSV with a header row."
            ),
            404: NO_LIST,
            507: OpenApiResponse(
                description="The export did not fit on the export disk; nothing was served."
            ),
        },
    )
    def get(self, request, pk: int):
        lead_list = selectors.lead_list_for(user=request.user, pk=pk)
        out, ids = exports.lead_list_csv(lead_list=lead_list, user=request.user)
        response = out.response(filename=exports.export_filename(lead_list))
        audit.record(
            request=request, action=AuditAction.EXPORT, filters={"lead_list": lead_list.pk}, customer_ids=ids
        )
        return response
