import json

from django.core.management.base import BaseCommand, CommandError

from customers import encoder_registry
from customers.encoder_registry import EncoderRegistryError


class Command(BaseCommand):
    help = (
        "Register the packaged encoder as a new version of bankcrm-profile-encoder in the MLflow "
        "registry, with its weights' sha256, dimension, profile-text recipe, evaluation on the current "
        "book and embedding rate. --initial registers it as the champion only when the registry holds "
        "no version yet (what bin/run does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--variant", choices=encoder_registry.VARIANTS, default="torch")
        parser.add_argument(
            "--alias", help="Point this alias (e.g. champion, challenger) at the new version."
        )
        parser.add_argument("--reason", default="", help="Why this version is registered (kept with it).")
        parser.add_argument("--actor", help="Who registers it; the OS user by default.")
        parser.add_argument(
            "--initial", action="store_true", help="Only when the registry is empty: the champion, version 1."
        )

    def handle(self, *args, variant, alias, reason, actor, initial, **options):
        try:
            if initial:
                registered = encoder_registry.ensure_champion(actor=actor)
                if registered is None:
                    self.stdout.write(
                        f"{encoder_registry.REGISTERED_MODEL} already has versions: {self._champion()}"
                    )
                    return
            else:
                registered = encoder_registry.register_encoder(
                    variant=variant, alias=alias, reason=reason, actor=actor
                )
        except EncoderRegistryError as error:
            raise CommandError(str(error)) from error
        aliases = f" ({', '.join(registered.aliases)})" if registered.aliases else ""
        self.stdout.write(
            f"Registered {registered.name} version {registered.version}{aliases}: {registered.uri}"
        )
        if options["verbosity"] > 1:
            self.stdout.write(json.dumps({"tags": registered.tags, "metrics": registered.metrics}, indent=2))

    def _champion(self) -> str:
        try:
            return f"version {encoder_registry.resolve_version().version} is the champion."
        except EncoderRegistryError as error:
            return str(error)
