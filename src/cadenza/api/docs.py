"""The interactive docs at /api/v1/docs, offline. django-ninja draws Swagger UI from its own
static files only when "ninja" is an installed app (else from a CDN); installing it would
import ninja and pydantic in every `cadenza` command, a quarter of a second that the archive
import and the worker never use. So ninja's static folder is served beside ours
(settings.STATICFILES_DIRS) and the page is drawn from our template."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class OfflineSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        # The browser's session may change things: ninja's init script sends the token.
        context = {"swagger_settings": json.dumps(settings), "api": api, "add_csrf": True}
        return render(request, "api/swagger.html", context)
