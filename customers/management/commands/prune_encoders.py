from django.core.management.base import BaseCommand, CommandError

from customers.encoder_switch import EncoderSwitchError, prune_encoders


class Command(BaseCommand):
    help = (
        "Drop the standby vector slot (the previous encoder version's vectors) and its HNSW index. "
        "Switching back to that version then needs a full promote_encoder again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reason", default="", help="Why (kept in the audit log).")
        parser.add_argument("--actor", default="", help="Who prunes; the OS user by default.")

    def handle(self, *args, reason, actor, **options):
        import getpass

        try:
            report = prune_encoders(actor=actor or getpass.getuser(), reason=reason)
        except EncoderSwitchError as error:
            raise CommandError(str(error)) from error
        if report is None:
            self.stdout.write("The standby slot holds no vectors: nothing to prune.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Pruned version {report.version}'s vectors from slot {report.slot} "
                f"({report.customers:,} customers) and dropped its HNSW index."
            )
        )
