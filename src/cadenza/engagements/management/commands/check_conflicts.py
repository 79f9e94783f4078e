"""`cadenza check [--artist NAME] [--from DATE] [--to DATE]`: every conflict of the
season (conflicts.py), by artist in time order, each with its reason; exits 1 when there
is any. Named `check_conflicts` so that Django's own `check` (the system checks) stays."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cadenza.engagements.conflicts import problems
from cadenza.engagements.management.commands.engagements import artist_named
from cadenza.people.models import Agent


def day_given(option: str, text: str | None, default: date) -> date:
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a date: give it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "The conflicts of the season: overlaps, travel, rest, halls, rehearsals, radius."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--artist", help="an artist's name (or alias); all artists if none")
        parser.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (today)")
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (a year on)")

    def handle(self, *args: Any, **options: Any) -> None:
        start = day_given("--from", options["start"], timezone.localdate())
        end = day_given("--to", options["end"], start + timedelta(days=365))
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}.")
        artist = artist_named(options["artist"]) if options["artist"] is not None else None
        found = problems(start=start, end=end, artist_ids=[artist.pk] if artist else None)
        if not found:
            self.stdout.write("No conflicts.")
            return
        names = dict(
            Agent.objects.filter(pk__in={p.artist_id for p in found}).values_list("pk", "name")
        )
        for artist_id, theirs in groupby(found, key=lambda p: p.artist_id):
            self.stdout.write(names.get(artist_id, f"Artist {artist_id}"))
            for p in theirs:
                flag = " [hold]" if p.on_hold else ""
                self.stdout.write(f"  {p.at:%Y-%m-%d %H:%M %Z}  {p.kind}{flag}: {p.message}")
        self.stdout.write(f"{len(found)} conflict{'s' if len(found) != 1 else ''}.")
        self.stdout.flush()
        sys.exit(1)
