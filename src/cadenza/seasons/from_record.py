"""An artist's season read from the record as a planning instance (the format of
../shared/planning/README.md), so the one solver plans files and the record alike.

What becomes what (docs/planning.md, "Planning from the record"):
- an inquiry, hold or offer with a date in the season is an optional offer: its dates are
  its active holds' days in the season, or else its performance day;
- a contracted or confirmed engagement is a required offer on its performance day;
- an engagement of several performances is one offer on its last day, occupying the days
  from its first performance less its rehearsal days;
- rehearsal days: the engagement's own figure, else the days from its first scheduled
  rehearsal to its first performance, else `CADENZA_PLANNING["rehearsal_days"]`;
- the fee: the deal's guarantee in the planning currency (converted by the configured rate);
- the artist's home: where they are based; availability: their unavailable days;
- travel: the calendar's travel model (`travel.configured()`), with the planning figures.

Engagements that cannot be planned (no venue with coordinates, no date, a fee in a currency
with no rate) are left out with a note saying why; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from cadenza.engagements import travel
from cadenza.engagements.availability import artist_zone, local_days
from cadenza.engagements.calendar_models import ScheduleItem, Unavailability
from cadenza.engagements.commitments import point_of
from cadenza.engagements.models import Engagement, Hold, State
from cadenza.engagements.planning.instance import Instance, load_instance
from cadenza.people.models import Agent
from cadenza.places.selectors import place_city, place_timezone

OPTIONS = (State.INQUIRY, State.HOLD, State.OFFERED)
REQUIRED = (State.CONTRACTED, State.CONFIRMED)


class SeasonError(ValueError):
    """The season cannot be planned as asked; the message says what to change."""


@dataclass(frozen=True)
class Figures:
    """`settings.CADENZA_PLANNING` (docs/configuration.md) with its defaults."""

    currency: str = "EUR"
    rates: dict[str, Decimal] = field(default_factory=dict)  # 1 unit of X in `currency`
    cost_per_km: float = 0.25
    max_performances_per_7_days: int = 3
    rehearsal_days: int = 1


def configured() -> Figures:
    """The figures, or a `SeasonError` naming the setting's key that is wrong."""
    given: dict[str, Any] = dict(getattr(settings, "CADENZA_PLANNING", {}))
    known = set(Figures.__dataclass_fields__)
    for key in sorted(set(given) - known):
        raise SeasonError(
            f"CADENZA_PLANNING: unknown key {key!r}; the keys are {', '.join(sorted(known))}."
        )
    try:
        rates = {code.upper(): Decimal(str(rate)) for code, rate in given.pop("rates", {}).items()}
    except (AttributeError, ArithmeticError, ValueError):
        raise SeasonError(
            "CADENZA_PLANNING['rates']: expected a currency code to a number for each rate."
        ) from None
    return Figures(rates=rates, **given)


@dataclass(frozen=True)
class Note:
    """What the planner was told about one engagement, or why it was left out."""

    engagement_id: int
    title: str
    text: str
    left_out: bool


@dataclass
class Season:
    """The instance (README input format) and what links it back to the record."""

    data: dict[str, Any]
    offers: dict[str, dict[str, Any]]  # offer id -> {"engagement", "version", "title", "state"}
    notes: list[Note]
    currency: str

    @property
    def instance(self) -> Instance:
        return load_instance(self.data)


def _rehearsal_days(engagement: Engagement, first_performance: date, figures: Figures) -> int:
    if engagement.rehearsal_days is not None:
        return engagement.rehearsal_days
    rehearsals = [
        item.day for item in engagement.schedule.all() if item.kind in ScheduleItem.REHEARSALS
    ]
    if rehearsals and min(rehearsals) <= first_performance:
        return (first_performance - min(rehearsals)).days
    return figures.rehearsal_days


def _fee(engagement: Engagement, figures: Figures) -> tuple[Decimal | None, str]:
    """The guarantee in the planning currency, or None and why not."""
    deal = getattr(engagement, "deal", None)
    if deal is None:
        return Decimal(0), "no fee agreed yet: planned at 0"
    if deal.currency == figures.currency:
        return deal.guarantee, ""
    rate = figures.rates.get(deal.currency)
    if rate is None:
        return None, (
            f"its fee is in {deal.currency} and no rate to {figures.currency} is set "
            "(CADENZA_PLANNING['rates'])"
        )
    converted = (deal.guarantee * rate).quantize(Decimal("0.01"))
    return converted, f"fee {deal.guarantee:,.2f} {deal.currency} at {rate} = {converted:,.2f}"


def _dates(engagement: Engagement, start: date, end: date) -> tuple[list[date], int]:
    """The offer's dates in the season and the days it spans before its performance day."""
    days = sorted(p.date for p in engagement.performances.all())
    if len(days) > 1:  # a series: one offer on its last day
        return ([days[-1]] if start <= days[0] and days[-1] <= end else []), (
            days[-1] - days[0]
        ).days
    if engagement.state in OPTIONS:
        held = sorted({h.date for h in engagement.holds.all() if h.date and start <= h.date <= end})
        if held:
            return held, 0
    return [d for d in days if start <= d <= end], 0


