"""Switching the profile encoder to another registered version: blue/green over the two vector
slots, gated by the evaluation, reversible, recorded.

``promote_encoder`` embeds the whole book with the new version into the standby slot (the bulk
pipeline; searches keep reading the active slot), builds that slot's HNSW index once, scores both
versions on the dev questions over the current book, and switches in one transaction: the
deployment row flips, customers' statuses follow the new slot, and the registry's ``champion``
alias moves. The old slot keeps its vectors, so promoting it again switches back at once, with
no encoding. ``prune_encoders`` drops the standby slot's vectors and index.

One promotion at a time, and none beside a bulk re-embedding: both hold ``bulk_embedding_lock``.
"""

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from customers import audit, encoder_inventory, encoder_registry
from customers.bulk_embedding import (
    CHUNK,
    BulkEmbeddingReport,
    FillTarget,
    ensure_vector_index,
    fill_slot,
)
from customers.bulk_encoding import BulkEncoder
from customers.encoder_deployment import (
    EncoderUnavailable,
    SlotEncoder,
    deployment_row,
    describe,
    forget_deployment,
    read_deployment,
)
from customers.encoder_registry import EncoderRegistryError
from customers.models import AuditAction
from customers.services import (
    BulkEmbeddingRunning,
    bulk_embedding_lock,
    request_embedding,
    resync_embedding_status,
)

GATE_K = 10


class EncoderSwitchError(Exception):
    """The switch cannot be done as asked; the active encoder did not change."""


class PromotionRefused(EncoderSwitchError):
    """The evaluation gate refused the version; ``gate`` holds the figures."""

    def __init__(self, gate: "GateResult"):
        super().__init__(gate.describe())
        self.gate = gate


@dataclass(frozen=True)
class GateResult:
    """Hybrid precision@10 and violations@10 on the dev questions, both versions on the same book."""

    active_version: int | None
    candidate_version: int
    active_precision: float | None
    candidate_precision: float | None
    active_violations: int
    candidate_violations: int
    queries: int  # dev questions with at least one matching customer in the book
    max_drop: float
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def figures(self) -> dict:
        return {key: value for key, value in asdict(self).items() if key != "failures"}

    def describe(self) -> str:
        def shown(precision):
            return "n/a" if precision is None else f"{precision:.3f}"

        verdict = "passed" if self.passed else "refused: " + "; ".join(self.failures)
        return (
            f"Gate {verdict}. Hybrid precision@{GATE_K} on {self.queries} dev questions: version "
            f"{self.candidate_version} {shown(self.candidate_precision)}, active version "
            f"{self.active_version} {shown(self.active_precision)} (at most {self.max_drop:.2f} below "
            f"allowed); violations@{GATE_K}: {self.candidate_violations} against {self.active_violations}."
        )


@dataclass
class SwitchReport:
    action: str  # "promote", "rollback" or "unchanged"
    version: int
    previous_version: int | None
    slot: str
    fill: BulkEmbeddingReport | None = None
    index_seconds: float = 0.0
    gate: GateResult | None = None
    forced: bool = False
    to_embed: int = 0  # customers whose vector in the new slot is from an older text: queued


def evaluate_gate(*, active: SlotEncoder, candidate: SlotEncoder) -> GateResult:
    """Score both slots on the dev questions (``ENCODER_EVALUATION_FILES['dev']``), hybrid mode."""
    from search.evaluation import InvalidQueryFile, load_queries, mean_scores, score_query

    try:
        entries = load_queries(settings.ENCODER_EVALUATION_FILES["dev"])
    except InvalidQueryFile as error:
        raise EncoderSwitchError(f"The promotion gate cannot read its dev questions: {error}") from error
    means = [
        mean_scores([score_query(entry, mode="hybrid", k=GATE_K, encoder=encoder) for entry in entries])
        for encoder in (active, candidate)
    ]
    max_drop = float(settings.ENCODER_GATE_MAX_PRECISION_DROP)
    before, after = means[0]["precision"], means[1]["precision"]
    failures = []
    if before is not None and after is not None and after < before - max_drop:
        failures.append(
            f"precision@{GATE_K} {after:.3f} is {before - after:.3f} below the active version's "
            f"{before:.3f}, more than the {max_drop:.2f} allowed"
        )
    if means[1]["violations"]:
        failures.append(f"{means[1]['violations']} results break a question's hard conditions")
    return GateResult(
        active_version=active.version,
        candidate_version=int(candidate.version),
        active_precision=before,
        candidate_precision=after,
        active_violations=means[0]["violations"],
        candidate_violations=means[1]["violations"],
        queries=means[1]["queries"],
        max_drop=max_drop,
        failures=failures,
    )


