"""The engagement page's money and document forms: the deal (with up to three withholding
taxes), an expense, a payment, the settlement and an upload. They read and check the input
only; the services in `engagements.deals` and `engagements.documents` decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from cadenza.engagements.models import Deal, Engagement, Expense, Settlement
from cadenza.web.booking_forms import DATE, NOTE_LENGTH, BookingForm, VersionForm, mark_invalid

WITHHOLDING_LINES = 3
PARTS = ("jurisdiction", "rate", "threshold")


def _amount(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    # No decimal_places here: the service knows the currency and says how many it has.
    return forms.DecimalField(required=required, label=label, help_text=help_text)


def _rate(label: str, *, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        required=False,
        label=label,
        min_value=0,
        max_value=100,
        decimal_places=4,
        help_text=help_text,
    )


class PageForm(VersionForm):
    """A form of the engagement page, whose ids its name prefixes: the page holds several
    forms with an amount or a title, and each label must find its own field."""

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


def line_field(index: int, part: str) -> str:
    return f"withholding_{index}_{part}"


class DealForm(PageForm):
    id_prefix = "deal"
    currency = forms.CharField(max_length=3, help_text="ISO 4217: USD, EUR, JPY.")
    kind = forms.ChoiceField(choices=Deal.Kind.choices, label="Deal")
    guarantee = _amount("Guarantee", required=True, help_text="The fee; 0 if there is none.")
    bonus = _amount("Bonus")
    bonus_condition = forms.CharField(required=False, max_length=200, label="Bonus condition")
    door_percentage = _rate("Door %", help_text="For a guarantee versus the door.")
    deposit_percentage = _rate("Deposit %", help_text="Or a fixed deposit amount below.")
    deposit_amount = _amount("Deposit amount")
    deposit_due = forms.DateField(required=False, widget=DATE)
    balance_due = forms.DateField(required=False, widget=DATE)
    vat_rate = _rate("VAT %")
    commission_rate = _rate("Commission %")
    commission_base = forms.ChoiceField(choices=Deal.CommissionBase.choices)

    GROUPS = (
        ("Fee", ("currency", "kind", "guarantee", "bonus", "bonus_condition", "door_percentage")),
        ("Deposit and balance", ("deposit_percentage", "deposit_amount", "deposit_due")),
        ("Tax and commission", ("balance_due", "vat_rate", "commission_rate", "commission_base")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(WITHHOLDING_LINES):
            self.fields[line_field(i, "jurisdiction")] = forms.CharField(
                required=False, max_length=100, label="Jurisdiction"
            )
            self.fields[line_field(i, "rate")] = _rate("Rate %")
            self.fields[line_field(i, "threshold")] = _amount(
                "Threshold", help_text="Withheld only above this fee; empty for none."
            )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields by fieldset, for the template: the terms, then each withholding line."""
        found = [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]
        for i in range(WITHHOLDING_LINES):
            fields = [self[line_field(i, part)] for part in PARTS]
            found.append((f"Withholding tax {i + 1}", fields))
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(WITHHOLDING_LINES):
            where, rate = data.get(line_field(i, "jurisdiction")), data.get(line_field(i, "rate"))
            threshold = data.get(line_field(i, "threshold"))
            if (rate is not None or threshold is not None) and not where:
                self.add_error(line_field(i, "jurisdiction"), "Name the tax's jurisdiction.")
            elif where and rate is None:
                self.add_error(line_field(i, "rate"), f"Give the rate withheld in {where}.")
        return data

    @staticmethod
    def lines_of(data: dict[str, Any]) -> list[tuple[int, str, Any, Any]]:
        """(form line, jurisdiction, rate, threshold) of the lines filled in; blanks dropped."""
        return [
            (i, data[line_field(i, "jurisdiction")], data[line_field(i, "rate")], threshold)
            for i in range(WITHHOLDING_LINES)
            if data.get(line_field(i, "jurisdiction"))
            for threshold in [data.get(line_field(i, "threshold")) or 0]
        ]


