"""The money of an engagement on its page (the deal, expenses, payments, the settlement),
its documents and their download, and the artist's statement over a period.

The forms post to their own addresses and run through `bookings.act`, so an error is shown
at its form with nothing half-saved. A document is served only to those whose sight on its
engagement includes documents; anyone else is told it does not exist.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from cadenza.accounts.selectors import agents_managed_by
from cadenza.engagements import money, selectors
from cadenza.engagements.access import engagements_visible_to, sight, sights_for
from cadenza.engagements.deals import (
    deal_set,
    expense_add,
    expense_remove,
    payment_add,
    settlement_set,
)
from cadenza.engagements.documents import document_add, document_remove
from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.models import Document, Engagement, Expense
from cadenza.people.models import Agent
from cadenza.web.booking_forms import VersionForm, first_error
from cadenza.web.money_forms import (
    DealForm,
    DocumentForm,
    ExpenseForm,
    PaymentForm,
    SettlementForm,
    StatementForm,
    deal_field,
)
from cadenza.web.views.bookings import act, private, signed_in
from cadenza.web.views.common import whole_number


def _named(invalid: Invalid, field: str | None) -> Invalid:
    """The same error, naming the form's field rather than the service's."""
    return invalid if isinstance(invalid, Stale) else Invalid(invalid.message, field=field)


def _deal(request: HttpRequest, engagement: Engagement, data: dict[str, Any]) -> str:
    lines = DealForm.lines_of(data)
    kept = [i for i, *_ in lines]
    terms = {name: data[name] for name in DealForm.base_fields if name != "version"}
    terms["vat_rate"] = terms["vat_rate"] or 0
    terms["commission_rate"] = terms["commission_rate"] or 0
    try:
        # Each line is checked here with its own field, so an error names its line.
        code = money.currency_check(data["currency"])
        withholdings = []
        for j, (_, where, rate, threshold) in enumerate(lines):
            field = f"withholdings-{j}"
            money.rate_check(rate, field=f"{field}-rate", label=f"Withholding rate in {where}")
            amount = money.amount_check(
                threshold,
                currency=code,
                field=f"{field}-threshold",
                label=f"Withholding threshold in {where}",
            )
            withholdings.append(money.WithholdingTerm(where, rate, amount))
        deal = deal_set(
            engagement=engagement,
            by=request.user,
            version=data["version"],
            withholdings=withholdings,
            **terms,
        )
    except Invalid as invalid:
        raise _named(invalid, deal_field(invalid.field, kept)) from invalid
    return f"Saved the deal: {money.format_money(deal.guarantee, deal.currency)}."


@require_POST
def engagement_deal_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    return act(request, pk, "deal", DealForm, lambda e, data: _deal(request, e, data))


def _form_field(invalid: Invalid, form_class: type[forms.Form]) -> Invalid:
    """A service's field that the form does not have (state, deal) is the whole form's."""
    field = invalid.field if invalid.field in form_class.base_fields else None
    return _named(invalid, field)


@require_POST
def engagement_expense_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        try:
            expense = expense_add(engagement=engagement, by=request.user, **data)
        except Invalid as invalid:
            raise _form_field(invalid, ExpenseForm) from invalid
        return f"Added the expense “{expense}”."

    return act(request, pk, "expense", ExpenseForm, do)


@require_POST
def expense_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    expense = Expense.objects.filter(pk=pk).first()
    if expense is None:
        raise Http404("No such expense.")

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        # expense_remove takes no version: the page's is checked against the one just read.
        if data["version"] != engagement.version:
            raise Stale()
        expense_remove(expense=expense, by=request.user)
        return f"Removed the expense “{expense}”."

    return act(request, expense.engagement_id, "expense-remove", VersionForm, do)


@require_POST
def engagement_payment_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        try:
            payment = payment_add(engagement=engagement, by=request.user, **data)
        except Invalid as invalid:
            raise _form_field(invalid, PaymentForm) from invalid
        return f"Recorded the payment of {payment.paid_on:%-d %B %Y}."

    return act(request, pk, "payment", PaymentForm, do)


@require_POST
def engagement_settlement_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        try:
            settlement_set(engagement=engagement, by=request.user, **data)
        except Invalid as invalid:
            raise _form_field(invalid, SettlementForm) from invalid
        return "Saved the settlement."

    return act(request, pk, "settlement", SettlementForm, do)


@require_POST
def engagement_document_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        try:
            document = document_add(
                engagement=engagement,
                title=data["title"],
                upload=data["file"],
                by=request.user,
                version=data["version"],
            )
        except Invalid as invalid:
            raise _form_field(invalid, DocumentForm) from invalid
        return f"Added the document “{document}”."

    return act(request, pk, "document", DocumentForm, do)


@require_POST
def document_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    document = Document.objects.filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")

    def do(engagement: Engagement, data: dict[str, Any]) -> str:
        document_remove(document=document, by=request.user, version=data["version"])
        return f"Removed the document “{document}”."

    return act(request, document.engagement_id, "document-remove", VersionForm, do)


@require_safe
def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file, as an attachment, to those whose sight includes documents; else a 404."""
    if (login := signed_in(request)) is not None:
        return login
    document = Document.objects.select_related("engagement").filter(pk=pk).first()
    if document is None or not sight(user=request.user, engagement=document.engagement).documents:
        raise Http404("No such document.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The document's file is missing.") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=PurePath(document.file.name or "document").name,
        content_type=document.content_type,
    )
    return private(response)


