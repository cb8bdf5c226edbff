from django.core.management.base import BaseCommand, CommandError

from customers.encoder_inventory import sync_encoder_versions
from customers.encoder_registry import EncoderRegistryError


class Command(BaseCommand):
    help = (
        "Refresh the app's copy of the encoder registry (what the Encoder versions admin page shows): "
        "every registered version's tags, aliases and metrics. register_encoder and promote_encoder "
        "refresh it themselves; run this after changing the registry by other means (the MLflow UI)."
    )

    def handle(self, *args, **options):
        try:
            rows = sync_encoder_versions()
        except EncoderRegistryError as error:
            raise CommandError(str(error)) from error
        shown = ", ".join(
            f"{row.version}" + (f" ({', '.join(row.aliases)})" if row.aliases else "") for row in rows
        )
        self.stdout.write(f"{len(rows)} encoder versions: {shown or 'none registered'}.")
