"""Amounts as people read them: in their currency's own form ("$10,000.00", "¥1,000,000")."""

from __future__ import annotations

from decimal import Decimal

from django import template

from cadenza.engagements.money import format_money

register = template.Library()


@register.filter
def money(amount: Decimal | float | None, currency: str) -> str:
    """An amount in its currency's way; a float (a season plan's figures, kept as JSON)
    through its shortest decimal form."""
    if amount is None or not currency:
        return ""
    return format_money(Decimal(str(amount)) if isinstance(amount, float) else amount, currency)


@register.filter
def money_abs(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None else money(abs(amount), currency)


@register.filter
def normalize(number: Decimal | None) -> str:
    """A rate without trailing zeros: 15.825, not 15.8250."""
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text
