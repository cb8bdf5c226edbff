"""Writes to the customer book. Every path that changes a customer goes through here, so the
profile text, the embedding status and the embedding queue can never disagree with the data."""

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from customers import embedding_state
from customers.choices import EmbeddingStatus
from customers.embedding_state import (  # noqa: F401 (the transitions callers of this module use)
    mark_embedding_failed,
    request_reembedding,
    resync_embedding_status,
    sync_embedding_status,
)
from customers.encoder_deployment import current_deployment
from customers.models import Customer
from customers.profile import build_profile_text

logger = logging.getLogger(__name__)

EMBED_BATCH_SIZE = 256
BULK_BATCH_SIZE = 5000  # ids per task on the embed-bulk queue: enough to keep a GPU busy

_EMBEDDING_FIELDS = {
    "embedding",
    "embedding_model",
    "embedding_text_hash",
    "embedding_status",
    "embedded_at",
    "embedding_version",
    "embedding_b",
    "embedding_b_text_hash",
    "embedding_b_version",
}
_DATA_FIELDS = [
    field.name
    for field in Customer._meta.concrete_fields
    if not field.primary_key
    and not field.generated
    and field.name not in _EMBEDDING_FIELDS
    and field.name != "created_at"
]


class ExternalIdTaken(Exception):
    """Another customer has this external id. The database's unique constraint decides, so two
    writers racing for one id meet the same answer as one who comes late."""

    def __init__(self, *, external_id: str, holder_id: int | None):
        super().__init__(f"External id {external_id!r} is in use.")
        self.external_id = external_id
        self.holder_id = holder_id


def customer_create(*, data: dict) -> Customer:
    customer = Customer(**data)
    customer.full_clean(validate_unique=False)
    return customer_save(customer=customer)


def customer_update(*, customer: Customer, data: dict) -> Customer:
    for field, value in data.items():
        setattr(customer, field, value)
    customer.full_clean(validate_unique=False)
    return customer_save(customer=customer)


def customer_delete(*, customer: Customer) -> None:
    customer.delete()


def customer_save(*, customer: Customer) -> Customer:
    """Save an already validated customer and schedule its embedding if its text changed.

    Raises ``ExternalIdTaken`` when another customer holds its external id.
    """
    try:
        return _save(customer)
    except IntegrityError as error:
        if getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") != EXTERNAL_ID_UNIQUE:
            raise
        holder = (
            Customer.objects.filter(external_id=customer.external_id).values_list("pk", flat=True).first()
        )
        raise ExternalIdTaken(external_id=customer.external_id, holder_id=holder) from error


EXTERNAL_ID_UNIQUE = "customers_customer_external_id_key"


@transaction.atomic
def _save(customer: Customer) -> Customer:
    customer.profile_text = build_profile_text(customer)
    if customer._state.adding:
        customer.save()
    else:
        # The embedding columns belong to the embedding task; never write back a stale copy.
        customer.save(update_fields=_DATA_FIELDS)
    customer.refresh_from_db(fields=["segment"])
    needing = sync_embedding_status(customer_ids=[customer.pk])
    if needing:
        customer.refresh_from_db(fields=["embedding_status"])
        request_embedding(customer_ids=needing)
    return customer


def request_embedding(*, customer_ids: Iterable[int]) -> None:
    """Queue embedding batches once the surrounding transaction commits."""
    ids = list(customer_ids)
    if ids:
        transaction.on_commit(lambda: enqueue_embedding(customer_ids=ids))


def enqueue_embedding(
    *, customer_ids: Sequence[int], batch_size: int = EMBED_BATCH_SIZE, bulk: bool = False
) -> int:
    """Send batches to the broker; return how many were sent. ``bulk``: to the ``embed-bulk``
    queue, whose (GPU) workers encode large batches with the bulk encoder.

    A broker outage must not fail the caller: the customers stay pending or stale and
    ``manage.py embed_customers --stale`` sends them later.
    """
    from kombu.exceptions import OperationalError as BrokerError

    from customers.tasks import embed_customers_bulk_task, embed_customers_task

    task = embed_customers_bulk_task if bulk else embed_customers_task

    sent = 0
    for start in range(0, len(customer_ids), batch_size):
        batch = list(customer_ids[start : start + batch_size])
        try:
            task.delay(batch)
        except BrokerError:
            logger.warning("Broker unreachable: %d customers left to embed later", len(customer_ids) - start)
            break
        sent += 1
    return sent


# A PostgreSQL advisory lock (session level) held while the whole book is re-embedded in bulk.
BULK_EMBEDDING_LOCK = 0x62636D01


