"""The schedule of an engagement: its rehearsals and other calls, its performances' times,
the artist's travel legs and hotel stays, and the concert dress.

Every time is aware (stored in UTC) and belongs to a place whose IANA zone says how its
clocks read it: a rehearsal the venue's (or its own hall's), a journey's departure its
origin's and its arrival its destination's. A place without a zone, a naive time, an end
before its start, a leg arriving before it departs (compared as instants, whatever the
clocks say) or a rehearsal after the engagement's last performance is refused with an
`Invalid` naming the field and what was expected; nothing is half-saved.

A change that concerns an engagement locks it, checks the caller's version and is logged
as a detail (`changes.py`); a journey or a stay of no engagement is the artist's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from cadenza.engagements.changes import locked, log
from cadenza.engagements.errors import Invalid
from cadenza.engagements.local_times import local_text, zone_at
from cadenza.engagements.models import (
    Change,
    Engagement,
    HotelStay,
    Performance,
    ScheduleItem,
    TravelLeg,
)
from cadenza.folding import clean_name
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.selectors import PARENT_CHAIN, place_timezone

# The longest text each field keeps (the models' max_length).
LIMITS = {
    "title": 200,
    "approximate": 100,
    "carrier": 100,
    "reference": 100,
    "name": 200,
    "address": 300,
    "dress": 200,
}


def _aware(moment: datetime | None, *, field: str, what: str) -> None:
    if moment is not None and timezone.is_naive(moment):
        raise Invalid(f"The {what} needs its time zone (an aware time).", field=field)


def _text(value: str, *, field: str, what: str, required: bool = False) -> str:
    value = clean_name(value)
    if required and not value:
        raise Invalid(f"Give the {what}.", field=field)
    if len(value) > LIMITS[field]:
        raise Invalid(
            f"The {what} has {len(value)} characters; at most {LIMITS[field]}.", field=field
        )
    return value


def _choice(value: str, choices: Any, *, field: str, what: str) -> str:
    if value not in choices.values:
        known = ", ".join(choices.values)
        raise Invalid(f"Unknown {what} {value!r}: one of {known} was expected.", field=field)
    return value


def _ends_after(starts: datetime | None, ends: datetime | None, zone: ZoneInfo) -> None:
    if ends is None:
        return
    if starts is None:
        raise Invalid("An end time needs a start time.", field="ends_at")
    if ends <= starts:
        raise Invalid(
            f"It ends {local_text(ends, zone)}, not after it starts "
            f"{local_text(starts, zone)}: an end after the start was expected.",
            field="ends_at",
        )


def _engagement_of(
    engagement: Engagement | None, artist: Agent, version: int | None
) -> Engagement | None:
    if engagement is None:
        return None
    row = locked(engagement=engagement, version=version)
    if row.artist_id != artist.pk:
        raise Invalid(f"“{row}” is {row.artist}'s engagement, not {artist}'s.", field="engagement")
    return row


def _log(engagement: Engagement | None, by: Any, *, to_value: str, from_value: str = "") -> None:
    if engagement is not None:
        log(
            engagement=engagement,
            kind=Change.Kind.DETAILS,
            by=by,
            from_value=from_value,
            to_value=to_value,
        )


def _last_performance(engagement: Engagement) -> Performance | None:
    performances = list(engagement.performances.all())
    far = datetime.max.replace(tzinfo=UTC)
    return max(performances, key=lambda p: (p.date, p.starts_at or far), default=None)


def _before_last_performance(
    row: Engagement, kind: str, day: date, starts_at: datetime | None
) -> None:
    """A rehearsal comes before the engagement's last performance (on its day, before it
    starts, when both times are known)."""
    last = _last_performance(row)
    if kind not in ScheduleItem.REHEARSALS or last is None:
        return
    if starts_at is not None and last.starts_at is not None:
        late, field = starts_at >= last.starts_at, "starts_at"
    else:
        late, field = day > last.date, "day"
    if late:
        when = f"{last.date:%-d %B %Y}"
        if last.starts_at is not None:
            when = local_text(last.starts_at, place_timezone(row.venue) or "UTC")
        label = ScheduleItem.Kind(kind).label.lower()
        raise Invalid(
            f"A {label} on {day:%-d %B %Y} would come after the engagement's last performance "
            f"({when}): a rehearsal before it was expected.",
            field=field,
        )


@transaction.atomic
def schedule_item_add(
    *,
    engagement: Engagement,
    kind: str,
    day: date,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    approximate: str = "",
    place: Place | None = None,
    title: str = "",
    notes: str = "",
    by: Any = None,
    version: int | None = None,
) -> ScheduleItem:
    """A rehearsal, press call or reception on a day, at the venue or another place; its
    times once known, or an approximate word on them ("afternoon, to be confirmed")."""
    row = locked(engagement=engagement, version=version)
    kind = _choice(kind, ScheduleItem.Kind, field="kind", what="kind of call")
    title = _text(title, field="title", what="title")
    approximate = _text(approximate, field="approximate", what="approximate time")
    _aware(starts_at, field="starts_at", what="start time")
    _aware(ends_at, field="ends_at", what="end time")
    where = place or row.venue
    zone = None
    if starts_at is not None or ends_at is not None:
        zone = zone_at(where, field="place" if place is not None else "starts_at")
        _ends_after(starts_at, ends_at, zone)
    if starts_at is not None and zone is not None:
        local = starts_at.astimezone(zone).date()
        if local != day:
            raise Invalid(
                f"The start time falls on {local:%-d %B %Y} in {zone.key}, not on the day "
                f"given ({day:%-d %B %Y}).",
                field="starts_at",
            )
    _before_last_performance(row, kind, day, starts_at)
    item = ScheduleItem.objects.create(
        engagement=row,
        kind=kind,
        title=title,
        place=place,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        approximate=approximate,
        notes=notes.strip(),
    )
    _log(row, by, to_value=f"{item} on {day}")
    return item


@transaction.atomic
def schedule_item_remove(*, item: ScheduleItem, by: Any = None, version: int | None = None) -> None:
    row = locked(engagement=item.engagement_id, version=version)
    item.delete()
    _log(row, by, from_value=f"{item} on {item.day}", to_value="removed")


@transaction.atomic
def performance_times_set(
    *,
    performance: Performance,
    starts_at: datetime,
    ends_at: datetime | None = None,
    by: Any = None,
    version: int | None = None,
) -> Performance:
    """When a performance starts and ends, on its day at the venue."""
    row = locked(engagement=performance.engagement_id, version=version)
    _aware(starts_at, field="starts_at", what="start time")
    _aware(ends_at, field="ends_at", what="end time")
    zone = zone_at(row.venue, field="starts_at")
    _ends_after(starts_at, ends_at, zone)
    local = starts_at.astimezone(zone).date()
    if local != performance.date:
        raise Invalid(
            f"The start time falls on {local:%-d %B %Y} at the venue, not on the "
            f"performance's day ({performance.date:%-d %B %Y}).",
            field="starts_at",
        )
    changed = (performance.starts_at, performance.ends_at) != (starts_at, ends_at)
    if changed:
        performance.starts_at, performance.ends_at = starts_at, ends_at
        performance.save(update_fields=["starts_at", "ends_at"])
        _log(row, by, to_value=f"performance on {performance.date}: {local_text(starts_at, zone)}")
    return performance


def _leg_zones(origin: Place, destination: Place) -> tuple[ZoneInfo, ZoneInfo]:
    if origin.pk == destination.pk:
        raise Invalid(
            f"The leg goes from {origin} to {origin}: a destination elsewhere was expected.",
            field="destination",
        )
    return zone_at(origin, field="origin"), zone_at(destination, field="destination")


@transaction.atomic
def travel_leg_add(
    *,
    artist: Agent,
    mode: str,
    origin: Place,
    destination: Place,
    departs_at: datetime,
    arrives_at: datetime,
    carrier: str = "",
    reference: str = "",
    engagement: Engagement | None = None,
    notes: str = "",
    by: Any = None,
    version: int | None = None,
) -> TravelLeg:
    """A journey by air, rail or road, its departure read in its origin's zone and its
    arrival in its destination's."""
    row = _engagement_of(engagement, artist, version)
    mode = _choice(mode, TravelLeg.Mode, field="mode", what="mode of travel")
    carrier = _text(carrier, field="carrier", what="carrier")
    reference = _text(reference, field="reference", what="reference")
    leaves, lands = _leg_zones(origin, destination)
    _aware(departs_at, field="departs_at", what="departure time")
    _aware(arrives_at, field="arrives_at", what="arrival time")
    if arrives_at <= departs_at:
        raise Invalid(
            f"The leg arrives in {destination} {local_text(arrives_at, lands)}, which is not "
            f"after it leaves {origin} {local_text(departs_at, leaves)}: compared as "
            "instants, an arrival after the departure was expected.",
            field="arrives_at",
        )
    leg = TravelLeg.objects.create(
        artist=artist,
        engagement=row,
        mode=mode,
        origin=origin,
        destination=destination,
        departs_at=departs_at,
        arrives_at=arrives_at,
        carrier=carrier,
        reference=reference,
        notes=notes.strip(),
    )
    _log(row, by, to_value=f"travel {leg}, {departs_at.astimezone(leaves):%Y-%m-%d}")
    return leg


