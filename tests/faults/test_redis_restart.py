"""Redis stopped while customers are created, then started again: nothing is refused, nothing
is lost. The suite's own Redis is stopped, never the shared one."""

import json
import time

import pytest

from customers.access import issue_service_token
from customers.models import Customer, TokenScope
from tests.customers.test_worker import wait_for_status
from tests.factories import default_manager

from .conftest import app_env, http, start_web, start_worker, task_results

pytestmark = [pytest.mark.faults, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SWEEP_INTERVAL, SWEEP_AFTER = 2, 3  # seconds; production's defaults are 60 and 120


def new_customer(n: int, manager: str) -> bytes:
    return json.dumps(
        {
            "external_id": f"REDIS-DOWN-{n}",
            "first_name": "Robin",
            "last_name": f"Outage{n}",
            "email": f"robin{n}@example.com",
            "phone": "(512) 555-0100",
            "date_of_birth": "1984-02-03",
            "city": "Austin",
            "state": "TX",
            "occupation": "Nurse",
            "employment_status": "employed",
            "annual_income": "91000",
            "investable_assets": "40000",
            "credit_score": 731,
            "risk_tolerance": "moderate",
            "dependents": 1,
            "customer_since": "2015-06-01",
            "preferred_channel": "phone",
            "products": ["checking"],
            "interests": ["saving"],
            "notes": f"Called during the outage, note {n}.",
            "relationship_manager": manager,
        }
    ).encode()


def test_customers_created_while_redis_is_down_are_saved_and_embedded_once_it_is_back(
    own_redis, app_processes, embedding_writes
):
    _, key = issue_service_token(
        name="faults-redis", scopes=[TokenScope.READ_CUSTOMERS, TokenScope.WRITE_CUSTOMERS]
    )
    manager = default_manager().username
    env = app_env(
        REDIS_URL=own_redis.url,
        CELERY_QUEUE="faults-redis",
        EMBEDDING_SWEEP_INTERVAL=str(SWEEP_INTERVAL),
        EMBEDDING_SWEEP_AFTER=str(SWEEP_AFTER),
    )
    worker = start_worker(app_processes, "worker-redis", env=env, beat=True)
    web = start_web(app_processes, "web-redis", env=env)

    status, body = http(web, "POST", "/api/v1/customers/", token=key, body=new_customer(0, manager))
    assert status == 201, body
    wait_for_status([json.loads(body)["id"]], "ready", timeout=120)

    own_redis.stop()
    created, slowest = [], 0.0
    for n in range(1, 4):
        started = time.monotonic()
        status, body = http(web, "POST", "/api/v1/customers/", token=key, body=new_customer(n, manager))
        slowest = max(slowest, time.monotonic() - started)
        assert status == 201, body
        created.append(json.loads(body)["id"])
    assert slowest < 10, f"a create took {slowest:.1f}s with Redis down"
    assert set(Customer.objects.filter(pk__in=created).values_list("embedding_status", flat=True)) == {
        "pending"
    }

    own_redis.start()
    back_at = time.monotonic()
    wait_for_status(created, "ready", timeout=120)
    recovered_in = time.monotonic() - back_at

    assert set(embedding_writes(created).values()) == {1}
    assert sum(map(int, task_results(worker.log(), "sweep_embeddings_task"))) == len(created)
    print(
        f"\ncreates with Redis down: slowest {slowest:.2f}s; embedded {recovered_in:.1f}s after it was back"
    )