def _in_season(engagements: Iterable[Engagement], start: date, end: date) -> list[Engagement]:
    def touches(e: Engagement) -> bool:
        days = [p.date for p in e.performances.all()] + [h.date for h in e.holds.all() if h.date]
        return any(start <= d <= end for d in days)

    return [e for e in engagements if touches(e)]


def _unavailable(artist: Agent, start: date, end: date) -> list[dict[str, str]]:
    """The artist's unavailable times as whole days on the clocks of home (a day partly
    taken cannot hold a rehearsal or a concert elsewhere)."""
    zone = artist_zone(artist)
    before, after = local_days(artist, start, end)
    spans = []
    for item in Unavailability.objects.filter(
        artist=artist, starts_at__lt=after, ends_at__gt=before
    ).order_by("starts_at"):
        first = item.starts_at.astimezone(zone).date()
        last = (item.ends_at - timedelta(microseconds=1)).astimezone(zone).date()
        spans.append({"from": max(first, start).isoformat(), "to": min(last, end).isoformat()})
    return spans


def _home(artist: Agent) -> dict[str, Any]:
    point = point_of(artist.based_in)
    if artist.based_in is None or point is None or not place_timezone(artist.based_in):
        raise SeasonError(
            f"{artist.name} has no home with coordinates: set where they are based (a city "
            "of the record with a position and a time zone), where the route starts and ends."
        )
    return {"name": artist.based_in.name, "lat": point.lat, "lon": point.lon, "tz": point.tz}


def season_read(
    *,
    artist: Agent,
    start: date,
    end: date,
    pinned: Iterable[int] = (),
    excluded: Iterable[int] = (),
    figures: Figures | None = None,
) -> Season:
    """The artist's season from `start` to `end` as a planning instance; `pinned`
    engagements must be accepted, `excluded` ones are left out."""
    if end < start:
        raise SeasonError(f"The season ends ({end}) before it starts ({start}).")
    if (end - start).days > 366:
        raise SeasonError("Plan at most a year at a time (the season is longer).")
    figures = figures or configured()
    pinned, excluded = set(pinned), set(excluded)
    model = travel.configured()
    home = _home(artist)
    engagements = (
        Engagement.objects.filter(artist=artist, state__in=(*OPTIONS, *REQUIRED))
        .select_related("venue__parent__parent", "deal")
        .prefetch_related(
            "performances",
            "schedule",
            Prefetch("holds", queryset=Hold.objects.filter(status=Hold.Status.ACTIVE)),
        )
        .order_by("pk")
    )
    offers: list[dict[str, Any]] = []
    season = Season(data={}, offers={}, notes=[], currency=figures.currency)

    def note(e: Engagement, text: str, *, left_out: bool) -> None:
        season.notes.append(Note(e.pk, e.title, text, left_out))

    for e in _in_season(engagements, start, end):
        if e.pk in excluded:
            note(e, "excluded from this plan", left_out=True)
            continue
        point = point_of(e.venue)
        if point is None or e.venue is None:
            note(e, "no venue with a position on the map yet", left_out=True)
            continue
        days, span = _dates(e, start, end)
        if not days:
            note(e, "no date in this season yet (a date still to be agreed)", left_out=True)
            continue
        fee, why = _fee(e, figures)
        required = e.state in REQUIRED or e.pk in pinned
        if fee is None:
            if not required:
                note(e, why, left_out=True)
                continue
            fee, why = Decimal(0), why + ": planned at 0"
        if why:
            note(e, why, left_out=False)
        first_performance = min(p.date for p in e.performances.all()) if span else days[0]
        offer: dict[str, Any] = {
            "id": str(e.pk),
            "venue": e.venue.name,
            "city": (place_city(e.venue) or e.venue).name,
            "lat": point.lat,
            "lon": point.lon,
            "tz": point.tz,
            "dates": [d.isoformat() for d in days],
            "fee": float(fee),
            "rehearsal_days": span + _rehearsal_days(e, first_performance, figures),
            "required": required,
        }
        if e.radius_km is not None and e.radius_days is not None:
            offer["radius"] = {"km": e.radius_km, "days": e.radius_days}
        offers.append(offer)
        season.offers[str(e.pk)] = {
            "engagement": e.pk,
            "version": e.version,
            "title": e.title,
            "state": e.state,
        }
    season.data = {
        "season": {"start": start.isoformat(), "end": end.isoformat()},
        "home": home,
        "travel": {
            "overhead_hours": model.air_overhead_hours,
            "speed_kmh": model.air_kmh,
            "hours_per_day": model.hours_per_day,
            "local_km": model.local_km,
            "cost_per_km": figures.cost_per_km,
            "jetlag_hours_per_rest_day": model.jetlag_hours_per_rest_day,
        },
        "limits": {"max_performances_per_7_days": figures.max_performances_per_7_days},
        "unavailable": _unavailable(artist, start, end),
        "offers": offers,
    }
    return season
