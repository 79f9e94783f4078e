"""Writes for the money of an engagement: the deal, its withholding taxes, expenses,
payments and the settlement after the concert. The arithmetic is `money.py`'s."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from cadenza.engagements import money
from cadenza.engagements.changes import locked, log
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import (
    Change,
    Deal,
    Engagement,
    Expense,
    Payment,
    Settlement,
    State,
    Withholding,
)
from cadenza.folding import clean_name

# Once settled, the money is history: nothing of it changes.
_FROZEN = (State.SETTLED, State.DECLINED, State.RELEASED)


def _check_not_frozen(engagement: Engagement) -> None:
    if engagement.state in _FROZEN:
        raise Invalid(
            f"The money of a {engagement.get_state_display().lower()} engagement no longer "
            "changes.",
            field="state",
        )


def _currency_of(engagement: Engagement) -> str:
    deal = Deal.objects.filter(engagement=engagement).first()
    if deal is None:
        raise Invalid("Set the deal (its currency and fee) first.", field="deal")
    return deal.currency


def terms_of(
    deal: Deal, *, withholdings: Sequence[money.WithholdingTerm] | None = None
) -> money.Terms:
    """The deal as `money` reads it (with `withholdings` given, those instead of the saved
    ones: a deal being checked before it is saved)."""
    if withholdings is None:
        withholdings = [
            money.WithholdingTerm(w.jurisdiction, w.rate, w.threshold)
            for w in deal.withholdings.all()
        ]
    return money.Terms(
        currency=deal.currency,
        kind=deal.kind,
        guarantee=deal.guarantee,
        bonus=deal.bonus,
        door_percentage=deal.door_percentage,
        deposit_percentage=deal.deposit_percentage,
        deposit_amount=deal.deposit_amount,
        vat_rate=deal.vat_rate,
        commission_rate=deal.commission_rate,
        commission_base=deal.commission_base,
        withholdings=tuple(withholdings),
        expenses=tuple(
            money.ExpenseTerm(e.description, e.amount, e.paid_by)
            for e in deal.engagement.expenses.all()
        ),
    )


def _check_money_kept(row: Engagement, existing: Deal | None, *, currency: str, kind: str) -> None:
    """A new deal may not change what recorded money means: amounts are in the deal's
    currency, and a settled door needs its receipts."""
    entered = row.payments.exists() or row.expenses.exists()
    if existing is not None and existing.currency != currency and entered:
        raise Invalid(
            f"Payments or expenses are recorded in {existing.currency}; the currency can no "
            "longer change (remove them first).",
            field="currency",
        )
    settlement = Settlement.objects.filter(engagement=row).first()
    if kind == Deal.Kind.VERSUS and settlement is not None and settlement.door_receipts is None:
        raise Invalid(
            "The settlement has no door receipts: enter them before making it a deal versus "
            "the door.",
            field="kind",
        )


@transaction.atomic
def deal_set(
    *,
    engagement: Engagement,
    currency: str,
    guarantee: Decimal | str,
    by: Any = None,
    version: int | None = None,
    kind: str = Deal.Kind.FLAT,
    bonus: Decimal | str | None = None,
    bonus_condition: str = "",
    door_percentage: Decimal | str | None = None,
    deposit_percentage: Decimal | str | None = None,
    deposit_amount: Decimal | str | None = None,
    deposit_due: date | None = None,
    balance_due: date | None = None,
    vat_rate: Decimal | str = Decimal(0),
    commission_rate: Decimal | str = Decimal(0),
    commission_base: str = Deal.CommissionBase.GROSS,
    withholdings: Sequence[money.WithholdingTerm] = (),
) -> Deal:
    """Set (or replace) the whole deal; every figure is checked before anything is saved."""
    row = locked(engagement=engagement, version=version)
    _check_not_frozen(row)
    code = money.currency_check(currency)

    def amount(value: Decimal | str | None, name: str) -> Decimal | None:
        if value is None or value == "":
            return None
        return money.amount_check(value, currency=code, field=name)

    def rate(value: Decimal | str | None, name: str) -> Decimal | None:
        if value is None or value == "":
            return None
        return money.rate_check(value, field=name)

    checked = {
        "currency": code,
        "kind": kind,
        "guarantee": amount(guarantee, "guarantee"),
        "bonus": amount(bonus, "bonus"),
        "bonus_condition": bonus_condition.strip()[:200],
        "door_percentage": rate(door_percentage, "door_percentage"),
        "deposit_percentage": rate(deposit_percentage, "deposit_percentage"),
        "deposit_amount": amount(deposit_amount, "deposit_amount"),
        "deposit_due": deposit_due,
        "balance_due": balance_due,
        "vat_rate": rate(vat_rate, "vat_rate") or Decimal(0),
        "commission_rate": rate(commission_rate, "commission_rate") or Decimal(0),
        "commission_base": commission_base,
    }
    if checked["guarantee"] is None:
        raise Invalid("Give the guarantee (the fee), 0 if there is none.", field="guarantee")
    lines = [
        money.WithholdingTerm(
            line.jurisdiction.strip()[:100],
            money.rate_check(line.rate, field="withholdings"),
            money.amount_check(line.threshold, currency=code, field="withholdings"),
        )
        for line in withholdings
    ]
    if any(not line.jurisdiction for line in lines):
        raise Invalid("Each withholding tax needs its jurisdiction.", field="withholdings")
    if deposit_due and balance_due and deposit_due > balance_due:
        raise Invalid("The deposit is due after the balance.", field="deposit_due")
    existing = Deal.objects.filter(engagement=row).first()
    _check_money_kept(row, existing, currency=code, kind=kind)
    deal = existing or Deal(engagement=row)
    for name, value in checked.items():
        setattr(deal, name, value)
    money.terms_check(terms_of(deal, withholdings=lines))
    deal.save()
    deal.withholdings.all().delete()
    Withholding.objects.bulk_create(
        Withholding(deal=deal, jurisdiction=w.jurisdiction, rate=w.rate, threshold=w.threshold)
        for w in lines
    )
    shown = money.format_money(deal.guarantee, code)
    log(
        engagement=row,
        kind=Change.Kind.DEAL,
        by=by,
        from_value="deal changed" if existing else "",
        to_value=f"{deal.get_kind_display()}: {shown}",
    )
    return deal


@transaction.atomic
def expense_add(
    *,
    engagement: Engagement,
    description: str,
    amount: Decimal | str,
    paid_by: str,
    by: Any = None,
    version: int | None = None,
) -> Expense:
    row = locked(engagement=engagement, version=version)
    _check_not_frozen(row)
    if paid_by not in Expense.PaidBy.values:
        raise Invalid(
            f"Who pays must be one of {', '.join(Expense.PaidBy.values)}, not {paid_by!r}.",
            field="paid_by",
        )
    description = clean_name(description)
    if not description:
        raise Invalid("Say what the expense is for.", field="description")
    value = money.amount_check(amount, currency=_currency_of(row), field="amount")
    expense = Expense.objects.create(
        engagement=row, description=description[:200], amount=value, paid_by=paid_by
    )
    log(engagement=row, kind=Change.Kind.DEAL, by=by, to_value=f"expense: {expense}")
    return expense


@transaction.atomic
def expense_remove(*, expense: Expense, by: Any = None) -> None:
    row = locked(engagement=expense.engagement_id)
    _check_not_frozen(row)
    expense.delete()
    log(engagement=row, kind=Change.Kind.DEAL, by=by, from_value=f"expense: {expense}")


@transaction.atomic
def payment_add(
    *,
    engagement: Engagement,
    paid_on: date,
    amount: Decimal | str,
    note: str = "",
    by: Any = None,
    version: int | None = None,
) -> Payment:
    """Money the presenter paid (the deposit, the balance), in the deal's currency."""
    row = locked(engagement=engagement, version=version)
    _check_not_frozen(row)
    if row.state not in (State.CONTRACTED, State.CONFIRMED, State.COMPLETED):
        raise Invalid("Payments are recorded once the engagement is contracted.", field="state")
    currency = _currency_of(row)
    value = money.amount_check(amount, currency=currency, field="amount", allow_zero=False)
    if paid_on > timezone.localdate():
        raise Invalid(f"{paid_on:%Y-%m-%d} is in the future.", field="paid_on")
    payment = Payment.objects.create(
        engagement=row, paid_on=paid_on, amount=value, note=note.strip()[:200]
    )
    log(
        engagement=row,
        kind=Change.Kind.PAYMENT,
        by=by,
        to_value=f"{money.format_money(value, currency)} on {paid_on:%Y-%m-%d}",
    )
    return payment


