"""Cursor pagination and ordering for every list.

A list is ordered by a whitelisted key (the `ordering` parameter, `-` for descending)
with the id as the last tie-breaker, so the order is total and stable. The cursor is the
last row's sort values, signed (so it is opaque and cannot be forged into another query),
and the next page starts strictly after it: rows added meanwhile never shift a page.
A malformed cursor, or one made for another ordering, is a 400 naming `cursor`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core import signing
from django.db.models import Expression, F, Q, QuerySet
from django.http import HttpRequest, QueryDict
from ninja import Schema
from pydantic import create_model

from cadenza.api.problems import bad_parameter

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
_SALT = "cadenza.api.cursor"

M = TypeVar("M")
T = TypeVar("T")

# A public ordering name → the expressions it sorts by (before the id). An expression
# must never be NULL (wrap nullable fields in Coalesce), or rows would be skipped.
Orderings = Mapping[str, Sequence[str | Expression]]


def ordering_values(orderings: Orderings) -> list[str]:
    """The values `ordering` accepts: each name ascending and with `-`."""
    return [v for name in orderings for v in (name, f"-{name}")]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


@dataclass
class Page(Generic[T]):
    items: list[T]
    next: str | None


def _next_link(request: HttpRequest, cursor: str) -> str:
    query: QueryDict = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest,
    rows: QuerySet[Any],
    *,
    orderings: Orderings,
    ordering: str,
    limit: int,
    cursor: str | None,
    prepare: Callable[[list[Any]], list[Any]] | None = None,
) -> Page[Any]:
    """One page of `rows` in the asked order after the cursor, and the link to the next.

    `prepare` turns the page's rows into the items (a selector's bulk read, so a page
    costs the same queries however long it is).
    """
    name = ordering.removeprefix("-")
    if name not in orderings:
        raise bad_parameter(
            "ordering",
            f"unknown field {name!r}: order by one of {', '.join(ordering_values(orderings))}.",
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise bad_parameter("limit", f"must be between 1 and {MAX_LIMIT}.")
    descending = ordering.startswith("-")
    keys = [*orderings[name], "id"]
    annotations = {
        f"_k{i}": key if not isinstance(key, str) else F(key) for i, key in enumerate(keys)
    }
    rows = rows.annotate(**annotations)
    names = list(annotations)
    order = [f"-{n}" if descending else n for n in names]
    rows = rows.order_by(*order)
    if cursor:
        rows = rows.filter(_after(_read_cursor(cursor, ordering, len(names)), names, descending))
    found = list(rows[: limit + 1])
    more = len(found) > limit
    found = found[:limit]
    link = None
    if more and found:
        last = [_plain(getattr(found[-1], n)) for n in names]
        link = _next_link(request, signing.dumps({"o": ordering, "v": last}, salt=_SALT))
    items = prepare(found) if prepare else found
    return Page(items=items, next=link)


def _read_cursor(cursor: str, ordering: str, width: int) -> list[Any]:
    try:
        data = signing.loads(cursor, salt=_SALT)
    except signing.BadSignature:
        raise bad_parameter(
            "cursor", "not a cursor this API gave (copy the `next` link)."
        ) from None
    values = data.get("v") if isinstance(data, dict) else None
    if not isinstance(values, list) or len(values) != width:
        raise bad_parameter("cursor", "not a cursor this API gave (copy the `next` link).")
    if data.get("o") != ordering:
        raise bad_parameter(
            "cursor", f"made for ordering {data.get('o')!r}, not {ordering!r}: start again."
        )
    return values


def _after(values: list[Any], names: list[str], descending: bool) -> Q:
    """Rows strictly after the cursor's row in the order: (a, b, id) > (va, vb, vid)."""
    lookup = "lt" if descending else "gt"
    condition = Q()
    for i, name in enumerate(names):
        step = Q(**{f"{name}__{lookup}": values[i]})
        for earlier, value in zip(names[:i], values[:i], strict=True):
            step &= Q(**{earlier: value})
        condition |= step
    return condition


_page_models: dict[type, type] = {}


def page_of(item: type[Schema], name: str | None = None) -> type[Schema]:
    """The schema of a page of `item`: `{"items": [...], "next": "<url>" | null}`."""
    if item not in _page_models:
        _page_models[item] = create_model(
            name or f"{item.__name__}Page",
            __base__=Schema,
            items=(list[item], ...),  # type: ignore[valid-type]
            next=(str | None, None),
        )
    return _page_models[item]
