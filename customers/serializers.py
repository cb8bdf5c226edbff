"""The customer as the API shows it (domain spec fields) and as the API and importer accept it."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bankcrm.api import RejectUnknownFields
from customers.access import assignable_managers, assignment_refused_message
from customers.choices import Interest, Product
from customers.models import Customer
from customers.profile import build_profile_text

DOMAIN_FIELDS = [
    "id",
    "external_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "date_of_birth",
    "age",
    "city",
    "state",
    "occupation",
    "employment_status",
    "annual_income",
    "investable_assets",
    "credit_score",
    "risk_tolerance",
    "dependents",
    "segment",
    "customer_since",
    "tenure_years",
    "preferred_channel",
    "products",
    "interests",
    "notes",
    "relationship_manager",
    "last_contact_date",
    "profile_text",
    "embedding_status",
]

WRITABLE_FIELDS = [
    name
    for name in DOMAIN_FIELDS
    if name not in {"id", "age", "segment", "tenure_years", "profile_text", "embedding_status"}
]


def mask_email(email: str) -> str:
    if not email or "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str) -> str:
    digits = [c for c in phone if c.isdigit()]
    return f"***-***-{''.join(digits[-4:])}" if digits else ""


# What a caller without ``customers.view_customer_pii`` gets instead of each field: one table,
# so that every list, detail, search result, similar customer and export masks the same fields.
PII_MASKS: dict[str, Callable[[Customer], Any]] = {
    "email": lambda customer: mask_email(customer.email),
    "phone": lambda customer: mask_phone(customer.phone),
    "date_of_birth": lambda customer: None,
    "profile_text": lambda customer: build_profile_text(customer, with_pii=False),
}


class CustomerOutputSerializer(serializers.ModelSerializer):
    """The fields of ``PII_MASKS`` are masked unless the context says ``show_pii``."""

    age = serializers.IntegerField(read_only=True)
    tenure_years = serializers.IntegerField(read_only=True)
    relationship_manager = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    email = serializers.CharField(
        read_only=True, help_text="Masked (j***@example.com) unless you may see PII."
    )
    date_of_birth = serializers.DateField(allow_null=True, help_text="Null when masked.")
    profile_text = serializers.CharField(
        read_only=True, help_text="Without the birth year unless you may see PII."
    )

    class Meta:
        model = Customer
        fields = DOMAIN_FIELDS
        read_only_fields = DOMAIN_FIELDS

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("show_pii", False):
            for name, mask in PII_MASKS.items():
                data[name] = mask(instance)
        return data


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": Product.values}})
class ProductListField(serializers.ListField):
    child = serializers.ChoiceField(choices=Product.choices)


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": Interest.values}})
class InterestListField(serializers.ListField):
    child = serializers.ChoiceField(choices=Interest.choices)


class CustomerInputSerializer(RejectUnknownFields, serializers.ModelSerializer):
    accepted_extra_keys = DOMAIN_FIELDS  # what a client read and sends back; the read-only ones are ignored
    products = ProductListField(required=False)
    interests = InterestListField(required=False)
    relationship_manager = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        allow_null=True,
        required=False,
    )

    class Meta:
        model = Customer
        fields = WRITABLE_FIELDS
        # Uniqueness is the database's to decide (services.ExternalIdTaken), and the answer the
        # caller's to be given by customers.access: "already exists" would tell an RM what is in
        # another RM's book.
        extra_kwargs = {"external_id": {"validators": []}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("user")
        assignable = assignable_managers(user) if user is not None else None
        if assignable is not None:
            # "Does not exist" and "not yours to name" read the same: no one learns who exists.
            field = self.fields["relationship_manager"]
            field.queryset = assignable
            message = assignment_refused_message(user)
            field.error_messages = {**field.error_messages, "does_not_exist": message, "invalid": message}

    def validate(self, attrs):
        # Cross-field rules live on the model (clean); run them on the would-be instance.
        from django.core.exceptions import ValidationError as DjangoValidationError

        instance = Customer(**{**self._current_values(), **attrs})
        try:
            instance.clean(birth_date_hidden=not self.context.get("show_pii", True))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs

    def _current_values(self) -> dict:
        if self.instance is None:
            return {}
        return {name: getattr(self.instance, name) for name in WRITABLE_FIELDS}