@transaction.atomic
def travel_leg_remove(*, leg: TravelLeg, by: Any = None, version: int | None = None) -> None:
    row = locked(engagement=leg.engagement_id, version=version) if leg.engagement_id else None
    leg.delete()
    _log(row, by, from_value=f"travel {leg}", to_value="removed")


@transaction.atomic
def hotel_stay_add(
    *,
    artist: Agent,
    name: str,
    check_in: date,
    check_out: date,
    place: Place | None = None,
    address: str = "",
    reference: str = "",
    engagement: Engagement | None = None,
    by: Any = None,
    version: int | None = None,
) -> HotelStay:
    """A hotel for the nights from check-in to check-out."""
    row = _engagement_of(engagement, artist, version)
    name = _text(name, field="name", what="hotel's name", required=True)
    address = _text(address, field="address", what="address")
    reference = _text(reference, field="reference", what="reference")
    if check_out <= check_in:
        raise Invalid(
            f"Check-out ({check_out:%-d %B %Y}) is not after check-in "
            f"({check_in:%-d %B %Y}): a stay of at least one night was expected.",
            field="check_out",
        )
    stay = HotelStay.objects.create(
        artist=artist,
        engagement=row,
        name=name,
        place=place,
        address=address,
        check_in=check_in,
        check_out=check_out,
        reference=reference,
    )
    _log(row, by, to_value=f"hotel {stay}, {check_in} to {check_out}")
    return stay


