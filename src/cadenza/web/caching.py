"""The page cache: anonymous GET pages kept until the record changes (docs/deployment.md).

Correctness rests on one number, the record version (`selectors.record_version`), which
database triggers move at every committed write to the record, whoever made it (the admin,
services, the importers' bulk inserts and raw SQL, another process). A page is stored
under the version read before it was rendered, so an edit is never followed by an older
page.

Pages are stored only for visitors with no cookie but the CSRF one (so no session and no
message waiting), only when every query parameter is one the pages read, and only when the
page did not use a CSRF token, set a cookie or ask not to be stored. `PAGE_CACHE=1`
turns the cache on (settings.PAGE_CACHE).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from cadenza.web.selectors import record_version

ALIAS = "pages"
# Search answers from its own documents, which on PostgreSQL may lag a moment behind the
# record (rebuilt only when no writer is open): a page from them could outlive its version.
_NOT_STORED = ("/search/", "/admin/")
# The query parameters the public pages read (views/), with the values they take: a page
# asked for with any other parameter, a parameter twice or an odd value is rendered but
# never stored, so made-up query strings cannot fill the cache (docs/deployment.md).
_NUMBERS = re.compile(r"\d{1,7}")
_WORDS = re.compile(r"[\w.:/+-]{0,40}")
KNOWN_PARAMETERS = {
    **dict.fromkeys(("page", "season", "conductor", "soloist", "work", "artist"), _NUMBERS),
    **dict.fromkeys(
        ("sort", "letter", "kind", "role", "instrument", "q", "tz", "within", "part",
         "format", "start", "end", "state"),
        _WORDS,
    ),
}  # fmt: skip
# Request headers that choose what a view renders (htmx asks for parts of pages).
_VARY = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)


def _key(request: HttpRequest, version: int) -> str:
    parts = [str(version), request.scheme or "", request.get_host(), request.get_full_path()]
    parts += [request.META.get(name, "") for name in _VARY]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cacheable_request(request: HttpRequest) -> bool:
    # Any cookie but the CSRF one may change the page: a session, a message to show once.
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}
        and not request.path.startswith(_NOT_STORED)
        and _known_query(request)
    )


def _known_query(request: HttpRequest) -> bool:
    return all(
        name in KNOWN_PARAMETERS
        and len(values) == 1
        and KNOWN_PARAMETERS[name].fullmatch(values[0]) is not None
        for name, values in request.GET.lists()
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and "private" not in control
        and "no-store" not in control
    )


class PageCacheMiddleware:
    """Serve and store anonymous GET pages under the record version (settings.PAGE_CACHE).

    Placed before the session, CSRF and authentication middleware, so a page served from
    the cache costs one query (the version) and one cache read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[ALIAS]
        key = _key(request, record_version())
        stored = cache.get(key)
        if stored is not None:
            stored["X-Page-Cache"] = "hit"
            return stored
        response = self.get_response(request)
        if _storable(request, response):
            cache.set(key, response)
            response["X-Page-Cache"] = "miss"
        return response
