"""``/api/v1/lists/``: the contract, the role rules and bad input."""

import pytest

from customers.access import issue_service_token
from customers.models import AuditEvent, Customer
from leads.models import LeadList, LeadListEntry
from tests.factories import CustomerFactory
from tests.leads.conftest import client_for, make_list
from tests.spreadsheet import formula_cells, rows

pytestmark = pytest.mark.django_db


def test_a_search_is_saved_as_a_list_in_its_order_with_its_interpretation(api_client, book):
    question = {"query": "customers who want to build their credit in Texas", "limit": 5}
    searched = api_client.post("/api/v1/search/", question, format="json").json()
    response = api_client.post("/api/v1/lists/", {"name": "Credit builders", **question}, format="json")
    assert response.status_code == 201, response.content
    saved = response.json()
    assert saved["name"] == "Credit builders" and saved["owner"] == "rm_test"
    assert saved["query"] == question["query"]
    assert saved["interpretation"] == searched["interpretation"]
    assert any(f["label"] == "in Texas" for f in saved["interpretation"]["filters"])
    assert [e["customer_id"] for e in saved["entries"]] == [r["customer"]["id"] for r in searched["results"]]
    assert [e["position"] for e in saved["entries"]] == list(range(1, len(saved["entries"]) + 1))
    assert saved["entries"][0]["customer"]["email"].startswith(book["student"].email[0] + "***@")
    assert {e["status"] for e in saved["entries"]} == {"to_call"}
    event = AuditEvent.objects.filter(action="lead_list_save").latest("id")
    assert event.query == question["query"] and event.filters["lead_list"] == saved["id"]


def test_picked_customers_are_kept_in_the_order_given(api_client, picked):
    ann, ben, cy = picked
    saved = make_list(api_client, [cy, ann, ben], name="Follow up")
    assert saved["query"] == "" and saved["interpretation"] is None
    assert [(e["position"], e["customer"]["first_name"]) for e in saved["entries"]] == [
        (1, "Cy"),
        (2, "Ann"),
        (3, "Ben"),
    ]
    listed = api_client.get("/api/v1/lists/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["progress"] == {
        "entries": 3,
        "in_book": 3,
        "left_book": 0,
        "called": 0,
        "converted": 0,
        "by_status": {"to_call": 3, "called": 0, "interested": 0, "not_interested": 0, "converted": 0},
    }


def test_an_entry_takes_a_status_a_dated_note_and_a_next_contact_date(api_client, picked):
    lead_list = make_list(api_client, picked)
    url = f"/api/v1/lists/{lead_list['id']}/entries/{picked[1].pk}/"
    response = api_client.patch(
        url,
        {"status": "interested", "note": "Call after payday", "next_contact_date": "2026-12-01"},
        format="json",
    )
    assert response.status_code == 200, response.content
    entry = response.json()
    assert (entry["status"], entry["note"], entry["next_contact_date"]) == (
        "interested",
        "Call after payday",
        "2026-12-01",
    )
    assert entry["note_date"] is not None and entry["position"] == 2
    assert (
        api_client.patch(url, {"next_contact_date": None}, format="json").json()["next_contact_date"] is None
    )
    event = AuditEvent.objects.filter(action="lead_list_update").latest("id")
    assert event.customer_ids == [picked[1].pk] and event.changed_fields == ["next_contact_date"]
    detail = api_client.get(f"/api/v1/lists/{lead_list['id']}/").json()
    assert detail["progress"]["called"] == 1 and detail["progress"]["by_status"]["interested"] == 1


