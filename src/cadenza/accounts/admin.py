"""Admin for users (Django's UserAdmin), who may see which artist's private record, who
acts for which presenter, and the agencies' rosters."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from cadenza.accounts.models import ArtistAccess, PresenterAccess, Roster, RosterArtist, User


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
