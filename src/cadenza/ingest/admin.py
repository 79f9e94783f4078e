"""Admin for provenance: sources and the citations that tie records to them."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from cadenza.ingest.models import Citation, Source


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ["content_type", "object_id", "span_start", "span_end", "record_id"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "key", "licence", "created"]
    list_filter = ["kind"]
    search_fields = ["title", "key", "url"]
    readonly_fields = ["created"]
    raw_id_fields = ["entered_by"]
    inlines = [CitationInline]
    # Django 6 makes https the default scheme of a typed URL; choose it now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "content_type", "object_id", "record_id", "excerpt"]
    list_filter = ["content_type", "source__kind"]
    list_select_related = ["source", "content_type"]
    search_fields = ["source__title", "record_id"]
    autocomplete_fields = ["source"]
