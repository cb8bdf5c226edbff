"""The embedding state machine: one set of transitions for the task, the command and the bulk
path; one text-hash rule in Python and SQL; vectors stored as sent."""

import logging

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from customers import embedding_state, embeddings, services
from customers.bulk_embedding import bulk_embed_customers
from customers.encoder_deployment import current_deployment
from customers.models import EMBEDDING_DIMENSIONS, Customer
from customers.tasks import embed_customers_task
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def status(customer) -> str:
    return Customer.objects.get(pk=customer.pk).embedding_status


@pytest.fixture
def broken_encoder(monkeypatch):
    def broken(texts):
        raise RuntimeError("GPU fell off the bus")

    monkeypatch.setattr(embeddings, "encode_texts", broken)


@pytest.mark.parametrize("path", ["task", "command"])
def test_a_batch_that_fails_for_good_marks_failed_alike_in_task_and_command(
    path, broken_encoder, caplog, capsys
):
    waiting = CustomerFactory(notes="Never embedded.")
    ready = CustomerFactory(notes="Embedded before.")
    Customer.objects.filter(pk=ready.pk).update(embedding_status="ready")
    ids = [waiting.pk, ready.pk]

    with caplog.at_level(logging.ERROR, logger="customers.embedding_state"):
        if path == "task":
            result = embed_customers_task.apply(
                args=[ids], retries=embed_customers_task.max_retries, throw=False
            )
            assert result.failed()
        else:
            call_command("embed_customers", "--all", "--in-process")
            streams = capsys.readouterr()
            assert "failed: RuntimeError('GPU fell off the bus')" in streams.err
            assert "2 failed; see admin" in streams.out

    # --all asked the ready one again (stale): both fail in the command; the task leaves a ready
    # customer ready, its old vector still good.
    expected = {"task": ("failed", "ready"), "command": ("failed", "failed")}[path]
    assert (status(waiting), status(ready)) == expected
    assert [r.getMessage() for r in caplog.records if "failed for good" in r.getMessage()] != []
    assert "GPU fell off the bus" in caplog.text


def test_a_failed_customer_is_sent_again_and_becomes_ready(monkeypatch):
    customer = CustomerFactory(notes="Retry me.")
    real = embeddings.encode_texts
    monkeypatch.setattr(embeddings, "encode_texts", lambda texts: 1 / 0)
    call_command("embed_customers", "--stale", "--in-process")
    assert status(customer) == "failed"

    monkeypatch.setattr(embeddings, "encode_texts", real)
    call_command("embed_customers", "--stale", "--in-process")
    assert status(customer) == "ready"


def test_an_edit_makes_stale_and_the_old_vector_serves_until_replaced():
    customer = CustomerFactory(notes="Wants a 529 plan.")
    assert status(customer) == "pending"
    services.embed_customers(customer_ids=[customer.pk])
    assert status(customer) == "ready"
    before = np.asarray(Customer.objects.get(pk=customer.pk).embedding)

    services.customer_update(customer=customer, data={"city": "Elsewhere"})  # not in the text
    assert status(customer) == "ready"
    services.customer_update(customer=customer, data={"notes": "Retiring next spring."})
    assert status(customer) == "stale"
    assert np.array_equal(np.asarray(Customer.objects.get(pk=customer.pk).embedding), before)
    assert embedding_state.sync_embedding_status(customer_ids=[customer.pk]) == [customer.pk]


def test_embedding_again_is_idempotent_on_every_path(capsys):
    customers = [CustomerFactory(notes=f"Note {i}") for i in range(3)]
    ids = [c.pk for c in customers]
    first = services.embed_customers(customer_ids=ids)
    stored = dict(Customer.objects.filter(pk__in=ids).values_list("pk", "embedded_at"))

    again = services.embed_customers(customer_ids=ids)
    call_command("embed_customers", "--stale", "--in-process")
    bulk = bulk_embed_customers(everyone=False, workers=0)

    assert (first.embedded, again.embedded, again.unchanged, again.texts_encoded) == (3, 0, 3, 0)
    assert "up to date" in capsys.readouterr().out
    assert (bulk.customers_embedded, bulk.texts_encoded) == (0, 0)
    assert dict(Customer.objects.filter(pk__in=ids).values_list("pk", "embedded_at")) == stored


def test_reembedding_asked_makes_ready_stale_and_the_embedding_makes_it_ready():
    customer = CustomerFactory()
    services.embed_customers(customer_ids=[customer.pk])
    assert embedding_state.request_reembedding(customer_ids=[customer.pk]) == [customer.pk]
    assert status(customer) == "stale"
    report = services.embed_customers(customer_ids=[customer.pk])
    assert (report.embedded, status(customer)) == (1, "ready")


def test_the_text_hash_rule_is_the_same_in_python_and_in_postgresql():
    texts = ["Plain.", "Zoë's café — 私の貯金 🏦", "", "  spaces  kept  "]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {embedding_state.text_hash_sql('t')} FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n)"
            " ORDER BY n",
            [texts],
        )
        in_sql = [row[0] for row in cursor.fetchall()]
    assert in_sql == [embedding_state.text_hash(text) for text in texts]


def test_vectors_are_stored_exactly_as_sent():
    customer = CustomerFactory()
    rng = np.random.default_rng(3)
    vector = rng.standard_normal(EMBEDDING_DIMENSIONS).astype(np.float32)
    target = current_deployment().active
    text = Customer.objects.get(pk=customer.pk).profile_text

    text_hash = embedding_state.text_hash(text)
    written = embedding_state.store_embeddings(
        target=target, active=True, ids=[customer.pk], hashes=[text_hash], vectors=[vector]
    )

    assert written == [customer.pk]
    stored = Customer.objects.get(pk=customer.pk)
    assert np.array_equal(np.asarray(stored.embedding, dtype=np.float32), vector), "no rounding on the way"
    assert stored.embedding_status == "ready"
    skipped = embedding_state.store_embeddings(
        target=target, active=True, ids=[customer.pk], hashes=["not-its-text"], vectors=[vector]
    )
    assert skipped == []
