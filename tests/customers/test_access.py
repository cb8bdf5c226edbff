"""Each caller sees exactly their book: RMs theirs, team leads their team's, compliance everyone's.

A customer outside the book answers 404 everywhere, as if it did not exist.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from rest_framework.test import APIClient

from customers import services
from customers.access import issue_service_token, revoke_service_token
from customers.models import AuditEvent, Customer, Team
from tests.factories import CustomerFactory, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(db):
    """RM Ana and RM Ben, each with one embedded customer; Lea leads Ana's team; Cy is compliance."""
    ana = user_in_role("rm_ana", "Relationship managers")
    ben = user_in_role("rm_ben", "Relationship managers")
    lea = user_in_role("lead_lea", "Team leads")
    cy = user_in_role("compliance_cy", "Compliance officers")
    team = Team.objects.create(name="North")
    team.members.add(ana)
    team.leads.add(lea)
    mine = CustomerFactory(relationship_manager=ana, last_name="Anasclient", notes="Retired teacher.")
    theirs = CustomerFactory(relationship_manager=ben, last_name="Bensclient", notes="Retired teacher.")
    services.embed_customers(customer_ids=[mine.pk, theirs.pk])
    return {"ana": ana, "ben": ben, "lea": lea, "cy": cy, "mine": mine, "theirs": theirs, "team": team}


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def listed(client, path="/api/v1/customers/") -> set[int]:
    return {row["id"] for row in client.get(path).json()["results"]}


def searched(client) -> set[int]:
    response = client.post("/api/v1/search/", {"query": "planning ahead", "limit": 10}, format="json")
    return {r["customer"]["id"] for r in response.json()["results"]}


def exported(client) -> str:
    return client.get("/api/v1/customers/export/").getvalue().decode()


def test_an_rm_sees_only_their_own_book_in_every_api(bank):
    client, mine = api(bank["ana"]), bank["mine"]
    assert listed(client) == {mine.pk}
    assert searched(client) == {mine.pk}
    assert "Anasclient" in exported(client) and "Bensclient" not in exported(client)
    assert client.get(f"/api/v1/customers/{mine.pk}/").status_code == 200
    assert client.get(f"/api/v1/customers/{mine.pk}/similar/").json()["results"] == []


@pytest.mark.parametrize(
    ("method", "suffix", "body", "status"),
    [
        ("get", "", None, 404),
        ("patch", "", {"notes": "mine now"}, 404),
        ("get", "similar/", None, 404),
        ("delete", "", None, 403),  # RMs may delete no customer at all, so this says nothing
    ],
)
def test_another_rms_customer_is_not_found(bank, method, suffix, body, status):
    client, theirs = api(bank["ana"]), bank["theirs"]
    response = getattr(client, method)(f"/api/v1/customers/{theirs.pk}/{suffix}", body, format="json")
    assert response.status_code == status
    theirs.refresh_from_db()
    assert theirs.notes == "Retired teacher."


def test_another_rms_customer_is_not_found_in_the_pages(client, bank):
    client.force_login(bank["ana"])
    assert client.get(f"/customers/{bank['theirs'].pk}/").status_code == 404
    assert client.get(f"/customers/{bank['mine'].pk}/").status_code == 200
    html = client.get("/search/", {"q": "planning ahead"}).content.decode()
    assert "Anasclient" in html and "Bensclient" not in html
    csv = client.get("/search/export/", {"q": "planning ahead"}).getvalue().decode()
    assert "Anasclient" in csv and "Bensclient" not in csv


NEW_CUSTOMER = {
    "external_id": "NEW-1",
    "first_name": "New",
    "last_name": "Client",
    "date_of_birth": "1990-01-01",
    "city": "Austin",
    "state": "TX",
    "employment_status": "employed",
    "annual_income": "50000",
    "investable_assets": "1000",
    "credit_score": 700,
    "risk_tolerance": "moderate",
    "customer_since": "2020-01-01",
    "preferred_channel": "mobile",
}


