import os

# Test tasks travel on a queue of their own so that a developer's running worker never takes them.
os.environ["CELERY_QUEUE"] = f"bankcrm-test-{os.getpid()}"

import pytest  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from bankcrm.celery import app as celery_app  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_in_process():
    """By default tasks run eagerly; tests/customers/test_worker.py uses a real worker."""
    celery_app.conf.task_always_eager = True
    yield


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user(username="rm_test", password="x-Strong-Pass-42")


@pytest.fixture
def pii_user(db):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username="rm_pii", password="x-Strong-Pass-42")
    user.user_permissions.add(Permission.objects.get(codename="view_customer_pii"))
    return user


@pytest.fixture
def api_client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def anonymous_client():
    return APIClient()
