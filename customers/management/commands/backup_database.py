from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bankcrm.backups import BackupError, Database, backup_database, default_backup_path


class Command(BaseCommand):
    help = (
        "Dump the whole database (every schema: customers, vectors, audit log, users, the model "
        "registry) into FILE with pg_dump's custom format; default .data/backups/bankcrm-<UTC "
        "time>.dump. The file appears only once the dump is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="Where to write the backup.")

    def handle(self, *args, file, **options):
        try:
            backup = backup_database(
                database=Database.from_django(connection.settings_dict),
                path=file or default_backup_path(settings.BACKUP_DIR),
            )
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from error
        size = f"{backup.size_bytes / 2**20:,.1f} MiB"
        self.stdout.write(
            self.style.SUCCESS(f"Backed up to {backup.path} ({size} in {backup.seconds:.1f} s).")
        )