# The statement's amounts, each totalled per currency.
COLUMNS = ("fee", "withheld", "commission", "artist_net")
HEADER = ["engagement", "last performance", "presenter", "currency"]
HEADER += ["fee", "withheld", "commission", "net"]


@dataclass(frozen=True)
class Total:
    currency: str
    count: int
    fee: Decimal
    withheld: Decimal
    commission: Decimal
    artist_net: Decimal


def totals_of(statement: selectors.Statement) -> list[Total]:
    """One total per currency, in the order currencies first appear; never converted."""
    shown = [row.figures for row in statement.rows if row.figures]
    sums = {
        column: money.totals_by_currency((f.currency, getattr(f, column)) for f in shown)
        for column in COLUMNS
    }
    counts = money.totals_by_currency((f.currency, Decimal(1)) for f in shown)
    return [
        Total(code, int(counts[code]), *(sums[column][code] for column in COLUMNS))
        for code in counts
    ]


def artists_with_statements(user: Any) -> list[Agent]:
    """The artists whose money and commission `user` may see, by the engagements' sight.

    One engagement per artist stands for all: what the artist's side grants (the commission)
    is the same on each, and a presenter's side never grants it. Five queries in all.
    """
    visible = engagements_visible_to(user=user).order_by()
    firsts = visible.values("artist_id").annotate(first=Min("pk")).values("first")
    standing = list(
        Engagement.objects.filter(pk__in=firsts).only("pk", "artist_id", "presenter_id")
    )
    sights = sights_for(user=user, engagements=standing)
    ids = [e.artist_id for e in standing if sights[e.pk].commission]
    # An artist's management sees their (empty) statement before the first engagement.
    managed = Q(pk__in=agents_managed_by(user=user).values("pk"))
    return list(Agent.objects.filter(Q(pk__in=ids) | managed).order_by("sort_name", "pk"))


def _artist_allowed(request: HttpRequest, artists: list[Agent]) -> None:
    """404 for an artist whose engagements the user cannot see, 403 for one whose
    commission they may not see (a presenter, the artist without fees)."""
    wanted = request.GET.get("artist", "")
    if not wanted:
        if not artists:
            raise PermissionDenied("A statement is for the artist and their management.")
        return
    number = whole_number(wanted)
    if number is None:
        raise Http404("No such artist.")
    if number in {a.pk for a in artists}:
        return
    if engagements_visible_to(user=request.user).filter(artist_id=number).exists():
        raise PermissionDenied("Only the artist's management and the artist see the statement.")
    raise Http404("No such artist.")


@require_safe
def statement_view(request: HttpRequest) -> HttpResponse:
    """The artist's engagements of a period with fee, withheld, commission and net."""
    if (login := signed_in(request)) is not None:
        return login
    artists = artists_with_statements(request.user)
    _artist_allowed(request, artists)
    year = timezone.localdate().year
    data = {
        "artist": request.GET.get("artist") or artists[0].pk,
        "start": request.GET.get("start") or date(year, 1, 1).isoformat(),
        "end": request.GET.get("end") or date(year, 12, 31).isoformat(),
    }
    form = StatementForm(data, artists=artists)
    context: dict[str, Any] = {"form": form, "statement": None, "totals": []}
    if not form.is_valid():
        context["error"] = first_error(form)[1]
        return private(render(request, "web/bookings/statement.html", context, status=400))
    artist = next(a for a in artists if a.pk == form.cleaned_data["artist"])
    found = selectors.statement(
        artist=artist, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )
    if request.GET.get("format") == "csv":
        return _csv(found)
    context.update(statement=found, totals=totals_of(found), query=request.GET.urlencode())
    return private(render(request, "web/bookings/statement.html", context))


def _cell(text: str) -> str:
    # A spreadsheet runs a cell that starts with one of these as a formula.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(found: selectors.Statement) -> HttpResponse:
    name = f"statement-{slugify(str(found.artist)) or 'artist'}-{found.start}-{found.end}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(HEADER)
    for row in found.rows:
        if row.figures is None:
            continue
        f = row.figures
        amounts = [money.money(getattr(f, column), f.currency) for column in COLUMNS]
        title, presenter = _cell(row.engagement.title), _cell(str(row.engagement.presenter))
        writer.writerow([title, row.last_day.isoformat(), presenter, f.currency, *amounts])
    return private(response)
