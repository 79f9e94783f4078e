"""The API's URLs: ninja's, each view wrapped for ETags, HEAD and Vary
(`conditional.py`), and a problem for any other path under /api/v1/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt

from cadenza.api.conditional import conditional
from cadenza.api.main import api
from cadenza.api.problems import problem_response


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name == "api-root":
            # ninja's root (kept for `reverse`) answers Django's HTML 404: a problem instead.
            pattern.callback = conditional(not_found)
        elif isinstance(pattern, URLPattern):
            pattern.callback = conditional(pattern.callback)
        else:
            _wrapped(pattern.url_patterns)
    return patterns


# No change is made here, so no CSRF token is needed: a POST to an address that is no
# endpoint (/engagements/1.5) is a 404 problem, not Django's HTML 403 for a missing token.
@csrf_exempt
def not_found(request: HttpRequest) -> HttpResponse:
    return problem_response(
        request,
        404,
        f"No API endpoint at {request.path}: see /api/v1/docs for the list.",
        kind="not-found",
    )


_ninja, app_name, _namespace = api.urls
urlpatterns = [
    *_wrapped(list(_ninja)),
    # Any other path, a newline in it too (`<path:>` would leave that to the HTML 404).
    re_path(r"^[\s\S]*\Z", not_found),
]
