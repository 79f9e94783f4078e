"""Two small middlewares of the site's defences (docs/security.md).

`DatabaseBusyMiddleware`: SQLite has one writer at a time. A write that waited the busy
timeout (settings, `DATABASE_LOCK_SECONDS`) for another process (an import, a worker) gives
up with "database is locked"; the visitor is then told to try again in a moment, with
503 and Retry-After, never a 500. The same answer comes from `handler500` for a lock met
outside a view (web/views/errors.py).

`PermissionsPolicyMiddleware`: the Permissions-Policy header, which Django does not send.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from cadenza.web.views.errors import busy_page, is_lock_error


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return busy_page() if is_lock_error(exception) else None


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
