"""Re-embedding the whole book at once: the bulk encoder, a staging table, one set-based apply.

Each distinct profile text waiting for a vector is read (ordered by length, so batches pad
little), encoded once by ``customers.bulk_encoding`` and written by binary COPY into
``customers_embedding_staging`` (text hash, encoder label, vector): an unlogged table with no
vector index, committed chunk by chunk, so that a run that dies resumes where it stopped. Then
the HNSW index is dropped, one UPDATE joins the staged vectors to the customers by text hash,
and the index is built again once, with parallel maintenance workers.

Why a table keyed by text hash: identical texts share one row, and a customer edited during the
run no longer matches its old text's vector (its own on-change task embeds it).

The same pipeline fills the standby vector slot for ``promote_encoder`` (``FillTarget``): into a
staging table of its own, for the customers whose standby vector is missing, of another version
or of an older text; searches keep reading the active slot and its index meanwhile.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction
from django.utils import timezone

from customers import embedding_state, embeddings, encoders
from customers.bulk_encoding import BulkEncoder
from customers.embedding_state import request_reembedding, slot_assignments, status_params, text_hash_sql
from customers.encoder_deployment import SlotEncoder, read_deployment
from customers.models import EMBEDDING_DIMENSIONS, Customer
from customers.services import build_customer_indexes, bulk_embedding_lock

logger = logging.getLogger(__name__)

STAGING_TABLE = "customers_embedding_staging"
HNSW_INDEX = next(index for index in Customer._meta.indexes if index.name == "customer_embedding_hnsw")
CHUNK = 8192  # texts encoded and committed together: what a crash can cost


@dataclass(frozen=True)
class FillTarget:
    """Where a bulk run writes: the active slot (``live``: its status says who waits, and searches
    go without its index during the apply) or the standby slot a promotion fills."""

    encoder: SlotEncoder
    live: bool = True

    @property
    def staging_table(self) -> str:
        return STAGING_TABLE if self.live else f"{STAGING_TABLE}_{self.encoder.slot.name}"

    @property
    def key(self) -> str:
        """What the staged rows were made by: rows of any other key are thrown away."""
        return f"{self.encoder.label}@v{self.encoder.version}"

    def waiting(self, alias: str = "") -> str:
        """Which customers of the table (as ``alias``) wait for this slot's vector; the SQL takes
        ``embedding_state.status_params``."""
        return embedding_state.waiting_sql(self.encoder, active=self.live, alias=alias)


def active_target() -> FillTarget:
    return FillTarget(read_deployment().active)


@dataclass
class BulkEmbeddingReport:
    texts_total: int = 0
    texts_encoded: int = 0
    resumed_with: int = 0
    customers_embedded: int = 0
    encode_seconds: float = 0.0
    apply_seconds: float = 0.0
    index_seconds: float = 0.0


class BulkEmbeddingInterrupted(RuntimeError):
    """The run stopped; what was staged stays, and running it again resumes."""


def bulk_encoder(*, workers: int | None = None, backend: str | None = None) -> BulkEncoder:
    """The bulk encoder for the encoder backend ``backend`` (``EMBEDDING_BACKEND`` unless given)
    runs, on the configured device, weights checked first."""
    cls = encoders.backend_class(backend)
    if cls.variant not in ("torch", *encoders.ONNX_VARIANTS):
        raise ImproperlyConfigured(
            f"The bulk pipeline runs torch, onnx or onnx-int8 weights; {cls.__name__} is {cls.variant!r}."
        )
    path = embeddings.model_path()
    embeddings.verify_model_weights(path, settings.EMBEDDING_MODEL_SHA256)
    if cls.variant in encoders.ONNX_VARIANTS:
        model_file = encoders.onnx_model_file(quantized=cls.variant == "onnx-int8")
        return BulkEncoder(path, onnx_file=model_file, workers=workers)
    device = encoders.resolve_device(settings.EMBEDDING_DEVICE)
    return BulkEncoder(path, device=device, workers=workers)


def staged_count(target: FillTarget | None = None) -> int:
    target = target or active_target()
    _create_staging(target)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {target.staging_table} WHERE model = %s", [target.key])
        return cursor.fetchone()[0]


def bulk_embed_customers(
    *,
    everyone: bool,
    encoder: BulkEncoder | None = None,
    workers: int | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int, int, float], None] | None = None,
) -> BulkEmbeddingReport:
    """Embed every customer waiting for a vector (``everyone``: the whole book, again).

    A run that finds vectors staged by this encoder resumes: it neither marks the book again
    nor encodes those texts again. ``progress(done, total, seconds)`` after each chunk. Refused
    (``BulkEmbeddingRunning``) while another bulk run holds the book.
    """
    with bulk_embedding_lock():
        return fill_slot(
            active_target(),
            everyone=everyone,
            encoder=encoder,
            workers=workers,
            chunk=chunk,
            progress=progress,
        )


def fill_slot(
    target: FillTarget,
    *,
    everyone: bool = False,
    encoder: BulkEncoder | None = None,
    workers: int | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int, int, float], None] | None = None,
    build_index: bool = True,
) -> BulkEmbeddingReport:
    """Stage, apply and index the waiting customers' vectors into ``target``'s slot, resuming what
    a stopped run staged. The caller holds ``bulk_embedding_lock``. ``build_index``: False leaves
    the slot's index to the caller, when it fills more than once before searching the slot."""
    report = BulkEmbeddingReport(resumed_with=staged_count(target))
    if everyone and not report.resumed_with:
        request_reembedding()
    started = time.monotonic()
    report.texts_total = report.resumed_with + _waiting_texts_count(target)
    done = report.resumed_with
    owned = encoder is None
    if report.texts_total > report.resumed_with:
        if progress:  # the total at once: a chunk can take minutes on a CPU
            progress(done, report.texts_total, 0.0)
        encoder = encoder or bulk_encoder(workers=workers, backend=target.encoder.backend)
        try:
            for texts_done in _stage(target, encoder, chunk):
                report.texts_encoded = texts_done
                if progress:
                    progress(done + texts_done, report.texts_total, time.monotonic() - started)
        finally:
            if owned:
                encoder.close()
    report.encode_seconds = time.monotonic() - started
    report.customers_embedded, report.apply_seconds = _apply(target)
    report.index_seconds = ensure_vector_index(
        target.encoder.slot.index, rebuild=report.customers_embedded > 0
    )
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {target.staging_table}")
    return report


