"""``promote_encoder`` and ``prune_encoders`` on a small real book and a real MLflow store: version 1
is the packaged torch encoder (slot a), version 2 its int8 variant, filled into slot b."""

import threading

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from customers import embeddings, encoder_registry, services
from customers.bulk_embedding import (
    BulkEmbeddingInterrupted,
    bulk_encoder,
    ensure_vector_index,
    vector_index_exists,
)
from customers.bulk_encoding import BulkEncoder, TokenizerWorkerDied
from customers.encoder_deployment import SLOTS, forget_deployment, read_deployment
from customers.encoder_registry import REGISTERED_MODEL
from customers.encoder_switch import promote_encoder
from customers.generator import generate_customers
from customers.models import AuditAction, AuditEvent, Customer
from customers.profile import profile_text_hash
from search.selectors import search_customers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

QUESTIONS = ["saving for a child's college", "worried about fees, wants steady income", "loves to travel"]


@pytest.fixture(scope="module")
def versions(django_db_setup, django_db_blocker, tmp_path_factory):
    """Version 1 (torch, champion) and 2 (onnx-int8, challenger), registered once for the module
    on an empty book (MLflow's rows outlive each test's flush)."""
    with (
        django_db_blocker.unblock(),
        override_settings(MLFLOW_ARTIFACTS_DIR=tmp_path_factory.getbasetemp() / "mlflow-artifacts-switch"),
    ):
        client = encoder_registry.open_registry()
        if client.search_registered_models(f"name = '{REGISTERED_MODEL}'"):
            client.delete_registered_model(REGISTERED_MODEL)
        encoder_registry.ensure_champion(actor="ops", rate_texts=8)
        encoder_registry.register_encoder(
            variant="onnx-int8", alias="challenger", reason="int8 trial", actor="ops", rate_texts=8
        )
    return client


@pytest.fixture
def book(versions, settings, user):
    """36 generated customers embedded by version 1 in slot a; switches seen at once."""
    settings.ENCODER_DEPLOYMENT_CACHE_SECONDS = 0
    encoder_registry.move_alias(version=1)
    forget_deployment()
    rows = [{**row, "relationship_manager": user} for row in generate_customers(36, seed=5)]
    ids, _ = services.customers_bulk_upsert(rows=rows, embed=False)
    services.embed_customers(customer_ids=ids)
    yield ids
    forget_deployment()
    for slot in SLOTS.values():  # the flush after each test keeps the schema as the test left it
        ensure_vector_index(slot.index)


def slot_rows(ids=None):
    rows = Customer.objects.order_by("pk")
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return list(
        rows.values_list(
            "pk",
            "profile_text",
            "embedding",
            "embedding_text_hash",
            "embedding_version",
            "embedding_b",
            "embedding_b_text_hash",
            "embedding_b_version",
            "embedded_at",
        )
    )


def champion() -> str:
    return encoder_registry.resolve_version(alias="champion").version


def fill_encoder(*, fail_on_call=None, during=None, calls=None) -> BulkEncoder:
    """The int8 bulk encoder, counting texts, able to die on a chunk or run something meanwhile."""
    encoder = bulk_encoder(workers=0, backend="onnx-int8")
    real = encoder.encode
    count = calls if calls is not None else []

    def encode(texts, **kwargs):
        count.append(len(texts))
        if len(count) == fail_on_call:
            raise TokenizerWorkerDied("A tokenizer worker process died")
        if during is not None and len(count) == 1:
            during()
        return real(texts, **kwargs)

    encoder.encode = encode
    return encoder


def in_another_session(function):
    """Run ``function`` on another thread, with its own database connection, and wait for it."""
    failures = []

    def run():
        try:
            function()
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failures, failures


def answer(user, question):
    outcome = search_customers(user=user, query=question)
    asked = outcome.interpretation.ranking_text or outcome.interpretation.query
    return outcome.encoder_version, asked, [(r.customer.pk, r.similarity) for r in outcome.results]


def assert_answer_from_one_version(answered):
    """Each similarity is the cosine of the question embedded by the answer's version to the
    vector that version made: a question embedded by one version never meets the other's vectors."""
    version, asked, results = answered
    deployment = read_deployment()
    encoder = deployment.holding(version)
    other = deployment.holding(3 - version)
    query, other_query = encoder.encode_query(asked), other.encode_query(asked)
    stored = dict(Customer.objects.values_list("pk", encoder.slot.vector))
    assert results
    for pk, similarity in results:
        if similarity is not None:
            assert similarity == pytest.approx(float(np.asarray(stored[pk]) @ query), abs=1e-4)
            assert abs(float(np.asarray(stored[pk]) @ other_query) - similarity) > 1e-4 or version == 1


