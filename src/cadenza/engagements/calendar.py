"""The artist's calendar laid out by month, week and list, and the day sheet: reads over
`commitments.commitments()`, filtered by what the user may see (`access.py`).

Each entry keeps its own place's clock: a concert in Tokyo at 19:00 stands on its Tokyo
day at 19:00, whoever looks; the viewer's clock (`zone`) is added where it shows another
time. A journey departs on its origin's clock and arrives on its destination's. What is
known to the day only ("evening, to be fixed") is `approximate`; a held day and an
all-day absence are `all_day`, and only these stand on every day they span.

Who sees what: an engagement's entries need its sight's `view`, those of holds and offers
also `holds`; travel and absences are the artist's own, for those with access to the
artist's private record (a journey booked for an engagement also for those who see it).
Never a fee. A fixed number of queries, however many artists and entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings

from cadenza.accounts.selectors import (
    agents_private_to,
    user_sees_everything,
)
from cadenza.engagements.access import Sight, sights_for
from cadenza.engagements.calendar_models import TravelLeg
from cadenza.engagements.commitments import (
    TENTATIVE,
    Commitment,
    commitments,
    point_of,
    row_key,
)
from cadenza.engagements.conflicts import Problem, problems, problems_told, reading_window
from cadenza.engagements.models import State
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.selectors import place_label, place_timezone

# The calendar's filters, as a manager says them, and the states each stands for.
STATE_FILTERS: dict[str, tuple[str, ...]] = {
    "holds": (State.HOLD,),
    "offers": (State.OFFERED,),
    "confirmed": (State.CONTRACTED, State.CONFIRMED, State.COMPLETED, State.SETTLED),
}
_LAST_MOMENT = timedelta(microseconds=1)


class Entry(NamedTuple):
    """One line of a calendar: a commitment on its own place's clock. (A NamedTuple, as
    immutable as a frozen dataclass and quicker to make: a roster's month has thousands.)"""

    kind: str  # performance, rehearsal, call, travel, hold, unavailable
    label: str
    artist_id: int
    artist: str
    starts: datetime  # on the clock of `zone` (a journey's origin)
    ends: datetime  # on the clock of `end_zone` (a journey's destination)
    zone: str
    end_zone: str
    all_day: bool = False
    approximate: str = ""  # "evening, to be fixed": the day is known, not the hour
    viewer: datetime | None = None  # the start on the viewer's clock, where it differs
    place: str = ""
    origin: str = ""
    detail: str = ""  # a journey's carrier and reference
    engagement_id: int | None = None
    state: str = ""
    on_hold: bool = False
    point: tuple[float, float] | None = None
    record: Any = None

    @property
    def day(self) -> date:
        return self.starts.date()

    @property
    def days(self) -> list[date]:
        """The local days it stands on: all of them for an all-day span, else its first."""
        if not self.all_day:
            return [self.day]
        last = (self.ends - _LAST_MOMENT).date()
        return [self.day + timedelta(days=n) for n in range((last - self.day).days + 1)]

    @property
    def row(self) -> tuple[str, int]:
        """The row it shows, as a problem names those it involves (`Problem.rows`)."""
        return row_key(self.record)

    @property
    def timed(self) -> bool:
        return not self.all_day and not self.approximate

    @property
    def state_label(self) -> str:
        return State(self.state).label if self.state else ""


@dataclass
class Day:
    day: date
    entries: list[Entry] = field(default_factory=list)
    in_period: bool = True


@dataclass(frozen=True)
class Period:
    """A month or a week: its days (whole weeks for a month), and where to go next."""

    start: date
    end: date
    weeks: list[list[Day]]
    previous: date
    next: date
    entries: list[Entry]
    # The conflict checks' problems of its days (start … end) the user may be told.
    problems: list[Problem]

    @property
    def days(self) -> list[Day]:
        return [d for week in self.weeks for d in week]


def viewer_zone(name: str | None) -> str:
    """The viewer's zone: the one asked for, else the site's (settings.TIME_ZONE).
    A ValueError names a zone that is not one."""
    name = (name or "").strip() or settings.TIME_ZONE
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError) as error:
        raise ValueError(
            f"tz: {name!r} is not an IANA time zone such as 'Europe/Vienna'."
        ) from error
    return name


Spot = tuple[str, str, tuple[float, float] | None]


