"""Writes for users, their access to artists' private records and to presenters, rosters,
and API tokens (see `tokens.py`)."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import OperationalError, connection
from django.utils import timezone

from cadenza.accounts.models import (
    ApiToken,
    ArtistAccess,
    PresenterAccess,
    Roster,
    RosterArtist,
    User,
)
from cadenza.accounts.tokens import (
    MAX_EXPIRES_DAYS,
    NAME_LENGTH,
    PREFIX_LENGTH,
    SECRET_BYTES,
    TokenError,
    secret_hash,
)
from cadenza.people.models import Agent


def user_set_password(
    *, username: str, password: str, is_staff: bool = False, is_superuser: bool = False
) -> User:
    """Create the user, or reset the password of an existing one."""
    if not username.strip():
        raise ValueError("A user needs a username.")
    user = User.objects.filter(username=username).first() or User(username=username)
    user.is_staff = is_staff or is_superuser
    user.is_superuser = is_superuser
    user.set_password(password)
    user.save()
    return user


def artist_access_grant(*, user: User, agent: Agent, role: str) -> ArtistAccess:
    if role not in ArtistAccess.Role.values:
        raise ValueError(
            f"Role must be one of {', '.join(ArtistAccess.Role.values)}, not {role!r}."
        )
    access, created = ArtistAccess.objects.get_or_create(
        user=user, agent=agent, defaults={"role": role}
    )
    if not created and access.role != role:
        access.role = role
        access.save(update_fields=["role"])
    return access


def artist_fees_shown(*, agent: Agent, user: User, shown: bool) -> ArtistAccess:
    """Let the artist's own login see fees and settlements, or stop it (the manager's call)."""
    access = ArtistAccess.objects.filter(user=user, agent=agent).first()
    if access is None:
        raise ValueError(f"{user} has no access to {agent}: grant them the artist role first.")
    if access.role != ArtistAccess.Role.ARTIST:
        # Managers and assistants always see fees; the setting would say nothing for them.
        raise ValueError(
            f"{user} is {agent}'s {access.get_role_display().lower()}, who always sees fees: "
            "showing fees is set for the artist's own login only."
        )
    if access.sees_fees != shown:
        access.sees_fees = shown
        access.save(update_fields=["sees_fees"])
    return access


def presenter_access_grant(*, user: User, organisation: Agent) -> PresenterAccess:
    """Let the user act for a presenter: see its engagements, their fees and contracts."""
    if organisation.kind == Agent.Kind.PERSON:
        # A presenter's login acts for an institution (a hall, an orchestra, a festival);
        # a person here is most likely the artist or a contact picked by mistake.
        raise ValueError(
            f"{organisation} is a person: presenter access is for an organisation or an "
            "ensemble that engages artists."
        )
    access, _ = PresenterAccess.objects.get_or_create(user=user, organisation=organisation)
    return access


def roster_ensure(*, name: str, auto_promote_holds: bool | None = None) -> Roster:
    """Find a roster by name or create it.

    `auto_promote_holds` is set when given; left out, a new roster takes the trade's
    default (True) and an existing one keeps its own, so a mere lookup changes nothing.
    """
    name = " ".join(name.split())
    if not name:
        raise ValueError("A roster needs a name.")
    roster, _ = Roster.objects.get_or_create(
        name=name, defaults={"auto_promote_holds": auto_promote_holds is not False}
    )
    if auto_promote_holds is not None and roster.auto_promote_holds != auto_promote_holds:
        roster.auto_promote_holds = auto_promote_holds
        roster.save(update_fields=["auto_promote_holds"])
    return roster


def roster_artist_add(*, roster: Roster, agent: Agent) -> RosterArtist:
    """Put the artist on the roster, taking them off any other (one roster at a time)."""
    if agent.kind == Agent.Kind.ORGANISATION:
        raise ValueError(
            f"{agent} is an organisation: a roster lists artists (persons and ensembles)."
        )
    if roster.pk is None:
        raise ValueError("Save the roster before adding artists to it.")
    entry, _ = RosterArtist.objects.update_or_create(agent=agent, defaults={"roster": roster})
    return entry


def token_create(
    *, user: User, name: str, read_only: bool = False, expires_days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for the user, and the string to give them: shown once, never stored."""
    name = " ".join("".join(c for c in name if c.isprintable()).split())
    if not name:
        raise TokenError("A token needs a name (what it is for, e.g. “crm”).", field="name")
    if len(name) > NAME_LENGTH:
        raise TokenError(f"A token's name is at most {NAME_LENGTH} characters.", field="name")
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRES_DAYS:
        raise TokenError(
            f"Expiry must be between 1 and {MAX_EXPIRES_DAYS} days, or none.",
            field="expires_days",
        )
    if not user.is_active:
        raise TokenError(f"{user} is not an active user.", field="user")
    now = timezone.now()
    while True:  # a prefix collision is rare (48 bits), but must not become an error
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=secret_hash(secret),
        scope=ApiToken.Scope.READ if read_only else ApiToken.Scope.READ_WRITE,
        created_at=now,
        expires_at=now + timedelta(days=expires_days) if expires_days else None,
    )
    return token, f"{prefix}.{secret}"


def token_revoke(*, token: ApiToken, at: datetime | None = None) -> ApiToken:
    """Revoke the token (at once, for good); revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = at or timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=token.revoked_at)
    return token


@dataclass(frozen=True)
class Checked:
    """The outcome of checking a presented token: the token, or why it was refused."""

    token: ApiToken | None
    problem: str = ""


# Writing last_used_at on every request would make every API read a write (and queue
# behind an import on SQLite): once a minute per token is enough to tell it is in use.
LAST_USED_EVERY = timedelta(minutes=1)


def token_check(*, presented: str, now: datetime | None = None) -> Checked:
    """Find the token a request presented, and say why it is refused if it is."""
    now = now or timezone.now()
    prefix, dot, secret = presented.strip().partition(".")
    if not dot or not prefix or not secret or len(prefix) > 16:
        return Checked(None, "The token is malformed: expected <prefix>.<secret>.")
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, secret_hash(secret)):
        return Checked(None, "The token is not valid.")
    if token.revoked_at is not None:
        return Checked(None, "The token has been revoked.")
    if token.expires_at is not None and token.expires_at <= now:
        return Checked(None, "The token has expired.")
    if not token.user.is_active:
        return Checked(None, "The token's user is not active.")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        _note_use(token=token, now=now)
    return Checked(token)


def _note_use(*, token: ApiToken, now: datetime) -> None:
    """Note when the token was used, if the database can take the write at once.

    A read made with a token must not queue behind a long import for its bookkeeping
    (SQLite lets one writer in at a time, and the others wait up to their timeout): on
    SQLite the write does not wait, and a busy database leaves it to the next use."""
    rows = ApiToken.objects.filter(pk=token.pk)
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        rows.update(last_used_at=now)
        token.last_used_at = now
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        waited = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout = 0")
        try:
            rows.update(last_used_at=now)
            token.last_used_at = now
        except OperationalError:
            pass  # another process is writing: noted at the next use
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(waited)}")
