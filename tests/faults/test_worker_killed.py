"""A worker killed with ``kill -9`` in the middle of a batch: the batch is not lost, and nobody
is embedded twice."""

import ast
import subprocess
import sys
import time

import factory
import pytest

from customers import services
from customers.models import Customer
from tests.customers.test_worker import ROOT, wait_for_status
from tests.factories import CustomerFactory

from .conftest import app_env, start_worker, task_results

pytestmark = [pytest.mark.faults, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

VISIBILITY_TIMEOUT = 15  # seconds; production's default is 600 (CELERY_VISIBILITY_TIMEOUT)
BATCH = 32


def pending_customers(count: int) -> list[int]:
    notes = factory.Sequence("Asked about a boat loan, note {}.".format)
    rows = factory.build_batch(dict, count, FACTORY_CLASS=CustomerFactory, notes=notes)
    ids, _ = services.customers_bulk_upsert(rows=rows, embed=False)
    return ids


def test_a_batch_whose_worker_is_killed_is_embedded_by_the_next_worker_once(
    own_redis, app_processes, embedding_writes
):
    env = app_env(
        REDIS_URL=own_redis.url,
        CELERY_QUEUE="faults-kill",
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        EMBEDDING_SWEEP_INTERVAL="2",
        EMBEDDING_SWEEP_AFTER="0",
    )
    ids = pending_customers(2 * BATCH)
    first = start_worker(app_processes, "worker-killed", env=env)
    subprocess.run(
        [sys.executable, "manage.py", "embed_customers", "--stale", "--batch-size", str(BATCH)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )

    first.wait_for_log(r"embed_customers_task\[[^\]]+\] received", timeout=60)
    first.kill()
    killed_at = time.monotonic()
    assert Customer.objects.filter(pk__in=ids, embedding_status="pending").count() == len(ids)
    assert own_redis.client().hlen("unacked") == 1  # the killed batch, held for nobody

    # The next worker runs Celery beat too: the sweep every 2 s, for anything pending at all.
    second = start_worker(app_processes, "worker-next", env=env, beat=True)
    wait_for_status(ids, "ready", timeout=180)
    recovered_in = time.monotonic() - killed_at

    log = second.log()
    assert own_redis.client().hlen("unacked") == 0
    embedded = [ast.literal_eval(result) for result in task_results(log, "embed_customers_task")]
    sweeps = task_results(log, "sweep_embeddings_task")
    assert sweeps and set(sweeps) == {"0"}, "the sweep re-queued a batch that was still in the broker"
    assert sum(result["encoded"] for result in embedded) == len(ids)
    assert set(embedding_writes(ids).values()) == {1}
    # Visibility timeout, the restore check every 10 s, and two batches on a busy 2-core machine.
    assert recovered_in < VISIBILITY_TIMEOUT + 10 + 90, recovered_in
    print(f"\nall {len(ids)} customers ready {recovered_in:.1f}s after the kill")
