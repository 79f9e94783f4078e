"""What moves an engagement along besides its state: holds (place, release, promote,
challenge), performances, the deal, payments and the settlement. Each runs the service
the engagement page's form runs, as its management (403 for anyone else who sees it, 404
for anyone who does not)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from cadenza.api.auth import actor
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.problems import bad_parameter
from cadenza.api.routers.booking_types import (
    CHANGE,
    KEYED,
    Amount,
    Day,
    Moment,
    Rate,
    Text,
    Version,
    engagement_for,
    on_clock,
)
from cadenza.api.routers.engagement_out import (
    EngagementDetail,
    SettlementOut,
    engagement_detail,
    settlement_out,
)
from cadenza.engagements import money
from cadenza.engagements.deals import deal_set, payment_add, settlement_set
from cadenza.engagements.holds import hold_challenge, hold_place, hold_promote, hold_release
from cadenza.engagements.models import Deal, Engagement, Hold, Performance
from cadenza.engagements.services import performance_add, performance_remove
from cadenza.places.selectors import place_timezone

router = Router(tags=["engagements"])


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return engagement_detail(*engagement_for(request, pk))


class HoldIn(Schema):
    date: Day | None = Field(description="the day held; null: a date to be agreed")
    rank: int | None = Field(None, ge=1, le=99, description="a rank asked for; else the next free")
    expires_on: Day | None = None
    decision_due: Day | None = None
    version: Version


@router.post(
    "/{int:pk}/holds",
    response={201: EngagementDetail},
    summary="Place a hold",
    operation_id="hold_place",
    openapi_extra=KEYED,
)
def hold_new(
    request: HttpRequest, pk: int, payload: HoldIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """Pencil the artist's day for this engagement; an inquiry becomes a hold."""
    found, _ = engagement_for(request, pk, edit=True)

    def run() -> tuple[int, Any]:
        hold_place(
            engagement=found,
            dates=[payload.date],
            by=actor(request),
            rank=payload.rank,
            expires_on=payload.expires_on,
            decision_due=payload.decision_due,
            version=payload.version,
        )
        return 201, _detail(request, pk)

    return once(request, idempotency_key, EngagementDetail, run)


class HoldActionIn(Schema):
    action: str = Field(..., pattern="^(release|promote|challenge)$")
    respond_by: Moment | None = Field(
        None, description="a challenge's deadline (without an offset: the venue's clock)"
    )
    reason: Text = Field("", max_length=2000)
    version: Version


def _hold_of(request: HttpRequest, pk: int, hold_id: int) -> tuple[Engagement, Hold]:
    found, _ = engagement_for(request, pk, edit=True)
    hold = Hold.objects.filter(pk=hold_id, engagement=found).first()
    if hold is None:
        raise Http404(f"Engagement {pk} has no hold {hold_id}.")
    return found, hold


