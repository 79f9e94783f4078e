"""The settlement and the currency helpers: hand-computed cases, every refusal by its field,
and random deals whose figures must add up to the last minor unit."""

from __future__ import annotations

import random
from dataclasses import fields, replace
from decimal import Decimal

import pytest

from cadenza.engagements.errors import Invalid
from cadenza.engagements.money import (
    PAYERS,
    ExpenseTerm,
    Figures,
    Line,
    Outcome,
    Terms,
    WithholdingTerm,
    amount_check,
    currency_check,
    deposit,
    format_money,
    minor_digits,
    money,
    rate_check,
    settle,
    terms_check,
    totals_by_currency,
)

D = Decimal
US = WithholdingTerm("United States", D("30"), D("0"))
GERMANY = WithholdingTerm("Germany", D("15.825"), D("250"))
DEMO = Terms(
    currency="USD",
    kind="flat",
    guarantee=D("10000"),
    commission_rate=D("15"),
    commission_base="gross",
    withholdings=(US,),
)


def flat(currency: str, guarantee: str, **changes: object) -> Terms:
    return replace(Terms(currency=currency, kind="flat", guarantee=D(guarantee)), **changes)


# The currency helpers


def test_currency_check_normalizes_a_known_code() -> None:
    assert currency_check(" usd ") == "USD"
    assert currency_check("kwd") == "KWD"


@pytest.mark.parametrize("code", ["XYZ", "", "US", "XXX", "XTS"])
def test_currency_check_refuses_what_is_no_currency(code: str) -> None:
    with pytest.raises(Invalid) as caught:
        currency_check(code)
    assert caught.value.field == "currency"
    assert "ISO 4217" in caught.value.message


def test_currency_check_message_and_field() -> None:
    with pytest.raises(Invalid) as caught:
        currency_check("xyz", field="deal_currency")
    assert caught.value.field == "deal_currency"
    assert caught.value.message == (
        "Deal currency must be an ISO 4217 code such as USD, EUR or JPY; 'XYZ' is not one."
    )


def test_a_currency_with_more_decimals_than_the_columns_keep_is_refused() -> None:
    # CLF counts 4 decimals; amounts are stored with 3 (models.AMOUNT).
    with pytest.raises(Invalid) as caught:
        currency_check("CLF")
    assert caught.value.field == "currency"


@pytest.mark.parametrize(("code", "digits"), [("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3)])
def test_minor_digits(code: str, digits: int) -> None:
    assert minor_digits(code) == digits
    assert minor_digits(code.lower()) == digits


@pytest.mark.parametrize(
    ("amount", "currency", "rounded"),
    [
        ("2.345", "USD", "2.35"),  # half up, where banker's rounding gives 2.34
        ("-2.345", "USD", "-2.35"),
        ("2.344", "USD", "2.34"),
        ("10", "USD", "10.00"),
        ("0.5", "JPY", "1"),
        ("2.5", "JPY", "3"),
        ("1.0005", "KWD", "1.001"),
    ],
)
def test_money_rounds_half_up_to_the_minor_unit(amount: str, currency: str, rounded: str) -> None:
    result = money(D(amount), currency)
    assert result == D(rounded)
    assert str(result) == rounded


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "text"),
    [
        ("1234.5", "USD", "en", "$1,234.50"),
        ("1234.5", "JPY", "en", "¥1,235"),  # babel alone would print ¥1,234
        ("1234.5", "KWD", "en", "KWD1,234.500"),
        ("1234.5", "EUR", "de", "1.234,50\xa0€"),
        ("-12.5", "USD", "en", "-$12.50"),
    ],
)
def test_format_money(amount: str, currency: str, locale: str, text: str) -> None:
    assert format_money(D(amount), currency, locale) == text


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (D("1000.5"), "USD", "1000.50"),
        (" 1000.50 ", "USD", "1000.50"),
        (1000, "USD", "1000.00"),
        ("1000.00", "JPY", "1000"),  # zeros after the point are no decimals
        ("1E+3", "JPY", "1000"),
        ("1000.125", "KWD", "1000.125"),
        ("-0", "USD", "0.00"),
    ],
)
def test_amount_check_accepts(value: Decimal | str | int, currency: str, expected: str) -> None:
    result = amount_check(value, currency=currency, field="fee")
    assert str(result) == expected


