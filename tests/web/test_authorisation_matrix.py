"""One authorisation matrix over every page, export and feed × every role (issue 20).

Each address the site answers is listed once with its rule: who gets it, who is sent to
log in, who is told it does not exist (404: its existence untold) or refused (403). A
test fails when a new address is not listed. Every response is read for what it must not
tell: the demo's fees, holds, and the engagement's title to those who may not see it.
Unsafe actions are posted by every role that may not take them: refused, nothing changed.
The API's operations have their own matrix (tests/api).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.web.authorisation_world import (
    MANAGEMENT,
    ROLES,
    SEES_FEES,
    SIGNED_IN,
    VIEWERS,
    World,
    build_world,
    describe,
    fees_in,
    fingerprint,
    hold_words,
)

pytestmark = pytest.mark.django_db

OK, LOGIN, HIDDEN, REFUSED, ADMIN_LOGIN = "200", "login", "404", "403", "admin login"
MANAGERS = {"their manager", "another roster's manager", "staff"}
TOKENS = {"read-only token", "expired token"}


def rule(
    *, ok: set[str] | None = None, otherwise: str = HIDDEN, anonymous: str = LOGIN
) -> Callable[[str], str]:
    """Who gets the page (`ok`; None: every signed-in role), what the other signed-in roles
    get, and what an anonymous visitor (or a request bringing only a token) gets."""

    def outcome(role: str) -> str:
        if role == "anonymous" or role in TOKENS:
            return anonymous
        return OK if ok is None or role in ok else otherwise

    return outcome


PUBLIC = rule(anonymous=OK)
SIGNED_IN_ONLY = rule()
OF_THE_ENGAGEMENT = rule(ok=VIEWERS)

# name → (address in the world, rule); one row per named route a GET reaches.
Url = Callable[[World], str]


def _day(w: World) -> date:
    return w.engagement.performances.order_by("date").first().date


def _e(suffix: str = "") -> Url:
    return lambda w: f"/bookings/engagements/{w.engagement.pk}/{suffix}"


PAGES: dict[str, tuple[Url, Callable[[str], str]]] = {
    "home": (lambda w: "/", PUBLIC),
    "search": (lambda w: "/search/?q=Carnegie", PUBLIC),
    "browse": (lambda w: "/browse/", PUBLIC),
    "browse-people": (lambda w: "/browse/people/", PUBLIC),
    "browse-composers": (lambda w: "/browse/composers/", PUBLIC),
    "browse-works": (lambda w: "/browse/composers/none/works/", PUBLIC),
    "browse-unattributed": (lambda w: "/browse/composers/none/works/", PUBLIC),
    "browse-places": (lambda w: "/browse/places/", PUBLIC),
    "browse-series": (lambda w: "/browse/seasons/", PUBLIC),
    "series": (lambda w: f"/browse/seasons/{_series(w)}/", PUBLIC),
    "agent": (lambda w: w.artist.get_absolute_url(), PUBLIC),
    "biography": (lambda w: f"{w.artist.get_absolute_url()}biography/", PUBLIC),
    "press-kit": (lambda w: f"{w.artist.get_absolute_url()}press-kit/", PUBLIC),
    "place": (lambda w: _hall(w).get_absolute_url(), PUBLIC),
    "place-history": (lambda w: f"{_hall(w).get_absolute_url()}history/", PUBLIC),
    "work": (lambda w: _event(w).programme.items.first().work.get_absolute_url(), PUBLIC),
    "event": (lambda w: _event(w).get_absolute_url(), PUBLIC),
    "bookings": (lambda w: "/bookings/", SIGNED_IN_ONLY),
    "engagements": (lambda w: "/bookings/engagements/", SIGNED_IN_ONLY),
    "engagement": (_e(), OF_THE_ENGAGEMENT),
    "engagement-new": (
        lambda w: "/bookings/engagements/new/",
        rule(ok=MANAGERS, otherwise=REFUSED),
    ),
    "statement": (
        lambda w: "/bookings/statement/",
        rule(ok=MANAGERS | {"the artist"}, otherwise=REFUSED),
    ),
    "availability": (
        lambda w: f"/bookings/artists/{w.artist.pk}/availability/",
        rule(ok=MANAGEMENT, otherwise=REFUSED),
    ),
    "feeds": (
        lambda w: "/bookings/feeds/",
        rule(ok=set(SIGNED_IN) - {"the presenter", "another presenter"}, otherwise=REFUSED),
    ),
    "calendar": (lambda w: "/bookings/calendar/", SIGNED_IN_ONLY),
    "calendar-month": (lambda w: f"/bookings/calendar/{_day(w):%Y/%-m}/", SIGNED_IN_ONLY),
    "calendar-week": (lambda w: f"/bookings/calendar/week/{_day(w):%Y/%-m/%-d}/", SIGNED_IN_ONLY),
    "calendar-list": (lambda w: f"/bookings/calendar/list/{_day(w):%Y/%-m}/", SIGNED_IN_ONLY),
    "day-sheet": (
        lambda w: f"/bookings/day-sheets/{w.artist.pk}/{_day(w).isoformat()}/",
        OF_THE_ENGAGEMENT,
    ),
    "day-sheet-pdf": (
        lambda w: f"/bookings/day-sheets/{w.artist.pk}/{_day(w).isoformat()}.pdf",
        OF_THE_ENGAGEMENT,
    ),
    "document": (lambda w: f"/bookings/documents/{w.document.pk}/", OF_THE_ENGAGEMENT),
    "season-plans": (lambda w: "/bookings/plans/", rule(ok=MANAGERS, otherwise=REFUSED)),
    "season-plan": (lambda w: f"/bookings/plans/{w.plan.pk}/", rule(ok=MANAGEMENT)),
    "season-plan-apply": (lambda w: f"/bookings/plans/{w.plan.pk}/apply/", rule(ok=MANAGEMENT)),
    "bio-review": (lambda w: "/biographies/review/", rule(ok=MANAGERS, otherwise=REFUSED)),
    # Each signed-in user's own API tokens (tests/web/test_account_tokens.py).
    "account-tokens": (lambda w: "/account/tokens/", SIGNED_IN_ONLY),
    # A feed is reached by its secret address alone: no login, whoever brings it.
    "feed": (lambda w: f"/feeds/{w.feeds['public'][1]}.ics", rule(ok=None, anonymous=OK)),
}

# Routes that only take a POST: the address, posted empty by each role that may not act.
ACTIONS: dict[str, Url] = {
    "engagement-move": _e("move/"),
    "engagement-hold": _e("holds/"),
    "engagement-performance": _e("performances/"),
    "engagement-programme": _e("programme/"),
    "engagement-details": _e("details/"),
    "engagement-publish": _e("publish/"),
    "engagement-deal": _e("deal/"),
    "engagement-expense": _e("expenses/"),
    "engagement-payment": _e("payments/"),
    "engagement-settlement": _e("settlement/"),
    "engagement-document": _e("documents/"),
    "engagement-schedule": _e("schedule/"),
    "engagement-travel": _e("travel/"),
    "engagement-hotel": _e("hotels/"),
    "engagement-dress": _e("dress/"),
    "hold-action": lambda w: f"/bookings/holds/{w.hold.pk}/release/",
    "expense-remove": lambda w: f"/bookings/expenses/{w.expense.pk}/remove/",
    "document-remove": lambda w: f"/bookings/documents/{w.document.pk}/remove/",
    "unavailability-remove": lambda w: f"/bookings/unavailability/{w.absence.pk}/remove/",
    "feed-revoke": lambda w: f"/bookings/feeds/{w.feeds['manager'][0].pk}/revoke/",
    "schedule-remove": lambda w: f"/bookings/schedule/{w.call.pk}/remove/",
    "travel-remove": lambda w: f"/bookings/travel/{w.leg.pk}/remove/",
    "hotel-remove": lambda w: f"/bookings/hotels/{w.hotel.pk}/remove/",
    "season-plan-again": lambda w: f"/bookings/plans/{w.plan.pk}/again/",
    # Another user's token: none but its owner revokes it (the management included).
    "account-token-revoke": lambda w: f"/account/tokens/{w.tokens_prefix}/revoke/",
}
# Pages whose POST is also an action (a form on the page itself).
POSTED_PAGES = (
    "engagement-new",
    "availability",
    "feeds",
    "season-plans",
    "season-plan-apply",
    "bio-review",
    "account-tokens",
)
NOT_LISTED = {
    "login": "the login page: every role may open it; tests/web/test_login_throttle.py",
    "logout": "ends the session of whoever asks: nothing to authorise",
}


def _hall(w: World) -> Any:
    return w.engagement.venue.parent or w.engagement.venue


def _event(w: World) -> Any:
    from cadenza.events.models import Event

    return Event.objects.filter(programme__items__work__isnull=False).order_by("pk").first()


def _series(w: World) -> int:
    from cadenza.events.models import Series

    found = Series.objects.order_by("pk").first()  # the demo has none: one season, made
    found = found or Series.objects.create(name="Season 2023-24", kind=Series.Kind.SEASON)
    return found.pk


def client_for(w: World, role: str) -> Client:
    client = Client()
    if role in w.users:
        client.force_login(w.users[role])
    elif role in TOKENS:  # a token is for the API: the pages treat its bearer as anonymous
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {w.tokens[role]}"
    return client


def outcome_of(response: Any) -> str:
    if response.status_code == 302:
        where = response["Location"]
        if where.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return LOGIN if where.startswith("/login/") else describe(response)
    return str(response.status_code)


def what_it_tells(w: World, role: str, name: str, body: str) -> list[str]:
    """What this role must not read in this body."""
    told = []
    if role not in SEES_FEES:
        told += [f"fee {fee}" for fee in fees_in(w, body)]
    if role == "anonymous" or role in TOKENS:
        told += [f"hold {h}" for h in hold_words(body)]
    booking = name not in {k for k, (_, r) in PAGES.items() if r is PUBLIC}
    if booking and role not in VIEWERS and w.engagement.title in body:
        told.append(f"the engagement {w.engagement.title!r}")
    return told


@pytest.fixture
def world() -> World:
    w = build_world()
    w.tokens = {"read-only token": "ro.not-a-page-credential", "expired token": "ex.expired"}
    return w


def test_every_page_answers_each_role_by_its_rule_and_tells_nothing_more(world):
    wrong = []
    for role in ROLES:
        client = client_for(world, role)
        for name, (url_of, expected) in PAGES.items():
            url = url_of(world)
            response = client.get(url)
            got = outcome_of(response)
            if got != expected(role):
                wrong.append(f"{role} GET {name} {url}: {got}, expected {expected(role)}")
            if response.get("Content-Type", "").startswith(("text/", "application/json")):
                body = response.content.decode(errors="replace")
                told = what_it_tells(world, role, name, body)
                wrong += [f"{role} GET {name} tells {t}" for t in told]
    assert wrong == []


def test_the_admin_is_for_staff_alone(world):
    for role in ROLES:
        got = outcome_of(client_for(world, role).get("/admin/"))
        assert got == (OK if role == "staff" else ADMIN_LOGIN), role


def test_no_role_but_the_management_can_act(world):
    before = fingerprint()
    actions = {name: url_of for name, url_of in ACTIONS.items()}
    actions |= {name: PAGES[name][0] for name in POSTED_PAGES}
    wrong = []
    for role in ROLES:
        if role in MANAGEMENT:
            continue  # their actions have their tests (tests/web/test_bookings.py and others)
        client = client_for(world, role)
        for name, url_of in actions.items():
            url = url_of(world)
            response = client.post(url, {})
            got = outcome_of(response)
            allowed_to_try = name in POSTED_PAGES and PAGES[name][1](role) == OK
            refused = got in (LOGIN, HIDDEN, REFUSED) or (allowed_to_try and got in ("200", "400"))
            if not refused:
                wrong.append(f"{role} POST {name} {url}: {got}")
            if fingerprint() != before:
                wrong.append(f"{role} POST {name} {url} changed the record")
                before = fingerprint()
    assert wrong == []


def test_an_anonymous_visitor_learns_no_fee_or_hold_from_any_feed(world):
    client = Client()
    for audience, (_feed, token) in world.feeds.items():
        body = client.get(f"/feeds/{token}.ics").content.decode()
        assert "BEGIN:VCALENDAR" in body, audience
        assert fees_in(world, body) == [], audience  # no feed of the demo opted into fees
        if audience == "public":
            assert hold_words(body) == [], "the public feed shows confirmed performances only"
    assert client.get(f"/feeds/{world.feeds['public'][1]}x.ics").status_code == 404


def _named_routes(patterns: list[Any], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith(("admin/", "api/")):
                continue  # the admin's own rule above; the API's matrix in tests/api
            names |= _named_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def test_every_route_is_in_the_matrix():
    listed = set(PAGES) | set(ACTIONS) | set(NOT_LISTED)
    assert _named_routes(get_resolver().url_patterns) - listed == set()
    assert set(POSTED_PAGES) <= set(PAGES)
