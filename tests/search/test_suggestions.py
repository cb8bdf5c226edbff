"""Suggested questions: each finds exactly the customers it counts, in the caller's book only."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Q
from rest_framework.test import APIClient

from customers.access import issue_service_token
from customers.filters import birth_date_bounds
from customers.models import Customer, Team
from customers.product_rules import INTEREST_PRODUCTS
from customers.selectors import customers_visible_to
from search.selectors import conditions_q, interpret
from search.suggestions import TEMPLATES, compute_suggestions, suggestions_for
from tests.factories import CustomerFactory, user_in_role

pytestmark = pytest.mark.django_db


def _not_held(*codes: str) -> Q:
    return ~Q(products__overlap=list(codes))


def _aged(lo: int | None, hi: int) -> Q:
    earliest, latest = birth_date_bounds(min_age=lo, max_age=hi)
    return Q(date_of_birth__gte=earliest) & (Q(date_of_birth__lte=latest) if latest else Q())


def _not_contacted(days: int) -> Q:
    return Q(last_contact_date__isnull=True) | Q(last_contact_date__lt=date.today() - timedelta(days=days))


# What each question must find, written from shared/spec/domain.md rather than from the parser:
# a phrase the parser reads differently (one day, after a rewrite) fails here.
INTENDED = {
    "retirement_planning": _not_held(*INTEREST_PRODUCTS["retirement_planning"]),
    "investing": _not_held(*INTEREST_PRODUCTS["investing"]),
    "wealth_management": _not_held("wealth_management") & Q(investable_assets__gte=250_000),
    "home_buying": _not_held("mortgage") & Q(credit_score__gte=620),
    "education_savings": _not_held(*INTEREST_PRODUCTS["education_savings"]),
    "travel": _not_held("premium_credit_card") & Q(credit_score__gte=700, annual_income__gte=75_000),
    "small_business": _not_held(*INTEREST_PRODUCTS["small_business"])
    & Q(employment_status__in=["self_employed", "business_owner"]),
    "debt_consolidation": _not_held(*INTEREST_PRODUCTS["debt_consolidation"]),
    "insurance": _not_held("life_insurance") & _aged(None, 75),
    "estate_planning": _not_held(*INTEREST_PRODUCTS["estate_planning"]),
    "tax_planning": _not_held(*INTEREST_PRODUCTS["tax_planning"]),
    # A premium card is a credit card: someone holding one is not building credit from nothing.
    "credit_building": _not_held("credit_card", "premium_credit_card") & Q(credit_score__gte=580),
    "saving": _not_held(*INTEREST_PRODUCTS["saving"]),
    "philanthropy": _not_held("wealth_management") & Q(investable_assets__gte=250_000),
    "real_estate_investing": _not_held(*INTEREST_PRODUCTS["real_estate_investing"]),
    "sustainable_investing": _not_held(*INTEREST_PRODUCTS["sustainable_investing"]),
    "new_baby": _not_held("life_insurance") & Q(dependents__gte=1) & _aged(None, 75),
    "retiring": _not_held("retirement_ira")
    & Q(employment_status__in=["employed", "self_employed", "business_owner"])
    & _aged(55, 67),
    "windfall": _not_held("brokerage", "wealth_management"),
    "promotion": _not_held("premium_credit_card") & Q(credit_score__gte=700, annual_income__gte=75_000),
    "idle_savings": Q(products__contains=["savings"])
    & _not_held("brokerage", "wealth_management", "money_market")
    & Q(investable_assets__gte=250_000),
    "not_contacted": _not_contacted(180),
    "wealthy_not_contacted": _not_contacted(90) & Q(segment__in=["affluent", "high_net_worth"]),
}


@pytest.fixture
def bank(db):
    """Two RMs' generated books (800 customers, alternating), a team lead over both, compliance."""
    cache.clear()
    alice = user_in_role("rm_alice", "Relationship managers")
    bob = user_in_role("rm_bob", "Relationship managers")
    call_command(
        "generate_customers", count=800, seed=11, rm=["rm_alice", "rm_bob"], no_embed=True, workers=1
    )
    lead = user_in_role("lead_carol", "Team leads")
    team = Team.objects.create(name="Suggest")
    team.members.add(alice, bob)
    team.leads.add(lead)
    compliance = user_in_role("compliance_dan", "Compliance officers")
    return {"alice": alice, "bob": bob, "lead": lead, "compliance": compliance}


def _found(user, query: str) -> int:
    """What the search's hard conditions find for ``query`` in ``user``'s book."""
    return customers_visible_to(user).filter(conditions_q(interpret(query).conditions)).count()


def test_every_phrase_means_what_the_suggestion_says(bank):
    assert set(INTENDED) == {str(key) for key in TEMPLATES}
    book = Customer.objects.all()
    for key, template in TEMPLATES.items():
        intended = book.filter(INTENDED[str(key)]).count()
        assert book.filter(conditions_q(interpret(template.query).conditions)).count() == intended, key
        assert intended, f"{key}: the generated bank has none, so the check says nothing"


