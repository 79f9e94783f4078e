"""Reads about users: who may see the private side of which artist, and for whom they act.

Every private part of an artist's record asks `user_can_view_private`, and every list
that must hide private rows filters with `agents_private_to`, so the rule lives in one
place. Engagements (fees, holds, contracts) build their finer rules on these in
`engagements/access.py`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from cadenza.accounts.models import ApiToken, ArtistAccess, Roster, RosterArtist, User
from cadenza.people.models import Agent

# The roles that act for an artist: they see and edit the bookings, fees and holds.
MANAGING_ROLES = (ArtistAccess.Role.MANAGER, ArtistAccess.Role.ASSISTANT)


def user_is_signed_in(*, user: Any) -> bool:
    """A signed-in, active user: anyone else (anonymous, deactivated) has no private sight."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def user_sees_everything(*, user: Any) -> bool:
    """Active staff and superusers see every private record."""
    return user_is_signed_in(user=user) and bool(user.is_superuser or user.is_staff)


def user_can_view_private(*, user: Any, agent: Agent) -> bool:
    """Staff and superusers see every artist's private record; others need ArtistAccess."""
    if not user_is_signed_in(user=user):
        return False
    if user_sees_everything(user=user):
        return True
    return ArtistAccess.objects.filter(user_id=user.pk, agent_id=agent.pk).exists()


def agents_private_to(*, user: Any) -> QuerySet[Agent]:
    """The agents whose private record this user may see (same rule, for lists)."""
    if not user_is_signed_in(user=user):
        return Agent.objects.none()
    if user_sees_everything(user=user):
        return Agent.objects.all()
    return Agent.objects.filter(user_access__user_id=user.pk)


def user_can_import_biographies(*, user: Any) -> bool:
    """Staff, and managers of at least one artist, may review and import biographies."""
    if not user_is_signed_in(user=user):
        return False
    if user_sees_everything(user=user):
        return True
    return ArtistAccess.objects.filter(user_id=user.pk, role=ArtistAccess.Role.MANAGER).exists()


def agents_managed_by(*, user: Any) -> QuerySet[Agent]:
    """The artists this user books for: those they manage or assist.

    Staff get the agency's artists: every agent on a roster or with a login tied to it
    (ArtistAccess of any role). Not every agent: the archive holds thousands of historical
    musicians nobody manages. Not "every agent with an engagement" either: engagements sit
    above accounts in the layers; staff reach those through `engagements_visible_to`.
    """
    if not user_is_signed_in(user=user):
        return Agent.objects.none()
    if user_sees_everything(user=user):
        return Agent.objects.filter(
            Q(pk__in=ArtistAccess.objects.values("agent_id"))
            | Q(pk__in=RosterArtist.objects.values("agent_id"))
        )
    return Agent.objects.filter(
        pk__in=ArtistAccess.objects.filter(user_id=user.pk, role__in=MANAGING_ROLES).values(
            "agent_id"
        )
    )


def auto_promote_holds(*, agent: Agent) -> bool:
    """Whether the next hold on a day moves up by itself when a higher one goes.

    True for an artist on no roster: that is the trade's default.
    """
    setting = (
        Roster.objects.filter(rosterartist__agent_id=agent.pk)
        .values_list("auto_promote_holds", flat=True)
        .first()
    )
    return True if setting is None else setting


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (revoked and expired ones too, marked so)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def token_status(*, token: ApiToken, now: datetime | None = None) -> str:
    """active, expired or revoked: for lists."""
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"
