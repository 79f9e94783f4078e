"""Admin for users (Django's UserAdmin), who may see which artist's private record, who
acts for which presenter, the agencies' rosters, and API tokens (revoked, never made here:
a token's secret is shown once, to its user)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from cadenza.accounts.models import (
    ApiToken,
    ArtistAccess,
    PresenterAccess,
    Roster,
    RosterArtist,
    User,
)
from cadenza.accounts.services import token_revoke


class ArtistAccessInline(admin.TabularInline):
    model = ArtistAccess
    extra = 0
    autocomplete_fields = ["agent"]
    fields = ["agent", "role", "sees_fees"]


class PresenterAccessInline(admin.TabularInline):
    model = PresenterAccess
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [ArtistAccessInline, PresenterAccessInline]


@admin.register(ArtistAccess)
class ArtistAccessAdmin(admin.ModelAdmin):
    list_display = ["user", "agent", "role", "sees_fees"]
    list_filter = ["role", "sees_fees"]
    list_select_related = ["user", "agent"]
    search_fields = ["user__username", "agent__name"]
    autocomplete_fields = ["user", "agent"]
    fields = ["user", "agent", "role", "sees_fees"]


@admin.register(PresenterAccess)
class PresenterAccessAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


class RosterArtistInline(admin.TabularInline):
    model = RosterArtist
    extra = 0
    autocomplete_fields = ["agent"]


@admin.register(Roster)
class RosterAdmin(admin.ModelAdmin):
    list_display = ["name", "auto_promote_holds"]
    list_filter = ["auto_promote_holds"]
    search_fields = ["name", "artists__name"]
    inlines = [RosterArtistInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "scope", "created_at", "expires_at", "last_used_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["secret_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # made by `token_create`, which shows the secret to its user once

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            token_revoke(token=token)
        self.message_user(request, f"Revoked {queryset.count()} token(s).")
