"""The error pages: styled like the rest of the site, each with the search box, so a
visitor who followed a stale link can look for what they wanted. Django calls them through
`handler400`, `handler403`, `handler404` and `handler500` (cadenza/urls.py)."""

from __future__ import annotations

import logging

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
    500: (
        "Something went wrong",
        "Cadenza could not show this page because of an error of its own; it has been logged.",
    ),
}
# When even the styled page cannot be drawn (the error may be in what draws it).
_PLAIN = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{heading} · Cadenza'
    '</title></head><body><h1>{heading}</h1><p>{explanation}</p><form action="/search/">'
    '<label for="q">Search the record</label> <input id="q" type="search" name="q">'
    ' <button type="submit">Search</button></form></body></html>'
)


def error_page(request: HttpRequest | None, status: int) -> HttpResponse:
    heading, explanation = _SAID[status]
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
    return error_page(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500)
