"""Holds as the trade uses them: ranked per artist and day, promoted, challenged, expired.

A presenter asks for an artist's day before the fee is agreed; the artist's manager
"pencils" it as the 1st hold of that day, the next presenter gets the 2nd, and so on.
When a higher hold goes (released, expired, its engagement declined), the holds below
move up one, unless the artist's roster turned that off (`Roster.auto_promote_holds`);
then the manager promotes by hand. A lower hold may challenge the holds above: each must
confirm (its engagement is contracted) or release by the deadline, or it is released
when the deadline passes (`cadenza holds expire`, run daily).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cadenza.accounts.selectors import auto_promote_holds
from cadenza.engagements.changes import locked, log, state_set
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Challenge, Change, Engagement, Hold, State

# Engagement states in which a new hold may be pencilled.
HOLDABLE = (State.INQUIRY, State.HOLD, State.OFFERED)


def ordinal(rank: int | None) -> str:
    if rank is None:
        return "unranked"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def describe(hold: Hold) -> str:
    if hold.date is None:
        return "hold on a date to be agreed"
    return f"{ordinal(hold.rank)} hold on {hold.date:%Y-%m-%d}"


def _active_on(*, artist_id: int, day: date) -> list[Hold]:
    return list(
        Hold.objects.select_for_update()
        .filter(artist_id=artist_id, date=day, status=Hold.Status.ACTIVE)
        .select_related("engagement")
        .order_by("rank", "id")
    )


def _confirmed_ranks(*, artist_id: int, day: date) -> set[int]:
    """Ranks of the day's confirmed holds: booked, they keep their place above the rest."""
    confirmed = Hold.objects.filter(artist_id=artist_id, date=day, status=Hold.Status.CONFIRMED)
    return {rank for rank in confirmed.values_list("rank", flat=True) if rank}


def _by(hold: Hold | None) -> str:
    # Said to the artist's management, who may see every engagement of the artist.
    return f" by “{hold.engagement}”" if hold is not None else " (booked)"


@transaction.atomic
def hold_place(
    *,
    engagement: Engagement,
    dates: Sequence[date | None],
    by: Any = None,
    rank: int | None = None,
    expires_on: date | None = None,
    decision_due: date | None = None,
    version: int | None = None,
) -> list[Hold]:
    """Pencil the artist for each day (None: a date to be agreed), at the next free rank
    or at `rank` when it is free. An inquiry becomes a hold."""
    row = locked(engagement=engagement, version=version)
    if row.state not in HOLDABLE:
        raise Invalid(
            f"A hold can be placed on an inquiry, a hold or an offer; this engagement is "
            f"{row.get_state_display().lower()}.",
            field="state",
        )
    if not dates:
        raise Invalid("Give at least one date (or 'to be agreed').", field="dates")
    if rank is not None and rank < 1:
        raise Invalid(f"A hold's rank is 1 or more, not {rank}.", field="rank")
    if expires_on and decision_due and decision_due > expires_on:
        raise Invalid("The decision is due after the hold expires.", field="decision_due")
    placed = []
    for day in dates:
        if day is not None and row.holds.filter(date=day, status=Hold.Status.ACTIVE).exists():
            raise Invalid(f"This engagement already holds {day:%Y-%m-%d}.", field="dates")
        hold_rank = None
        if day is not None:
            taken: dict[int, Hold | None] = dict.fromkeys(
                _confirmed_ranks(artist_id=row.artist_id, day=day)
            )
            taken |= {h.rank or 0: h for h in _active_on(artist_id=row.artist_id, day=day)}
            hold_rank = rank if rank is not None else max(taken, default=0) + 1
            if hold_rank in taken:
                raise Invalid(
                    f"The {ordinal(hold_rank)} hold on {day:%Y-%m-%d} is already taken"
                    f"{_by(taken[hold_rank])}; the next free rank is {max(taken) + 1}.",
                    field="rank",
                )
        try:
            with transaction.atomic():
                hold = Hold.objects.create(
                    engagement=row,
                    artist_id=row.artist_id,
                    date=day,
                    rank=hold_rank,
                    expires_on=expires_on,
                    decision_due=decision_due,
                )
        except IntegrityError as error:  # another writer took the rank a moment ago
            raise Invalid(
                f"The {ordinal(hold_rank)} hold on {day} was just taken; try again.",
                field="rank",
            ) from error
        log(engagement=row, kind=Change.Kind.HOLD, by=by, to_value=describe(hold))
        placed.append(hold)
    if row.state == State.INQUIRY:
        state_set(engagement=row, to_state=State.HOLD, by=by, reason="A hold was placed.")
    engagement.state, engagement.version = row.state, row.version
    return placed


