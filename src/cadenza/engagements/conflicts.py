"""Conflict checks: the one service the pages and `cadenza check` ask what is wrong with an
artist's season. The rules, and the words each problem is told in, are `conflict_rules.py`'s
(and docs/calendar.md's, "Conflicts"); this module reads the commitments and chooses the
pairs to judge without comparing every pair:

- per artist, commitments sorted by start and swept: each is judged against those still
  running when it starts (overlaps, absences) and against the one that ended last before
  it (travel, rest);
- per venue, performances sorted and swept the same way (a hall booked twice);
- per artist, performances sorted by day: a radius clause is judged against the days
  within its reach only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from django.db.models import Max, Min

from cadenza.engagements import travel
from cadenza.engagements.access import engagements_visible_to
from cadenza.engagements.calendar_models import ScheduleItem
from cadenza.engagements.commitments import (
    OCCUPYING,
    Commitment,
    commitments,
    performance_extent,
)
from cadenza.engagements.conflict_rules import Found, Judge, Problem, keep, order
from cadenza.engagements.models import Engagement, Hold, Performance
from cadenza.places.selectors import PARENT_CHAIN

__all__ = ["Problem", "find", "problems", "problems_of_engagement", "problems_seen_by"]

# Read this many days beyond the window, so that the journey into its first day, the
# rehearsal the day before and a radius clause reaching across its edge are seen.
MARGIN_DAYS = 7


def find(
    items: Sequence[Commitment],
    *,
    model: travel.Model = travel.DEFAULT,
    others: Iterable[Commitment] = (),
) -> list[Problem]:
    """Every problem among these commitments (of any artists, any order). `others` are
    other artists' performances, seen only for the halls they share."""
    judge = Judge(model=model)
    found: list[Found] = []
    by_artist: dict[int, list[Commitment]] = defaultdict(list)
    for c in items:
        by_artist[c.artist_id].append(c)
    for mine in by_artist.values():
        mine.sort(key=order)
        found += _sweep(judge, mine)
        found += _moves(judge, mine)
        found += _rehearsals(judge, mine)
        found += _radius(judge, mine)
    checked = set(by_artist)
    found += [f for f in _halls(judge, [*items, *others]) if f[1].artist_id in checked]
    return keep(found)


def _sweep(judge: Judge, mine: list[Commitment]) -> list[Found]:
    """Each commitment against those still running when it starts."""
    found: list[Found] = []
    running: list[Commitment] = []
    for c in mine:
        running = [r for r in running if r.ends > c.starts]
        for r in running:
            if (hit := judge.overlap(r, c)) is not None:
                found.append(hit)
        running.append(c)
    return found


def _moves(judge: Judge, mine: list[Commitment]) -> list[Found]:
    """Each commitment with a place against the one that ended last before it started."""
    found: list[Found] = []
    last: Commitment | None = None
    for c in mine:
        if c.kind == "unavailable" or judge.point(c.place) is None:
            continue
        if last is not None and (hit := judge.move(last, c)) is not None:
            found.append(hit)
        if last is None or c.ends >= last.ends:
            last = c
    return found


def _rehearsals(judge: Judge, mine: list[Commitment]) -> list[Found]:
    rehearsals: dict[int, list[Commitment]] = defaultdict(list)
    for c in mine:
        if c.kind == "rehearsal" and c.engagement is not None:
            rehearsals[c.engagement.id].append(c)
    found: list[Found] = []
    for c in mine:
        if c.kind != "performance" or c.engagement is None:
            continue
        if (hit := judge.rehearsal(c, rehearsals[c.engagement.id])) is not None:
            found.append(hit)
    return found


def _radius(judge: Judge, mine: list[Commitment]) -> list[Found]:
    shows = [c for c in mine if c.kind == "performance" and c.engagement is not None]
    if not any(c.engagement is not None and c.engagement.radius_km is not None for c in shows):
        return []
    dated = sorted(((judge.day(c), order(c)), c) for c in shows)
    days = [d for (d, _), _ in dated]
    found: list[Found] = []
    for day, p in ((d, c) for (d, _), c in dated):
        e = p.engagement
        if e is None or e.radius_days is None:
            continue
        reach = timedelta(days=e.radius_days)
        for _, q in dated[bisect_left(days, day - reach) : bisect_right(days, day + reach)]:
            if (hit := judge.radius(p, q)) is not None:
                found.append(hit)
    return found


def _halls(judge: Judge, items: Iterable[Commitment]) -> list[Found]:
    by_hall: dict[int, list[Commitment]] = defaultdict(list)
    for c in items:
        if c.kind == "performance" and c.place is not None:
            by_hall[c.place.id].append(c)
    found: list[Found] = []
    for shows in by_hall.values():
        shows.sort(key=order)
        running: list[Commitment] = []
        for c in shows:
            running = [r for r in running if r.ends > c.starts]
            for r in running:
                found += [h for h in (judge.hall(r, c), judge.hall(c, r)) if h is not None]
            running.append(c)
    return found


