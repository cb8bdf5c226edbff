import os

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from bankcrm.celery import app as celery_app
from tests.factories import user_in_role

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
    """A relationship manager whose book holds every customer the factory makes by default.

    Without the PII permission, so that masking shows (the real RM group grants it).
    """
    from django.contrib.auth.models import Permission

    user = user_in_role("rm_test", "Relationship managers")
    user.groups.clear()
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="customers",
            codename__in=["view_customer", "add_customer", "change_customer", "delete_customer"],
        )
    )
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def pii_user(db):
    """A compliance officer: sees every customer, PII unmasked, changes nothing."""
    return user_in_role("compliance_test", "Compliance officers")


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
