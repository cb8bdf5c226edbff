from django.core.management.base import BaseCommand, CommandError

from customers import encoder_operations
from customers.bulk_embedding import BulkEmbeddingInterrupted
from customers.encoder_switch import EncoderSwitchError, PromotionRefused, promote_encoder
from customers.models import EncoderOperationStatus


class Command(BaseCommand):
    help = (
        "Switch searches to another registered encoder version (blue/green). The whole book is "
        "embedded with it into the standby vector slot while searches keep using the active one, "
        "the slot's HNSW index is built once, and the evaluation gate compares both versions on the "
        "dev questions; then the switch is made in one transaction and the champion alias moves. "
        "Promoting the previous version while its vectors are kept switches back at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("version", help="A registered version number, or an alias (e.g. challenger).")
        parser.add_argument("--reason", default="", help="Why (kept in the audit log).")
        parser.add_argument(
            "--force", action="store_true", help="Switch even if the gate refuses (needs --reason)."
        )
        parser.add_argument("--actor", default="", help="Who promotes; the OS user by default.")
        parser.add_argument("--workers", type=int, default=None, help="Tokenizer processes (0: none).")
        parser.add_argument(
            "--operation", type=int, default=None, help="The admin's request this runs (progress kept there)."
        )

    def handle(self, *args, version, reason, force, actor, workers, operation, **options):
        import getpass

        def progress(done: int, total: int, seconds: float) -> None:
            if operation is not None:
                encoder_operations.record_progress(operation_id=operation, done=done, total=total)
            rate = done / seconds if seconds > 0 else 0.0
            eta = (total - done) / rate if rate else 0.0
            self.stdout.write(
                f"  embedded {done:,}/{total:,} texts into the standby slot ({rate:,.0f}/s, ETA {eta:,.0f}s)",
                ending="\r",
            )
            self.stdout.flush()

        try:
            report = promote_encoder(
                version=version,
                reason=reason,
                force=force,
                actor=actor or getpass.getuser(),
                workers=workers,
                progress=progress,
            )
        except (EncoderSwitchError, BulkEmbeddingInterrupted) as error:
            if operation is not None:
                refused = isinstance(error, PromotionRefused)
                encoder_operations.finish(
                    operation_id=operation,
                    status=EncoderOperationStatus.REFUSED if refused else EncoderOperationStatus.FAILED,
                    message=str(error),
                    gate=error.gate.figures() if refused else None,
                )
            raise CommandError(str(error)) from error
        if report.action == "unchanged":
            unchanged = f"Version {report.version} is already active (slot {report.slot}): nothing to do."
            self._succeeded(operation, unchanged)
            self.stdout.write(unchanged)
            return
        if report.fill is not None:
            fill = report.fill
            self.stdout.write(
                f"\nEmbedded {fill.customers_embedded:,} customers into slot {report.slot} "
                f"({fill.texts_encoded:,} texts encoded in {fill.encode_seconds:.1f}s"
                + (f", resumed with {fill.resumed_with:,} staged" if fill.resumed_with else "")
                + f"); HNSW index built in {report.index_seconds:.1f}s."
            )
        if report.gate is not None:
            self.stdout.write(report.gate.describe())
        verb = "Rolled back" if report.action == "rollback" else "Promoted"
        forced = " (gate overridden: --force)" if report.forced else ""
        queued = f"; {report.to_embed:,} customers edited since are queued" if report.to_embed else ""
        switched = (
            f"{verb} to version {report.version} (slot {report.slot}, was version "
            f"{report.previous_version}){forced}{queued}."
        )
        gate = report.gate
        self._succeeded(
            operation,
            switched + (f" {gate.describe()}" if gate is not None else ""),
            gate=gate.figures() if gate is not None else None,
        )
        self.stdout.write(self.style.SUCCESS(switched))

    def _succeeded(self, operation: int | None, message: str, gate: dict | None = None) -> None:
        if operation is not None:
            encoder_operations.finish(
                operation_id=operation, status=EncoderOperationStatus.SUCCEEDED, message=message, gate=gate
            )
