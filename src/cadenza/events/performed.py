"""What counts as an appearance: an event that took place.

A planned, postponed or cancelled event is not an appearance, nor is one dated after today
(a planned engagement published early, an archive's next season), nor a rehearsal. Every
figure that counts appearances or concerts (the person page, its chart, timeline and
credits, the biography, the press kit, the home page, a work's and a place's pages and
their figures, the browse pages) reads the events through this one rule: `performed()` for the ORM,
`performed_sql()` for the grouped SQL of `career_figures.py`.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from cadenza.events.models import Event


def _today() -> tuple[date, datetime]:
    now = timezone.now()
    return timezone.localdate(now), now


def performed(prefix: str = "", *, rehearsals: bool = False) -> Q:
    """Events that took place: not planned, cancelled or postponed, not in the future, not
    a rehearsal. A partial date counts from its first day ('2026' has begun in 2026).
    `prefix` reaches the events from another model ('programme__events__'). With
    `rehearsals`, rehearsals that took place too (the timeline tells them as such)."""
    today, now = _today()

    def q(**lookups: object) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    future = (
        q(starts_at__gt=now)
        | q(date_year__gt=today.year)
        | q(date_year=today.year, date_month__gt=today.month)
        | q(date_year=today.year, date_month=today.month, date_day__gt=today.day)
    )
    took_place = q(status=Event.Status.TOOK_PLACE) & ~future
    return took_place if rehearsals else took_place & ~q(kind=Event.Kind.REHEARSAL)


def performed_sql(alias: str) -> tuple[str, list[object]]:
    """`performed()` as an SQL condition on the events table under `alias`, with its
    parameters (standard SQL, for SQLite and PostgreSQL alike)."""
    today, now = _today()
    e = alias
    sql = (
        f"{e}.status = %s AND {e}.kind <> %s"
        f" AND ({e}.starts_at IS NULL OR {e}.starts_at <= %s)"
        f" AND ({e}.date_year IS NULL OR {e}.date_year < %s OR ({e}.date_year = %s"
        f" AND ({e}.date_month IS NULL OR {e}.date_month < %s OR ({e}.date_month = %s"
        f" AND ({e}.date_day IS NULL OR {e}.date_day <= %s)))))"
    )
    params: list[object] = [str(Event.Status.TOOK_PLACE), str(Event.Kind.REHEARSAL), now]
    params += [today.year, today.year, today.month, today.month, today.day]
    return sql, params
