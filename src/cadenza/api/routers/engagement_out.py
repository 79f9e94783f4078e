"""One engagement as its page shows it to one user: every part only where the user's
sight allows it (holds, money, commission, notes), exactly as the page's template does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from ninja import Field, Schema

from cadenza.api.refs import Ref, ref
from cadenza.api.routers.booking_types import EngagementItem, engagement_item
from cadenza.engagements import money, selectors, states
from cadenza.engagements.access import Sight
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Deal, Engagement, Expense, Hold
from cadenza.places.selectors import place_timezone
from cadenza.repertoire.selectors import shown_title


class SightOut(Schema):
    """What this user may see and do on the engagement."""

    view: bool
    edit: bool
    money: bool
    commission: bool
    holds: bool
    notes: bool
    documents: bool


class PerformanceOut(Schema):
    id: int
    date: dt.date
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    time_note: str


class ProgrammeLine(Schema):
    position: int
    work: Ref | None = Field(description="None for an interval")
    interval_minutes: int | None


class ChallengeOut(Schema):
    respond_by: dt.datetime
    outcome: str


class HoldOut(Schema):
    id: int
    date: dt.date | None = Field(description="None: a date to be agreed")
    rank: int | None
    status: str
    expires_on: dt.date | None
    decision_due: dt.date | None
    challenges: list[ChallengeOut]


class WithholdingOut(Schema):
    jurisdiction: str
    rate: Decimal
    threshold: Decimal


class DealOut(Schema):
    currency: str
    kind: str
    guarantee: Decimal
    bonus: Decimal | None
    bonus_condition: str
    door_percentage: Decimal | None
    deposit_percentage: Decimal | None
    deposit_amount: Decimal | None
    deposit: Decimal | None = Field(description="the deposit due, computed")
    deposit_due: dt.date | None
    balance_due: dt.date | None
    vat_rate: Decimal
    withholdings: list[WithholdingOut]
    commission_rate: Decimal | None = Field(description="only with sight of the commission")
    commission_base: str | None


class LineOut(Schema):
    party: str
    what: str
    amount: Decimal


class FiguresOut(Schema):
    """The settlement's figures (as settled once entered, else what the deal guarantees);
    the commission and the artist's net only with sight of the commission."""

    currency: str
    fee: Decimal
    door_share: Decimal | None
    vat: Decimal
    withheld: Decimal
    presenter_pays: Decimal
    presenter_owes: Decimal
    paid: Decimal
    outstanding: Decimal
    commission: Decimal | None
    artist_net: Decimal | None
    parties: list[LineOut]


class PaymentOut(Schema):
    id: int
    paid_on: dt.date
    amount: Decimal
    note: str


class ExpenseOut(Schema):
    id: int
    description: str
    amount: Decimal
    paid_by: str


class SettlementOut(Schema):
    entered: bool = Field(description="whether the settlement was entered (else: the deal's)")
    door_receipts: Decimal | None
    bonus_earned: bool
    settled_on: dt.date | None
    notes: str | None = Field(description="only with sight of the notes")
    figures: FiguresOut | None
    error: str = Field(description="why no figures: a deal that cannot be settled as it stands")
    payments: list[PaymentOut]
    expenses: list[ExpenseOut] = Field(
        description="the artist's own only with sight of the commission"
    )


class EngagementDetail(EngagementItem):
    sight: SightOut
    zone: str = Field(description="the venue's time zone")
    contact: Ref | None
    dress: str
    published: bool
    radius_km: int | None
    radius_days: int | None
    rehearsal_days: int | None
    allowed_next: list[str] = Field(description="the states a move may go to (for editors)")
    performances: list[PerformanceOut]
    programme: list[ProgrammeLine]
    running_minutes: int
    unknown_lengths: list[str] = Field(description="works of the programme of unknown length")
    holds: list[HoldOut] | None = Field(description="only with sight of the holds")
    deal: DealOut | None = Field(description="only with sight of the money")
    settlement: SettlementOut | None = Field(description="only with sight of the money")
    notes: str | None = Field(description="the management's notes, only with sight of them")
    cancellation_terms: str | None = Field(description="only with sight of the notes")
    created: dt.datetime
    updated: dt.datetime


def _deal_of(engagement: Engagement) -> Deal | None:
    try:
        return engagement.deal
    except Deal.DoesNotExist:
        return None


def _m(amount: Decimal | None, currency: str) -> Decimal | None:
    """An amount to its currency's minor unit (stored with three decimals)."""
    if amount is None:
        return None
    try:
        return money.money(amount, currency)
    except Invalid:  # no deal, so no currency: as stored
        return amount


def holds_out(holds: list[Hold]) -> list[dict[str, Any]]:
    return [
        {
            "id": h.pk,
            "date": h.date,
            "rank": h.rank,
            "status": h.status,
            "expires_on": h.expires_on,
            "decision_due": h.decision_due,
            "challenges": [
                {"respond_by": c.respond_by, "outcome": c.outcome} for c in h.challenges.all()
            ],
        }
        for h in holds
    ]


