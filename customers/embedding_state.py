"""A customer's embedding as one state machine, for every path that embeds: the Celery tasks,
``manage.py embed_customers`` and the bulk pipeline (``bulk_embedding.fill_slot``).

``embedding_status`` follows the active vector slot::

    pending --stored--> ready --text edited--> stale --stored--> ready
    ready --re-embedding asked--> stale
    pending | stale --batch fails for good--> failed --stored--> ready

A slot's vector is current when it was made from the customer's present profile text: each slot
records the sha256 of the text it embedded (``text_hash``, in Python; ``text_hash_sql``, its
PostgreSQL twin). The statuses are ``EmbeddingStatus``'s, passed to SQL as parameters
(``status_params``), never written into it.
"""

import hashlib
import logging
from collections.abc import Sequence
from contextlib import contextmanager

import numpy as np
from django.db import connection
from django.utils import timezone

from customers.choices import EmbeddingStatus
from customers.encoder_deployment import Slot, SlotEncoder, current_deployment
from customers.models import Customer

logger = logging.getLogger(__name__)

NEEDS_EMBEDDING = (EmbeddingStatus.PENDING, EmbeddingStatus.STALE, EmbeddingStatus.FAILED)
IN_PROGRESS = (EmbeddingStatus.PENDING, EmbeddingStatus.STALE)  # a batch is (or should be) queued


