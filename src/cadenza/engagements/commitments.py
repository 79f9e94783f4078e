"""What occupies an artist, and when: the one read the calendar pages, the conflict checks
and the feeds share.

A commitment is a span of time (aware, compared in UTC) in a place: a performance, a
rehearsal or another call of an engagement, a journey, a day held for a presenter, or a
time the artist is unavailable. What is known only to the day (a performance "evening, to
be fixed", a hold) spans the whole local day of its place, and says so (`approximate`).
Declined, released and cancelled engagements occupy nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet

from cadenza.engagements.calendar_models import (
    MODE_NAMES,
    ScheduleItem,
    TravelLeg,
    Unavailability,
)
from cadenza.engagements.models import Engagement, Hold, Performance, State
from cadenza.engagements.travel import Point
from cadenza.places.models import Place
from cadenza.places.selectors import place_timezone, place_with_chain

# A performance whose end is not known is taken to last this long.
PERFORMANCE_LENGTH = timedelta(hours=2, minutes=30)
# The engagements whose days the artist keeps: a hold or better, and what took place.
OCCUPYING = (
    State.HOLD,
    State.OFFERED,
    State.CONTRACTED,
    State.CONFIRMED,
    State.COMPLETED,
    State.SETTLED,
)
TENTATIVE = (State.INQUIRY, State.HOLD, State.OFFERED)


# A NamedTuple rather than a frozen dataclass: as immutable, and much quicker to make (a
# roster's month makes thousands; benchmarks/README.md).
class Commitment(NamedTuple):
    artist_id: int
    kind: str  # performance, rehearsal, call, travel, hold, unavailable
    label: str
    starts: datetime
    ends: datetime
    place: Place | None
    engagement: Engagement | None = None
    origin: Place | None = None  # a journey's start
    approximate: bool = False
    # The row it was read from, for links and its own fields; its relations are not read
    # (the engagement and places are the commitment's own).
    record: object = None
    hold_rank: int | None = None  # a performance on a day still only held: "[Hold 2]"

    @property
    def row(self) -> tuple[str, int]:
        return row_key(self.record)

    @property
    def is_hold(self) -> bool:
        """Counts as a commitment, flagged: the engagement is not booked yet."""
        return self.engagement is not None and self.engagement.state in TENTATIVE

    @property
    def zone(self) -> str:
        return place_timezone(self.place) or settings.TIME_ZONE


def row_key(record: object) -> tuple[str, int]:
    """The row a commitment was read from (`("TravelLeg", 7)`), as the conflict checks name
    the commitments a problem involves and the calendar finds them among its entries."""
    # `id`, the field, not `pk`, the property: this runs for every entry and problem.
    return (type(record).__name__, getattr(record, "id", None) or 0)


def point_of(place: Place | None) -> Point | None:
    """Where a place is for travel: its own coordinates or the nearest parent's."""
    zone = place_timezone(place)
    while place is not None:
        if place.latitude is not None and place.longitude is not None:
            return Point(float(place.latitude), float(place.longitude), zone or "UTC")
        place = place.parent
    return None


def local_day(day: date, place: Place | None) -> tuple[datetime, datetime]:
    """The whole day as the clocks of that place count it (23 or 25 hours when they change)."""
    zone = ZoneInfo(place_timezone(place) or settings.TIME_ZONE)
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)


def performance_extent(performance: Performance, venue: Place | None) -> tuple[datetime, datetime]:
    """When a performance occupies the hall: its times, or its whole local day."""
    if performance.starts_at is not None:
        return (
            performance.starts_at,
            performance.ends_at or performance.starts_at + PERFORMANCE_LENGTH,
        )
    return local_day(performance.date, venue)


def _performances(
    engagement: Engagement, performances: list[Performance], holds: list[Hold]
) -> Iterable[Commitment]:
    ranks = {hold.date: hold.rank for hold in holds if hold.date is not None}
    for performance in performances:
        starts, ends = performance_extent(performance, engagement.venue)
        approximate = performance.starts_at is None
        yield Commitment(
            engagement.artist_id,
            "performance",
            engagement.title,
            starts,
            ends,
            engagement.venue,
            engagement,
            approximate=approximate,
            record=performance,
            hold_rank=ranks.get(performance.date),
        )


def _calls(
    engagement: Engagement, items: list[ScheduleItem], places: dict[int, Place]
) -> Iterable[Commitment]:
    for item in items:
        place = places.get(item.place_id or 0) or engagement.venue
        if item.starts_at is not None:
            starts, ends = item.starts_at, item.ends_at or item.starts_at + timedelta(hours=1)
        else:
            starts, ends = local_day(item.day, place)
        kind = "rehearsal" if item.kind in ScheduleItem.REHEARSALS else "call"
        yield Commitment(
            engagement.artist_id,
            kind,
            f"{item}: {engagement.title}",
            starts,
            ends,
            place,
            engagement,
            approximate=item.starts_at is None,
            record=item,
        )


