"""Small template helpers for the public pages."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from cadenza.partialdates import PartialDate

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data: dict[str, Any]) -> SafeString:
    """A schema.org JSON-LD block, escaped so no text can close the script element."""
    body = json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{body}</script>')


@register.filter
def minutes(value: timedelta | None) -> str:
    """A duration as '25 min' or '1 h 5 min'."""
    if not value:
        return ""
    total = round(value.total_seconds() / 60)
    hours, mins = divmod(total, 60)
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


@register.filter
def partial(obj: Any, prefix: str) -> PartialDate:
    """A model's partial date by prefix: {{ review|partial:"published" }}."""
    return PartialDate.of(obj, prefix)


@register.filter
def link(obj: Any, label: Any = None) -> SafeString:
    """A link to a record's page, named by `label` when it is not empty, else by the
    record itself: {{ credit.agent|link }}, {{ review.critic_agent|link:review.critic }}."""
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label or obj)


@register.simple_tag
def time_of(date: PartialDate | None) -> SafeString:
    """A partial date in a <time> element, with its ISO form; nothing for no date."""
    if not date:
        return mark_safe("")
    return format_html('<time datetime="{}">{}</time>', date.iso(), date)


@register.simple_tag
def span_of(begin: Any, end: Any) -> str:
    """'1990–1995', or the beginning alone when the end is not known."""
    return f"{begin}–{end}" if end else f"{begin}"
