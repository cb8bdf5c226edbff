"""Every look at a customer is on record, and the record cannot be changed or erased."""

import logging

import pytest
from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction
from rest_framework.test import APIClient

from bankcrm.logging import RedactPersonalData
from customers import audit, services
from customers.access import issue_service_token
from customers.models import AuditAction, AuditEvent, Customer
from tests.customers.test_access import NEW_CUSTOMER
from tests.factories import CustomerFactory, user_in_role
from tests.spreadsheet import formula_cells, rows

pytestmark = pytest.mark.django_db


def last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


@pytest.fixture
def customer(user):
    customer = CustomerFactory(notes="Planning to retire early.")
    services.embed_customers(customer_ids=[customer.pk])
    return customer


def test_logins_and_failed_logins_are_recorded_with_address_and_agent(client, user):
    client.post("/login/", {"username": "rm_test", "password": "wrong"}, HTTP_USER_AGENT="pytest-browser")
    failed = last("login_failed")
    assert failed.actor == "rm_test (failed)" and failed.user_agent == "pytest-browser"
    assert failed.ip_address == "127.0.0.1"
    client.post("/login/", {"username": "rm_test", "password": "x-Strong-Pass-42"})
    assert last("login").actor == "rm_test" and last("login").actor_user_id == user.pk
    client.post("/logout/")
    assert last("logout").actor == "rm_test"


def test_api_reads_and_writes_are_recorded_with_the_customers_touched(api_client, customer):
    api_client.post("/api/v1/search/", {"query": "retire early", "filters": {"state": ["TX"]}}, format="json")
    search = last("search")
    assert search.query == "retire early" and search.filters == {"state": ["TX"]}
    assert search.customer_ids == [customer.pk] and search.actor == "rm_test"

    api_client.get(f"/api/v1/customers/{customer.pk}/")
    assert last("view").customer_ids == [customer.pk]
    api_client.get("/api/v1/customers/", {"state": "TX"})
    assert last("list").customer_ids == [customer.pk] and last("list").filters == {"state": "TX"}
    api_client.get(f"/api/v1/customers/{customer.pk}/similar/")
    assert last("similar").customer_ids == [customer.pk]
    api_client.get("/api/v1/customers/export/")
    assert last("export").customer_ids == [customer.pk]

    api_client.patch(f"/api/v1/customers/{customer.pk}/", {"notes": "New notes", "credit_score": 720})
    update = last("update")
    assert update.customer_ids == [customer.pk] and update.changed_fields == ["notes"]  # 720 is unchanged
    api_client.delete(f"/api/v1/customers/{customer.pk}/")
    assert last("delete").customer_ids == [customer.pk]


def test_page_searches_and_profile_views_are_recorded(client, user, customer):
    client.force_login(user)
    client.get("/search/", {"q": "retire early", "state": "TX"})
    assert last("search").query == "retire early" and last("search").filters == {"state": "TX"}
    client.get(f"/customers/{customer.pk}/")
    assert last("view").customer_ids == [customer.pk] and last("view").path == f"/customers/{customer.pk}/"


