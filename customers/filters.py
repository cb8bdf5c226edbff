"""The customer filters, one definition for the list API, the search API and the search page.

Derived from ``customers.fields``: each number has ``<name>_min``/``<name>_max`` admitting what a
customer can have, each code a multiple choice, products ``products`` (holds all) and
``products_not_held`` (holds none), interests ``interests`` (any).
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from customers.fields import ATTRIBUTES, NUMERIC, Attribute, Kind, birth_date_bounds
from customers.models import Customer

# Query parameters that belong to pagination, not to filtering.
PAGINATION_PARAMS = frozenset({"page", "page_size"})


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


def _number_filters(attribute: Attribute) -> dict[str, django_filters.Filter]:
    """``<name>_min`` and ``<name>_max``, admitting what a customer can have (``customers.fields``)."""
    lo, hi = attribute.bounds
    limits = {"min_value": lo} if attribute.kind == Kind.MONEY else {"min_value": lo, "max_value": hi}
    filters = {}
    for end, lookup, words in (("min", "gte", "at least"), ("max", "lte", "at most")):
        label = f"{attribute.label.capitalize()} {words}"
        if attribute.kind == Kind.YEARS_SINCE:
            filters[f"{attribute.name}_{end}"] = django_filters.NumberFilter(
                method="filter_years_since", label=label, **limits
            )
        else:
            filters[f"{attribute.name}_{end}"] = django_filters.NumberFilter(
                field_name=attribute.column, lookup_expr=lookup, label=label, **limits
            )
    return filters


def _code_filters(attribute: Attribute) -> dict[str, django_filters.Filter]:
    if attribute.kind == Kind.CODE:
        return {attribute.name: django_filters.MultipleChoiceFilter(choices=attribute.choices)}
    if attribute.name == "products":
        return {
            "products": ContainsAllFilter(choices=attribute.choices, label="Holds all of these products"),
            "products_not_held": ContainsNoneFilter(
                field_name="products", choices=attribute.choices, label="Holds none of these products"
            ),
        }
    return {
        attribute.name: ContainsAnyFilter(
            choices=attribute.choices, label=f"Has any of these {attribute.label}"
        )
    }


def attribute_filters() -> dict[str, django_filters.Filter]:
    """The filters of every attribute: numbers first, then codes, in ``ATTRIBUTES`` order."""
    filters: dict[str, django_filters.Filter] = {}
    for attribute in ATTRIBUTES.values():
        if attribute.numeric:
            filters.update(_number_filters(attribute))
    for attribute in ATTRIBUTES.values():
        if attribute.kind in (Kind.CODE, Kind.CODE_LIST):
            filters.update(_code_filters(attribute))
    return filters


AttributeFilterSet = django_filters.filterset.FilterSetMetaclass(
    "AttributeFilterSet", (django_filters.FilterSet,), {"__module__": __name__, **attribute_filters()}
)


class CustomerFilter(AttributeFilterSet):
    relationship_manager = django_filters.CharFilter(
        field_name="relationship_manager__username", label="Relationship manager (username)"
    )

    class Meta:
        model = Customer
        fields: list[str] = []

    def __init__(self, data=None, *args, allowed_extra=PAGINATION_PARAMS, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.allowed_extra = allowed_extra

    def filter_years_since(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """Whole years since the concept's date at least (``*_min``) or at most (``*_max``) ``value``."""
        if value is None:
            return queryset
        attribute = ATTRIBUTES[name.removesuffix("_min").removesuffix("_max")]
        years = int(value)
        if name.endswith("_min"):
            _, latest = birth_date_bounds(min_age=years, max_age=None)
            return queryset.filter(**{f"{attribute.column}__lte": latest})
        earliest, _ = birth_date_bounds(min_age=None, max_age=years)
        return queryset.filter(**{f"{attribute.column}__gte": earliest})

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if self.data is None:
            return valid
        errors = self.form.errors
        for name in sorted(set(self.data) - set(self.filters) - set(self.allowed_extra)):
            errors[name] = self.form.error_class([f"Unknown filter '{name}'."])
        cleaned = getattr(self.form, "cleaned_data", {})
        for prefix in (attribute.name for attribute in NUMERIC):
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
