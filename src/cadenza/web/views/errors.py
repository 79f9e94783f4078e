"""The error pages: styled like the rest of the site, each with the search box, so a
visitor who followed a stale link can look for what they wanted. Django calls them through
`handler400`, `handler403`, `handler404` and `handler500` (cadenza/urls.py)."""

from __future__ import annotations

import logging
import sys
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

_SAID = {
    400: ("Bad request", "The address or the form sent could not be read."),
    403: ("Not allowed", "You may not see this page. Log in as someone who may, or search."),
    404: (
        "Page not found",
        "Nothing in the record is at this address: it may have moved, or been mistyped.",
    ),
    429: (
        "Too many failed logins",
        "This account has had too many wrong passwords in a row, so its logins are refused "
        "for a while, even with the right password.",
    ),
    500: (
        "Something went wrong",
        "Cadenza could not show this page because of an error of its own; it has been logged.",
    ),
    503: (
        "Busy: please try again",
        "Cadenza is saving a large change (an import) and could not save yours in time. "
        "Nothing was changed: try again in a few seconds.",
    ),
}
# How long a busy visitor is asked to wait before trying again.
RETRY_SECONDS = 5
# When even the styled page cannot be drawn (the error may be in what draws it).
_PLAIN = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{heading} · Cadenza'
    '</title></head><body><h1>{heading}</h1><p>{explanation}</p><form action="/search/">'
    '<label for="q">Search the record</label> <input id="q" type="search" name="q">'
    ' <button type="submit">Search</button></form></body></html>'
)


def error_page(request: HttpRequest | None, status: int, *, more: str = "") -> HttpResponse:
    heading, explanation = _SAID[status]
    explanation = f"{explanation} {more}".strip()
    context = {"status": status, "heading": heading, "explanation": explanation}
    try:
        # A server error is drawn without the request: its context (the user, the
        # session) may be what failed.
        body: str = render_to_string("web/error.html", context, request if status != 500 else None)
    except Exception:
        logger.exception("the styled %s page could not be drawn", status)
        body = _PLAIN.format(**context)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1000
        return error_page(request, 400, more=f"The form sent is larger than {limit} kB.")
    if isinstance(exception, TooManyFieldsSent):
        return error_page(request, 400, more="The form sent has too many fields.")
    return error_page(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # A lock met outside a view (in a middleware) reaches here, not DatabaseBusyMiddleware.
    if is_lock_error(sys.exc_info()[1]):
        return busy_page()
    return error_page(request, 500)


# PostgreSQL's lock_not_available: a lock waited for longer than lock_timeout (settings).
_LOCK_NOT_AVAILABLE = "55P03"


def is_lock_error(exception: BaseException | None) -> bool:
    """Another connection held the lock a write needs longer than settings allow: SQLite's
    write lock ("database is locked"), or a PostgreSQL row or table lock."""
    if not isinstance(exception, OperationalError):
        return False
    cause = getattr(exception.__cause__, "sqlstate", None)
    return "is locked" in str(exception) or cause == _LOCK_NOT_AVAILABLE


def busy_page() -> HttpResponse:
    """503 with Retry-After: the write was not made, and may be tried again shortly."""
    logger.warning("a write waited too long for the database lock: answered 503")
    # Drawn without the request: its session or user may need the locked database.
    response = error_page(None, 503)
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """django-axes' answer to a login of a locked-out account: 429, saying when to retry.
    A view that answered the lockout itself (the API's token endpoint, with a problem
    document a program can read) keeps its answer."""
    if response is not None and response.status_code == 429:
        return response
    cooloff: timedelta = settings.AXES_COOLOFF_TIME
    minutes = max(1, round(cooloff.total_seconds() / 60))
    when = f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."
    page = error_page(request, 429, more=when)
    page["Retry-After"] = str(int(cooloff.total_seconds()))
    return page
