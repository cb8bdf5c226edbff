"""Real parts for the fault-injection suite: a Redis, Celery workers and web servers of the
suite's own, so that stopping or killing them never touches what other tests (or other people on
this machine) use. The shared Redis on 6379 and the test database's PostgreSQL are never stopped.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.customers.test_worker import ROOT, database_url

LOGS = ROOT / ".data" / "faults"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, timeout: float, what: str, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"{what}: not within {timeout}s"
        time.sleep(every)
    return result


class RedisServer:
    """A ``redis-server`` on a free port, no persistence: stopping it loses what it held."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=10, what="redis-server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def answers(self) -> bool:
        try:
            return self.client().ping()
        except (redis.RedisError, OSError):
            return False

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_connect_timeout=1)


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def app_env(**overrides: str) -> dict[str, str]:
    """The environment of a process of the app run against the test database."""
    return {**os.environ, "DATABASE_URL": database_url(), **overrides}


class Process:
    """A process of the app with its log in .data/faults/, stopped at the end of the test."""

    def __init__(self, name: str, args: list[str], env: dict[str, str]) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        self.log_path = LOGS / f"{name}.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, pattern: str, *, timeout: float) -> re.Match:
        def found():
            assert self.process.poll() is None or re.search(pattern, self.log()), (
                f"{self.log_path.name} exited: {self.log()[-2000:]}"
            )
            return re.search(pattern, self.log())

        return wait_until(found, timeout=timeout, what=f"{pattern!r} in {self.log_path}")

    def kill(self) -> None:
        """``kill -9``: no cleanup, no acknowledgement, nothing handed back."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


@contextmanager
def processes():
    started: list[Process] = []

    def start(name: str, args: list[str], env: dict[str, str]) -> Process:
        started.append(Process(name, args, env))
        return started[-1]

    try:
        yield start
    finally:
        for process in reversed(started):
            process.stop()


@pytest.fixture
def app_processes():
    with processes() as start:
        yield start


def start_worker(start, name: str, *, env: dict[str, str], beat: bool = False) -> Process:
    """A Celery worker (solo pool, as the worker tests) on ``env``'s broker and queue; with
    ``beat``, Celery beat runs inside it and sends the sweep."""
    args = [sys.executable, "-m", "celery", "-A", "bankcrm", "worker", "--pool", "solo", "--loglevel", "INFO"]
    args += ["-Q", env["CELERY_QUEUE"], "-n", f"{name}@localhost"]
    if beat:
        args += ["--beat", "--schedule", str(LOGS / f"{name}-beat-schedule")]
    worker = start(name, args, env)
    worker.wait_for_log(r"ready\.", timeout=90)
    return worker


def start_web(start, name: str, *, env: dict[str, str]) -> str:
    """The app under gunicorn, one sync worker: one thread, so its database connection persists
    between requests as in production (CONN_MAX_AGE 60). Returns its base URL."""
    port = free_port()
    args = [sys.executable, "-m", "gunicorn", "bankcrm.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
    args += ["--timeout", "120", "--access-logfile", "-"]
    start(name, args, env)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: http(base, "GET", "/login/")[0] == 200, timeout=90, what="gunicorn", every=0.5)
    return base


def http(base: str, method: str, path: str, *, token: str = "", body: bytes | None = None):
    """(status, body) of one request; a refused connection is status 0."""
    request = urllib.request.Request(base + path, data=body, method=method)  # noqa: S310 (our own server)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError):
        return 0, b""


@pytest.fixture
def embedding_writes(transactional_db):
    """How many times each customer's vector was written, counted by PostgreSQL itself (a trigger
    on ``embedded_at``, which every write of a vector sets), whichever process wrote it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE TABLE fault_embedding_writes (customer_id bigint NOT NULL);
            CREATE FUNCTION fault_embedding_written() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN INSERT INTO fault_embedding_writes VALUES (NEW.id); RETURN NEW; END $$;
            CREATE TRIGGER fault_embedding_written AFTER UPDATE OF embedded_at ON customers_customer
              FOR EACH ROW WHEN (NEW.embedded_at IS DISTINCT FROM OLD.embedded_at)
              EXECUTE FUNCTION fault_embedding_written();
            """
        )

    def counts(ids) -> dict[int, int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT customer_id, count(*) FROM fault_embedding_writes"
                " WHERE customer_id = ANY(%s) GROUP BY customer_id",
                [list(ids)],
            )
            written = dict(cursor.fetchall())
        return {pk: written.get(pk, 0) for pk in ids}

    yield counts
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER fault_embedding_written ON customers_customer;"
            " DROP FUNCTION fault_embedding_written(); DROP TABLE fault_embedding_writes;"
        )


def task_results(log: str, task: str) -> list[str]:
    """What each run of ``task`` returned, as the worker logged it."""
    return re.findall(rf"Task customers\.tasks\.{task}\[[^\]]+\] succeeded in [\d.]+s: (.*)", log)
