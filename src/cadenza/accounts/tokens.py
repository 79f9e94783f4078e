"""API tokens' shared pieces: the hash, the error, and who a request's actor is.

A token as given to its user is `<prefix>.<secret>`: the prefix (public, shown in lists
and logs) finds the row, the secret proves it. Only SHA-256 of the secret is stored.
The services that make, check and revoke tokens are in `services.py`, the lists in
`selectors.py`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from cadenza.accounts.models import ApiToken, User

PREFIX_LENGTH = 8  # enough to tell a user's tokens apart, and to find one
SECRET_BYTES = 32
MAX_EXPIRES_DAYS = 3650
NAME_LENGTH = 100


class TokenError(ValueError):
    """Bad input to a token service: `field` names what was wrong."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# The request's actor: the user, and the token they came with (None for the session).
# The API puts the token on the user object it authenticated (`token_attach`), so that
# every service that takes `by=request.user` passes it on unchanged to the change log.
_TOKEN_ATTRIBUTE = "_cadenza_api_token"


def token_attach(*, user: User, token: ApiToken) -> User:
    setattr(user, _TOKEN_ATTRIBUTE, token)
    return user


def token_of(*, by: Any) -> ApiToken | None:
    """The token the actor came with, if they came with one."""
    token = getattr(by, _TOKEN_ATTRIBUTE, None)
    return token if isinstance(token, ApiToken) else None


def actor_label(*, by: Any) -> str:
    """Who made a request, and through which token: "alice (token 'crm', ab12cd34)"."""
    if not getattr(by, "is_authenticated", False):
        return "anonymous"
    token = token_of(by=by)
    if token is None:
        return str(by.get_username())
    return f"{by.get_username()} (token {token.name!r}, {token.prefix})"
