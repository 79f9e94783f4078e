"""The booking pages: a manager takes an inquiry to settled through the forms; errors are
shown at their form, with nothing half-saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cadenza.engagements.models import Engagement, Hold, State
from tests.factories import (
    ArtistAccessFactory,
    EngagementFactory,
    UserFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client):
    manager = UserFactory(username="manager")
    access = ArtistAccessFactory(user=manager, role="manager")
    client.force_login(manager)
    client.artist = access.agent
    return client


def post(client, name, engagement, **data):
    data.setdefault("version", Engagement.objects.get(pk=engagement.pk).version)
    return client.post(reverse(name, args=[engagement.pk]), data)


def test_a_manager_takes_an_inquiry_through_the_forms(manager_client):
    response = manager_client.post(
        reverse("engagement-new"),
        {
            "artist": manager_client.artist.pk,
            "presenter": "Carnegie Hall",
            "title": "Carnegie Hall debut",
            "first_date": "2027-05-01",
        },
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302 and response["Location"] == engagement.get_absolute_url()
    page = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert "Carnegie Hall debut" in page and "Saturday 1 May 2027" in page
    assert post(manager_client, "engagement-hold", engagement, date="2027-05-01").status_code == 302
    assert engagement.holds.get().rank == 1
    bach = WorkFactory(title="Partita No. 2 in D minor", duration=timedelta(minutes=29))
    assert (
        post(manager_client, "engagement-programme", engagement, work=str(bach.pk)).status_code
        == 302
    )
    post(manager_client, "engagement-programme", engagement, interval="20")
    page = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert "Running time: <strong>49 min</strong>" in page


def test_a_move_not_allowed_is_shown_at_its_form_with_status_400(manager_client):
    engagement = EngagementFactory(artist=manager_client.artist)
    response = post(manager_client, "engagement-move", engagement, to_state="offered")
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="error-move"' in text and "set the deal first" in text
    assert Engagement.objects.get(pk=engagement.pk).state == State.INQUIRY


def test_a_stale_form_is_refused_with_409_and_nothing_is_lost(manager_client):
    engagement = EngagementFactory(artist=manager_client.artist)
    seen = engagement.version
    post(manager_client, "engagement-details", engagement, title="First", version=seen)
    response = post(manager_client, "engagement-details", engagement, title="Second", version=seen)
    assert response.status_code == 409
    assert "Someone else changed this engagement" in response.content.decode()
    assert Engagement.objects.get(pk=engagement.pk).title == "First"


def test_the_dashboard_lists_holds_expiring_and_the_pipeline(manager_client):
    engagement = EngagementFactory(artist=manager_client.artist)
    soon = date.today() + timedelta(days=3)
    post(manager_client, "engagement-hold", engagement, date=str(soon), expires_on=str(soon))
    page = manager_client.get(reverse("bookings")).content.decode()
    assert f"expires {soon:%-d %b %Y}" in page
    assert '<span class="pipeline__count">1</span> Hold' in page
    assert Hold.objects.count() == 1


def test_a_venue_is_named_and_two_halls_of_one_name_are_told_apart(manager_client):
    from tests.factories import halls_of_one_name_in

    data = {"artist": manager_client.artist.pk, "presenter": "Wigmore Hall Trust", "title": "x"}
    halls = halls_of_one_name_in("London", "Manchester")
    response = manager_client.post(reverse("engagement-new"), {**data, "venue": halls[0].name})
    assert response.status_code == 400
    text = response.content.decode()
    assert f"{halls[0].name}, London (#{halls[0].pk})" in text and "Manchester" in text
    assert not Engagement.objects.exists()
    response = manager_client.post(reverse("engagement-new"), {**data, "venue": "Nowhere Hall"})
    assert "No hall or building of the record is called “Nowhere Hall”" in response.content.decode()


def test_once_booked_the_page_offers_to_release_the_other_holds_of_its_days(manager_client):
    from cadenza.engagements.deals import deal_set
    from cadenza.engagements.holds import hold_place
    from cadenza.engagements.services import engagement_move, performance_add

    day = date(2027, 7, 12)
    ours = EngagementFactory(artist=manager_client.artist, title="Salzburg")
    theirs = EngagementFactory(artist=manager_client.artist, title="Verbier")
    hold_place(engagement=theirs, dates=[day])
    hold_place(engagement=ours, dates=[day])
    performance_add(engagement=ours, day=day)
    deal_set(engagement=ours, currency="EUR", guarantee="8000")
    engagement_move(engagement=ours, to_state=State.CONTRACTED)
    page = manager_client.get(ours.get_absolute_url()).content.decode()
    assert "Other holds on its days" in page and "Verbier" in page
    other = theirs.holds.get()
    manager_client.post(reverse("hold-action", args=[other.pk, "release"]))
    other.refresh_from_db()
    assert other.status == Hold.Status.RELEASED
    assert (
        "Other holds on its days"
        not in manager_client.get(ours.get_absolute_url()).content.decode()
    )


def test_the_list_filters_by_state_and_htmx_gets_only_the_table(manager_client):
    EngagementFactory(artist=manager_client.artist, title="Still asking")
    held = EngagementFactory(artist=manager_client.artist, title="Pencilled")
    post(manager_client, "engagement-hold", held, date="2027-05-01")
    url = reverse("engagements") + "?state=hold"
    page = manager_client.get(url).content.decode()
    assert "Pencilled" in page and "Still asking" not in page and "<html" in page
    part = manager_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Pencilled" in part and "<html" not in part and "<table" in part


def test_each_performance_links_its_day_sheet(manager_client):
    engagement = EngagementFactory(artist=manager_client.artist)
    post(manager_client, "engagement-performance", engagement, day="2027-05-01")
    page = manager_client.get(engagement.get_absolute_url()).content.decode()
    sheet = reverse("day-sheet", args=[manager_client.artist.pk, "2027-05-01"])
    assert f'href="{sheet}">day sheet</a>' in page
    assert manager_client.get(sheet).status_code == 200


def test_a_hold_button_from_a_stale_page_is_refused(manager_client):
    engagement = EngagementFactory(artist=manager_client.artist)
    post(manager_client, "engagement-hold", engagement, date="2027-05-01")
    hold = engagement.holds.get()
    seen = Engagement.objects.get(pk=engagement.pk).version
    post(manager_client, "engagement-details", engagement, title="Renamed", version=seen)
    response = manager_client.post(
        reverse("hold-action", args=[hold.pk, "release"]), {"version": seen}
    )
    assert response.status_code == 409
    hold.refresh_from_db()
    assert hold.status == Hold.Status.ACTIVE


def test_a_performance_s_end_is_shown_and_one_before_its_start_refused(manager_client):
    from tests.factories import CityFactory, PlaceFactory

    hall = PlaceFactory(parent=CityFactory(timezone="Europe/Vienna"))
    engagement = EngagementFactory(artist=manager_client.artist, venue=hall)
    untimed = EngagementFactory(artist=manager_client.artist)
    data = {"day": "2027-05-01", "starts_at": "19:30"}
    nowhere = post(manager_client, "engagement-performance", untimed, **data)
    assert nowhere.status_code == 400 and "No place is known" in nowhere.content.decode()
    refused = post(manager_client, "engagement-performance", engagement, **data, ends_at="18:00")
    assert refused.status_code == 400 and "ends before it starts" in refused.content.decode()
    assert not engagement.performances.exists()
    post(manager_client, "engagement-performance", engagement, **data, ends_at="21:45")
    page = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert "19:30–21:45" in page
