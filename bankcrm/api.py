"""API-wide conventions: authentication by service token, scopes, throttling, one error shape,
one pagination, and the error responses every operation documents."""

from collections.abc import Collection, Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, permissions, serializers
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from bankcrm.exports import ExportNotWritten
from customers.access import ServicePrincipal, active_token_for, can_change_customers

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_PAGE = 10**6


class PageParamsSerializer(serializers.Serializer):
    """``page`` and ``page_size`` from the query string: a bad one is a 400 naming it, never a 404
    or a 500. A page past the last is the endpoint's to answer (a 404, or the last page)."""

    page = serializers.IntegerField(
        min_value=1,
        max_value=MAX_PAGE,
        default=1,
        error_messages={
            "invalid": "A page number is a whole number from 1.",
            "min_value": "Pages start at 1.",
        },
    )
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE)


class PageNumberPaginationCapped(PageNumberPagination):
    """The API's one pagination: ``page`` and ``page_size`` are read by ``PageParamsSerializer``
    (so ``page=abc``, ``page=0`` or ``page_size=999`` is a 400 naming the field, not DRF's 404 or a
    silent default); a page past the last stays DRF's 404."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        params = PageParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        self.params = params.validated_data
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request) -> int:
        return self.params["page_size"]

    def get_page_number(self, request, paginator) -> int:
        return self.params["page"]

    def get_schema_operation_parameters(self, view) -> list[dict]:
        bounds = {
            self.page_query_param: {"minimum": 1, "maximum": MAX_PAGE},
            self.page_size_query_param: {
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
        }
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class RejectUnknownFields:
    """A key the serializer does not know is a 400 naming it, so that a typo ("filter" for
    "filters") never silently changes the answer. Nested serializers check their own keys."""

    accepted_extra_keys: Collection[str] = ()

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            known = set(self.fields) | set(self.accepted_extra_keys)
            unknown = sorted(str(key) for key in data if key not in known)
            if unknown:
                expected = ", ".join(name for name, field in self.fields.items() if not field.read_only)
                message = f"Unknown field; expected one of: {expected}."
                raise serializers.ValidationError({name: [message] for name in unknown})
        return super().to_internal_value(data)


class StrictInputSerializer(RejectUnknownFields, serializers.Serializer):
    """The base of every serializer that reads a request body."""


def api_exception_handler(exc, context):
    """DRF's ``{"field": ["message"]}`` / ``{"detail": "..."}``, also for model validation errors."""
    from rest_framework.views import exception_handler  # DRF's views import this module's classes

    if isinstance(exc, ExportNotWritten):
        return Response({"detail": str(exc)}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    return exception_handler(exc, context)


class ServiceTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer bcrm_...``: an integrating system's revocable, scoped token."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Invalid Authorization header: expected 'Bearer <token>'.")
        try:
            key = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed("Invalid token.") from error
        token = active_token_for(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        return ServicePrincipal(token), token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class ServiceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "bankcrm.api.ServiceTokenAuthentication"
    name = "serviceToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A service token (bcrm_...) from admin."}


class ScopedAccess(permissions.BasePermission):
    """Tokens need the view's scope for the method; users need the model permission to write.

    A view declares ``read_scope`` and ``write_scope`` (token scopes) and, for users,
    ``write_permissions`` by HTTP method.
    """

    message = "You may not do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        safe = request.method in permissions.SAFE_METHODS
        if isinstance(user, ServicePrincipal):
            scope = getattr(view, "read_scope" if safe else "write_scope", None)
            if scope and not user.has_scope(scope):
                self.message = f"This token lacks the '{scope}' scope."
                return False
            return True
        if safe:
            return True
        required = getattr(view, "write_permissions", {}).get(request.method)
        if required is None:
            return True
        if required == "customers.change_customer":
            return can_change_customers(user)
        return user.has_perm(required)


class PrincipalRateThrottle(SimpleRateThrottle):
    """One budget per user, per service token, or per address for anonymous callers."""

    scope = "user"

    def allow_request(self, request, view) -> bool:
        user = request.user
        if isinstance(user, ServicePrincipal):
            self.scope, self.ident = "token", f"token-{user.token.pk}"
        elif user is not None and user.is_authenticated:
            self.scope, self.ident = "user", f"user-{user.pk}"
        else:
            self.scope, self.ident = "anon", self.get_ident(request)
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


ERROR_RESPONSES = {
    "400": (
        "Invalid input; the body names each bad field. Any operation refuses text that is not valid "
        "Unicode or holds NUL (in the body, the query string or a header), and JSON nested deeper "
        "than 32 levels.",
        "FieldErrors",
    ),
    "401": ("Not authenticated: no session, or a missing, invalid or revoked token.", "ErrorDetail"),
    "413": ("The request body is larger than REQUEST_MAX_BYTES (256 KiB by default).", "ErrorDetail"),
    "403": ("Authenticated, but not allowed (a token without the scope, a read-only role).", "ErrorDetail"),
    "429": ("Too many requests; retry after the number of seconds in Retry-After.", "ErrorDetail"),
}

BODY_ERROR_RESPONSES = {
    "415": ("The body is not JSON: the API reads JSON only (Content-Type: application/json).", "ErrorDetail"),
}


def document_error_responses(result, generator, request, public):
    """drf-spectacular hook: every operation lists the errors any call can meet."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(
        "ErrorDetail",
        {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    )
    components.setdefault(
        "FieldErrors",
        {
            "type": "object",
            "description": 'Messages by field, nested as the input is: {"filters": {"state": ["..."]}}, '
            'or {"detail": "..."}.',
            "additionalProperties": True,
        },
    )
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            errors = {**ERROR_RESPONSES, **(BODY_ERROR_RESPONSES if "requestBody" in operation else {})}
            for code, (description, schema) in errors.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                        },
                    },
                )
    return result


def api_not_found(request, *args, **kwargs) -> JsonResponse:
    """Any /api/ path no route matches: the API's JSON 404, never Django's HTML page (or, under
    DEBUG, its list of every URL)."""
    return JsonResponse({"detail": "Not found."}, status=404)