def deal_out(engagement: Engagement, seen: Sight) -> dict[str, Any] | None:
    deal = _deal_of(engagement)
    if deal is None or not seen.money:
        return None
    commission, code = seen.commission, deal.currency
    try:
        deposit = selectors.deposit_of(engagement)
    except Invalid:
        deposit = None
    return {
        **{
            name: getattr(deal, name)
            for name in (
                "currency",
                "kind",
                "bonus_condition",
                "door_percentage",
                "deposit_percentage",
                "deposit_due",
                "balance_due",
                "vat_rate",
            )
        },
        "guarantee": _m(deal.guarantee, code),
        "bonus": _m(deal.bonus, code),
        "deposit_amount": _m(deal.deposit_amount, code),
        "deposit": _m(deposit, code),
        "withholdings": [
            {"jurisdiction": w.jurisdiction, "rate": w.rate, "threshold": _m(w.threshold, code)}
            for w in deal.withholdings.all()
        ],
        "commission_rate": deal.commission_rate if commission else None,
        "commission_base": deal.commission_base if commission else None,
    }


def _figures_out(figures: money.Figures, seen: Sight) -> dict[str, Any]:
    code = figures.currency
    rounded = {
        name: _m(getattr(figures, name), code)
        for name in (
            "fee",
            "vat",
            "withheld",
            "presenter_pays",
            "presenter_owes",
            "paid",
            "outstanding",
        )
    }
    return {
        **rounded,
        "currency": figures.currency,
        "door_share": _m(figures.door_share, code),
        "commission": _m(figures.commission, code) if seen.commission else None,
        "artist_net": _m(figures.artist_net, code) if seen.commission else None,
        "parties": [
            {"party": line.party, "what": line.what, "amount": _m(line.amount, code)}
            for line in selectors.parties_seen(figures, seen)
        ],
    }


def settlement_out(engagement: Engagement, seen: Sight) -> dict[str, Any] | None:
    """The page's money section: figures (the deal's or the settlement's), payments, expenses."""
    if not seen.money:
        return None
    figures, error = None, ""
    try:
        figures = selectors.figures_of(engagement)
    except Invalid as invalid:
        error = invalid.message
    settlement = getattr(engagement, "settlement", None)
    deal = _deal_of(engagement)
    code = deal.currency if deal is not None else "XXX"
    return {
        "entered": settlement is not None,
        "door_receipts": _m(settlement.door_receipts, code) if settlement else None,
        "bonus_earned": settlement.bonus_earned if settlement else False,
        "settled_on": settlement.settled_on if settlement else None,
        "notes": (settlement.notes if settlement else "") if seen.notes else None,
        "figures": _figures_out(figures, seen) if figures is not None else None,
        "error": error if deal is not None else "No deal yet.",
        "payments": [
            {"id": p.pk, "paid_on": p.paid_on, "amount": _m(p.amount, code), "note": p.note}
            for p in engagement.payments.all()
        ],
        "expenses": [
            {
                "id": e.pk,
                "description": e.description,
                "amount": _m(e.amount, code),
                "paid_by": e.paid_by,
            }
            for e in engagement.expenses.all()
            # The artist's own expenses only with sight of the commission, as the page.
            if seen.commission or e.paid_by != Expense.PaidBy.ARTIST
        ],
    }


def engagement_detail(engagement: Engagement, seen: Sight) -> dict[str, Any]:
    programme = list(engagement.programme.all())
    running = selectors.running_time(programme)
    return {
        **engagement_item(engagement),
        "sight": {name: getattr(seen, name) for name in SightOut.model_fields},
        "zone": place_timezone(engagement.venue) or settings.TIME_ZONE,
        "contact": ref(engagement.contact),
        "dress": engagement.dress,
        "published": engagement.published,
        "radius_km": engagement.radius_km,
        "radius_days": engagement.radius_days,
        "rehearsal_days": engagement.rehearsal_days,
        "allowed_next": list(states.allowed_next(engagement.state)) if seen.edit else [],
        "performances": [
            {
                "id": p.pk,
                "date": p.date,
                "starts_at": p.starts_at,
                "ends_at": p.ends_at,
                "time_note": p.time_note,
            }
            for p in engagement.performances.all()
        ],
        "programme": [
            {
                "position": e.position,
                "work": ref(e.work, shown_title(e.work)) if e.work is not None else None,
                "interval_minutes": (
                    round(e.interval.total_seconds() / 60) if e.interval is not None else None
                ),
            }
            for e in programme
        ],
        "running_minutes": running.minutes,
        "unknown_lengths": list(running.unknown),
        "holds": holds_out(list(engagement.holds.all())) if seen.holds else None,
        "deal": deal_out(engagement, seen),
        "settlement": settlement_out(engagement, seen),
        "notes": engagement.notes if seen.notes else None,
        "cancellation_terms": engagement.cancellation_terms if seen.notes else None,
        "created": engagement.created,
        "updated": engagement.updated,
    }