@pytest.mark.parametrize(
    ("value", "currency", "message"),
    [
        ("1000.5", "JPY", "Fee in JPY cannot have decimals: 1000.5"),
        ("10.005", "USD", "Fee in USD has at most 2 decimals: 10.005"),
        ("1.0001", "KWD", "Fee in KWD has at most 3 decimals: 1.0001"),
        # More digits than the default context keeps: a normalize() would round it to 1.
        ("1.0000000000000000000000000000001", "USD", "Fee in USD has at most 2 decimals"),
        ("-5", "USD", "Fee cannot be negative: -5."),
        ("abc", "USD", "Fee must be a number: 'abc' is not one."),
        ("1,000", "USD", "Fee must be a number"),
        ("NaN", "USD", "Fee must be a finite number"),
        ("-Infinity", "USD", "Fee must be a finite number"),
        (D("Infinity"), "USD", "Fee must be a finite number"),
        (1.5, "USD", "Fee must be a Decimal or a string, not a float: 1.5"),
        (True, "USD", "Fee must be a number, not True."),
        (None, "USD", "Fee must be a number, not None."),
        ("100000000000", "USD", "Fee is too large"),
    ],
)
def test_amount_check_refuses_naming_the_field(value: object, currency: str, message: str) -> None:
    with pytest.raises(Invalid) as caught:
        amount_check(value, currency=currency, field="fee")  # type: ignore[arg-type]
    assert caught.value.field == "fee"
    assert caught.value.message.startswith(message)


def test_amount_check_refuses_zero_only_when_told() -> None:
    assert amount_check("0", currency="USD", field="payment") == 0
    with pytest.raises(Invalid) as caught:
        amount_check("0.00", currency="USD", field="payment", allow_zero=False)
    assert caught.value.field == "payment"
    assert caught.value.message == "Payment must be more than zero."


@pytest.mark.parametrize("value", ["0", "100", "15.825", "33.3333", 30, D("0.0001")])
def test_rate_check_accepts_percentages(value: Decimal | str | int) -> None:
    assert rate_check(value, field="vat_rate") == D(value)


@pytest.mark.parametrize("value", ["100.0001", "-1", "15.82501", "ten", 0.3])
def test_rate_check_refuses_naming_the_field(value: Decimal | str | float) -> None:
    with pytest.raises(Invalid) as caught:
        rate_check(value, field="commission_rate")  # type: ignore[arg-type]
    assert caught.value.field == "commission_rate"
    assert caught.value.message.startswith("Commission rate")


def test_totals_by_currency_never_adds_two_currencies() -> None:
    totals = totals_by_currency(
        [("usd", D("10.00")), ("EUR", D("5.00")), ("USD", D("2.50")), ("JPY", D("300"))]
    )
    assert totals == {"USD": D("12.50"), "EUR": D("5.00"), "JPY": D("300")}
    assert list(totals) == ["USD", "EUR", "JPY"]
    assert totals_by_currency([]) == {}
    with pytest.raises(Invalid):
        totals_by_currency([("USD", D("1")), ("XYZ", D("1"))])


# The settlement, by hand


def figures_of(figures: Figures, *names: str) -> tuple[str, ...]:
    """The named figures as text, so that a comparison checks their decimals too."""
    return tuple(str(getattr(figures, name)) for name in names)


def tax(jurisdiction: str, rate: str, threshold: str = "0") -> WithholdingTerm:
    return WithholdingTerm(jurisdiction, D(rate), D(threshold))


