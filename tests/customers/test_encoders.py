"""Encoder backends: chosen by a dotted path (or an earlier short name), each of the vector
columns' dimension, torch and ONNX giving one set of vectors."""

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured

from customers import embeddings, encoders, services
from customers.encoders import OnnxEncoder, OnnxInt8Encoder, TorchEncoder, backend_class, load_backend
from customers.models import EMBEDDING_DIMENSIONS, Customer
from customers.profile import generated_profile_texts
from tests.factories import CustomerFactory

BACKENDS = {
    "torch": TorchEncoder,
    "onnx": OnnxEncoder,
    "onnx-int8": OnnxInt8Encoder,
}


@pytest.fixture(scope="module")
def profile_texts() -> list[str]:
    return [*generated_profile_texts(6, seed=5), "x"]


class WideEncoder:
    """A backend whose vectors would not fit the columns."""

    name, variant, dimension = "wide", "torch", Customer._meta.get_field("embedding").dimensions + 1

    def encode(self, texts, batch_size=None):
        raise AssertionError("never loaded")


class ReversedTextEncoder:
    """A backend added by dotted path alone: the ONNX encoder on reversed texts."""

    name, variant, dimension = "reversed-minilm", "onnx", OnnxEncoder.dimension

    def __init__(self):
        self.inner = load_backend("onnx")

    def encode(self, texts, batch_size=None):
        return self.inner.encode([text[::-1] for text in texts], batch_size=batch_size)


@pytest.mark.parametrize(("short", "cls"), BACKENDS.items())
def test_a_backend_loads_by_dotted_path_and_by_its_earlier_short_name(short, cls):
    path = f"customers.encoders.{cls.__name__}"
    assert backend_class(path) is backend_class(short) is cls
    assert load_backend(short) is load_backend(path), "loaded once per process"
    assert isinstance(load_backend(short), encoders.Encoder)


def test_the_settings_hold_dotted_paths(settings):
    assert settings.EMBEDDING_BACKEND == "customers.encoders.TorchEncoder"
    assert settings.QUERY_EMBEDDING_BACKEND == "customers.encoders.OnnxEncoder"
    settings.EMBEDDING_BACKEND = "customers.encoders.OnnxInt8Encoder"
    assert embeddings.embedding_model_label() == "all-MiniLM-L6-v2-int8"
    settings.EMBEDDING_BACKEND = "onnx"
    assert embeddings.embedding_model_label() == "all-MiniLM-L6-v2"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("tensorflow", "Unknown encoder backend 'tensorflow'"),
        ("customers.encoders.NoSuchEncoder", "cannot be imported"),
        ("nowhere.Encoder", "cannot be imported"),
        ("customers.encoders.resolve_device", "lacks name, variant, dimension, encode"),
        (
            "tests.customers.test_encoders.WideEncoder",
            f"gives {EMBEDDING_DIMENSIONS + 1}-dimensional vectors; "
            f"the vector columns hold {EMBEDDING_DIMENSIONS}",
        ),
    ],
)
def test_an_unknown_or_unfit_backend_is_improperly_configured(settings, value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        backend_class(value)
    settings.EMBEDDING_BACKEND = value
    with pytest.raises(ImproperlyConfigured):
        embeddings.encode_texts(["anything"])
    assert [error.id for error in encoders.check_backends()] == ["customers.E001"]


def test_the_configured_backends_pass_the_system_check():
    assert encoders.check_backends() == []


@pytest.mark.parametrize("short", BACKENDS)
def test_each_backend_gives_vectors_of_the_columns_dimension(short, profile_texts):
    columns = {Customer._meta.get_field(name).dimensions for name in ("embedding", "embedding_b")}
    backend = load_backend(short)
    assert columns == {backend.dimension}
    vectors = backend.encode(profile_texts)
    assert vectors.shape == (len(profile_texts), backend.dimension) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embeddings.encode_texts([], backend=short).shape == (0, backend.dimension)


def test_torch_and_onnx_give_the_same_vectors_and_int8_nearly(profile_texts):
    torch_vectors = load_backend("torch").encode(profile_texts)
    onnx_vectors = load_backend("onnx").encode(profile_texts)
    int8_vectors = load_backend("onnx-int8").encode(profile_texts)
    assert (torch_vectors * onnx_vectors).sum(axis=1).min() >= 0.999
    assert (torch_vectors * int8_vectors).sum(axis=1).min() >= 0.95
    assert TorchEncoder.name == OnnxEncoder.name != OnnxInt8Encoder.name, "int8 vectors are named apart"


@pytest.mark.django_db
def test_a_backend_added_by_dotted_path_embeds_the_book(settings):
    settings.EMBEDDING_BACKEND = "tests.customers.test_encoders.ReversedTextEncoder"
    customer = CustomerFactory(notes="Saving for a boat.")

    services.embed_customers(customer_ids=[customer.pk])

    customer.refresh_from_db()
    assert (customer.embedding_status, customer.embedding_model) == ("ready", "reversed-minilm")
    expected = load_backend("onnx").encode([customer.profile_text[::-1]])[0]
    assert float(np.asarray(customer.embedding) @ expected) > 0.9999
