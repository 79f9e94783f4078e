"""What every router shows the same way: a reference to another record (its id, name and
page), a partial date, and the list parameters every list takes."""

from __future__ import annotations

import re
from typing import Any

from ninja import Field, Query, Schema

from cadenza.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Orderings, ordering_values
from cadenza.partialdates import PartialDate

LIMIT = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="items per page")
CURSOR = Query(None, max_length=500, description="from the previous page's `next` link")


def ordering_param(orderings: Orderings, default: str) -> Any:
    """The `ordering` parameter: its values told in the OpenAPI document as a pattern, so
    an unknown one is a 400 naming `ordering` (and `paginate` checks again)."""
    values = ordering_values(orderings)
    return Query(
        default,
        max_length=50,
        pattern="^-?(" + "|".join(re.escape(name) for name in orderings) + ")$",
        description=f"one of {', '.join(values)} (`-` for descending); ties by id",
    )


class Ref(Schema):
    """Another record: its id, its name as the pages show it, and its page."""

    id: int
    name: str
    url: str = Field(description="its page on the site")


class YearCount(Schema):
    year: int
    count: int


class DateOut(Schema):
    """A date that may know only a year, or a year and a month."""

    iso: str = Field(description="ISO 8601 with reduced precision: 1889, 1889-03, 1889-03-05")
    text: str = Field(description="as the pages write it: 5 March 1889")


def ref(obj: Any, name: str | None = None) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": str(obj) if name is None else name, "url": obj.get_absolute_url()}


def date_out(date: PartialDate) -> dict[str, str] | None:
    """None for an unknown date ("one day"): its place is told by `narrative_order`."""
    if not date:
        return None
    return {"iso": date.iso(), "text": str(date)}