def deal_field(field: str | None, kept: list[int]) -> str | None:
    """The deal form's field for a service's `field`: `withholdings-0-rate` names the first
    line given to the service, which is form line `kept[0]` (blank lines are dropped)."""
    if field is None or not field.startswith("withholdings"):
        return field if field in DealForm.base_fields else None
    parts = field.split("-")
    if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(kept):
        return line_field(kept[int(parts[1])], parts[2])
    return line_field(kept[0], "rate") if kept else None


def deal_initial(engagement: Engagement) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": engagement.version}
    deal = getattr(engagement, "deal", None)
    if deal is None:
        return initial

    def shown(value: Any) -> Any:
        # 10000 rather than the column's 10000.000; 15.825 rather than 15.8250.
        if not isinstance(value, Decimal):
            return value
        if value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return format(value.normalize(), "f")

    for name in DealForm.base_fields:
        if name != "version":
            initial[name] = shown(getattr(deal, name))
    for i, line in enumerate(list(deal.withholdings.all())[:WITHHOLDING_LINES]):
        for part in PARTS:
            initial[line_field(i, part)] = shown(getattr(line, part))
    return initial


class ExpenseForm(PageForm):
    id_prefix = "expense"
    description = forms.CharField(max_length=200)
    amount = _amount("Amount", required=True)
    paid_by = forms.ChoiceField(choices=Expense.PaidBy.choices, label="Paid by")


class PaymentForm(PageForm):
    id_prefix = "payment"
    paid_on = forms.DateField(widget=DATE, label="Paid on")
    amount = _amount("Amount", required=True)
    note = forms.CharField(required=False, max_length=200, help_text="e.g. 'deposit'.")


class SettlementForm(PageForm):
    id_prefix = "settlement"
    door_receipts = _amount("Door receipts", help_text="For a deal against the door.")
    bonus_earned = forms.BooleanField(required=False, label="Bonus earned")
    settled_on = forms.DateField(required=False, widget=DATE, label="Settled on")
    notes = forms.CharField(
        required=False, max_length=NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )


def settlement_initial(engagement: Engagement) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": engagement.version}
    settlement = getattr(engagement, "settlement", None)
    if isinstance(settlement, Settlement):
        for name in ("door_receipts", "bonus_earned", "settled_on", "notes"):
            initial[name] = getattr(settlement, name)
    return initial


class DocumentForm(PageForm):
    id_prefix = "document"
    title = forms.CharField(
        required=False, max_length=200, help_text="Empty: the file's name, e.g. 'Contract'."
    )
    file = forms.FileField(help_text="PDF, PNG, JPEG, DOCX or ODT, at most 10 MB.")


def page_forms(
    engagement: Engagement, given: dict[str, forms.Form], error: dict[str, Any] | None
) -> dict[str, forms.Form]:
    """The forms for the page: the one sent back with an error as it was filled in, the
    others drawn from the engagement; the field in error marked for assistive technology."""
    version = {"version": engagement.version}
    found: dict[str, forms.Form] = {
        "deal": DealForm(initial=deal_initial(engagement)),
        "expense": ExpenseForm(initial=version),
        "payment": PaymentForm(initial=version),
        "settlement": SettlementForm(initial=settlement_initial(engagement)),
        "document": DocumentForm(initial=version),
    }
    found.update({name: form for name, form in given.items() if name in found})
    mark_invalid(found, error)
    return found


class StatementForm(BookingForm):
    """The statement's choices, read from the address (a GET form)."""

    artist = forms.TypedChoiceField(coerce=int)
    start = forms.DateField(widget=DATE, label="From")
    end = forms.DateField(widget=DATE, label="To")

    def __init__(self, *args: Any, artists: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["artist"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, str(a)) for a in artists]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The period ends before it starts.")
        return data