def test_an_rm_cannot_give_a_customer_to_someone_else_or_create_one_outside_their_book(bank):
    client = api(bank["ana"])
    response = client.patch(
        f"/api/v1/customers/{bank['mine'].pk}/", {"relationship_manager": "rm_ben"}, format="json"
    )
    assert response.status_code == 400 and "relationship_manager" in response.json()
    created = client.post("/api/v1/customers/", NEW_CUSTOMER, format="json")
    assert created.status_code == 201 and created.json()["relationship_manager"] == "rm_ana"


@pytest.mark.parametrize("manager", ["rm_ben", "root", None, "(not named)"])
def test_a_team_token_cannot_create_a_customer_outside_its_team(bank, manager):
    get_user_model().objects.create_superuser("root", password="x-Strong-Pass-42")
    _, key = issue_service_token(
        name="north-crm", scopes=["customers:read", "customers:write"], team=bank["team"]
    )
    body = (
        dict(NEW_CUSTOMER) if manager == "(not named)" else {**NEW_CUSTOMER, "relationship_manager": manager}
    )
    response = bearer(key).post("/api/v1/customers/", body, format="json")
    assert response.status_code == 400
    assert "North" in " ".join(response.json()["relationship_manager"])
    assert not Customer.objects.filter(external_id="NEW-1").exists()


def test_a_team_token_cannot_move_its_customer_out_of_its_team(bank):
    _, key = issue_service_token(
        name="north-crm", scopes=["customers:read", "customers:write"], team=bank["team"]
    )
    client, mine = bearer(key), bank["mine"]
    for manager in ("rm_ben", None):
        response = client.patch(
            f"/api/v1/customers/{mine.pk}/", {"relationship_manager": manager}, format="json"
        )
        assert response.status_code == 400 and "relationship_manager" in response.json()
    mine.refresh_from_db()
    assert mine.relationship_manager == bank["ana"]
    assert client.get(f"/api/v1/customers/{mine.pk}/").status_code == 200


def test_a_team_token_places_customers_with_its_team_members(bank):
    _, key = issue_service_token(
        name="north-crm", scopes=["customers:read", "customers:write"], team=bank["team"]
    )
    client = bearer(key)
    created = client.post(
        "/api/v1/customers/", {**NEW_CUSTOMER, "relationship_manager": "rm_ana"}, format="json"
    )
    assert created.status_code == 201 and created.json()["relationship_manager"] == "rm_ana"
    changed = client.patch(f"/api/v1/customers/{bank['mine'].pk}/", {"notes": "Synced."}, format="json")
    assert changed.status_code == 200


@pytest.mark.parametrize("manager", ["rm_ben", None])
def test_a_bank_wide_token_may_place_a_customer_in_any_book_or_none(bank, manager):
    _, key = issue_service_token(name="core", scopes=["customers:read", "customers:write"])
    response = bearer(key).post(
        "/api/v1/customers/", {**NEW_CUSTOMER, "relationship_manager": manager}, format="json"
    )
    assert response.status_code == 201 and response.json()["relationship_manager"] == manager


def admin_form(customer: Customer, **changes) -> dict:
    data = model_to_dict(customer, exclude=["id", "embedding", "embedding_text_hash", "profile_text"])
    data = {**data, **changes}
    return {
        name: ",".join(value) if isinstance(value, list) else "" if value is None else value
        for name, value in data.items()
    }


def test_staff_rms_cannot_give_a_customer_away_in_admin_either(client, bank):
    ana, mine = bank["ana"], bank["mine"]
    ana.is_staff = True
    ana.save()
    client.force_login(ana)
    path = f"/admin/customers/customer/{mine.pk}/change/"
    response = client.post(path, admin_form(mine, relationship_manager=bank["ben"].pk))
    assert (
        response.status_code == 200
        and "You can assign customers only to yourself." in response.content.decode()
    )
    mine.refresh_from_db()
    assert mine.relationship_manager == ana
    assert client.post(path, admin_form(mine, notes="Called.")).status_code == 302
    mine.refresh_from_db()
    assert mine.notes == "Called."


def test_staff_rms_are_not_told_in_admin_which_external_ids_other_books_hold(client, bank):
    ana, mine, theirs = bank["ana"], bank["mine"], bank["theirs"]
    ana.is_staff = True
    ana.save()
    client.force_login(ana)
    path = f"/admin/customers/customer/{mine.pk}/change/"
    page = client.post(path, admin_form(mine, external_id=theirs.external_id)).content.decode()
    assert "This external id cannot be used." in page and "already exists" not in page
    mine.refresh_from_db()
    assert mine.external_id != theirs.external_id
    event = AuditEvent.objects.get(action="external_id_taken")
    assert (event.actor, event.customer_ids) == ("rm_ana", [theirs.pk])


