"""Who may see and do what with an engagement: one rule, for pages, exports and lists.

The roles come from `accounts`: a user is the artist, their manager or assistant
(`ArtistAccess`), or acts for a presenter (`PresenterAccess`); staff see everything. A
user may hold several roles at once (a presenter's user who also manages another artist),
so a sight is the union of what each role gives on that engagement.

Every page, export and cached fragment that shows a fee, a hold, a contract, a settlement
or a note asks for a `Sight` first; lists filter with `engagements_visible_to`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db.models import Q, QuerySet

from cadenza.accounts.models import ArtistAccess, PresenterAccess
from cadenza.accounts.selectors import MANAGING_ROLES, user_is_signed_in, user_sees_everything
from cadenza.engagements.models import Engagement


@dataclass(frozen=True)
class Sight:
    """What one user may see and do on one engagement."""

    view: bool = False  # the engagement itself: who, where, when, its state and programme
    edit: bool = False  # move it, change the deal and holds, upload documents
    money: bool = False  # fee, deal terms, deposit, VAT, withholding, payments, settlement
    commission: bool = False  # the manager's commission and the artist's net
    holds: bool = False  # the holds of this engagement: rank, expiry
    notes: bool = False  # the management's internal notes
    documents: bool = False  # contract and rider files

    NONE: ClassVar[Sight]
    ALL: ClassVar[Sight]
    ARTIST: ClassVar[Sight]
    ARTIST_WITH_FEES: ClassVar[Sight]
    PRESENTER: ClassVar[Sight]

    def __post_init__(self) -> None:
        # A sight that shows a part of an engagement it cannot view would leak through a
        # page that checks only the part; the artist's net means nothing without the fee.
        granted = [f.name for f in dataclasses.fields(self) if getattr(self, f.name)]
        if granted and not self.view:
            raise ValueError(f"A sight with {', '.join(granted)} must also view.")
        if self.commission and not self.money:
            raise ValueError("A sight of the commission must also see the money.")

    def __or__(self, other: Sight) -> Sight:
        """The union: what either sight allows (a user in two roles on one engagement)."""
        return Sight(
            **{
                f.name: getattr(self, f.name) or getattr(other, f.name)
                for f in dataclasses.fields(self)
            }
        )


Sight.NONE = Sight()
Sight.ALL = Sight(
    view=True, edit=True, money=True, commission=True, holds=True, notes=True, documents=True
)
# The artist's own login: never the management's notes, never a change to the booking.
Sight.ARTIST = Sight(view=True, holds=True)
Sight.ARTIST_WITH_FEES = Sight(view=True, holds=True, money=True, commission=True, documents=True)
# The presenter knows the fee it pays, not what the artist's management takes of it.
Sight.PRESENTER = Sight(view=True, holds=True, money=True, documents=True)


@dataclass(frozen=True)
class _Roles:
    """One user's roles: (role, sees_fees) by artist id, and the presenters they act for."""

    artists: dict[int, tuple[str, bool]]
    presenters: frozenset[int]

    def sight(self, engagement: Engagement) -> Sight:
        found = Sight.NONE
        if engagement.artist_id in self.artists:
            role, sees_fees = self.artists[engagement.artist_id]
            if role in MANAGING_ROLES:
                return Sight.ALL
            if role == ArtistAccess.Role.ARTIST:
                found = Sight.ARTIST_WITH_FEES if sees_fees else Sight.ARTIST
        if engagement.presenter_id in self.presenters:
            found |= Sight.PRESENTER
        return found


def _artist_roles(access: QuerySet[ArtistAccess]) -> dict[int, tuple[str, bool]]:
    return {
        agent_id: (role, sees_fees)
        for agent_id, role, sees_fees in access.values_list("agent_id", "role", "sees_fees")
    }


def sight(*, user: Any, engagement: Engagement) -> Sight:
    """What `user` may see and do on `engagement`: at most two queries, none for staff.

    Reads only the engagement's `artist_id` and `presenter_id`, so the engagement needs
    nothing prefetched.
    """
    if not user_is_signed_in(user=user):
        return Sight.NONE
    if user_sees_everything(user=user):
        return Sight.ALL
    artists = _artist_roles(
        ArtistAccess.objects.filter(user_id=user.pk, agent_id=engagement.artist_id)
    )
    if artists.get(engagement.artist_id, ("", False))[0] in MANAGING_ROLES:
        return Sight.ALL  # the presenter's side could add nothing: spare its query
    presents = PresenterAccess.objects.filter(
        user_id=user.pk, organisation_id=engagement.presenter_id
    ).exists()
    presenters = frozenset({engagement.presenter_id}) if presents else frozenset()
    return _Roles(artists=artists, presenters=presenters).sight(engagement)


def sights_for(*, user: Any, engagements: Iterable[Engagement]) -> dict[int, Sight]:
    """Each engagement's sight by its id, for a list: two queries however long the list.

    (Plus one to evaluate `engagements` when it is a queryset not yet read.) The user's
    roles are read whole rather than filtered by the list's artists: a user holds a
    handful, and a long `IN` list would run into the database's limit on parameters.
    """
    engagements = list(engagements)
    if not user_is_signed_in(user=user):
        return {e.pk: Sight.NONE for e in engagements}
    if user_sees_everything(user=user):
        return {e.pk: Sight.ALL for e in engagements}
    if not engagements:
        return {}
    roles = _Roles(
        artists=_artist_roles(ArtistAccess.objects.filter(user_id=user.pk)),
        presenters=frozenset(
            PresenterAccess.objects.filter(user_id=user.pk).values_list(
                "organisation_id", flat=True
            )
        ),
    )
    return {e.pk: roles.sight(e) for e in engagements}


def engagements_visible_to(*, user: Any) -> QuerySet[Engagement]:
    """The engagements `user` may view (the same rules as `sight`), in one query.

    Subqueries rather than joins, so an engagement that two roles reach comes once.
    """
    if not user_is_signed_in(user=user):
        return Engagement.objects.none()
    if user_sees_everything(user=user):
        return Engagement.objects.all()
    return Engagement.objects.filter(
        Q(artist_id__in=ArtistAccess.objects.filter(user_id=user.pk).values("agent_id"))
        | Q(
            presenter_id__in=PresenterAccess.objects.filter(user_id=user.pk).values(
                "organisation_id"
            )
        )
    )
