"""Tokens through the API: a new one for a username and password (for scripts that start
with neither), the signed-in user's list, revoking one, and who the request acts as."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.contrib.auth import authenticate
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from cadenza.accounts.models import ApiToken, User
from cadenza.accounts.selectors import token_status, tokens_of
from cadenza.accounts.services import token_create, token_revoke
from cadenza.accounts.tokens import MAX_EXPIRES_DAYS, NAME_LENGTH, token_of
from cadenza.api.auth import PUBLIC, actor, actor_label
from cadenza.api.pagination import Orderings, page_of, paginate
from cadenza.api.problems import ApiProblem
from cadenza.api.refs import CURSOR, LIMIT, ordering_param

router = Router()


class TokenRequest(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=4096)
    name: str = Field(min_length=1, max_length=NAME_LENGTH, description="what it is for")
    read_only: bool = False
    expires_days: int | None = Field(None, ge=1, le=MAX_EXPIRES_DAYS)


class TokenOut(Schema):
    name: str
    prefix: str
    scope: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: str


class NewToken(TokenOut):
    token: str = Field(description="`<prefix>.<secret>`: shown this once, never again")


class Me(Schema):
    username: str | None
    authenticated: bool
    token: TokenOut | None
    actor: str = Field(description="who the change log records: user (token 'name', prefix)")


def _out(token: ApiToken) -> dict[str, object]:
    return {
        "name": token.name,
        "prefix": token.prefix,
        "scope": token.scope,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "status": token_status(token=token),
    }


@router.post("/token", auth=None, response={201: NewToken}, summary="Get a token")
def token_new(request: HttpRequest, payload: TokenRequest) -> Status[dict[str, object]]:
    """A new token for a username and password. Logins are throttled like the login page's
    (the same `authenticate`), so guessing passwords here is no faster than there."""
    user = authenticate(request=request, username=payload.username, password=payload.password)
    if not isinstance(user, User) or not user.is_active:
        raise ApiProblem(401, "Wrong username or password.", kind="invalid-credentials")
    token, secret = token_create(
        user=user,
        name=payload.name,
        read_only=payload.read_only,
        expires_days=payload.expires_days,
    )
    return Status(201, {**_out(token), "token": secret})


ORDERINGS: Orderings = {"created": ["created_at"], "name": [Lower("name")], "id": []}


@router.get("/tokens", response=page_of(TokenOut), summary="My tokens")
def token_list(
    request: HttpRequest,
    status: Literal["active", "expired", "revoked"] | None = None,
    ordering: str = ordering_param(ORDERINGS, "-created"),
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
) -> dict[str, object]:
    """The signed-in user's tokens, newest first, revoked and expired ones included."""
    rows = tokens_of(user=actor(request))
    now = timezone.now()
    unexpired = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    if status == "active":
        rows = rows.filter(unexpired, revoked_at__isnull=True)
    elif status == "expired":
        rows = rows.filter(revoked_at__isnull=True).exclude(unexpired)
    elif status == "revoked":
        rows = rows.filter(revoked_at__isnull=False)
    page = paginate(
        request, rows, orderings=ORDERINGS, ordering=ordering, limit=limit, cursor=cursor
    )
    return {"items": [_out(t) for t in page.items], "next": page.next}


@router.delete("/tokens/{prefix}", response={204: None}, summary="Revoke a token")
def token_delete(request: HttpRequest, prefix: str) -> Status[None]:
    """Revoke one of your tokens (a token may revoke itself)."""
    token = tokens_of(user=actor(request)).filter(prefix=prefix[:16]).first()
    if token is None:
        raise ApiProblem(404, f"You have no token {prefix!r}.", kind="not-found")
    token_revoke(token=token)
    return Status(204, None)


@router.get("/me", auth=PUBLIC, response=Me, summary="Who am I")
def me(request: HttpRequest) -> dict[str, object]:
    """Who the request acts as, and through which token."""
    user = actor(request)
    token = token_of(by=user)
    return {
        "username": user.get_username() if user.is_authenticated else None,
        "authenticated": bool(user.is_authenticated),
        "token": _out(token) if token else None,
        "actor": actor_label(request),
    }
