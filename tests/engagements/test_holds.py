"""Holds: ranks per artist and day, promotion, challenges, expiry, confirmation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cadenza.accounts.models import Roster, RosterArtist
from cadenza.engagements.errors import Invalid
from cadenza.engagements.holds import (
    hold_challenge,
    hold_place,
    hold_promote,
    hold_release,
    holds_expire,
)
from cadenza.engagements.models import Challenge, Change, Hold, State
from cadenza.engagements.services import engagement_create, engagement_move
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

DAY = date(2027, 7, 12)


@pytest.fixture
def artist():
    return AgentFactory(name="Alessio Kalmurzaev")


def inquiry(artist, presenter_name):
    presenter = AgentFactory(name=presenter_name, kind="organisation")
    return engagement_create(artist=artist, presenter=presenter, title=f"{presenter_name} 2027")


def ranks(artist, day=DAY):
    active = Hold.objects.filter(artist=artist, date=day, status=Hold.Status.ACTIVE)
    return [(h.engagement.presenter.name, h.rank) for h in active.order_by("rank")]


def test_holds_rank_in_order_of_asking_and_an_inquiry_becomes_a_hold(artist):
    first, second = inquiry(artist, "Salzburg"), inquiry(artist, "Verbier")
    hold_place(engagement=first, dates=[DAY])
    hold_place(engagement=second, dates=[DAY, DAY + timedelta(days=1)])
    assert ranks(artist) == [("Salzburg", 1), ("Verbier", 2)]
    assert ranks(artist, DAY + timedelta(days=1)) == [("Verbier", 1)]
    first.refresh_from_db()
    assert first.state == State.HOLD
    assert first.changes.filter(kind=Change.Kind.STATE, to_value=State.HOLD).count() == 1


def test_a_rank_already_taken_is_refused_naming_the_next_free_one(artist):
    hold_place(engagement=inquiry(artist, "Salzburg"), dates=[DAY])
    later = inquiry(artist, "Verbier")
    with pytest.raises(Invalid) as error:
        hold_place(engagement=later, dates=[DAY], rank=1)
    assert error.value.field == "rank"
    assert "1st hold on 2027-07-12 is already taken by “Salzburg 2027”" in str(error.value)
    assert "next free rank is 2" in str(error.value)
    assert not later.holds.exists()  # nothing half-saved
    later.refresh_from_db()
    assert later.state == State.INQUIRY


def test_releasing_the_first_hold_promotes_the_others_and_logs_it(artist):
    engagements = [inquiry(artist, name) for name in ("Salzburg", "Verbier", "Lucerne")]
    for engagement in engagements:
        hold_place(engagement=engagement, dates=[DAY])
    hold_release(hold=engagements[0].holds.get(), reason="They chose another soloist.")
    assert ranks(artist) == [("Verbier", 1), ("Lucerne", 2)]
    promoted = engagements[1].changes.filter(kind=Change.Kind.HOLD).last()
    assert promoted.from_value == "2nd hold on 2027-07-12"
    assert promoted.to_value == "1st hold on 2027-07-12"
    # Logged on another presenter's engagement: the hold above, never whose it was.
    assert promoted.reason == "Promoted: the 1st hold on 2027-07-12, above, was released"
    engagements[0].refresh_from_db()
    assert engagements[0].state == State.RELEASED  # it held nothing else


def test_a_roster_without_auto_promotion_leaves_the_gap_to_the_manager(artist):
    roster = Roster.objects.create(name="Agency", auto_promote_holds=False)
    RosterArtist.objects.create(roster=roster, agent=artist)
    first, second = inquiry(artist, "Salzburg"), inquiry(artist, "Verbier")
    hold_place(engagement=first, dates=[DAY])
    hold_place(engagement=second, dates=[DAY])
    hold_release(hold=first.holds.get())
    assert ranks(artist) == [("Verbier", 2)]
    hold_promote(hold=second.holds.get())
    assert ranks(artist) == [("Verbier", 1)]


def test_a_hold_cannot_be_promoted_past_an_active_one(artist):
    hold_place(engagement=inquiry(artist, "Salzburg"), dates=[DAY])
    second = inquiry(artist, "Verbier")
    hold_place(engagement=second, dates=[DAY])
    with pytest.raises(Invalid, match="just above the 2nd hold on 2027-07-12 still stands"):
        hold_promote(hold=second.holds.get())


def test_expired_holds_end_and_the_next_moves_up(artist):
    first, second = inquiry(artist, "Salzburg"), inquiry(artist, "Verbier")
    hold_place(engagement=first, dates=[DAY], expires_on=date(2027, 3, 1))
    hold_place(engagement=second, dates=[DAY], expires_on=date(2027, 5, 1))
    result = holds_expire(today=date(2027, 3, 2))
    assert [h.engagement_id for h in result.expired] == [first.pk]
    assert ranks(artist) == [("Verbier", 1)]
    assert first.holds.get().status == Hold.Status.EXPIRED
    assert holds_expire(today=date(2027, 3, 2)).expired == []  # idempotent


def test_a_challenge_unanswered_by_its_deadline_releases_the_holds_above(artist):
    first, second = inquiry(artist, "Salzburg"), inquiry(artist, "Verbier")
    hold_place(engagement=first, dates=[DAY])
    hold_place(engagement=second, dates=[DAY])
    deadline = timezone.now() + timedelta(hours=48)
    hold_challenge(hold=second.holds.get(), respond_by=deadline)
    challenged = first.changes.filter(to_value="challenged").get()
    assert "Confirm or release by" in challenged.reason
    assert holds_expire(now=deadline - timedelta(minutes=1)).challenges_won == []
    result = holds_expire(now=deadline + timedelta(minutes=1))
    assert [h.engagement_id for h in result.released_by_challenge] == [first.pk]
    assert ranks(artist) == [("Verbier", 1)]
    assert Challenge.objects.get().outcome == Challenge.Outcome.WON


def test_a_challenge_is_lost_when_the_hold_above_is_contracted(artist, deal_for):
    first, second = inquiry(artist, "Salzburg"), inquiry(artist, "Verbier")
    hold_place(engagement=first, dates=[DAY])
    hold_place(engagement=second, dates=[DAY])
    hold_challenge(hold=second.holds.get(), respond_by=timezone.now() + timedelta(days=2))
    deal_for(first)
    first.performances.create(date=DAY)
    moved = engagement_move(engagement=first, to_state=State.CONTRACTED)
    assert [h.engagement_id for h in moved.other_holds] == [second.pk]
    assert Challenge.objects.get().outcome == Challenge.Outcome.LOST
    assert first.holds.get().status == Hold.Status.CONFIRMED


def test_only_a_lower_hold_may_challenge(artist):
    first = inquiry(artist, "Salzburg")
    hold_place(engagement=first, dates=[DAY])
    with pytest.raises(Invalid, match="below the 1st"):
        hold_challenge(hold=first.holds.get(), respond_by=timezone.now() + timedelta(days=1))


def test_a_date_to_be_agreed_is_held_without_a_rank(artist):
    engagement = inquiry(artist, "Tokyo")
    (hold,) = hold_place(engagement=engagement, dates=[None])
    assert hold.date is None and hold.rank is None


def test_declining_releases_the_holds_and_promotes_the_next(artist):
    first, second = inquiry(artist, "Salzburg"), inquiry(artist, "Verbier")
    hold_place(engagement=first, dates=[DAY])
    hold_place(engagement=second, dates=[DAY])
    engagement_move(engagement=first, to_state=State.DECLINED, reason="Too far.")
    assert ranks(artist) == [("Verbier", 1)]
    first.refresh_from_db()
    assert first.state == State.DECLINED


def test_two_challenges_on_one_day_are_settled_in_turn(artist):
    engagements = [inquiry(artist, name) for name in ("Salzburg", "Verbier", "Lucerne")]
    holds = [hold_place(engagement=e, dates=[DAY])[0] for e in engagements]
    now = timezone.now()
    hold_challenge(hold=holds[2], respond_by=now + timedelta(hours=1))
    hold_challenge(hold=holds[1], respond_by=now + timedelta(hours=2))
    holds_expire(now=now + timedelta(days=1))
    # Lucerne's challenge came due first: the two above it went, and Verbier's challenge
    # went with its hold; Lucerne stands alone, 1st.
    assert ranks(artist) == [("Lucerne", 1)]
    outcomes = dict(Challenge.objects.values_list("hold__engagement__presenter__name", "outcome"))
    assert outcomes == {"Lucerne": "won", "Verbier": "withdrawn"}


def test_cancelling_a_contracted_engagement_frees_its_day(artist, deal_for):
    first, second = inquiry(artist, "Salzburg"), inquiry(artist, "Verbier")
    hold_place(engagement=first, dates=[DAY])
    hold_place(engagement=second, dates=[DAY])
    first.performances.create(date=DAY)
    deal_for(first)
    engagement_move(engagement=first, to_state=State.CONTRACTED)
    assert ranks(artist) == [("Verbier", 2)]  # the booked 1st keeps its place
    third = inquiry(artist, "Lucerne")
    (late,) = hold_place(engagement=third, dates=[DAY])
    assert late.rank == 3  # never the booked hold's rank
    engagement_move(engagement=first, to_state=State.CANCELLED, reason="The hall burned down.")
    assert ranks(artist) == [("Verbier", 1), ("Lucerne", 2)]
