"""Money: currencies, checked amounts and rates, and the one computation of a settlement.

Pure Python on `Decimal`, never floats, and no Django models: a selector builds `Terms` and
`Outcome` from the `Deal`, `Withholding`, `Expense`, `Settlement` and `Payment` rows and
calls `settle`. Currencies are ISO 4217 codes as babel knows them; each is rounded to its
own minor unit (USD 2 decimals, JPY none, KWD 3) with ROUND_HALF_UP.

How `settle` computes (every line is rounded on its own, and every total is the sum of
rounded lines, so the figures always add up to the last minor unit):

- fee: flat, the guarantee; bonus, the guarantee plus the bonus when it was earned; versus,
  the greater of the guarantee and the door share (door receipts × door percentage).
- VAT: fee × VAT rate, charged to the presenter on top of the fee and collected by the
  artist's side for the tax authority; no part of the artist's net.
- withholding: one line per term, fee × rate when the fee is above the term's threshold
  (Germany's §50a: 15.825 % above 250 EUR), else zero. The presenter pays it to that
  jurisdiction's tax authority, not to the artist's side.
- commission: gross, fee × rate; net, (fee - withholding) × rate; on top, fee × rate paid
  by the presenter in addition to the fee, so it does not reduce the artist's net.
- expenses: paid by the presenter, listed only; re-billed (advanced by the presenter for the
  artist), kept back from what the presenter pays over and taken from the artist's net;
  paid by the artist, taken from the artist's net only.
- the presenter pays in all fee + VAT (+ commission on top), and owes the artist's side
  that less withholding and re-billed expenses; outstanding = owed - paid, negative when
  the presenter paid too much.
- the artist's net = fee - withholding - commission (unless on top) - re-billed - own
  expenses; it is negative when the deductions exceed the fee.

`Figures.parties` splits what the presenter pays in all among those who receive it: the
tax authorities, the presenter itself (re-billed expenses), the manager, the artist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import NamedTuple

from babel.numbers import format_currency, get_currency_precision, is_currency

from cadenza.engagements.errors import Invalid

KINDS = ("flat", "bonus", "versus")
COMMISSION_BASES = ("gross", "net", "on_top")
PAYERS = ("presenter", "rebilled", "artist")
# ISO 4217's codes for "no currency" and for tests: in babel's list, never a fee's currency.
NOT_MONEY = frozenset({"XXX", "XTS"})
# The columns keep 3 decimals in 14 digits (models.AMOUNT) and rates 4 (models.RATE).
STORED_DECIMALS = 3
MAX_AMOUNT = Decimal("99999999999.999")
RATE_DECIMALS = 4
# Enough digits that no product of a stored amount and a rate is rounded before we round it.
PRECISION = 40


def _label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def currency_check(code: str, *, field: str = "currency") -> str:
    """The ISO 4217 code, upper-cased, or Invalid naming the field."""
    label = _label(field)
    normal = code.strip().upper() if isinstance(code, str) else ""
    if normal in NOT_MONEY or not is_currency(normal, locale="en"):
        message = (
            f"{label} must be an ISO 4217 code such as USD, EUR or JPY; {normal!r} is not one."
        )
        raise Invalid(message, field=field)
    if get_currency_precision(normal) > STORED_DECIMALS:
        # CLF and UYW, units of account, count 4 decimals: more than the columns keep.
        raise Invalid(f"{label} {normal} has more decimals than Cadenza keeps.", field=field)
    return normal


def minor_digits(currency: str) -> int:
    """Decimals of the currency's minor unit: USD 2, JPY 0, KWD 3."""
    return int(get_currency_precision(currency_check(currency)))


def _round(amount: Decimal, digits: int) -> Decimal:
    return amount.quantize(Decimal((0, (1,), -digits)), rounding=ROUND_HALF_UP)


def money(amount: Decimal, currency: str) -> Decimal:
    """The amount rounded to the currency's minor unit, halves away from zero."""
    return _round(amount, minor_digits(currency))


