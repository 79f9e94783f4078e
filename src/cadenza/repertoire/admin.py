"""Admin for works, their movements and catalogue numbers, and instruments.

Composer credits (people.Authorship) sit above repertoire in the layers, so
cadenza.people.admin extends WorkAdmin with them rather than this module.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from cadenza.repertoire.models import CatalogueNumber, Instrument, Work, WorkAlias


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "performer_noun", "family"]
    list_filter = ["family"]
    search_fields = ["name", "performer_noun"]


class CatalogueNumberInline(admin.TabularInline):
    model = CatalogueNumber
    extra = 0


class WorkAliasInline(admin.TabularInline):
    model = WorkAlias
    extra = 0


class MovementInline(admin.TabularInline):
    model = Work
    fk_name = "parent"
    extra = 0
    fields = ["position", "title", "key", "duration"]
    ordering = ["position"]
    verbose_name = "movement"
    verbose_name_plural = "movements"


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "catalogue", "key", "form", "composed_year", "parent"]
    list_filter = ["form"]
    list_select_related = ["parent"]
    search_fields = [
        "title",
        "catalogue_numbers__catalogue",
        "catalogue_numbers__number",
        "aliases__name",
        "key",
    ]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["instruments"]
    inlines = [CatalogueNumberInline, WorkAliasInline, MovementInline]

    @admin.display(description="Catalogue")
    def catalogue(self, obj: Work) -> str:
        return ", ".join(str(number) for number in obj.catalogue_numbers.all())

    def get_queryset(self, request: HttpRequest) -> QuerySet[Work]:
        return super().get_queryset(request).prefetch_related("catalogue_numbers")


@admin.register(CatalogueNumber)
class CatalogueNumberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "work"]
    list_filter = ["catalogue"]
    list_select_related = ["work"]
    search_fields = ["number", "catalogue", "work__title"]
    autocomplete_fields = ["work"]
