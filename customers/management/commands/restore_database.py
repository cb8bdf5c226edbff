from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from bankcrm.backups import BackupError, Database, restore_database, restore_embedded


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_database into an empty database: the embedded one in "
        ".data/pg, or DATABASE_URL's. A database that holds anything is refused; --force moves "
        "it aside first (the embedded data folder to .data/pg.before-restore-<time>, a "
        "DATABASE_URL database to <name>_before_restore_<time>), never deleting it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument("--force", action="store_true", help="Move a database that holds data aside.")
        parser.add_argument("--jobs", type=int, default=None, help="pg_restore's parallel jobs.")

    def handle(self, *args, file, force, jobs, **options):
        if jobs is not None and jobs < 1:
            raise CommandError("--jobs must be at least 1.")
        database = Database.from_django(connections["default"].settings_dict)
        connections.close_all()
        try:
            if settings.EMBEDDED_POSTGRES:
                restore = restore_embedded(
                    source=file,
                    data_dir=settings.EMBEDDED_POSTGRES_DIR,
                    database_name=database.name,
                    server_settings=settings.EMBEDDED_POSTGRES_SETTINGS,
                    force=force,
                    jobs=jobs,
                    index_memory=settings.INDEX_BUILD_MEMORY,
                )
            else:
                restore = restore_database(
                    source=file,
                    database=database,
                    force=force,
                    jobs=jobs,
                    index_memory=settings.INDEX_BUILD_MEMORY,
                )
        except BackupError as error:
            raise CommandError(f"Restore failed: {error}") from error
        if restore.moved_aside:
            self.stdout.write(f"The previous database was moved aside to {restore.moved_aside}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {file} into the {restore.database.describe()} in {restore.seconds:.1f} s."
            )
        )