def test_token_use_is_recorded_under_the_tokens_name(customer):
    token, key = issue_service_token(name="core-banking", scopes=["customers:read"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.get(f"/api/v1/customers/{customer.pk}/")
    event = last("view")
    assert event.actor == "token:core-banking" and event.actor_token_id == token.pk


def test_audit_events_cannot_be_changed_or_deleted(api_client, customer):
    api_client.get(f"/api/v1/customers/{customer.pk}/")
    event = last("view")
    event.actor = "someone else"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    for attempt in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(actor="someone else"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
    ):
        with pytest.raises((InternalError, ProgrammingError, IntegrityError)), transaction.atomic():
            attempt()
    assert AuditEvent.objects.get(pk=event.pk).actor == "rm_test"


def test_compliance_reads_filters_and_exports_the_log_in_admin_but_cannot_change_it(
    client, api_client, customer
):
    api_client.get(f"/api/v1/customers/{customer.pk}/")
    officer = user_in_role("compliance_ann", "Compliance officers", is_staff=True)
    client.force_login(officer)
    page = client.get("/admin/customers/auditevent/", {"action__exact": "view"})
    assert page.status_code == 200 and "rm_test" in page.content.decode()
    event = last("view")
    assert client.post(f"/admin/customers/auditevent/{event.pk}/change/", {"actor": "x"}).status_code == 403
    assert client.post(f"/admin/customers/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/customers/auditevent/add/").status_code == 403
    export = client.post(
        "/admin/customers/auditevent/", {"action": "export_csv", "_selected_action": [event.pk]}
    )
    assert export["Content-Type"].startswith("text/csv")
    lines = export.getvalue().decode().splitlines()
    assert lines[0].startswith("id,at,actor,action") and f"{event.pk}," in lines[1]
    assert last("export").actor == "compliance_ann"


def test_a_hostile_search_text_reaches_the_audit_export_as_text_not_a_formula(client, user, customer):
    attack = '=HYPERLINK("http://evil.example/","click me")'
    client.force_login(user)
    client.get("/search/", {"q": attack}, HTTP_USER_AGENT="@SUM(1+1)")
    event = last("search")
    officer = user_in_role("compliance_ann", "Compliance officers", is_staff=True)
    client.force_login(officer)
    export = client.post(
        "/admin/customers/auditevent/", {"action": "export_csv", "_selected_action": [event.pk]}
    )
    text = export.getvalue().decode()
    assert formula_cells(text) == []
    (row,) = rows(text)
    assert (row["query"], row["user_agent"]) == ("'" + attack, "'@SUM(1+1)")


def test_an_rm_cannot_read_the_audit_log(client, user):
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/customers/auditevent/").status_code == 403


def test_personal_data_never_reaches_the_log_output(customer):
    record = logging.LogRecord(
        "x",
        logging.WARNING,
        __file__,
        1,
        "Bad row for %s (%s) born %s",
        (customer.email, customer.phone, "1980-05-17"),
        None,
    )
    RedactPersonalData().filter(record)
    message = record.getMessage()
    assert customer.email not in message and customer.phone not in message and "1980-05-17" not in message
    assert message == "Bad row for [email] ([phone]) born [date]"


def test_every_log_handler_redacts(settings):
    assert all(
        "redact_pii" in handler.get("filters", []) for handler in settings.LOGGING["handlers"].values()
    )


def test_an_audit_record_never_fails_on_text_the_database_cannot_store(rf):
    """Defence behind the edge guard: whatever reaches ``record`` is stored, minus what cannot be."""
    request = rf.get("/search/", {"q": "x"}, HTTP_USER_AGENT="brute\x00force\udfff")
    event = audit.record(
        request=request,
        action=AuditAction.SEARCH,
        actor="rm\x00x",
        query="retire\x00 early\ud800",
        filters={"state\x00": ["T\x00X"], "ignore": ["a\udfffb"]},
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor, event.user_agent, event.query) == ("rmx", "bruteforce", "retire early")
    assert event.filters == {"state": ["TX"], "ignore": ["ab"]}


def test_a_forwarded_address_that_is_no_address_records_the_peer_instead(rf, settings):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    for forwarded, expected in [("10.0.0.1, garbage", "127.0.0.1"), ("10.0.0.1, 203.0.113.9", "203.0.113.9")]:
        event = audit.record(request=rf.get("/", HTTP_X_FORWARDED_FOR=forwarded), action=AuditAction.LIST)
        assert AuditEvent.objects.get(pk=event.pk).ip_address == expected


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.66, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "127.0.0.1"),
    ],
)
def test_a_client_cannot_choose_its_recorded_address_by_sending_x_forwarded_for(
    rf, settings, hops, forwarded, expected
):
    """Proxies append; what a client sends comes first, so only our proxies' hops are trusted."""
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    settings.AUDIT_TRUSTED_PROXY_HOPS = hops
    event = audit.record(request=rf.get("/", HTTP_X_FORWARDED_FOR=forwarded), action=AuditAction.LIST)
    assert AuditEvent.objects.get(pk=event.pk).ip_address == expected


@pytest.fixture
def writes_cannot_be_audited():
    """PostgreSQL itself refuses every create, update and delete event (a real fault, not a mock)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON customers_auditevent FOR EACH ROW "
            "WHEN (NEW.action IN ('create', 'update', 'delete')) EXECUTE FUNCTION test_refuse_audit()"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS test_refuse_audit ON customers_auditevent")
        cursor.execute("DROP FUNCTION IF EXISTS test_refuse_audit()")


@pytest.mark.django_db(transaction=True)
def test_a_write_whose_audit_event_fails_is_not_kept(user, writes_cannot_be_audited):
    """A change and its audit event commit together: a client who sees a 500 lost nothing unaudited."""
    customer = CustomerFactory(notes="Before.")
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    body = {**NEW_CUSTOMER, "external_id": "NEW-1"}
    assert (
        client.patch(f"/api/v1/customers/{customer.pk}/", {"notes": "After."}, format="json").status_code
        == 500
    )
    assert client.delete(f"/api/v1/customers/{customer.pk}/").status_code == 500
    assert client.post("/api/v1/customers/", body, format="json").status_code == 500
    customer.refresh_from_db()
    assert customer.notes == "Before."
    assert not Customer.objects.filter(external_id="NEW-1").exists()