def reading_window(*, start: date, end: date, artist_ids: list[int] | None) -> tuple[date, date]:
    """The days whose commitments the checks of the days start … end must read: a margin
    for the journey in, the rehearsal before and the longest radius clause (one query)."""
    clauses = Engagement.objects.filter(state__in=OCCUPYING, radius_days__isnull=False)
    if artist_ids is not None:
        clauses = clauses.filter(artist_id__in=artist_ids)
    reach = clauses.aggregate(days=Max("radius_days"))["days"] or 0
    margin = timedelta(days=max(MARGIN_DAYS, reach))
    return start - margin, end + margin


def problems(
    *,
    start: date,
    end: date,
    artist_ids: Iterable[int] | None = None,
    model: travel.Model | None = None,
    read: list[Commitment] | None = None,
) -> list[Problem]:
    """Every problem whose moment (in its place's local time) falls on the days start … end,
    of the given artists or of all, by artist and time. A fixed number of queries.

    `read`: these artists' commitments, already read over at least the `reading_window`
    (the calendar reads them once for its entries and its problems)."""
    ids = list(artist_ids) if artist_ids is not None else None
    first, last = reading_window(start=start, end=end, artist_ids=ids)
    items = read if read is not None else commitments(start=first, end=last, artist_ids=ids)
    others = _other_artists_in_halls(items, first, last, ids)
    found = find(items, model=model or travel.configured(), others=others)
    return [p for p in found if start <= p.at.date() <= end]


def _other_artists_in_halls(
    items: list[Commitment], start: date, end: date, ids: list[int] | None
) -> list[Commitment]:
    """The performances of other artists in the halls these commitments play (one query)."""
    halls = {c.place.id for c in items if c.kind == "performance" and c.place is not None}
    if ids is None or not halls:
        return []
    shows = (
        Performance.objects.filter(
            engagement__venue_id__in=halls,
            engagement__state__in=OCCUPYING,
            date__range=(start, end),
        )
        .exclude(engagement__artist_id__in=ids)
        .select_related("engagement", f"engagement__venue__{PARENT_CHAIN}")
    )
    found = []
    for show in shows:
        e = show.engagement
        starts, ends = performance_extent(show, e.venue)
        found.append(
            Commitment(
                e.artist_id,
                "performance",
                e.title,
                starts,
                ends,
                e.venue,
                e,
                approximate=show.starts_at is None,
                record=show,
            )
        )
    return found


def problems_of_engagement(
    engagement: Engagement, *, model: travel.Model | None = None
) -> list[Problem]:
    """The problems this engagement is part of, over the days it occupies."""
    spans = [
        Performance.objects.filter(engagement=engagement).aggregate(a=Min("date"), b=Max("date")),
        Hold.objects.filter(engagement=engagement, status=Hold.Status.ACTIVE).aggregate(
            a=Min("date"), b=Max("date")
        ),
        ScheduleItem.objects.filter(engagement=engagement).aggregate(a=Min("day"), b=Max("day")),
    ]
    firsts = [s["a"] for s in spans if s["a"] is not None]
    lasts = [s["b"] for s in spans if s["b"] is not None]
    if not firsts or engagement.state not in OCCUPYING:
        return []
    found = problems(
        start=min(firsts) - timedelta(days=1),
        end=max(lasts) + timedelta(days=1),
        artist_ids=[engagement.artist_id],
        model=model,
    )
    return [p for p in found if engagement.pk in p.engagement_ids]


def problems_seen_by(*, user: Any, engagement: Engagement, manages: bool) -> list[Problem]:
    """The engagement's problems that tell of no engagement hidden from this user (another
    presenter's booking of the same artist stays unnamed to a presenter); travel, rest and
    absences only when the user `manages` the artist (the page's sight says so). One query
    more."""
    found = problems_of_engagement(engagement)
    if not found:
        return []
    others = {pk for p in found for pk in p.engagement_ids} - {engagement.pk}
    visible = set(
        engagements_visible_to(user=user).filter(pk__in=others).values_list("pk", flat=True)
    )
    managed = {engagement.artist_id} if manages else set()
    return problems_told(found, engagements=visible | {engagement.pk}, private_of=managed)


# Problems any viewer of the engagement may be told: its hall and its rehearsals.
PUBLIC_KINDS = ("hall", "rehearsal")


def problems_told(
    found: Iterable[Problem], *, engagements: set[int], private_of: set[int]
) -> list[Problem]:
    """The problems a viewer may be told: those naming only engagements the viewer sees (a
    problem names the other engagement, which a presenter may not know of); and travel, rest
    and absences only of artists whose private days the viewer sees (their management)."""
    return [
        p
        for p in found
        if set(p.engagement_ids) <= engagements
        and (p.kind in PUBLIC_KINDS or p.artist_id in private_of)
    ]