@router.post(
    "/{int:pk}/holds/{int:hold_id}/actions",
    response=EngagementDetail,
    summary="Release, promote or challenge a hold",
    operation_id="hold_action",
    openapi_extra=KEYED,
)
def hold_act(
    request: HttpRequest,
    pk: int,
    hold_id: int,
    payload: HoldActionIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    """As the holds table's buttons: release it (the holds below move up), promote it by
    hand, or challenge the holds above to answer by `respond_by`."""
    found, hold = _hold_of(request, pk, hold_id)
    by = actor(request)

    def run() -> tuple[int, Any]:
        if payload.action == "release":
            reason = payload.reason or "Released by the artist's management."
            hold_release(hold=hold, by=by, reason=reason, version=payload.version)
        elif payload.action == "promote":
            hold_promote(hold=hold, by=by, version=payload.version)
        else:
            if payload.respond_by is None:
                raise _missing("respond_by", "a deadline for the holds above to answer by")
            respond_by = payload.respond_by
            if respond_by.tzinfo is None:
                zone = place_timezone(found.venue) or settings.TIME_ZONE
                respond_by = respond_by.replace(tzinfo=ZoneInfo(zone))
            hold_challenge(hold=hold, respond_by=respond_by, by=by, version=payload.version)
        return 200, _detail(request, pk)

    return once(request, idempotency_key, EngagementDetail, run)


def _missing(field: str, what: str) -> Exception:
    return bad_parameter(field, f"missing: {what} was expected.")


class PerformanceIn(Schema):
    date: Day = Field(description="the day at the venue")
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    time_note: Text = Field("", max_length=100, description="'evening, to be fixed'")
    version: Version


@router.post(
    "/{int:pk}/performances",
    response={201: EngagementDetail},
    summary="Add a performance",
    operation_id="performance_add",
    openapi_extra=KEYED,
)
def performance_new(
    request: HttpRequest,
    pk: int,
    payload: PerformanceIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    found, _ = engagement_for(request, pk, edit=True)

    def run() -> tuple[int, Any]:
        performance_add(
            engagement=found,
            day=payload.date,
            starts_at=on_clock(found.venue, payload.starts_at, "starts_at"),
            ends_at=on_clock(found.venue, payload.ends_at, "ends_at"),
            time_note=payload.time_note,
            by=actor(request),
            version=payload.version,
        )
        return 201, _detail(request, pk)

    return once(request, idempotency_key, EngagementDetail, run)


@router.delete(
    "/{int:pk}/performances/{int:performance_id}",
    response=EngagementDetail,
    summary="Remove a performance",
    operation_id="performance_remove",
    openapi_extra=CHANGE,
)
def performance_delete(request: HttpRequest, pk: int, performance_id: int) -> Any:
    found, _ = engagement_for(request, pk, edit=True)
    performance = Performance.objects.filter(pk=performance_id, engagement=found).first()
    if performance is None:
        raise Http404(f"Engagement {pk} has no performance {performance_id}.")
    performance_remove(performance=performance, by=actor(request))
    return _detail(request, pk)


class WithholdingIn(Schema):
    jurisdiction: Text = Field(..., min_length=1, max_length=100)
    rate: Rate
    threshold: Amount = Decimal(0)


class DealIn(Schema):
    currency: str = Field(..., min_length=3, max_length=3, description="ISO 4217: USD, EUR")
    kind: str = Field("flat", pattern="^(flat|bonus|versus)$")
    guarantee: Amount
    bonus: Amount | None = None
    bonus_condition: Text = Field("", max_length=200)
    door_percentage: Rate | None = None
    deposit_percentage: Rate | None = None
    deposit_amount: Amount | None = None
    deposit_due: Day | None = None
    balance_due: Day | None = None
    vat_rate: Rate = Decimal(0)
    commission_rate: Rate = Decimal(0)
    commission_base: str = Field("gross", pattern="^(gross|net|on_top)$")
    withholdings: list[WithholdingIn] = Field([], max_length=10)
    version: Version


@router.put(
    "/{int:pk}/deal",
    response=EngagementDetail,
    summary="Set the deal",
    operation_id="deal_set",
    openapi_extra=CHANGE,
)
def deal_put(request: HttpRequest, pk: int, payload: DealIn) -> Any:
    """Set (or replace) the whole deal: every figure is checked before anything is saved;
    an amount with more decimals than its currency has is refused, naming it."""
    found, _ = engagement_for(request, pk, edit=True)
    terms = payload.model_dump(exclude={"withholdings", "version"})
    deal_set(
        engagement=found,
        by=actor(request),
        version=payload.version,
        withholdings=[
            money.WithholdingTerm(w.jurisdiction, w.rate, w.threshold) for w in payload.withholdings
        ],
        **terms,
    )
    return _detail(request, pk)


@router.get(
    "/{int:pk}/settlement",
    response=SettlementOut,
    summary="Its settlement",
    operation_id="settlement",
)
def settlement(request: HttpRequest, pk: int) -> Any:
    """The money section of its page: the figures (as settled once entered, before that what
    the deal guarantees), payments and expenses; the commission and the artist's net only
    with sight of the commission. 403 for those who see the engagement but not its fee."""
    found, seen = engagement_for(request, pk)
    if not seen.money:
        raise PermissionDenied("Only those shown the fee may see the settlement.")
    return settlement_out(found, seen)


class SettlementIn(Schema):
    door_receipts: Amount | None = None
    bonus_earned: bool = False
    settled_on: Day | None = None
    notes: Text = Field("", max_length=10_000)
    version: Version


@router.put(
    "/{int:pk}/settlement",
    response=SettlementOut,
    summary="Enter the settlement",
    operation_id="settlement_set",
    openapi_extra=CHANGE,
)
def settlement_put(request: HttpRequest, pk: int, payload: SettlementIn) -> Any:
    """What the fee depends on, known after the concert: the door, the bonus (the
    engagement must be completed)."""
    found, _ = engagement_for(request, pk, edit=True)
    settlement_set(
        engagement=found,
        by=actor(request),
        **payload.model_dump(),
    )
    return settlement_out(*engagement_for(request, pk))


class PaymentIn(Schema):
    paid_on: Day
    amount: Amount
    note: Text = Field("", max_length=200)
    version: Version


@router.post(
    "/{int:pk}/payments",
    response={201: SettlementOut},
    summary="Record a payment",
    operation_id="payment_add",
    openapi_extra=KEYED,
)
def payment_new(
    request: HttpRequest, pk: int, payload: PaymentIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """Money the presenter paid (the deposit, the balance), in the deal's currency."""
    found, _ = engagement_for(request, pk, edit=True)

    def run() -> tuple[int, Any]:
        payment_add(engagement=found, by=actor(request), **payload.model_dump())
        return 201, settlement_out(*engagement_for(request, pk))

    return once(request, idempotency_key, SettlementOut, run)


assert set(DealIn.model_fields) - {"version", "withholdings"} <= {
    f.name for f in Deal._meta.get_fields()
}