def text_hash(text: str) -> str:
    """sha256 hex of the UTF-8 profile text: what a slot records of the text it embedded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_hash_sql(column: str = "profile_text") -> str:
    """``text_hash`` in PostgreSQL, of ``column``."""
    return f"encode(sha256(convert_to({column}, 'UTF8')), 'hex')"


def status_params(**extra) -> dict:
    """Named parameters ``%(pending)s``, ``%(ready)s``, ``%(stale)s``, ``%(failed)s`` (and
    ``extra``) for the SQL of this module and its callers."""
    return {status.value: status.value for status in EmbeddingStatus} | extra


def vector_is_current(
    *, text: str, stored_hash: str | None, active: bool, status: str = "", version=None, expected_version=None
) -> bool:
    """Whether a slot needs no vector for ``text``: it embedded this very text and, in the active
    slot, the customer is ``ready`` (a re-embedding request keeps the hash but asks again); in a
    slot being filled, by the version that fills it."""
    if stored_hash != text_hash(text):
        return False
    return status == EmbeddingStatus.READY if active else version == expected_version


def waiting_sql(target: SlotEncoder, *, active: bool, alias: str = "") -> str:
    """The SQL twin of ``not vector_is_current`` for ``target``'s slot, over the customer table
    (as ``alias``); it takes ``status_params``."""
    prefix = f"{alias}." if alias else ""
    if active:
        return f"{prefix}embedding_status <> %(ready)s"
    slot = target.slot
    return (
        f"({prefix}{slot.version} IS DISTINCT FROM {int(target.version)}"
        f" OR {prefix}{slot.text_hash} IS DISTINCT FROM {text_hash_sql(prefix + 'profile_text')})"
    )


def sync_embedding_status(
    *, customer_ids: Sequence[int] | None = None, slot: Slot | None = None
) -> list[int]:
    """Text edited (or new): mark customers whose profile text differs from what the active slot
    embedded; return their ids. Never embedded becomes ``pending``, embedded from an older text
    becomes ``stale`` (the old vector serves searches until replaced)."""
    slot = slot or current_deployment().active.slot
    where = "" if customer_ids is None else "AND id = ANY(%(ids)s)"
    with connection.cursor() as cursor:
        # Only rows whose status changes are written: a bulk insert's new rows are already
        # pending, and rewriting them would cost a second copy of every row and index entry.
        cursor.execute(
            f"""
            WITH needing AS (
                SELECT id, CASE WHEN {slot.vector} IS NULL THEN %(pending)s ELSE %(stale)s END AS status
                  FROM customers_customer
                 WHERE {slot.text_hash} IS DISTINCT FROM {text_hash_sql()}
                   {where}
            ), marked AS (
                UPDATE customers_customer AS c
                   SET embedding_status = needing.status
                  FROM needing
                 WHERE c.id = needing.id AND c.embedding_status <> needing.status
            )
            SELECT id FROM needing
            """,
            status_params(ids=None if customer_ids is None else list(customer_ids)),
        )
        return sorted(row[0] for row in cursor.fetchall())


def resync_embedding_status(*, slot: Slot) -> list[int]:
    """After a switch: ``slot``'s status for everyone. Customers whose vector there matches their
    text become ``ready``, the others ``pending`` or ``stale`` (their ids are returned, to embed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE customers_customer SET embedding_status = %(ready)s
             WHERE embedding_status <> %(ready)s AND {slot.vector} IS NOT NULL
               AND {slot.text_hash} = {text_hash_sql()}
            """,
            status_params(),
        )
    return sync_embedding_status(slot=slot)


def request_reembedding(*, customer_ids: Sequence[int] | None = None) -> list[int]:
    """Embed again even where the text is unchanged (e.g. after a model change); return the ids.

    ``ready`` customers become ``stale`` (their old vectors still serve searches meanwhile), so
    that the idempotent embedding does the work and progress shows in the status column.
    """
    queryset = (
        Customer.objects.all() if customer_ids is None else Customer.objects.filter(id__in=customer_ids)
    )
    queryset.filter(embedding_status=EmbeddingStatus.READY).update(embedding_status=EmbeddingStatus.STALE)
    return list(queryset.order_by("id").values_list("id", flat=True))


def slot_assignments(target: SlotEncoder, *, active: bool, source: str) -> str:
    """``SET`` items writing ``source``'s ``embedding``, ``text_hash`` and the version into the
    target's slot; in the active slot the customer becomes ``ready``. Parameters: ``%(label)s``
    (slot a also records the encoder's name in ``embedding_model``), ``%(at)s`` and
    ``status_params``."""
    slot = target.slot
    items = [
        f"{slot.vector} = {source}.embedding",
        f"{slot.text_hash} = {source}.text_hash",
        f"{slot.version} = {int(target.version) if target.version is not None else 'NULL'}",
    ]
    if slot.name == "a":
        items.append("embedding_model = %(label)s")
    if active:
        items += ["embedding_status = %(ready)s", "embedded_at = %(at)s"]
    return ",\n                   ".join(items)


def store_embeddings(
    *, target: SlotEncoder, active: bool, ids: list[int], hashes: list[str], vectors: Sequence[np.ndarray]
) -> list[int]:
    """Stored: ``vectors`` (made from the texts of ``hashes``) into ``target``'s slot; return the
    ids written. A customer edited while its batch was being encoded is skipped: that edit
    queued a batch of its own. The vectors travel in pgvector's binary form."""
    with vector_cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE customers_customer AS c
               SET {slot_assignments(target, active=active, source="v")}
              FROM unnest(%(ids)s::bigint[], %(hashes)s::text[], %(vectors)b::vector[])
                   AS v(id, text_hash, embedding)
             WHERE c.id = v.id AND {text_hash_sql("c.profile_text")} = v.text_hash
            RETURNING c.id
            """,
            status_params(
                label=target.label, at=timezone.now(), ids=ids, hashes=hashes, vectors=list(vectors)
            ),
            prepare=False,  # nothing left prepared on the server, for a transaction pooler's sake
        )
        return [row[0] for row in cursor.fetchall()]


def mark_embedding_failed(*, customer_ids: Sequence[int]) -> int:
    """Failed for good: the customers not ``ready`` become ``failed``, so that they show in
    admin and ``embed_customers --stale`` sends them again."""
    return (
        Customer.objects.filter(id__in=customer_ids)
        .exclude(embedding_status=EmbeddingStatus.READY)
        .update(embedding_status=EmbeddingStatus.FAILED)
    )


def batch_failed(*, customer_ids: Sequence[int], error: BaseException, batch: str = "") -> int:
    """A batch that will not be tried again (the task after its retries, the command at once):
    its customers marked ``failed`` and the error logged; return how many were marked."""
    failed = mark_embedding_failed(customer_ids=customer_ids)
    logger.error(
        "Embedding batch %s failed for good (%d customers marked failed): %r",
        batch or f"from id {min(customer_ids, default=None)}",
        failed,
        error,
    )
    return failed


@contextmanager
def vector_cursor():
    """A cursor on Django's connection (its transaction) that binds parameters on the server, so
    that vectors go as pgvector's binary values (``%(name)b``) and not as text of floats."""
    import psycopg
    from pgvector.psycopg import register_vector

    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors:
        if raw.adapters.types.get("vector") is None:
            register_vector(raw)
        with psycopg.Cursor(raw) as cursor:
            yield cursor