@transaction.atomic
def hotel_stay_remove(*, stay: HotelStay, by: Any = None, version: int | None = None) -> None:
    row = locked(engagement=stay.engagement_id, version=version) if stay.engagement_id else None
    stay.delete()
    _log(row, by, from_value=f"hotel {stay}", to_value="removed")


@transaction.atomic
def engagement_dress_set(
    *, engagement: Engagement, dress: str, by: Any = None, version: int | None = None
) -> Engagement:
    """The concert dress ('white tie', 'black, long sleeves'); empty when none is asked."""
    row = locked(engagement=engagement, version=version)
    dress = _text(dress, field="dress", what="concert dress")
    if dress != row.dress:
        before, row.dress = row.dress, dress
        row.save(update_fields=["dress", "updated"])
        _log(row, by, from_value=f"dress {before}".strip(), to_value=dress or "no dress")
    engagement.dress, engagement.version = row.dress, row.version
    return row


@dataclass(frozen=True)
class Schedule:
    """What an engagement's page shows of its schedule, places joined in (three queries)."""

    items: list[ScheduleItem]
    legs: list[TravelLeg]
    stays: list[HotelStay]


def schedule_of(engagement: Engagement) -> Schedule:
    chain = f"place__{PARENT_CHAIN}"
    return Schedule(
        items=list(ScheduleItem.objects.filter(engagement=engagement).select_related(chain)),
        legs=list(
            TravelLeg.objects.filter(engagement=engagement).select_related(
                f"origin__{PARENT_CHAIN}", f"destination__{PARENT_CHAIN}"
            )
        ),
        stays=list(HotelStay.objects.filter(engagement=engagement).select_related(chain)),
    )