def test_bulk_status_moves_every_named_entry_and_the_progress(api_client, picked):
    lead_list = make_list(api_client, picked)
    url = f"/api/v1/lists/{lead_list['id']}/entries/bulk/"
    response = api_client.post(
        url, {"customer_ids": [picked[0].pk, picked[2].pk], "status": "called"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["updated"] == 2 and response.json()["progress"]["called"] == 2
    response = api_client.post(url, {"customer_ids": [picked[2].pk], "status": "converted"}, format="json")
    assert response.json()["progress"]["converted"] == 1 and response.json()["progress"]["called"] == 2


def test_team_leads_read_their_teams_lists_and_nobody_else_sees_them(
    api_client, user, picked, other_rm, team_lead, pii_user
):
    lead_list = make_list(api_client, picked)
    detail = f"/api/v1/lists/{lead_list['id']}/"
    entry = f"{detail}entries/{picked[0].pk}/"

    lead = client_for(team_lead)
    assert [row["id"] for row in lead.get("/api/v1/lists/").json()["results"]] == [lead_list["id"]]
    shown = lead.get(detail).json()
    assert shown["owner"] == "rm_test" and shown["may_change"] is False
    assert shown["entries"][0]["customer"]["first_name"] == "Ann"
    assert lead.patch(entry, {"status": "called"}, format="json").status_code == 403
    assert lead.get(f"{detail}export/").status_code == 200

    for outsider in (other_rm, pii_user):  # another RM; compliance (lists are not theirs to read)
        client = client_for(outsider)
        assert client.get("/api/v1/lists/").json()["results"] == []
        assert client.get(detail).status_code == 404
        assert client.get(f"{detail}export/").status_code == 404
    other = client_for(other_rm)
    assert other.patch(entry, {"status": "called"}, format="json").status_code == 404
    bulk = {"customer_ids": [picked[0].pk], "status": "called"}
    assert other.post(f"{detail}entries/bulk/", bulk, format="json").status_code == 404
    compliance = client_for(pii_user)
    assert (
        compliance.post(
            "/api/v1/lists/", {"name": "x", "customer_ids": [picked[0].pk]}, format="json"
        ).status_code
        == 403
    )
    assert LeadListEntry.objects.filter(status="called").count() == 0


def test_a_service_token_cannot_use_lists(anonymous_client, picked):
    _, key = issue_service_token(name="crm", scopes=["customers:read", "customers:write", "search"])
    anonymous_client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = anonymous_client.get("/api/v1/lists/")
    assert response.status_code == 403 and "service token" in response.json()["detail"]
    assert anonymous_client.get("/api/v1/lists/").status_code == 403
    assert anonymous_client.post("/api/v1/lists/", {}, format="json").status_code == 403


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"name": "x"}, "query", "either query"),
        ({"name": "x", "query": "retirees", "customer_ids": [1]}, "customer_ids", "not both"),
        ({"name": "", "customer_ids": [1]}, "name", "may not be blank"),
        ({"name": "x" * 121, "customer_ids": [1]}, "name", "no more than 120"),
        ({"name": "x", "customer_ids": []}, "customer_ids", "at least one"),
        ({"name": "x", "customer_ids": ["abc"]}, "customer_ids", "valid integer"),
        ({"name": "x", "customer_ids": [1, 1]}, "customer_ids", "more than once"),
        ({"name": "x", "customer_ids": list(range(1, 10_002))}, "customer_ids", "At most 10,000"),
        ({"name": "x", "customer_ids": [1], "limit": 5}, "limit", "Only with query"),
        ({"name": "x", "query": "retirees", "limit": 101}, "limit", "less than or equal to 100"),
        ({"name": "x", "query": "retirees", "filters": {"colour": "red"}}, "filters", "Unknown filter"),
        ({"name": "x", "customer_ids": [1], "zz_typo": 1}, "zz_typo", "Unknown field"),
    ],
)
def test_bad_input_to_create_is_a_400_naming_the_field(api_client, body, field, words):
    response = api_client.post("/api/v1/lists/", body, format="json")
    assert response.status_code == 400, response.content
    assert words in str(response.json()[field]), response.json()
    assert not LeadList.objects.exists()


def test_a_duplicate_name_is_a_400_on_name_whatever_its_case(api_client, picked):
    make_list(api_client, picked, name="December calls")
    response = api_client.post(
        "/api/v1/lists/", {"name": "december CALLS", "customer_ids": [picked[0].pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"name": ["You already have a list named “december CALLS”."]}
    assert LeadList.objects.count() == 1


def test_another_rm_may_use_the_same_name(api_client, picked, other_rm):
    make_list(api_client, picked, name="Calls")
    theirs = CustomerFactory(relationship_manager=other_rm)
    assert make_list(client_for(other_rm), [theirs], name="Calls")["owner"] == "rm_other"


def test_a_customer_outside_the_book_is_a_404_naming_it_and_nothing_is_saved(api_client, picked, other_rm):
    outsider = CustomerFactory(relationship_manager=other_rm)
    ids = [picked[0].pk, outsider.pk, picked[1].pk]
    response = api_client.post("/api/v1/lists/", {"name": "Calls", "customer_ids": ids}, format="json")
    assert response.status_code == 404
    assert response.json() == {
        "detail": f"No customer {outsider.pk} in your book.",
        "customer_id": outsider.pk,
    }
    missing = api_client.post(
        "/api/v1/lists/", {"name": "Calls", "customer_ids": [99_999_999]}, format="json"
    )
    assert missing.json()["detail"] == "No customer 99999999 in your book."  # the same words: nothing told
    assert not LeadList.objects.exists() and not LeadListEntry.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"status": "maybe"}, "status", "Unknown status; expected one of: to_call, called"),
        ({"note": "x" * 2001}, "note", "no more than 2000"),
        ({"next_contact_date": "next week"}, "next_contact_date", "Date has wrong format"),
        ({"colour": "red"}, "colour", "Unknown field"),
    ],
)
def test_bad_input_to_an_entry_is_a_400_naming_the_field(api_client, picked, body, field, words):
    lead_list = make_list(api_client, picked)
    response = api_client.patch(
        f"/api/v1/lists/{lead_list['id']}/entries/{picked[0].pk}/", body, format="json"
    )
    assert response.status_code == 400
    assert words in str(response.json()[field])


