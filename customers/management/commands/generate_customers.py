from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

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

    def handle(self, *args, count, seed, start, as_of, rm, batch_size, no_embed, **options):
        if count < 0 or batch_size < 1:
            raise CommandError("--count must be >= 0 and --batch-size >= 1.")
        users = {u.username: u for u in get_user_model().objects.filter(username__in=rm)}
        missing = [name for name in rm if name not in users]
        if missing:
            raise CommandError(f"Unknown relationship manager(s): {', '.join(missing)}")
        managers = [users[name] for name in rm]
        batch, done, created = [], 0, 0
        for row in generate_customers(
            count, seed=seed, as_of=as_of, relationship_managers=managers, start=start
        ):
            batch.append(row)
            if len(batch) >= batch_size:
                created += services.customers_bulk_upsert(rows=batch, embed=not no_embed)[1]
                done += len(batch)
                batch = []
                self.stdout.write(f"  {done:,}/{count:,} customers", ending="\r")
                self.stdout.flush()
        if batch:
            created += services.customers_bulk_upsert(rows=batch, embed=not no_embed)[1]
            done += len(batch)
        self.stdout.write(
            self.style.SUCCESS(
                f"{done:,} customers generated (seed {seed}): {created:,} new, {done - created:,} updated."
            )
        )
