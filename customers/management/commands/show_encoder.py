import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from customers import encoder_registry
from customers.encoder_registry import EncoderRegistryError


class Command(BaseCommand):
    help = "Show a registered encoder version (the champion by default): its tags, parameters and metrics."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--version")
        which.add_argument("--alias")

    def handle(self, *args, version, alias, **options):
        try:
            found = encoder_registry.resolve_version(version=version, alias=alias)
        except EncoderRegistryError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps({**asdict(found), "uri": found.uri}, indent=2))
