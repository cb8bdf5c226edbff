import numpy as np
import pytest
from django.conf import settings

from customers import embeddings, services
from customers.models import EMBEDDING_DIMENSIONS, Customer
from customers.tasks import embed_customers_task
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def vector(customer) -> np.ndarray:
    return np.asarray(Customer.objects.get(pk=customer.pk).embedding)


def test_a_batch_gets_real_unit_length_vectors_and_becomes_ready():
    nurse = CustomerFactory(occupation="Registered Nurse", notes="Saving for a house near the hospital.")
    pilot = CustomerFactory(occupation="Airline Pilot", notes="Travels constantly; collects miles.")
    assert nurse.embedding_status == "pending"

    report = services.embed_customers(customer_ids=[nurse.pk, pilot.pk])

    assert report.embedded == 2
    for customer in (nurse, pilot):
        customer.refresh_from_db()
        assert customer.embedding_status == "ready"
        assert customer.embedding_model == "all-MiniLM-L6-v2"
        assert len(customer.embedding) == EMBEDDING_DIMENSIONS
        assert np.linalg.norm(customer.embedding) == pytest.approx(1.0, abs=1e-4)
    # Real model, real meaning: the text's own vector is the stored one.
    expected = embeddings.encode_texts([nurse.profile_text])[0]
    assert float(vector(nurse) @ expected) > 0.999
    assert float(vector(nurse) @ vector(pilot)) < 0.9


def test_changing_profile_fields_marks_stale_and_unchanged_text_is_not_embedded_again():
    customer = CustomerFactory(notes="Wants a 529 plan.")
    services.embed_customers(customer_ids=[customer.pk])

    again = services.embed_customers(customer_ids=[customer.pk])
    assert (again.embedded, again.unchanged, again.texts_encoded) == (0, 1, 0)

    services.customer_update(customer=customer, data={"phone": "(512) 555-0199"})
    assert Customer.objects.get(pk=customer.pk).embedding_status == "ready"

    before = vector(customer)
    services.customer_update(customer=customer, data={"notes": "Retiring next spring; wants income."})
    customer.refresh_from_db()
    assert customer.embedding_status == "stale"
    assert np.allclose(vector(customer), before), "the old vector serves searches until replaced"

    services.embed_customers(customer_ids=[customer.pk])
    customer.refresh_from_db()
    assert customer.embedding_status == "ready"
    assert not np.allclose(vector(customer), before)


def test_identical_profile_texts_are_encoded_once():
    twins = [CustomerFactory(notes="Same words.") for _ in range(3)]
    report = services.embed_customers(customer_ids=[c.pk for c in twins])
    assert (report.embedded, report.texts_encoded) == (3, 1)


def test_an_edit_during_encoding_is_not_overwritten_by_the_old_text(monkeypatch):
    customer = CustomerFactory(notes="First version.")
    real_encode = embeddings.encode_texts

    def encode_while_someone_edits(texts):
        Customer.objects.filter(pk=customer.pk).update(profile_text="Edited meanwhile.")
        return real_encode(texts)

    monkeypatch.setattr(embeddings, "encode_texts", encode_while_someone_edits)
    report = services.embed_customers(customer_ids=[customer.pk])
    assert report.embedded == 0
    assert Customer.objects.get(pk=customer.pk).embedding is None


def test_a_batch_that_keeps_failing_is_marked_failed(monkeypatch):
    customer = CustomerFactory()

    def broken_encoder(texts):
        raise RuntimeError("GPU fell off the bus")

    monkeypatch.setattr(embeddings, "encode_texts", broken_encoder)
    # Eager mode cannot wait out the backoff, so start at the last allowed retry.
    last_try = embed_customers_task.apply(
        args=[[customer.pk]], retries=embed_customers_task.max_retries, throw=False
    )
    assert last_try.failed()
    assert Customer.objects.get(pk=customer.pk).embedding_status == "failed"


def test_weights_with_the_wrong_hash_are_refused(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"not the model")
    with pytest.raises(embeddings.ModelIntegrityError):
        embeddings.verify_model_weights(tmp_path, settings.EMBEDDING_MODEL_SHA256)
    embeddings.verify_model_weights(embeddings.model_path(), settings.EMBEDDING_MODEL_SHA256)


def test_embed_command_runs_in_process_when_asked(capsys):
    from django.core.management import call_command

    customers = [CustomerFactory(notes=f"Note {i}") for i in range(3)]
    call_command("embed_customers", "--stale", "--in-process")
    assert "Embedded 3 customers" in capsys.readouterr().out
    assert {c.embedding_status for c in Customer.objects.filter(pk__in=[c.pk for c in customers])} == {
        "ready"
    }
    call_command("embed_customers", "--stale", "--in-process")
    assert "up to date" in capsys.readouterr().out


def test_the_onnx_query_encoder_gives_the_torch_vectors(settings, tmp_path):
    from customers.embeddings import OnnxEncoder, encode_texts, onnx_model_file

    settings.EMBEDDING_MODEL_CACHE_DIR = tmp_path
    model_file = onnx_model_file()
    assert model_file.parent == tmp_path and model_file.stat().st_size > 50_000_000
    texts = [
        "customers carrying debt who could use a consolidation loan",
        "Retired Teacher (retired), born 1955, high net worth client, conservative risk. Interests: estate "
        "planning. Wants to set up a trust for the grandchildren.",
        "x",
    ]
    onnx = OnnxEncoder(model_file).encode(texts, batch_size=2)
    reference = encode_texts(texts)
    cosines = (onnx * reference).sum(axis=1)
    assert cosines.min() > 0.99999
    assert onnx_model_file() == model_file  # exported once, then reused
