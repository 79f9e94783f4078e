"""`cadenza import nyphil PATH...` (also `cadenza manage import_nyphil PATH...`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.ingest.nyphil.importer import ImportFailed, import_nyphil
from cadenza.ingest.nyphil.reader import FileError

if TYPE_CHECKING:
    from tqdm import tqdm

STAGES = {
    "read": "Reading files",
    "names": "Resolving names, works, venues",
    "concerts": "Writing concerts",
    "programmes": "Writing programmes",
}


class Command(BaseCommand):
    help = "Import the New York Philharmonic performance history (JSON files or folders)."
    # Django's system checks (URLs, admin, templates) concern serving, not loading.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="JSON files or folders of them")
        parser.add_argument(
            "--strict", action="store_true", help="stop at the first problem (nothing is written)"
        )
        parser.add_argument(
            "--recheck",
            action="store_true",
            help="read files even when unchanged since the last import, comparing every programme",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if options["no_progress"]:
                return
            bar = bars.get(stage)
            if bar is None:
                from tqdm import tqdm  # only with a bar to show: its import is start-up time

                bar = bars[stage] = tqdm(
                    total=total, desc=STAGES.get(stage, stage), unit="", file=self.stderr._out
                )
            # A first import writes each file as it is read: the totals grow as it reads.
            if total != bar.total:
                bar.total = total
            bar.update(done - bar.n)

        try:
            summary = import_nyphil(
                options["paths"],
                strict=options["strict"],
                recheck=options["recheck"],
                progress=progress,
            )
        except (FileError, ImportFailed) as error:
            raise CommandError(f"{error}\nNothing was imported.") from error
        except KeyboardInterrupt:
            raise CommandError("Interrupted: nothing was imported.") from None
        finally:
            for bar in bars.values():
                bar.close()
        for line in summary.lines():
            self.stdout.write(line)
        if not summary.changed_anything:
            self.stdout.write("Nothing changed: every programme was already imported as it is.")
