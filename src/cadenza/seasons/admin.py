"""Season plans in the admin: to look at, not to edit (a plan is made by the planner)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cadenza.seasons.models import PlanRun


@admin.register(PlanRun)
class PlanRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "artist", "season_start", "season_end", "status", "created", "applied_at")
    list_filter = ("status",)
    search_fields = ("artist__name",)
    readonly_fields = [f.name for f in PlanRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