@transaction.atomic
def settlement_set(
    *,
    engagement: Engagement,
    door_receipts: Decimal | str | None = None,
    bonus_earned: bool = False,
    settled_on: date | None = None,
    notes: str = "",
    by: Any = None,
    version: int | None = None,
) -> Settlement:
    """What the fee depends on, known after the concert: the door, the bonus. Refused
    before the concert has taken place (the engagement is completed)."""
    row = locked(engagement=engagement, version=version)
    if row.state != State.COMPLETED:
        raise Invalid(
            "A settlement is made after the concert has taken place: complete the engagement "
            f"first (it is {row.get_state_display().lower()}).",
            field="state",
        )
    deal = Deal.objects.filter(engagement=row).first()
    if deal is None:
        raise Invalid("Set the deal (its currency and fee) first.", field="deal")
    receipts = None
    if door_receipts not in (None, ""):
        assert door_receipts is not None
        receipts = money.amount_check(door_receipts, currency=deal.currency, field="door_receipts")
    if deal.kind == Deal.Kind.VERSUS and receipts is None:
        raise Invalid(
            "A guarantee-versus-door deal is settled with the door receipts.", field="door_receipts"
        )
    settlement, _ = Settlement.objects.update_or_create(
        engagement=row,
        defaults={
            "door_receipts": receipts,
            "bonus_earned": bonus_earned,
            "settled_on": settled_on,
            "notes": notes.strip(),
        },
    )
    log(engagement=row, kind=Change.Kind.PAYMENT, by=by, to_value="settlement entered")
    return settlement
