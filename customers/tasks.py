"""Background work on customers. Tasks take ids, are idempotent, and only call services."""

import functools
import logging
from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings

from customers import embedding_state, services

BULK_QUEUE = "embed-bulk"  # routed by CELERY_TASK_ROUTES

logger = logging.getLogger(__name__)


class EmbedCustomersTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        customer_ids = kwargs.get("customer_ids", args[0] if args else [])
        embedding_state.batch_failed(customer_ids=customer_ids, error=exc, batch=task_id)


# Both embedding tasks: retried with backoff on transient errors, acknowledged once done (a
# worker that dies leaves its batch to come back after the visibility timeout).
EMBEDDING_TASK_OPTIONS = {
    "base": EmbedCustomersTask,
    "bind": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 3,
    "acks_late": True,
}


@shared_task(**EMBEDDING_TASK_OPTIONS)
def embed_customers_task(self, customer_ids: list[int]) -> dict:
    report = services.embed_customers(customer_ids=customer_ids)
    return {"embedded": report.embedded, "unchanged": report.unchanged, "encoded": report.texts_encoded}


@shared_task(ignore_result=True)
def sweep_embeddings_task() -> int:
    """Sent by Celery beat every EMBEDDING_SWEEP_INTERVAL seconds."""
    after = timedelta(seconds=settings.EMBEDDING_SWEEP_AFTER)
    return len(services.requeue_stranded_embeddings(older_than=after))


@functools.cache
def _bulk_encoder(backend: str):
    from customers.bulk_embedding import bulk_encoder

    return bulk_encoder(backend=backend)


@shared_task(**EMBEDDING_TASK_OPTIONS)
def embed_customers_bulk_task(self, customer_ids: list[int]) -> dict:
    """Thousands of ids, for workers on the ``embed-bulk`` queue (a GPU): the bulk encoder, kept
    loaded between tasks (one per encoder version's backend), instead of the per-change one."""
    from customers.encoder_deployment import current_deployment

    encoder = _bulk_encoder(current_deployment().active.backend)
    report = services.embed_customers(customer_ids=customer_ids, encode=encoder.encode)
    return {"embedded": report.embedded, "unchanged": report.unchanged, "encoded": report.texts_encoded}


@shared_task(acks_late=False, ignore_result=True)
def run_encoder_operation_task(operation_id: int) -> str:
    """A promotion, rollback or prune asked for in admin, on ``ENCODER_OPERATION_QUEUE``
    (``embed-bulk``): it embeds
    the whole book. Acknowledged on receipt: a promotion outlasts the broker's visibility timeout,
    and must not be handed to a second worker meanwhile (a lost one is marked failed when the next
    is asked for, and promoting again resumes its fill)."""
    from customers.encoder_operations import run_operation

    return run_operation(operation_id=operation_id)
