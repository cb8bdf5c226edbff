"""The customer filters, one definition for the list API, the search API and the search page."""

from datetime import date

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from customers.choices import (
    STATE_CHOICES,
    EmbeddingStatus,
    EmploymentStatus,
    Interest,
    PreferredChannel,
    Product,
    RiskTolerance,
    Segment,
)
from customers.models import Customer

# Query parameters that belong to pagination, not to filtering.
PAGINATION_PARAMS = frozenset({"page", "page_size"})


def birth_date_bounds(*, min_age: int | None, max_age: int | None, today: date | None = None):
    """Dates of birth for ages in [min_age, max_age] on ``today``: (earliest, latest), inclusive."""
    today = today or date.today()

    def years_before(years: int) -> date:
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - years, day=28)

    latest = years_before(min_age) if min_age is not None else None
    earliest = None
    if max_age is not None:
        earliest = date.fromordinal(years_before(max_age + 1).toordinal() + 1)
    return earliest, latest


class ContainsAllFilter(django_filters.MultipleChoiceFilter):
    """The customer holds every listed code."""

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__contains": list(value)}) if value else qs


class ContainsAnyFilter(django_filters.MultipleChoiceFilter):
    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__overlap": list(value)}) if value else qs


class ContainsNoneFilter(django_filters.MultipleChoiceFilter):
    def filter(self, qs, value):
        return qs.exclude(**{f"{self.field_name}__overlap": list(value)}) if value else qs


def _range(field: str, lookup: str, **bounds) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=field, lookup_expr=lookup, **bounds)


class CustomerFilter(django_filters.FilterSet):
    credit_score_min = _range("credit_score", "gte", min_value=0, max_value=1000)
    credit_score_max = _range("credit_score", "lte", min_value=0, max_value=1000)
    annual_income_min = _range("annual_income", "gte", min_value=0)
    annual_income_max = _range("annual_income", "lte", min_value=0)
    investable_assets_min = _range("investable_assets", "gte", min_value=0)
    investable_assets_max = _range("investable_assets", "lte", min_value=0)
    age_min = django_filters.NumberFilter(
        method="filter_age", min_value=0, max_value=130, label="Age at least"
    )
    age_max = django_filters.NumberFilter(
        method="filter_age", min_value=0, max_value=130, label="Age at most"
    )
    tenure_years_min = django_filters.NumberFilter(
        method="filter_tenure", min_value=0, max_value=130, label="Years as a customer at least"
    )
    tenure_years_max = django_filters.NumberFilter(
        method="filter_tenure", min_value=0, max_value=130, label="Years as a customer at most"
    )
    dependents_min = _range("dependents", "gte", min_value=0, max_value=8)
    dependents_max = _range("dependents", "lte", min_value=0, max_value=8)
    state = django_filters.MultipleChoiceFilter(choices=STATE_CHOICES)
    employment_status = django_filters.MultipleChoiceFilter(choices=EmploymentStatus.choices)
    segment = django_filters.MultipleChoiceFilter(choices=Segment.choices)
    risk_tolerance = django_filters.MultipleChoiceFilter(choices=RiskTolerance.choices)
    preferred_channel = django_filters.MultipleChoiceFilter(choices=PreferredChannel.choices)
    products = ContainsAllFilter(choices=Product.choices, label="Holds all of these products")
    products_not_held = ContainsNoneFilter(
        field_name="products", choices=Product.choices, label="Holds none of these products"
    )
    interests = ContainsAnyFilter(choices=Interest.choices, label="Has any of these interests")
    relationship_manager = django_filters.CharFilter(
        field_name="relationship_manager__username", label="Relationship manager (username)"
    )
    embedding_status = django_filters.MultipleChoiceFilter(choices=EmbeddingStatus.choices)

    class Meta:
        model = Customer
        fields: list[str] = []

    def __init__(self, data=None, *args, allowed_extra=PAGINATION_PARAMS, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.allowed_extra = allowed_extra

    def filter_age(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return self._whole_years(queryset, "date_of_birth", name, value)

    def filter_tenure(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return self._whole_years(queryset, "customer_since", name, value)

    @staticmethod
    def _whole_years(queryset: QuerySet, date_field: str, name: str, value) -> QuerySet:
        """Whole years since ``date_field`` at least (``*_min``) or at most (``*_max``) ``value``."""
        if value is None:
            return queryset
        years = int(value)
        if name.endswith("_min"):
            _, latest = birth_date_bounds(min_age=years, max_age=None)
            return queryset.filter(**{f"{date_field}__lte": latest})
        earliest, _ = birth_date_bounds(min_age=None, max_age=years)
        return queryset.filter(**{f"{date_field}__gte": earliest})

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if self.data is None:
            return valid
        errors = self.form.errors
        for name in sorted(set(self.data) - set(self.filters) - set(self.allowed_extra)):
            errors[name] = self.form.error_class([f"Unknown filter '{name}'."])
        cleaned = getattr(self.form, "cleaned_data", {})
        for prefix in (
            "credit_score",
            "annual_income",
            "investable_assets",
            "age",
            "tenure_years",
            "dependents",
        ):
            low, high = cleaned.get(f"{prefix}_min"), cleaned.get(f"{prefix}_max")
            if low is not None and high is not None and low > high:
                errors[f"{prefix}_min"] = self.form.error_class(
                    [f"{prefix}_min ({low}) is greater than {prefix}_max ({high})."]
                )
        return not errors


def filters_to_querydict(filters: dict) -> QueryDict:
    """A JSON filters object as the QueryDict a FilterSet reads; lists become repeated keys.

    Raises ``forms.ValidationError`` keyed by filter name for values that are not scalars/lists.
    """
    data = QueryDict(mutable=True)
    errors = {}
    for name, value in filters.items():
        values = value if isinstance(value, list) else [value]
        if value is None or any(isinstance(v, (dict, list)) or v is None for v in values):
            errors[name] = ["Must be a string, a number or a list of them."]
            continue
        data.setlist(name, [str(v).lower() if isinstance(v, bool) else str(v) for v in values])
    if errors:
        raise forms.ValidationError(errors)
    return data
