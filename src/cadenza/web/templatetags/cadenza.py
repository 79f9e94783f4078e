"""Small template helpers for the public pages."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django import template
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
def iso_duration(value: timedelta | None) -> str:
    if not value:
        return ""
    return f"PT{round(value.total_seconds() / 60)}M"


@register.filter
def partial(obj: Any, prefix: str) -> PartialDate:
    """A model's partial date by prefix: {{ review|partial:"published" }}."""
    return PartialDate.of(obj, prefix)