def test_bulk_refuses_an_unknown_status_and_changes_nothing_for_a_customer_not_on_the_list(
    api_client, picked
):
    lead_list = make_list(api_client, picked[:2])
    url = f"/api/v1/lists/{lead_list['id']}/entries/bulk/"
    response = api_client.post(url, {"customer_ids": [picked[0].pk], "status": "done"}, format="json")
    assert response.status_code == 400 and "Unknown status" in response.json()["status"][0]
    response = api_client.post(
        url, {"customer_ids": [picked[0].pk, picked[2].pk], "status": "called"}, format="json"
    )
    assert response.status_code == 404 and response.json()["customer_id"] == picked[2].pk
    assert LeadListEntry.objects.filter(status="called").count() == 0
    too_many = {"customer_ids": list(range(1, 10_002)), "status": "called"}
    assert "At most 10,000" in api_client.post(url, too_many, format="json").json()["customer_ids"][0]


def test_a_customer_who_left_the_book_is_shown_as_such_and_never_leaked(api_client, picked, other_rm):
    _, ben, cy = picked
    lead_list = make_list(api_client, picked)
    Customer.objects.filter(pk=ben.pk).update(relationship_manager=other_rm, notes="secret plans")
    cy.delete()
    response = api_client.get(f"/api/v1/lists/{lead_list['id']}/")
    body = response.content.decode()
    entries = response.json()["entries"]
    assert [e["in_book"] for e in entries] == [True, False, False]
    for position, left in enumerate(entries[1:], start=2):
        assert left == {"position": position, "in_book": False, "label": "No longer in your book"}
    assert (
        ben.last_name not in body
        and "secret plans" not in body
        and str(ben.pk) not in body.split('"entries"')[1]
    )
    single = api_client.get(f"/api/v1/lists/{lead_list['id']}/")  # the status a left entry had stays hidden
    assert "updated_at" not in single.json()["entries"][1] and "status" not in single.json()["entries"][1]
    assert response.json()["progress"]["left_book"] == 2 and response.json()["progress"]["in_book"] == 1
    response = api_client.patch(
        f"/api/v1/lists/{lead_list['id']}/entries/{ben.pk}/", {"status": "called"}, format="json"
    )
    assert response.status_code == 404
    bulk = {"customer_ids": [ben.pk], "status": "called"}
    assert (
        api_client.post(f"/api/v1/lists/{lead_list['id']}/entries/bulk/", bulk, format="json").status_code
        == 404
    )
    text = api_client.get(f"/api/v1/lists/{lead_list['id']}/export/").getvalue().decode()
    assert ben.last_name not in text
    assert [(r["in_book"], r["label"]) for r in rows(text)] == [
        ("yes", ""),
        ("no", "No longer in your book"),
        ("no", "No longer in your book"),
    ]
    for left in rows(text)[1:]:
        assert not any(value for name, value in left.items() if name not in {"position", "in_book", "label"})