def promote_encoder(
    *,
    version: str,
    reason: str = "",
    force: bool = False,
    actor: str = "",
    encoder: BulkEncoder | None = None,
    workers: int | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int, int, float], None] | None = None,
) -> SwitchReport:
    """Make ``version`` (a number or an alias) the encoder searches use.

    The standby slot's vectors from an earlier activation make it a switch back, with no
    encoding and no gate. Otherwise the book is embedded into the standby slot (resuming a fill
    that stopped), its index built, and the gate run; ``force`` with a ``reason`` overrides a
    refusal, recorded in the audit log and as tags on the version. Raises ``EncoderSwitchError``
    (``PromotionRefused`` for the gate), with nothing switched.
    """
    if force and not reason.strip():
        raise EncoderSwitchError("--force needs --reason: say why the gate is overridden.")
    try:
        registered = (
            encoder_registry.resolve_version(version=version)
            if str(version).isdigit()
            else encoder_registry.resolve_version(alias=version)
        )
    except EncoderRegistryError as error:
        raise EncoderSwitchError(str(error)) from error
    number = int(registered.version)
    variant = registered.tags.get("variant", "")
    weights = registered.tags.get("weights_sha256", "")
    try:
        with bulk_embedding_lock():
            return _promote(number, variant, weights, reason, force, actor, encoder, workers, chunk, progress)
    except BulkEmbeddingRunning as error:
        raise EncoderSwitchError(
            "Another promotion or a bulk re-embedding is running; wait for it to finish."
        ) from error


def _promote(
    number, variant, weights, reason, force, actor, encoder, workers, chunk, progress
) -> SwitchReport:
    deployment = read_deployment()
    if deployment.active.version == number:
        return SwitchReport("unchanged", number, number, deployment.active.slot.name)
    standby = deployment.standby
    candidate = SlotEncoder(standby.slot, number, variant, weights)
    try:
        candidate.check_available()
    except EncoderUnavailable as error:
        raise EncoderSwitchError(str(error)) from error
    if deployment.filling is None and deployment.standby_served and standby.version == number:
        return _switch(candidate, action="rollback", reason=reason, actor=actor)

    _begin_fill(candidate)
    _wait_for_other_processes()
    target = FillTarget(candidate, live=False)
    fill = fill_slot(
        target, encoder=encoder, workers=workers, chunk=chunk, progress=progress, build_index=False
    )
    # Changes whose task read the deployment before the fill began were embedded into the active
    # slot only: once more for them (usually none) before the index is built, once.
    catch_up = fill_slot(target, encoder=encoder, workers=workers, chunk=chunk, build_index=False)
    fill.texts_encoded += catch_up.texts_encoded
    fill.customers_embedded += catch_up.customers_embedded
    index_seconds = ensure_vector_index(candidate.slot.index)
    gate = evaluate_gate(active=deployment.active, candidate=candidate)
    if not gate.passed and not force:
        _end_fill()
        audit.record(
            request=None,
            action=AuditAction.PROMOTE_ENCODER,
            actor=actor or "system",
            filters=_audit_filters(candidate, deployment.active, reason, "refused", gate=gate),
        )
        raise PromotionRefused(gate)
    return _switch(
        candidate,
        action="promote",
        reason=reason,
        actor=actor,
        gate=gate,
        forced=not gate.passed,
        fill=fill,
        index_seconds=index_seconds,
    )


def _begin_fill(candidate: SlotEncoder) -> None:
    name = candidate.slot.name
    with transaction.atomic():
        row = deployment_row(for_update=True)
        if getattr(row, f"{name}_version") != candidate.version:
            setattr(row, f"{name}_served", False)
        setattr(row, f"{name}_version", candidate.version)
        setattr(row, f"{name}_variant", candidate.variant)
        setattr(row, f"{name}_weights_sha256", candidate.weights_sha256)
        row.filling_slot = name
        row.save()
    forget_deployment()


def _end_fill() -> None:
    with transaction.atomic():
        row = deployment_row(for_update=True)
        row.filling_slot = ""
        row.save()
    forget_deployment()


def _wait_for_other_processes() -> None:
    """Until every process's cached deployment shows the fill: changes are then embedded into the
    standby slot too, and no process still takes the standby for the slot it switched from."""
    time.sleep(max(0.0, float(settings.ENCODER_DEPLOYMENT_CACHE_SECONDS)))


