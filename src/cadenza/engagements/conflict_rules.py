"""The conflict rules, on commitments already read: each rule is a judge of one pair (or
one performance) that says whether it is a problem and in which words. `conflicts.py`
chooses the pairs to judge quickly (neighbours in time, a sweep per hall and per artist);
the benchmark judges every pair with the same judges, so both find the same problems.

The rules are described for managers in docs/calendar.md, "Conflicts".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter
from zoneinfo import ZoneInfo

from cadenza.engagements import travel
from cadenza.engagements.commitments import Commitment, point_of
from cadenza.engagements.models import State
from cadenza.places.models import Place

KINDS = ("overlap", "travel", "rest", "hall", "rehearsal", "unavailable", "radius")
# Engagements whose performances must have been rehearsed: booked, not yet played.
REHEARSED = (State.CONTRACTED, State.CONFIRMED)
# What a commitment is called in a sentence, by kind.
NOUNS = {"performance": "concert", "rehearsal": "rehearsal", "hold": "held day"}
LEG_NOUNS = {"air": "flight", "rail": "train", "road": "drive"}


@dataclass(frozen=True)
class Problem:
    kind: str  # one of KINDS
    artist_id: int
    message: str
    at: datetime  # when it bites, in the local time of its place
    engagement_ids: tuple[int, ...]
    on_hold: bool  # a hold or an offer is involved: not booked yet
    # The commitments it involves, by the rows they were read from (`commitments.row_key`),
    # so a calendar can flag them where they stand.
    rows: tuple[tuple[str, int], ...] = ()


Key = tuple[object, ...]
Found = tuple[Key, Problem]


@dataclass
class Judge:
    """The rules' figures and what they look up often (points and city names by place)."""

    model: travel.Model = travel.DEFAULT
    points: dict[int, travel.Point | None] = field(default_factory=dict)
    cities: dict[int, str] = field(default_factory=dict)
    journeys: dict[tuple[int, int], timedelta] = field(default_factory=dict)
    shifts: dict[tuple[str, str], float] = field(default_factory=dict)
    zones: dict[int | None, ZoneInfo] = field(default_factory=dict)

    def point(self, place: Place | None) -> travel.Point | None:
        if place is None:
            return None
        # `id`, the field, not `pk`, the property: this runs for every commitment.
        if place.id not in self.points:
            self.points[place.id] = point_of(place)
        return self.points[place.id]

    def local(self, moment: datetime, c: Commitment) -> datetime:
        """The moment on the clocks of c's place."""
        key = c.place.id if c.place is not None else None
        if key not in self.zones:
            self.zones[key] = ZoneInfo(c.zone)
        return moment.astimezone(self.zones[key])

    def day(self, c: Commitment) -> date:
        """The local day c starts on (a performance knows it without a zone)."""
        known = getattr(c.record, "date", None) if c.kind == "performance" else None
        return known if isinstance(known, date) else self.local(c.starts, c).date()

    def journey(self, a: Place, b: Place) -> timedelta:
        """Door to door from a to b (both with a point), looked up once per pair."""
        key = (a.id, b.id)
        if key not in self.journeys:
            here, there = self.point(a), self.point(b)
            assert here is not None and there is not None
            self.journeys[key] = travel.door_to_door(here, there, self.model)
        return self.journeys[key]

    def rest(
        self, a: travel.Point, b: travel.Point, arrival: datetime, free: timedelta
    ) -> timedelta:
        """The rest a journey from a to b needs, when it may be more than `free` (the time
        before the next commitment); else nothing, without looking up the zones' offsets.
        Two zones' difference moves by 2 h at most over a year (daylight saving, one each
        way), so the difference once seen bounds the rest any day of the year."""
        pair = (a.tz, b.tz)
        if pair not in self.shifts:
            self.shifts[pair] = abs(travel.time_difference_hours(a, b, arrival))
        most = (self.shifts[pair] + 2) // self.model.jetlag_hours_per_rest_day
        if free >= timedelta(days=most):
            return timedelta(0)
        return travel.rest_needed(a, b, arrival, self.model)

    def city(self, place: Place | None) -> str:
        if place is None:
            return "an unknown place"
        if place.pk not in self.cities:
            found: Place | None = place
            while found is not None and found.kind != Place.Kind.CITY:
                found = found.parent
            self.cities[place.pk] = (found or place).name
        return self.cities[place.pk]

    # -- words -------------------------------------------------------------------------

    def describe(self, c: Commitment, *, at_end: bool = False) -> str:
        """'the Verbier concert “Summer recital”', 'the flight Moscow → New York (SU 100)'."""
        if c.kind == "travel":
            noun = LEG_NOUNS.get(getattr(c.record, "mode", ""), "journey")
            ref = getattr(c.record, "reference", "")
            route = f"{self.city(c.origin)} → {self.city(c.place)}"
            return f"the {noun} {route}" + (f" ({ref})" if ref else "")
        if c.kind == "unavailable":
            return f"the time marked unavailable ({c.label})"
        noun = NOUNS.get(c.kind) or _call_noun(c)
        title = c.engagement.title if c.engagement is not None else c.label
        return f"the {self.city(c.place)} {noun} “{title}”"

    def starts(self, c: Commitment) -> str:
        if c.approximate:
            return f"is on {day_of(self.local(c.starts, c))} (time not fixed)"
        return f"starts {clock(self.local(c.starts, c))}"

    def lasts(self, c: Commitment) -> str:
        return self.starts(c) if c.approximate else f"{self.starts(c)} and {self.ends(c)}"

    def ends(self, c: Commitment) -> str:
        if c.approximate:
            return f"is on {day_of(self.local(c.starts, c))} (time not fixed)"
        if c.kind == "travel":
            return f"arrives {clock(self.local(c.ends, c))}"
        return f"ends {clock(self.local(c.ends, c))}"

    def problem(
        self, kind: str, key: Key, at: Commitment, message: str, *cs: Commitment, artist: int = 0
    ) -> Found:
        held = [c for c in cs if c.is_hold and c.engagement is not None]
        if held:
            titles = " and ".join(f"“{c.engagement.title}”" for c in held if c.engagement)
            message += f" {titles} {'is' if len(held) == 1 else 'are'} not booked yet (hold)."
        ids = tuple(sorted({c.engagement.id for c in cs if c.engagement is not None}))
        artist = artist or at.artist_id
        rows = tuple(c.row for c in cs)
        found = Problem(kind, artist, message, self.local(at.starts, at), ids, bool(held), rows)
        return (kind, artist, *key), found

    # -- judges ------------------------------------------------------------------------

    def overlap(self, a: Commitment, b: Commitment) -> Found | None:
        """Two commitments of one artist at once, or one in a time marked unavailable.
        Travel legs are the travel rule's; two pencilled dates are the holds' ranking."""
        if a.artist_id != b.artist_id or not (a.starts < b.ends and b.starts < a.ends):
            return None
        if "travel" in (a.kind, b.kind) and "unavailable" not in (a.kind, b.kind):
            return None
        a, b = sorted((a, b), key=order)
        if a.kind == "unavailable" or b.kind == "unavailable":
            if a.kind == b.kind:
                return None
            away, busy = (a, b) if a.kind == "unavailable" else (b, a)
            text = (
                f"{cap(self.describe(busy))} {self.starts(busy)} in the time the artist marked "
                f"unavailable ({away.label}: {span(away, busy)})."
            )
            key = (owner(away), owner(busy))
            return self.problem("unavailable", key, busy, text, busy, away)
        if owner(a) == owner(b) or (a.is_hold and b.is_hold):
            return None
        text = (
            f"Two commitments at once: {self.describe(a)} {self.lasts(a)}; "
            f"{self.describe(b)} {self.starts(b)}."
        )
        return self.problem("overlap", tuple(sorted((owner(a), owner(b)))), b, text, a, b)

    def hall(self, mine: Commitment, theirs: Commitment) -> Found | None:
        """Two engagements of different artists performing at one venue at once: told to
        the artist of `mine` (each artist's manager hears of it)."""
        a, b = sorted((mine, theirs), key=order)
        if a.place is None or b.place is None or a.place.id != b.place.id:
            return None
        if a.artist_id == b.artist_id or not (a.starts < b.ends and b.starts < a.ends):
            return None
        text = (
            f"{a.place.name} is booked twice: “{title(a)}” {self.lasts(a)}; “{title(b)}” "
            f"{self.starts(b)}."
        )
        key = tuple(sorted((owner(a), owner(b))))
        return self.problem("hall", key, b, text, a, b, artist=mine.artist_id)

    def radius(self, p: Commitment, q: Commitment) -> Found | None:
        """q, another engagement's performance, breaks the radius clause of p's engagement."""
        e = p.engagement
        if e is None or e.radius_km is None or e.radius_days is None or q.engagement is None:
            return None
        if p.artist_id != q.artist_id or owner(p) == owner(q):
            return None
        gap = abs((self.day(q) - self.day(p)).days)
        a, b = self.point(p.place), self.point(q.place)
        if gap > e.radius_days or a is None or b is None:
            return None
        km = travel.distance_km(a, b)
        if km > e.radius_km:
            return None
        text = (
            f"The radius clause of “{e.title}” (no other performance within {e.radius_km} km "
            f"for {e.radius_days} days before and after) is broken by {self.describe(q)} on "
            f"{day_of(self.local(q.starts, q))}, {km:.0f} km from {self.city(p.place)} and "
            f"{days(gap)} from its concert on {day_of(self.local(p.starts, p))}."
        )
        return self.problem("radius", (owner(p), owner(q)), q, text, p, q)

    def rehearsal(self, p: Commitment, rehearsals: list[Commitment]) -> Found | None:
        """A booked performance with no rehearsal of its engagement on or before its day."""
        if p.engagement is None or p.engagement.state not in REHEARSED:
            return None
        if p.approximate:  # its day is known, not its time: a rehearsal that day will do
            day = self.day(p)
            if any(self.local(r.starts, p).date() <= day for r in rehearsals):
                return None
        elif any(r.starts <= p.starts for r in rehearsals):
            return None
        text = (
            f"No rehearsal before {self.describe(p)}, which {self.starts(p)}: the engagement "
            f"is {p.engagement.get_state_display().lower()} and its schedule has no rehearsal "
            f"(orchestra, piano, dress or sound balance) on or before that day."
        )
        return self.problem("rehearsal", (owner(p), p.starts), p, text, p)

    def move(self, prev: Commitment, y: Commitment) -> Found | None:
        """From where prev leaves the artist to where y needs them: can it be made, and is
        there rest enough after a journey across time zones? prev is the commitment that
        ends last of those before y."""
        if prev.artist_id != y.artist_id:
            return None
        if y.starts < prev.ends:
            return self._late(prev, y)
        place = y.origin if y.kind == "travel" else y.place
        here, there = self.point(prev.place), self.point(place)
        if here is None or there is None or prev.place is None or place is None:
            return None
        need = self.journey(prev.place, place)
        gap = y.starts - prev.ends
        if need > gap:
            km = travel.distance_km(here, there)
            by = "by air" if km >= self.model.ground_km else "by rail or road"
            text = (
                f"Cannot reach {self.city(place)} from {self.city(prev.place)} in time: "
                f"{self.describe(prev)} {self.ends(prev)}, {self.describe(y)} {self.starts(y)}, "
                f"and the journey takes about {hours(need)} {by} ({km:.0f} km): "
                f"{hours(need - gap)} more than the time between them."
            )
            return self.problem("travel", (owner(prev), owner(y)), y, text, prev, y)
        if y.kind == "travel":
            return None
        if prev.kind == "travel":
            start, arrival = self.point(prev.origin), prev.ends
        else:
            start, arrival = here, prev.ends + need
        return self._rest(prev, y, start, there, arrival)

    def _late(self, prev: Commitment, y: Commitment) -> Found | None:
        """A journey that leaves before the commitment before it ends, or arrives after the
        one after it starts (overlaps of two stays are the overlap rule's)."""
        if prev.kind == "travel":
            text = f"{cap(self.describe(prev))} {self.ends(prev)}, after {self.describe(y)} "
            text += f"{self.starts(y).replace('starts', 'starting')}."
        elif y.kind == "travel":
            text = f"{cap(self.describe(y))} leaves {clock(self.local(y.starts, y))}, before "
            text += f"{self.describe(prev)} {self.ends(prev)}."
        else:
            return None
        return self.problem("travel", (owner(prev), owner(y)), y, text, prev, y)

    def _rest(
        self,
        prev: Commitment,
        y: Commitment,
        start: travel.Point | None,
        end: travel.Point,
        arrival: datetime,
    ) -> Found | None:
        # One zone, one clock: no time difference to rest from (and no zone to look up).
        if start is None or start.tz == end.tz:
            return None
        rest = self.rest(start, end, arrival, y.starts - arrival)
        if not rest or y.starts >= arrival + rest:
            return None
        shift = travel.time_difference_hours(start, end, arrival)
        way = "eastward" if shift > 0 else "westward"
        origin = prev.origin if prev.kind == "travel" else prev.place
        arrives = (
            f"{self.describe(prev)} {self.ends(prev)}"
            if prev.kind == "travel"
            else f"after {self.describe(prev)} the artist arrives about "
            f"{clock(self.local(arrival, y))}"
        )
        text = (
            f"Too little rest after the journey from {self.city(origin)} to {self.city(y.place)} "
            f"({abs(shift):g} h of time difference, {way}): {arrives}, {self.describe(y)} "
            f"{self.starts(y)}, and the rule asks for {days(rest.days)} of rest (one per "
            f"{self.model.jetlag_hours_per_rest_day:g} h of difference)."
        )
        return self.problem("rest", (owner(prev), owner(y)), y, text, prev, y)


