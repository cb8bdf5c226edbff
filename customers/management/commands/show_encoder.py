import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from customers import encoder_registry
from customers.encoder_registry import EncoderRegistryError


class Command(BaseCommand):
    help = "Show a registered encoder version (the champion by default): its tags, parameters and metrics."

    def add_arguments(self, parser):
        parser.add_argument("number", nargs="?", help="A version number.")
        parser.add_argument("--alias", help="An alias instead, e.g. champion (the default).")

    def handle(self, *args, number, alias, **options):
        if number is not None and alias is not None:
            raise CommandError("Name a version number or an --alias, not both.")
        try:
            found = encoder_registry.resolve_version(version=number, alias=alias)
        except EncoderRegistryError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps({**asdict(found), "uri": found.uri}, indent=2))
