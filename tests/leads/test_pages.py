"""The lead-list pages, as an RM uses them: save a search, work the list, watch the progress."""

import re

import pytest
from django.urls import reverse

from customers.models import AuditEvent, Customer
from leads.models import LeadList, LeadListEntry
from tests.leads.conftest import make_list
from tests.spreadsheet import rows

pytestmark = pytest.mark.django_db

QUESTION = {"q": "customers who want to build their credit", "limit": "3"}


@pytest.mark.parametrize("path", ["/lists/", "/lists/1/", "/lists/1/export/"])
def test_list_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_rm_saves_the_results_works_the_list_and_sees_the_progress(client, user, book):
    client.force_login(user)
    page = client.get("/search/", QUESTION).content.decode()
    assert "Save as list" in page
    action = re.search(r'<form method="post" action="([^"]+)" class="save-list">', page).group(1)
    assert action.startswith("/lists/save/?")
    response = client.post(action.replace("&amp;", "&"), {"name": "Credit builders"})
    lead_list = LeadList.objects.get(name="Credit builders")
    assert response.status_code == 302 and response["Location"] == f"/lists/{lead_list.pk}/"
    assert lead_list.query == QUESTION["q"] and lead_list.filters == {}
    order = list(lead_list.entries.values_list("customer_id", flat=True))
    assert order[0] == book["student"].pk and len(order) == 3

    html = client.get(response["Location"]).content.decode()
    names = [f"{c.first_name} {c.last_name}" for c in Customer.objects.in_bulk(order).values()]
    assert all(name in html for name in names)
    assert html.index(book["student"].last_name) < html.index(Customer.objects.get(pk=order[1]).last_name)
    assert 'class="progress-called" max="3" value="0"' in html

    first, second, third = order
    client.post(
        f"/lists/{lead_list.pk}/entries/{first}/",
        {"status": "interested", "note": "Secured card next week", "next_contact_date": "2026-12-03"},
    )
    response = client.post(
        f"/lists/{lead_list.pk}/bulk/", {"customer_ids": [second, third], "status": "called"}
    )
    assert response.status_code == 302
    client.post(f"/lists/{lead_list.pk}/entries/{third}/", {"status": "converted", "note": ""})
    html = client.get(f"/lists/{lead_list.pk}/").content.decode()
    assert 'class="progress-called" max="3" value="3"' in html
    assert 'class="progress-converted" max="3" value="1"' in html
    assert 'value="Secured card next week"' in html and 'value="2026-12-03"' in html
    entry = LeadListEntry.objects.get(lead_list=lead_list, customer_id=first)
    assert (entry.status, entry.note_date is not None) == ("interested", True)

    index = client.get("/lists/").content.decode()
    assert "Credit builders" in index and 'class="progress-converted" max="3" value="1"' in index
    assert 'href="/lists/"' in index  # the nav links the lists


def test_the_pages_keep_to_the_csp(client, user, picked, api_client):
    lead_list = make_list(api_client, picked)
    client.force_login(user)
    for path in ("/lists/", f"/lists/{lead_list['id']}/", "/search/?q=anyone"):
        html = client.get(path).content.decode()
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # scripts come from files only
        assert " style=" not in html and "<style" not in html and not inline_scripts, path
    assert "unsafe-inline" not in client.get("/lists/")["Content-Security-Policy"]


