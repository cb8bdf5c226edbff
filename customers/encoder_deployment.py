"""Which registered encoder version made the vectors a search reads, and how to run it here.

The customer table has two vector slots, blue/green: ``embedding`` (a) and ``embedding_b`` (b),
each with its text hash, the version that made it and its own HNSW index. ``EncoderDeployment``
says which slot searches read (the active one) and which version each holds. A search takes the
active slot and its version together (``current_deployment``) and embeds the question with that
version, so a question and the vectors it is compared with always come from one version, even
while ``promote_encoder`` switches.

A version is realised from the packaged weights by its variant and verified sha256 (copied from
the registry's tags when it was promoted), so web processes and workers never import MLflow.
Each process keeps the deployment for ``ENCODER_DEPLOYMENT_CACHE_SECONDS``: a switch reaches
every web process and worker within that, without a restart.
"""

import functools
import threading
import time
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from pgvector.django import HnswIndex

from customers import embeddings
from customers.models import Customer, EncoderDeployment

DEFAULT_VERSION = 1  # the packaged encoder, what ``ensure_champion`` registers first


class EncoderUnavailable(RuntimeError):
    """This machine cannot run the version: unknown variant, or weights that do not match."""


@dataclass(frozen=True)
class Slot:
    name: str
    vector: str  # columns of the customer table
    text_hash: str
    version: str
    index: HnswIndex


def _index(name: str) -> HnswIndex:
    return next(index for index in Customer._meta.indexes if index.name == name)


SLOTS = {
    "a": Slot(
        "a", "embedding", "embedding_text_hash", "embedding_version", _index("customer_embedding_hnsw")
    ),
    "b": Slot(
        "b",
        "embedding_b",
        "embedding_b_text_hash",
        "embedding_b_version",
        _index("customer_embedding_b_hnsw"),
    ),
}


def other_slot(name: str) -> str:
    return "b" if name == "a" else "a"


@dataclass(frozen=True)
class SlotEncoder:
    """A slot and the version whose vectors it holds (``version`` None: pruned, empty)."""

    slot: Slot
    version: int | None
    variant: str  # "torch", "onnx-int8", or "" for the encoder EMBEDDING_BACKEND configures
    weights_sha256: str = ""

    @property
    def label(self) -> str:
        """What ``embedding_model`` records for this version's vectors (its backend's name)."""
        return embeddings.backend_class(self.backend).name

    @property
    def backend(self) -> str:
        """The encoder backend (``EMBEDDING_BACKEND``'s kind of value) that gives this version's
        profile vectors."""
        return self.variant or settings.EMBEDDING_BACKEND

    def check_available(self) -> None:
        """Refuse (``EncoderUnavailable``) a version whose weights this machine does not hold."""
        if not self.variant:
            return
        if self.variant == "torch":
            if self.weights_sha256 != settings.EMBEDDING_MODEL_SHA256:
                raise EncoderUnavailable(
                    f"Encoder version {self.version} is torch weights with sha256 {self.weights_sha256}; "
                    f"only the packaged weights ({settings.EMBEDDING_MODEL_SHA256}) run here."
                )
        elif self.variant == "onnx-int8":
            _verify_int8(self.weights_sha256, self.version)
        else:
            raise EncoderUnavailable(f"Encoder version {self.version} has unknown variant {self.variant!r}.")

    def encode_texts(self, texts: list[str]) -> np.ndarray:
        """Profile vectors by this version."""
        if not self.variant:
            return embeddings.encode_texts(texts)
        self.check_available()
        return embeddings.encode_texts(texts, backend=self.variant)

    def encode_query(self, text: str) -> np.ndarray:
        """The question's vector by this version: int8 weights give their own, the others give
        the vectors of ``QUERY_EMBEDDING_BACKEND``, which are theirs."""
        self.check_available()
        if self.variant == "onnx-int8":
            return embeddings.encode_texts([text], backend=self.variant)[0]
        return embeddings.encode_query(text)


@functools.cache
def _verify_int8(expected: str, version: int | None) -> None:
    actual = embeddings.file_sha256(embeddings.onnx_model_file(quantized=True))
    if actual != expected:
        _verify_int8.cache_clear()
        raise EncoderUnavailable(
            f"Encoder version {version} is int8 weights with sha256 {expected}; this machine's int8 "
            f"export has {actual}."
        )


@dataclass(frozen=True)
class Deployment:
    active: SlotEncoder
    standby: SlotEncoder
    filling: SlotEncoder | None  # the standby, while a promotion embeds the book into it
    standby_served: bool  # the standby's version was active before: a switch back is immediate
    switched_at: float | None  # epoch seconds

    @property
    def live(self) -> list[SlotEncoder]:
        """The slots that changes are embedded into: the active one, and the one being filled."""
        return [self.active] + ([self.filling] if self.filling else [])

    def holding(self, version: int) -> SlotEncoder | None:
        return next((s for s in (self.active, self.standby) if s.version == version), None)


def _slot_encoder(row: EncoderDeployment, name: str) -> SlotEncoder:
    return SlotEncoder(
        slot=SLOTS[name],
        version=getattr(row, f"{name}_version"),
        variant=getattr(row, f"{name}_variant"),
        weights_sha256=getattr(row, f"{name}_weights_sha256"),
    )


def deployment_row(*, for_update: bool = False) -> EncoderDeployment:
    """The deployment row, created with the defaults (slot a active, version 1) when missing."""
    queryset = EncoderDeployment.objects.select_for_update() if for_update else EncoderDeployment.objects
    row = queryset.filter(pk=1).first()
    if row is None:
        EncoderDeployment.objects.get_or_create(pk=1)
        row = queryset.get(pk=1)
    return row


def describe(row: EncoderDeployment) -> Deployment:
    active, standby = row.active_slot, other_slot(row.active_slot)
    return Deployment(
        active=_slot_encoder(row, active),
        standby=_slot_encoder(row, standby),
        filling=_slot_encoder(row, row.filling_slot) if row.filling_slot else None,
        standby_served=getattr(row, f"{standby}_served"),
        switched_at=row.switched_at.timestamp() if row.switched_at else None,
    )


def read_deployment() -> Deployment:
    """Straight from the database (no row yet: slot a, version 1, the configured encoder)."""
    row = EncoderDeployment.objects.filter(pk=1).first() or EncoderDeployment(pk=1)
    return describe(row)


_cached: tuple[float, Deployment] | None = None
_cache_lock = threading.Lock()


def current_deployment() -> Deployment:
    """The deployment, read at most every ``ENCODER_DEPLOYMENT_CACHE_SECONDS`` in this process."""
    global _cached
    max_age = float(settings.ENCODER_DEPLOYMENT_CACHE_SECONDS)
    now = time.monotonic()
    with _cache_lock:
        if _cached is not None and now - _cached[0] < max_age:
            return _cached[1]
    deployment = read_deployment()
    with _cache_lock:
        _cached = (now, deployment)
    return deployment


def forget_deployment() -> None:
    """Drop this process's cached deployment (after a switch made here)."""
    global _cached
    with _cache_lock:
        _cached = None
