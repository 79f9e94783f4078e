"""An engagement's expenses, as its page's money section: read by those shown the fee (the
artist's own expenses only with sight of the commission, as the page), added and removed
by its management through `deals.expense_add` and `expense_remove`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from cadenza.api.auth import actor
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.routers.booking_types import (
    CHANGE,
    KEYED,
    Amount,
    Text,
    Version,
    engagement_for,
)
from cadenza.api.routers.engagement_out import ExpenseOut
from cadenza.engagements import money
from cadenza.engagements.access import Sight
from cadenza.engagements.changes import locked
from cadenza.engagements.deals import expense_add, expense_remove
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Deal, Engagement, Expense

router = Router(tags=["engagements"])
PaidBy = Literal["presenter", "rebilled", "artist"]
assert set(PaidBy.__args__) == set(Expense.PaidBy.values)  # type: ignore[attr-defined]


class ExpensesOut(Schema):
    version: int = Field(description="the engagement's version, for the next change")
    currency: str | None = Field(description="the deal's; None before there is a deal")
    expenses: list[ExpenseOut] = Field(
        description="the artist's own only with sight of the commission"
    )


def _amount(amount: Decimal, currency: str | None) -> Decimal:
    if currency is None:
        return amount
    try:
        return money.money(amount, currency)
    except Invalid:
        return amount


def _expenses(engagement: Engagement, seen: Sight) -> dict[str, Any]:
    currency = Deal.objects.filter(engagement=engagement).values_list("currency", flat=True).first()
    rows = Expense.objects.filter(engagement=engagement)
    if not seen.commission:
        rows = rows.exclude(paid_by=Expense.PaidBy.ARTIST)
    return {
        "version": Engagement.objects.values_list("version", flat=True).get(pk=engagement.pk),
        "currency": currency,
        "expenses": [
            {
                "id": e.pk,
                "description": e.description,
                "amount": _amount(e.amount, currency),
                "paid_by": e.paid_by,
            }
            for e in rows
        ],
    }


def _shown_the_fee(request: HttpRequest, pk: int) -> tuple[Engagement, Sight]:
    found, seen = engagement_for(request, pk)
    if not seen.money:
        raise PermissionDenied("Only those shown the fee may see the expenses.")
    return found, seen


@router.get(
    "/{int:pk}/expenses", response=ExpensesOut, summary="Its expenses", operation_id="expenses"
)
def expenses(request: HttpRequest, pk: int) -> Any:
    """Travel, hotels and the like, and who pays them: for those shown the fee (else 403)."""
    return _expenses(*_shown_the_fee(request, pk))


class ExpenseIn(Schema):
    description: Text = Field(..., min_length=1, max_length=200)
    amount: Amount = Field(description="in the deal's currency (as a string: '80.50')")
    paid_by: PaidBy = Field(
        description="presenter; rebilled (advanced, re-billed to the artist); artist"
    )
    version: Version


@router.post(
    "/{int:pk}/expenses",
    response={201: ExpensesOut},
    summary="Add an expense",
    operation_id="expense_add",
    openapi_extra=KEYED,
)
def expense_new(
    request: HttpRequest, pk: int, payload: ExpenseIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> HttpResponse:
    """As the page's expense form; the deal must be set first (its currency), and the money
    of a settled engagement no longer changes (400 naming `deal` or `state`)."""
    found, seen = engagement_for(request, pk, edit=True)

    def run() -> tuple[int, Any]:
        expense_add(engagement=found, by=actor(request), **payload.model_dump())
        return 201, _expenses(found, seen)

    return once(request, idempotency_key, ExpensesOut, run)


@router.delete(
    "/{int:pk}/expenses/{int:expense_id}",
    response=ExpensesOut,
    summary="Remove an expense",
    operation_id="expense_remove",
    openapi_extra=CHANGE,
)
def expense_delete(
    request: HttpRequest,
    pk: int,
    expense_id: int,
    version: int | None = Query(None, ge=1, le=2**31, description="the engagement's version"),
) -> Any:
    """`version` (a query parameter) as for every change."""
    found, seen = engagement_for(request, pk, edit=True)
    expense = Expense.objects.filter(pk=expense_id, engagement=found).first()
    if expense is None:
        raise Http404(f"Engagement {pk} has no expense {expense_id}.")
    with transaction.atomic():
        # expense_remove takes no version: it is checked here under the same lock.
        locked(engagement=found, version=version)
        expense_remove(expense=expense, by=actor(request))
    return _expenses(found, seen)
