"""`cadenza calendar export "ARTIST NAME" [--audience artist|manager|public] [--fees]`:
the artist's calendar feed (RFC 5545) on standard output, the same as its secret address
gives."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.engagements.calendar_models import Feed
from cadenza.engagements.feeds import calendar_ics
from cadenza.people.selectors import agent_names_like, agents_named


class Command(BaseCommand):
    help = "export: an artist's calendar as an .ics feed on standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export"], help="what to do with the calendar")
        parser.add_argument("artist", help="the artist's name (or alias)")
        parser.add_argument(
            "--audience",
            choices=Feed.Audience.values,
            default=Feed.Audience.MANAGER,
            help="whose feed: the artist's, the management's (the default) or the public's",
        )
        parser.add_argument(
            "--fees", action="store_true", help="show fees (artist and manager feeds only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["artist"]
        found = agents_named(name=name, partly=True)
        if not found:
            like = agent_names_like(name=name)
            hint = f" Did you mean: {'; '.join(like)}?" if like else ""
            raise CommandError(f"No artist named {name!r} in the record.{hint}")
        if len(found) > 1:
            listed = "; ".join(f"{a.name} (id {a.pk})" for a in found)
            raise CommandError(f"{len(found)} artists are named {name!r}: {listed}.")
        if options["fees"] and options["audience"] == Feed.Audience.PUBLIC:
            raise CommandError("A public feed never shows fees: leave out --fees.")
        data = calendar_ics(
            artist=found[0], audience=options["audience"], include_fees=options["fees"]
        )
        self.stdout.write(data.decode(), ending="")
