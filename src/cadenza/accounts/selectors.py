"""Reads about users: who may see the private side of which artist.

Every private part of an artist's record (notes today; fees, holds and contracts later)
asks `user_can_view_private`, and every list that must hide private rows filters with
`agents_private_to`, so the rule lives in one place.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cadenza.accounts.models import ArtistAccess
from cadenza.people.models import Agent


def _sees_everything(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and (user.is_superuser or user.is_staff)
    )


def user_can_view_private(*, user: Any, agent: Agent) -> bool:
    """Staff and superusers see every artist's private record; others need ArtistAccess."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _sees_everything(user):
        return True
    return ArtistAccess.objects.filter(user_id=user.pk, agent_id=agent.pk).exists()


def agents_private_to(*, user: Any) -> QuerySet[Agent]:
    """The agents whose private record this user may see (same rule, for lists)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agent.objects.none()
    if _sees_everything(user):
        return Agent.objects.all()
    return Agent.objects.filter(user_access__user_id=user.pk)


def user_can_import_biographies(*, user: Any) -> bool:
    """Staff, and managers of at least one artist, may review and import biographies."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _sees_everything(user):
        return True
    return ArtistAccess.objects.filter(user_id=user.pk, role=ArtistAccess.Role.MANAGER).exists()
