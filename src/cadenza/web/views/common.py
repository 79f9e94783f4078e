"""Helpers shared by the page views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponsePermanentRedirect

# Pages of events: 25 rows with their programmes and credits keep a busy hall or work
# page within its time budget (benchmarks/README.md).
PAGE_SIZE = 25


def canonical_redirect(
    request: HttpRequest, obj: Any, slug: str | None
) -> HttpResponsePermanentRedirect | None:
    """Send /people/1/ and /people/1/old-name/ to the page's one address."""
    if slug == obj.slug:
        return None
    url = obj.get_absolute_url()
    if request.GET:
        url += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(url)


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (not htmx restoring a whole page from history)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]


def whole_number(text: str) -> int | None:
    """A number typed in a query or a form (an id, a season, a line), or None. Only ASCII
    digits: `str.isdigit` also says yes to '²', which `int` refuses; and short enough for
    the database's integers."""
    text = text.strip()
    if not text or len(text) > 18 or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