def _rank_set(hold: Hold, rank: int, *, by: Any, reason: str) -> None:
    """Move a hold to a free rank, logged on its engagement."""
    before = describe(hold)
    Hold.objects.filter(pk=hold.pk).update(rank=rank)
    hold.rank = rank
    log(
        engagement=locked(engagement=hold.engagement_id),
        kind=Change.Kind.HOLD,
        by=by,
        from_value=before,
        to_value=describe(hold),
        reason=reason,
    )


def _renumber(*, artist_id: int, day: date, by: Any, reason: str) -> None:
    """Close the gaps in one day's ranks: each hold moves up to the first free rank (the
    ranks of confirmed holds stay theirs)."""
    reserved = _confirmed_ranks(artist_id=artist_id, day=day)
    free = (rank for rank in range(1, 1000) if rank not in reserved)
    for new_rank, hold in zip(free, _active_on(artist_id=artist_id, day=day), strict=False):
        if hold.rank == new_rank:
            continue
        # Ranks only shrink, in order: the rank taken is always free by now.
        _rank_set(hold, new_rank, by=by, reason=f"Promoted: {reason}")


def _end(
    hold: Hold,
    *,
    status: str,
    by: Any,
    reason: str,
    at: datetime | None = None,
    close_empty: bool = True,
) -> None:
    """End one hold, log it, and promote the holds below when the roster lets it. An
    engagement still at the hold stage left holding nothing is released with it."""
    Hold.objects.filter(pk=hold.pk).update(status=status)
    hold.status = status
    engagement = locked(engagement=hold.engagement_id)
    log(
        engagement=engagement,
        kind=Change.Kind.HOLD,
        by=by,
        from_value=describe(hold),
        to_value=status,
        reason=reason,
        at=at,
    )
    Challenge.objects.filter(hold=hold, outcome=Challenge.Outcome.OPEN).update(
        outcome=Challenge.Outcome.WITHDRAWN, resolved_at=at or timezone.now()
    )
    if hold.date is not None and auto_promote_holds(agent=engagement.artist):
        # Logged on other presenters' engagements: the hold above, never whose it was.
        what = f"the {describe(hold)}, above, was {status}"
        _renumber(artist_id=hold.artist_id, day=hold.date, by=by, reason=what)
    engagement = locked(engagement=hold.engagement_id)
    left = engagement.holds.filter(status=Hold.Status.ACTIVE).exists()
    if close_empty and engagement.state == State.HOLD and not left:
        reason = "It holds no date any more."
        state_set(engagement=engagement, to_state=State.RELEASED, by=by, reason=reason, at=at)


@transaction.atomic
def hold_release(
    *, hold: Hold, by: Any = None, reason: str = "", version: int | None = None
) -> None:
    """Let a hold go; the holds below move up. An engagement left holding nothing is released."""
    hold = Hold.objects.select_for_update().get(pk=hold.pk)
    locked(engagement=hold.engagement_id, version=version)  # a stale page is told
    if hold.status != Hold.Status.ACTIVE:
        raise Invalid(f"This hold is already {hold.get_status_display().lower()}.", field="hold")
    _end(hold, status=Hold.Status.RELEASED, by=by, reason=reason or "Released.")


def holds_end(*, engagement: Engagement, status: str, by: Any, reason: str) -> None:
    """End every hold of an engagement still standing, confirmed ones too (declined,
    released, cancelled): the holds below them move up."""
    standing = (Hold.Status.ACTIVE, Hold.Status.CONFIRMED)
    for hold in engagement.holds.select_for_update().filter(status__in=standing):
        _end(hold, status=status, by=by, reason=reason, close_empty=False)


@dataclass
class Confirmed:
    """What confirming an engagement's holds leaves to decide: the other holds of its days."""

    holds: list[Hold] = field(default_factory=list)
    others: list[Hold] = field(default_factory=list)


def holds_confirm(*, engagement: Engagement, by: Any, at: datetime | None = None) -> Confirmed:
    """The engagement is booked: its dated holds are confirmed, challenges against them lost,
    and the other holds on its days are returned so the manager can release them."""
    result = Confirmed()
    now = at or timezone.now()
    for hold in engagement.holds.select_for_update().filter(status=Hold.Status.ACTIVE):
        Hold.objects.filter(pk=hold.pk).update(status=Hold.Status.CONFIRMED)
        log(
            engagement=engagement,
            kind=Change.Kind.HOLD,
            by=by,
            from_value=describe(hold),
            to_value=Hold.Status.CONFIRMED,
            at=now,
        )
        result.holds.append(hold)
        if hold.date is None:
            continue
        below = Hold.objects.filter(
            artist_id=hold.artist_id, date=hold.date, status=Hold.Status.ACTIVE
        ).exclude(engagement=engagement)
        Challenge.objects.filter(hold__in=below, outcome=Challenge.Outcome.OPEN).update(
            outcome=Challenge.Outcome.LOST, resolved_at=now
        )
        result.others.extend(below.select_related("engagement"))
    return result