def test_promote_embeds_slot_b_while_version_1_answers_then_switches_searches_to_version_2(book, user):
    during_fill, everywhere, done = [], [], threading.Event()

    def keep_searching():
        try:
            while not done.is_set():
                for question in QUESTIONS:
                    everywhere.append(answer(user, question))
        finally:
            connection.close()

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        report = promote_encoder(
            version="2",
            reason="int8 is faster on our CPUs",
            actor="ops",
            encoder=fill_encoder(),
            chunk=8,
            progress=lambda done_, total, seconds: during_fill.append(answer(user, QUESTIONS[0])),
        )
    finally:
        done.set()
        searcher.join()

    assert (report.action, report.version, report.previous_version, report.slot) == ("promote", 2, 1, "b")
    assert report.fill.texts_encoded == len({text for _, text, *_ in slot_rows()})
    assert report.gate.passed and report.gate.candidate_version == 2
    rows = slot_rows()
    assert {(r[4], r[7]) for r in rows} == {(1, 2)}, "slot a keeps version 1, slot b holds version 2"
    assert all(r[6] == profile_text_hash(r[1]) for r in rows)
    assert set(Customer.objects.values_list("embedding_status", flat=True)) == {"ready"}
    assert vector_index_exists(SLOTS["b"].index)
    assert champion() == "2"

    assert len(during_fill) >= 3 and {v for v, _, _ in during_fill} == {1}
    after = answer(user, QUESTIONS[1])
    assert after[0] == 2
    answers = during_fill + everywhere + [after]
    assert {v for v, _, _ in answers} == {1, 2}
    for answered in answers:
        assert_answer_from_one_version(answered)

    event = AuditEvent.objects.get(action=AuditAction.PROMOTE_ENCODER)
    assert (event.actor, event.filters["version"], event.filters["previous_version"]) == ("ops", "2", "1")
    assert event.filters["outcome"] == "switched" and event.filters["reason"] == "int8 is faster on our CPUs"
    assert "candidate_precision" in event.filters["gate"]


def test_the_gate_refuses_with_its_figures_and_force_with_a_reason_is_recorded(book, settings, versions):
    settings.ENCODER_GATE_MAX_PRECISION_DROP = -1.0  # demand a gain no version can show

    with pytest.raises(CommandError) as refused:
        call_command("promote_encoder", "challenger", "--workers", "0")

    message = str(refused.value)
    assert "refused" in message and "precision@10" in message and "below the active version's" in message
    assert read_deployment().active.slot.name == "a" and champion() == "1"
    assert read_deployment().filling is None
    assert AuditEvent.objects.get(action=AuditAction.PROMOTE_ENCODER).filters["outcome"] == "refused"
    with pytest.raises(CommandError, match="--force needs --reason"):
        call_command("promote_encoder", "2", "--force")

    call_command("promote_encoder", "2", "--force", "--reason", "risk signed off ticket 42", "--actor", "cro")

    assert read_deployment().active.version == 2 and champion() == "2"
    forced = AuditEvent.objects.filter(action=AuditAction.PROMOTE_ENCODER).order_by("at", "id").last()
    assert (forced.actor, forced.filters["outcome"], forced.filters["reason"]) == (
        "cro",
        "forced",
        "risk signed off ticket 42",
    )
    assert forced.filters["texts_encoded"] == 0, "slot b was filled by the refused run"
    tags = versions.get_model_version(REGISTERED_MODEL, "2").tags
    assert tags["gate_override_reason"] == "risk signed off ticket 42" and tags["gate_override_by"] == "cro"
    assert "candidate_precision" in tags["gate_figures"]


def test_switching_back_is_immediate_and_prune_drops_the_standby_slot(book, user, monkeypatch, capsys):
    promote_encoder(version="2", actor="ops", encoder=fill_encoder(), chunk=8)
    slot_a_before = slot_rows()
    encoded = []
    for owner, name in (
        (BulkEncoder, "encode"),
        (embeddings.OnnxEncoder, "encode"),
        (embeddings, "encode_texts"),
    ):
        real = getattr(owner, name)
        monkeypatch.setattr(
            owner, name, lambda *args, real=real, **kwargs: encoded.append(1) or real(*args, **kwargs)
        )

    call_command("promote_encoder", "1", "--reason", "int8 answers looked off")

    assert encoded == [], "nothing is encoded to switch back"
    assert "Rolled back to version 1 (slot a, was version 2)" in capsys.readouterr().out
    assert read_deployment().active.slot.name == "a" and champion() == "1"
    assert slot_rows() == slot_a_before
    rollback = AuditEvent.objects.get(action=AuditAction.ROLLBACK_ENCODER)
    assert (rollback.filters["version"], rollback.filters["previous_version"]) == ("1", "2")

    call_command("promote_encoder", "2")  # and forward again, as quickly
    assert encoded == [] and read_deployment().active.version == 2
    call_command("promote_encoder", "1")
    assert encoded == []
    assert search_customers(user=user, query=QUESTIONS[0]).encoder_version == 1

    call_command("prune_encoders", "--reason", "int8 retired")

    assert Customer.objects.filter(embedding_b__isnull=False).count() == 0
    assert set(Customer.objects.values_list("embedding_b_version", flat=True)) == {None}
    assert not vector_index_exists(SLOTS["b"].index)
    assert read_deployment().standby.version is None
    prune = AuditEvent.objects.get(action=AuditAction.PRUNE_ENCODERS)
    assert (prune.filters["version"], prune.filters["customers"]) == ("2", len(book))
    assert [r[:5] for r in slot_rows()] == [r[:5] for r in slot_a_before], "the active slot is untouched"
    assert search_customers(user=user, query=QUESTIONS[0]).results
    call_command("prune_encoders")
    assert "nothing to prune" in capsys.readouterr().out