def test_the_demo_case() -> None:
    figures = settle(DEMO, Outcome(payments=(D("3000"),)))
    assert figures_of(figures, "fee", "withheld", "commission", "artist_net") == (
        ("10000.00", "3000.00", "1500.00", "5500.00")
    )
    assert figures_of(figures, "presenter_pays", "presenter_owes", "paid", "outstanding") == (
        ("10000.00", "7000.00", "3000.00", "4000.00")
    )
    assert not figures.overpaid
    assert figures.parties == (
        Line("Presenter", "pays", D("10000.00")),
        Line("Tax authority: United States", "withheld", D("3000.00")),
        Line("Manager", "commission", D("1500.00")),
        Line("Artist", "net", D("5500.00")),
    )


@pytest.mark.parametrize(
    ("fee", "withheld"),
    [
        ("250", "0.00"),  # at the threshold: nothing withheld
        ("250.01", "39.56"),  # 39.5640825
        ("3000", "474.75"),
        ("1234.57", "195.37"),  # 195.3707025
    ],
)
def test_germany_withholds_above_its_threshold(fee: str, withheld: str) -> None:
    figures = settle(flat("EUR", fee, withholdings=(GERMANY,)), Outcome())
    assert figures.withholdings == (("Germany", D(withheld)),)
    assert figures.artist_net == D(fee) - D(withheld)


def test_a_half_cent_is_rounded_up() -> None:
    # 100.30 × 15 % = 15.045: half up gives 15.05, banker's rounding would give 15.04.
    assert settle(flat("USD", "100.30", withholdings=(tax("X", "15"),)), Outcome()).withheld == (
        D("15.05")
    )


def test_yen_have_no_decimals() -> None:
    terms = flat("JPY", "1030", withholdings=(tax("Japan", "15"),), commission_rate=D("10"))
    figures = settle(terms, Outcome(payments=(D("500"),)))
    # 154.5 withheld, rounded up
    assert figures_of(figures, "withheld", "commission", "artist_net", "outstanding") == (
        ("155", "103", "772", "375")
    )


def test_dinars_have_three_decimals() -> None:
    terms = flat("KWD", "1000.030", withholdings=(tax("Kuwait", "15"),), commission_rate=D("10"))
    figures = settle(replace(terms, commission_base="net"), Outcome())
    # 150.0045 withheld, rounded up; (1000.030 - 150.005) × 10 % = 85.0025 commission
    assert figures_of(figures, "withheld", "commission", "artist_net") == (
        ("150.005", "85.003", "765.022")
    )


VERSUS = Terms(currency="USD", kind="versus", guarantee=D("5000"), door_percentage=D("60"))


@pytest.mark.parametrize(
    ("receipts", "share", "fee"),
    [
        ("12000", "7200.00", "7200.00"),  # the door beats the guarantee
        ("5000", "3000.00", "5000.00"),  # the guarantee holds
        ("8333.34", "5000.00", "5000.00"),  # 5000.004 rounds to the guarantee
        ("8333.35", "5000.01", "5000.01"),
    ],
)
def test_versus_deal(receipts: str, share: str, fee: str) -> None:
    figures = settle(VERSUS, Outcome(door_receipts=D(receipts)))
    assert figures_of(figures, "door_share", "fee") == (share, fee)


def test_versus_deal_without_door_receipts_cannot_settle() -> None:
    with pytest.raises(Invalid) as caught:
        settle(VERSUS, Outcome())
    assert caught.value.field == "door_receipts"


@pytest.mark.parametrize(
    ("earned", "fee", "commission"), [(True, "10000.00", "2000.00"), (False, "8000.00", "1600.00")]
)
def test_bonus_deal(earned: bool, fee: str, commission: str) -> None:
    terms = flat("USD", "8000", kind="bonus", bonus=D("2000"), commission_rate=D("20"))
    figures = settle(terms, Outcome(bonus_earned=earned))
    assert figures_of(figures, "fee", "commission", "door_share") == (fee, commission, "None")
    # A flat deal pays its guarantee, bonus or not.
    assert settle(DEMO, Outcome(bonus_earned=earned)).fee == D("10000.00")