@transaction.atomic
def hold_promote(*, hold: Hold, by: Any = None, version: int | None = None) -> Hold:
    """Move a hold up by hand (auto-promotion off) through the free ranks just above it."""
    hold = Hold.objects.select_for_update().get(pk=hold.pk)
    locked(engagement=hold.engagement_id, version=version)  # a stale page is told
    if hold.status != Hold.Status.ACTIVE or hold.date is None or hold.rank is None:
        raise Invalid("Only an active hold on a date can be promoted.", field="hold")
    taken = {h.rank for h in _active_on(artist_id=hold.artist_id, day=hold.date)}
    taken |= _confirmed_ranks(artist_id=hold.artist_id, day=hold.date)
    # Up through the free ranks just above it, never past a hold still standing.
    rank = hold.rank
    while rank > 1 and rank - 1 not in taken:
        rank -= 1
    if rank == hold.rank:
        raise Invalid(
            f"The hold just above the {describe(hold)} still stands: promote or release "
            "that one first.",
            field="hold",
        )
    _rank_set(hold, rank, by=by, reason="Promoted by hand.")
    return hold


@transaction.atomic
def hold_challenge(
    *, hold: Hold, respond_by: datetime, by: Any = None, version: int | None = None
) -> Challenge:
    """A lower hold asks the holds above it to confirm or release by `respond_by`."""
    hold = Hold.objects.select_for_update().get(pk=hold.pk)
    locked(engagement=hold.engagement_id, version=version)  # a stale page is told
    if hold.status != Hold.Status.ACTIVE or not hold.rank or hold.rank == 1:
        raise Invalid("Only an active hold below the 1st can challenge.", field="hold")
    now = timezone.now()
    if respond_by <= now:
        raise Invalid("The answer must be due in the future.", field="respond_by")
    if hold.challenges.filter(outcome=Challenge.Outcome.OPEN).exists():
        raise Invalid("This hold already has a challenge waiting.", field="hold")
    challenge = Challenge.objects.create(hold=hold, made_at=now, respond_by=respond_by)
    assert hold.date is not None  # a ranked hold has a date (a database constraint)
    for above in _active_on(artist_id=hold.artist_id, day=hold.date):
        if above.rank is not None and above.rank < hold.rank:
            log(
                engagement=locked(engagement=above.engagement_id),
                kind=Change.Kind.HOLD,
                by=by,
                from_value=describe(above),
                to_value="challenged",
                reason=f"Confirm or release by {timezone.localtime(respond_by):%Y-%m-%d %H:%M}.",
            )
    log(
        engagement=locked(engagement=hold.engagement_id),
        kind=Change.Kind.HOLD,
        by=by,
        from_value=describe(hold),
        to_value="challenging the holds above",
    )
    return challenge


@dataclass
class Expiry:
    expired: list[Hold] = field(default_factory=list)
    released_by_challenge: list[Hold] = field(default_factory=list)
    challenges_won: list[Challenge] = field(default_factory=list)


@transaction.atomic
def holds_expire(*, today: date | None = None, now: datetime | None = None) -> Expiry:
    """For a daily timer: expire holds past their date, and settle challenges past their
    deadline (the holds above that neither confirmed nor released are released)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    result = Expiry()
    due = Hold.objects.select_for_update().filter(status=Hold.Status.ACTIVE, expires_on__lt=today)
    for hold in due.order_by("date", "rank", "id"):
        _end(hold, status=Hold.Status.EXPIRED, by=None, reason="Its expiry date passed.", at=now)
        result.expired.append(hold)
    challenges = Challenge.objects.select_for_update().filter(
        outcome=Challenge.Outcome.OPEN, respond_by__lt=now
    )
    for due_id in list(challenges.order_by("respond_by", "id").values_list("pk", flat=True)):
        # Read again: settling an earlier challenge may have moved or withdrawn this one.
        challenge = Challenge.objects.select_related("hold").get(pk=due_id)
        challenger = challenge.hold
        if challenge.outcome != Challenge.Outcome.OPEN or challenger.status != Hold.Status.ACTIVE:
            continue
        assert challenger.date is not None
        for above in _active_on(artist_id=challenger.artist_id, day=challenger.date):
            if above.rank is not None and challenger.rank and above.rank < challenger.rank:
                reason = "It did not answer a challenge in time."
                _end(above, status=Hold.Status.RELEASED, by=None, reason=reason, at=now)
                result.released_by_challenge.append(above)
        Challenge.objects.filter(pk=challenge.pk).update(
            outcome=Challenge.Outcome.WON, resolved_at=now
        )
        result.challenges_won.append(challenge)
    return result
