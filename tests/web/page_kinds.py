"""Every kind of page, on the whole demo (the record, the bookings, the season plan): the
address of one page of each kind, and whether it needs the manager signed in. Shared by
the template-leak test and the phone-width browser test."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from cadenza.engagements.demo import demo_logins, load_bookings_demo
from cadenza.engagements.models import Engagement
from cadenza.events.models import Event
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from cadenza.seasons.demo import load_season_demo


def load_whole_demo() -> None:
    load_demo()
    load_bookings_demo()
    load_season_demo()
    demo_logins()  # demo-manager and the others


def page_kinds() -> list[tuple[str, str, bool]]:
    """(kind, address, signed in) for one page of each kind; the demo must be loaded."""
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    hall = Place.objects.get(name="Carnegie Hall")
    concert = Event.objects.filter(venue=hall).order_by("pk").first()
    suite = Work.objects.get(catalogue_numbers__number="1007")
    engagement = Engagement.objects.filter(artist=person).order_by("pk").first()
    assert concert and engagement
    today = date.today()
    public = [
        ("home", "/"),
        ("search", "/search/?q=Carnegie"),
        ("person", person.get_absolute_url()),
        ("biography", reverse("biography", args=[person.pk, person.slug])),
        ("press-kit", reverse("press-kit", args=[person.pk, person.slug])),
        ("place", hall.get_absolute_url()),
        ("place-history", reverse("place-history", args=[hall.pk, hall.slug])),
        ("work", suite.get_absolute_url()),
        ("event", concert.get_absolute_url()),
        ("login", "/login/"),
        ("not-found", "/no-such-page/"),
    ]
    signed_in = [
        ("bio-review", "/biographies/review/"),
        ("bookings", "/bookings/"),
        ("engagements", "/bookings/engagements/"),
        ("engagement", f"/bookings/engagements/{engagement.pk}/"),
        ("engagement-new", "/bookings/engagements/new/"),
        ("calendar", f"/bookings/calendar/{today.year}/{today.month}/"),
        ("calendar-week", f"/bookings/calendar/week/{today.year}/{today.month}/{today.day}/"),
        ("calendar-list", f"/bookings/calendar/list/{today.year}/{today.month}/"),
        ("day-sheet", f"/bookings/day-sheets/{person.pk}/{today.isoformat()}/"),
        ("availability", f"/bookings/artists/{person.pk}/availability/"),
        ("feeds", "/bookings/feeds/"),
        ("statement", "/bookings/statement/"),
        ("plans", "/bookings/plans/"),
    ]
    return [(k, u, False) for k, u in public] + [(k, u, True) for k, u in signed_in]
