import pytest
from django.urls import reverse

from tests.factories import CustomerFactory
from tests.spreadsheet import formula_cells, rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/search/", "/customers/1/", "/"])
def test_pages_need_a_login(client, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain
    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_search_page_offers_suggestions_and_shows_ranked_results(client, user, book):
    client.force_login(user)
    page = client.get("/search/").content.decode()
    assert "Worth asking of your book" in page
    assert 'class="suggestion"' in page and "Customers not contacted in the last 180 days" in page
    assert "Young professionals with good credit scores" not in page
    response = client.get("/search/", {"q": "customers who want to build their credit"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(book["student"].last_name) < html.index(book["retiree"].last_name)
    assert "High net worth" in html
    for column in ("Age", "Occupation", "Income", "Credit score", "Segment", "Products", "Why"):
        assert f">{column}</th>" in html
    assert "interested in credit building" in html


def test_search_page_filters_and_reports_bad_input(client, user, book):
    client.force_login(user)
    html = client.get("/search/", {"q": "anyone", "state": "FL"}).content.decode()
    assert book["retiree"].last_name in html and book["student"].last_name not in html
    html = client.get("/search/", {"q": "anyone", "credit_score_min": "high"}).content.decode()
    assert "credit_score_min: Enter a number." in html
    html = client.get("/search/", {"q": "x" * 1001}).content.decode()
    assert "at most 1000 characters" in html


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ("0", "limit: Ensure this value is greater than or equal to 1."),
        ("101", "limit: Ensure this value is less than or equal to 100."),
        ("abc", "limit: Enter a whole number."),
    ],
)
def test_a_bad_limit_is_shown_not_answered_with_an_empty_page(client, user, book, limit, message):
    client.force_login(user)
    response = client.get("/search/", {"q": "retirees", "limit": limit})
    assert message in response.content.decode()
    assert book["retiree"].last_name not in response.content.decode()


def test_customer_page_shows_profile_and_similar_customers(client, user, pii_user, book):
    client.force_login(user)
    retiree = book["retiree"]
    html = client.get(f"/customers/{retiree.pk}/").content.decode()
    assert "Wants to set up a trust" in html
    assert "Similar customers" in html
    assert book["student"].last_name in html or book["owner"].last_name in html
    assert retiree.email not in html
    client.force_login(pii_user)
    assert retiree.email in client.get(f"/customers/{retiree.pk}/").content.decode()


def test_unknown_customer_page_is_a_404(client, user):
    client.force_login(user)
    assert client.get("/customers/999999/").status_code == 404
    unembedded = CustomerFactory()
    assert "not embedded yet" in client.get(f"/customers/{unembedded.pk}/").content.decode()


def test_the_page_shows_the_understood_conditions_as_chips_to_remove_or_edit(client, user, book):
    client.force_login(user)
    html = client.get("/search/", {"q": "retirees in Florida with credit over 700"}).content.decode()
    assert 'class="chip" data-key="state.in.FL"' in html
    assert "?q=retirees+in+Florida+with+credit+over+700&amp;ignore=state.in.FL" in html
    # Editing the credit chip moves it into the filters as credit_score_min=701.
    assert "ignore=credit_score.gt.700&amp;credit_score_min=701#filters" in html
    html = client.get(
        "/search/", {"q": "retirees in Florida with credit over 700", "ignore": "state.in.FL"}
    ).content.decode()
    assert 'data-key="state.in.FL"' not in html and "Restore all conditions" in html


def test_an_empty_page_offers_relaxations(client, user, book):
    client.force_login(user)
    html = client.get("/search/", {"q": "retirees in Texas with credit over 700"}).content.decode()
    assert "<strong>in Texas</strong> rules out the most" in html
    assert "Without “in Texas”</a>: 1 customer" in html


@pytest.mark.parametrize(
    "question",
    [
        "customers aged 30 to 40",
        "clients in their 30s earning between $100k and $200k",
        "parents with exactly 2 kids",
        "customers since before 2010 not contacted in 6 months",
        "nurses and teachers in Ohio or outside Texas",
        "baby boomers with a mortgage and no credit card",
        "married women over 60",
        "income under 50,000 and credit below 600 who might want wealth management",
    ],
)
def test_every_kind_of_condition_renders_as_a_chip(client, user, book, question):
    client.force_login(user)
    response = client.get("/search/", {"q": question})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="chip' in html


def test_the_forms_empty_filter_fields_do_not_switch_off_the_questions_conditions(client, user, book):
    client.force_login(user)
    empty = {"credit_score_min": "", "credit_score_max": "", "age_min": ""}  # as a browser sends them
    html = client.get("/search/", {"q": "customers with credit score over 750", **empty}).content.decode()
    assert 'data-key="credit_score.gt.750"' in html
    assert book["retiree"].last_name in html and book["student"].last_name not in html


def test_editing_a_range_chip_fills_both_ends(client, user, book):
    client.force_login(user)
    html = client.get("/search/", {"q": "customers aged 30 to 40"}).content.decode()
    assert "age_min=30&amp;age_max=40#filters" in html


def test_the_results_download_as_a_masked_csv_call_list_and_the_export_is_audited(client, user, book):
    from customers.models import AuditEvent

    client.force_login(user)
    page = client.get("/search/", {"q": "retirees in Florida"}).content.decode()
    assert 'href="/search/export/?q=retirees+in+Florida"' in page
    response = client.get("/search/export/", {"q": "retirees in Florida"})
    assert response["Content-Type"].startswith("text/csv")
    header, row = response.getvalue().decode().splitlines()
    assert header.startswith("rank,id,external_id,first_name,last_name,email,phone")
    assert row.startswith(f"1,{book['retiree'].pk},") and "***@" in row and "retired | in Florida" in row
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.customer_ids == [book["retiree"].pk] and event.query == "retirees in Florida"


def test_the_call_list_neutralises_every_cell_a_spreadsheet_would_run(client, user, book):
    from customers import services

    hostile = CustomerFactory(
        first_name='=HYPERLINK("http://evil.example/","click me")',
        last_name="+Tester",
        occupation="-Retired Teacher",
        state="FL",
        employment_status="retired",
        date_of_birth=book["retiree"].date_of_birth,
        notes="@SUM(1+1) wants a trust for the grandchildren.",
    )
    services.embed_customers(customer_ids=[hostile.pk])
    client.force_login(user)
    text = client.get("/search/export/", {"q": "retirees in Florida"}).getvalue().decode()
    assert formula_cells(text) == []
    row = next(r for r in rows(text) if r["id"] == str(hostile.pk))
    assert row["first_name"] == '\'=HYPERLINK("http://evil.example/","click me")'
    assert (row["last_name"], row["occupation"]) == ("'+Tester", "'-Retired Teacher")


def test_the_export_refuses_bad_input_and_anonymous_visitors(client, user, book):
    response = client.get("/search/export/", {"q": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(user)
    assert client.get("/search/export/").status_code == 400
    response = client.get("/search/export/", {"q": "x", "credit_score_min": "high"})
    assert response.status_code == 400 and b"credit_score_min" in response.content


def test_an_export_error_quoting_the_request_is_plain_text_never_html(client, user, book):
    client.force_login(user)
    name = "<a href=//evil.example>click</a>"
    response = client.get("/search/export/", {"q": "x", name: "1"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert name in response.content.decode()  # shown as the text it is, never as a link