@pytest.mark.parametrize(
    ("base", "commission", "net", "pays", "owes", "what"),
    [
        ("gross", "1500.00", "5500.00", "10000.00", "7000.00", "commission"),
        ("net", "1050.00", "5950.00", "10000.00", "7000.00", "commission"),
        ("on_top", "1500.00", "7000.00", "11500.00", "8500.00", "commission on top"),
    ],
)
def test_each_commission_base(
    base: str, commission: str, net: str, pays: str, owes: str, what: str
) -> None:
    figures = settle(replace(DEMO, commission_base=base), Outcome())
    assert figures_of(figures, "commission", "artist_net", "presenter_pays", "presenter_owes") == (
        (commission, net, pays, owes)
    )
    assert figures.commission_on_top is (base == "on_top")
    assert Line("Manager", what, D(commission)) in figures.parties


@pytest.mark.parametrize(
    ("paid_by", "net", "owes"),
    [
        ("presenter", "9000.00", "10000.00"),  # listed, nobody's deduction
        ("rebilled", "7799.50", "8799.50"),  # kept back by the presenter, off the net
        ("artist", "7799.50", "10000.00"),  # off the net only
    ],
)
def test_each_expense_payer(paid_by: str, net: str, owes: str) -> None:
    expense = ExpenseTerm("Flights", D("1200.50"), paid_by)
    terms = flat("USD", "10000", commission_rate=D("10"), expenses=(expense,))
    figures = settle(terms, Outcome())
    assert figures_of(figures, "artist_net", "presenter_owes", "presenter_pays") == (
        (net, owes, "10000.00")
    )
    listed = (("Flights", D("1200.50")),) if paid_by == "presenter" else ()
    assert figures.presenter_expenses == listed


def test_every_party_of_a_full_settlement() -> None:
    expenses = (
        ExpenseTerm("Hotel", D("400"), "presenter"),
        ExpenseTerm("Flights", D("300.50"), "rebilled"),
        ExpenseTerm("Visa", D("90"), "artist"),
    )
    terms = flat("EUR", "5000", withholdings=(GERMANY,), expenses=expenses)
    terms = replace(terms, vat_rate=D("19"), commission_rate=D("20"))
    figures = settle(terms, Outcome(payments=(D("2000"), D("3000"))))
    assert figures.parties == (
        Line("Presenter", "pays", D("5950.00")),
        Line("Tax authority: Germany", "withheld", D("791.25")),
        Line("Presenter", "keeps for re-billed expenses", D("300.50")),
        Line("Manager", "commission", D("1000.00")),
        Line("Artist", "VAT collected, to declare", D("950.00")),
        Line("Artist", "own expenses", D("90.00")),
        Line("Artist", "net", D("2818.25")),
    )
    assert figures_of(figures, "presenter_owes", "outstanding") == ("4858.25", "-141.75")
    assert figures.overpaid


def test_several_withholding_lines_each_with_its_threshold() -> None:
    california = tax("California", "7", "1500")
    below = settle(flat("USD", "1000", withholdings=(US, california)), Outcome())
    assert below.withholdings == (("United States", D("300.00")), ("California", D("0.00")))
    above = settle(flat("USD", "2000", withholdings=(US, california)), Outcome())
    assert above.withholdings == (("United States", D("600.00")), ("California", D("140.00")))
    assert figures_of(above, "withheld", "artist_net") == ("740.00", "1260.00")


def test_withholding_lines_are_rounded_one_by_one() -> None:
    # 100 × 0.505 % = 0.505 each: 0.51 twice, 1.02, where 1.01 % of the fee would be 1.01.
    figures = settle(
        flat("USD", "100", withholdings=(tax("A", "0.505"), tax("B", "0.505"))), Outcome()
    )
    assert figures.withholdings == (("A", D("0.51")), ("B", D("0.51")))
    assert figures.withheld == D("1.02")


