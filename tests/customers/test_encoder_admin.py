"""The "Encoder versions" admin page and its actions, on a real MLflow store and real PostgreSQL:
version 1 is the packaged torch encoder, version 2 its int8 variant (``challenger``), both
registered on a small embedded book so that they carry its evaluation."""

import html
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from bankcrm.celery import app as celery_app
from bankcrm.celery import task_arguments_in_broker
from customers import encoder_operations, encoder_registry, services
from customers.bulk_embedding import ensure_vector_index
from customers.encoder_deployment import SLOTS, forget_deployment, read_deployment
from customers.encoder_registry import REGISTERED_MODEL
from customers.generator import generate_customers
from customers.models import AuditAction, AuditEvent, EncoderOperation, EncoderVersion
from tests.conftest import TEST_QUEUE
from tests.customers.test_worker import database_url
from tests.factories import user_in_role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PAGE = "/admin/customers/encoderversion/"
OPERATION_TASK = "customers.tasks.run_encoder_operation_task"


def embedded_book() -> list[int]:
    """24 generated customers, embedded by the active version (idempotent)."""
    ids, _ = services.customers_bulk_upsert(rows=list(generate_customers(24, seed=11)), embed=False)
    services.embed_customers(customer_ids=ids)
    return ids


@pytest.fixture(scope="module")
def versions(django_db_setup, django_db_blocker, tmp_path_factory):
    """Versions 1 and 2, registered once for the module on an embedded book (MLflow's rows
    outlive each test's flush; the app's copy of them does not, so ``book`` syncs it again)."""
    with (
        django_db_blocker.unblock(),
        override_settings(MLFLOW_ARTIFACTS_DIR=tmp_path_factory.getbasetemp() / "mlflow-artifacts-admin"),
    ):
        client = encoder_registry.open_registry()
        if client.search_registered_models(f"name = '{REGISTERED_MODEL}'"):
            client.delete_registered_model(REGISTERED_MODEL)
        embedded_book()
        encoder_registry.ensure_champion(actor="ops", rate_texts=8)
        encoder_registry.register_encoder(
            variant="onnx-int8", alias="challenger", reason="int8 trial", actor="ops", rate_texts=8
        )
    return client


@pytest.fixture
def book(versions, settings):
    settings.ENCODER_DEPLOYMENT_CACHE_SECONDS = 0
    encoder_registry.move_alias(version=1)
    forget_deployment()
    ids = embedded_book()
    call_command("sync_encoder_versions")
    yield ids
    forget_deployment()
    for slot in SLOTS.values():  # the flush after each test keeps the schema as the test left it
        ensure_vector_index(slot.index)


@pytest.fixture
def admin_client(client, book):
    admin = get_user_model().objects.create_superuser("admin_test", password="x-Strong-Pass-42")
    client.force_login(admin)
    return client


@pytest.fixture
def queue(settings):
    """Operations published to this run's own queue on the real broker, not run in process."""
    settings.ENCODER_OPERATION_QUEUE = f"{TEST_QUEUE}-encoder"
    celery_app.conf.task_always_eager = False
    yield settings.ENCODER_OPERATION_QUEUE
    celery_app.conf.task_always_eager = True
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.ENCODER_OPERATION_QUEUE)


def version_row(page, version: int) -> str:
    """The text of the page's row for ``version``, tags stripped."""
    found = re.search(rf'id="version-{version}">(.*?)</tr>', page.content.decode(), re.S)
    assert found, f"no row for version {version}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def page_text(page) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())


def test_admin_sees_every_version_with_its_aliases_metrics_coverage_and_who_registered_it(
    admin_client, book, versions
):
    page = admin_client.get(PAGE)

    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    first, second = version_row(page, 1), version_row(page, 2)
    assert "active" in first and "champion" in first and "challenger" in second
    assert f"100.0% ({len(book)} vectors, slot a)" in first and "100.0% ready" in first
    assert "0.0% (0 vectors)" in second
    registered = EncoderVersion.objects.get(version=2)
    assert (
        registered.weights_sha256 == versions.get_model_version(REGISTERED_MODEL, "2").tags["weights_sha256"]
    )
    assert registered.weights_sha256[:16] in second and "onnx-int8" in second and "384 dimensions" in second
    assert "by ops" in second and "int8 trial" in second
    assert "The packaged encoder" in first
    dev = registered.metrics.get("dev.hybrid.precision_at_10")
    shown = "n/a" if dev is None else f"{dev:.3f}"
    assert f"dev hybrid: {shown} /" in second and "paraphrases semantic:" in second
    assert "texts/s" in second
    assert 'name="operation" value="promote"' in page.content.decode()
    main = page.content.decode().split('id="content-main"', 1)[1]
    assert "<script" not in main and "<style" not in main and "style=" not in main  # the CSP's rule


