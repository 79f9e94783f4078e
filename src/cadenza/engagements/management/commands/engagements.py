"""`cadenza engagements list [--artist NAME] [--state S]`: every engagement, as the
server's operator sees them (all of them, fees included)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.engagements.models import Engagement, Hold, State
from cadenza.engagements.money import format_money
from cadenza.engagements.selectors import artists_engaged, engagements_all
from cadenza.people.models import Agent
from cadenza.people.selectors import agents_named

HEADINGS = ("id", "artist", "presenter", "dates", "state", "guarantee")


def artist_named(name: str) -> Agent:
    """The artist with engagements who is called `name` (aliases and accents as the record
    allows, or a part of the name: "Kalmurzaev"), or an error naming them and the artists
    there are."""
    booked = list(artists_engaged())
    found = [agent for agent in agents_named(name=name, partly=True) if agent in booked]
    choices = "; ".join(a.name for a in booked) or "none yet"
    if not found:
        raise CommandError(f"No artist named {name!r} has engagements. Artists: {choices}.")
    if len(found) > 1:
        listed = "; ".join(f"{a.name} (id {a.pk})" for a in found)
        raise CommandError(f"{len(found)} artists are named {name!r}: {listed}.")
    return found[0]


def dates_of(engagement: Engagement) -> str:
    """The performances' days; before there are any, the days held."""
    days = [f"{p.date:%Y-%m-%d}" for p in engagement.performances.all()]
    held = [h for h in engagement.holds.all() if h.status == Hold.Status.ACTIVE]
    days = days or [f"{h.date:%Y-%m-%d} (held)" if h.date else "to be agreed (held)" for h in held]
    return ", ".join(days) or "—"


def guarantee_of(engagement: Engagement) -> str:
    deal = getattr(engagement, "deal", None)
    return format_money(deal.guarantee, deal.currency) if deal is not None else "—"


def table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADINGS))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


class Command(BaseCommand):
    help = "list: the engagements, by artist and state when given, with their guarantees."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list"], help="what to do with the engagements")
        parser.add_argument("--artist", help="an artist's name (or alias)")
        parser.add_argument("--state", help=f"one of: {', '.join(State.values)}")

    def handle(self, *args: Any, **options: Any) -> None:
        state = options["state"]
        if state is not None and state not in State.values:
            raise CommandError(f"Unknown state {state!r}: choose one of {', '.join(State.values)}.")
        artist = artist_named(options["artist"]) if options["artist"] is not None else None
        found = list(engagements_all(artist=artist, state=state))
        if not found:
            self.stdout.write("No engagements.")
            return
        rows = [HEADINGS] + [
            (
                str(e.pk),
                e.artist.name,
                e.presenter.name,
                dates_of(e),
                e.state,
                guarantee_of(e),
            )
            for e in found
        ]
        for line in table(rows):
            self.stdout.write(line)
