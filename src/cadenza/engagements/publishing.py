"""A completed engagement's performances become events of the career record.

Only when the engagement is completed (the concert took place) and its management
publishes it: until then nothing of it reaches the public pages. Each event is cited to
the engagement (an `ingest.Source` of kind "engagement"), with the programme and the
artist's and presenter's credits; a performance already told by another source (a
biography's "night of the performance") is linked to that event instead of doubling it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from cadenza.engagements.changes import locked, log
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Change, Engagement, Performance, State
from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.services import ItemSpec, credit_add, programme_create
from cadenza.ingest.models import Citation, Source
from cadenza.ingest.services import cite, source_ensure
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent

PUBLISHABLE = (State.COMPLETED, State.SETTLED)


def engagement_source(engagement: Engagement) -> Source:
    return source_ensure(
        key=f"engagement:{engagement.pk}",
        kind=Source.Kind.ENGAGEMENT,
        title=f"Engagement “{engagement.title}”, booked in Cadenza",
    )


@transaction.atomic
def performance_link_event(*, performance: Performance, event: Event, by: Any = None) -> None:
    """Say that this performance is an event the record already tells (from a biography):
    publishing then completes that event instead of adding a second one."""
    row = locked(engagement=performance.engagement_id)
    if event.kind == Event.Kind.REHEARSAL:
        raise Invalid("A performance cannot be a rehearsal's event.", field="event")
    taken = Performance.objects.filter(event=event).exclude(pk=performance.pk).first()
    if taken is not None:
        raise Invalid(f"That event is already {taken}.", field="event")
    Performance.objects.filter(pk=performance.pk).update(event=event)
    performance.event = event
    log(engagement=row, kind=Change.Kind.DETAILS, by=by, to_value=f"is the record's “{event}”")


def _programme_items(engagement: Engagement) -> list[ItemSpec]:
    return [
        ItemSpec(work=entry.work)
        if entry.work is not None
        else ItemSpec(kind=ProgrammeItem.Kind.INTERMISSION)
        for entry in engagement.programme.select_related("work")
    ]


def _ymd(day: date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def _artist_role(artist: Agent) -> str:
    return Credit.Role.SOLOIST if artist.kind == Agent.Kind.PERSON else Credit.Role.ENSEMBLE


@transaction.atomic
def engagement_publish(
    *, engagement: Engagement, by: Any = None, version: int | None = None
) -> list[Event]:
    """Put the completed engagement's performances on the public record, cited to it."""
    row = locked(engagement=engagement, version=version)
    if row.state not in PUBLISHABLE:
        raise Invalid(
            "Only a completed engagement is published: its performances must have taken "
            f"place (it is {row.get_state_display().lower()}).",
            field="state",
        )
    source = engagement_source(row)
    items = _programme_items(row)
    published = []
    for performance in row.performances.select_related("event"):
        event = performance.event
        if event is None:
            event = Event(name=row.title, kind=Event.Kind.CONCERT, venue=row.venue)
        event.status = Event.Status.TOOK_PLACE
        if event.date_year is None:
            for name, value in PartialDate(*_ymd(performance.date)).as_fields("date").items():
                setattr(event, name, value)
        event.starts_at = event.starts_at or performance.starts_at
        if event.venue_id is None:
            event.venue = row.venue
        if event.programme_id is None and items:
            event.programme = programme_create(title=row.title, items=items)
        event.full_clean()
        event.save()
        if performance.event_id != event.pk:
            Performance.objects.filter(pk=performance.pk).update(event=event)
        credits = [
            credit_add(role=_artist_role(row.artist), event=event, agent=row.artist),
            credit_add(role=Credit.Role.PRESENTER, event=event, agent=row.presenter, position=1),
        ]
        for record in (event, *credits):
            cite(source=source, record=record, record_id=f"performance:{performance.pk}")
        published.append(event)
    if not row.published:
        Engagement.objects.filter(pk=row.pk).update(published=True)
        row.published = True
        log(engagement=row, kind=Change.Kind.PUBLISHED, by=by, to_value="published")
    engagement.published, engagement.version = True, row.version
    return published


@transaction.atomic
def engagement_unpublish(
    *, engagement: Engagement, by: Any = None, version: int | None = None
) -> None:
    """Take the performances off the public record: events only this engagement told are
    removed; events other sources tell lose only this engagement's citations."""
    row = locked(engagement=engagement, version=version)
    if not row.published:
        raise Invalid("This engagement is not published.", field="published")
    source = engagement_source(row)
    for performance in row.performances.select_related("event"):
        event = performance.event
        if event is None:
            continue
        others = Citation.objects.filter(object_id=event.pk, content_type__model="event").exclude(
            source=source
        )
        if not others.exists():
            programme = event.programme
            Performance.objects.filter(pk=performance.pk).update(event=None)
            event.delete()
            if programme is not None and not programme.events.exists():
                programme.delete()
            continue
        # The event stays, told by another source: the credits only this engagement gave
        # it go (a credit the other source also gives stays).
        for credit in event.credits.all():
            cited = Citation.objects.filter(object_id=credit.pk, content_type__model="credit")
            if cited.filter(source=source).exists() and not cited.exclude(source=source).exists():
                credit.delete()
    source.citations.all().delete()
    Engagement.objects.filter(pk=row.pk).update(published=False)
    log(engagement=row, kind=Change.Kind.PUBLISHED, by=by, to_value="unpublished")
    engagement.published, engagement.version = False, row.version
