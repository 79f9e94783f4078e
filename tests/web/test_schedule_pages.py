"""The schedule on the engagement page: the manager adds and removes calls, journeys and
hotels through plain forms, every time shown in its own place's zone; bad input is told at
its form (400, 409 when stale) with nothing saved; only the management may act."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadenza.engagements.models import Engagement, HotelStay, ScheduleItem, TravelLeg
from cadenza.engagements.schedule import (
    hotel_stay_add,
    schedule_item_add,
    travel_leg_add,
)
from cadenza.engagements.services import performance_add
from tests.factories import (
    ArtistAccessFactory,
    CityFactory,
    EngagementFactory,
    PlaceFactory,
    UserFactory,
)
from tests.web.test_booking_access import MATRIX, client_for, world  # noqa: F401

pytestmark = pytest.mark.django_db

ZURICH = ZoneInfo("Europe/Zurich")
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def cities():
    return {
        "verbier": CityFactory(
            name="Verbier", timezone="Europe/Zurich", latitude=46.1, longitude=7.23
        ),
        "seoul": CityFactory(name="Seoul", timezone="Asia/Seoul", latitude=37.57, longitude=127.0),
        "nowhere": CityFactory(name="Atlantis", timezone=""),
    }


@pytest.fixture
def manager_client(client, cities):
    manager = UserFactory(username="manager")
    access = ArtistAccessFactory(user=manager, role="manager")
    client.force_login(manager)
    hall = PlaceFactory(name="Salle des Combins", kind="building", parent=cities["verbier"])
    engagement = EngagementFactory(artist=access.agent, venue=hall, title="Verbier recital")
    performance_add(
        engagement=engagement,
        day=date(2027, 7, 24),
        starts_at=datetime(2027, 7, 24, 19, 30, tzinfo=ZURICH),
    )
    client.engagement = engagement
    return client


def post(client, url_name, /, *args, **data):
    engagement = client.engagement
    data.setdefault("version", Engagement.objects.get(pk=engagement.pk).version)
    return client.post(reverse(url_name, args=args or [engagement.pk]), data)


def page_of(client) -> str:
    return client.get(client.engagement.get_absolute_url()).content.decode()


LEG = {
    "mode": "air",
    "origin": "Verbier",
    "departs_day": "2027-07-25",
    "departs_time": "13:10",
    "destination": "seoul",
    "arrives_day": "2027-07-26",
    "arrives_time": "07:55",
    "carrier": "Korean Air",
    "reference": "KE 918",
}


def test_the_manager_fills_the_schedule_through_the_forms(manager_client):
    response = post(
        manager_client,
        "engagement-schedule",
        kind="orchestra_rehearsal",
        day="2027-07-23",
        starts_at="10:00",
        ends_at="13:00",
        notes="Bring the Bach parts",
    )
    assert response.status_code == 302
    item = ScheduleItem.objects.get()
    assert item.starts_at == datetime(2027, 7, 23, 8, tzinfo=UTC)  # CEST
    post(manager_client, "engagement-schedule", kind="press", day="2027-07-24", approximate="noon")
    assert post(manager_client, "engagement-travel", **LEG).status_code == 302
    leg = TravelLeg.objects.get()
    assert (
        leg.departs_at.astimezone(ZURICH).hour == 13 and leg.arrives_at.astimezone(SEOUL).hour == 7
    )
    assert leg.artist == manager_client.engagement.artist
    response = post(
        manager_client,
        "engagement-hotel",
        name="Chalet d'Adrien",
        city="Verbier",
        check_in="2027-07-22",
        check_out="2027-07-25",
    )
    assert response.status_code == 302
    post(manager_client, "engagement-dress", dress="Black tie")
    page = page_of(manager_client)
    assert "Fri 23 Jul 2027, 10:00–13:00 (Europe/Zurich)" in page
    assert "Bring the Bach parts" in page
    assert "Sat 24 Jul 2027, noon" in page
    assert "Air: Verbier → Seoul" in page
    assert "Sun 25 Jul 2027, 13:10 (Europe/Zurich)" in page
    assert "Mon 26 Jul 2027, 07:55 (Asia/Seoul)" in page
    assert "Chalet d&#x27;Adrien, Verbier" in page and "Thu 22 Jul 2027 to Sun 25 Jul 2027" in page
    assert "Black tie" in page
    for name, row in (
        ("schedule-remove", item),
        ("travel-remove", leg),
        ("hotel-remove", HotelStay.objects.get()),
    ):
        assert post(manager_client, name, row.pk).status_code == 302
    assert not TravelLeg.objects.exists() and not HotelStay.objects.exists()
    assert ScheduleItem.objects.count() == 1


def test_a_leg_arriving_before_it_departs_is_told_at_its_field(manager_client):
    response = post(
        manager_client,
        "engagement-travel",
        **{**LEG, "arrives_day": "2027-07-25", "arrives_time": "15:00"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error-travel"' in page
    assert "arrives in Seoul Sun 25 Jul 2027, 15:00 (Asia/Seoul)" in page
    assert "an arrival after the departure was expected" in page
    assert 'aria-invalid="true"' in page and 'id="travel-arrives_time"' in page
    assert 'value="KE 918"' in page  # the form comes back as it was filled in
    assert not TravelLeg.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("engagement-travel", {**LEG, "destination": "Atlantis"}, "Atlantis has no time zone"),
        ("engagement-travel", {**LEG, "origin": "Eldorado"}, "No city of the record is called"),
        (
            "engagement-schedule",
            {"kind": "dress_rehearsal", "day": "2027-07-25"},
            "after the engagement&#x27;s last performance (Sat 24 Jul 2027, 19:30 (Europe/Zurich))",
        ),
        (
            "engagement-schedule",
            {
                "kind": "orchestra_rehearsal",
                "day": "2027-07-23",
                "starts_at": "10:00",
                "ends_at": "09:00",
            },
            "not after it starts",
        ),
        (
            "engagement-hotel",
            {"name": "Chalet", "check_in": "2027-07-25", "check_out": "2027-07-22"},
            "a stay of at least one night",
        ),
        ("engagement-dress", {"dress": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_input_is_told_at_its_form_and_saves_nothing(manager_client, name, data, says):
    before = Engagement.objects.get(pk=manager_client.engagement.pk).version
    response = post(manager_client, name, **data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not (ScheduleItem.objects.exists() or TravelLeg.objects.exists())
    assert not HotelStay.objects.exists()
    assert Engagement.objects.get(pk=manager_client.engagement.pk).version == before


def test_two_cities_of_one_name_are_told_apart(manager_client):
    CityFactory(name="Seoul", timezone="Asia/Seoul")
    response = post(manager_client, "engagement-travel", **LEG)
    assert response.status_code == 400
    assert "Several cities are called “seoul”" in response.content.decode()
    assert not TravelLeg.objects.exists()


def test_a_stale_form_is_refused_with_409(manager_client):
    seen = manager_client.engagement.version
    post(manager_client, "engagement-dress", dress="White tie", version=seen)
    response = post(
        manager_client, "engagement-schedule", kind="press", day="2027-07-24", version=seen
    )
    assert response.status_code == 409
    assert "Someone else changed this engagement" in response.content.decode()
    assert not ScheduleItem.objects.exists()


SCHEDULE_ACTIONS = [
    ("engagement-schedule", {"kind": "press", "day": "2027-06-01"}),
    ("engagement-travel", {**LEG, "origin": "Vienna", "destination": "Vienna 2"}),
    ("engagement-hotel", {"name": "Sacher", "check_in": "2027-06-01", "check_out": "2027-06-02"}),
    ("engagement-dress", {"dress": "Pink"}),
]


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize(("name", "data"), SCHEDULE_ACTIONS, ids=[a[0] for a in SCHEDULE_ACTIONS])
def test_schedule_actions_are_refused_to_all_but_the_management(world, role, name, data):  # noqa: F811
    CityFactory(name="Vienna")
    CityFactory(name="Vienna 2")
    engagement = world["engagement"]
    response = client_for(world, role).post(
        reverse(name, args=[engagement.pk]), {**data, "version": engagement.version}
    )
    after = Engagement.objects.get(pk=engagement.pk)
    expected = MATRIX[role]
    if expected is not None and expected[5]:
        assert response.status_code == 302 and after.version == engagement.version + 1
        return
    if expected is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == (403 if expected[0] else 404)
    assert after.version == engagement.version and after.dress == ""
    assert not (ScheduleItem.objects.exists() or TravelLeg.objects.exists())
    assert not HotelStay.objects.exists()


@pytest.mark.parametrize("role", MATRIX)
def test_removals_are_refused_to_all_but_the_management_and_notes_kept_from_them(world, role):  # noqa: F811
    engagement = world["engagement"]
    city = CityFactory(name="Vienna")
    item = schedule_item_add(
        engagement=engagement, kind="press", day=date(2027, 5, 31), notes="Late again"
    )
    stay = hotel_stay_add(
        artist=engagement.artist,
        engagement=engagement,
        name="Sacher",
        place=city,
        check_in=date(2027, 5, 30),
        check_out=date(2027, 6, 2),
    )
    version = Engagement.objects.get(pk=engagement.pk).version
    client = client_for(world, role)
    expected = MATRIX[role]
    page = client.get(engagement.get_absolute_url()).content.decode()
    if expected is not None and expected[0]:
        assert "Sacher, Vienna" in page and "Mon 31 May 2027, time to be fixed" in page
        assert ("Late again" in page) == expected[4]  # notes: the management's only
    for name, row in (("schedule-remove", item), ("hotel-remove", stay)):
        response = client.post(reverse(name, args=[row.pk]), {"version": version})
        if expected is not None and expected[5]:
            assert response.status_code == 302
            version += 1
            continue
        if expected is None:
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code == (403 if expected[0] else 404)
        assert type(row).objects.filter(pk=row.pk).exists()


def test_a_leg_of_no_engagement_cannot_be_removed_from_a_page(manager_client, cities):
    leg = travel_leg_add(
        artist=manager_client.engagement.artist,
        mode="air",
        origin=cities["verbier"],
        destination=cities["seoul"],
        departs_at=datetime(2027, 7, 25, 13, tzinfo=ZURICH),
        arrives_at=datetime(2027, 7, 26, 8, tzinfo=SEOUL),
    )
    assert post(manager_client, "travel-remove", leg.pk).status_code == 404
    assert TravelLeg.objects.filter(pk=leg.pk).exists()


def test_the_page_costs_the_same_for_2_and_8_of_each(manager_client, cities):
    counts = []
    artist = manager_client.engagement.artist
    for size in (2, 8):
        engagement = EngagementFactory(artist=artist, venue=manager_client.engagement.venue)
        for n in range(size):
            day = date(2027, 7, 1 + n)
            schedule_item_add(
                engagement=engagement,
                kind="piano_rehearsal",
                day=day,
                starts_at=datetime(2027, 7, 1 + n, 10, tzinfo=ZURICH),
            )
            travel_leg_add(
                artist=artist,
                engagement=engagement,
                mode="air",
                origin=cities["verbier"],
                destination=cities["seoul"],
                departs_at=datetime(2027, 7, 1 + n, 13, tzinfo=ZURICH),
                arrives_at=datetime(2027, 7, 2 + n, 8, tzinfo=SEOUL),
            )
            hotel_stay_add(
                artist=artist,
                engagement=engagement,
                name=f"Hotel {n}",
                place=cities["seoul"],
                check_in=day,
                check_out=date(2027, 7, 2 + n),
            )
        with CaptureQueriesContext(connection) as captured:
            page = manager_client.get(engagement.get_absolute_url()).content.decode()
        assert page.count("Air: Verbier → Seoul") == size
        assert f"Hotel {size - 1}, Seoul" in page
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_manager_books_a_journey_in_chromium_and_axe_finds_nothing_serious(
    browser, live_server, cities
):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    from tests.web.test_bookings_browser import signed_in_page

    access = ArtistAccessFactory(role="manager")
    hall = PlaceFactory(name="Salle des Combins", kind="building", parent=cities["verbier"])
    engagement = EngagementFactory(artist=access.agent, venue=hall, title="Verbier recital")
    performance_add(engagement=engagement, day=date(2027, 7, 24))
    schedule_item_add(engagement=engagement, kind="press", day=date(2027, 7, 24), notes="Lobby")
    page = signed_in_page(browser, live_server, access.user)
    page.goto(live_server.url + engagement.get_absolute_url())
    travel = page.locator("form[action$='/travel/']")
    travel.get_by_label("Mode").select_option(label="Air")
    travel.get_by_label("From (city)").fill("Verbier")
    travel.get_by_label("Departure day").fill("2027-07-25")
    travel.get_by_label("Departs at (local time there)").fill("13:10")
    travel.get_by_label("To (city)").fill("Seoul")
    travel.get_by_label("Arrival day").fill("2027-07-26")
    travel.get_by_label("Arrives at (local time there)").fill("07:55")
    travel.get_by_label("Reference").fill("KE 918")
    travel.get_by_role("button", name="Add the journey").click()
    expect(page.get_by_role("row", name="Air: Verbier → Seoul")).to_contain_text(
        "Mon 26 Jul 2027, 07:55 (Asia/Seoul)"
    )
    hotel = page.locator("form[action$='/hotels/']")
    hotel.get_by_label("Hotel").fill("Chalet d'Adrien")
    hotel.get_by_label("Check in").fill("2027-07-25")
    hotel.get_by_label("Check out").fill("2027-07-22")
    hotel.get_by_role("button", name="Add the stay").click()
    expect(page.locator("#error-hotel")).to_contain_text("a stay of at least one night")
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']})"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], "\n".join(serious)
    assert TravelLeg.objects.get().reference == "KE 918" and not HotelStay.objects.exists()
