"""Odd questions (issue 16, "Bad input"): a 400 naming the reason, or a normal answer; never a 500."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "retirees in Florida " * 5000  # 100 KB
ANSWERED = [
    "retirees in Florida\x01\x1f\x7f who travel",  # control characters other than NUL
    "\u202eretirees\u200b in\u00a0Florida\ufeff",  # bidi override, zero-width space, no-break space
    "顧客 リスク 回避",  # Japanese
    "клиенты без детей в Техасе",  # noqa: RUF001 (Russian)
    "عملاء متقاعدون في فلوريدا",  # Arabic
    "retirees 🏖️ in Florida 💰💰",
    "İstanbul ǅ ﬁnance ß",  # letters whose lower case changes length
    "golf " * 199,  # one word many times: the keyword query is not nested 199 deep
    " ".join(f"w{n}" for n in range(160)),  # many words the parser leaves for the keywords
    "a-" * 170,
]
REFUSED = [(HUGE, "1000 characters"), ("retirees\x00 in Florida", "Null characters are not allowed")]


@pytest.mark.parametrize("question", ANSWERED)
def test_the_api_answers_odd_questions(api_client, book, question):
    response = api_client.post("/api/v1/search/", {"query": question}, format="json")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(("question", "reason"), REFUSED)
def test_the_api_refuses_what_it_cannot_search_naming_the_field(api_client, book, question, reason):
    response = api_client.post("/api/v1/search/", {"query": question}, format="json")
    assert response.status_code == 400
    assert reason in response.json()["query"][0]


@pytest.mark.parametrize(
    "body",
    [
        {"query": "retirees", "ignore": ["x\x00"]},
        {"query": "retirees", "ignore": ["x" * 100_000]},
        {"query": "retirees", "filters": {"occupation": "nurse\x00"}},
        {"query": "retirees", "filters": {"state": ["F\x00L"]}},
        {"query": "retirees", "filters": {"occupation": "x" * 100_000}},
    ],
)
def test_the_api_refuses_odd_filters_and_ignores_with_a_400(api_client, book, body):
    response = api_client.post("/api/v1/search/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("question", ANSWERED)
def test_the_page_answers_odd_questions(client, user, book, question):
    client.force_login(user)
    response = client.get("/search/", {"q": question})
    assert response.status_code == 200
    assert "Understood as" in response.content.decode()


@pytest.mark.parametrize(("question", "reason"), REFUSED)
def test_the_page_shows_why_it_refuses_a_question(client, user, book, question, reason):
    client.force_login(user)
    response = client.get("/search/", {"q": question})
    assert response.status_code in (200, 400)
    assert reason in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "retirees", "ignore": "x\x00"},
        {"q": "retirees", "occupation": "nurse\x00"},
        {"q": "retirees", "occupation": "x" * 100_000},
        {"q": "retirees\x00", "state": "FL"},
    ],
)
@pytest.mark.parametrize("path", ["/search/", "/search/export/"])
def test_the_page_and_the_export_never_fail_on_odd_parameters(client, user, book, params, path):
    client.force_login(user)
    assert client.get(path, params).status_code in (200, 400)
