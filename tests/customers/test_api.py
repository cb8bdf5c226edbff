import pytest
from rest_framework.test import APIClient

from customers import services
from customers.models import Customer
from tests.factories import CustomerFactory
from tests.spreadsheet import formula_cells, rows

pytestmark = pytest.mark.django_db

NEW_CUSTOMER = {
    "external_id": "CORE-77",
    "first_name": "Maya",
    "last_name": "Chen",
    "email": "maya.chen@example.com",
    "phone": "(206) 555-0177",
    "date_of_birth": "1988-02-11",
    "city": "Seattle",
    "state": "WA",
    "occupation": "Data Scientist",
    "employment_status": "employed",
    "annual_income": "165000.00",
    "investable_assets": "240000.00",
    "credit_score": 765,
    "risk_tolerance": "aggressive",
    "dependents": 1,
    "customer_since": "2015-06-01",
    "preferred_channel": "mobile",
    "products": ["checking", "brokerage"],
    "interests": ["investing", "home_buying"],
    "notes": "Looking at houses in Ballard.",
    "relationship_manager": "rm_test",
    "last_contact_date": "2026-01-15",
}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/customers/"),
        ("post", "/api/v1/customers/"),
        ("get", "/api/v1/customers/1/"),
        ("patch", "/api/v1/customers/1/"),
        ("delete", "/api/v1/customers/1/"),
        ("get", "/api/v1/customers/1/similar/"),
        ("get", "/api/v1/customers/export/"),
        ("post", "/api/v1/search/"),
    ],
)
def test_anonymous_callers_are_refused(anonymous_client, method, path):
    assert getattr(anonymous_client, method)(path).status_code == 401


def test_a_service_token_authenticates_and_a_wrong_one_is_refused(db):
    from customers.access import issue_service_token

    CustomerFactory()
    _, key = issue_service_token(name="core-banking", scopes=["customers:read"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/customers/").json()["count"] == 1
    client.credentials(HTTP_AUTHORIZATION="Bearer bcrm_not-a-real-token")
    response = client.get("/api/v1/customers/")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_create_returns_the_domain_fields(api_client):
    response = api_client.post("/api/v1/customers/", NEW_CUSTOMER, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["segment"] == "mass_affluent"
    assert body["age"] >= 37
    assert body["embedding_status"] in {"pending", "ready"}
    assert body["products"] == ["checking", "brokerage"]
    assert "Data Scientist" in body["profile_text"]
    assert set(body) >= {"tenure_years", "relationship_manager", "last_contact_date"}


def test_list_is_paginated_and_filterable(api_client):
    for score in (610, 700, 790):
        CustomerFactory(credit_score=score)
    body = api_client.get("/api/v1/customers/", {"credit_score_min": 700, "page_size": 1}).json()
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"]


def test_contact_details_are_masked_unless_the_viewer_may_see_them(api_client, pii_user):
    customer = CustomerFactory(email="jordan.lee@example.com", phone="(512) 555-1234")
    masked = api_client.get(f"/api/v1/customers/{customer.pk}/").json()
    assert (masked["email"], masked["phone"], masked["date_of_birth"]) == (
        "j***@example.com",
        "***-***-1234",
        None,
    )
    client = APIClient()
    client.force_authenticate(pii_user)
    full = client.get(f"/api/v1/customers/{customer.pk}/").json()
    assert (full["email"], full["phone"]) == ("jordan.lee@example.com", "(512) 555-1234")


def test_patch_changes_fields_and_marks_the_embedding_stale(api_client):
    customer = CustomerFactory(notes="Old notes")
    services.embed_customers(customer_ids=[customer.pk])
    response = api_client.patch(
        f"/api/v1/customers/{customer.pk}/", {"notes": "Now wants a mortgage"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["notes"] == "Now wants a mortgage"
    assert response.json()["embedding_status"] == "stale"
    unchanged_text = api_client.patch(f"/api/v1/customers/{customer.pk}/", {"city": "Dallas"}, format="json")
    assert unchanged_text.json()["embedding_status"] == "stale"


def test_delete_removes_the_customer(api_client):
    customer = CustomerFactory()
    assert api_client.delete(f"/api/v1/customers/{customer.pk}/").status_code == 204
    assert not Customer.objects.filter(pk=customer.pk).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"credit_score": 900}, "credit_score"),
        ({"state": "Texas"}, "state"),
        ({"products": ["checking", "gold_bars"]}, "products"),
        ({"employment_status": "astronaut"}, "employment_status"),
        ({"date_of_birth": "yesterday"}, "date_of_birth"),
        ({"customer_since": "1950-01-01"}, "customer_since"),
        ({"relationship_manager": "nobody"}, "relationship_manager"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"annual_income": "-5"}, "annual_income"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_client, change, field):
    response = api_client.post("/api/v1/customers/", {**NEW_CUSTOMER, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Customer.objects.exists()


def test_duplicate_external_id_is_a_400(api_client):
    CustomerFactory(external_id="CORE-77")
    response = api_client.post("/api/v1/customers/", NEW_CUSTOMER, format="json")
    assert response.status_code == 400
    assert "external_id" in response.json()


def test_the_export_neutralises_every_cell_a_spreadsheet_would_run(api_client):
    customer = CustomerFactory(
        first_name='=HYPERLINK("http://evil.example/","click me")',
        occupation="@SUM(1+1)",
        notes="-2+3 then\t=1+1",
        last_name="\r=cmd",
    )
    text = api_client.get("/api/v1/customers/export/").getvalue().decode()
    assert formula_cells(text) == []
    (row,) = rows(text)
    assert row["first_name"] == '\'=HYPERLINK("http://evil.example/","click me")'
    assert row["occupation"] == "'@SUM(1+1)"
    assert row["notes"] == "'-2+3 then\t=1+1"
    assert row["last_name"] == "'\r=cmd"
    assert row["profile_text"].startswith("'@SUM(1+1) (employed)")
    assert row["id"] == str(customer.pk)


def test_malformed_json_is_a_400(api_client):
    response = api_client.post("/api/v1/customers/", "{not json", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"credit_scor_min": 700}, "credit_scor_min"),
        ({"credit_score_min": "lots"}, "credit_score_min"),
        ({"state": "Texas"}, "state"),
        ({"age_min": 60, "age_max": 30}, "age_min"),
    ],
)
def test_bad_filters_are_a_400_naming_the_filter(api_client, params, field):
    response = api_client.get("/api/v1/customers/", params)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("path", ["/api/v1/customers/999999/", "/api/v1/customers/abc/"])
def test_unknown_customer_is_a_404(api_client, path):
    assert api_client.get(path).status_code == 404
    assert api_client.patch(path, {"notes": "x"}, format="json").status_code == 404