def test_a_team_lead_sees_the_team_members_books_only(client, bank):
    lead = api(bank["lea"])
    assert listed(lead) == {bank["mine"].pk}
    assert searched(lead) == {bank["mine"].pk}
    assert lead.get(f"/api/v1/customers/{bank['theirs'].pk}/").status_code == 404
    bank["team"].members.add(bank["ben"])
    assert listed(lead) == {bank["mine"].pk, bank["theirs"].pk}


def test_compliance_sees_everyone_and_changes_nobody(client, bank):
    officer = api(bank["cy"])
    assert listed(officer) == {bank["mine"].pk, bank["theirs"].pk}
    body = officer.get(f"/api/v1/customers/{bank['theirs'].pk}/").json()
    assert "***" not in body["email"]  # compliance may see PII in full
    assert (
        officer.patch(f"/api/v1/customers/{bank['theirs'].pk}/", {"notes": "x"}, format="json").status_code
        == 403
    )
    assert officer.delete(f"/api/v1/customers/{bank['theirs'].pk}/").status_code == 403
    assert Customer.objects.filter(pk=bank["theirs"].pk).exists()


@pytest.mark.parametrize("path", ["/search/", f"/customers/{1}/"])
def test_pages_refuse_anonymous_visitors(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_service_tokens_are_limited_by_their_scopes(bank):
    _, reader_key = issue_service_token(name="reporting", scopes=["customers:read"])
    reader = bearer(reader_key)
    assert listed(reader) == {bank["mine"].pk, bank["theirs"].pk}
    assert "***" in reader.get(f"/api/v1/customers/{bank['mine'].pk}/").json()["email"]
    assert reader.post("/api/v1/search/", {"query": "x"}, format="json").status_code == 403
    assert (
        reader.patch(f"/api/v1/customers/{bank['mine'].pk}/", {"notes": "x"}, format="json").status_code
        == 403
    )

    _, searcher_key = issue_service_token(name="campaigns", scopes=["search"])
    searcher = bearer(searcher_key)
    assert searched(searcher) == {bank["mine"].pk, bank["theirs"].pk}
    assert searcher.get("/api/v1/customers/").status_code == 403

    _, writer_key = issue_service_token(
        name="core", scopes=["customers:read", "customers:write", "customers:pii"]
    )
    writer = bearer(writer_key)
    assert (
        writer.patch(f"/api/v1/customers/{bank['mine'].pk}/", {"notes": "synced"}, format="json").status_code
        == 200
    )
    assert "***" not in writer.get(f"/api/v1/customers/{bank['mine'].pk}/").json()["email"]


def test_a_team_token_sees_that_team_only_and_a_revoked_token_nothing(bank):
    token, key = issue_service_token(name="north-crm", scopes=["customers:read"], team=bank["team"])
    client = bearer(key)
    assert listed(client) == {bank["mine"].pk}
    assert client.get(f"/api/v1/customers/{bank['theirs'].pk}/").status_code == 404
    revoke_service_token(token=token)
    assert client.get("/api/v1/customers/").status_code == 401
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_tokens_store_only_a_hash_of_the_key(bank):
    token, key = issue_service_token(name="etl", scopes=["customers:read"])
    assert key.startswith(token.prefix) and key not in (token.key_hash, token.prefix)


def test_without_the_pii_permission_the_birth_year_shows_nowhere(client, user, bank):
    """The profile text says "born 1959"; where the date of birth is masked, so is the year."""
    born = CustomerFactory(date_of_birth=date(1959, 3, 4), last_name="Bornclient", notes="Retired teacher.")
    services.embed_customers(customer_ids=[born.pk])
    _, reader_key = issue_service_token(name="reporting", scopes=["customers:read", "search"])
    reader = bearer(reader_key)
    client.force_login(user)
    seen = {
        "list": reader.get("/api/v1/customers/"),
        "detail": reader.get(f"/api/v1/customers/{born.pk}/"),
        "export": reader.get("/api/v1/customers/export/"),
        "search": reader.post("/api/v1/search/", {"query": "planning ahead", "limit": 10}, format="json"),
        "similar": reader.get(f"/api/v1/customers/{bank['mine'].pk}/similar/"),
        "search page": client.get("/search/", {"q": "planning ahead"}),
        "call list": client.get("/search/export/", {"q": "planning ahead"}),
        "customer page": client.get(f"/customers/{born.pk}/"),
    }
    for where, response in seen.items():
        text = response.getvalue().decode()
        assert response.status_code == 200 and "Bornclient" in text, where
        assert "1959" not in text, where
    detail = seen["detail"].json()
    assert detail["date_of_birth"] is None and "Retired teacher." in detail["profile_text"]

    _, pii_key = issue_service_token(name="core", scopes=["customers:read", "customers:pii"])
    assert "born 1959" in bearer(pii_key).get(f"/api/v1/customers/{born.pk}/").json()["profile_text"]


def test_an_external_id_in_another_book_is_refused_without_saying_it_exists(bank):
    """The answer is the same whichever book holds the id; compliance sees each attempt."""
    client, mine, theirs = api(bank["ana"]), bank["mine"], bank["theirs"]
    answers = {
        "create, another book": client.post(
            "/api/v1/customers/", {**NEW_CUSTOMER, "external_id": theirs.external_id}, format="json"
        ),
        "create, own book": client.post(
            "/api/v1/customers/", {**NEW_CUSTOMER, "external_id": mine.external_id}, format="json"
        ),
        "update, another book": client.patch(
            f"/api/v1/customers/{mine.pk}/", {"external_id": theirs.external_id}, format="json"
        ),
    }
    bodies = {where: (response.status_code, response.json()) for where, response in answers.items()}
    assert len(set(map(str, bodies.values()))) == 1, bodies
    status, body = bodies["create, another book"]
    assert status == 400 and list(body) == ["external_id"]
    assert "exist" not in str(body).lower() and "rm_ben" not in str(body)
    assert Customer.objects.filter(external_id=theirs.external_id).get() == theirs
    mine.refresh_from_db()
    assert mine.external_id != theirs.external_id
    events = AuditEvent.objects.filter(action="external_id_taken").order_by("id")
    assert [(e.actor, e.customer_ids, e.changed_fields) for e in events] == [
        ("rm_ana", [theirs.pk], ["external_id"]),
        ("rm_ana", [mine.pk], ["external_id"]),
        ("rm_ana", [theirs.pk], ["external_id"]),
    ]


def test_a_team_token_gets_the_same_answer_and_an_admin_the_precise_one(bank):
    _, key = issue_service_token(
        name="north-crm", scopes=["customers:read", "customers:write"], team=bank["team"]
    )
    body = {**NEW_CUSTOMER, "external_id": bank["theirs"].external_id, "relationship_manager": "rm_ana"}
    team_answer = bearer(key).post("/api/v1/customers/", body, format="json")
    rm_answer = api(bank["ana"]).post("/api/v1/customers/", body, format="json")
    assert team_answer.status_code == 400 and team_answer.json() == rm_answer.json()
    admin = api(get_user_model().objects.create_superuser("root", password="x-Strong-Pass-42"))
    precise = admin.post("/api/v1/customers/", body, format="json")
    assert precise.status_code == 400 and "already exists" in precise.json()["external_id"][0]
    assert AuditEvent.objects.filter(action="external_id_taken").count() == 3


def test_a_team_lead_edits_and_reassigns_within_the_books_they_lead_and_nowhere_else(bank):
    """Lea leads Ana's team: she may change Ana's customer, take it, and hand it back; never
    move it to Ben, whose book she cannot see, nor to nobody."""
    lead, mine = api(bank["lea"]), bank["mine"]
    path = f"/api/v1/customers/{mine.pk}/"
    assert lead.patch(path, {"notes": "Called by the lead."}, format="json").status_code == 200
    for manager in ("rm_ben", None):
        refused = lead.patch(path, {"relationship_manager": manager}, format="json")
        assert refused.status_code == 400 and "relationship_manager" in refused.json()
    assert lead.patch(path, {"relationship_manager": "lead_lea"}, format="json").status_code == 200
    assert lead.patch(path, {"relationship_manager": "rm_ana"}, format="json").status_code == 200
    mine.refresh_from_db()
    assert (mine.relationship_manager, mine.notes) == (bank["ana"], "Called by the lead.")
    created = lead.post(
        "/api/v1/customers/", {**NEW_CUSTOMER, "relationship_manager": "rm_ana"}, format="json"
    )
    assert created.status_code == 201 and created.json()["relationship_manager"] == "rm_ana"


def test_an_rm_still_keeps_customers_in_their_own_book(bank):
    """Ana is a member, not a lead: she may not hand her customer to her lead."""
    response = api(bank["ana"]).patch(
        f"/api/v1/customers/{bank['mine'].pk}/", {"relationship_manager": "lead_lea"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["relationship_manager"] == ["You can assign customers only to yourself."]


@pytest.mark.parametrize("who", ["rm", "lead", "team token"])
def test_naming_an_rm_who_does_not_exist_reads_as_naming_one_who_is_not_allowed(bank, who):
    _, key = issue_service_token(
        name="north-crm", scopes=["customers:read", "customers:write"], team=bank["team"]
    )
    client = {"rm": api(bank["ana"]), "lead": api(bank["lea"]), "team token": bearer(key)}[who]
    path = f"/api/v1/customers/{bank['mine'].pk}/"
    answers = [
        client.patch(path, {"relationship_manager": name}, format="json") for name in ("nosuch", "rm_ben")
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert "nosuch" not in str(answers[0].json()) and "exist" not in str(answers[0].json())


def test_a_bank_wide_caller_is_told_that_a_username_does_not_exist(bank):
    admin = api(get_user_model().objects.create_superuser("root", password="x-Strong-Pass-42"))
    response = admin.patch(
        f"/api/v1/customers/{bank['mine'].pk}/", {"relationship_manager": "nosuch"}, format="json"
    )
    assert response.status_code == 400 and "does not exist" in str(response.json())


def probe_birth_date(client, customer, joined: str):
    """A write that fails anyway (a product listed twice), asking on which side of the birth
    date ``joined`` lies."""
    body = {"customer_since": joined, "last_contact_date": "2026-01-02", "products": ["checking", "checking"]}
    response = client.patch(f"/api/v1/customers/{customer.pk}/", body, format="json")
    return response.status_code, response.json()


@pytest.mark.parametrize("who", ["rm without pii", "team token"])
def test_a_caller_without_pii_learns_nothing_of_the_birth_date_from_a_refused_write(user, bank, who):
    born = CustomerFactory(date_of_birth=date(1970, 6, 15), customer_since=date(2000, 1, 1))
    born.relationship_manager = user if who == "rm without pii" else bank["ana"]
    born.save()
    _, key = issue_service_token(
        name="north-crm", scopes=["customers:read", "customers:write"], team=bank["team"]
    )
    client = api(user) if who == "rm without pii" else bearer(key)
    before, after = probe_birth_date(client, born, "1970-06-14"), probe_birth_date(client, born, "1970-06-16")
    assert before == after and before[0] == 400
    assert "birth" not in str(before).lower()
    alone = client.patch(f"/api/v1/customers/{born.pk}/", {"customer_since": "1960-01-01"}, format="json")
    assert alone.status_code == 400 and "birth" not in str(alone.json()).lower()
    born.refresh_from_db()
    assert born.customer_since == date(2000, 1, 1)
    events = AuditEvent.objects.filter(action="write_refused", customer_ids=[born.pk])
    assert events.count() == 3
    assert ["customer_since", "last_contact_date", "products"] in [sorted(e.changed_fields) for e in events]
    assert "1970" not in str(list(events.values()))


def test_a_caller_with_pii_is_told_the_birth_date_is_the_reason(bank):
    mine = bank["mine"]
    response = api(bank["ana"]).patch(
        f"/api/v1/customers/{mine.pk}/",
        {"customer_since": str(mine.date_of_birth.replace(year=mine.date_of_birth.year - 1))},
        format="json",
    )
    assert response.json() == {"customer_since": ["Customer since cannot be before the date of birth."]}
