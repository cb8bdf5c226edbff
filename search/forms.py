from django import forms

from search.parsing import Condition
from search.selectors import MAX_LIMIT, MAX_QUERY_LENGTH

# The filters offered on the search page (all of CustomerFilter stays available in the API).
PAGE_FILTERS = [
    "credit_score_min",
    "credit_score_max",
    "annual_income_min",
    "annual_income_max",
    "investable_assets_min",
    "age_min",
    "age_max",
    "tenure_years_min",
    "dependents_min",
    "state",
    "employment_status",
    "segment",
    "risk_tolerance",
    "preferred_channel",
    "products",
    "products_not_held",
    "interests",
]
# Query parameters of the page that are not customer filters.
PAGE_PARAMS = ("q", "limit", "ignore", "parse")
NUMBER_FILTERS = {"credit_score", "annual_income", "investable_assets", "age", "tenure_years", "dependents"}
CHOICE_FILTERS = {"state", "employment_status", "segment", "risk_tolerance", "preferred_channel"}


class SearchForm(forms.Form):
    q = forms.CharField(
        label="What are you looking for?",
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        widget=forms.TextInput(
            attrs={"placeholder": "e.g. retirees in Florida interested in estate planning", "autofocus": True}
        ),
    )
    limit = forms.IntegerField(min_value=1, max_value=MAX_LIMIT, initial=20, required=False)


def _number_text(number) -> str:
    """701, 200000.01: a filter value without float noise or lost digits."""
    text = f"{round(number, 2):.2f}"
    return text.rstrip("0").rstrip(".")


def filters_for_condition(condition: Condition) -> dict[str, list[str]] | None:
    """The page's filter fields that say the same as ``condition``, to edit it; None if none can."""
    field, op, value = condition.field, condition.op, condition.value
    if field in NUMBER_FILTERS:
        step = 1 if field in ("credit_score", "age", "tenure_years", "dependents") else 0.01
        if op == "between":
            bounds = {"min": value[0], "max": value[1]}
        elif op == "eq":
            bounds = {"min": value, "max": value}
        elif op in ("gt", "gte"):
            bounds = {"min": value + step if op == "gt" else value}
        elif op in ("lt", "lte"):
            bounds = {"max": value - step if op == "lt" else value}
        else:
            bounds = {}
        if not bounds:
            return None
        return {f"{field}_{end}": [_number_text(number)] for end, number in bounds.items()}
    if field in CHOICE_FILTERS and op == "in":
        return {field: list(value)}
    if field == "products" and op == "contains":
        return {"products": [value]}
    if field == "products" and op == "not_contains_any":
        return {"products_not_held": list(value)}
    if field == "interests" and op == "contains_any":
        return {"interests": list(value)}
    return None


class FeedbackForm(forms.Form):
    """A thumbs up or down from the search page (without JavaScript; with it, the page calls the
    API instead)."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, strip=True)
    customer = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    useful = forms.TypedChoiceField(choices=[("1", "useful"), ("0", "not useful")], coerce=lambda v: v == "1")
    reason = forms.CharField(max_length=500, required=False, strip=True)
    next = forms.CharField(max_length=4000, required=False)
