"""The encoder registry on a real MLflow store: the schema ``mlflow`` of the test database."""

import os
import subprocess
import sys

import numpy as np
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from customers import embeddings, encoder_registry, services
from customers.encoder_registry import REGISTERED_MODEL, EncoderRegistryError
from customers.generator import generate_customers
from customers.models import AuditAction, AuditEvent, Customer
from customers.profile import PROFILE_TEXT_VERSION, build_profile_text
from tests.factories import CustomerFactory

RATE_TEXTS = 16  # the rate is measured, not judged, here: keep it short


@pytest.fixture
def registry(db, settings, tmp_path_factory):
    """An empty ``bankcrm-profile-encoder`` on the real store (MLflow's rows outlive the test's
    transaction, so the model is deleted first)."""
    settings.MLFLOW_ARTIFACTS_DIR = tmp_path_factory.getbasetemp() / "mlflow-artifacts"
    client = encoder_registry.open_registry()
    if client.search_registered_models(f"name = '{REGISTERED_MODEL}'"):
        client.delete_registered_model(REGISTERED_MODEL)
    return client


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def profile_texts() -> list[str]:
    notes = [
        "Saving for her daughter's college; asked about 529 plans.",
        "Retired teacher, wants steady income and low fees.",
        "Runs a bakery, expanding to a second shop next year.",
        "",
        "Newly married, first home in two years; worried about rates.",
    ]
    for i, note in enumerate(notes):
        CustomerFactory(notes=note, occupation=["Nurse", "Teacher", "Baker", "Engineer", "Pilot"][i])
    return list(Customer.objects.order_by("id").values_list("profile_text", flat=True))


@pytest.mark.slow
def test_the_first_run_registers_the_packaged_encoder_as_champion_once(registry):
    first = encoder_registry.ensure_champion(actor="ops", rate_texts=RATE_TEXTS)

    assert first.version == "1"
    assert first.aliases == ["champion"]
    assert first.tags["weights_sha256"] == django_settings.EMBEDDING_MODEL_SHA256
    assert first.tags["dimension"] == str(encoder_registry.store_dimension())
    assert first.tags["profile_text_version"] == str(PROFILE_TEXT_VERSION)
    assert first.tags["registered_by"] == "ops"
    assert first.tags["reason"]
    assert first.params["eval.skipped"] == "the book is empty"
    assert not any("precision" in name for name in first.metrics)
    assert first.metrics["embedding_rate_texts_per_s"] > 0

    assert encoder_registry.ensure_champion(actor="ops", rate_texts=RATE_TEXTS) is None
    assert len(registry.search_model_versions(f"name = '{REGISTERED_MODEL}'")) == 1
    event = AuditEvent.objects.get(action=AuditAction.REGISTER_ENCODER)
    assert (event.actor, event.filters["version"], event.filters["alias"]) == ("ops", "1", "champion")


@pytest.mark.slow
def test_the_champion_loads_with_pyfunc_and_gives_the_apps_vectors(registry):
    import mlflow

    texts = profile_texts()
    services.embed_customers(customer_ids=list(Customer.objects.values_list("id", flat=True)))

    registered = encoder_registry.register_encoder(
        alias="champion", reason="baseline", actor="ops", rate_texts=RATE_TEXTS
    )
    served = np.asarray(mlflow.pyfunc.load_model(f"models:/{REGISTERED_MODEL}@champion").predict(texts))

    assert served.shape == (len(texts), encoder_registry.store_dimension())
    assert cosines(served, embeddings.encode_texts(texts)).min() >= 0.99999
    assert np.allclose(np.linalg.norm(served, axis=1), 1, atol=1e-5)
    # Its evaluation on the book it was registered against, for both query files and modes.
    assert registered.params["book.embedded"] == str(len(texts))
    for name in ("dev", "paraphrases"):
        for mode in ("hybrid", "semantic"):
            assert f"{name}.{mode}.violations_at_10" in registered.metrics
            assert registered.metrics[f"{name}.{mode}.queries_scored"] >= 0


@pytest.mark.slow
def test_the_int8_variant_is_a_pyfunc_giving_the_apps_int8_vectors(registry, settings):
    import mlflow

    # More than one batch of 32: int8 activations are scaled per batch, so batching must match too.
    texts = [build_profile_text(Customer(**data)) for data in generate_customers(40, seed=7)]
    registered = encoder_registry.register_encoder(
        variant="onnx-int8", alias="challenger", reason="int8 trial", actor="ops", rate_texts=RATE_TEXTS
    )
    served = np.asarray(mlflow.pyfunc.load_model(f"models:/{REGISTERED_MODEL}@challenger").predict(texts))
    settings.EMBEDDING_BACKEND = "onnx-int8"

    assert registered.tags["variant"] == "onnx-int8"
    assert registered.tags["embedding_model"] == "all-MiniLM-L6-v2-int8"
    assert registered.params["source_weights_sha256"] == django_settings.EMBEDDING_MODEL_SHA256
    assert cosines(served, embeddings.encode_texts(texts)).min() >= 0.99999


def test_an_encoder_of_another_dimension_is_refused_and_nothing_is_registered(registry):
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Dense, Pooling, Transformer

    transformer = Transformer(str(embeddings.model_path()))
    narrow = SentenceTransformer(
        modules=[
            transformer,
            Pooling(transformer.get_embedding_dimension()),
            Dense(transformer.get_embedding_dimension(), 32),
        ],
        device="cpu",
    )

    with pytest.raises(EncoderRegistryError) as refused:
        encoder_registry.register_encoder(
            model=narrow, reason="too small", actor="ops", rate_texts=RATE_TEXTS
        )

    assert "32-dimensional" in str(refused.value)
    assert f"vector({encoder_registry.store_dimension()})" in str(refused.value)
    assert registry.search_model_versions(f"name = '{REGISTERED_MODEL}'") == []
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTER_ENCODER).exists()


@pytest.mark.parametrize(
    "uri",
    ["postgresql+psycopg://nobody@127.0.0.1:9/nowhere", "http://127.0.0.1:9"],
    ids=["database", "server"],
)
def test_an_unreachable_registry_is_a_clear_error(db, settings, uri):
    settings.MLFLOW_TRACKING_URI = uri

    with pytest.raises(CommandError, match="is not reachable"):
        call_command("register_encoder", "--reason", "should fail")

    assert not AuditEvent.objects.filter(action=AuditAction.REGISTER_ENCODER).exists()


def test_an_unknown_version_or_alias_is_a_clear_error(registry):
    with pytest.raises(CommandError, match="has no alias 'nope'"):
        call_command("show_encoder", "--alias", "nope")
    with pytest.raises(CommandError, match="has no version 99"):
        call_command("show_encoder", "99")


@pytest.mark.parametrize("alias", ["latest", "v3"])
def test_a_reserved_alias_is_refused_before_anything_is_written(registry, alias):
    with pytest.raises(CommandError, match=f"Alias '{alias}' is not allowed"):
        call_command("register_encoder", "--alias", alias)

    assert registry.search_model_versions(f"name = '{REGISTERED_MODEL}'") == []
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTER_ENCODER).exists()


def test_the_web_process_and_the_workers_do_not_import_mlflow():
    """MLflow costs seconds and ~200MB to import; only the registry's commands may pay that."""
    script = (
        "import sys, django; django.setup();"
        "import bankcrm.wsgi, bankcrm.urls, bankcrm.celery, customers.tasks, customers.admin;"
        "print(sorted(m for m in ('mlflow', 'sqlalchemy', 'alembic') if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "bankcrm.settings", **os.environ},
    )
    assert found.stdout.strip().splitlines()[-1] == "[]"
