import base64
import json
import os
from collections.abc import Iterator

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


def task_arguments_in_broker(task_name: str, queue: str) -> Iterator[tuple[list, dict]]:
    """The arguments of every ``task_name`` message that Redis holds for ``queue``.

    That is each message waiting in the queue, and each one delivered to a worker but not yet
    acknowledged: running, held for a retry's countdown, or left by a worker that died, until the
    visibility timeout puts it back. What is here will run; what is not, never will.
    """
    with app.connection_for_write() as conn:
        channel = conn.default_channel
        client = channel.client
        raw = [
            message
            for priority in channel.priority_steps
            for message in client.lrange(channel._q_for_pri(queue, priority), 0, -1)
        ]
        for entry in client.hvals(channel.unacked_key):
            message, _exchange, routing_key = json.loads(entry)
            if routing_key == queue:
                raw.append(message)
    for message in raw:
        payload = json.loads(message) if isinstance(message, str | bytes) else message
        if payload.get("headers", {}).get("task") != task_name:
            continue
        body = payload["body"]
        if payload.get("properties", {}).get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args, kwargs, _embed = json.loads(body)  # Celery's message protocol 2, JSON
        yield args, kwargs
