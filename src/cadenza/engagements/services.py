"""Writes for engagements: create, change the details, dates and programme, and move them
from state to state (the rules of `states.py`), each change logged.

Holds are written by `holds.py`, the deal and money by `deals.py`, documents by
`documents.py`, and completed performances become the record's events in `publishing.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from cadenza.engagements import states
from cadenza.engagements.changes import locked, log, state_set
from cadenza.engagements.errors import Invalid
from cadenza.engagements.holds import holds_confirm, holds_end
from cadenza.engagements.models import (
    MAX_REHEARSAL_DAYS,
    Change,
    Engagement,
    Hold,
    Performance,
    ProgrammeEntry,
    Settlement,
    State,
)
from cadenza.folding import clean_name, clean_text
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.selectors import place_timezone
from cadenza.repertoire.models import Work

TITLE_LENGTH = 200
# States in which dates, programme and details may still change.
OPEN_STATES = (
    State.INQUIRY,
    State.HOLD,
    State.OFFERED,
    State.CONTRACTED,
    State.CONFIRMED,
)
# A state the engagement may only reach through another service.
_THROUGH: dict[str, str] = {State.HOLD: "Place a hold on a date to move it to hold."}
# Ending states, and what becomes of the engagement's holds in each.
_ENDINGS = (State.DECLINED, State.RELEASED, State.CANCELLED)


def _check_parties(*, artist: Agent, presenter: Agent, contact: Agent | None) -> None:
    if artist.kind not in (Agent.Kind.PERSON, Agent.Kind.ENSEMBLE):
        raise Invalid(
            f"The artist must be a person or an ensemble; {artist} is an organisation.",
            field="artist",
        )
    # Orchestras engage soloists as well as halls and festivals do.
    if presenter.kind == Agent.Kind.PERSON:
        raise Invalid(
            f"The presenter must be an organisation or an ensemble; {presenter} is a person.",
            field="presenter",
        )
    if contact is not None and contact.kind != Agent.Kind.PERSON:
        raise Invalid(f"The contact must be a person; {contact} is not.", field="contact")


def _check_title(title: str) -> str:
    title = clean_name(title)
    if not title:
        raise Invalid("Give the engagement a title, e.g. 'Carnegie Hall recital'.", field="title")
    if len(title) > TITLE_LENGTH:
        raise Invalid(
            f"The title has {len(title)} characters; at most {TITLE_LENGTH}.", field="title"
        )
    return title


# Notes and terms are a few paragraphs; the forms say so too (web/booking_forms.py).
NOTES_LENGTH = 5000


def _check_notes(text: str, *, field: str) -> str:
    text = clean_text(text)
    if len(text) > NOTES_LENGTH:
        raise Invalid(
            f"The {field.replace('_', ' ')} have {len(text)} characters; at most {NOTES_LENGTH}.",
            field=field,
        )
    return text


def _check_open(engagement: Engagement, what: str) -> None:
    if engagement.state not in OPEN_STATES:
        raise Invalid(
            f"The {what} of a {engagement.get_state_display().lower()} engagement can no "
            "longer change.",
            field="state",
        )


@transaction.atomic
def engagement_create(
    *,
    artist: Agent,
    presenter: Agent,
    title: str,
    by: Any = None,
    venue: Place | None = None,
    contact: Agent | None = None,
    notes: str = "",
    dates: Sequence[date] = (),
) -> Engagement:
    """A new inquiry: who asks whom, where, and on which days if they are known."""
    _check_parties(artist=artist, presenter=presenter, contact=contact)
    engagement = Engagement.objects.create(
        artist=artist,
        presenter=presenter,
        contact=contact,
        venue=venue,
        title=_check_title(title),
        notes=_check_notes(notes, field="notes"),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log(
        engagement=engagement,
        kind=Change.Kind.STATE,
        by=by,
        to_value=State.INQUIRY,
        reason=f"Inquiry from {presenter}.",
    )
    for day in sorted(set(dates)):
        Performance.objects.create(engagement=engagement, date=day)
    return engagement


@transaction.atomic
def engagement_update(
    *,
    engagement: Engagement,
    by: Any = None,
    version: int | None = None,
    **changes: Any,
) -> Engagement:
    """Change the details: title, venue, contact, notes, cancellation terms, radius clause,
    rehearsal days."""
    allowed = {
        "rehearsal_days",
        "title",
        "venue",
        "contact",
        "notes",
        "cancellation_terms",
        "radius_km",
        "radius_days",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise Invalid(f"Unknown detail: {', '.join(sorted(unknown))}.", field=min(unknown))
    row = locked(engagement=engagement, version=version)
    if "title" in changes:
        changes["title"] = _check_title(changes["title"])
    for name in ("notes", "cancellation_terms"):
        if name in changes:
            changes[name] = _check_notes(changes[name] or "", field=name)
    if "contact" in changes:
        _check_parties(artist=row.artist, presenter=row.presenter, contact=changes["contact"])
    radius = (
        changes.get("radius_km", row.radius_km),
        changes.get("radius_days", row.radius_days),
    )
    if (radius[0] is None) != (radius[1] is None):
        field_name = "radius_days" if radius[1] is None else "radius_km"
        raise Invalid(
            "A radius clause needs both a distance in km and a number of days.", field=field_name
        )
    days = changes.get("rehearsal_days")
    if days is not None and not 0 <= days <= MAX_REHEARSAL_DAYS:
        raise Invalid(
            f"Rehearsal days: expected 0 to {MAX_REHEARSAL_DAYS}, not {days}.",
            field="rehearsal_days",
        )
    changed = [name for name, value in changes.items() if getattr(row, name) != value]
    if not changed:
        return row
    for name in changed:
        setattr(row, name, changes[name])
    row.save(update_fields=[*changed, "updated"])
    log(engagement=row, kind=Change.Kind.DETAILS, by=by, to_value=", ".join(changed))
    return row


def _local_date(moment: datetime, venue: Place | None) -> date:
    zone = place_timezone(venue)
    return moment.astimezone(ZoneInfo(zone)).date() if zone else moment.date()


@transaction.atomic
def performance_add(
    *,
    engagement: Engagement,
    day: date,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    time_note: str = "",
    by: Any = None,
    version: int | None = None,
) -> Performance:
    """A performance on a day at the venue; its times once known (zone-aware)."""
    row = locked(engagement=engagement, version=version)
    _check_open(row, "dates")
    if starts_at is not None:
        if timezone.is_naive(starts_at):
            raise Invalid("The start time needs its time zone.", field="starts_at")
        if _local_date(starts_at, row.venue) != day:
            raise Invalid(
                f"The start time falls on {_local_date(starts_at, row.venue):%Y-%m-%d} at the "
                f"venue, not on {day:%Y-%m-%d}.",
                field="starts_at",
            )
    if ends_at is not None and (starts_at is None or ends_at <= starts_at):
        raise Invalid("The performance ends before it starts (or has no start).", field="ends_at")
    performance = Performance.objects.create(
        engagement=row,
        date=day,
        starts_at=starts_at,
        ends_at=ends_at,
        time_note=time_note.strip()[:100],
    )
    log(engagement=row, kind=Change.Kind.DETAILS, by=by, to_value=f"performance on {day}")
    return performance


@transaction.atomic
def performance_remove(*, performance: Performance, by: Any = None) -> None:
    row = locked(engagement=performance.engagement_id)
    _check_open(row, "dates")
    performance.delete()
    log(
        engagement=row,
        kind=Change.Kind.DETAILS,
        by=by,
        from_value=f"performance on {performance.date}",
        to_value="removed",
    )


@transaction.atomic
def programme_set(
    *,
    engagement: Engagement,
    entries: Sequence[Work | timedelta],
    by: Any = None,
    version: int | None = None,
) -> list[ProgrammeEntry]:
    """Replace the programme: works in order, a timedelta for an interval of that length."""
    row = locked(engagement=engagement, version=version)
    _check_open(row, "programme")
    for position, entry in enumerate(entries, start=1):
        if isinstance(entry, timedelta) and not timedelta(0) < entry <= timedelta(hours=2):
            raise Invalid(
                f"Line {position}: an interval lasts between a minute and two hours.",
                field="programme",
            )
    row.programme.all().delete()
    saved = ProgrammeEntry.objects.bulk_create(
        ProgrammeEntry(
            engagement=row,
            position=position,
            work=entry if isinstance(entry, Work) else None,
            interval=entry if isinstance(entry, timedelta) else None,
        )
        for position, entry in enumerate(entries, start=1)
    )
    log(
        engagement=row,
        kind=Change.Kind.DETAILS,
        by=by,
        to_value=f"programme of {len(saved)} lines",
    )
    return saved


@dataclass
class Moved:
    """The engagement after a move, and the other holds of its days it leaves to decide."""

    engagement: Engagement
    other_holds: list[Hold] = field(default_factory=list)


def _check_move(row: Engagement, to_state: str, today: date, reason: str) -> None:
    if to_state not in State.values:
        raise Invalid(f"Unknown state {to_state!r}.", field="state")
    if not states.is_allowed(row.state, to_state):
        allowed = ", ".join(states.label(s).lower() for s in states.allowed_next(row.state))
        raise Invalid(
            f"An engagement at the {row.get_state_display().lower()} stage cannot become "
            f"{states.label(to_state).lower()}; it can become: {allowed or 'nothing'}.",
            field="state",
        )
    if to_state in _THROUGH:
        raise Invalid(_THROUGH[to_state], field="state")
    has_deal = hasattr(row, "deal")
    if to_state in (State.OFFERED, State.CONTRACTED) and not has_deal:
        raise Invalid(
            f"An engagement is {states.label(to_state).lower()} with a fee: set the deal first.",
            field="deal",
        )
    days = [p.date for p in row.performances.all()]
    if to_state in (State.CONTRACTED, State.CONFIRMED) and not days:
        raise Invalid("Give the performance dates first.", field="performances")
    if to_state == State.COMPLETED and max(days, default=today) >= today:
        last = max(days, default=today)
        raise Invalid(
            f"The last performance is on {last:%Y-%m-%d}; the engagement is completed the day "
            "after it has taken place.",
            field="state",
        )
    if to_state == State.SETTLED:
        settlement = Settlement.objects.filter(engagement=row).first()
        if settlement is None:
            raise Invalid(
                "Enter the settlement (what was paid and earned) first.", field="settlement"
            )
        if has_deal and row.deal.kind == "versus" and settlement.door_receipts is None:
            raise Invalid(
                "A deal versus the door is settled with its receipts.", field="settlement"
            )
    if to_state == State.CANCELLED and not reason.strip():
        raise Invalid("Say why the engagement is cancelled.", field="reason")


@transaction.atomic
def engagement_move(
    *,
    engagement: Engagement,
    to_state: str,
    by: Any = None,
    reason: str = "",
    version: int | None = None,
    today: date | None = None,
) -> Moved:
    """Move the engagement to its next state, if the rules allow it, and log why."""
    row = locked(engagement=engagement, version=version)
    _check_move(row, to_state, today or timezone.localdate(), reason)
    moved = Moved(engagement=row)
    if to_state in _ENDINGS:
        holds_end(engagement=row, status=Hold.Status.RELEASED, by=by, reason=reason)
    if to_state in (State.CONTRACTED, State.CONFIRMED):
        moved.other_holds = holds_confirm(engagement=row, by=by).others
    state_set(engagement=row, to_state=to_state, by=by, reason=reason.strip())
    engagement.state, engagement.version = row.state, row.version
    return moved