def _held_days(
    engagement: Engagement, performances: list[Performance], holds: list[Hold]
) -> Iterable[Commitment]:
    """Days held that no performance of the engagement stands on yet."""
    performing = {p.date for p in performances}
    for hold in holds:
        if hold.status != Hold.Status.ACTIVE or hold.date is None or hold.date in performing:
            continue
        starts, ends = local_day(hold.date, engagement.venue)
        yield Commitment(
            engagement.artist_id,
            "hold",
            f"[Hold {hold.rank}] {engagement.title}",
            starts,
            ends,
            engagement.venue,
            engagement,
            approximate=True,
            record=hold,
        )


Row = TypeVar("Row", Performance, Hold, ScheduleItem)


def _grouped(rows: QuerySet[Row]) -> dict[int, list[Row]]:
    """Rows by their engagement, in the model's order."""
    grouped: dict[int, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.engagement_id, []).append(row)
    return grouped


def _places(ids: Iterable[int | None]) -> dict[int, Place]:
    wanted = {pk for pk in ids if pk}
    return {place.pk: place for place in place_with_chain().filter(pk__in=wanted)}


def commitments(
    *,
    start: date,
    end: date,
    artist_ids: Iterable[int] | None = None,
    engagements: Q | None = None,
    with_others: bool = True,
) -> list[Commitment]:
    """Every commitment touching the days start … end (inclusive, a day's margin for zones),
    of the given artists or of all, in order of start. A fixed number of queries.

    `engagements` chooses other engagements than those that occupy the artist (a feed
    also shows inquiries, and what was cancelled lately); `with_others=False` leaves out
    journeys and absences."""
    since = datetime.combine(start - timedelta(days=1), time(0), tzinfo=ZoneInfo("UTC"))
    until = datetime.combine(end + timedelta(days=2), time(0), tzinfo=ZoneInfo("UTC"))
    days = Q(performances__date__range=(start, end)) | Q(holds__date__range=(start, end))
    days |= Q(schedule__day__range=(start, end))
    chosen_by = engagements if engagements is not None else Q(state__in=OCCUPYING)
    engagements_read = Engagement.objects.filter(chosen_by).filter(days)
    legs = TravelLeg.objects.filter(departs_at__lt=until, arrives_at__gt=since)
    away = Unavailability.objects.filter(starts_at__lt=until, ends_at__gt=since)
    if not with_others:
        legs, away = legs.none(), away.none()
    if artist_ids is not None:
        ids = list(artist_ids)
        engagements_read, legs, away = (
            engagements_read.filter(artist_id__in=ids),
            legs.filter(artist_id__in=ids),
            away.filter(artist_id__in=ids),
        )
    # Flat reads grouped here, and each place read once with its parents: a season has
    # many engagements in few halls (benchmarks/README.md, "Calendar").
    read = list(engagements_read.distinct())
    # The same choice again as a subquery: a list of a thousand ids would be bound (and
    # each checked by Django) once per query.
    chosen = engagements_read.values("pk")
    performances = _grouped(Performance.objects.filter(engagement__in=chosen))
    holds = _grouped(Hold.objects.filter(engagement__in=chosen, status=Hold.Status.ACTIVE))
    calls = _grouped(ScheduleItem.objects.filter(engagement__in=chosen))
    legs_found = list(legs)
    places = _places(
        [e.venue_id for e in read]
        + [i.place_id for items in calls.values() for i in items]
        + [leg.origin_id for leg in legs_found]
        + [leg.destination_id for leg in legs_found]
    )
    found: list[Commitment] = []
    for engagement in read:
        engagement.venue = places.get(engagement.venue_id or 0)
        shows = performances.get(engagement.pk, [])
        found += [
            *_performances(engagement, shows, holds.get(engagement.pk, [])),
            *_calls(engagement, calls.get(engagement.pk, []), places),
            *_held_days(engagement, shows, holds.get(engagement.pk, [])),
        ]
    for leg in legs_found:
        origin, destination = places[leg.origin_id], places[leg.destination_id]
        found.append(
            Commitment(
                leg.artist_id,
                "travel",
                f"{MODE_NAMES.get(leg.mode, leg.mode)} {origin} → {destination}",
                leg.departs_at,
                leg.arrives_at,
                destination,
                origin=origin,
                record=leg,
            )
        )
    for span in away:
        found.append(
            Commitment(
                span.artist_id,
                "unavailable",
                str(span),
                span.starts_at,
                span.ends_at,
                None,
                approximate=span.all_day,
                record=span,
            )
        )
    found = [c for c in found if c.ends > since and c.starts < until]
    found.sort(key=lambda c: (c.artist_id, c.starts, c.ends, c.kind))
    return found