def test_sync_copies_an_alias_moved_in_the_registry(admin_client, versions):
    versions.set_registered_model_alias(REGISTERED_MODEL, "candidate", "2")
    try:
        call_command("sync_encoder_versions")
        assert "candidate" in version_row(admin_client.get(PAGE), 2)
    finally:
        versions.delete_registered_model_alias(REGISTERED_MODEL, "candidate")


def test_compliance_reads_the_page_but_has_no_action_and_is_refused_one(client, book):
    officer = user_in_role("compliance_ann", "Compliance officers", is_staff=True)
    client.force_login(officer)

    page = client.get(PAGE)

    assert page.status_code == 200
    assert "champion" in version_row(page, 1) and "challenger" in version_row(page, 2)
    assert 'name="operation"' not in page.content.decode() and "Change the encoder" not in page_text(page)
    assert "Encoder versions" in page_text(client.get("/admin/"))
    refused = client.post(PAGE, {"operation": "promote", "version": "2", "reason": "I would like to"})
    assert refused.status_code == 403
    assert not EncoderOperation.objects.exists()


def test_a_relationship_manager_has_no_access(client, user, book):
    client.force_login(user)
    assert client.get(PAGE).status_code == 302  # not staff: to the admin's login
    user.is_staff = True
    user.save()
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"operation": "prune", "reason": "x"}).status_code == 403
    assert not EncoderOperation.objects.exists()


def test_bad_input_is_a_400_naming_the_field(admin_client):
    missing = admin_client.post(PAGE, {"operation": "promote", "reason": "faster"})
    assert missing.status_code == 400 and "version: Choose the version to promote." in page_text(missing)
    unknown = admin_client.post(PAGE, {"operation": "retrain", "version": "2", "reason": "x"})
    assert unknown.status_code == 400 and "operation: Select a valid choice" in page_text(unknown)
    no_reason = admin_client.post(PAGE, {"operation": "promote", "version": "2", "reason": ""})
    assert no_reason.status_code == 400 and "reason: This field is required." in page_text(no_reason)
    assert not EncoderOperation.objects.exists()


def test_promote_is_queued_for_a_worker_and_the_page_shows_its_percentage(admin_client, queue):
    posted = admin_client.post(PAGE, {"operation": "promote", "version": "2", "reason": "int8 is faster"})

    assert posted.status_code == 302
    operation = EncoderOperation.objects.get()
    assert (operation.kind, operation.version, operation.status, operation.requested_by) == (
        "promote",
        2,
        "queued",
        "admin_test",
    )
    assert [kwargs for _, kwargs in task_arguments_in_broker(OPERATION_TASK, queue)] == [
        {"operation_id": operation.pk}
    ]
    requested = AuditEvent.objects.get(action=AuditAction.PROMOTE_ENCODER)
    assert (requested.actor, requested.filters["outcome"], requested.filters["reason"]) == (
        "admin_test",
        "requested",
        "int8 is faster",
    )
    assert requested.path == PAGE
    queued = admin_client.get(PAGE)
    assert "Waiting for a worker on the embed-bulk queue" in page_text(queued)

    EncoderOperation.objects.filter(pk=operation.pk).update(status="running")  # a worker took it
    encoder_operations.record_progress(operation_id=operation.pk, done=9, total=20)
    running = admin_client.get(PAGE)

    assert "45% (9 of 20 texts embedded into the standby slot" in page_text(running)
    assert '<progress value="45" max="100">' in running.content.decode()
    assert '<meta http-equiv="refresh" content="5">' in running.content.decode()

    again = admin_client.post(PAGE, {"operation": "rollback", "reason": "changed my mind"}, follow=True)
    assert "Refused: Another operation is running (promote version 2, asked by admin_test, 45% embedded)" in (
        page_text(again)
    )
    assert EncoderOperation.objects.count() == 1


def test_progress_is_seen_at_once_even_from_inside_the_fills_transaction(book):
    operation = EncoderOperation.objects.create(kind="promote", version=2, requested_by="x", status="running")
    seen = []

    def look():
        try:
            seen.append(EncoderOperation.objects.get(pk=operation.pk).percent)
        finally:
            connection.close()

    with transaction.atomic():  # as fill_slot reports, from inside its reading transaction
        encoder_operations.record_progress(operation_id=operation.pk, done=5, total=10)
        looker = threading.Thread(target=look)
        looker.start()
        looker.join()

    assert seen == [50]


