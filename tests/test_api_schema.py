"""Hostile input against the whole API, generated from its own OpenAPI schema by schemathesis.

Valid and invalid requests from an authenticated service token, and about half of them made
hostile: a lone surrogate or a NUL in a string or key of the body, JSON nested past the limit,
or a NUL in a query or path parameter. None may answer 5xx, and every response must match what
the schema says (status code, content type, body).
"""

import copy
import json
import re

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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

EXAMPLES_PER_OPERATION_AND_MODE = 140
MIN_REQUESTS = 2000
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
        name="schemathesis",
        scopes=["customers:read", "customers:write", "search", "customers:pii", "metrics"],
    )
    return key


BAD_TEXT = st.sampled_from(["\udfff", "a\ud800b", "\x00", "x\x00y", "TX\udfff\x00"])
NUL_TEXT = st.sampled_from(["\x00", "1\x00", "a\x00b"])


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


HOSTILE_VALUES = st.one_of(BAD_TEXT, st.integers(min_value=33, max_value=600).map(nested))


def _slots(value) -> list[tuple[object, object]]:
    """Every (container, key or index) in a JSON value, to put something hostile there."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += [(value, key), *_slots(item)]
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += [(value, index), *_slots(item)]
    return found


@st.composite
def made_hostile(draw, case) -> bool:
    """Put one hostile thing into about half the cases; say whether it did."""
    if not draw(st.booleans()):
        return False
    if isinstance(case.body, dict) and case.media_type != "application/json":
        # A form cannot carry a lone surrogate (UTF-8 has none) or nest: a NUL it can.
        case.body[draw(st.sampled_from(sorted(case.body) or ["notes"]))] = draw(NUL_TEXT)
        return True
    if isinstance(case.body, dict | list):
        slots = _slots(case.body)
        if isinstance(case.body, dict) and (not slots or draw(st.booleans())):
            container = draw(st.sampled_from([c for c, _ in slots if isinstance(c, dict)] or [case.body]))
            container[draw(BAD_TEXT)] = "x"
        elif slots:
            container, key = draw(st.sampled_from(slots))
            container[key] = draw(HOSTILE_VALUES)
        else:
            case.body.append(draw(HOSTILE_VALUES))
        return True
    if case.path_parameters and draw(st.booleans()):
        name = draw(st.sampled_from(sorted(case.path_parameters)))
        case.path_parameters = {**case.path_parameters, name: draw(NUL_TEXT)}
        return True
    query = dict(case.query or {})
    query[draw(st.sampled_from(sorted(query) or ["state"]))] = draw(NUL_TEXT)
    case.query = query
    return True


def test_no_generated_request_breaks_the_api_or_its_schema(token_key):
    schema = from_wsgi("/api/schema/?format=json", application)
    headers = {"Authorization": f"Bearer {token_key}"}
    sent = {"requests": 0, "hostile": 0, "hostile_400": 0, "by_status": {}}
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
            @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
            def send(case, data):
                pristine = copy.deepcopy(case.body)
                hostile = data.draw(made_hostile(case))
                response = case.call(headers=headers)
                # The body can be the schema's own example, shared by later cases: put it back as
                # it was, in place (assigning case.body makes schemathesis validate the hostile
                # body, which a lone surrogate cannot pass), so Hypothesis replays the same cases.
                if isinstance(case.body, dict):
                    case.body.clear()
                    case.body.update(pristine)
                elif isinstance(case.body, list):
                    case.body[:] = pristine
                sent["requests"] += 1
                sent["hostile"] += hostile
                sent["hostile_400"] += hostile and response.status_code == 400
                sent["by_status"][response.status_code] = sent["by_status"].get(response.status_code, 0) + 1
                case.validate_response(response, checks=CHECKS, headers=headers)

            send()

    print(sent)
    assert sent["requests"] >= MIN_REQUESTS, sent
    assert sent["hostile"] >= MIN_REQUESTS // 4 and sent["hostile_400"] >= sent["hostile"] // 2, sent
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
