"""Admin for users (Django's UserAdmin) and who may see which artist's private record."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from cadenza.accounts.models import ArtistAccess, User


class ArtistAccessInline(admin.TabularInline):
    model = ArtistAccess
    extra = 0
    autocomplete_fields = ["agent"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [ArtistAccessInline]


@admin.register(ArtistAccess)
class ArtistAccessAdmin(admin.ModelAdmin):
    list_display = ["user", "agent", "role"]
    list_filter = ["role"]
    list_select_related = ["user", "agent"]
    search_fields = ["user__username", "agent__name"]
    autocomplete_fields = ["user", "agent"]
