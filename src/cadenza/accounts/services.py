"""Writes for users, their access to artists' private records and to presenters, and rosters."""

from __future__ import annotations

from cadenza.accounts.models import ArtistAccess, PresenterAccess, Roster, RosterArtist, User
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
