from django import forms

from bankcrm import text_rules
from search.conditions import Condition, to_filter_params
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
PAGE_PARAMS = ("q", "limit", "ignore", "parse", "page")


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
    page = forms.IntegerField(min_value=1, max_value=MAX_LIMIT, required=False)

    @property
    def page_size(self) -> int:
        return self.cleaned_data.get("limit") or 20

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    @property
    def ranked(self) -> int:
        """How many results the page's search ranks: every page up to this one, at most ``MAX_LIMIT``."""
        return min(self.page_size * self.page_number, MAX_LIMIT)


def filters_for_condition(condition: Condition) -> dict[str, list[str]] | None:
    """The page's filter fields that say the same as ``condition``, to edit it; None if none can."""
    return to_filter_params(condition)


class FeedbackForm(forms.Form):
    """A thumbs up or down from the search page (without JavaScript; with it, the page calls the
    API instead)."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, strip=True, validators=[text_rules.question_text])
    customer = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    useful = forms.TypedChoiceField(choices=[("1", "useful"), ("0", "not useful")], coerce=lambda v: v == "1")
    reason = forms.CharField(
        max_length=500, required=False, strip=True, validators=[text_rules.multi_line_text]
    )
    next = forms.CharField(max_length=4000, required=False)
