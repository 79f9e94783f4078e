"""Who may see and do what with an engagement: the whole matrix of roles, at the selectors."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from cadenza.accounts.models import ArtistAccess
from cadenza.engagements.access import (
    Sight,
    engagements_visible_to,
    sight,
    sights_for,
)
from cadenza.engagements.models import Engagement
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    EngagementFactory,
    OrganisationFactory,
    PresenterAccessFactory,
    RosterArtistFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOTHING = Sight()
EVERYTHING = Sight(
    view=True, edit=True, money=True, commission=True, holds=True, notes=True, documents=True
)
ARTIST = Sight(view=True, holds=True)
ARTIST_WITH_FEES = Sight(view=True, holds=True, money=True, commission=True, documents=True)
PRESENTER = Sight(view=True, holds=True, money=True, documents=True)


@pytest.fixture
def world() -> dict[str, Any]:
    """Two artists on two rosters, two presenters, an engagement for each pair, and a user
    in every role. `ours` (the artist's with the presenter) is the one the matrix reads."""
    artist, other_artist = AgentFactory(name="Ilse Varga"), AgentFactory(name="Tomas Rell")
    RosterArtistFactory(agent=artist, roster__name="North Artists")
    RosterArtistFactory(agent=other_artist, roster__name="South Artists")
    presenter, other_presenter = OrganisationFactory(), OrganisationFactory()
    engagements = {
        "ours": EngagementFactory(artist=artist, presenter=presenter),
        "artist_elsewhere": EngagementFactory(artist=artist, presenter=other_presenter),
        "presenter_other_artist": EngagementFactory(artist=other_artist, presenter=presenter),
        "neither": EngagementFactory(artist=other_artist, presenter=other_presenter),
    }

    def access(agent: Any, role: str, **user: Any) -> Any:
        return ArtistAccessFactory(agent=agent, role=role, user=UserFactory(**user)).user

    users = {
        "anonymous": AnonymousUser(),
        "signed in, no role": UserFactory(),
        "the artist": access(artist, ArtistAccess.Role.ARTIST),
        "the artist, shown fees": ArtistAccessFactory(
            agent=artist, role=ArtistAccess.Role.ARTIST, sees_fees=True
        ).user,
        "another artist": access(other_artist, ArtistAccess.Role.ARTIST),
        "their manager": access(artist, ArtistAccess.Role.MANAGER),
        "their assistant": access(artist, ArtistAccess.Role.ASSISTANT),
        "their manager, inactive": access(artist, ArtistAccess.Role.MANAGER, is_active=False),
        "another roster's manager": access(other_artist, ArtistAccess.Role.MANAGER),
        "the presenter's user": PresenterAccessFactory(organisation=presenter).user,
        "another presenter's user": PresenterAccessFactory(organisation=other_presenter).user,
        "staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_superuser=True),
        "staff, inactive": UserFactory(is_staff=True, is_superuser=True, is_active=False),
    }
    return {"users": users, "engagements": engagements}


ARTIST_S = {"ours", "artist_elsewhere"}
OTHER_ARTIST_S = {"presenter_other_artist", "neither"}
ALL = {"ours", "artist_elsewhere", "presenter_other_artist", "neither"}

# user → (their sight of `ours`, the engagements they see, the engagements they may edit)
MATRIX = [
    ("anonymous", NOTHING, set(), set()),
    ("signed in, no role", NOTHING, set(), set()),
    ("the artist", ARTIST, ARTIST_S, set()),
    ("the artist, shown fees", ARTIST_WITH_FEES, ARTIST_S, set()),
    ("another artist", NOTHING, OTHER_ARTIST_S, set()),
    ("their manager", EVERYTHING, ARTIST_S, ARTIST_S),
    ("their assistant", EVERYTHING, ARTIST_S, ARTIST_S),
    ("their manager, inactive", NOTHING, set(), set()),
    ("another roster's manager", NOTHING, OTHER_ARTIST_S, OTHER_ARTIST_S),
    ("the presenter's user", PRESENTER, {"ours", "presenter_other_artist"}, set()),
    ("another presenter's user", NOTHING, {"artist_elsewhere", "neither"}, set()),
    ("staff", EVERYTHING, ALL, ALL),
    ("superuser", EVERYTHING, ALL, ALL),
    ("staff, inactive", NOTHING, set(), set()),
]


def _names(world: dict[str, Any], engagements: Any) -> set[str]:
    by_pk = {e.pk: name for name, e in world["engagements"].items()}
    return {by_pk[e.pk] for e in engagements}


def _editable(world: dict[str, Any], user: Any) -> set[str]:
    """The engagements this user may change, by name, as the sights say."""
    engagements = world["engagements"]
    sights = sights_for(user=user, engagements=list(engagements.values()))
    return {name for name, e in engagements.items() if sights[e.pk].edit}


@pytest.mark.parametrize(
    ("who", "expected", "visible", "editable"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_each_role_sees_exactly_its_share(
    world: dict[str, Any], who: str, expected: Sight, visible: set[str], editable: set[str]
) -> None:
    user = world["users"][who]
    assert sight(user=user, engagement=world["engagements"]["ours"]) == expected
    assert _names(world, engagements_visible_to(user=user)) == visible
    assert _editable(world, user) == editable


@pytest.mark.parametrize("who", [m[0] for m in MATRIX])
def test_lists_and_single_sights_agree(world: dict[str, Any], who: str) -> None:
    user = world["users"][who]
    engagements = list(world["engagements"].values())
    sights = sights_for(user=user, engagements=engagements)
    visible = set(engagements_visible_to(user=user))
    for engagement in engagements:
        one = sight(user=user, engagement=engagement)
        assert sights[engagement.pk] == one, engagement
        assert one.view == (engagement in visible), engagement


def test_the_artist_never_reads_the_notes_nor_changes_the_booking(world: dict[str, Any]) -> None:
    for who in ("the artist", "the artist, shown fees", "the presenter's user"):
        seen = sight(user=world["users"][who], engagement=world["engagements"]["ours"])
        assert seen.view and not seen.notes and not seen.edit, who
    presenter = sight(
        user=world["users"]["the presenter's user"], engagement=world["engagements"]["ours"]
    )
    assert presenter.money and not presenter.commission


def test_two_roles_give_the_union_on_each_engagement(world: dict[str, Any]) -> None:
    # A presenter's user who also manages the other artist, and is the first artist's login.
    user = world["users"]["the presenter's user"]
    ours, engagements = world["engagements"]["ours"], world["engagements"]
    ArtistAccessFactory(user=user, agent=engagements["neither"].artist)
    ArtistAccessFactory(user=user, agent=ours.artist, role=ArtistAccess.Role.ARTIST)

    expected = {
        "ours": PRESENTER,  # the artist's login adds nothing the presenter's lacks
        "artist_elsewhere": ARTIST,
        "presenter_other_artist": EVERYTHING,
        "neither": EVERYTHING,
    }
    for name, engagement in engagements.items():
        assert sight(user=user, engagement=engagement) == expected[name], name
    assert sights_for(user=user, engagements=engagements.values()) == {
        e.pk: expected[name] for name, e in engagements.items()
    }
    assert _names(world, engagements_visible_to(user=user)) == ALL
    assert engagements_visible_to(user=user).count() == 4  # each engagement once
    assert _editable(world, user) == OTHER_ARTIST_S


@pytest.mark.parametrize(
    ("who", "queries"),
    [
        ("anonymous", 0),
        ("staff", 0),
        ("staff, inactive", 0),
        ("their manager", 1),
        ("the artist", 2),
        ("the presenter's user", 2),
        ("signed in, no role", 2),
    ],
)
def test_a_sight_costs_at_most_two_queries(
    world: dict[str, Any], django_assert_num_queries: Any, who: str, queries: int
) -> None:
    user, engagement = world["users"][who], world["engagements"]["ours"]
    engagement = Engagement.objects.get(pk=engagement.pk)  # nothing of it loaded beyond its row
    with django_assert_num_queries(queries):
        sight(user=user, engagement=engagement)


@pytest.mark.parametrize("who", ["the artist", "the presenter's user", "their manager"])
def test_a_list_of_sights_costs_the_same_for_four_or_forty(
    world: dict[str, Any], django_assert_num_queries: Any, who: str
) -> None:
    user = world["users"][who]
    few = list(Engagement.objects.all())
    ours = world["engagements"]["ours"]
    EngagementFactory.create_batch(36, artist=ours.artist, presenter=ours.presenter)
    many = list(Engagement.objects.all())
    assert len(many) == 40
    for engagements in (few, many):
        with django_assert_num_queries(2):
            sights = sights_for(user=user, engagements=engagements)
        assert len(sights) == len(engagements)
    assert sum(s.view for s in sights.values()) == 38  # ours and its 36 twins, and one more


def test_visible_engagements_are_one_query(
    world: dict[str, Any], django_assert_num_queries: Any
) -> None:
    user = world["users"]["the presenter's user"]
    ArtistAccessFactory(user=user, agent=world["engagements"]["neither"].artist)
    with django_assert_num_queries(1):
        assert len(list(engagements_visible_to(user=user))) == 3


def test_sights_combine_as_a_union() -> None:
    assert ARTIST | PRESENTER == PRESENTER
    assert ARTIST_WITH_FEES | PRESENTER == ARTIST_WITH_FEES
    assert NOTHING | ARTIST == ARTIST
    assert PRESENTER | EVERYTHING == EVERYTHING
    assert Sight.NONE == NOTHING and Sight.ALL == EVERYTHING
    for field in dataclasses.fields(Sight):
        assert not getattr(Sight.NONE, field.name)
        assert getattr(Sight.ALL, field.name)


def test_a_sight_cannot_show_a_part_without_the_whole() -> None:
    with pytest.raises(ValueError, match="money must also view"):
        Sight(money=True)
    with pytest.raises(ValueError, match="commission must also see the money"):
        Sight(view=True, commission=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Sight.NONE.view = True  # type: ignore[misc]
