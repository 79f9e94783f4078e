"""Writes for users and their access to artists' private records."""

from __future__ import annotations

from cadenza.accounts.models import ArtistAccess, User
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
