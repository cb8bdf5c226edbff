"""Encoder backends: what turns profile texts into vectors, chosen by setting.

``EMBEDDING_BACKEND`` (profile vectors) and ``QUERY_EMBEDDING_BACKEND`` (question vectors) hold
the dotted path of a class, loaded with ``import_string`` as Django loads its mail backends; the
short names of earlier deployments (``torch``, ``onnx``, ``onnx-int8``) stand for the classes
below (``settings.EMBEDDING_BACKEND_ALIASES``). A backend is loaded once per process.

A backend says, without loading its model:
- ``name``: what ``Customer.embedding_model`` records. Backends of one name give interchangeable
  vectors (torch and ONNX fp32 agree to 1e-5 in cosine); int8 weights do not, so they differ.
- ``variant``: how the bulk pipeline and the model registry run it (torch, onnx or onnx-int8).
- ``dimension``: the length of its vectors, which must be the vector columns'.
"""

import copy
import functools
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import classproperty
from django.utils.module_loading import import_string

from customers.encoder_model import (
    DIMENSIONS,
    MAX_TOKENS,
    mean_pool_normalise,
    model_path,
    onnx_session,
    verify_model_weights,
)

logger = logging.getLogger(__name__)

ONNX_VARIANTS = ("onnx", "onnx-int8")


@runtime_checkable
class Encoder(Protocol):
    name: str
    variant: str
    dimension: int

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, ``dimension`` columns."""
        ...


def backend_path(value: str) -> str:
    """The dotted path a setting's value names (a short name of ``EMBEDDING_BACKEND_ALIASES``,
    or a dotted path already)."""
    return settings.EMBEDDING_BACKEND_ALIASES.get(value, value)


def backend_class(value: str | None = None) -> type[Encoder]:
    """The backend class ``value`` (``EMBEDDING_BACKEND`` unless given) names, not instantiated:
    an unknown name, a path that does not import or a class of the wrong dimension is
    ``ImproperlyConfigured``."""
    value = value or settings.EMBEDDING_BACKEND
    path = backend_path(value)
    if "." not in path:
        known = ", ".join(settings.EMBEDDING_BACKEND_ALIASES)
        raise ImproperlyConfigured(
            f"Unknown encoder backend {value!r}: give a dotted path to an encoder class or one of {known}."
        )
    try:
        cls = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(f"Encoder backend {path!r} cannot be imported: {error}") from error
    missing = [name for name in ("name", "variant", "dimension", "encode") if not hasattr(cls, name)]
    if missing:
        raise ImproperlyConfigured(f"Encoder backend {path!r} lacks {', '.join(missing)}.")
    from customers.models import EMBEDDING_DIMENSIONS

    if cls.dimension != EMBEDDING_DIMENSIONS:
        raise ImproperlyConfigured(
            f"Encoder backend {path!r} gives {cls.dimension}-dimensional vectors; the vector "
            f"columns hold {EMBEDDING_DIMENSIONS}."
        )
    return cls


def check_backends(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """System check: both backend settings name importable encoders of the columns' dimension
    (``manage.py check`` and the web process refuse to start otherwise)."""
    errors = []
    for setting in ("EMBEDDING_BACKEND", "QUERY_EMBEDDING_BACKEND"):
        try:
            backend_class(getattr(settings, setting))
        except ImproperlyConfigured as error:
            errors.append(checks.Error(f"{setting}: {error}", id="customers.E001"))
    return errors


def load_backend(value: str | None = None) -> Encoder:
    """The backend ``value`` names (``EMBEDDING_BACKEND`` unless given), loaded once per process."""
    return _loaded(backend_path(value or settings.EMBEDDING_BACKEND))


@functools.cache
def _loaded(path: str) -> Encoder:
    return backend_class(path)()


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
def sentence_transformer():
    """The packaged weights in sentence-transformers, weights checked, on ``EMBEDDING_DEVICE``."""
    from sentence_transformers import SentenceTransformer

    path = model_path()
    verify_model_weights(path, settings.EMBEDDING_MODEL_SHA256)
    device = resolve_device(settings.EMBEDDING_DEVICE)
    model = SentenceTransformer(str(path), device=device, local_files_only=True)
    if device == "cuda":
        model.half()
    logger.info("Loaded %s on %s", settings.EMBEDDING_MODEL_NAME, device)
    return model


class TorchEncoder:
    """The packaged weights in sentence-transformers: the GPU when there is one (fp16)."""

    variant: ClassVar[str] = "torch"
    dimension: ClassVar[int] = DIMENSIONS

    @classproperty
    def name(cls) -> str:
        return settings.EMBEDDING_MODEL_NAME

    def __init__(self):
        self.model = sentence_transformer()

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if batch_size is None:
            on_gpu = self.model.device.type == "cuda"
            batch_size = settings.EMBEDDING_BATCH_SIZE or (512 if on_gpu else 32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.astype(np.float32, copy=False)


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

    encoder = sentence_transformer()
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
    """The packaged weights on ONNX Runtime (CPU): tokenizer, transformer, mean pooling, unit
    length; the torch vectors to within 1e-5 in cosine, several times faster for one short text.

    ``model_file``: an export other than this class's own (``onnx_model_file``)."""

    variant: ClassVar[str] = "onnx"
    dimension: ClassVar[int] = DIMENSIONS
    quantized: ClassVar[bool] = False
    name_suffix: ClassVar[str] = ""

    @classproperty
    def name(cls) -> str:
        return settings.EMBEDDING_MODEL_NAME + cls.name_suffix

    def __init__(self, model_file: Path | None = None, threads: int | None = None):
        from transformers import AutoTokenizer

        model_file = model_file or onnx_model_file(quantized=self.quantized)
        self.session = onnx_session(model_file, threads=threads)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path()), local_files_only=True)

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        batch_size = batch_size or settings.EMBEDDING_BATCH_SIZE or 32
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
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


class OnnxInt8Encoder(OnnxEncoder):
    """Per-channel int8 weights on ONNX Runtime: faster on a CPU, mean cosine 0.99 to fp32, so
    its vectors carry a name of their own."""

    variant: ClassVar[str] = "onnx-int8"
    quantized: ClassVar[bool] = True
    name_suffix: ClassVar[str] = "-int8"
