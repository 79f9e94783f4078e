"""What every API response gets on its way out, around ninja's views:

- GET (and HEAD, answered as GET without the body) carries a strong ETag, the hash of
  the body; `If-None-Match` with it answers 304 with no body. The body is what this user
  may see, so the tag differs between users who see different things;
- `Vary: Authorization, Cookie` and `Cache-Control: private, no-cache`: a shared cache
  keeps nothing, and a client revalidates with its ETag each time (a 304 is cheap);
- ninja's plain-text 405 becomes a problem (with its Allow header).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from cadenza.api.problems import CONTENT_TYPE, problem_response

View = Callable[..., HttpResponseBase]


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    # A weak comparison, as RFC 9110 asks for If-None-Match.
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


def conditional(view: View) -> View:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if response.status_code == 405 and response.get("Content-Type") != CONTENT_TYPE:
            allowed = response.get("Allow", "")
            response = problem_response(
                request,
                405,
                f"{request.method} is not allowed here; allowed: {allowed}.",
                headers={"Allow": allowed},
            )
        if request.method in {"GET", "HEAD"} and isinstance(response, HttpResponse):
            if response.status_code == 200 and not response.streaming:
                etag = _etag(response.content)
                if _matches(request, etag):
                    response = HttpResponseNotModified()
                response["ETag"] = etag
            if head:
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-cache"
        return response

    return wrapper
