"""Hostile input against the whole API, generated from its own OpenAPI schema by schemathesis.

At least 1,000 requests (valid and invalid) from an authenticated service token: none may answer
5xx, and every response must match what the schema says (status code, content type, body).
"""

import json
import re

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.openapi import from_wsgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bankcrm.api import PrincipalRateThrottle
from bankcrm.wsgi import application
from customers import services
from customers.access import issue_service_token
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db(transaction=False)

EXAMPLES_PER_OPERATION_AND_MODE = 75
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def in_test_transaction():
    """Keep the test's database connection open across the WSGI calls, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token_key(db, monkeypatch, in_test_transaction):
    monkeypatch.setattr(PrincipalRateThrottle, "THROTTLE_RATES", {"user": None, "token": None, "anon": None})
    customers = [CustomerFactory(notes="Saving for a house.") for _ in range(3)]
    services.embed_customers(customer_ids=[c.pk for c in customers])
    _, key = issue_service_token(
        name="schemathesis", scopes=["customers:read", "customers:write", "search", "customers:pii"]
    )
    return key


def test_no_generated_request_breaks_the_api_or_its_schema(token_key):
    schema = from_wsgi("/api/schema/?format=json", application)
    headers = {"Authorization": f"Bearer {token_key}"}
    sent = {"requests": 0, "by_status": {}}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES_PER_OPERATION_AND_MODE,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def send(case):
                response = case.call(headers=headers)
                sent["requests"] += 1
                sent["by_status"][response.status_code] = sent["by_status"].get(response.status_code, 0) + 1
                case.validate_response(response, checks=CHECKS, headers=headers)

            send()

    assert sent["requests"] >= 1000, sent
    assert not any(status >= 500 for status in sent["by_status"]), sent


def test_every_operation_with_a_json_body_refuses_an_unknown_key(api_client):
    """A future endpoint cannot forget it: each JSON body in the schema is tried with a typo."""
    customer = CustomerFactory()
    paths = api_client.get("/api/schema/?format=json").json()["paths"]
    tried = []
    for path, operations in paths.items():
        for method, operation in operations.items():
            if "application/json" not in operation.get("requestBody", {}).get("content", {}):
                continue
            url = re.sub(r"\{[^}]+\}", str(customer.pk), path)
            response = api_client.generic(
                method.upper(), url, json.dumps({"zz_typo": 1}), content_type="application/json"
            )
            tried.append(f"{method.upper()} {path}")
            assert response.status_code == 400, (method, path, response.content[:300])
            assert response.json()["zz_typo"][0].startswith("Unknown field"), (method, path)
    assert {"POST /api/v1/search/", "POST /api/v1/customers/", "PATCH /api/v1/customers/{id}/"} <= set(tried)
