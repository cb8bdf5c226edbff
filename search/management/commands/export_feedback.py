import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.judgments import feedback_queries


class Command(BaseCommand):
    help = (
        "Write the RMs' thumbs up and down as a query file in the shared/eval format (one entry per "
        "question with a result marked useful), for evaluate_search and the encoder's evaluation."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        entries = feedback_queries()
        try:
            file.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
        except OSError as error:
            raise CommandError(f"{file}: {error}") from error
        judged = sum(len(e["relevant"]["any"][0]["value"]) for e in entries)
        self.stdout.write(f"Wrote {len(entries)} questions ({judged} results marked useful) to {file}.")