def test_customers_created_or_edited_during_the_fill_are_embedded_by_both_versions(book, user):
    edited = Customer.objects.get(pk=book[3])

    def rm_at_work():
        services.customer_update(customer=edited, data={"notes": "Just sold her bakery; wants income."})
        services.customer_create(
            data={
                **next(iter(generate_customers(1, seed=99))),
                "external_id": "NEW-DURING-FILL",
                "relationship_manager": user,
            }
        )

    promote_encoder(
        version="2", actor="ops", encoder=fill_encoder(during=lambda: in_another_session(rm_at_work)), chunk=8
    )

    created = Customer.objects.get(external_id="NEW-DURING-FILL")
    deployment = read_deployment()
    for _pk, text, a, a_hash, a_version, b, b_hash, b_version, _ in slot_rows([edited.pk, created.pk]):
        assert a_hash == b_hash == profile_text_hash(text)
        assert (a_version, b_version) == (1, 2)
        by_1 = deployment.holding(1).encode_texts([text])[0]
        by_2 = deployment.holding(2).encode_texts([text])[0]
        assert float(np.asarray(a) @ by_1) > 0.9999 and float(np.asarray(b) @ by_2) > 0.9999
    assert "bakery" in Customer.objects.get(pk=edited.pk).profile_text
    assert Customer.objects.get(pk=created.pk).embedding_status == "ready"


def test_a_fill_that_dies_resumes_where_it_stopped_and_never_touches_the_active_slot(book, user):
    before = slot_rows()
    texts = len({r[1] for r in before})

    with pytest.raises(BulkEmbeddingInterrupted, match="run the same command again"):
        promote_encoder(version="2", actor="ops", encoder=fill_encoder(fail_on_call=2), chunk=8)

    assert [r[:5] + r[8:] for r in slot_rows()] == [r[:5] + r[8:] for r in before]
    assert read_deployment().active.version == 1 and read_deployment().filling.version == 2
    assert search_customers(user=user, query=QUESTIONS[0]).encoder_version == 1

    calls = []
    report = promote_encoder(version="2", actor="ops", encoder=fill_encoder(calls=calls), chunk=8)

    assert report.fill.resumed_with == 8 and sum(calls) == texts - 8, "staged texts are not encoded again"
    assert [r[:5] + r[8:] for r in slot_rows()] == [r[:5] + r[8:] for r in before]
    assert {r[7] for r in slot_rows()} == {2} and read_deployment().active.version == 2


@pytest.fixture
def promotion_elsewhere():
    """A promotion (or bulk run) in another process: another session holds the book's lock."""
    other = connection.copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [services.BULK_EMBEDDING_LOCK])
    yield
    other.close()


def test_a_promote_or_prune_while_another_runs_is_refused(book, promotion_elsewhere):
    with pytest.raises(CommandError, match="Another promotion or a bulk re-embedding is running"):
        call_command("promote_encoder", "2")
    with pytest.raises(CommandError, match="running; prune after it finishes"):
        call_command("prune_encoders")

    assert read_deployment().active.version == 1 and read_deployment().filling is None
    assert not Customer.objects.filter(embedding_b__isnull=False).exists()


def test_an_unknown_version_or_alias_or_an_unreachable_registry_changes_nothing(book, settings):
    before = slot_rows()
    with pytest.raises(CommandError, match="has no version 99"):
        call_command("promote_encoder", "99")
    with pytest.raises(CommandError, match="has no alias 'nope'"):
        call_command("promote_encoder", "nope")
    settings.MLFLOW_TRACKING_URI = "postgresql+psycopg://nobody@127.0.0.1:9/nowhere"
    with pytest.raises(CommandError, match="is not reachable"):
        call_command("promote_encoder", "2")

    assert slot_rows() == before
    assert read_deployment().active.version == 1 and read_deployment().filling is None
    assert not AuditEvent.objects.filter(
        action__in=[AuditAction.PROMOTE_ENCODER, AuditAction.ROLLBACK_ENCODER]
    ).exists()
