"""Admin for places: a hall inside a building inside a city, with its former names."""

from __future__ import annotations

from django.contrib import admin

from cadenza.places.models import Place, PlaceName


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ["name", "start_year", "end_year", "note"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "country_code", "timezone", "capacity"]
    list_filter = ["kind", "country_code"]
    list_select_related = ["parent"]
    search_fields = ["name", "names__name", "address"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceNameInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "parent", "address", "country_code"]}),
        ("Location", {"fields": ["latitude", "longitude", "timezone"]}),
        ("Hall", {"fields": ["capacity", "description"]}),
    ]


@admin.register(PlaceName)
class PlaceNameAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "start_year", "end_year"]
    list_select_related = ["place"]
    search_fields = ["name", "place__name"]
    autocomplete_fields = ["place"]
