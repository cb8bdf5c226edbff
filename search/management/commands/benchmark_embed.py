import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings

from customers import services
from customers.bulk_embedding import HNSW_INDEX, bulk_embed_customers, bulk_encoder
from customers.bulk_encoding import markdown_table
from customers.encoders import backend_class
from customers.models import Customer


class Command(BaseCommand):
    help = (
        "Re-embedding the book: today's task path against the bulk path, on the same generated "
        "book in the same run. Stages alone (read, tokenize, encode), then end to end from texts "
        "in PostgreSQL to vectors stored, the HNSW build reported apart. Empties the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
        parser.add_argument(
            "--bulk-backend",
            choices=["torch", "onnx", "onnx-int8"],
            default=None,
            help="The bulk path's backend (default: onnx-int8 on cpu, torch on cuda).",
        )
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--markdown", type=Path)

    def handle(self, *args, count, device, bulk_backend, seed, markdown, **options):
        if count < 1:
            raise CommandError("count must be at least 1.")
        bulk_backend = bulk_backend or ("torch" if device == "cuda" else "onnx-int8")
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE customers_customer RESTART IDENTITY CASCADE")
        self._say(f"generating {count:,} customers")
        call_command("generate_customers", count=count, seed=seed, no_embed=True, verbosity=0)
        ids = list(Customer.objects.order_by("id").values_list("id", flat=True))
        rows = [("customers / distinct profile texts", f"{count:,} / {self._distinct():,}")]

        with override_settings(EMBEDDING_DEVICE=device):
            self._say("today's task path: batches of 256, encode, UPDATE with the HNSW index in place")
            started = time.monotonic()
            for first in range(0, len(ids), services.EMBED_BATCH_SIZE):
                services.embed_customers(customer_ids=ids[first : first + services.EMBED_BATCH_SIZE])
            task_rate = count / (time.monotonic() - started)

            rows.append(
                (
                    f"task path ({backend_class().variant}, {device}, one worker's loop), customers/s",
                    f"{task_rate:,.0f} ({count / task_rate:.1f}s)",
                )
            )

            with override_settings(EMBEDDING_BACKEND=bulk_backend):
                encoder = bulk_encoder()
                try:
                    rows.extend(self._stages(encoder))
                    self._say("bulk path: staged, applied, index built")
                    report = bulk_embed_customers(everyone=True, encoder=encoder)
                finally:
                    encoder.close()
        end_to_end = report.encode_seconds + report.apply_seconds
        bulk_rate = count / end_to_end
        rows += [
            ("bulk path backend", encoder.backend),
            (
                "bulk: texts in PostgreSQL to vectors staged (read, tokenize, encode, binary COPY), texts/s",
                f"{report.texts_total / report.encode_seconds:,.0f} ({report.encode_seconds:.1f}s)",
            ),
            ("bulk: one UPDATE from staging, HNSW index dropped, s", f"{report.apply_seconds:.1f}"),
            (
                "bulk end to end without the index build, customers/s",
                f"{bulk_rate:,.0f} ({end_to_end:.1f}s) = {bulk_rate / task_rate:.1f}x the task path",
            ),
            (f"HNSW build (parallel), {HNSW_INDEX.name}, s", f"{report.index_seconds:.1f}"),
            (
                "bulk end to end with the index build, customers/s",
                f"{count / (end_to_end + report.index_seconds):,.0f}",
            ),
        ]
        table = markdown_table(rows)
        self.stdout.write(table)
        if markdown:
            markdown.write_text(table + "\n")

    def _stages(self, encoder) -> list[tuple[str, str]]:
        self._say("stages alone")
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT profile_text FROM (SELECT DISTINCT profile_text FROM customers_customer) t "
                "ORDER BY length(profile_text)"
            )
            texts = [row[0] for row in cursor.fetchall()]
        read = time.monotonic() - started
        batches = encoder.plan(texts)
        started = time.monotonic()
        tokenized = list(encoder.tokenize(texts, batches))
        tokenize = time.monotonic() - started
        started = time.monotonic()
        for ids in tokenized:
            encoder.run_batch(ids)
        forward = time.monotonic() - started
        n = len(texts)
        return [
            ("read distinct texts by length, texts/s", f"{n / read:,.0f} ({read:.1f}s)"),
            (
                f"tokenize alone ({encoder.workers} processes), texts/s",
                f"{n / tokenize:,.0f} ({tokenize:.1f}s)",
            ),
            ("forward alone (pre-tokenized), texts/s", f"{n / forward:,.0f} ({forward:.1f}s)"),
        ]

    def _distinct(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT profile_text) FROM customers_customer")
            return cursor.fetchone()[0]

    def _say(self, message: str) -> None:
        self.stderr.write(f"... {message}")
