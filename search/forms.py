from django import forms

from search.selectors import MAX_LIMIT, MAX_QUERY_LENGTH

# The filters offered on the search page (all of CustomerFilter stays available in the API).
PAGE_FILTERS = [
    "credit_score_min",
    "credit_score_max",
    "annual_income_min",
    "age_min",
    "age_max",
    "state",
    "employment_status",
    "segment",
    "products",
    "products_not_held",
    "interests",
]


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
