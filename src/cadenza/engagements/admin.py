"""Admin for engagements (with their performances, programme, holds, deal, money, documents
and history), holds and challenges: staff corrections only, so every part is shown."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import F
from django.forms import ModelForm
from django.http import HttpRequest

from cadenza.engagements.models import (
    Challenge,
    Change,
    Deal,
    Document,
    Engagement,
    Expense,
    Hold,
    Payment,
    Performance,
    ProgrammeEntry,
    Settlement,
    Withholding,
)


class PerformanceInline(admin.TabularInline):
    model = Performance
    extra = 0
    autocomplete_fields = ["event"]


class ProgrammeEntryInline(admin.TabularInline):
    model = ProgrammeEntry
    extra = 0
    autocomplete_fields = ["work"]


class HoldInline(admin.TabularInline):
    model = Hold
    extra = 0
    autocomplete_fields = ["artist"]
    fields = ["artist", "date", "rank", "status", "expires_on", "decision_due"]
    show_change_link = True  # challenges are edited on the hold's own page


class DealInline(admin.StackedInline):
    model = Deal
    extra = 0
    show_change_link = True  # withholding taxes are edited on the deal's own page


class SettlementInline(admin.StackedInline):
    model = Settlement
    extra = 0


class ExpenseInline(admin.TabularInline):
    model = Expense
    extra = 0


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["title", "file", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]


class ChangeInline(admin.TabularInline):
    """The engagement's history: written by the services, never rewritten by hand."""

    model = Change
    extra = 0
    fields = ["at", "by", "token", "kind", "from_value", "to_value", "reason"]
    readonly_fields = ["at", "by", "token", "kind", "from_value", "to_value", "reason"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["title", "artist", "presenter", "venue", "state", "published", "created"]
    list_filter = ["state", "published"]
    list_select_related = ["artist", "presenter", "venue"]
    search_fields = ["title", "artist__name", "presenter__name", "venue__name"]
    autocomplete_fields = ["artist", "presenter", "contact", "venue"]
    readonly_fields = ["version", "created_by", "created", "updated"]
    inlines = [
        PerformanceInline,
        ProgrammeEntryInline,
        HoldInline,
        DealInline,
        SettlementInline,
        ExpenseInline,
        PaymentInline,
        DocumentInline,
        ChangeInline,
    ]

    def save_model(
        self, request: HttpRequest, obj: Engagement, form: ModelForm, change: bool
    ) -> None:
        if change:
            # A correction is a write like any other: a manager's form opened before it
            # must be refused as stale rather than overwrite it.
            obj.version = F("version") + 1
        elif obj.created_by_id is None:
            obj.created_by_id = request.user.pk
        super().save_model(request, obj, form, change)
        if change:
            obj.refresh_from_db(fields=["version"])


class WithholdingInline(admin.TabularInline):
    model = Withholding
    extra = 0


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ["engagement", "currency", "guarantee", "kind"]
    list_select_related = ["engagement"]
    search_fields = ["engagement__title", "engagement__artist__name"]
    autocomplete_fields = ["engagement"]
    inlines = [WithholdingInline]


class ChallengeInline(admin.TabularInline):
    model = Challenge
    extra = 0


@admin.register(Hold)
class HoldAdmin(admin.ModelAdmin):
    list_display = ["engagement", "artist", "date", "rank", "status", "expires_on"]
    list_filter = ["status"]
    list_select_related = ["engagement", "artist"]
    search_fields = ["engagement__title", "artist__name"]
    autocomplete_fields = ["engagement", "artist"]
    date_hierarchy = "date"
    inlines = [ChallengeInline]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["hold", "made_at", "respond_by", "outcome", "resolved_at"]
    list_filter = ["outcome"]
    list_select_related = ["hold__engagement"]
    search_fields = ["hold__engagement__title", "hold__artist__name"]
    autocomplete_fields = ["hold"]
