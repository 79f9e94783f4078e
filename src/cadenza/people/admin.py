"""Admin for agents (persons, ensembles, organisations) and their dated ties.

Authorship (who wrote a work) lives here because agents sit above works in the layers;
this module therefore re-registers the repertoire WorkAdmin with composer credits added.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from cadenza.partialdates import PartialDateForm
from cadenza.people.models import (
    Agent,
    AgentInstrument,
    Alias,
    Authorship,
    Milestone,
    Relationship,
)
from cadenza.repertoire import admin as repertoire_admin
from cadenza.repertoire.models import Work


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


class AgentInstrumentInline(admin.TabularInline):
    model = AgentInstrument
    extra = 0


class RelationshipInline(admin.TabularInline):
    model = Relationship
    form = PartialDateForm  # years within bounds, named when refused
    fk_name = "subject"
    extra = 0
    autocomplete_fields = ["target"]
    fields = [
        "kind",
        "target",
        "role",
        "instrument",
        "begin_year",
        "end_year",
        "narrative_order",
        "description",
    ]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    form = PartialDateForm  # years within bounds, named when refused
    extra = 0
    autocomplete_fields = ["place"]
    fields = ["kind", "text", "year", "month", "day", "place", "narrative_order"]


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    form = PartialDateForm  # years within bounds, named when refused
    list_display = ["name", "kind", "born", "begin_place", "based_in"]
    list_filter = ["kind"]
    list_select_related = ["begin_place", "based_in"]
    search_fields = ["name", "sort_name", "aliases__name"]
    autocomplete_fields = ["begin_place", "end_place", "based_in"]
    inlines = [AliasInline, AgentInstrumentInline, RelationshipInline, MilestoneInline]
    fieldsets = [
        (None, {"fields": ["kind", "name", "sort_name", "pronouns", "summary"]}),
        (
            "Begin (born or founded)",
            {"fields": ["begin_year", "begin_month", "begin_day", "begin_place"]},
        ),
        ("End (died or dissolved)", {"fields": ["end_year", "end_month", "end_day", "end_place"]}),
        ("More", {"fields": ["based_in", "background", "private_notes"]}),
    ]

    @admin.display(description="Born / founded", ordering="begin_year")
    def born(self, obj: Agent) -> str:
        return str(obj.begin)


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "agent"]
    list_filter = ["kind"]
    list_select_related = ["agent"]
    search_fields = ["name", "agent__name"]
    autocomplete_fields = ["agent"]


@admin.register(AgentInstrument)
class AgentInstrumentAdmin(admin.ModelAdmin):
    list_display = ["agent", "instrument", "position", "stated", "concerts"]
    list_filter = ["stated", "instrument"]
    list_select_related = ["agent", "instrument"]
    search_fields = ["agent__name", "instrument__name"]
    autocomplete_fields = ["agent"]


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    form = PartialDateForm  # years within bounds, named when refused
    list_display = ["subject", "kind", "target", "role", "begin_year", "end_year"]
    list_filter = ["kind"]
    list_select_related = ["subject", "target"]
    search_fields = ["subject__name", "target__name", "role", "description"]
    autocomplete_fields = ["subject", "target"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    form = PartialDateForm  # years within bounds, named when refused
    list_display = ["agent", "kind", "text", "year", "narrative_order"]
    list_filter = ["kind"]
    list_select_related = ["agent"]
    search_fields = ["agent__name", "text"]
    autocomplete_fields = ["agent", "place"]


@admin.register(Authorship)
class AuthorshipAdmin(admin.ModelAdmin):
    list_display = ["work", "agent", "role"]
    list_filter = ["role"]
    list_select_related = ["work", "agent"]
    search_fields = ["work__title", "agent__name"]
    autocomplete_fields = ["work", "agent"]


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    autocomplete_fields = ["agent"]
    fields = ["agent", "role", "position"]


admin.site.unregister(Work)


@admin.register(Work)
class WorkAdmin(repertoire_admin.WorkAdmin):
    """The repertoire WorkAdmin, with composers listed and edited on the work."""

    list_display = ["title", "composers", *repertoire_admin.WorkAdmin.list_display[1:]]
    search_fields = [*repertoire_admin.WorkAdmin.search_fields, "authorships__agent__name"]
    inlines = [AuthorshipInline, *repertoire_admin.WorkAdmin.inlines]

    @admin.display(description="Composers")
    def composers(self, obj: Work) -> str:
        return ", ".join(a.agent.name for a in obj.authorships.all())

    def get_queryset(self, request: HttpRequest) -> QuerySet[Work]:
        return super().get_queryset(request).prefetch_related("authorships__agent")