@pytest.mark.parametrize(
    ("terms", "due"),
    [
        (flat("USD", "10000.10", deposit_percentage=D("25")), "2500.03"),  # 2500.025
        (flat("JPY", "100000", deposit_percentage=D("33.3333")), "33333"),
        (flat("USD", "10000.10", deposit_amount=D("3000")), "3000.00"),
        (flat("USD", "10000.10"), "0.00"),
    ],
)
def test_deposit(terms: Terms, due: str) -> None:
    assert str(deposit(terms)) == due


# Every refusal names its field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"currency": "XYZ"}, "currency"),
        ({"kind": "door"}, "kind"),
        ({"commission_base": "after_tax"}, "commission_base"),
        ({"guarantee": D("-1")}, "guarantee"),
        ({"guarantee": D("10.001")}, "guarantee"),
        ({"kind": "bonus"}, "bonus"),
        ({"bonus": D("-5")}, "bonus"),
        ({"kind": "versus"}, "door_percentage"),
        ({"door_percentage": D("101")}, "door_percentage"),
        ({"deposit_amount": D("10000.01")}, "deposit_amount"),
        ({"deposit_amount": D("1.001")}, "deposit_amount"),
        ({"deposit_percentage": D("120")}, "deposit_percentage"),
        ({"deposit_percentage": D("20"), "deposit_amount": D("100")}, "deposit_amount"),
        ({"vat_rate": D("100.5")}, "vat_rate"),
        ({"commission_rate": D("-1")}, "commission_rate"),
        ({"commission_rate": D("15.00001")}, "commission_rate"),
        ({"withholdings": (tax("X", "150"),)}, "withholdings-0-rate"),
        ({"withholdings": (US, tax("X", "5", "0.001"))}, "withholdings-1-threshold"),
        ({"withholdings": (US, US, tax("X", "40.0001"))}, "withholdings"),
        ({"expenses": (ExpenseTerm("Car", D("10"), "manager"),)}, "expenses-0-paid_by"),
        ({"expenses": (ExpenseTerm("Car", D("-10"), "artist"),)}, "expenses-0-amount"),
    ],
)
def test_terms_check_names_the_field(changes: dict[str, object], field: str) -> None:
    terms = replace(DEMO, **changes)
    for check in (terms_check, lambda t: settle(t, Outcome()), deposit):
        with pytest.raises(Invalid) as caught:
            check(terms)
        assert caught.value.field == field


def test_withholding_rates_may_add_up_to_exactly_100() -> None:
    terms = replace(DEMO, withholdings=(US, US, tax("X", "40")))
    terms_check(terms)
    assert settle(terms, Outcome()).withheld == D("10000.00")


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        (Outcome(door_receipts=D("-1")), "door_receipts"),
        (Outcome(door_receipts=D("1.001")), "door_receipts"),
        (Outcome(payments=(D("1"), D("0.005"))), "payments-1-amount"),
    ],
)
def test_settle_checks_the_outcome(outcome: Outcome, field: str) -> None:
    with pytest.raises(Invalid) as caught:
        settle(DEMO, outcome)
    assert caught.value.field == field


# Random deals: the figures add up


CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "KRW", "KWD", "BHD", "TND")


def _amount(rng: random.Random, digits: int, most: int) -> Decimal:
    return D(rng.randint(0, most * 10**digits)).scaleb(-digits)


def _rate(rng: random.Random, most: int = 100) -> Decimal:
    return D(rng.randint(0, most * 10**4)).scaleb(-4)


