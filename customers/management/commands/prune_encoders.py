from django.core.management.base import BaseCommand, CommandError

from customers import encoder_operations
from customers.encoder_switch import EncoderSwitchError, prune_encoders
from customers.models import EncoderOperationStatus


class Command(BaseCommand):
    help = (
        "Drop the standby vector slot (the previous encoder version's vectors) and its HNSW index. "
        "Switching back to that version then needs a full promote_encoder again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reason", default="", help="Why (kept in the audit log).")
        parser.add_argument("--actor", default="", help="Who prunes; the OS user by default.")
        parser.add_argument("--operation", type=int, default=None, help="The admin's request this runs.")

    def handle(self, *args, reason, actor, operation, **options):
        import getpass

        try:
            report = prune_encoders(actor=actor or getpass.getuser(), reason=reason)
        except EncoderSwitchError as error:
            self._finish(operation, EncoderOperationStatus.FAILED, str(error))
            raise CommandError(str(error)) from error
        if report is None:
            message = "The standby slot holds no vectors: nothing to prune."
            self._finish(operation, EncoderOperationStatus.SUCCEEDED, message)
            self.stdout.write(message)
            return
        message = (
            f"Pruned version {report.version}'s vectors from slot {report.slot} "
            f"({report.customers:,} customers) and dropped its HNSW index."
        )
        self._finish(operation, EncoderOperationStatus.SUCCEEDED, message)
        self.stdout.write(self.style.SUCCESS(message))

    def _finish(self, operation: int | None, status: str, message: str) -> None:
        if operation is not None:
            encoder_operations.finish(operation_id=operation, status=status, message=message)