def test_a_request_no_worker_takes_can_be_cancelled_and_another_asked_for(admin_client, queue):
    admin_client.post(PAGE, {"operation": "promote", "version": "2", "reason": "int8 is faster"})
    waiting = EncoderOperation.objects.get()

    admin_client.post(PAGE, {"operation": "cancel", "operation_id": waiting.pk, "reason": "no bulk worker"})

    waiting.refresh_from_db()
    assert waiting.status == "cancelled" and "Cancelled by admin_test" in waiting.message
    cancelled = AuditEvent.objects.get(filters__outcome="cancelled")
    assert (cancelled.action, cancelled.actor, cancelled.filters["operation"]) == (
        "promote_encoder",
        "admin_test",
        waiting.pk,
    )
    admin_client.post(PAGE, {"operation": "promote", "version": "2", "reason": "worker started"})
    assert EncoderOperation.objects.filter(status="queued").count() == 1


@pytest.fixture
def worker_env(monkeypatch):
    """What the worker's child process (``manage.py promote_encoder``) runs with: the test
    database, and switches seen at once."""
    monkeypatch.setenv("DATABASE_URL", database_url())
    monkeypatch.setenv("ENCODER_DEPLOYMENT_CACHE_SECONDS", "0")
    return monkeypatch


def act(admin_client, **data):
    """Post an action; the task runs in this process (eager), its command in a child process."""
    admin_client.post(PAGE, data)
    return EncoderOperation.objects.order_by("-id").first()


def test_admin_promotes_rolls_back_and_prunes_through_the_commands_all_audited(
    admin_client, worker_env, versions, book
):
    worker_env.setenv("ENCODER_GATE_MAX_PRECISION_DROP", "-1")  # a gain no version can show

    refused = act(admin_client, operation="promote", version="2", reason="int8 is faster")

    assert refused.status == "refused", refused.message
    assert "precision@10" in refused.message and "below the active version's" in refused.message
    assert "candidate_precision" in refused.gate and refused.texts_done == refused.texts_total > 0
    page = admin_client.get(PAGE)
    assert "refused at" in version_row(page, 2) and "Gate refused" in page_text(page)
    assert read_deployment().active.version == 1

    worker_env.delenv("ENCODER_GATE_MAX_PRECISION_DROP")
    promoted = act(admin_client, operation="promote", version="2", reason="int8 is faster")

    assert promoted.status == "succeeded", promoted.message
    assert promoted.message.startswith("Promoted to version 2 (slot b, was version 1)")
    assert read_deployment().active.version == 2
    assert encoder_registry.resolve_version(alias="champion").version == "2"
    page = admin_client.get(PAGE)
    second = version_row(page, 2)
    assert "active" in second and "champion" in second and "challenger" in second
    assert "promoted by admin_test" in second and "int8 is faster" in second
    assert f"100.0% ({len(book)} vectors, slot b)" in second

    rolled_back = act(admin_client, operation="rollback", reason="answers looked off")

    assert rolled_back.status == "succeeded" and rolled_back.version == 1, rolled_back.message
    assert read_deployment().active.version == 1
    assert "rolled back to by admin_test" in version_row(admin_client.get(PAGE), 1)

    pruned = act(admin_client, operation="prune", reason="int8 retired")

    assert pruned.status == "succeeded", pruned.message
    assert read_deployment().standby.version is None
    assert "0.0% (0 vectors)" in version_row(admin_client.get(PAGE), 2)

    trail = [
        (e.action, e.filters.get("outcome", ""), e.filters["version"], e.actor)
        for e in AuditEvent.objects.filter(
            action__in=[AuditAction.PROMOTE_ENCODER, AuditAction.ROLLBACK_ENCODER, AuditAction.PRUNE_ENCODERS]
        ).order_by("at", "id")
    ]
    assert trail == [
        ("promote_encoder", "requested", "2", "admin_test"),
        ("promote_encoder", "refused", "2", "admin_test"),
        ("promote_encoder", "requested", "2", "admin_test"),
        ("promote_encoder", "switched", "2", "admin_test"),
        ("rollback_encoder", "requested", "1", "admin_test"),
        ("rollback_encoder", "switched", "1", "admin_test"),
        ("prune_encoders", "requested", "2", "admin_test"),
        ("prune_encoders", "", "2", "admin_test"),
    ]