class BulkEmbeddingRunning(Exception):
    """Another bulk re-embedding holds the book."""


@contextmanager
def bulk_embedding_lock() -> Iterator[None]:
    """One bulk re-embedding at a time; while it runs, the sweep leaves its customers alone.

    Held on the session, so a process that dies releases it and the sweep takes over.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [BULK_EMBEDDING_LOCK])
        if not cursor.fetchone()[0]:
            raise BulkEmbeddingRunning("A bulk re-embedding is already running; wait for it to finish.")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [BULK_EMBEDDING_LOCK])


def bulk_embedding_running() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid = 0 AND objid = %s"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))",
            [BULK_EMBEDDING_LOCK],
        )
        return cursor.fetchone()[0]


def requeue_stranded_embeddings(*, older_than: timedelta) -> list[int]:
    """Queue again the customers left ``pending`` or ``stale`` for ``older_than`` whose batch is
    no longer in the broker; return their ids.

    A batch is lost when it was never sent (Redis was down at commit) or the broker lost it.
    Customers in a batch that is waiting, running, or held by a dead worker until the visibility
    timeout are left alone (on either queue): that batch will run, and sending it twice would
    only encode twice. Nothing is sent while a bulk re-embedding runs: it holds the whole book.
    Safe to run at any time and as often as wanted.
    """
    from bankcrm.celery import app, task_arguments_in_broker
    from customers.tasks import BULK_QUEUE, embed_customers_bulk_task, embed_customers_task

    stranded = Customer.objects.filter(
        embedding_status__in=embedding_state.IN_PROGRESS,
        updated_at__lt=timezone.now() - older_than,
    )
    if bulk_embedding_running() or not stranded.exists():
        return []
    # The broker first: a batch that finishes meanwhile leaves its customers ready, not stranded.
    queues = [(embed_customers_task, app.conf.task_default_queue), (embed_customers_bulk_task, BULK_QUEUE)]
    in_flight = {
        customer_id
        for task, queue in queues
        for args, kwargs in task_arguments_in_broker(task.name, queue)
        for customer_id in kwargs.get("customer_ids", args[0] if args else [])
    }
    ids = [pk for pk in stranded.order_by("id").values_list("id", flat=True) if pk not in in_flight]
    if ids:
        logger.warning("Re-queueing %d customers whose embedding batch was lost", len(ids))
        enqueue_embedding(customer_ids=ids)
    return ids


@dataclass(frozen=True)
class EmbeddingReport:
    embedded: int
    unchanged: int
    texts_encoded: int


def embed_customers(
    *, customer_ids: Sequence[int], encode: Callable[[list[str]], np.ndarray] | None = None
) -> EmbeddingReport:
    """Embed the given customers' profile texts into the active slot, and into the slot a
    promotion is filling, each by its own encoder version. Safe to run twice: a ``ready``
    customer whose vector matches its text is skipped; identical texts are encoded once per version.

    ``encode``: texts to vectors for the active slot, its version's encoder unless given (the bulk
    task gives its own)."""
    deployment = current_deployment()
    live = deployment.live
    columns = [column for target in live for column in (target.slot.text_hash, target.slot.version)]
    rows = list(
        Customer.objects.filter(id__in=customer_ids).values_list(
            "id", "profile_text", "embedding_status", *columns
        )
    )
    todo: dict[str, list[tuple[int, str, str]]] = {target.slot.name: [] for target in live}
    unchanged = 0
    for customer_id, text, status, *embedded in rows:
        waiting = False
        for index, target in enumerate(live):
            if not embedding_state.vector_is_current(
                text=text,
                stored_hash=embedded[2 * index],
                active=index == 0,
                status=status,
                version=embedded[2 * index + 1],
                expected_version=target.version,
            ):
                todo[target.slot.name].append((customer_id, text, embedding_state.text_hash(text)))
                waiting = True
        unchanged += not waiting
    embedded_ids: set[int] = set()
    texts_encoded = 0
    for index, target in enumerate(live):
        batch = todo[target.slot.name]
        if not batch:
            continue
        unique_texts = list(dict.fromkeys(text for _, text, _ in batch))
        vectors = (encode if encode is not None and index == 0 else target.encode_texts)(unique_texts)
        row_of = {text: i for i, text in enumerate(unique_texts)}
        texts_encoded += len(unique_texts)
        embedded_ids.update(
            embedding_state.store_embeddings(
                target=target,
                active=index == 0,
                ids=[customer_id for customer_id, _, _ in batch],
                hashes=[text_hash for _, _, text_hash in batch],
                vectors=[vectors[row_of[text]] for _, text, _ in batch],
            )
        )
    return EmbeddingReport(embedded=len(embedded_ids), unchanged=unchanged, texts_encoded=texts_encoded)


@dataclass(frozen=True)
class StagedCustomers:
    """Customers turned into COPY rows, profile text included: picklable, so that the slow part
    of a bulk load can run in worker processes while one process writes."""

    external_ids: list[str]
    values: list[tuple]


def _staging_fields():
    return [Customer._meta.get_field(name) for name in _DATA_FIELDS]


def stage_customers(rows: Iterable[dict]) -> StagedCustomers:
    """Prepare validated customer rows for ``customers_bulk_upsert``."""
    fields = _staging_fields()
    now = timezone.now()
    external_ids, values = [], []
    for row in rows:
        customer = Customer(**row)
        customer.profile_text = build_profile_text(customer)
        customer.updated_at = now
        external_ids.append(customer.external_id)
        values.append(tuple(getattr(customer, field.attname) for field in fields))
    return StagedCustomers(external_ids, values)


def customers_bulk_upsert(
    *, rows: Sequence[dict] | StagedCustomers, embed: bool = True
) -> tuple[list[int], int]:
    """Insert or update many validated customers on ``external_id``: PostgreSQL COPY into a
    staging table, then one INSERT ... ON CONFLICT.

    ``rows`` are dicts of field values, or the same already through ``stage_customers``.
    Returns (ids in row order, how many were new). Those whose profile text changed are marked
    and, with ``embed``, queued for embedding after commit. Embedding columns of existing rows are
    never touched, so an unchanged text keeps its vector.
    """
    staged = rows if isinstance(rows, StagedCustomers) else stage_customers(rows)
    if not staged.values:
        return [], 0
    columns = [field.column for field in _staging_fields()]
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS customer_staging AS "
            f"SELECT {', '.join(columns)} FROM customers_customer WITH NO DATA"
        )
        cursor.execute("TRUNCATE customer_staging")
        with cursor.cursor.copy(f"COPY customer_staging ({', '.join(columns)}) FROM STDIN") as copy:
            for values in staged.values:
                copy.write_row(values)
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns if column != "external_id")
        cursor.execute(
            f"""
            INSERT INTO customers_customer ({", ".join(columns)}, created_at, embedding_status,
                                            embedding_model, embedding_text_hash)
            SELECT {", ".join(columns)}, %s, %s, '', '' FROM customer_staging
            ON CONFLICT (external_id) DO UPDATE SET {updates}
            RETURNING id, external_id, (xmax = 0)
            """,
            [now, EmbeddingStatus.PENDING],
        )
        returned = cursor.fetchall()
        cursor.execute("TRUNCATE customer_staging")
        by_external_id = {external_id: pk for pk, external_id, _ in returned}
        ids = [by_external_id[external_id] for external_id in staged.external_ids]
        needing = sync_embedding_status(customer_ids=ids)
        if embed:
            request_embedding(customer_ids=needing)
    return ids, sum(1 for *_, inserted in returned if inserted)


@dataclass
class IndexBuild:
    """Seconds spent building each index again after a deferred load."""

    seconds: dict[str, float]


@contextmanager
def deferred_indexes() -> Iterator[IndexBuild]:
    """Load first, index after: the customer table's secondary indexes are dropped for the
    duration and built again at the end, also when the load fails.

    For a first load into a new book (``generate_customers --defer-indexes``): keeping the
    indexes current row by row costs more than building them once. Searches during the load
    run without them, so do not use it on a live book.
    """
    indexes = list(Customer._meta.indexes)
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.execute(f"DROP INDEX IF EXISTS {editor.quote_name(index.name)}")
    report = IndexBuild(seconds={})
    try:
        yield report
    finally:
        report.seconds.update(build_customer_indexes(indexes))


def build_customer_indexes(indexes) -> dict[str, float]:
    """Create ``indexes`` on the customer table with parallel maintenance workers and room to
    build the HNSW graph in memory (``INDEX_BUILD_MEMORY``); return each one's seconds."""
    seconds = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('maintenance_work_mem', %s, false), "
            "set_config('max_parallel_maintenance_workers', %s, false)",
            [settings.INDEX_BUILD_MEMORY, str(max(1, (os.cpu_count() or 2) - 1))],
        )
        try:
            for index in indexes:
                started = time.monotonic()
                with connection.schema_editor() as editor:
                    editor.execute(f"DROP INDEX IF EXISTS {editor.quote_name(index.name)}")
                    editor.add_index(Customer, index)
                seconds[index.name] = time.monotonic() - started
        finally:
            cursor.execute("RESET maintenance_work_mem; RESET max_parallel_maintenance_workers")
    return seconds
