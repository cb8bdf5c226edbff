"""The audit trail: who did what to which customers, from where. Append-only.

Views, the admin and the login signals call ``record``; nothing in the app updates or deletes an
event, and the database refuses to (a trigger on the table). Only field names are kept for
changes, never values, so no personal data is copied into the log beyond the search text.
"""

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

from bankcrm import safe_csv
from bankcrm.input_guard import storable
from customers.access import ServicePrincipal
from customers.models import AuditAction, AuditEvent

USER_AGENT_LENGTH = 300


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address; behind trusted proxies, the hop the outermost of them appended.

    A client can send any X-Forwarded-For, and each proxy appends the address it saw, so only the
    last ``AUDIT_TRUSTED_PROXY_HOPS`` entries were written by us: the first of those is the client
    as our edge proxy saw it. Only an address is returned (the column is PostgreSQL's ``inet``);
    a hop that is not one must not stop the event being recorded.
    """
    candidates = [request.META.get("REMOTE_ADDR", "")]
    if settings.AUDIT_TRUST_X_FORWARDED_FOR:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(hops) >= settings.AUDIT_TRUSTED_PROXY_HOPS:
            candidates.insert(0, hops[-settings.AUDIT_TRUSTED_PROXY_HOPS])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def record(
    *,
    request: HttpRequest | None,
    action: AuditAction,
    actor=None,
    customer_ids: Iterable[int] = (),
    query: str = "",
    filters: dict | None = None,
    changed_fields: Iterable[str] = (),
) -> AuditEvent:
    """Append one event. ``actor`` defaults to the request's user or service token.

    Text is stored without what PostgreSQL refuses (NUL, lone surrogates): the edge guard refuses
    such requests, and an event must never fail on what it quotes.
    """
    actor = actor if actor is not None else getattr(request, "user", None)
    user_id = token_id = None
    if isinstance(actor, ServicePrincipal):
        label, token_id = actor.username, actor.token.pk
    elif isinstance(actor, str):
        label = actor
    elif actor is not None and getattr(actor, "is_authenticated", False):
        label, user_id = actor.get_username(), actor.pk
    else:
        label = "anonymous"
    meta = request.META if request is not None else {}
    return AuditEvent.objects.create(
        actor=storable(label)[:150],
        actor_user_id=user_id,
        actor_token_id=token_id,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=storable(meta.get("HTTP_USER_AGENT", ""))[:USER_AGENT_LENGTH],
        action=action,
        path=storable(request.get_full_path())[:300] if request is not None else "",
        query=storable(query),
        filters=storable(_plain(filters or {})),
        customer_ids=[int(pk) for pk in customer_ids],
        changed_fields=sorted(changed_fields),
    )


def _plain(filters) -> dict:
    """A QueryDict or dict of filters as JSON-safe lists and scalars."""
    if hasattr(filters, "lists"):
        return {key: values if len(values) > 1 else values[0] for key, values in filters.lists()}
    return {str(key): value for key, value in dict(filters).items()}


CSV_COLUMNS = [
    "id",
    "at",
    "actor",
    "action",
    "ip_address",
    "user_agent",
    "path",
    "query",
    "filters",
    "customer_ids",
    "changed_fields",
]


def write_audit_csv(events, out) -> None:
    writer = safe_csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events.iterator():
        writer.writerow(
            [
                event.pk,
                event.at.isoformat(),
                event.actor,
                event.action,
                event.ip_address or "",
                event.user_agent,
                event.path,
                event.query,
                event.filters,
                " ".join(map(str, event.customer_ids)),
                " ".join(event.changed_fields),
            ]
        )
