"""The API's URLs: ninja's, each view wrapped for ETags, HEAD and Vary
(`conditional.py`), and a problem for any other path under /api/v1/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from cadenza.api.conditional import conditional
from cadenza.api.main import api
from cadenza.api.problems import problem_response


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = conditional(pattern.callback)
        else:
            _wrapped(pattern.url_patterns)
    return patterns


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(
        request,
        404,
        f"No API endpoint at {request.path}: see /api/v1/docs for the list.",
        kind="not-found",
    )


_ninja, app_name, _namespace = api.urls
urlpatterns = [
    *_wrapped(list(_ninja)),
    path("", not_found),
    path("<path:rest>", not_found),
]