def test_the_csv_export_is_in_order_masked_neutralised_and_audited(api_client, picked):
    hostile = CustomerFactory(first_name='=HYPERLINK("http://evil.example/","x")', last_name="+Tester")
    lead_list = make_list(api_client, [hostile, *picked])
    api_client.patch(
        f"/api/v1/lists/{lead_list['id']}/entries/{hostile.pk}/",
        {"note": "@SUM(1+1) call Monday"},
        format="json",
    )
    response = api_client.get(f"/api/v1/lists/{lead_list['id']}/export/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode()
    assert formula_cells(text) == []
    first, *rest = rows(text)
    assert (
        first["first_name"] == '\'=HYPERLINK("http://evil.example/","x")' and first["last_name"] == "'+Tester"
    )
    assert first["note"] == "'@SUM(1+1) call Monday" and first["email"] == "'+***@example.com"
    assert [r["first_name"] for r in rest] == ["Ann", "Ben", "Cy"]
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.customer_ids == [hostile.pk] + [c.pk for c in picked]
    assert event.filters == {"lead_list": lead_list["id"]}


def test_the_list_operations_are_in_the_schema(api_client):
    paths = api_client.get("/api/schema/?format=json").json()["paths"]
    assert set(paths["/api/v1/lists/"]) >= {"get", "post"}
    assert "get" in paths["/api/v1/lists/{id}/"]
    assert "patch" in paths["/api/v1/lists/{id}/entries/{customer_id}/"]
    assert "post" in paths["/api/v1/lists/{id}/entries/bulk/"]
    assert "text/csv" in paths["/api/v1/lists/{id}/export/"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize("list_id", ["-5", "0", "abc", "9" * 30])
def test_an_id_that_is_no_list_is_a_json_404(api_client, picked, list_id):
    lead_list = make_list(api_client, picked)
    for url in (f"/api/v1/lists/{list_id}/", f"/api/v1/lists/{list_id}/export/"):
        response = api_client.get(url)
        assert (response.status_code, response["Content-Type"]) == (404, "application/json"), url
    response = api_client.patch(
        f"/api/v1/lists/{lead_list['id']}/entries/{list_id}/", {"status": "called"}, format="json"
    )
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


@pytest.mark.parametrize(
    "query, field",
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page_size=0", "page_size"),
        ("page_size=999", "page_size"),
        ("page_size=x", "page_size"),
    ],
)
def test_the_lists_index_refuses_a_bad_page_naming_it(api_client, picked, query, field):
    make_list(api_client, picked)
    response = api_client.get(f"/api/v1/lists/?{query}")
    assert response.status_code == 400 and list(response.json()) == [field]
    detail = api_client.get(f"/api/v1/lists/{LeadList.objects.get().pk}/?{query}")
    assert detail.status_code == 400 and list(detail.json()) == [field]


def test_the_lists_index_pages_with_good_numbers(api_client, picked):
    make_list(api_client, picked)
    assert api_client.get("/api/v1/lists/?page=1&page_size=100").json()["count"] == 1


@pytest.mark.parametrize(
    "name",
    ["calls\x07", "calls\ttoday", "cal\x9bls", "\u202ecalls", "\u200b\u200b", "\ufeff \u2060", "\u00ad"],
)
def test_a_list_name_with_control_or_only_invisible_characters_is_refused(api_client, picked, name):
    response = api_client.post(
        "/api/v1/lists/", {"name": name, "customer_ids": [picked[0].pk]}, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["name"]
    assert not LeadList.objects.exists()


@pytest.mark.parametrize("twin", ["pg8\u200b", "PG8", "\uff50\uff47\uff18", "p\u00adg8", " pg8 "])
def test_names_that_read_the_same_are_the_same_name(api_client, picked, twin):
    make_list(api_client, picked, name="pg8")
    body = {"name": twin, "customer_ids": [picked[0].pk]}
    response = api_client.post("/api/v1/lists/", body, format="json")
    assert response.status_code == 400 and list(response.json()) == ["name"]
    assert LeadList.objects.count() == 1


def test_a_note_may_span_lines_but_holds_no_other_control_character(api_client, picked):
    lead_list = make_list(api_client, picked)
    url = f"/api/v1/lists/{lead_list['id']}/entries/{picked[0].pk}/"
    assert api_client.patch(url, {"note": "Call back\n\tafter payday"}, format="json").status_code == 200
    for bad in ("ring\x00", "ring\x1b[2J", "ri\x85ng", "\u202ering"):
        response = api_client.patch(url, {"note": bad}, format="json")
        assert response.status_code == 400 and list(response.json()) == ["note"], repr(bad)
    assert LeadListEntry.objects.get(customer=picked[0]).note == "Call back\n\tafter payday"


def test_a_question_that_finds_no_one_saves_no_list(api_client, book):
    body = {
        "name": "Nobody",
        "query": "customers in Alaska aged 99 who own a submarine",
        "filters": {"state": "AK"},
    }
    response = api_client.post("/api/v1/lists/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"query": ["This question finds no customer in your book; nothing saved."]}
    assert not LeadList.objects.exists()


@pytest.mark.parametrize("day", ["1999-12-31", "0001-01-01", "2099-01-01"])
def test_a_next_contact_date_far_off_is_refused(api_client, picked, day):
    lead_list = make_list(api_client, picked)
    url = f"/api/v1/lists/{lead_list['id']}/entries/{picked[0].pk}/"
    response = api_client.patch(url, {"next_contact_date": day}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["next_contact_date"]
    assert api_client.patch(url, {"next_contact_date": "2027-03-01"}, format="json").status_code == 200
