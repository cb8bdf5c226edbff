"""A real Celery worker process, on the real Redis broker, embedding into the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction

from bankcrm.celery import app as celery_app
from bankcrm.celery import broker_is_reachable
from customers import services
from customers.models import EMBEDDING_DIMENSIONS, Customer
from tests.conftest import TEST_QUEUE
from tests.factories import CustomerFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"] or "localhost", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker():
    assert broker_is_reachable(), "Redis must be running for the worker tests (bin/test starts it)"
    celery_app.conf.task_always_eager = False
    queue = TEST_QUEUE
    name = f"{queue}@localhost"
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
    log = (ROOT / ".data" / "test-worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "bankcrm",
            "worker",
            "--pool",
            "solo",
            "-Q",
            queue,
            "-n",
            name,
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(), "CELERY_QUEUE": queue},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[name], timeout=1):
            assert process.poll() is None, f"worker exited; see {log.name}"
            assert time.monotonic() < deadline, "worker did not come up in 60s"
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        celery_app.conf.task_always_eager = True


def wait_for_status(ids, status, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Customer.objects.filter(pk__in=ids, embedding_status=status).count() == len(ids):
            return
        time.sleep(0.5)
    statuses = list(Customer.objects.filter(pk__in=ids).values_list("embedding_status", flat=True))
    pytest.fail(f"customers still {statuses} after {timeout}s")


def test_creating_customers_queues_them_after_commit_and_the_worker_embeds_them(worker):
    with transaction.atomic():
        created = [CustomerFactory(notes=f"Plans to open a bakery, note {i}.") for i in range(3)]
        # Nothing is sent before the transaction commits.
        assert celery_app.connection_for_write().default_channel.client.llen(TEST_QUEUE) == 0
    ids = [c.pk for c in created]
    wait_for_status(ids, "ready")
    assert all(len(c.embedding) == EMBEDDING_DIMENSIONS for c in Customer.objects.filter(pk__in=ids))


def test_an_edited_customer_is_embedded_again_by_the_worker(worker):
    customer = CustomerFactory(notes="Saving for a first home.")
    wait_for_status([customer.pk], "ready")
    before = list(Customer.objects.get(pk=customer.pk).embedding)

    services.customer_update(customer=customer, data={"notes": "Bought the home; now wants to invest."})
    wait_for_status([customer.pk], "ready")
    assert list(Customer.objects.get(pk=customer.pk).embedding) != before
