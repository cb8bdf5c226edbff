"""What the vague words of a question mean, in one place an admin can read and change.

Each entry is a bound on a customer field. Override any of them with the ``SEARCH_VOCABULARY``
setting (a dict of the same keys, e.g. ``{"young": {"age_max": 30}}``), read from the
``SEARCH_VOCABULARY`` environment variable as JSON. Where a word is vague the bound is the
stricter common reading, so that every customer returned deserves the word.
"""

from functools import cache

from django.conf import settings

DEFAULT_VOCABULARY: dict[str, dict[str, int]] = {
    # Age (whole years)
    "young": {"age_max": 35},
    "middle_aged": {"age_min": 45, "age_max": 60},
    "nearing_retirement": {"age_min": 55, "age_max": 67},
    "seniors": {"age_min": 65},
    "below_retirement_age": {"age_max": 64},
    # Annual income (USD)
    "high_income": {"annual_income_min": 150_000},
    "six_figure_income": {"annual_income_min": 100_000},
    "middle_income": {"annual_income_min": 50_000, "annual_income_max": 100_000},
    "low_income": {"annual_income_max": 40_000},
    # Credit score
    "excellent_credit": {"credit_score_min": 800},
    "very_good_credit": {"credit_score_min": 740},
    "good_credit": {"credit_score_min": 700},
    "fair_credit": {"credit_score_min": 580, "credit_score_max": 669},
    "poor_credit": {"credit_score_max": 579},
    "subprime_credit": {"credit_score_max": 619},
    # Investable assets (USD)
    "millionaires": {"investable_assets_min": 1_000_000},
    "ultra_high_net_worth": {"investable_assets_min": 5_000_000},
    # Household
    "parents": {"dependents_min": 1},
    "multiple_children": {"dependents_min": 2},
    "large_families": {"dependents_min": 3},
    # Life stage (several fields at once)
    "young_families": {"age_max": 40, "dependents_min": 1},
    "empty_nesters": {"age_min": 50, "dependents_max": 0},
    "mid_career": {"age_min": 35, "age_max": 54},
    # Tenure (whole years as a customer)
    "long_standing": {"tenure_years_min": 10},
    "new_customers": {"tenure_years_max": 0},
}


@cache
def vocabulary() -> dict[str, dict[str, int]]:
    """The defaults with the ``SEARCH_VOCABULARY`` setting laid over them."""
    merged = {term: dict(bounds) for term, bounds in DEFAULT_VOCABULARY.items()}
    for term, bounds in getattr(settings, "SEARCH_VOCABULARY", {}).items():
        merged.setdefault(term, {}).update(bounds)
    return merged
