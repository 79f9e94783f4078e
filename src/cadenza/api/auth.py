"""Who is asking: an API token (`Authorization: Bearer <token>`), the browser's session
(with CSRF enforced on unsafe methods), or, on the record's public reads, nobody.

`actor(request)` is the user the request acts as, carrying the token it came with
(`accounts.tokens.token_attach`): pass it as `by=` to any service, and the engagement
change log records the token too. `actor_label(request)` says it in words.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from cadenza.accounts import tokens
from cadenza.accounts.selectors import agents_managed_by
from cadenza.accounts.services import token_check
from cadenza.api.problems import ApiProblem, bad_parameter
from cadenza.people.models import Agent

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="cadenza"'}


class TokenAuth(HttpBearer):
    """A bearer token. A bad, expired or revoked one is a 401 (never anonymous instead);
    a read-only one on an unsafe method is a 403."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        checked = token_check(presented=token)
        if checked.token is None:
            raise ApiProblem(401, checked.problem, kind="invalid-token", headers=_CHALLENGE)
        if checked.token.read_only and request.method not in SAFE_METHODS:
            raise ApiProblem(
                403,
                f"The token {checked.token.name!r} ({checked.token.prefix}) is read-only: "
                f"it may not {request.method}. Make a read-write token for changes.",
                kind="read-only-token",
            )
        user = tokens.token_attach(user=checked.token.user, token=checked.token)
        request.user = user
        return user


class SessionAuth(AuthBase):
    """The browser's session, as the pages know it. CSRF is checked only once a signed-in
    session is found, so a request with no session is a 401, not a CSRF failure."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    openapi_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiProblem(
                403,
                "CSRF check failed: a signed-in browser must send the CSRF token "
                "(the X-CSRFToken header) with every change.",
                kind="csrf",
            )
        return user


class Anonymous(AuthBase):
    """Nobody: allowed on the public record's reads only (shown as optional security)."""

    openapi_type = "anonymous"  # replaced by {} in the OpenAPI document (main.py)

    def __call__(self, request: HttpRequest) -> Any:
        if request.method in SAFE_METHODS:
            return AnonymousUser()
        return None


token_auth = TokenAuth()
session_auth = SessionAuth()
anonymous = Anonymous()
# Every operation needs a user unless its router says otherwise.
SIGNED_IN = [token_auth, session_auth]
# The public record: anyone may read it; a token or session sent is still checked.
PUBLIC = [token_auth, session_auth, anonymous]


def actor(request: HttpRequest) -> Any:
    """The user the request acts as (AnonymousUser for nobody), with its token if any."""
    found = getattr(request, "auth", None)
    if found is not None:
        return found
    return getattr(request, "user", None) or AnonymousUser()


def actor_label(request: HttpRequest) -> str:
    """ "alice (token 'crm', ab12cd34)", "alice" (session) or "anonymous"."""
    return tokens.actor_label(by=actor(request))


def managed_artist(request: HttpRequest, artist_id: int, *, work: str) -> Agent:
    """The artist of that id among those the caller books for (`work`: what only the
    management does, 'take a new inquiry'): a 403 for someone who manages no one, a 400
    naming `artist` for an artist they do not manage."""
    managed = agents_managed_by(user=actor(request))
    if not managed.exists():
        raise ApiProblem(403, f"Only an artist's management may {work}.", kind="forbidden")
    artist = managed.filter(pk=artist_id).first()
    if artist is None:
        raise bad_parameter("artist", f"{artist_id} is not an artist you manage.")
    return artist