def format_money(amount: Decimal, currency: str, locale: str = "en") -> str:
    """'$1,234.50', '¥1,235', '1.234,50 €' (rounded by our rule first, not babel's)."""
    return str(format_currency(money(amount, currency), currency_check(currency), locale=locale))


def _decimal(value: Decimal | str | int, label: str, field: str) -> Decimal:
    """A finite, non-negative Decimal from a Decimal, a string or an int."""
    if isinstance(value, float):
        # A float cannot hold 0.1 exactly: it has already lost the amount.
        raise Invalid(f"{label} must be a Decimal or a string, not a float: {value!r}", field=field)
    if isinstance(value, bool) or not isinstance(value, Decimal | str | int):
        raise Invalid(f"{label} must be a number, not {value!r}.", field=field)
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise Invalid(f"{label} must be a number: {value!r} is not one.", field=field) from None
    if not number.is_finite():
        raise Invalid(f"{label} must be a finite number, not {value}.", field=field)
    if number < 0:
        raise Invalid(f"{label} cannot be negative: {value}.", field=field)
    return number.copy_abs()  # -0 becomes 0


def _decimals(number: Decimal) -> int:
    """Decimals the value needs: 1000.50 needs 1, 1000.00 none (normalize() would round)."""
    _, digits, exponent = number.as_tuple()
    if number == 0 or not isinstance(exponent, int):
        return 0
    places, end = -exponent, len(digits)
    while places > 0 and digits[end - 1] == 0:
        places, end = places - 1, end - 1
    return max(0, places)


def amount_check(
    value: Decimal | str | int,
    *,
    currency: str,
    field: str,
    allow_zero: bool = True,
    label: str | None = None,
) -> Decimal:
    """A non-negative amount with no more decimals than the currency has, at its scale."""
    label = label or _label(field)
    currency = currency_check(currency)
    digits = minor_digits(currency)
    number = _decimal(value, label, field)
    if not allow_zero and number == 0:
        raise Invalid(f"{label} must be more than zero.", field=field)
    if _decimals(number) > digits:
        limit = f"has at most {digits} decimals" if digits else "cannot have decimals"
        raise Invalid(f"{label} in {currency} {limit}: {value}", field=field)
    if number > MAX_AMOUNT:
        raise Invalid(f"{label} is too large: {value}.", field=field)
    return _round(number, digits)


def rate_check(value: Decimal | str | int, *, field: str, label: str | None = None) -> Decimal:
    """A percentage from 0 to 100 with at most 4 decimals (15.825 for 15.825 %)."""
    label = label or _label(field)
    number = _decimal(value, label, field)
    if number > 100:
        raise Invalid(f"{label} is a percentage from 0 to 100: {value} is not.", field=field)
    if _decimals(number) > RATE_DECIMALS:
        raise Invalid(f"{label} has at most {RATE_DECIMALS} decimals: {value}", field=field)
    return number


@dataclass(frozen=True)
class WithholdingTerm:
    jurisdiction: str
    rate: Decimal
    threshold: Decimal = Decimal(0)


@dataclass(frozen=True)
class ExpenseTerm:
    description: str
    amount: Decimal
    paid_by: str  # one of PAYERS


