"""Reads for the booking pages, the commands and the coming API: one engagement with all
it shows, the manager's dashboard, the artist's statement, lists by artist and state.

Who may see what is `access.py`'s; these selectors take the engagements a user may see
and leave each part (money, holds, notes) to the page to show only where the sight allows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Max, Prefetch, Q, QuerySet

from cadenza.engagements import money, states
from cadenza.engagements.access import Sight, engagements_visible_to
from cadenza.engagements.deals import terms_of
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import (
    Challenge,
    Change,
    Deal,
    Engagement,
    Hold,
    ProgrammeEntry,
    State,
)
from cadenza.people.models import Agent
from cadenza.people.selectors import composers_of
from cadenza.repertoire.selectors import catalogue_numbers_of
from cadenza.repertoire.titles import work_label

# "This week" on the dashboard, and how far ahead money falling due is listed.
WEEK = timedelta(days=7)
MONEY_AHEAD = timedelta(days=30)


def engagement_get(*, pk: int) -> Engagement:
    """One engagement with everything its page shows, in a fixed number of queries."""
    return (
        Engagement.objects.select_related(
            "artist", "presenter", "contact", "venue", "deal", "settlement"
        )
        .prefetch_related(
            "performances__event",
            Prefetch(
                "programme",
                queryset=ProgrammeEntry.objects.select_related("work").prefetch_related(
                    "work__catalogue_numbers"
                ),
            ),
            Prefetch("holds", queryset=Hold.objects.prefetch_related("challenges")),
            Prefetch("changes", queryset=Change.objects.select_related("by", "token")),
            "deal__withholdings",
            "expenses",
            "payments",
            "documents",
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class RunningTime:
    """The programme's length from its works' durations; works of unknown length named."""

    total: timedelta
    unknown: tuple[str, ...]

    @property
    def minutes(self) -> int:
        return round(self.total.total_seconds() / 60)


def running_time(entries: list[ProgrammeEntry]) -> RunningTime:
    total, unknown = timedelta(0), []
    for entry in entries:
        if entry.interval is not None:
            total += entry.interval
        elif entry.work is not None and entry.work.duration:
            total += entry.work.duration
        elif entry.work is not None:
            unknown.append(str(entry.work))
    return RunningTime(total=total, unknown=tuple(unknown))


def _deal(engagement: Engagement) -> Deal | None:
    try:
        return engagement.deal
    except Deal.DoesNotExist:
        return None


def figures_of(engagement: Engagement) -> money.Figures | None:
    """The settlement's figures: as settled once the settlement is entered, before that
    what the deal guarantees (a versus deal at its guarantee, no bonus)."""
    deal = _deal(engagement)
    if deal is None:
        return None
    settlement = getattr(engagement, "settlement", None)
    payments = tuple(p.amount for p in engagement.payments.all())
    if settlement is None:
        door = Decimal(0) if deal.kind == Deal.Kind.VERSUS else None
        outcome = money.Outcome(door_receipts=door, payments=payments)
    else:
        outcome = money.Outcome(
            door_receipts=settlement.door_receipts,
            bonus_earned=settlement.bonus_earned,
            payments=payments,
        )
    return money.settle(terms_of(deal), outcome)


def figures_or_none(engagement: Engagement) -> money.Figures | None:
    """The figures, or None where the stored deal cannot be settled as it stands (a page
    says so instead of failing)."""
    try:
        return figures_of(engagement)
    except Invalid:
        return None


def parties_seen(figures: money.Figures | None, seen: Sight) -> list[money.Line]:
    """Who gets what of the money; without sight of the commission, only what the presenter
    pays and the taxes it withholds (the artist's net would tell the commission)."""
    if figures is None:
        return []
    if seen.commission:
        return list(figures.parties)
    return [line for line in figures.parties if line.party.startswith(("Presenter", "Tax"))]


def changes_seen(engagement: Engagement, seen: Sight) -> list[Change]:
    """The history, less the lines about money, holds, notes or documents this sight may not
    see (the engagement's `changes` prefetched, as `engagement_get` does)."""
    hidden = set()
    if not seen.money:
        hidden |= {Change.Kind.DEAL, Change.Kind.PAYMENT}
    if not seen.holds:
        hidden.add(Change.Kind.HOLD)
    if not seen.notes:
        hidden.add(Change.Kind.DETAILS)
    if not seen.documents:
        hidden.add(Change.Kind.DOCUMENT)
    return [c for c in engagement.changes.all() if c.kind not in hidden]


def deposit_of(engagement: Engagement) -> Decimal | None:
    deal = _deal(engagement)
    return None if deal is None else money.deposit(terms_of(deal))


@dataclass
class Dashboard:
    pipeline: list[tuple[str, str, int]] = field(default_factory=list)
    holds_expiring: list[Hold] = field(default_factory=list)
    challenges: list[Challenge] = field(default_factory=list)
    challenged: list[tuple[Hold, Any]] = field(default_factory=list)
    decisions_due: list[Hold] = field(default_factory=list)
    money_due: list[tuple[date, str, Engagement]] = field(default_factory=list)


def dashboard(*, user: Any, today: date) -> Dashboard:
    """The manager's morning: the pipeline by state, holds expiring this week, challenges
    waiting, decisions due, and deposits and balances falling due."""
    visible = engagements_visible_to(user=user)
    counts = Counter(visible.values_list("state", flat=True))
    board = Dashboard(
        pipeline=[(s, states.label(s), counts.get(s, 0)) for s in states.PIPELINE],
    )
    active = Hold.objects.filter(engagement__in=visible, status=Hold.Status.ACTIVE)
    active = active.select_related("engagement__artist", "engagement__presenter")
    board.holds_expiring = list(
        active.filter(expires_on__gte=today, expires_on__lt=today + WEEK).order_by("expires_on")
    )
    board.decisions_due = list(
        active.filter(decision_due__lt=today + WEEK).order_by("decision_due", "id")
    )
    # Challenges made by holds the user may see; and the user's holds being challenged,
    # told without naming whose hold challenges them.
    waiting = Challenge.objects.filter(outcome=Challenge.Outcome.OPEN)
    board.challenges = list(
        waiting.filter(hold__engagement__in=visible)
        .select_related("hold__engagement__artist", "hold__engagement__presenter")
        .order_by("respond_by", "id")
    )
    by_day = {(c.hold.artist_id, c.hold.date): c for c in waiting.select_related("hold")}
    board.challenged = [
        (hold, by_day[(hold.artist_id, hold.date)].respond_by)
        for hold in active.filter(date__isnull=False).order_by("date", "rank")
        if (hold.artist_id, hold.date) in by_day
        and (by_day[(hold.artist_id, hold.date)].hold.rank or 0) > (hold.rank or 0)
    ]
    due = visible.filter(state__in=(State.CONTRACTED, State.CONFIRMED, State.COMPLETED))
    horizon = today + MONEY_AHEAD
    due = due.filter(Q(deal__deposit_due__lte=horizon) | Q(deal__balance_due__lte=horizon))
    due = due.select_related("deal", "artist", "settlement").prefetch_related(
        "payments", "expenses", "deal__withholdings"
    )
    for engagement in due:
        deal = engagement.deal
        figures = figures_or_none(engagement)
        paid = figures.paid if figures else Decimal(0)
        deposit_unpaid = paid < (deposit_of(engagement) or 0)
        if deal.deposit_due and deal.deposit_due <= horizon and deposit_unpaid:
            board.money_due.append((deal.deposit_due, "deposit", engagement))
        elif (
            deal.balance_due and deal.balance_due <= horizon and figures and figures.outstanding > 0
        ):
            board.money_due.append((deal.balance_due, "balance", engagement))
    board.money_due.sort(key=lambda row: (row[0], row[2].pk))
    return board


def engagements_listed(
    *, user: Any, artist: Agent | None = None, state: str | None = None
) -> QuerySet[Engagement]:
    """The engagements a user may see, newest first, by artist and state when given."""
    found = engagements_visible_to(user=user)
    if artist is not None:
        found = found.filter(artist=artist)
    if state:
        found = found.filter(state=state)
    return found.select_related("artist", "presenter", "venue").prefetch_related("performances")


@dataclass(frozen=True)
class StatementRow:
    engagement: Engagement
    last_day: date
    figures: money.Figures | None


@dataclass(frozen=True)
class Statement:
    artist: Agent
    start: date
    end: date
    rows: tuple[StatementRow, ...]
    net_by_currency: dict[str, Decimal]


def statement(*, artist: Agent, start: date, end: date) -> Statement:
    """The artist's engagements whose last performance falls in [start, end], contracted or
    later, with their net amounts, and the totals per currency (never converted)."""
    found = (
        Engagement.objects.filter(artist=artist, state__in=states.DEAL_FIXED)
        .annotate(last_day=Max("performances__date"))
        .filter(last_day__gte=start, last_day__lte=end)
        .select_related("deal", "settlement", "presenter")
        .prefetch_related("performances", "payments", "expenses", "deal__withholdings")
    )
    rows = []
    for engagement in found:
        days = [p.date for p in engagement.performances.all()]
        rows.append(StatementRow(engagement, max(days), figures_or_none(engagement)))
    rows.sort(key=lambda row: (row.last_day, row.engagement.pk))
    totals = money.totals_by_currency(
        (row.figures.currency, row.figures.artist_net) for row in rows if row.figures
    )
    return Statement(artist, start, end, tuple(rows), totals)


def other_holds_on_days(engagement: Engagement) -> list[Hold]:
    """Other presenters' active holds on this engagement's days: once it is contracted,
    its management decides whether to release them."""
    days = {p.date for p in engagement.performances.all()}
    days |= {h.date for h in engagement.holds.all() if h.date is not None}
    if not days:
        return []
    return list(
        Hold.objects.filter(
            artist_id=engagement.artist_id, date__in=days, status=Hold.Status.ACTIVE
        )
        .exclude(engagement=engagement)
        .select_related("engagement__presenter")
        .order_by("date", "rank")
    )


def engagements_all(
    *, artist: Agent | None = None, state: str | None = None
) -> QuerySet[Engagement]:
    """Every engagement, by artist and state when given, in the order they were made: for
    the commands, whose operator runs the server and so sees all (pages ask for a user)."""
    found = Engagement.objects.all()
    if artist is not None:
        found = found.filter(artist=artist)
    if state:
        found = found.filter(state=state)
    return (
        found.select_related("artist", "presenter", "deal")
        .prefetch_related("performances", "holds")
        .order_by("pk")
    )


def artists_engaged() -> QuerySet[Agent]:
    """The artists with at least one engagement, by name."""
    return Agent.objects.filter(pk__in=Engagement.objects.values("artist_id")).order_by("name")


def last_change_id() -> int:
    """The newest line of any engagement's history, to read what a command changed after it."""
    return Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def hold_promotions(*, after: int) -> list[Change]:
    """The holds moved up since the history line `after` (`holds.py` logs each promotion)."""
    return list(
        Change.objects.filter(pk__gt=after, kind=Change.Kind.HOLD, reason__startswith="Promoted:")
        .select_related("engagement")
        .order_by("pk")
    )


def programme_lines(engagement_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each engagement's programme as a calendar or a list tells it, in order: 'Bach's
    Cello Suite No. 1 in G major, BWV 1007', 'Interval'. Three queries, whatever the number
    of engagements (entries with their works, catalogue numbers, composers)."""
    entries = list(
        ProgrammeEntry.objects.filter(engagement_id__in=set(engagement_ids))
        .select_related("work")
        .order_by("engagement_id", "position")
    )
    work_ids = {e.work_id for e in entries if e.work_id is not None}
    numbers = catalogue_numbers_of(work_ids)
    composers = composers_of(work_ids)
    lines: dict[int, list[str]] = {}
    for entry in entries:
        work = entry.work
        told = (
            "Interval"
            if work is None
            else work_label(
                work.title, composers.get(work.pk), numbers.get(work.pk, ()), brief=False
            )
        )
        lines.setdefault(entry.engagement_id, []).append(told)
    return lines
