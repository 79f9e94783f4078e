"""The calendar and day sheet pages: what each role sees (and never a fee), htmx partials,
bad input named, private caching, and a fixed number of queries for 2 and N artists."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadenza.accounts.models import ArtistAccess, User
from cadenza.engagements.deals import deal_set
from cadenza.engagements.demo import demo_logins, load_bookings_demo, summer_of
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import State
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from tests.engagements.test_calendar import VIENNA, booked, concert, tour
from tests.factories import AgentFactory, ArtistAccessFactory, CityFactory, PlaceFactory

pytestmark = pytest.mark.django_db

MONTH = "/bookings/calendar/2027/3/"
WEEK = "/bookings/calendar/week/2027/3/29/"
LIST = "/bookings/calendar/list/2027/3/"


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    if status == 200:
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return html.unescape(response.content.decode())


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def t():
    t = tour()
    for engagement in (t.before, t.after):
        deal_set(engagement=engagement, currency="EUR", guarantee=Decimal("12345"))
    return t


def test_the_manager_sees_the_month_with_holds_journeys_and_local_times(t):
    body = page(as_user(t.manager), f"{MONTH}?artist={t.artist.pk}&tz=America/New_York")
    assert "Calendar: Alessio Kalmurzaev" in body and "March 2027" in body
    assert "19:30 CET (Sat 14:30 EDT your time)" in body
    assert "19:30 CEST (Mon 13:30 EDT your time)" in body
    assert "[Hold 2] Held recital" in body and "evening, to be fixed" in body
    assert "09:05 MSK" in body and "arrives 11:00 CET · Aeroflot SU 2350" in body
    assert "Family" in body and "all day" in body
    assert "12345" not in body and "12,345" not in body
    assert f'href="/bookings/day-sheets/{t.artist.pk}/2027-03-27/"' in body
    assert 'class="map__route"' in body and "27 Mar: Musikverein, Vienna" in body
    assert 'href="/bookings/calendar/2027/4/?artist=' in body  # next month, filters kept


@pytest.mark.parametrize("url", [MONTH, WEEK, LIST])
def test_each_role_sees_its_share_of_every_view(t, url):
    manager = page(as_user(t.manager), url)
    assert "Mozart in Vienna" in manager and "[Hold 2] Held recital" in manager
    own = page(as_user(t.own), url)
    assert "Mozart in Vienna" in own and "[Hold 2] Held recital" in own
    assert ("Aeroflot" in own) == ("week" not in url)  # the artist's own journeys
    presenter = page(as_user(t.presenter), url)
    assert "Mozart in Vienna" in presenter
    for hidden in ("Held recital", "Offered gala", "Family", "Aeroflot", "Brahms"):
        assert hidden not in presenter
    stranger = page(as_user(t.stranger), url)
    assert "Musikverein" not in stranger and "Mozart" not in stranger
    page(as_user(t.stranger), f"{url}?artist={t.artist.pk}", 404)
    for body in (manager, own, presenter):
        assert "12345" not in body and "12,345" not in body
    assert Client().get(url).status_code == 302


def test_the_problems_are_flagged_where_they_stand_and_on_the_route():
    load_demo()
    load_bookings_demo()
    demo_logins()
    artist = Agent.objects.get(name="Alessio Kalmurzaev")
    july = f"/bookings/calendar/{summer_of(timezone.localdate())}/7/"
    body = page(as_user(User.objects.get(username="demo-manager")), f"{july}?artist={artist.pk}")
    # July's one problem is numbered, and both commitments it involves link to it.
    assert re.findall(r'<li id="problem-(\d+)">', body) == ["1"]
    assert "Cannot reach Pyeongchang from Verbier in time" in body
    flagged = re.findall(r'<li class="cal-entry [^"]*cal-entry--problem">(.*?)</li>', body)
    assert len(flagged) == 2 and all('href="#problem-1">Problem 1</a>' in f for f in flagged)
    assert "19:30 CEST" in flagged[0] and "Verbier Festival" in flagged[0]
    assert "Orchestra rehearsal" in flagged[1] and "PyeongChang" in flagged[1]
    # The route goes on to Pyeongchang's rehearsal, and the map draws the connection apart.
    assert "25 Jul: Alpensia Concert Hall, Pyeongchang" in body
    assert body.count('class="map__route map__route--broken"') == 1
    assert (
        "Problem 1: the connection from Salle des Combins, Verbier to Alpensia Concert Hall, "
        "Pyeongchang cannot be made in time" in body
    )
    # August tells of the radius clause that Lucerne breaks, though the Verbier concert
    # it protects stands in July; only the Lucerne concert is flagged there.
    august = page(as_user(User.objects.get(username="demo-manager")), july.replace("/7/", "/8/"))
    assert re.findall(r'<li id="problem-(\d+)">', august) == ["1"]
    assert "The radius clause of “Kalmurzaev at the Verbier Festival”" in august
    (lucerne,) = re.findall(r'<li class="cal-entry [^"]*cal-entry--problem">(.*?)</li>', august)
    assert "19:30 CEST" in lucerne and "Kalmurzaev at Lucerne Festival" in lucerne
    # Shown only its confirmed engagements, the calendar tells no problem of a hold.
    confirmed = page(
        as_user(User.objects.get(username="demo-manager")),
        f"{july}?artist={artist.pk}&state=confirmed",
    )
    assert "Verbier Festival" in confirmed and "Cannot reach" not in confirmed
    assert "cal-entry--problem" not in confirmed
    # On the roster's calendar each problem says whose it is.
    roster = page(as_user(User.objects.get(username="demo-manager")), july)
    (told,) = re.findall(r'<li id="problem-1">(.*?)</li>', roster)
    assert "Alessio Kalmurzaev</span>: Cannot reach Pyeongchang" in told
    # Carnegie Hall's office is told of neither engagement, and sees no flag.
    presenter = page(as_user(User.objects.get(username="demo-carnegie")), july)
    assert "cal-entry--problem" not in presenter and "problem-1" not in presenter


def test_the_list_names_each_day_and_links_its_day_sheet(t):
    body = page(as_user(t.manager), f"{LIST}?artist={t.artist.pk}&state=confirmed")
    assert "Saturday 27 March 2027" in body and "Monday 29 March 2027" in body
    assert "Held recital" not in body and "Offered gala" not in body
    assert f"/bookings/day-sheets/{t.artist.pk}/2027-03-29/" in body


def test_htmx_gets_only_the_calendar(t):
    client = as_user(t.manager)
    partial = client.get(MONTH, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and 'class="cal-month"' in partial
    assert "<html" in client.get(MONTH).content.decode()


def test_bad_input_is_named_and_answered_without_a_500(t):
    client = as_user(t.manager)
    response = client.get(f"{MONTH}?tz=Mars/Olympus&state=maybe")
    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "tz: 'Mars/Olympus' is not an IANA time zone" in body
    assert "state: 'maybe' is not one of holds, offers, confirmed" in body
    assert "Mozart in Vienna" in body  # the page is still there, in the site's zone
    assert client.get("/bookings/calendar/2027/13/").status_code == 404
    assert client.get("/bookings/calendar/week/2027/6/31/").status_code == 404
    assert client.get(f"/bookings/day-sheets/{t.artist.pk}/2027-02-30/").status_code == 404
    assert client.get(f"{MONTH}?artist=999999").status_code == 404


def test_the_day_sheet_page_and_its_pdf(t):
    client = as_user(t.manager)
    url = f"/bookings/day-sheets/{t.artist.pk}/2027-03-27/"
    body = page(client, url)
    for text in (
        "Alessio Kalmurzaev: Saturday 27 March 2027",
        "Musikvereinsplatz 1, Vienna",
        "White tie",
        "Hotel Imperial",
        "(reference IMP-77)",
        "The fee is confidential",
        "Bring the Guarneri",
    ):
        assert text in body, text
    assert body.index("19:30") < body.index("Violin Concerto") < body.index("20:10")
    assert "12345" not in body
    pdf = client.get(url[:-1] + ".pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="day-sheet-')
    assert "no-store" in pdf["Cache-Control"]
    own = page(as_user(t.own), url)
    assert "White tie" in own and "The fee is confidential" not in own
    assert "Bring the Guarneri" not in own
    page(as_user(t.presenter), url, 404)
    page(as_user(t.presenter), f"/bookings/day-sheets/{t.artist.pk}/2027-03-29/")
    page(as_user(t.stranger), url, 404)
    assert as_user(t.stranger).get(url[:-1] + ".pdf").status_code == 404


def roster_of(manager, size: int, made: list) -> None:
    """Artists on the manager's roster, each with a concert, a hold and a rehearsal-free
    offer in March, until there are `size`."""
    city = CityFactory(name="Graz", latitude=47.07, longitude=15.44)
    while len(made) < size:
        artist = AgentFactory()
        ArtistAccessFactory(user=manager, agent=artist, role=ArtistAccess.Role.MANAGER)
        hall = PlaceFactory(parent=city)
        confirmed = booked(artist, hall)
        concert(confirmed, datetime(2027, 3, 5, 19, tzinfo=VIENNA))
        held = booked(artist, hall, state=State.INQUIRY)
        hold_place(engagement=held, dates=[date(2027, 3, 6) + timedelta(days=len(made) % 3)])
        made.append(artist)


def test_the_roster_month_costs_the_same_for_2_and_12_artists():
    manager = ArtistAccessFactory(role="manager").user
    client = as_user(manager)
    made: list = []
    counts = []
    for size in (2, 12):
        roster_of(manager, size, made)
        with CaptureQueriesContext(connection) as captured:
            body = page(client, MONTH)
        assert body.count("[Hold 1]") >= size
        counts.append(len(captured))
    assert counts[0] == counts[1]