def ensure_vector_index(index=HNSW_INDEX, *, rebuild: bool = False) -> float:
    """Build a slot's HNSW index when it is missing (a run stopped between apply and build) or
    when asked; return the seconds spent."""
    if vector_index_exists(index) and not rebuild:
        return 0.0
    return build_customer_indexes([index])[index.name]


def vector_index_exists(index=HNSW_INDEX) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [index.name])
        return cursor.fetchone()[0]


def _create_staging(target: FillTarget) -> None:
    with connection.cursor() as cursor:
        # Unlogged: no WAL for vectors that can be computed again; PostgreSQL empties it after a
        # crash (not after a clean restart), and the next run then encodes those texts again.
        cursor.execute(
            f"""
            CREATE UNLOGGED TABLE IF NOT EXISTS {target.staging_table} (
                text_hash text PRIMARY KEY,
                model text NOT NULL,
                embedding vector({EMBEDDING_DIMENSIONS}) NOT NULL
            )
            """
        )
        cursor.execute(f"DELETE FROM {target.staging_table} WHERE model <> %s", [target.key])


def _waiting_texts_sql(target: FillTarget, columns: str) -> str:
    return f"""
        SELECT {columns} FROM (
            SELECT DISTINCT ON (text_hash) text_hash, profile_text
              FROM (SELECT {text_hash_sql()} AS text_hash, profile_text
                      FROM customers_customer WHERE {target.waiting()}) AS waiting
        ) AS texts
        WHERE NOT EXISTS (
            SELECT 1 FROM {target.staging_table} AS s WHERE s.text_hash = texts.text_hash
        )
    """


def _waiting_texts_count(target: FillTarget) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_waiting_texts_sql(target, "count(*)"), status_params())
        return cursor.fetchone()[0]


def _stage(target: FillTarget, encoder: BulkEncoder, chunk: int):
    """Encode the waiting texts, shortest first, and COPY each chunk's vectors into the staging
    table from a second connection, committed; yield how many texts are staged so far."""
    writer = connections.create_connection("default")
    staged = 0
    try:
        writer.ensure_connection()
        from pgvector.psycopg import register_vector

        register_vector(writer.connection)
        key = target.key
        copy_sql = (
            f"COPY {target.staging_table} (text_hash, model, embedding) FROM STDIN WITH (FORMAT BINARY)"
        )
        # The reading side: a server-side cursor, in a transaction that only reads.
        with transaction.atomic(), connection.chunked_cursor() as reader:
            reader.execute(
                _waiting_texts_sql(target, "text_hash, profile_text") + " ORDER BY length(profile_text)",
                status_params(),
            )
            while rows := reader.fetchmany(chunk):
                vectors = encoder.encode([text for _, text in rows], dedupe=False)
                with (
                    writer.connection.transaction(),
                    writer.connection.cursor() as cursor,
                    cursor.copy(copy_sql) as copy,
                ):
                    copy.set_types(["text", "text", "vector"])
                    for (text_hash, _), vector in zip(rows, vectors, strict=True):
                        copy.write_row((text_hash, key, vector))
                staged += len(rows)
                yield staged
    except Exception as error:
        raise BulkEmbeddingInterrupted(
            f"Stopped after staging {staged:,} texts in this run ({error}). "
            "The staged vectors are kept: run the same command again to resume."
        ) from error
    finally:
        writer.close()


def _apply(target: FillTarget) -> tuple[int, float]:
    """Staged vectors onto the customers whose text they were made from, in one statement, with
    the slot's HNSW index out of the way (kept current row by row it costs seven times the
    update)."""
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {target.staging_table})")
        if not cursor.fetchone()[0]:
            return 0, 0.0
        cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(target.encoder.slot.index.name)}")
        cursor.execute(
            f"""
            UPDATE customers_customer AS c
               SET {slot_assignments(target.encoder, active=target.live, source="s")}
              FROM {target.staging_table} AS s
             WHERE {target.waiting(alias="c")}
               AND {text_hash_sql("c.profile_text")} = s.text_hash
            """,
            status_params(label=target.encoder.label, at=timezone.now()),
        )
        return cursor.rowcount, time.monotonic() - started
