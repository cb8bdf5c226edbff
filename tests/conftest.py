import os

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from bankcrm.celery import app as celery_app

TEST_QUEUE = f"bankcrm-test-{os.getpid()}"


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_in_process():
    """Tasks run eagerly unless a test starts a real worker (tests/customers/test_worker.py).

    Whatever is published goes to a queue of this run's own, so that a developer's running
    worker never takes a test's task.
    """
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_default_queue = TEST_QUEUE
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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No persistent connections in tests: the live server's threads must not hold the test DB."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
