"""Under /api/ every 404 is the API's JSON error, whatever the path: never Django's HTML page."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

BAD_PATHS = [
    "/api/v1/customers/-1/next-products/",
    "/api/v1/customers/abc/similar/",
    "/api/v1/customers/abc/next-products/",
    "/api/v1/customers/-1/",
    "/api/v1/customers/%EF%BC%92/",
    "/api/v1/customers/999999999/similar/",
    "/api/v1/lists/abc/",
    "/api/v1/nonexistent/",
    "/api/v2/customers/",
    "/api/",
]


@pytest.mark.parametrize("path", BAD_PATHS)
def test_a_bad_api_path_answers_the_json_404(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}


@override_settings(DEBUG=True)
def test_under_debug_an_unmatched_api_path_lists_no_urls(api_client):
    response = api_client.get("/api/v1/nonexistent/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    assert b"admin/" not in response.content


def test_the_site_s_own_pages_keep_their_html_404(client, user):
    client.force_login(user)
    assert client.get("/no-such-page/").status_code == 404
