import pytest
from rest_framework.test import APIClient

from customers.models import Team
from tests.factories import CustomerFactory, user_in_role
from tests.search.conftest import book  # noqa: F401 (the embedded hand-made book)
from tests.search.test_browser import page  # noqa: F401 (a real headless Chromium page)


@pytest.fixture
def other_rm(db):
    return user_in_role("rm_other", "Relationship managers")


@pytest.fixture
def team_lead(db, user):
    """Leads a team whose member is the ``user`` RM."""
    lead = user_in_role("lead_test", "Team leads")
    team = Team.objects.create(name="Test team")
    team.leads.add(lead)
    team.members.add(user)
    return lead


@pytest.fixture
def picked(db):
    """Three customers of the ``user`` RM's book, not embedded (a picked list needs no search)."""
    return [CustomerFactory(first_name=name) for name in ("Ann", "Ben", "Cy")]


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def make_list(api_client, customers, name: str = "Calls") -> dict:
    response = api_client.post(
        "/api/v1/lists/", {"name": name, "customer_ids": [c.pk for c in customers]}, format="json"
    )
    assert response.status_code == 201, response.content
    return response.json()
