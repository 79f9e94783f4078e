"""Admin for reviews and the quotes taken from them."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from cadenza.press.models import Quote, Review


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publication", "critic", "event", "published_year"]
    list_filter = ["publication"]
    list_select_related = ["event"]
    search_fields = ["publication", "critic", "headline", "summary", "quotes__text"]
    autocomplete_fields = ["event", "subjects", "critic_agent"]
    inlines = [QuoteInline]
    # Django 6 makes https the default scheme of a typed URL; choose it now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "review", "position"]
    list_select_related = ["review"]
    search_fields = ["text", "review__publication"]
    autocomplete_fields = ["review"]
