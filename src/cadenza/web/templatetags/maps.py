"""The world map's points and the venue list beside it, joined in Python: a conductor's
page lists two hundred venues, and a template loop over them cost more than all of the
page's queries (benchmarks/pages.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from cadenza.events.career_figures import VenueCount
from cadenza.web.maps import WorldMap

register = template.Library()


@register.simple_tag
def map_points(drawn: WorldMap) -> SafeString:
    return format_html_join(
        "",
        '<circle class="map__point" cx="{}" cy="{}" r="{}"><title>{}</title></circle>',
        ((p.x, p.y, p.r, p.label) for p in drawn.points),
    )


@register.simple_tag
def venue_items(venues: Iterable[VenueCount]) -> SafeString:
    return format_html_join(
        "",
        '<li><a href="{}">{}</a>{} <span class="count">{}</span></li>',
        (
            (v.venue.get_absolute_url(), v.name, f", {v.city}" if v.city else "", v.count)
            for v in venues
        ),
    )
