"""`cadenza bio read FILE [--json]`: the facts a biography states, with their evidence."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.ingest.biography.reading import LISTS, BiographyError, read_biography


def read_text(name: str) -> str:
    """The file's text (`-` is standard input), or a clear error naming the file."""
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise CommandError(f"{name}: cannot be read: {error.strerror}") from error
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{name}: not UTF-8 text (byte {error.start}): expected a plain-text biography"
        ) from error


class Command(BaseCommand):
    help = "Read an English biography: every fact it states, with its evidence."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print the documented JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        text = read_text(name)
        try:
            facts = read_biography(text)
        except BiographyError as error:
            raise CommandError(f"{name}: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2))
            return
        person = facts["person"]
        self.stdout.write(
            f"{person['name'] or '(no name found)'}: {', '.join(person['instruments'])}"
        )
        if person["birth_place"] or person["birth_year"]:
            born = " ".join(str(p) for p in (person["birth_place"], person["birth_year"]) if p)
            self.stdout.write(f"  born: {born}")
        for kind in LISTS:
            for fact in facts[kind]:
                shown = {
                    k: v for k, v in fact.items() if k not in {"evidence", "confidence", "order"}
                }
                values = ", ".join(f"{k}={v}" for k, v in shown.items() if v is not None)
                evidence = text[fact["evidence"]["start"] : fact["evidence"]["end"]]
                self.stdout.write(f"  {kind:11} {values}  «{evidence}» ({fact['confidence']:.2f})")
        if facts["retired_or_died"]:
            ending = facts["retired_or_died"]
            self.stdout.write(f"  {ending['kind']}: {ending['year'] or 'year not stated'}")