@dataclass(frozen=True)
class Terms:
    """The deal as agreed; the defaults are the model's."""

    currency: str
    kind: str
    guarantee: Decimal
    bonus: Decimal | None = None
    door_percentage: Decimal | None = None
    deposit_percentage: Decimal | None = None
    deposit_amount: Decimal | None = None
    vat_rate: Decimal = Decimal(0)
    commission_rate: Decimal = Decimal(0)
    commission_base: str = "gross"
    withholdings: tuple[WithholdingTerm, ...] = ()
    expenses: tuple[ExpenseTerm, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What happened: the door, whether the bonus was earned, what the presenter paid."""

    door_receipts: Decimal | None = None
    bonus_earned: bool = False
    payments: tuple[Decimal, ...] = ()


class Line(NamedTuple):
    party: str
    what: str
    amount: Decimal


@dataclass(frozen=True)
class Figures:
    """An engagement's settlement: every amount rounded to the currency's minor unit."""

    currency: str
    fee: Decimal
    door_share: Decimal | None  # versus deals only
    vat: Decimal
    withholdings: tuple[tuple[str, Decimal], ...]  # (jurisdiction, amount), one per term
    withheld: Decimal
    commission: Decimal
    commission_on_top: bool
    presenter_expenses: tuple[tuple[str, Decimal], ...]  # (description, amount), listed only
    rebilled: Decimal
    artist_expenses: Decimal
    presenter_pays: Decimal  # in all: fee + VAT (+ commission on top)
    presenter_owes: Decimal  # to the artist's side: less withholding and re-billed
    paid: Decimal
    outstanding: Decimal
    artist_net: Decimal
    parties: tuple[Line, ...]

    @property
    def overpaid(self) -> bool:
        """The presenter paid more than it owes: `-outstanding` is due back to it."""
        return self.outstanding < 0


def deposit(terms: Terms) -> Decimal:
    """The deposit due: a percentage of the guarantee (rounded), a fixed amount, or zero."""
    terms_check(terms)
    digits = minor_digits(terms.currency)
    if terms.deposit_amount is not None:
        return _round(terms.deposit_amount, digits)
    with localcontext(prec=PRECISION):
        return _round(terms.guarantee * (terms.deposit_percentage or 0) / 100, digits)


def _one_of(value: str, choices: tuple[str, ...], *, field: str, label: str) -> None:
    if value not in choices:
        raise Invalid(f"{label} must be one of {', '.join(choices)}: {value!r}", field=field)


def terms_check(terms: Terms) -> None:
    """Raise Invalid, naming the field, for the first thing wrong with the deal."""
    currency = currency_check(terms.currency)
    _one_of(terms.kind, KINDS, field="kind", label="Deal kind")
    _one_of(
        terms.commission_base, COMMISSION_BASES, field="commission_base", label="Commission base"
    )
    guarantee = amount_check(terms.guarantee, currency=currency, field="guarantee")
    if terms.bonus is not None:
        amount_check(terms.bonus, currency=currency, field="bonus")
    elif terms.kind == "bonus":
        raise Invalid("A guarantee-plus-bonus deal needs the bonus.", field="bonus")
    if terms.door_percentage is not None:
        rate_check(terms.door_percentage, field="door_percentage")
    elif terms.kind == "versus":
        message = "A guarantee-versus-door deal needs the percentage of the door."
        raise Invalid(message, field="door_percentage")
    if terms.deposit_percentage is not None:
        if terms.deposit_amount is not None:
            message = "Give the deposit as an amount or as a percentage, not both."
            raise Invalid(message, field="deposit_amount")
        rate_check(terms.deposit_percentage, field="deposit_percentage")
    if terms.deposit_amount is not None:
        amount = amount_check(terms.deposit_amount, currency=currency, field="deposit_amount")
        if amount > guarantee:
            message = f"Deposit amount {amount} is more than the guarantee, {guarantee}."
            raise Invalid(message, field="deposit_amount")
    rate_check(terms.vat_rate, field="vat_rate", label="VAT rate")
    rate_check(terms.commission_rate, field="commission_rate")
    total = Decimal(0)
    for i, term in enumerate(terms.withholdings):
        name, field = term.jurisdiction or "a withholding", f"withholdings-{i}"
        label = f"Withholding rate for {name}"
        total += rate_check(term.rate, field=f"{field}-rate", label=label)
        label = f"Withholding threshold for {name}"
        amount_check(term.threshold, currency=currency, field=f"{field}-threshold", label=label)
    if total > 100:
        raise Invalid(f"Withholding rates add up to {total} %, over 100 %.", field="withholdings")
    for i, expense in enumerate(terms.expenses):
        label = f"Expense {expense.description or i + 1}"
        _one_of(expense.paid_by, PAYERS, field=f"expenses-{i}-paid_by", label=f"{label} payer")
        amount_check(expense.amount, currency=currency, field=f"expenses-{i}-amount", label=label)


def _outcome_check(outcome: Outcome, currency: str) -> None:
    if outcome.door_receipts is not None:
        amount_check(outcome.door_receipts, currency=currency, field="door_receipts")
    for i, payment in enumerate(outcome.payments):
        amount_check(payment, currency=currency, field=f"payments-{i}-amount", label="Payment")


def _fee(terms: Terms, outcome: Outcome, digits: int) -> tuple[Decimal, Decimal | None]:
    """The gross fee and, for a versus deal, the door share it was weighed against."""
    if terms.kind == "flat":
        return terms.guarantee, None
    if terms.kind == "bonus":
        assert terms.bonus is not None  # terms_check refuses a bonus deal without one
        return terms.guarantee + (terms.bonus if outcome.bonus_earned else 0), None
    if outcome.door_receipts is None:
        raise Invalid(
            "A guarantee-versus-door deal settles on the door receipts: enter them first.",
            field="door_receipts",
        )
    assert terms.door_percentage is not None  # terms_check refuses a versus deal without one
    share = _round(outcome.door_receipts * terms.door_percentage / 100, digits)
    return max(terms.guarantee, share), share


def settle(terms: Terms, outcome: Outcome) -> Figures:
    """The engagement's settlement by the rules in this module's docstring."""
    terms_check(terms)
    currency = currency_check(terms.currency)
    digits = minor_digits(currency)
    _outcome_check(outcome, currency)
    zero = _round(Decimal(0), digits)

    def line(amount: Decimal) -> Decimal:
        return _round(amount, digits)

    def total(amounts: Iterable[Decimal]) -> Decimal:
        return sum(amounts, zero)

    with localcontext(prec=PRECISION):
        fee, door_share = _fee(terms, outcome, digits)
        fee = line(fee)
        vat = line(fee * terms.vat_rate / 100)
        withholdings = tuple(
            (w.jurisdiction, line(fee * w.rate / 100) if fee > w.threshold else zero)
            for w in terms.withholdings
        )
        withheld = total(amount for _, amount in withholdings)
        on_top = terms.commission_base == "on_top"
        base = fee - withheld if terms.commission_base == "net" else fee
        commission = line(base * terms.commission_rate / 100)
        by_payer = {
            payer: tuple(
                (e.description, line(e.amount)) for e in terms.expenses if e.paid_by == payer
            )
            for payer in PAYERS
        }
    rebilled = total(amount for _, amount in by_payer["rebilled"])
    artist_expenses = total(amount for _, amount in by_payer["artist"])
    presenter_pays = fee + vat + (commission if on_top else zero)
    presenter_owes = presenter_pays - withheld - rebilled
    paid = total(line(p) for p in outcome.payments)
    artist_net = fee - withheld - (zero if on_top else commission) - rebilled - artist_expenses

    parties = [Line("Presenter", "pays", presenter_pays)]
    parties += [Line(f"Tax authority: {name}", "withheld", amount) for name, amount in withholdings]
    if by_payer["rebilled"]:
        parties.append(Line("Presenter", "keeps for re-billed expenses", rebilled))
    if terms.commission_rate:
        parties.append(Line("Manager", "commission on top" if on_top else "commission", commission))
    if terms.vat_rate:
        parties.append(Line("Artist", "VAT collected, to declare", vat))
    if by_payer["artist"]:
        parties.append(Line("Artist", "own expenses", artist_expenses))
    parties.append(Line("Artist", "net", artist_net))
    return Figures(
        currency=currency,
        fee=fee,
        door_share=door_share,
        vat=vat,
        withholdings=withholdings,
        withheld=withheld,
        commission=commission,
        commission_on_top=on_top,
        presenter_expenses=by_payer["presenter"],
        rebilled=rebilled,
        artist_expenses=artist_expenses,
        presenter_pays=presenter_pays,
        presenter_owes=presenter_owes,
        paid=paid,
        outstanding=presenter_owes - paid,
        artist_net=artist_net,
        parties=tuple(parties),
    )


def totals_by_currency(pairs: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Sum amounts per currency, in the order currencies first appear; never across two."""
    totals: dict[str, Decimal] = {}
    for code, amount in pairs:
        currency = currency_check(code)
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return totals
