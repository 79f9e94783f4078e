"""The availability and feeds pages through Django's test client, the feed at its secret
address (revoked: 404), who may use which page, their query counts, and the command."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadenza.engagements.calendar_models import Feed, Unavailability
from cadenza.engagements.feeds import feed_create
from cadenza.engagements.holds import hold_place
from cadenza.engagements.services import engagement_create, performance_add
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    CityFactory,
    PlaceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VIENNA = ZoneInfo("Europe/Vienna")


@pytest.fixture
def artist():
    return AgentFactory(name="Alessio Kalmurzaev", based_in=CityFactory(timezone="Europe/Vienna"))


@pytest.fixture
def manager(client, artist):
    user = ArtistAccessFactory(agent=artist, role="manager").user
    client.force_login(user)
    return client


def held_concert(artist, day=date(2027, 3, 27)):
    hall = PlaceFactory(name="Musikverein", parent=CityFactory(name="Vienna"))
    engagement = engagement_create(
        artist=artist, presenter=AgentFactory(kind="organisation"), title="Brahms", venue=hall
    )
    performance_add(
        engagement=engagement, day=day, starts_at=datetime.combine(day, time(19, 30), VIENNA)
    )
    hold_place(engagement=engagement, dates=[day])
    return engagement


def test_a_feed_made_on_the_page_is_shown_once_and_answers_until_revoked(manager, artist):
    held_concert(artist)
    made = manager.post(reverse("feeds"), {"artist": artist.pk, "audience": "artist"})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    (url,) = re.findall(r'value="(http://testserver/feeds/[^"]+\.ics)"', made.content.decode())
    feed = Feed.objects.get()
    assert feed.token_hash not in url
    client = Client()  # calendar apps have no session
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in answer["Cache-Control"]
    (event,) = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "[Hold 1] Brahms" and str(event["STATUS"]) == "TENTATIVE"
    assert event.start.astimezone(VIENNA).time() == time(19, 30)
    # Made afresh at each request: a change shows at once.
    held_concert(artist, day=date(2027, 4, 3))
    assert len(icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")) == 2
    # The page lists it (not its address) and revokes it.
    page = manager.get(reverse("feeds")).content.decode()
    assert "live" in page and url not in page
    revoked = manager.post(reverse("feed-revoke", args=[feed.pk]))
    assert revoked.status_code == 302
    assert client.get(url).status_code == 404
    assert client.get(url.replace(".ics", "x.ics")).status_code == 404


def test_the_feeds_page_refuses_a_fee_in_a_public_feed(manager, artist):
    answer = manager.post(
        reverse("feeds"), {"artist": artist.pk, "audience": "public", "include_fees": "on"}
    )
    assert answer.status_code == 400
    assert "A public feed never shows fees." in answer.content.decode()
    assert not Feed.objects.exists()


def test_who_may_use_the_feeds_page(client, artist):
    own = ArtistAccessFactory(agent=artist, role="artist").user
    client.force_login(own)
    page = client.get(reverse("feeds")).content.decode()
    assert '<option value="artist">' in page and "When Alessio Kalmurzaev cannot work" not in page
    refused = client.post(reverse("feeds"), {"artist": artist.pk, "audience": "manager"})
    assert refused.status_code == 400 and not Feed.objects.exists()
    assert "You may not make a manager feed" in refused.content.decode()
    assert (
        client.post(reverse("feeds"), {"artist": artist.pk, "audience": "artist"}).status_code
        == 200
    )
    managers, _ = feed_create(artist=artist, audience="manager", by=None)
    assert client.post(reverse("feed-revoke", args=[managers.pk])).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("feeds")).status_code == 403
    client.logout()
    assert client.get(reverse("feeds")).status_code == 302


def test_the_availability_page_is_the_managements(client, artist):
    url = reverse("availability", args=[artist.pk])
    assert client.get(url).status_code == 302
    client.force_login(ArtistAccessFactory(agent=artist, role="artist").user)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.get(reverse("availability", args=[artist.pk + 999])).status_code == 404
    span = Unavailability.objects.create(
        artist=artist,
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=2),
    )
    assert client.post(reverse("unavailability-remove", args=[span.pk])).status_code == 403
    assert Unavailability.objects.exists()


def test_unavailable_days_by_hand_and_from_a_file(manager, artist):
    url = reverse("availability", args=[artist.pk])
    day = timezone.localdate() + timedelta(days=30)
    added = manager.post(
        url, {"first_day": day, "last_day": day + timedelta(days=1), "reason": "Rest"}
    )
    assert added.status_code == 302
    span = Unavailability.objects.get()
    assert span.all_day and span.starts_at == datetime.combine(day, time(0), tzinfo=VIENNA)
    bad = manager.post(url, {"first_day": day, "last_day": day, "starts": "10:00"})
    assert bad.status_code == 400 and "Give both times, or neither" in bad.content.decode()
    late = manager.post(
        url, {"first_day": day, "last_day": day, "starts": "10:00", "ends": "09:00"}
    )
    assert late.status_code == 400 and "must come after the start" in late.content.decode()
    broken = SimpleUploadedFile("away.ics", b"BEGIN:VCALENDAR\r\nnonsense\r\nEND:VCALENDAR\r\n")
    refused = manager.post(url, {"form": "import", "file": broken})
    assert refused.status_code == 400
    assert "away.ics, line 2: expected a property" in refused.content.decode()
    start = datetime.combine(day + timedelta(days=5), time(9))
    good = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Lesson\r\n"
        f"DTSTART;TZID=Europe/Vienna:{start:%Y%m%dT%H%M%S}\r\nDURATION:PT1H\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    imported = manager.post(url, {"form": "import", "file": SimpleUploadedFile("a.ics", good)})
    assert imported.status_code == 302
    assert Unavailability.objects.count() == 4
    page = manager.get(url).content.decode()
    assert page.count('<th scope="row">Lesson</th>') == 3 and "Rest" in page and "09:00" in page
    assert manager.post(reverse("unavailability-remove", args=[span.pk])).status_code == 302
    assert Unavailability.objects.count() == 3


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_take_a_fixed_number_of_queries(manager, artist):
    availability = reverse("availability", args=[artist.pk])
    for n in range(2):
        Unavailability.objects.create(
            artist=artist,
            starts_at=timezone.now() + timedelta(days=n + 1),
            ends_at=timezone.now() + timedelta(days=n + 2),
        )
        feed_create(artist=artist, audience="public", by=None)
    counts = (_queries(manager, availability), _queries(manager, reverse("feeds")))
    for n in range(6):
        Unavailability.objects.create(
            artist=artist,
            starts_at=timezone.now() + timedelta(days=n + 10),
            ends_at=timezone.now() + timedelta(days=n + 11),
        )
        feed_create(artist=artist, audience="artist", by=None)
    assert (_queries(manager, availability), _queries(manager, reverse("feeds"))) == counts


def test_the_command_writes_the_feed_and_names_an_unknown_artist(artist):
    held_concert(artist)
    out = StringIO()
    call_command("calendar", "export", "Alessio Kalmurzaev", "--audience", "artist", stdout=out)
    (event,) = icalendar.Calendar.from_ical(out.getvalue()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "[Hold 1] Brahms"
    public = StringIO()
    call_command("calendar", "export", "Kalmurzaev, Alessio", "--audience", "public", stdout=public)
    assert icalendar.Calendar.from_ical(public.getvalue()).walk("VEVENT") == []
    with pytest.raises(CommandError, match="No artist named 'Nobody Known' in the record"):
        call_command("calendar", "export", "Nobody Known")


def test_the_command_runs_at_the_top_level(tmp_path):
    env = {"CADENZA_HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"}
    env["PATH"] = "/usr/bin:/bin"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cadenza.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert run("manage", "migrate", "-v0").returncode == 0
    unknown = run("calendar", "export", "Nobody Known", "--audience", "public")
    assert unknown.returncode == 1
    assert "No artist named 'Nobody Known' in the record." in unknown.stderr
    assert "Traceback" not in unknown.stderr
    wrong = run("calendar", "export", "Nobody Known", "--audience", "everyone")
    assert wrong.returncode != 0 and "invalid choice: 'everyone'" in wrong.stderr
