import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bankcrm.settings")

app = Celery("bankcrm")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def broker_is_reachable(timeout: float = 1.0) -> bool:
    """Whether Redis answers at the broker URL (the broker is Redis by design)."""
    import redis
    from django.conf import settings

    try:
        return bool(redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=timeout).ping())
    except (redis.RedisError, OSError, ValueError):
        return False


def workers_online(within: float = 2.0) -> bool:
    """Whether a worker answers a ping within ``within`` seconds (it may still be starting)."""
    import time

    deadline = time.monotonic() + within
    while True:
        if app.control.ping(timeout=1.0):
            return True
        if time.monotonic() >= deadline:
            return False
