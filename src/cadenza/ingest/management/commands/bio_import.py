"""`cadenza bio import FILE`: a trusted biography into the record, without review."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.ingest.biography.importer import biography_import
from cadenza.ingest.biography.reading import BiographyError
from cadenza.ingest.management.commands.bio_read import read_text


class Command(BaseCommand):
    help = "Import a trusted English biography into the record (every fact cited by its span)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
        parser.add_argument("--title", default="", help="the source's title (default: its subject)")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        text = read_text(name)
        try:
            outcome = biography_import(text=text, title=options["title"])
        except BiographyError as error:
            raise CommandError(f"{name}: {error}. Nothing was imported.") from error
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(outcome.facts.items()))
        self.stdout.write(f"{outcome.person.name} (id {outcome.person.pk}): {counts or 'no facts'}")
        if outcome.linked:
            self.stdout.write(f"Found in the record: {', '.join(dict.fromkeys(outcome.linked))}")
        if outcome.created:
            self.stdout.write(f"New to the record: {', '.join(dict.fromkeys(outcome.created))}")
