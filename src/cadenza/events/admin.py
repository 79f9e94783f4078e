"""Admin for series, events, programmes and their items, credits and awards."""

from __future__ import annotations

from django.contrib import admin

from cadenza.events.models import Award, Credit, Event, Programme, ProgrammeItem, Series
from cadenza.partialdates import PartialDateForm


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    form = PartialDateForm  # years within bounds, named when refused
    list_display = ["name", "kind", "parent", "organiser", "place", "start_year", "end_year"]
    list_filter = ["kind"]
    list_select_related = ["parent", "organiser", "place"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "organiser", "place"]


class EventCreditInline(admin.TabularInline):
    """Credits on the whole event: the conductor, the orchestra."""

    model = Credit
    fk_name = "event"
    exclude = ["item"]
    extra = 0
    autocomplete_fields = ["agent"]


class ItemCreditInline(admin.TabularInline):
    """Credits on one programme item: the soloist in a concerto."""

    model = Credit
    fk_name = "item"
    exclude = ["event"]
    extra = 0
    autocomplete_fields = ["agent"]


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    autocomplete_fields = ["work", "movements"]
    fields = ["position", "kind", "work", "movements", "title_as_printed", "notes"]
    show_change_link = True  # credits on an item are edited on the item's own page


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "notes"]
    search_fields = ["title", "items__work__title"]
    inlines = [ProgrammeItemInline]


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "position", "kind"]
    list_filter = ["kind"]
    list_select_related = ["programme", "work"]
    search_fields = ["title_as_printed", "work__title", "programme__title"]
    autocomplete_fields = ["programme", "work", "movements"]
    inlines = [ItemCreditInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = PartialDateForm  # years within bounds, named when refused
    list_display = ["__str__", "kind", "status", "date", "venue", "series", "attendance"]
    list_filter = ["kind", "status", "represents_several"]
    list_select_related = ["venue", "series"]
    search_fields = ["name", "venue__name", "series__name", "credits__agent__name"]
    autocomplete_fields = ["series", "venue", "programme"]
    inlines = [EventCreditInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "status", "series", "venue", "programme"]}),
        (
            "When",
            {
                "fields": [
                    "date_year",
                    "date_month",
                    "date_day",
                    "starts_at",
                    "ends_at",
                    "narrative_order",
                    "represents_several",
                ]
            },
        ),
        ("Audience", {"fields": ["attendance", "attendance_note", "description"]}),
    ]

    @admin.display(description="Date", ordering="date_year")
    def date(self, obj: Event) -> str:
        return str(obj.date)


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ["__str__", "role", "instrument", "event", "item"]
    list_filter = ["role", "instrument"]
    list_select_related = ["agent", "instrument", "event", "item__work"]
    search_fields = ["agent__name", "credited_as", "event__name"]
    autocomplete_fields = ["event", "item", "agent"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    form = PartialDateForm  # years within bounds, named when refused
    list_display = ["agent", "prize", "competition_display", "year", "rank"]
    list_select_related = ["agent", "competition"]
    search_fields = ["agent__name", "prize", "competition__name", "competition_as_stated"]
    list_filter = ["represents_several"]
    autocomplete_fields = ["agent", "competition"]

    @admin.display(description="Competition")
    def competition_display(self, obj: Award) -> str:
        return obj.competition.name if obj.competition else obj.competition_as_stated