def keep(found: list[Found]) -> list[Problem]:
    """One problem per key (the earliest, then the first in words), in order of artist and
    time: a pair of engagements is told once, however many of their calls clash."""
    best: dict[Key, Problem] = {}
    for key, problem in found:
        held = best.get(key)
        if held is None or (problem.at, problem.message) < (held.at, held.message):
            best[key] = problem
    return sorted(best.values(), key=lambda p: (p.artist_id, p.at, p.kind, p.message))


# The one order of commitments both the quick and the naive check follow (ties keep the
# order they were read in).
order = attrgetter("starts", "ends", "kind")


def owner(c: Commitment) -> tuple[str, int]:
    """What a commitment belongs to: its engagement, or its own row (a leg, an absence)."""
    if c.engagement is not None:
        return ("engagement", c.engagement.id)
    row: int | None = getattr(c.record, "pk", None)
    return (c.kind, row or id(c))


def title(c: Commitment) -> str:
    return c.engagement.title if c.engagement is not None else c.label


# Written from the fields rather than by strftime, which is slower: a roster's month tells
# thousands of problems.
MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def clock(moment: datetime) -> str:
    return f"{moment.hour:02}:{moment.minute:02} {moment.tzname()} on {day_of(moment)}"


def day_of(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month]}"


def span(c: Commitment, where: Commitment) -> str:
    """When c lasts, in the clocks of where (an absence has no place of its own)."""
    zone = ZoneInfo(where.zone)
    first, last = c.starts.astimezone(zone), (c.ends - timedelta(seconds=1)).astimezone(zone)
    if c.approximate:
        return day_of(first) if first.date() == last.date() else f"{day_of(first)}–{day_of(last)}"
    return f"{clock(first)} to {clock(c.ends.astimezone(zone))}"


def hours(length: timedelta) -> str:
    minutes = round(length.total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _call_noun(c: Commitment) -> str:
    display = getattr(c.record, "get_kind_display", None)
    return display().lower() if display is not None else "call"
