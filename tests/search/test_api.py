import pytest

from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_search_returns_customers_with_scores_best_first(api_client, book):
    response = api_client.post(
        "/api/v1/search/", {"query": "people building their credit", "limit": 3}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert body["results"][0]["customer"]["id"] == book["student"].pk
    assert body["results"][0]["customer"]["email"].startswith("t***@")
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_applies_filters(api_client, book):
    response = api_client.post(
        "/api/v1/search/",
        {"query": "investing", "filters": {"credit_score_min": 750, "state": ["FL", "WA"]}},
        format="json",
    )
    assert response.status_code == 200
    assert {r["customer"]["id"] for r in response.json()["results"]} == {
        book["retiree"].pk,
        book["investor"].pk,
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "query"),
        ({"query": ""}, "query"),
        ({"query": "   \n\t "}, "query"),
        ({"query": "x" * 1001}, "query"),
        ({"query": "ok", "limit": 0}, "limit"),
        ({"query": "ok", "limit": 101}, "limit"),
        ({"query": "ok", "limit": "ten"}, "limit"),
        ({"query": "ok", "filters": ["state", "TX"]}, "filters"),
        ({"query": "ok", "filters": {"colour": "blue"}}, "filters"),
        ({"query": "ok", "filters": {"credit_score_min": "high"}}, "filters"),
        ({"query": "ok", "filters": {"state": {"nested": "object"}}}, "filters"),
    ],
)
def test_bad_search_input_is_a_400_naming_the_field(api_client, db, body, field):
    response = api_client.post("/api/v1/search/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_bad_filter_errors_name_the_filter(api_client, db):
    response = api_client.post(
        "/api/v1/search/", {"query": "ok", "filters": {"colour": "blue"}}, format="json"
    )
    assert response.json() == {"filters": {"colour": ["Unknown filter 'colour'."]}}


def test_a_misspelt_top_level_key_is_a_400_not_an_unfiltered_answer(api_client, book):
    response = api_client.post(
        "/api/v1/search/", {"query": "investing", "filter": {"state": ["FL"]}}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "filter": ["Unknown field; expected one of: query, limit, filters, parse, ignore."]
    }


def test_similar_customers_endpoint(api_client, book):
    response = api_client.get(f"/api/v1/customers/{book['parent'].pk}/similar/", {"limit": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert book["parent"].pk not in [r["customer"]["id"] for r in body["results"]]


def test_similar_customers_bad_input(api_client, book):
    assert api_client.get("/api/v1/customers/999999/similar/").status_code == 404
    assert api_client.get(f"/api/v1/customers/{book['parent'].pk}/similar/", {"limit": 0}).status_code == 400
    assert (
        api_client.get(f"/api/v1/customers/{book['parent'].pk}/similar/", {"limit": "x"}).status_code == 400
    )
    unembedded = CustomerFactory()
    response = api_client.get(f"/api/v1/customers/{unembedded.pk}/similar/")
    assert response.status_code == 409
    assert "no embedding" in response.json()["detail"]


def test_openapi_schema_and_docs_include_the_sample_queries(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "Customers with credit score over 750 interested in investment products" in schema.content.decode()
    assert api_client.get("/api/docs/").status_code == 200


def test_search_shows_how_the_question_was_understood_and_why_each_result_matched(api_client, book):
    response = api_client.post(
        "/api/v1/search/", {"query": "retirees in Florida thinking about their estate"}, format="json"
    )
    body = response.json()
    filters = body["interpretation"]["filters"]
    assert {(f["field"], f["op"], tuple(f["value"]), f["required"]) for f in filters} == {
        ("employment_status", "in", ("retired",), True),
        ("state", "in", ("FL",), True),
        ("interests", "contains_any", ("estate_planning",), False),
    }
    assert all(f["label"] and f["key"] for f in filters)
    assert body["interpretation"]["text"] == "estate"
    (result,) = body["results"]
    assert result["customer"]["id"] == book["retiree"].pk
    assert result["reasons"][:3] == ["retired", "in Florida", "interested in estate planning"]
    assert body["emptied_by"] is None and body["relaxations"] == []


def test_an_empty_search_says_what_to_relax(api_client, book):
    body = api_client.post(
        "/api/v1/search/", {"query": "retirees in Texas with credit over 700"}, format="json"
    ).json()
    assert body["count"] == 0
    assert body["emptied_by"]["label"] == "in Texas"
    assert body["relaxations"] == [{"filter": body["emptied_by"], "count": 1}]
    again = api_client.post(
        "/api/v1/search/",
        {"query": "retirees in Texas with credit over 700", "ignore": [body["emptied_by"]["key"]]},
        format="json",
    ).json()
    assert [r["customer"]["id"] for r in again["results"]] == [book["retiree"].pk]


def test_the_parse_can_be_switched_off(api_client, book):
    body = api_client.post(
        "/api/v1/search/", {"query": "retirees in Florida", "parse": False, "limit": 5}, format="json"
    ).json()
    assert body["interpretation"]["filters"] == [] and body["count"] == 5


@pytest.mark.parametrize(
    ("body", "field"),
    [({"query": "ok", "parse": "maybe"}, "parse"), ({"query": "ok", "ignore": "state.in.FL"}, "ignore")],
)
def test_bad_parse_and_ignore_are_400s(api_client, db, body, field):
    response = api_client.post("/api/v1/search/", body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_an_age_no_one_has_is_reported_as_ignored_not_searched_as_assets(api_client, db):
    response = api_client.post("/api/v1/search/", {"query": "aged 999 to 1000"}, format="json")
    assert response.status_code == 200
    interpretation = response.json()["interpretation"]
    assert interpretation["filters"] == []
    assert interpretation["ignored"] == ["“aged 999 to 1000” is ignored: age must be 0 to 120."]


FRACTIONAL_PHRASES = [
    "aged {n}",
    "{n} years old",
    "aged {n} to 60",
    "over {n} years old",
    "{n} kids",
    "more than {n} kids",
    "credit {n}",
    "credit score over {n}",
    "{n} years with us",
    "income over {n}k",
    "{n}m in assets",
    "joined in the last {n} years",
]


def test_a_fractional_number_in_any_numeric_phrase_is_answered(client, api_client, user, book):
    """Through the API, the search page and the call list: 200, never a 500."""
    client.force_login(user)
    for phrase in FRACTIONAL_PHRASES:
        for number in ("45.5", "0.5", "2.5", "700.5", "10.25"):
            question = phrase.format(n=number)
            response = api_client.post("/api/v1/search/", {"query": question}, format="json")
            assert response.status_code == 200, question
            assert client.get("/search/", {"q": question}).status_code == 200, question
            assert client.get("/search/export/", {"q": question}).status_code == 200, question


def test_a_fractional_age_means_the_completed_years(api_client, book):
    """Age is counted in completed years, so someone aged 44.5 is 44: the bakery owner is 44."""
    response = api_client.post("/api/v1/search/", {"query": "aged 44.5"}, format="json")
    assert response.status_code == 200
    assert response.json()["interpretation"]["filters"][0]["label"] == "age exactly 44"
    assert [r["customer"]["id"] for r in response.json()["results"]] == [book["owner"].pk]
