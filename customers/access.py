"""Who may see and change which customers: roles, books, teams and service tokens.

- A relationship manager sees their own book: customers whose ``relationship_manager`` is them.
- A team lead also sees the books of every member of the teams they lead.
- Compliance officers (permission ``customers.view_all_customers``) see every customer; without
  the change permissions they cannot alter any.
- Admins (superusers) see and administer everything.
- A service token acts for an integrating system, limited by its scopes and, if set, its team.

``customers.selectors.customers_visible_to`` applies these rules everywhere: lists, detail,
search, similar customers, exports, pages and API alike. A customer outside the caller's book
answers 404, as if it did not exist.
"""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from customers.models import Customer, ServiceToken, Team, TokenScope

TOKEN_PREFIX = "bcrm_"  # noqa: S105 (a label, not a secret)

ROLE_GROUPS: dict[str, list[str]] = {
    "Relationship managers": ["view_customer", "add_customer", "change_customer", "view_customer_pii"],
    "Team leads": ["view_customer", "add_customer", "change_customer", "view_customer_pii"],
    "Compliance officers": [
        "view_customer",
        "view_all_customers",
        "view_customer_pii",
        "view_auditevent",
        "export_auditevent",
        "view_encoderversion",
        "search.view_searchfeedback",
        "search.view_dailyfigures",
    ],
}


def ensure_role_groups(**kwargs) -> None:
    """Create the role groups with their permissions (after every migrate; idempotent).

    A codename without an app is the customers app's. Run after each app's migrations, so that
    another app's permissions are granted once they exist.
    """
    for name, codenames in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        q = Q(pk__in=[])
        for codename in codenames:
            app_label, _, code = codename.rpartition(".")
            q |= Q(content_type__app_label=app_label or "customers", codename=code)
        group.permissions.add(*Permission.objects.filter(q))


@dataclass(frozen=True)
class ServicePrincipal:
    """The caller behind a service token, shaped enough like a user for permission checks."""

    token: ServiceToken
    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    @property
    def username(self) -> str:
        return f"token:{self.token.name}"

    def get_username(self) -> str:
        return self.username

    def has_scope(self, scope: str) -> bool:
        return scope in self.token.scopes

    def has_perm(self, perm: str, obj=None) -> bool:
        return perm == "customers.view_customer_pii" and self.has_scope(TokenScope.READ_PII)

    def __str__(self) -> str:
        return self.username


def book_q(user) -> Q | None:
    """The filter for ``user``'s customers; ``None`` means every customer, ``Q(pk__in=[])`` none."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if isinstance(user, ServicePrincipal):
        team = user.token.team
        return None if team is None else Q(relationship_manager__in=team.members.all())
    if not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser or user.has_perm("customers.view_all_customers"):
        return None
    team_members = get_user_model().objects.filter(teams__leads=user)
    return Q(relationship_manager=user) | Q(relationship_manager__in=team_members)


def can_change_customers(user) -> bool:
    if isinstance(user, ServicePrincipal):
        return user.has_scope(TokenScope.WRITE_CUSTOMERS)
    return user.has_perm("customers.change_customer")


def sees_every_customer(user) -> bool:
    """Bank-wide callers: admins, compliance and tokens without a team."""
    return book_q(user) is None


def assignable_managers(user) -> QuerySet | None:
    """The relationship managers whose books ``user`` may fill; ``None`` means anyone or nobody.

    A team token fills its team's books; a person their own book and, as a team lead, the books
    of every member of the teams they lead: the books they see, so no write can put a customer
    where its writer could no longer see it.
    """
    if sees_every_customer(user):
        return None
    users = get_user_model().objects.filter(is_active=True)
    if isinstance(user, ServicePrincipal):
        return users.filter(teams=user.token.team)
    return users.filter(Q(pk=user.pk) | Q(teams__leads=user)).distinct()


def assignment_refused_message(user) -> str:
    """What a caller hears when the relationship manager they named is not one they may name,
    or does not exist: the same words, so that no one learns which usernames exist."""
    if isinstance(user, ServicePrincipal):
        return f"This token writes only to team {user.token.team.name}'s books: name one of its members."
    if get_user_model().objects.filter(teams__leads=user).exists():
        return "You can assign customers only to yourself or to a member of a team you lead."
    return "You can assign customers only to yourself."


def check_assignment(user, *, data: Mapping[str, Any], customer: Customer | None = None) -> dict:
    """``data`` for a customer that ``user`` creates (``customer`` None) or changes, with the
    relationship manager the customer will have; a ``ValidationError`` on ``relationship_manager``
    when that book is not one ``user`` may fill (``assignable_managers``). Every write path asks
    this, so no caller can put a customer where it could no longer see it.

    Bank-wide callers may name anyone or nobody. A team token must name a member of its team. A
    person's new customer lands in their own book without naming it.
    """
    named = "relationship_manager" in data
    assignable = assignable_managers(user)
    if assignable is None:
        return dict(data)
    if not named and customer is None and not isinstance(user, ServicePrincipal):
        return {**data, "relationship_manager": user}
    manager = data["relationship_manager"] if named else getattr(customer, "relationship_manager", None)
    if manager is None or not assignable.filter(pk=manager.pk).exists():
        raise ValidationError({"relationship_manager": assignment_refused_message(user)})
    return dict(data)


def external_id_taken_message(user) -> str:
    """What a caller hears when the external id they gave is another customer's.

    Only bank-wide callers learn that it is in use: to anyone else, "already exists" (or any
    answer that differed with the book holding it) would say what is in books they cannot see.
    The attempt is on the audit trail either way.
    """
    if sees_every_customer(user):
        return "A customer with this external id already exists."
    return (
        "This external id cannot be used. Check it against the core-banking record; "
        "if it is right, ask an administrator."
    )


def hash_token_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_service_token(*, name: str, scopes: list[str], team: Team | None = None, created_by: str = ""):
    """A new token and its key; the key is returned once and never stored."""
    key, prefix, key_hash = new_token_key()
    token = ServiceToken.objects.create(
        name=name, scopes=list(scopes), team=team, prefix=prefix, key_hash=key_hash, created_by=created_by
    )
    return token, key


def new_token_key() -> tuple[str, str, str]:
    """A fresh key, the prefix shown to admins to recognise it, and the hash that is stored."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return key, key[: len(TOKEN_PREFIX) + 6], hash_token_key(key)


def revoke_service_token(*, token: ServiceToken) -> None:
    if token.revoked_at is None:
        ServiceToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        token.refresh_from_db()


def active_token_for(key: str) -> ServiceToken | None:
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ServiceToken.objects.select_related("team")
        .filter(key_hash=hash_token_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        ServiceToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
