"""The app's copy of the encoder registry (``EncoderVersion`` rows), and what the "Encoder
versions" admin page shows from it.

Web processes and workers never import MLflow (seconds and ~200MB), so the page cannot ask the
registry. The processes that change the registry refresh the copy in the same place they write
the audit event: ``register_encoder``, a promotion or rollback (the ``champion`` alias moves),
and ``manage.py sync_encoder_versions`` for a registry changed by other means (the MLflow UI).
Coverage and the active version come from the customer table and ``EncoderDeployment``; who
promoted a version and why from the audit log. Reading them needs no MLflow.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q

from customers.choices import EmbeddingStatus
from customers.encoder_deployment import SLOTS, Deployment, read_deployment
from customers.models import (
    AuditAction,
    AuditEvent,
    Customer,
    EncoderOperation,
    EncoderVersion,
)

# The metrics the page shows, per query file and search mode (the registry keeps them all).
SHOWN_EVALUATIONS = [
    ("dev", "hybrid"),
    ("dev", "semantic"),
    ("paraphrases", "hybrid"),
    ("paraphrases", "semantic"),
]
RECENT_OPERATIONS = 10
COVERAGE_CACHE_SECONDS = 30
_COVERAGE_CACHE_KEY = "encoder-admin:coverage"


def sync_encoder_versions(*, client=None) -> list[EncoderVersion]:
    """Copy every registered version (tags, aliases, its registration run's metrics) into
    ``EncoderVersion`` rows; rows of versions no longer registered are removed. Needs MLflow:
    only management commands call it. Raises ``EncoderRegistryError`` when the registry fails."""
    from mlflow.exceptions import MlflowException

    from customers import encoder_registry

    client = client or encoder_registry.open_registry()
    name = encoder_registry.REGISTERED_MODEL
    try:
        found = client.search_model_versions(f"name = '{name}'")
        aliases: dict[str, list[str]] = {}
        if found:
            for alias, version in (client.get_registered_model(name).aliases or {}).items():
                aliases.setdefault(str(version), []).append(alias)
        runs = {v.run_id: client.get_run(v.run_id).data for v in found if v.run_id}
    except MlflowException as error:
        raise encoder_registry.EncoderRegistryError(
            f"Could not read {name} from the registry: {error.message}"
        ) from error
    rows = []
    with transaction.atomic():
        for registered in found:
            tags = dict(registered.tags or {})
            run = runs.get(registered.run_id)
            dimension = tags.get("dimension", "")
            row, _ = EncoderVersion.objects.update_or_create(
                version=int(registered.version),
                defaults={
                    "variant": tags.get("variant", ""),
                    "embedding_model": tags.get("embedding_model", ""),
                    "weights_sha256": tags.get("weights_sha256", ""),
                    "dimension": int(dimension) if dimension.isdigit() else None,
                    "profile_text_version": tags.get("profile_text_version", ""),
                    "aliases": sorted(aliases.get(str(registered.version), [])),
                    "metrics": dict(run.metrics) if run else {},
                    "params": dict(run.params) if run else {},
                    "tags": tags,
                    "registered_by": tags.get("registered_by", ""),
                    "reason": tags.get("reason", registered.description or ""),
                    "registered_at": datetime.fromtimestamp(registered.creation_timestamp / 1000, tz=UTC)
                    if registered.creation_timestamp
                    else None,
                },
            )
            rows.append(row)
        EncoderVersion.objects.exclude(version__in=[row.version for row in rows]).delete()
    return rows


@dataclass(frozen=True)
class Evaluation:
    queries: str  # the query file's name: dev, paraphrases
    mode: str  # hybrid, semantic
    precision: float | None
    ndcg: float | None
    violations: float | None


@dataclass(frozen=True)
class Promotion:
    """The latest switch to a version (a promotion or a rollback), from the audit log."""

    actor: str
    at: datetime
    reason: str
    outcome: str  # switched, forced
    rollback: bool


@dataclass
class VersionRow:
    version: EncoderVersion
    active: bool
    slot: str  # the vector slot holding it, "" when none does
    vectors: int  # customers with a vector of this version
    coverage: float | None  # percent of all customers
    ready: float | None  # percent of customers embedded and current (the active version only)
    evaluations: list[Evaluation] = field(default_factory=list)
    evaluation_skipped: str = ""  # why the version was not evaluated when it was registered
    embedding_rate: float | None = None
    promotion: Promotion | None = None
    refusal: AuditEvent | None = None  # the latest promotion the gate refused
    gate_override: dict = field(default_factory=dict)

    @property
    def can_promote(self) -> bool:
        return not self.active


@dataclass
class Overview:
    rows: list[VersionRow]
    deployment: Deployment
    customers: int
    operations: list[EncoderOperation]
    can_roll_back_to: int | None  # the standby's version, when its vectors are kept and it served
    can_prune: int | None  # the standby's version, when the standby holds one

    @property
    def running(self) -> EncoderOperation | None:
        return next((op for op in self.operations if op.is_active), None)


@dataclass(frozen=True)
class BookCoverage:
    customers: int
    ready: int  # embedded by the active version from the current text
    vectors: Counter  # per version, customers holding a vector it made (either slot)


def book_coverage() -> BookCoverage:
    """Per version, how many customers hold a vector it made; one pass over the customer table."""
    a, b = SLOTS["a"], SLOTS["b"]
    rows = (
        Customer.objects.values(a.version, b.version)
        .annotate(
            n=Count("id"),
            in_a=Count("id", filter=Q(**{f"{a.vector}__isnull": False})),
            in_b=Count("id", filter=Q(**{f"{b.vector}__isnull": False})),
            ready=Count("id", filter=Q(embedding_status=EmbeddingStatus.READY)),
        )
        .order_by()
    )
    vectors: Counter = Counter()
    customers = ready = 0
    for row in rows:
        customers += row["n"]
        ready += row["ready"]
        for slot, held in ((a, row["in_a"]), (b, row["in_b"])):
            if row[slot.version] is not None and held:
                vectors[row[slot.version]] += held
    return BookCoverage(customers=customers, ready=ready, vectors=vectors)


def latest_promotions() -> tuple[dict[int, Promotion], dict[int, AuditEvent]]:
    """Per version: its latest switch (promotion or rollback) and its latest refused promotion."""
    switched: dict[int, Promotion] = {}
    refused: dict[int, AuditEvent] = {}
    events = AuditEvent.objects.filter(
        action__in=[AuditAction.PROMOTE_ENCODER, AuditAction.ROLLBACK_ENCODER],
        filters__outcome__in=["switched", "forced", "refused"],
    ).order_by("-at", "-id")
    for event in events.iterator():
        version = str(event.filters.get("version", ""))
        if not version.isdigit():
            continue
        if event.filters["outcome"] == "refused":
            refused.setdefault(int(version), event)
        elif int(version) not in switched:
            switched[int(version)] = Promotion(
                actor=event.actor,
                at=event.at,
                reason=str(event.filters.get("reason", "")),
                outcome=event.filters["outcome"],
                rollback=event.action == AuditAction.ROLLBACK_ENCODER,
            )
    return switched, refused


def encoder_overview() -> Overview:
    """Everything the "Encoder versions" page shows, from the app's database alone."""
    deployment = read_deployment()
    operations = list(EncoderOperation.objects.order_by("-created_at", "-id")[:RECENT_OPERATIONS])
    if any(operation.is_active for operation in operations):
        # The page reloads every few seconds meanwhile, and a fill changes no coverage until it
        # switches: one pass over the book per COVERAGE_CACHE_SECONDS is enough.
        coverage = cache.get_or_set(_COVERAGE_CACHE_KEY, book_coverage, COVERAGE_CACHE_SECONDS)
    else:
        coverage = book_coverage()
    customers, vectors, ready = coverage.customers, coverage.vectors, coverage.ready
    switched, refused = latest_promotions()
    slots = {s.version: s.slot.name for s in (deployment.active, deployment.standby) if s.version is not None}
    rows = []
    for version in EncoderVersion.objects.order_by("-version"):
        active = version.version == deployment.active.version
        count = vectors.get(version.version, 0)
        rows.append(
            VersionRow(
                version=version,
                active=active,
                slot=slots.get(version.version, ""),
                vectors=count,
                coverage=100 * count / customers if customers else None,
                ready=(100 * ready / customers if customers else None) if active else None,
                evaluations=_evaluations(version.metrics),
                evaluation_skipped=version.params.get("eval.skipped", ""),
                embedding_rate=version.metrics.get("embedding_rate_texts_per_s"),
                promotion=switched.get(version.version),
                refusal=refused.get(version.version),
                gate_override={
                    key: value for key, value in version.tags.items() if key.startswith("gate_override")
                },
            )
        )
    standby = deployment.standby
    return Overview(
        rows=rows,
        deployment=deployment,
        customers=customers,
        operations=operations,
        can_roll_back_to=standby.version
        if standby.version is not None and deployment.standby_served and deployment.filling is None
        else None,
        can_prune=standby.version,
    )


def _evaluations(metrics: dict) -> list[Evaluation]:
    shown = []
    for queries, mode in SHOWN_EVALUATIONS:
        prefix = f"{queries}.{mode}."
        if not any(key.startswith(prefix) for key in metrics):
            continue
        shown.append(
            Evaluation(
                queries=queries,
                mode=mode,
                precision=metrics.get(prefix + "precision_at_10"),
                ndcg=metrics.get(prefix + "ndcg_at_10"),
                violations=metrics.get(prefix + "violations_at_10"),
            )
        )
    return shown
