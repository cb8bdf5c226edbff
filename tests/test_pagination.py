"""The API's one pagination (``bankcrm.api.PageNumberPaginationCapped``), on the customers list and
the lead lists index: a ``page`` or ``page_size`` that is no whole number in range is a 400 naming
the field, never DRF's 404 "Invalid page." nor a silent default; a page past the last stays a 404."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from bankcrm.api import MAX_PAGE_SIZE
from leads import services
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

CUSTOMERS = "/api/v1/customers/"
LISTS = "/api/v1/lists/"


@pytest.fixture
def paged(user):
    """Three customers in the RM's book and one lead list, so that both endpoints have a page 1."""
    customers = [CustomerFactory() for _ in range(3)]
    services.lead_list_create(owner=user, name="Calls", customer_ids=[c.pk for c in customers])


@pytest.mark.parametrize("path", [CUSTOMERS, LISTS])
@pytest.mark.parametrize(
    "params, field",
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "last"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"page": "9" * 2000}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-3"}, "page_size"),
        ({"page_size": "many"}, "page_size"),
        ({"page_size": str(MAX_PAGE_SIZE + 1)}, "page_size"),
        ({"page_size": "99999999999999999999"}, "page_size"),
    ],
)
def test_a_bad_page_or_page_size_is_a_400_naming_it(api_client, paged, path, params, field):
    response = api_client.get(path, params)
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


@pytest.mark.parametrize("path", [CUSTOMERS, LISTS])
def test_both_bad_are_both_named(api_client, paged, path):
    response = api_client.get(path, {"page": "x", "page_size": "0"})
    assert response.status_code == 400 and sorted(response.json()) == ["page", "page_size"]


@pytest.mark.parametrize("path", [CUSTOMERS, LISTS])
def test_a_page_past_the_last_stays_a_404(api_client, paged, path):
    response = api_client.get(path, {"page": "50"})
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


@pytest.mark.parametrize("path", [CUSTOMERS, LISTS])
def test_good_numbers_page_as_before(api_client, paged, path):
    assert api_client.get(path, {"page": "", "page_size": ""}).status_code == 200
    body = api_client.get(path, {"page": "1", "page_size": str(MAX_PAGE_SIZE)}).json()
    assert body["count"] >= 1 and body["next"] is None


def test_the_customers_list_walks_its_pages_by_the_next_link(api_client, paged):
    first = api_client.get(CUSTOMERS, {"page_size": "2"}).json()
    assert (first["count"], len(first["results"])) == (3, 2)
    second = api_client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None and second["previous"]


def test_the_schema_bounds_the_customers_list_page_parameters():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = {p["name"]: p["schema"] for p in schema["paths"][CUSTOMERS]["get"]["parameters"]}
    assert parameters["page"]["minimum"] == 1 and parameters["page_size"]["minimum"] == 1
    assert parameters["page_size"]["maximum"] == MAX_PAGE_SIZE