def test_saving_under_a_taken_name_shows_the_error_on_the_search_page(client, user, book, api_client):
    make_list(api_client, [book["student"]], name="Credit builders")
    client.force_login(user)
    response = client.post("/lists/save/?q=credit+builders", {"name": "credit BUILDERS"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "name: You already have a list named “credit BUILDERS”." in html
    assert book["student"].last_name in html  # the results are still there
    assert client.post("/lists/save/?q=credit", {"name": ""}).status_code == 400
    response = client.post("/lists/save/?q=credit&credit_score_min=high", {"name": "New"})
    assert response.status_code == 400 and "credit_score_min: Enter a number." in response.content.decode()
    assert LeadList.objects.count() == 1


def test_bad_entry_input_is_shown_with_a_400(client, user, picked, api_client, other_rm):
    lead_list = make_list(api_client, picked)
    client.force_login(user)
    url = f"/lists/{lead_list['id']}/entries/{picked[0].pk}/"
    response = client.post(url, {"status": "maybe"})
    assert response.status_code == 400 and "status: Select a valid choice." in response.content.decode()
    response = client.post(url, {"status": "called", "next_contact_date": "soon"})
    assert (
        response.status_code == 400 and "next_contact_date: Enter a valid date." in response.content.decode()
    )
    response = client.post(f"/lists/{lead_list['id']}/bulk/", {"status": "called"})
    assert (
        response.status_code == 400
        and "customer_ids: Tick at least one customer." in response.content.decode()
    )
    Customer.objects.filter(pk=picked[1].pk).update(relationship_manager=other_rm)
    response = client.post(
        f"/lists/{lead_list['id']}/bulk/", {"customer_ids": [picked[1].pk], "status": "called"}
    )
    assert response.status_code == 404 and "nothing was changed" in response.content.decode()
    assert (
        client.post(f"/lists/{lead_list['id']}/entries/{picked[1].pk}/", {"status": "called"}).status_code
        == 404
    )
    assert not LeadListEntry.objects.filter(status="called").exists()


def test_a_team_lead_reads_a_members_list_and_others_get_a_404(
    client, user, picked, api_client, team_lead, other_rm, pii_user
):
    lead_list = make_list(api_client, picked)
    client.force_login(team_lead)
    html = client.get(f"/lists/{lead_list['id']}/").content.decode()
    assert "Ann" in html and "only rm_test works it" in html and 'name="status"' not in html
    assert (
        client.post(f"/lists/{lead_list['id']}/entries/{picked[0].pk}/", {"status": "called"}).status_code
        == 403
    )
    assert "Calls" in client.get("/lists/").content.decode()
    for outsider in (other_rm, pii_user):
        client.force_login(outsider)
        assert client.get(f"/lists/{lead_list['id']}/").status_code == 404
        assert client.get(f"/lists/{lead_list['id']}/export/").status_code == 404
        assert "Calls" not in client.get("/lists/").content.decode()
    assert client.post("/lists/save/?q=anyone", {"name": "Mine"}).status_code == 403  # compliance reads only


def test_a_left_customer_shows_as_such_on_the_page(client, user, picked, api_client, other_rm):
    lead_list = make_list(api_client, picked)
    Customer.objects.filter(pk=picked[1].pk).update(relationship_manager=other_rm)
    client.force_login(user)
    html = client.get(f"/lists/{lead_list['id']}/").content.decode()
    assert "No longer in your book" in html and picked[1].last_name not in html
    assert "1 customer on this list is no longer in your book." in html
    assert 'class="progress-called" max="2" value="0"' in html
    left_row = html.split('id="entry-2"')[1].split("</tr>")[0]
    assert "No longer in your book" in left_row and "To call" not in left_row and "status" not in left_row
    text = client.get(f"/lists/{lead_list['id']}/export/").getvalue().decode()
    assert [(r["in_book"], r["label"], r["status"]) for r in rows(text)] == [
        ("yes", "", "to_call"),
        ("no", "No longer in your book", ""),
        ("yes", "", "to_call"),
    ]


def test_the_page_export_is_the_same_csv_and_audited(client, user, picked, api_client):
    lead_list = make_list(api_client, picked)
    client.force_login(user)
    response = client.get(f"/lists/{lead_list['id']}/export/")
    assert response["Content-Type"].startswith("text/csv")
    assert response.getvalue().decode().splitlines()[0].startswith("position,in_book,label,status,note")
    assert AuditEvent.objects.filter(action="export").latest("id").customer_ids == [c.pk for c in picked]


def test_my_book_shows_the_progress_of_the_rms_own_lists_only(client, user, picked, api_client, other_rm):
    lead_list = make_list(api_client, picked, name="Tuesday calls")
    client.force_login(user)
    html = client.get("/book/").content.decode()
    assert f'href="/lists/{lead_list["id"]}/"' in html and "Tuesday calls" in html
    assert f'class="progress-called" max="{len(picked)}" value="0"' in html

    client.force_login(other_rm)
    assert "Tuesday calls" not in client.get("/book/").content.decode()


def test_a_bad_page_number_says_so_and_shows_page_one(client, user, picked, api_client):
    lead_list = make_list(api_client, picked)
    client.force_login(user)
    for bad in ("abc", "0", "%EF%BC%92"):
        html = client.get(f"/lists/{lead_list['id']}/?page={bad}").content.decode()
        assert "That is not a page number; showing page 1." in html and picked[0].last_name in html
    assert "not a page number" not in client.get(f"/lists/{lead_list['id']}/?page=1").content.decode()


@pytest.mark.parametrize(
    "ids, message",
    [
        (["{0}", "{0}"], "customer_ids: Customer {0} is named more than once."),
        (["\uff12"], "customer_ids: Customer ids are whole numbers."),
        (["\u0661"], "customer_ids: Customer ids are whole numbers."),
        ([" {0}"], "customer_ids: Customer ids are whole numbers."),
        (["+{0}"], "customer_ids: Customer ids are whole numbers."),
    ],
)
def test_the_bulk_form_refuses_repeated_or_non_ascii_ids(client, user, picked, api_client, ids, message):
    lead_list = make_list(api_client, picked)
    client.force_login(user)
    first = picked[0].pk
    posted = {"customer_ids": [i.format(first) for i in ids], "status": "called"}
    response = client.post(f"/lists/{lead_list['id']}/bulk/", posted)
    assert response.status_code == 400 and message.format(first) in response.content.decode()
    assert not LeadListEntry.objects.filter(status="called").exists()


def test_the_page_forms_refuse_control_and_invisible_characters(client, user, picked, api_client):
    lead_list = make_list(api_client, picked, name="pg8")
    client.force_login(user)
    for name in ("pg8\u200b", "\u200b", "calls\x07"):
        response = client.post("/lists/save/?q=students", {"name": name})
        assert response.status_code == 400, name
    assert LeadList.objects.count() == 1
    url = f"/lists/{lead_list['id']}/entries/{picked[0].pk}/"
    response = client.post(url, {"status": "called", "note": "ring\x1b"})
    assert response.status_code == 400 and "note: Holds a control character" in response.content.decode()


def test_the_page_saves_no_list_for_a_search_that_finds_no_one(client, user, book):
    client.force_login(user)
    response = client.post("/lists/save/?q=students&state=AK", {"name": "Nobody"})
    assert response.status_code == 400
    assert "This question finds no customer in your book; nothing saved." in response.content.decode()
    assert not LeadList.objects.exists()


def test_the_page_refuses_a_next_contact_date_far_off(client, user, picked, api_client):
    lead_list = make_list(api_client, picked)
    client.force_login(user)
    url = f"/lists/{lead_list['id']}/entries/{picked[0].pk}/"
    response = client.post(url, {"status": "called", "next_contact_date": "1900-01-01"})
    assert (
        response.status_code == 400
        and "next_contact_date: Give a date from 2000-01-01" in response.content.decode()
    )
