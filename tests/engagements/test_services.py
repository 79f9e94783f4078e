"""Engagements from inquiry to settled: allowed moves only, each logged; bad input named."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from cadenza.engagements.deals import expense_add, payment_add, settlement_set
from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Change, Engagement, State
from cadenza.engagements.services import (
    engagement_create,
    engagement_move,
    engagement_update,
    performance_add,
    programme_set,
)
from tests.factories import AgentFactory, UserFactory, WorkFactory

pytestmark = pytest.mark.django_db

TODAY = date(2027, 8, 1)


@pytest.fixture
def engagement():
    artist = AgentFactory(name="Alessio Kalmurzaev")
    hall = AgentFactory(name="Carnegie Hall", kind="organisation")
    return engagement_create(artist=artist, presenter=hall, title="Carnegie Hall debut")


def to_contracted(engagement, deal_for, day=date(2027, 5, 1)):
    performance_add(engagement=engagement, day=day)
    hold_place(engagement=engagement, dates=[day])
    deal_for(engagement)
    engagement_move(engagement=engagement, to_state=State.OFFERED)
    engagement_move(engagement=engagement, to_state=State.CONTRACTED)


def test_the_whole_way_from_inquiry_to_settled_is_logged(engagement, deal_for):
    manager = UserFactory(username="manager")
    to_contracted(engagement, deal_for)
    engagement_move(engagement=engagement, to_state=State.CONFIRMED, by=manager)
    engagement_move(engagement=engagement, to_state=State.COMPLETED, by=manager, today=TODAY)
    settlement_set(engagement=engagement)
    engagement_move(engagement=engagement, to_state=State.SETTLED, by=manager, reason="Paid.")
    moves = [
        (c.from_value, c.to_value)
        for c in engagement.changes.filter(kind=Change.Kind.STATE).order_by("id")
    ]
    assert moves == [
        ("", "inquiry"),
        ("inquiry", "hold"),
        ("hold", "offered"),
        ("offered", "contracted"),
        ("contracted", "confirmed"),
        ("confirmed", "completed"),
        ("completed", "settled"),
    ]
    last = engagement.changes.filter(kind=Change.Kind.STATE).last()
    assert (last.by, last.reason) == (manager, "Paid.")


@pytest.mark.parametrize(
    ("state", "to_state", "expected"),
    [
        (State.INQUIRY, State.COMPLETED, "at the inquiry stage cannot become completed"),
        (State.SETTLED, State.CANCELLED, "it can become: nothing"),
        (State.CONTRACTED, State.OFFERED, "it can become: confirmed, cancelled"),
    ],
)
def test_a_move_the_rules_do_not_allow_is_refused(engagement, state, to_state, expected):
    Engagement.objects.filter(pk=engagement.pk).update(state=state)
    engagement.refresh_from_db()
    with pytest.raises(Invalid, match=expected) as error:
        engagement_move(engagement=engagement, to_state=to_state)
    assert error.value.field == "state"
    engagement.refresh_from_db()
    assert engagement.state == state


def test_an_offer_needs_a_fee_and_a_contract_needs_dates(engagement, deal_for):
    with pytest.raises(Invalid, match="set the deal first") as error:
        engagement_move(engagement=engagement, to_state=State.OFFERED)
    assert error.value.field == "deal"
    deal_for(engagement)
    engagement_move(engagement=engagement, to_state=State.OFFERED)
    with pytest.raises(Invalid, match="performance dates") as error:
        engagement_move(engagement=engagement, to_state=State.CONTRACTED)
    assert error.value.field == "performances"


def test_completion_and_settlement_wait_for_the_concert(engagement, deal_for):
    to_contracted(engagement, deal_for, day=date(2027, 8, 1))
    engagement_move(engagement=engagement, to_state=State.CONFIRMED)
    with pytest.raises(Invalid, match="last performance is on 2027-08-01"):
        engagement_move(engagement=engagement, to_state=State.COMPLETED, today=TODAY)
    with pytest.raises(Invalid, match="after the concert has taken place"):
        settlement_set(engagement=engagement)
    engagement_move(
        engagement=engagement, to_state=State.COMPLETED, today=TODAY + timedelta(days=1)
    )


def test_cancelling_needs_a_reason(engagement, deal_for):
    to_contracted(engagement, deal_for)
    with pytest.raises(Invalid, match="Say why") as error:
        engagement_move(engagement=engagement, to_state=State.CANCELLED)
    assert error.value.field == "reason"


def test_a_write_from_an_older_version_is_refused_and_nothing_is_lost(engagement):
    seen = engagement.version
    engagement_update(engagement=engagement, version=seen, notes="Wants a Steinway.")
    with pytest.raises(Stale, match="Someone else changed this engagement"):
        engagement_update(engagement=engagement, version=seen, notes="Any piano.")
    engagement.refresh_from_db()
    assert engagement.notes == "Wants a Steinway."


def test_details_are_checked_field_by_field(engagement):
    with pytest.raises(Invalid) as error:
        engagement_update(engagement=engagement, title="x" * 201)
    assert error.value.field == "title"
    with pytest.raises(Invalid) as error:
        engagement_update(engagement=engagement, radius_km=300)
    assert error.value.field == "radius_days"
    engagement_update(engagement=engagement, radius_km=300, radius_days=30)
    engagement.refresh_from_db()
    assert (engagement.radius_km, engagement.radius_days) == (300, 30)


def test_parties_must_be_of_the_right_kind():
    person = AgentFactory()
    with pytest.raises(Invalid) as error:
        engagement_create(artist=person, presenter=AgentFactory(), title="x")
    assert error.value.field == "presenter"


def test_a_start_time_on_another_day_at_the_venue_is_refused(engagement):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.factories import CityFactory, PlaceFactory

    new_york = CityFactory(name="New York", timezone="America/New_York")
    engagement_update(engagement=engagement, venue=PlaceFactory(parent=new_york))
    engagement.refresh_from_db()
    # 02:00 in Vienna on 2 May is 20:00 in New York on 1 May.
    late = datetime(2027, 5, 2, 2, 0, tzinfo=ZoneInfo("Europe/Vienna"))
    performance_add(engagement=engagement, day=date(2027, 5, 1), starts_at=late)
    with pytest.raises(Invalid, match="falls on 2027-05-01 at the venue"):
        performance_add(engagement=engagement, day=date(2027, 5, 2), starts_at=late)


def test_the_programme_keeps_its_order_and_intervals(engagement):
    bach, brahms = WorkFactory(title="Suite No. 1"), WorkFactory(title="Sonata No. 1")
    programme_set(engagement=engagement, entries=[bach, timedelta(minutes=20), brahms])
    lines = [(e.work and e.work.title, e.interval) for e in engagement.programme.all()]
    assert lines == [
        ("Suite No. 1", None),
        (None, timedelta(minutes=20)),
        ("Sonata No. 1", None),
    ]


def test_money_needs_the_deal_and_the_currency_s_decimals(engagement, deal_for):
    with pytest.raises(Invalid) as error:
        expense_add(engagement=engagement, description="Taxi", amount="40", paid_by="artist")
    assert error.value.field == "deal"
    deal_for(engagement, currency="JPY", guarantee="1000000")
    with pytest.raises(Invalid) as error:
        expense_add(engagement=engagement, description="Taxi", amount="40.5", paid_by="artist")
    assert error.value.field == "amount"
    with pytest.raises(Invalid) as error:
        payment_add(engagement=engagement, paid_on=date(2027, 1, 1), amount="100000")
    assert error.value.field == "state"


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"currency": "XYZ"}, "currency"),
        ({"deposit_amount": "20000"}, "deposit_amount"),
        ({"kind": "versus"}, "door_percentage"),
        ({"guarantee": "-5"}, "guarantee"),
    ],
)
def test_a_bad_deal_is_refused_naming_its_field(engagement, deal_for, terms, field):
    with pytest.raises(Invalid) as error:
        deal_for(engagement, **terms)
    assert error.value.field == field
    assert not hasattr(Engagement.objects.get(pk=engagement.pk), "deal")


def test_a_deal_replaced_keeps_one_row(engagement, deal_for):
    deal_for(engagement, guarantee=Decimal("9000"))
    deal = deal_for(engagement, guarantee=Decimal("12000"))
    engagement.refresh_from_db()
    assert engagement.deal.pk == deal.pk and engagement.deal.guarantee == Decimal("12000")


def test_the_currency_stays_once_money_is_recorded(engagement, deal_for):
    to_contracted(engagement, deal_for)
    payment_add(engagement=engagement, paid_on=date(2026, 1, 5), amount="1000")
    with pytest.raises(Invalid, match="recorded in USD") as error:
        deal_for(engagement, currency="JPY", guarantee="1500000")
    assert error.value.field == "currency"
    engagement.refresh_from_db()
    assert engagement.deal.currency == "USD"


def test_a_deal_versus_the_door_needs_its_receipts_to_be_settled(engagement, deal_for):
    to_contracted(engagement, deal_for, day=date(2026, 3, 1))
    engagement_move(engagement=engagement, to_state=State.CONFIRMED)
    engagement_move(engagement=engagement, to_state=State.COMPLETED)
    settlement_set(engagement=engagement)
    with pytest.raises(Invalid, match="no door receipts") as error:
        deal_for(engagement, kind="versus", door_percentage="50")
    assert error.value.field == "kind"