def _random_case(rng: random.Random) -> tuple[Terms, Outcome]:
    currency = rng.choice(CURRENCIES)
    digits = minor_digits(currency)
    kind = rng.choice(("flat", "bonus", "versus"))
    guarantee = _amount(rng, digits, rng.choice((100, 10_000, 10_000_000)))
    deposit_by = rng.choice(("none", "percentage", "amount"))
    withholdings = tuple(
        tax(f"J{i}", str(_rate(rng, 33)), str(_amount(rng, digits, 20_000)))
        for i in range(rng.randint(0, 3))
    )
    expenses = tuple(
        ExpenseTerm(f"E{i}", _amount(rng, digits, 5_000), rng.choice(PAYERS))
        for i in range(rng.randint(0, 4))
    )
    terms = Terms(
        currency,
        kind,
        guarantee,
        bonus=_amount(rng, digits, 50_000) if kind == "bonus" or rng.random() < 0.2 else None,
        door_percentage=_rate(rng) if kind == "versus" else None,
        deposit_percentage=_rate(rng) if deposit_by == "percentage" else None,
        deposit_amount=guarantee * rng.randint(0, 100) // 100 if deposit_by == "amount" else None,
        vat_rate=rng.choice((D(0), _rate(rng, 30))),
        commission_rate=rng.choice((D(0), _rate(rng, 30))),
        commission_base=rng.choice(("gross", "net", "on_top")),
        withholdings=withholdings,
        expenses=expenses,
    )
    versus = kind == "versus" or rng.random() < 0.2
    outcome = Outcome(
        door_receipts=_amount(rng, digits, 100_000) if versus else None,
        bonus_earned=rng.random() < 0.5,
        payments=tuple(_amount(rng, digits, 20_000) for _ in range(rng.randint(0, 3))),
    )
    return terms, outcome


def _amounts(figures: Figures) -> list[Decimal]:
    found = [getattr(figures, f.name) for f in fields(figures)]
    found += [amount for _, amount in figures.withholdings + figures.presenter_expenses]
    found += [line.amount for line in figures.parties]
    return [value for value in found if isinstance(value, Decimal)]


def test_random_settlements_add_up() -> None:
    rng = random.Random(20261205)
    for _ in range(2000):
        terms, outcome = _random_case(rng)
        figures = settle(terms, outcome)
        digits = minor_digits(terms.currency)
        unit = D(1).scaleb(-digits)
        # Every line is in the currency's minor unit, no more and no fewer decimals.
        for amount in _amounts(figures):
            assert amount.as_tuple().exponent == -digits, (terms, amount)
        on_top = figures.commission if terms.commission_base == "on_top" else 0
        assert figures.withheld == sum(amount for _, amount in figures.withholdings)
        assert figures.presenter_pays == figures.fee + figures.vat + on_top
        assert (
            figures.presenter_owes == figures.presenter_pays - figures.withheld - figures.rebilled
        )
        # What the presenter owes the artist's side goes to the manager and the artist.
        assert figures.presenter_owes == (
            figures.commission + figures.vat + figures.artist_expenses + figures.artist_net
        )
        # The parties split what the presenter pays in all, to the last minor unit.
        assert figures.parties[0] == Line("Presenter", "pays", figures.presenter_pays)
        assert sum(line.amount for line in figures.parties[1:]) == figures.presenter_pays
        assert figures.outstanding == figures.presenter_owes - figures.paid
        assert figures.overpaid is (figures.outstanding < 0)
        assert figures.fee >= terms.guarantee
        # Each line is the exact figure rounded: within half a minor unit of it.
        for term, (_, withheld) in zip(terms.withholdings, figures.withholdings, strict=True):
            exact = figures.fee * term.rate / 100 if figures.fee > term.threshold else 0
            assert abs(withheld - exact) <= unit / 2
        assert abs(figures.vat - figures.fee * terms.vat_rate / 100) <= unit / 2
        base = figures.fee - (figures.withheld if terms.commission_base == "net" else 0)
        assert abs(figures.commission - base * terms.commission_rate / 100) <= unit / 2
        assert D(0) <= deposit(terms) <= terms.guarantee
