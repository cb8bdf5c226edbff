import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from customers.models import Customer

pytestmark = pytest.mark.django_db


def test_setup_demo_creates_users_and_customers_and_is_safe_to_run_twice(tmp_path, monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("DEMO_RM_PASSWORD", "rm-Demo-Pass-2026")
    credentials = tmp_path / "demo.json"
    call_command("setup_demo", customers=30, credentials_file=credentials)
    first = json.loads(credentials.read_text())
    call_command("setup_demo", customers=30, credentials_file=credentials)

    assert Customer.objects.count() == 30
    owners = set(Customer.objects.values_list("relationship_manager__username", flat=True))
    assert owners == {"rm_alice", "rm_bob"}
    assert json.loads(credentials.read_text())["admin"] == first["admin"]
    login = RequestFactory().post("/login/")
    admin = authenticate(login, username="admin", password=first["admin"])
    assert admin is not None and admin.is_superuser
    rm = authenticate(login, username="rm_alice", password="rm-Demo-Pass-2026")
    assert rm is not None and rm.has_perm("customers.view_customer_pii") and not rm.is_staff