class _Places:
    """Each place's zone, label and point, worked out once: a roster's month meets a few
    dozen places thousands of times, and walking up their parents was most of its time."""

    def __init__(self) -> None:
        self.known: dict[int | None, Spot] = {}

    def __call__(self, place: Place | None) -> Spot:
        key = place.pk if place is not None else None
        if key not in self.known:
            point = point_of(place)
            self.known[key] = (
                place_timezone(place) or settings.TIME_ZONE,
                place_label(place),
                (point.lat, point.lon) if point is not None else None,
            )
        return self.known[key]


def _entry(c: Commitment, artist: str, viewer: ZoneInfo, places: _Places) -> Entry:
    e, record = c.engagement, c.record
    end_zone, where, point = places(c.place)
    zone, origin, _ = places(c.origin) if c.kind == "travel" else (end_zone, "", None)
    starts = c.starts.astimezone(ZoneInfo(zone))
    label, approximate, all_day = c.label, "", False
    if c.kind in ("hold", "unavailable") and c.approximate:
        all_day = True
    elif c.approximate:
        note = getattr(record, "time_note", "") or getattr(record, "approximate", "")
        approximate = note or "time to be confirmed"
    if c.kind == "performance" and e is not None and e.state in TENTATIVE:
        label = f"[Hold {c.hold_rank}] {label}" if c.hold_rank else label
    shown = starts.astimezone(viewer)
    differs = not all_day and not approximate and shown.utcoffset() != starts.utcoffset()
    detail = ""
    if isinstance(record, TravelLeg):
        detail = " ".join(p for p in (record.carrier, record.reference) if p)
    return Entry(
        kind=c.kind,
        label=label,
        artist_id=c.artist_id,
        artist=artist,
        starts=starts,
        ends=c.ends.astimezone(ZoneInfo(end_zone)),
        zone=zone,
        end_zone=end_zone,
        all_day=all_day,
        approximate=approximate,
        viewer=shown if differs else None,
        place=where,
        origin=origin,
        detail=detail,
        engagement_id=e.pk if e is not None else None,
        state=e.state if e is not None else "",
        on_hold=c.is_hold,
        point=point,
        record=record,
    )


@dataclass(frozen=True)
class _Seen:
    """What one user may see of these artists' commitments."""

    sights: dict[int, Sight]
    private: set[int]

    def allows(self, c: Commitment, states: set[str] | None) -> bool:
        if c.engagement is not None:
            seen = self.sights.get(c.engagement.pk, Sight.NONE)
            if not seen.view or (c.engagement.state in TENTATIVE and not seen.holds):
                return False
            return states is None or c.engagement.state in states
        if c.artist_id in self.private:
            return True
        leg_for = getattr(c.record, "engagement_id", None)
        return c.kind == "travel" and self.sights.get(leg_for or 0, Sight.NONE).view

    def tells(
        self, found: list[Problem], read: list[Commitment], states: set[str] | None
    ) -> list[Problem]:
        """The problems this user may be told (`conflicts.problems_told`), of engagements
        in the states shown, wherever in the reading window they stand (a radius clause
        reaches weeks beyond the month). Another artist's engagement, met in a shared hall,
        was not read: its problem is told only when that artist is shown too."""
        visible = {
            c.engagement.pk
            for c in read
            if c.engagement is not None
            and self.sights.get(c.engagement.pk, Sight.NONE).view
            and (states is None or c.engagement.state in states)
        }
        return problems_told(found, engagements=visible, private_of=self.private)


def _seen(user: Any, found: list[Commitment], ids: list[int]) -> _Seen:
    engagements = {c.engagement.pk: c.engagement for c in found if c.engagement is not None}
    if user_sees_everything(user=user):
        private = set(ids)
    else:
        private = set(agents_private_to(user=user).values_list("pk", flat=True)) & set(ids)
    return _Seen(sights_for(user=user, engagements=engagements.values()), private)


def entries(
    *,
    user: Any,
    artist_ids: Iterable[int],
    start: date,
    end: date,
    states: Iterable[str] | None = None,
    zone: str | None = None,
    read: list[Commitment] | None = None,
) -> list[Entry]:
    """What these artists do on the days start … end that `user` may see, in order of
    start; `states` are keys of STATE_FILTERS (none: every state). `read`: their
    commitments, already read over these days or more."""
    ids = list(artist_ids)
    found = read if read is not None else commitments(start=start, end=end, artist_ids=ids)
    return _shown(user, ids, found, (start, end), _wanted(states), zone)[0]


def _wanted(states: Iterable[str] | None) -> set[str] | None:
    return {s for key in states for s in STATE_FILTERS[key]} if states else None


