import multiprocessing
import os
import time
from contextlib import nullcontext
from datetime import date
from functools import partial

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from customers import services
from customers.generator import generate_customers


class Command(BaseCommand):
    help = "Generate believable synthetic customers (upserted on external_id, reproducible by seed)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--start", type=int, default=0, help="Index of the first customer.")
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="Reference date (default today)."
        )
        parser.add_argument(
            "--rm",
            action="append",
            default=[],
            help="Username of an RM to own customers (repeat; round-robin).",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--no-embed", action="store_true", help="Do not queue embedding.")
        parser.add_argument(
            "--defer-indexes",
            action="store_true",
            help="Drop the customer indexes during the load and build them after (a first load "
            "into a new book: faster, but searches meanwhile go without them).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="Processes drawing customers while this one writes them (1: draw here).",
        )

    def handle(
        self, *args, count, seed, start, as_of, rm, batch_size, no_embed, defer_indexes, workers, **options
    ):
        if count < 0 or batch_size < 1 or workers < 1:
            raise CommandError("--count must be >= 0, --batch-size and --workers >= 1.")
        users = {u.username: u for u in get_user_model().objects.filter(username__in=rm)}
        missing = [name for name in rm if name not in users]
        if missing:
            raise CommandError(f"Unknown relationship manager(s): {', '.join(missing)}")
        managers = [users[name] for name in rm]
        started, done, created = time.monotonic(), 0, 0
        with services.deferred_indexes() if defer_indexes else nullcontext() as index_build:
            for batch in self._batches(
                count, batch_size, workers, seed=seed, as_of=as_of, managers=managers, start=start
            ):
                created += services.customers_bulk_upsert(rows=batch, embed=not no_embed)[1]
                done += len(batch.values)
                rate = done / max(time.monotonic() - started, 1e-9)
                self.stdout.write(f"  {done:,}/{count:,} customers ({rate:,.0f}/s)", ending="\r")
                self.stdout.flush()
            loaded = time.monotonic() - started
            if index_build is not None:
                self.stdout.write(f"\n  loaded in {loaded:.1f}s; building the indexes again")
        message = (
            f"{done:,} customers generated (seed {seed}): {created:,} new, {done - created:,} updated "
            f"in {time.monotonic() - started:.1f}s"
        )
        if index_build is not None:
            message += f" (indexes: {sum(index_build.seconds.values()):.1f}s)"
        self.stdout.write(self.style.SUCCESS(message + "."))

    @staticmethod
    def _batches(count, batch_size, workers, **draw):
        """Batches of rows in index order; with workers > 1 they are drawn in other processes."""
        starts = range(draw["start"], draw["start"] + count, batch_size)
        sizes = [min(batch_size, draw["start"] + count - first) for first in starts]
        job = partial(_draw_batch, seed=draw["seed"], as_of=draw["as_of"], managers=draw["managers"])
        if workers <= 1 or len(sizes) <= 1 or connection.in_atomic_block:  # a caller's transaction stays
            yield from map(job, starts, sizes)
            return
        connection.close()  # the children must not share this process's database connection
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(
                _star_draw, [(job, first, size) for first, size in zip(starts, sizes, strict=True)]
            )


def _draw_batch(start: int, size: int, *, seed: int, as_of, managers) -> services.StagedCustomers:
    return services.stage_customers(
        generate_customers(size, seed=seed, as_of=as_of, relationship_managers=managers, start=start)
    )


def _star_draw(args):
    job, first, size = args
    return job(first, size)
