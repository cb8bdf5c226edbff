"""Hardening a bank would check: lockout, passwords, idle sessions, CSRF, headers, throttling,
request limits and a production configuration that `check --deploy` finds nothing wrong with."""

import ast
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from bankcrm.api import PrincipalRateThrottle
from customers.access import issue_service_token

pytestmark = pytest.mark.django_db


def login(client, password):
    return client.post("/login/", {"username": "rm_test", "password": password})


def test_repeated_failures_lock_the_account_even_against_the_right_password(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    response = login(client, "wrong")
    assert response.status_code == 429 or response.status_code == 403
    response = login(client, "x-Strong-Pass-42")
    assert response.status_code in (403, 429)
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "x-Strong-Pass-42").status_code == 302
    client.post("/logout/")
    assert login(client, "wrong").status_code == 200


@pytest.mark.parametrize("password", ["password", "12345678", "short", "rm_test123"])
def test_weak_passwords_are_refused(user, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


def test_an_idle_session_expires(client, user):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    login(client, "x-Strong-Pass-42")
    assert client.get("/search/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/search/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_csrf_is_enforced_on_the_login_form_and_session_api_calls(user):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/login/", {"username": "rm_test", "password": "x"}).status_code == 403
    browser.force_login(user)
    response = browser.post("/api/v1/search/", {"query": "x"}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_pages_send_a_strict_content_security_policy_and_deny_framing(client, user):
    client.force_login(user)
    response = client.get("/search/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    docs = client.get("/api/docs/").content.decode()
    assert "<script>" not in docs.replace(" ", "")  # Swagger UI's script is served, not inline


def test_callers_are_throttled_per_user_and_per_token(monkeypatch, user, api_client):
    monkeypatch.setattr(
        PrincipalRateThrottle, "THROTTLE_RATES", {"user": "3/min", "token": "2/min", "anon": "1/min"}
    )
    from django.core.cache import cache

    cache.clear()
    codes = [api_client.get("/api/v1/customers/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert int(api_client.get("/api/v1/customers/")["Retry-After"]) > 0
    _, key = issue_service_token(name="etl", scopes=["customers:read"])
    token = APIClient()
    token.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert [token.get("/api/v1/customers/").status_code for _ in range(3)] == [200, 200, 429]


def test_oversized_requests_are_refused(api_client):
    body = '{"query": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = api_client.post("/api/v1/search/", body, content_type="application/json")
    assert response.status_code in (400, 413)


def test_a_page_size_over_the_cap_is_refused_naming_it(api_client):
    """No one pages the whole book at once: over 100 a page is a 400, not a quiet cut to 100."""
    response = api_client.get("/api/v1/customers/", {"page_size": 1000})
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]
    assert len(api_client.get("/api/v1/customers/", {"page_size": 100}).json()["results"]) <= 100


def test_the_schema_documents_the_error_responses(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    search = schema["paths"]["/api/v1/search/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "413", "415", "429"} <= set(search)
    detail = schema["paths"]["/api/v1/customers/{id}/"]["get"]["responses"]
    assert {"200", "401", "403", "404", "429"} <= set(detail)


def test_production_settings_pass_check_deploy_without_a_warning():
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": "p" * 20 + "-Zq8#x!Lr2$w9^Tn5&Vb7*Hm3@Kc6(Yd4)Fg1_Js0+Qe",
        "ALLOWED_HOSTS": "crm.bank.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_nul_in_the_user_agent_is_refused_before_sign_in_and_is_no_way_around_the_lockout(client, user):
    def login_as_brute(password):
        return client.post(
            "/login/", {"username": "rm_test", "password": password}, HTTP_USER_AGENT="brute\x00force"
        )

    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        response = login_as_brute("wrong")
        assert response.status_code == 400
        assert response.json() == {"headers": {"User-Agent": ["Null characters are not allowed."]}}
    refused = login_as_brute("x-Strong-Pass-42")
    assert refused.status_code == 400 and "_auth_user_id" not in client.session  # nothing said about it
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong")
    assert login(client, "x-Strong-Pass-42").status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_no_response_is_built_from_text_without_naming_its_content_type():
    """Django's ``HttpResponse*`` default to text/html: text quoting a request (an error naming a
    parameter, say) would be markup. Every such response in the app says what it is."""
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for package in ["bankcrm", "customers", "search"]:
        for path in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
                if re.fullmatch(r"HttpResponse\w*", name) and "content_type" not in {
                    k.arg for k in node.keywords
                }:
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    assert offenders == []