def _switch(
    candidate: SlotEncoder,
    *,
    action: str,
    reason: str,
    actor: str,
    gate: GateResult | None = None,
    forced: bool = False,
    fill: BulkEmbeddingReport | None = None,
    index_seconds: float = 0.0,
) -> SwitchReport:
    """Flip the active slot, its customers' statuses and the champion alias together."""
    moved_from: int | None = None
    try:
        with transaction.atomic():
            row = deployment_row(for_update=True)
            previous = describe(row).active
            row.active_slot = candidate.slot.name
            row.filling_slot = ""
            setattr(row, f"{candidate.slot.name}_served", True)
            row.switched_at = timezone.now()
            row.save()
            to_embed = resync_embedding_status(slot=candidate.slot)
            request_embedding(customer_ids=to_embed)
            audit.record(
                request=None,
                action=AuditAction.PROMOTE_ENCODER if action == "promote" else AuditAction.ROLLBACK_ENCODER,
                actor=actor or "system",
                filters=_audit_filters(
                    candidate,
                    previous,
                    reason,
                    "forced" if forced else "switched",
                    gate=gate,
                    fill=fill,
                ),
            )
            if forced:
                encoder_registry.tag_version(
                    version=candidate.version,
                    tags={
                        "gate_override": "true",
                        "gate_override_reason": reason,
                        "gate_override_by": actor or "system",
                        "gate_figures": json.dumps(gate.figures()),
                    },
                )
            encoder_registry.move_alias(version=candidate.version)
            moved_from = previous.version
            encoder_inventory.sync_encoder_versions()
    except EncoderRegistryError as error:
        raise EncoderSwitchError(f"{error} Nothing was switched.") from error
    except BaseException:
        if moved_from is not None:  # the commit failed after the alias moved
            encoder_registry.move_alias(version=moved_from)
        raise
    finally:
        forget_deployment()
    return SwitchReport(
        action,
        int(candidate.version),
        previous.version,
        candidate.slot.name,
        fill=fill,
        index_seconds=index_seconds,
        gate=gate,
        forced=forced,
        to_embed=len(to_embed),
    )


def _audit_filters(candidate, previous, reason, outcome, *, gate=None, fill=None) -> dict:
    filters = {
        "model": encoder_registry.REGISTERED_MODEL,
        "version": str(candidate.version),
        "variant": candidate.variant,
        "previous_version": "" if previous.version is None else str(previous.version),
        "slot": candidate.slot.name,
        "outcome": outcome,
        "reason": reason,
    }
    if gate is not None:
        filters["gate"] = gate.figures()
    if fill is not None:
        filters["texts_encoded"] = fill.texts_encoded
        filters["customers_embedded"] = fill.customers_embedded
    return filters


@dataclass(frozen=True)
class PruneReport:
    version: int | None
    slot: str
    customers: int


def prune_encoders(*, actor: str = "", reason: str = "") -> PruneReport | None:
    """Drop the standby slot's vectors and HNSW index (the version it held can then no longer be
    switched back to without embedding the book again); None when it holds nothing."""
    try:
        with bulk_embedding_lock():
            return _prune(actor, reason)
    except BulkEmbeddingRunning as error:
        raise EncoderSwitchError(
            "A promotion or a bulk re-embedding is running; prune after it finishes."
        ) from error


def _prune(actor: str, reason: str) -> PruneReport | None:
    with transaction.atomic():
        row = deployment_row(for_update=True)
        standby = describe(row).standby
        slot = standby.slot
        clear = [f"{slot.vector} = NULL", f"{slot.text_hash} = ''", f"{slot.version} = NULL"]
        if slot.name == "a":
            clear.append("embedding_model = ''")
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE customers_customer SET {', '.join(clear)}"
                f" WHERE {slot.vector} IS NOT NULL OR {slot.version} IS NOT NULL"
            )
            customers = cursor.rowcount
            if not customers and standby.version is None:
                return None
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(slot.index.name)}")
            cursor.execute(f"DROP TABLE IF EXISTS {FillTarget(standby, live=False).staging_table}")
        for name, value in (("version", None), ("variant", ""), ("weights_sha256", ""), ("served", False)):
            setattr(row, f"{slot.name}_{name}", value)
        row.filling_slot = ""
        row.save()
        audit.record(
            request=None,
            action=AuditAction.PRUNE_ENCODERS,
            actor=actor or "system",
            filters={
                "model": encoder_registry.REGISTERED_MODEL,
                "version": "" if standby.version is None else str(standby.version),
                "slot": slot.name,
                "customers": customers,
                "reason": reason,
            },
        )
    forget_deployment()
    return PruneReport(standby.version, slot.name, customers)
