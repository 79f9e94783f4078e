"""The day sheet: one artist's day as touring staff print it (and `day_sheet_pdf.py`
writes as a PDF): the day's calls, performances, journeys and hotel on the local clock,
the venue's address and contact, the concert dress, the programme with the time each work
starts (from the works' lengths and the interval), and the notes for those allowed.

Built on `calendar.entries`, so it shows what the calendar shows to the same user; never
a fee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch

from cadenza.accounts.selectors import agents_managed_by, agents_private_to, user_sees_everything
from cadenza.engagements.access import sights_for
from cadenza.engagements.calendar import Entry, entries
from cadenza.engagements.calendar_models import HotelStay
from cadenza.engagements.models import Engagement, ProgrammeEntry
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.selectors import PARENT_CHAIN, place_label, place_timezone
from cadenza.repertoire.selectors import shown_title


@dataclass(frozen=True)
class Line:
    """A line of the programme with the time it starts, when the concert's time is known
    and the works before it have a length."""

    title: str
    starts: datetime | None
    minutes: int | None
    interval: bool = False


@dataclass(frozen=True)
class Booked:
    """An engagement as the day sheet shows it: where, who to ask, what to wear and play."""

    engagement: Engagement
    venue: str
    address: str
    zone: str
    # Each concert of the day (its start, None when not yet fixed) with its timed programme.
    concerts: list[tuple[datetime | None, list[Line]]]
    notes: str  # empty unless the user may read the management's notes


@dataclass(frozen=True)
class DaySheet:
    artist: Agent
    day: date
    schedule: list[Entry]
    booked: list[Booked]
    legs: list[Entry]
    hotels: list[Any]
    notes: list[str]  # the notes of calls and journeys, for those allowed


def timed_programme(entries: list[ProgrammeEntry], start: datetime | None) -> list[Line]:
    """Each line's start counted from the concert's (None once a work's length is unknown)."""
    at, lines = start, []
    for entry in entries:
        work = entry.work
        length = entry.interval if work is None else work.duration
        title = "Interval" if work is None else shown_title(work)
        minutes = round(length.total_seconds() / 60) if length else None
        lines.append(Line(title, at, minutes, interval=work is None))
        at = at + length if at is not None and length else None
    return lines


def _address(place: Place | None) -> str:
    parts, city = [], None
    if place is not None:
        parts = [p.address for p in (place, place.parent) if p is not None and p.address][:1]
        city = place.parent
        while city is not None and city.kind != Place.Kind.CITY:
            city = city.parent
    return ", ".join([*parts, *([city.name] if city is not None else [])])


def day_sheet(*, user: Any, artist: Agent, day: date) -> DaySheet | None:
    """The day of one artist, or None when `user` may see nothing of it (a 404)."""
    found = entries(user=user, artist_ids=[artist.pk], start=day, end=day)
    found = [e for e in found if day in e.days]
    ids = {e.engagement_id for e in found if e.engagement_id is not None}
    private = (
        user_sees_everything(user=user)
        or agents_private_to(user=user).filter(pk=artist.pk).exists()
    )
    if not ids and not private:
        return None
    rows = list(
        Engagement.objects.filter(pk__in=ids)
        .select_related("presenter", "contact", f"venue__{PARENT_CHAIN}")
        .prefetch_related(
            "performances",
            Prefetch(
                "programme",
                queryset=ProgrammeEntry.objects.select_related("work").prefetch_related(
                    "work__catalogue_numbers"
                ),
            ),
        )
        .order_by("pk")
    )
    sights = sights_for(user=user, engagements=rows)
    booked = []
    for row in rows:
        zone = place_timezone(row.venue) or settings.TIME_ZONE
        concerts = [
            p.starts_at.astimezone(ZoneInfo(zone)) if p.starts_at else None
            for p in row.performances.all()
            if p.date == day
        ]
        programme = list(row.programme.all())
        booked.append(
            Booked(
                engagement=row,
                venue=place_label(row.venue),
                address=_address(row.venue),
                zone=zone,
                concerts=[(at, timed_programme(programme, at)) for at in concerts or [None]],
                notes=row.notes if sights[row.pk].notes else "",
            )
        )
    stays = HotelStay.objects.filter(artist=artist, check_in__lte=day, check_out__gt=day)
    hotels = [h for h in stays if private or h.engagement_id in ids]
    manages = private and agents_managed_by(user=user).filter(pk=artist.pk).exists()

    def notes_seen(entry: Entry) -> bool:
        # A journey booked for an engagement follows its sight; the artist's own, the managers'.
        owner = entry.engagement_id or getattr(entry.record, "engagement_id", None)
        return sights[owner].notes if owner in sights else manages

    notes = [
        f"{e.label}: {e.record.notes}"
        for e in found
        if getattr(e.record, "notes", "") and notes_seen(e)
    ]
    legs = [e for e in found if e.kind == "travel"]
    schedule = [e for e in found if e.kind != "travel"]
    return DaySheet(artist, day, schedule, booked, legs, hotels, notes)