def _shown(
    user: Any,
    ids: list[int],
    found: list[Commitment],
    days: tuple[date, date],
    wanted: set[str] | None,
    zone: str | None,
) -> tuple[list[Entry], _Seen]:
    start, end = days
    seen = _seen(user, found, ids)
    names = dict(Agent.objects.filter(pk__in=ids).values_list("pk", "name"))
    viewer, places = ZoneInfo(viewer_zone(zone)), _Places()
    out = []
    for c in found:
        if seen.allows(c, wanted):
            entry = _entry(c, names.get(c.artist_id, ""), viewer, places)
            if entry.days[-1] >= start and entry.day <= end:
                out.append(entry)
    out.sort(key=lambda e: (e.starts.date(), not e.all_day, e.starts, e.artist, e.label))
    return out, seen


def _laid_out(found: list[Entry], start: date, end: date, inside: tuple[date, date]) -> list[Day]:
    days = {start + timedelta(n): Day(start + timedelta(n)) for n in range((end - start).days + 1)}
    for cell in days.values():
        cell.in_period = inside[0] <= cell.day <= inside[1]
    for entry in found:
        for day in entry.days:
            if day in days:
                days[day].entries.append(entry)
    return list(days.values())


def _checked(
    ids: list[int], shown: tuple[date, date], checked: tuple[date, date]
) -> tuple[list[Commitment], list[Problem]]:
    """The commitments of the days shown and the problems of the days checked, from one
    read over both (the checks need a margin around their days)."""
    first, last = reading_window(start=checked[0], end=checked[1], artist_ids=ids)
    read = commitments(start=min(first, shown[0]), end=max(last, shown[1]), artist_ids=ids)
    return read, problems(start=checked[0], end=checked[1], artist_ids=ids, read=read)


def month(
    *,
    user: Any,
    artist_ids: Iterable[int],
    year: int,
    month: int,
    states: Iterable[str] | None = None,
    zone: str | None = None,
) -> Period:
    """A month in whole weeks, Monday first (the days of the months around it shown too),
    with the problems of the month's own days."""
    ids = list(artist_ids)
    first = date(year, month, 1)
    following = (first + timedelta(days=32)).replace(day=1)
    last = following - timedelta(days=1)
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    read, checked = _checked(ids, (start, end), (first, last))
    wanted = _wanted(states)
    found, seen = _shown(user, ids, read, (start, end), wanted, zone)
    days = _laid_out(found, start, end, (first, last))
    weeks = [days[n : n + 7] for n in range(0, len(days), 7)]
    previous = (first - timedelta(days=1)).replace(day=1)
    inside = [e for e in found if e.days[-1] >= first and e.day <= last]
    told = seen.tells(checked, read, wanted)
    return Period(first, last, weeks, previous, following, inside, told)


def week(
    *,
    user: Any,
    artist_ids: Iterable[int],
    day: date,
    states: Iterable[str] | None = None,
    zone: str | None = None,
) -> Period:
    """The week (Monday to Sunday) around `day`, with its problems."""
    ids = list(artist_ids)
    start = day - timedelta(days=day.weekday())
    end = start + timedelta(days=6)
    read, checked = _checked(ids, (start, end), (start, end))
    wanted = _wanted(states)
    found, seen = _shown(user, ids, read, (start, end), wanted, zone)
    days = _laid_out(found, start, end, (start, end))
    previous, following = start - timedelta(days=7), start + timedelta(days=7)
    told = seen.tells(checked, read, wanted)
    return Period(start, end, [days], previous, following, found, told)


def agenda(
    *,
    user: Any,
    artist_ids: Iterable[int],
    start: date,
    end: date,
    states: Iterable[str] | None = None,
    zone: str | None = None,
) -> list[Day]:
    """The days of start … end that hold something, each with its entries: the list view."""
    found = entries(
        user=user, artist_ids=artist_ids, start=start, end=end, states=states, zone=zone
    )
    return [d for d in _laid_out(found, start, end, (start, end)) if d.entries]


# What puts the artist in a place on the route: journeys only lead there, a held day or an
# absence does not.
_STOPS = ("performance", "rehearsal", "call")


def route(found: Iterable[Entry]) -> list[Entry]:
    """The season's route: the performances, rehearsals and other calls with a known place,
    in date order, a stop repeated only when the artist comes back to it after another."""
    stops: list[Entry] = []
    for entry in sorted(found, key=lambda e: e.starts):
        moved = not stops or stops[-1].place != entry.place
        if entry.kind in _STOPS and entry.point is not None and moved:
            stops.append(entry)
    return stops
