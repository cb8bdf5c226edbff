import time

from django.core.management.base import BaseCommand, CommandError

from bankcrm.celery import broker_is_reachable, workers_online
from customers import embedding_state, services
from customers.choices import EmbeddingStatus
from customers.models import Customer


class Command(BaseCommand):
    help = (
        "Embed customers' profile texts. --stale sends those pending, stale or failed; --all "
        "embeds everyone again. Work goes to the Celery workers; with no reachable broker or no "
        "worker, it says so and runs here. --bulk runs the bulk pipeline here instead (distinct "
        "texts by length, the bulk encoder, binary COPY into a staging table, one update, the "
        "HNSW index built once; run it again to resume); --bulk-queue sends large batches to the "
        "embed-bulk queue's (GPU) workers."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--stale", action="store_true", help="Customers pending, stale or failed.")
        which.add_argument("--all", action="store_true", help="Every customer, even if up to date.")
        parser.add_argument("--batch-size", type=int, default=None, help="Ids per task.")
        how = parser.add_mutually_exclusive_group()
        how.add_argument("--bulk", action="store_true", help="The bulk pipeline, in this process.")
        how.add_argument("--bulk-queue", action="store_true", help="Large tasks on the embed-bulk queue.")
        parser.add_argument(
            "--workers", type=int, default=None, help="With --bulk: tokenizer processes (0: none)."
        )
        parser.add_argument("--wait", action="store_true", help="Wait for the workers and show progress.")
        parser.add_argument("--in-process", action="store_true", help="Embed here, not through Celery.")
        parser.add_argument("--timeout", type=int, default=3600, help="Seconds to wait with --wait.")
        parser.add_argument(
            "--worker-timeout",
            type=int,
            default=5,
            help="Seconds to wait for a worker to come up with --wait.",
        )

    def handle(self, *args, stale, all, batch_size, wait, in_process, timeout, worker_timeout, **options):
        if batch_size is None:
            batch_size = services.BULK_BATCH_SIZE if options["bulk_queue"] else services.EMBED_BATCH_SIZE
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["workers"] is not None and options["workers"] < 0:
            raise CommandError("--workers must be 0 or more.")
        if options["bulk"]:
            self._bulk(everyone=all, workers=options["workers"])
            return
        if all:
            ids = embedding_state.request_reembedding()
        else:
            ids = list(
                Customer.objects.filter(embedding_status__in=embedding_state.NEEDS_EMBEDDING)
                .order_by("id")
                .values_list("id", flat=True)
            )
        if not ids:
            self.stdout.write(self.style.SUCCESS("Every customer's embedding is up to date."))
            return
        if not in_process:
            if not broker_is_reachable():
                self.stdout.write(
                    self.style.WARNING(
                        "Redis (the Celery broker) is not reachable: embedding in this process."
                    )
                )
                in_process = True
            elif wait and not workers_online(within=worker_timeout):
                self.stdout.write(
                    self.style.WARNING("No Celery worker is running: embedding in this process.")
                )
                in_process = True
        if in_process:
            self._embed_here(ids, batch_size)
            return
        sent = services.enqueue_embedding(customer_ids=ids, batch_size=batch_size, bulk=options["bulk_queue"])
        self.stdout.write(f"Queued {len(ids):,} customers in {sent} batches.")
        if wait:
            self._wait(ids, timeout)

    def _bulk(self, *, everyone: bool, workers: int | None) -> None:
        from customers.bulk_embedding import BulkEmbeddingInterrupted, bulk_embed_customers
        from customers.services import BulkEmbeddingRunning

        def progress(done: int, total: int, seconds: float) -> None:
            rate = done / seconds if seconds > 0 else 0.0
            eta = (total - done) / rate if rate else 0.0
            self.stdout.write(
                f"  staged {done:,}/{total:,} texts ({rate:,.0f}/s, ETA {eta:,.0f}s)", ending="\r"
            )
            self.stdout.flush()

        try:
            report = bulk_embed_customers(everyone=everyone, workers=workers, progress=progress)
        except (BulkEmbeddingInterrupted, BulkEmbeddingRunning) as error:
            raise CommandError(str(error)) from error
        resumed = f", resumed with {report.resumed_with:,} already staged" if report.resumed_with else ""
        if not report.customers_embedded and not report.texts_total:
            self.stdout.write(self.style.SUCCESS("Every customer's embedding is up to date."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Embedded {report.customers_embedded:,} customers from {report.texts_total:,} distinct "
                f"texts{resumed}: encoded {report.texts_encoded:,} in {report.encode_seconds:.1f}s, "
                f"applied in {report.apply_seconds:.1f}s, HNSW index built in {report.index_seconds:.1f}s."
            )
        )

    def _embed_here(self, ids: list[int], batch_size: int) -> None:
        started, done, failed = time.monotonic(), 0, 0
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            try:
                services.embed_customers(customer_ids=batch)
            except Exception as error:  # what the task does after its last retry
                failed += embedding_state.batch_failed(customer_ids=batch, error=error)
                self.stderr.write(self.style.ERROR(f"Batch starting at id {batch[0]} failed: {error!r}"))
            done += len(batch)
            rate = done / max(time.monotonic() - started, 1e-9)
            self.stdout.write(f"  embedded {done:,}/{len(ids):,} ({rate:,.0f} customers/s)", ending="\r")
            self.stdout.flush()
        elapsed = time.monotonic() - started
        message = f"Embedded {len(ids) - failed:,} customers in {elapsed:.1f}s ({len(ids) / elapsed:,.0f}/s)."
        if failed:
            self.stdout.write(self.style.WARNING(f"{message} {failed:,} failed; see admin."))
        else:
            self.stdout.write(self.style.SUCCESS(message))

    def _wait(self, ids: list[int], timeout: int) -> None:
        started = time.monotonic()
        targets = Customer.objects.filter(id__in=ids)
        while True:
            remaining = targets.filter(embedding_status__in=embedding_state.IN_PROGRESS).count()
            done = len(ids) - remaining
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"  embedded {done:,}/{len(ids):,} ({done / max(elapsed, 1e-9):,.0f} customers/s)",
                ending="\r",
            )
            self.stdout.flush()
            if remaining == 0:
                break
            if elapsed > timeout:
                raise CommandError(f"Gave up after {timeout}s with {remaining:,} customers still waiting.")
            time.sleep(1)
        failed = targets.filter(embedding_status=EmbeddingStatus.FAILED).count()
        message = f"Embedded {len(ids) - failed:,} customers in {elapsed:.1f}s."
        if failed:
            self.stdout.write(self.style.WARNING(f"{message} {failed:,} failed; see admin."))
        else:
            self.stdout.write(self.style.SUCCESS(message))