def test_each_suggestion_finds_exactly_its_count_in_the_callers_book(bank):
    for role in ("alice", "bob", "lead", "compliance"):
        suggestions = compute_suggestions(user=bank[role])
        assert len(suggestions) >= 5, role
        kinds = {"interest_gap", "life_event", "idle_savings", "not_contacted"}
        assert {s.kind for s in suggestions} == kinds
        for suggestion in suggestions:
            assert suggestion.count == _found(bank[role], suggestion.query), (role, suggestion.query)
            assert f"{suggestion.count:,}" in suggestion.why


def test_an_interest_suggestion_names_those_who_state_the_interest(bank):
    alice = bank["alice"]
    suggestion = next(s for s in compute_suggestions(user=alice) if s.kind == "interest_gap")
    parsed = interpret(suggestion.query)
    (signal,) = parsed.signals
    wanting = (
        customers_visible_to(alice)
        .filter(conditions_q(parsed.conditions), interests__overlap=list(signal.value))
        .count()
    )
    assert f": {wanting:,}. They come first among the {suggestion.count:,}" in suggestion.why
    assert 0 < wanting < suggestion.count


def test_rms_see_their_own_counts_and_the_lead_sees_the_sum(bank):
    query = TEMPLATES["not_contacted"].query
    counts = {
        role: next(s.count for s in compute_suggestions(user=bank[role]) if s.query == query)
        for role in ("alice", "bob", "lead", "compliance")
    }
    assert counts["alice"] != counts["bob"]
    assert counts["lead"] == counts["alice"] + counts["bob"] == counts["compliance"]


def test_a_customer_outside_the_book_never_counts(bank):
    alice, bob = bank["alice"], bank["bob"]
    query = TEMPLATES["not_contacted"].query
    before = next(s.count for s in compute_suggestions(user=alice) if s.query == query)
    CustomerFactory(relationship_manager=bob, last_contact_date=None)
    assert next(s.count for s in compute_suggestions(user=alice) if s.query == query) == before


def test_an_empty_book_has_no_suggestions(db):
    cache.clear()
    assert compute_suggestions(user=user_in_role("rm_new", "Relationship managers")) == []


def test_suggestions_are_kept_per_user_for_a_minute(bank, django_assert_num_queries):
    alice, bob = bank["alice"], bank["bob"]
    first = suggestions_for(user=alice)
    with django_assert_num_queries(0):
        assert suggestions_for(user=alice) == first
    assert suggestions_for(user=bob) != first


def test_the_api_returns_the_suggestions_of_the_callers_book(bank):
    client = APIClient()
    client.force_authenticate(bank["alice"])
    response = client.get("/api/v1/search/suggestions/")
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert suggestions and set(suggestions[0]) == {"query", "count", "why", "kind"}
    for suggestion in suggestions:
        assert suggestion["count"] == _found(bank["alice"], suggestion["query"])
    assert APIClient().get("/api/v1/search/suggestions/").status_code in (401, 403)


def test_a_token_needs_the_search_scope_and_sees_its_teams_book(bank):
    team = Team.objects.get(name="Suggest")
    _, key = issue_service_token(name="crm", scopes=["customers:read"], team=team)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/search/suggestions/").status_code == 403
    _, key = issue_service_token(name="crm-search", scopes=["search"], team=team)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    lead = {s.query: s.count for s in compute_suggestions(user=bank["lead"])}
    for suggestion in client.get("/api/v1/search/suggestions/").json()["suggestions"]:
        assert suggestion["count"] == lead.get(suggestion["query"], suggestion["count"])


NOTE_PHRASES = {
    "new_baby": ["new baby", "newborn"],
    "retiring": ["plans to retire", "early retirement", "part-time work"],
    "windfall": ["bonus", "sold the family home", "selling the business"],
    "promotion": ["promotion", "promoted", "better salary"],
}


def test_a_life_event_suggestion_counts_the_notes_that_mention_it(bank):
    from search.suggestions import LIFE_EVENTS, _counts

    alice = bank["alice"]
    book = customers_visible_to(alice)
    templates = [LIFE_EVENTS[key] for key in NOTE_PHRASES]
    for (key, phrases), (found, focus) in zip(NOTE_PHRASES.items(), _counts(book, templates), strict=True):
        cohort = book.filter(INTENDED[key])
        assert found == cohort.count(), key
        notes = cohort.values_list("notes", flat=True)
        mentioning = [n for n in notes if any(p in n.lower() for p in phrases)]
        assert focus == len(mentioning) > 0, key


def test_the_openapi_schema_documents_suggestions_and_next_products(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    suggestions = schema["paths"]["/api/v1/search/suggestions/"]["get"]
    assert "200" in suggestions["responses"]
    next_products = schema["paths"]["/api/v1/customers/{id}/next-products/"]["get"]
    assert {"200", "404", "409"} <= set(next_products["responses"])
    offer = schema["components"]["schemas"]["ProductOffer"]["properties"]
    assert {"code", "label", "lookalikes_holding", "lookalikes", "reason", "visible_holders"} <= set(offer)
