import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from customers.importer import import_customers_csv


class Command(BaseCommand):
    help = (
        "Import customers from a CSV whose columns are the domain fields (products and interests "
        "separated by ';'). Valid rows are upserted on external_id; each bad row is reported with "
        "its line number. Exits 1 if any row failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--no-embed", action="store_true", help="Do not queue embedding.")

    def handle(self, *args, file: Path, no_embed: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            with file.open(newline="", encoding="utf-8-sig") as stream:
                report = import_customers_csv(stream, embed=not no_embed)
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text: {error}") from error
        for error in report.errors:
            self.stderr.write(str(error))
        summary = f"{report.created} created, {report.updated} updated, {report.failed} failed."
        if report.failed:
            self.stderr.write(self.style.ERROR(summary))
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(summary))
