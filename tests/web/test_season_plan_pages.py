"""The season planner's pages through Django's test client: who may plan whose season, a
season asked for badly (named, 400, no run), a plan started and solved by its task, the
demo's proved plan as the page tells it (figures, calendar, route, every reason), the
progress partial htmx polls, planning again with pins and exclusions, applying the plan
(every step, the log, once only, nothing at all when the record moved on), and a fixed
number of queries however many offers a plan has."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadenza.accounts.models import ArtistAccess, User
from cadenza.engagements.deals import deal_set
from cadenza.engagements.demo import (
    ARTIST_LOGIN,
    CARNEGIE_TITLE,
    MANAGER_LOGIN,
    demo_logins,
    load_bookings_demo,
)
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Change, Engagement, Hold, State
from cadenza.engagements.services import engagement_create, engagement_update
from cadenza.ingest.demo import load_demo
from cadenza.places.models import Place
from cadenza.seasons.demo import OFFERS, load_season_demo, season_title
from cadenza.seasons.models import PlanRun
from cadenza.seasons.runs import run_start
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    CityFactory,
    OrganisationFactory,
    PlaceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLANS = "/bookings/plans/"
YEAR = 2031  # the small seasons' summer: far enough ahead for any clock running these
CITIES = [  # (city, latitude, longitude): a short drive or train ride from Vienna
    ("Graz", 47.07, 15.44),
    ("Linz", 48.31, 14.29),
    ("Salzburg", 47.80, 13.04),
    ("Innsbruck", 47.27, 11.39),
    ("Munich", 48.14, 11.58),
    ("Prague", 50.08, 14.44),
    ("Budapest", 47.50, 19.04),
    ("Bratislava", 48.15, 17.11),
]


# Reading pages -------------------------------------------------------------------------


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def read(response: Any, status: int = 200) -> str:
    """The page's text (entities unescaped), after checking its status and that no shared
    cache may keep it."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    if status < 300:
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return html.unescape(response.content.decode())


def text_of(fragment: str) -> str:
    """What a person reads in a piece of HTML: tags dropped, spaces run together."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def rows_of(body: str) -> list[str]:
    return [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def row_for(body: str, title: str) -> str:
    (row,) = [r for r in rows_of(body) if r.startswith(title + " ")]
    return row


def section(body: str, heading_id: str) -> str:
    found = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', body, re.S)
    assert found is not None, f"no section {heading_id}"
    return found.group(0)


def calendar_of(body: str) -> dict[date, list[tuple[str, str]]]:
    """The plan's calendar as {day: [(kind, text), ...]} for the days of each month shown."""
    days: dict[date, list[tuple[str, str]]] = {}
    months = re.findall(
        r'<table class="cal-month plan-month">\s*<caption>([^<]+)</caption>(.*?)</table>',
        body,
        re.S,
    )
    assert months, "no calendar on the page"
    for caption, table in months:
        first = datetime.strptime(caption.strip(), "%B %Y").date()
        cells = re.findall(
            r'<td class="cal-day">\s*<span class="cal-day__date">(\d+)</span>(.*?)</td>',
            table,
            re.S,
        )
        for day, cell in cells:
            entries = re.findall(r'<li class="cal-entry plan-(\w+)">(.*?)</li>', cell, re.S)
            days[first.replace(day=int(day))] = [(kind, text_of(t)) for kind, t in entries]
    return days


def euros(amount: float) -> str:
    """Money as the booking pages write euros."""
    return f"€{Decimal(str(amount)):,.2f}"


# Records -------------------------------------------------------------------------------


def vienna() -> Place:
    return CityFactory(name="Vienna", latitude=48.21, longitude=16.37, timezone="Europe/Vienna")


def offers_for(artist: Any, count: int) -> list[Engagement]:
    """`count` held recitals with fees, a week apart from early June, each in a city near
    the artist's home, each held on two days."""
    made = []
    for n, (name, lat, lon) in enumerate(CITIES[:count]):
        city = CityFactory(name=name, latitude=lat, longitude=lon, timezone="Europe/Vienna")
        hall = PlaceFactory(name=f"{name} Concert Hall", kind=Place.Kind.BUILDING, parent=city)
        engagement = engagement_create(
            artist=artist, presenter=OrganisationFactory(), title=f"Recital in {name}", venue=hall
        )
        first = date(YEAR, 6, 3) + timedelta(days=7 * n)
        hold_place(engagement=engagement, dates=[first, first + timedelta(days=2)])
        deal_set(engagement=engagement, currency="EUR", guarantee=Decimal(5000 + 1000 * n))
        made.append(engagement)
    return made


@pytest.fixture
def manager() -> ArtistAccess:
    """A manager of an artist based in Vienna, with three held recitals that summer."""
    artist = AgentFactory(name="Alessio Kalmurzaev", based_in=vienna())
    offers_for(artist, 3)
    return ArtistAccessFactory(agent=artist, role=ArtistAccess.Role.MANAGER)


def season(**given: Any) -> dict[str, Any]:
    return {"start": f"{YEAR}-06-01", "end": f"{YEAR}-08-31"} | given


@pytest.fixture
def demo_plan() -> PlanRun:
    """The demo as `cadenza demo` loads it, with its season plan solved."""
    load_demo()
    load_bookings_demo()
    demo_logins()
    return load_season_demo()


@pytest.fixture
def demo_manager(demo_plan: PlanRun) -> Client:
    return as_user(User.objects.get(username=MANAGER_LOGIN))


def titled(run: PlanRun, presenter: str) -> Engagement:
    """The demo's engagement of this presenter in the plan's summer."""
    (offer,) = [o for o in OFFERS if o.presenter == presenter]
    return Engagement.objects.get(title=season_title(offer, run.season_start.year))


def plan_url(run: PlanRun, part: str = "") -> str:
    return f"{PLANS}{run.pk}/{part}"


def record_of(artist: Any) -> dict[int, tuple[Any, ...]]:
    """Everything applying a plan may change, engagement by engagement."""
    return {
        e.pk: (
            e.state,
            e.version,
            sorted((str(h.date), h.status, h.rank) for h in e.holds.all()),
            sorted(str(p.date) for p in e.performances.all()),
            e.changes.count(),
        )
        for e in Engagement.objects.filter(artist=artist).prefetch_related("holds", "performances")
    }


# The plans page: who, and starting a plan ----------------------------------------------


def test_the_plans_page_lists_only_the_users_artists_and_their_runs(manager):
    mine = run_start(artist=manager.agent, start=date(YEAR, 6, 1), end=date(YEAR, 8, 31))
    other = AgentFactory(name="Alessio Leonardo Inzaghi", based_in=vienna())
    offers_for(other, 1)
    ArtistAccessFactory(agent=other, role=ArtistAccess.Role.MANAGER)
    theirs = run_start(artist=other, start=date(YEAR, 7, 1), end=date(YEAR, 7, 31))

    body = read(as_user(manager.user).get(PLANS))
    assert f'<option value="{manager.agent.pk}">Alessio Kalmurzaev</option>' in body
    assert "Inzaghi" not in body and f'<option value="{other.pk}"' not in body
    (row,) = rows_of(section(body, "runs-heading"))[1:]
    assert row.startswith(f"#{mine.pk} Alessio Kalmurzaev 1 Jun {YEAR} – 31 Aug {YEAR}")
    assert "Waiting for the planner" in row  # queued: no worker took it in this test
    assert f'href="{plan_url(mine)}"' in body and f'href="{plan_url(theirs)}"' not in body
    # The form starts at next summer.
    today = timezone.localdate()
    summer = today.year if today < date(today.year, 6, 1) else today.year + 1
    assert f'name="start" value="{summer}-06-01"' in body
    assert f'name="end" value="{summer}-08-31"' in body


def test_who_may_open_the_planner(manager):
    anonymous = Client().get(PLANS)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"{reverse('login')}?next={PLANS}"
    nobody = as_user(UserFactory())
    assert nobody.get(PLANS).status_code == 403
    assert nobody.post(PLANS, season(artist=manager.agent.pk)).status_code == 403
    # The artist's own login sees his fees but does not plan his seasons.
    himself = ArtistAccessFactory(agent=manager.agent, role=ArtistAccess.Role.ARTIST).user
    assert as_user(himself).get(PLANS).status_code == 403
    # An assistant books for the artist, and plans.
    assistant = ArtistAccessFactory(agent=manager.agent, role=ArtistAccess.Role.ASSISTANT).user
    assert "Alessio Kalmurzaev" in read(as_user(assistant).get(PLANS))
    assert not PlanRun.objects.exists()


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            season(start=f"{YEAR}-08-31", end=f"{YEAR}-06-01"),
            "To: The season ends before it starts.",
        ),
        (
            season(start=f"{YEAR}-01-01", end=f"{YEAR + 1}-06-30"),
            "Plan at most a year at a time (the season is longer).",
        ),
        (season(start="2031-02-30"), "From: Enter a valid date."),
    ],
)
def test_a_season_asked_for_badly_is_named_and_not_started(manager, given, said):
    client = as_user(manager.user)
    body = read(client.post(PLANS, {"artist": manager.agent.pk} | given), 400)
    assert f'<p class="error" role="alert">{said}</p>' in body
    assert "Plans made" in body and "No plans yet." in body
    assert not PlanRun.objects.exists()


def test_an_artist_with_no_home_cannot_be_planned(manager):
    manager.agent.based_in = None
    manager.agent.save()
    body = read(as_user(manager.user).post(PLANS, season(artist=manager.agent.pk)), 400)
    assert "Alessio Kalmurzaev has no home with coordinates: set where they are based" in body
    assert not PlanRun.objects.exists()


def test_another_managers_artist_cannot_be_chosen(manager):
    other = AgentFactory(name="Alessio Leonardo Inzaghi", based_in=vienna())
    offers_for(other, 1)
    body = read(as_user(manager.user).post(PLANS, season(artist=other.pk)), 400)
    assert "Artist: Select a valid choice." in body
    assert not PlanRun.objects.exists()


def test_a_season_asked_for_well_is_planned_and_shown(manager, django_capture_on_commit_callbacks):
    client = as_user(manager.user)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        started = client.post(PLANS, season(artist=manager.agent.pk))
    assert len(queued) == 1  # the solve, queued once the run was committed
    run = PlanRun.objects.get()
    assert started.status_code == 302 and started["Location"] == plan_url(run)
    assert (run.status, run.created_by, run.artist) == ("done", manager.user, manager.agent)
    assert (run.season_start, run.season_end) == (date(YEAR, 6, 1), date(YEAR, 8, 31))

    body = read(client.get(started["Location"]))
    assert f"Alessio Kalmurzaev, 1 June to 31 August {YEAR}" in body
    assert f"by {manager.user.username}" in body and "from 3 offers of the record." in text_of(body)
    assert "Travel from and back to Vienna." in body
    verdict = text_of(section(body, "verdict-heading"))
    assert verdict.startswith("The best plan, proved")
    assert "Fees €18,000.00" in verdict and "Accepted 3 of 3" in verdict  # 5,000 + 6,000 + 7,000
    assert f"Earned after travel {euros(run.plan['objective'])}" in verdict
    for name in ("Graz", "Linz", "Salzburg"):
        assert "accepted: " in row_for(body, f"Recital in {name}")
    listed = read(client.get(PLANS))
    assert f"#{run.pk} Alessio Kalmurzaev" in text_of(listed) and "Planned" in listed


# The demo's plan -----------------------------------------------------------------------


def test_the_demo_plan_tells_its_figures_its_calendar_its_route_and_its_reasons(
    demo_plan, demo_manager
):
    run, plan = demo_plan, demo_plan.plan
    assert plan["status"] == "optimal" and len(plan["schedule"]) == 13
    year = run.season_start.year
    body = read(demo_manager.get(plan_url(run)))
    assert f"Alessio Kalmurzaev, 1 June to 31 August {year}" in body
    assert (
        "from 16 offers of the record." in text_of(body)
        and "Travel from and back to Moscow." in body
    )

    verdict = text_of(section(body, "verdict-heading"))
    assert verdict.startswith(
        "The best plan, proved No other choice of these offers and dates earns more after travel."
    )
    assert f"Earned after travel {euros(plan['objective'])}" in verdict
    assert f"Fees {euros(plan['fees'])}" in verdict
    assert f"Travel {round(plan['travel_km']):,} km" in verdict
    assert f"Cost of travel {euros(plan['fees'] - plan['objective'])}" in verdict
    assert "Accepted 13 of 16" in verdict and "Apply this plan…" in verdict
    # The demo's own figures, so a change in what the page reads is seen: the sixteen fees
    # less the three declined (Sapporo 22,000, PyeongChang 20,000, Gstaad 14,000).
    assert "Fees €258,000.00" in verdict

    offers = {o["id"]: o for o in run.instance["offers"]}
    calendar = calendar_of(body)
    concerts = [
        (day, text) for day, got in calendar.items() for kind, text in got if kind == "concert"
    ]
    assert len(concerts) == 13
    route = text_of(section(body, "route-h"))
    stops = re.findall(r"<li>(.*?)</li>", section(body, "route-h").split("venues__list")[1])
    assert stops[0] == stops[-1] == "Moscow" and len(stops) == 15  # home, 13 cities, home
    for pick in plan["schedule"]:
        offer, day = offers[pick["id"]], date.fromisoformat(pick["date"])
        first = date.fromisoformat(pick["first_day"])
        assert ("concert", offer["city"]) in calendar[day], (offer["city"], day)
        for n in range((day - first).days):
            rehearsal = first + timedelta(days=n)
            assert ("rehearsal", f"{offer['city']}, rehearsal") in calendar[rehearsal]
        assert f"{day:%-d %b}: {offer['city']}" in route
        title = run.offers[pick["id"]]["title"]
        assert f"accepted: {day:%-d %b}" in row_for(body, title)
    assert 'class="map__route"' in body and "through 13 cities and back" in body

    assert len(plan["declined"]) == 3
    for declined in plan["declined"]:
        title = run.offers[declined["id"]]["title"]
        row = row_for(body, title)
        assert f"declined: {declined['reason']}" in row
        assert declined["reason"].startswith("the ")  # a reason, not a blank
    gstaad = row_for(body, f"Gstaad Menuhin Festival {year}")
    assert "Verbier's radius clause excludes it" in gstaad
    white_nights = row_for(body, f"Stars of the White Nights {year}")
    assert white_nights.startswith(f"Stars of the White Nights {year} contracted ")
    assert white_nights.endswith("accepted: 18 Jun — —")  # contracted: no pin, no exclude


def test_another_rosters_manager_is_refused_every_page_of_the_plan(demo_plan):
    run = demo_plan
    elsewhere = ArtistAccessFactory(agent=AgentFactory(based_in=vienna())).user
    client = as_user(elsewhere)
    before = record_of(run.artist)
    answers = [
        client.get(plan_url(run)),
        client.get(plan_url(run), {"part": "progress"}, HTTP_HX_REQUEST="true"),
        client.post(plan_url(run, "again/"), {"pin": [e for e in before]}),
        client.get(plan_url(run, "apply/")),
        client.post(plan_url(run, "apply/")),
    ]
    for answer in answers:
        assert answer.status_code == 404  # as if there were no such plan
        body = answer.content.decode()
        secrets = ("Kalmurzaev", "Tanglewood", "Moscow", "€", "246,457", "258,000", "Season plan")
        for secret in secrets:
            assert secret not in body, secret
    assert PlanRun.objects.count() == 1
    run.refresh_from_db()
    assert run.applied_at is None and record_of(run.artist) == before
    assert f"#{run.pk}" not in text_of(read(client.get(PLANS)))
    assert client.get(f"{PLANS}999999/").status_code == 404


def test_a_plan_not_yet_proved_best_says_how_far_it_may_be(
    manager, django_capture_on_commit_callbacks
):
    client = as_user(manager.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PLANS, season(artist=manager.agent.pk))
    run = PlanRun.objects.get()
    # As the planner stores a plan stopped by its time limit: its bound above its objective.
    run.plan |= {"status": "feasible", "bound": round(run.plan["objective"] / 0.9, 2)}
    run.save()
    verdict = text_of(section(read(client.get(plan_url(run))), "verdict-heading"))
    assert verdict.startswith("A good plan, not yet proved best The planner stopped after 30 s:")
    assert (
        f"no plan can earn more than {euros(run.plan['bound'])}, "
        "and this one earns at most 10.0 % less than that."
    ) in verdict
    assert "Apply this plan…" in verdict  # a good plan may be applied


# The progress partial ------------------------------------------------------------------


@pytest.fixture
def open_run(manager) -> PlanRun:
    """A run started but not solved: its task is queued for after a commit that a test's
    transaction never makes."""
    return run_start(artist=manager.agent, start=date(YEAR, 6, 1), end=date(YEAR, 8, 31))


def progress(client: Client, run: PlanRun) -> Any:
    return client.get(plan_url(run), {"part": "progress"}, HTTP_HX_REQUEST="true")


def test_the_progress_of_a_running_plan_is_polled_by_htmx(manager, open_run):
    client = as_user(manager.user)
    queued = read(progress(client, open_run))
    assert "<html" not in queued and 'id="plan-progress"' in queued
    assert f'hx-get="{plan_url(open_run)}?part=progress" hx-trigger="every 1s"' in queued
    assert "Waiting for the planner to take this season…" in queued

    PlanRun.objects.filter(pk=open_run.pk).update(
        status=PlanRun.Status.RUNNING, started=timezone.now(), progress={}
    )
    assert "Planning: 0 s of at most 30 s. No plan found yet." in text_of(
        read(progress(client, open_run))
    )
    figures = {"seconds": 3.5, "objective": 16871.25, "bound": 17944.5, "solutions": 4}
    PlanRun.objects.filter(pk=open_run.pk).update(progress=figures)
    running = text_of(read(progress(client, open_run)))
    assert "Planning: 3.5 s of at most 30 s." in running
    assert "Best plan so far earns €16,871.25 after travel" in running  # as the plan says money
    assert "no plan can earn more than €17,944.50." in running
    assert "may have stopped" not in running

    whole = read(client.get(plan_url(open_run), {"part": "progress"}))  # no htmx: the page
    assert "<html" in whole and "Planning: 3.5 s" in text_of(whole)
    assert '<meta http-equiv="refresh" content="3">' in whole  # without JavaScript, too
    assert "The best plan" not in whole and "Every offer and what the planner made" not in whole


def test_a_finished_plan_tells_htmx_to_load_the_whole_page(
    manager, django_capture_on_commit_callbacks
):
    client = as_user(manager.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PLANS, season(artist=manager.agent.pk))
    run = PlanRun.objects.get(status=PlanRun.Status.DONE)
    answer = progress(client, run)
    assert answer.status_code == 200 and answer["HX-Refresh"] == "true"
    assert answer.content == b""


def test_a_stalled_plan_says_its_worker_may_have_stopped(manager, open_run):
    long_ago = timezone.now() - timedelta(minutes=40)
    PlanRun.objects.filter(pk=open_run.pk).update(
        status=PlanRun.Status.RUNNING, started=long_ago, progress={"seconds": 12.5}
    )
    client = as_user(manager.user)
    for body in (read(progress(client, open_run)), read(client.get(plan_url(open_run)))):
        said = text_of(body)
        assert "The planner has not finished. Its worker may have stopped: start one with" in said
        assert "cadenza worker" in said and "Planning:" not in said
    assert '<meta http-equiv="refresh"' not in body  # no reloading a page that will not change


def test_a_failed_plan_says_why(manager, open_run):
    PlanRun.objects.filter(pk=open_run.pk).update(
        status=PlanRun.Status.FAILED, error="The planner failed: out of memory"
    )
    body = read(as_user(manager.user).get(plan_url(open_run)))
    assert '<p class="error" role="alert">The planner failed: out of memory</p>' in body
    assert "Apply this plan" not in body and 'id="plan-progress"' not in body


# Planning again ------------------------------------------------------------------------


def checkbox(body: str, action: str, title: str) -> str:
    """The value of the page's pin or exclude box for an offer."""
    found = re.search(
        rf'name="{action}" value="(\d+)"[^>]*aria-label="\w+ {re.escape(title)}"', body
    )
    assert found is not None, (action, title)
    return found.group(1)


def again(client: Client, run: PlanRun, capture: Any, **boxes: Any) -> tuple[PlanRun, str]:
    with capture(execute=True):
        answer = client.post(plan_url(run, "again/"), boxes)
    made = PlanRun.objects.exclude(pk=run.pk).latest("pk")
    assert answer.status_code == 302 and answer["Location"] == plan_url(made)
    return made, read(client.get(answer["Location"]))


def test_excluding_the_chosen_offer_plans_without_it(
    demo_plan, demo_manager, django_capture_on_commit_callbacks
):
    run, year = demo_plan, demo_plan.season_start.year
    tanglewood = titled(run, "Tanglewood")
    assert str(tanglewood.pk) in {c["id"] for c in run.plan["schedule"]}  # chosen at first
    page = read(demo_manager.get(plan_url(run)))
    box = checkbox(page, "exclude", f"Tanglewood {year}")
    assert box == str(tanglewood.pk)

    made, body = again(demo_manager, run, django_capture_on_commit_callbacks, exclude=[box])
    assert (made.excluded, made.pinned, made.status) == ([tanglewood.pk], [], "done")
    assert str(tanglewood.pk) not in made.offers
    assert "from 15 offers of the record, 1 excluded." in text_of(body)
    row = row_for(body, f"Tanglewood {year}")
    assert row == f"Tanglewood {year} left out: excluded from this plan"
    assert f'value="{tanglewood.pk}" checked aria-label="Exclude Tanglewood {year}"' in body
    assert "Lenox" not in text_of(section(body, "route-h"))
    assert "Lenox" not in str(calendar_of(body))
    verdict = text_of(section(body, "verdict-heading"))
    assert verdict.startswith("The best plan, proved") and " of 15" in verdict
    # Without one of its offers the best plan cannot earn more than the best with it.
    assert made.plan["objective"] < run.plan["objective"]
    assert f"Earned after travel {euros(made.plan['objective'])}" in verdict


def test_pinning_a_declined_offer_forces_it_in(
    demo_plan, demo_manager, django_capture_on_commit_callbacks
):
    run, year = demo_plan, demo_plan.season_start.year
    sapporo = titled(run, "Pacific Music Festival")
    declined = {d["id"]: d["reason"] for d in run.plan["declined"]}
    assert str(sapporo.pk) in declined
    box = checkbox(read(demo_manager.get(plan_url(run))), "pin", f"Pacific Music Festival {year}")

    made, body = again(demo_manager, run, django_capture_on_commit_callbacks, pin=[box])
    assert (made.pinned, made.excluded, made.status) == ([sapporo.pk], [], "done")
    assert made.plan["status"] == "optimal"
    (pick,) = [c for c in made.plan["schedule"] if c["id"] == str(sapporo.pk)]
    assert pick["date"] in (f"{year}-07-12", f"{year}-07-18")  # one of the days it offered
    day = date.fromisoformat(pick["date"])
    row = row_for(body, f"Pacific Music Festival {year}")
    assert row.startswith(f"Pacific Music Festival {year} hold, pinned Sapporo Concert Hall")
    assert f"accepted: {day:%-d %b}" in row
    assert re.search(
        rf'value="{sapporo.pk}" checked\s+aria-label="Pin Pacific Music Festival {year}"', body
    )
    assert ("concert", "Sapporo") in calendar_of(body)[day]
    assert "from 16 offers of the record, 1 pinned." in text_of(body)
    # Forced in, it costs: the plan earns less than the best without the pin.
    assert made.plan["objective"] < run.plan["objective"]


def test_applying_a_plan_made_again_declines_the_offer_it_leaves_aside(
    demo_plan, demo_manager, django_capture_on_commit_callbacks
):
    run, year = demo_plan, demo_plan.season_start.year
    sapporo, aix = titled(run, "Pacific Music Festival"), titled(run, "Festival d'Aix-en-Provence")
    made, body = again(demo_manager, run, django_capture_on_commit_callbacks, pin=[sapporo.pk])
    (reason,) = [d["reason"] for d in made.plan["declined"] if d["id"] == str(aix.pk)]
    assert f"declined: {reason}" in row_for(body, f"Festival d'Aix-en-Provence {year}")
    assert aix.state == State.OFFERED
    steps = section(read(demo_manager.get(plan_url(made, "apply/"))), "steps-heading")
    assert row_for(steps, f"Festival d'Aix-en-Provence {year}").startswith(
        f"Festival d'Aix-en-Provence {year} Offered becomes declined; holds let go: 8 Jul, 11 Jul"
    )
    assert demo_manager.post(plan_url(made, "apply/")).status_code == 302
    aix.refresh_from_db()
    sapporo.refresh_from_db()
    assert aix.state == State.DECLINED
    (move,) = aix.changes.filter(kind=Change.Kind.STATE, to_value=State.DECLINED)
    assert move.reason == f"Season plan #{made.pk}: {reason}"
    assert move.by.username == MANAGER_LOGIN
    assert sapporo.state == State.OFFERED  # the pinned hold, one step on
    # The first plan was made before all this: it may no longer be applied.
    refused = read(demo_manager.post(plan_url(run, "apply/")), 409)
    assert "has changed since this plan was made: plan again." in refused


def test_pinning_offers_that_cannot_both_be_kept_names_the_conflict(
    demo_plan, demo_manager, django_capture_on_commit_callbacks
):
    run, year = demo_plan, demo_plan.season_start.year
    page = read(demo_manager.get(plan_url(run)))
    boxes = [
        checkbox(page, "pin", f"Verbier Festival {year}"),
        checkbox(page, "pin", f"Gstaad Menuhin Festival {year}"),
    ]
    made, body = again(demo_manager, run, django_capture_on_commit_callbacks, pin=boxes)
    assert made.plan["status"] == "infeasible"
    verdict = text_of(section(body, "verdict-heading"))
    assert verdict.startswith("No plan keeps every contracted and pinned engagement")
    assert (
        "rule 6 (radius clauses): Verbier, Gstaad fall within a radius clause's distance "
        "and days of each other"
    ) in verdict
    assert "Apply this plan" not in body and "calendar-heading" not in body
    refused = read(demo_manager.get(plan_url(made, "apply/")), 409)
    assert "The planner found no plan to apply." in refused and "Apply all of it" not in refused


def test_planning_again_ignores_engagements_that_are_not_the_plans(
    demo_plan, demo_manager, django_capture_on_commit_callbacks
):
    carnegie = Engagement.objects.get(title=CARNEGIE_TITLE)  # the same artist, another season
    made, body = again(
        demo_manager,
        demo_plan,
        django_capture_on_commit_callbacks,
        pin=[str(carnegie.pk), "x", "9" * 30],
        exclude=["999999"],
    )
    assert (made.pinned, made.excluded) == ([], [])
    assert made.plan["objective"] == demo_plan.plan["objective"]
    header = body.split('class="record__header"')[1].split("</header>")[0]
    assert "from 16 offers of the record." in text_of(header) and "pinned" not in header


# Applying ------------------------------------------------------------------------------


def expected_steps(run: PlanRun) -> dict[str, tuple[str, str, str]]:
    """What the confirmation must say of each engagement, worked out from the plan and the
    record: {title: (state now, change, why)}."""
    chosen = {c["id"]: date.fromisoformat(c["date"]) for c in run.plan["schedule"]}
    reasons = {d["id"]: d["reason"] for d in run.plan["declined"]}
    forward = {State.HOLD: "offered", State.OFFERED: "contracted"}
    steps = {}
    for offer_id, offer in run.offers.items():
        engagement = Engagement.objects.get(pk=offer["engagement"])
        if engagement.state == State.CONTRACTED:
            continue
        held = sorted(
            h.date for h in engagement.holds.all() if h.status == Hold.Status.ACTIVE and h.date
        )
        day = chosen.get(offer_id)
        if day is None:
            let_go = ", ".join(f"{d:%-d %b}" for d in held)
            steps[offer["title"]] = (
                engagement.get_state_display(),
                f"becomes released; holds let go: {let_go}",
                reasons[offer_id],
            )
        else:
            let_go = ", ".join(f"{d:%-d %b}" for d in held if d != day)
            steps[offer["title"]] = (
                engagement.get_state_display(),
                f"on {day:%-d %B %Y}; becomes {forward[engagement.state]}; holds let go: {let_go}",
                f"chosen for {day:%-d %B}",
            )
    return steps


def test_the_confirmation_lists_every_change_before_anything_changes(demo_plan, demo_manager):
    run = demo_plan
    before = record_of(run.artist)
    expected = expected_steps(run)
    assert len(expected) == 15  # all but the contracted Stars of the White Nights
    body = read(demo_manager.get(plan_url(run, "apply/")))
    steps = section(body, "steps-heading")
    assert "15 engagements to change" in steps
    assert len(rows_of(steps)) == 1 + 15
    for title, (now, change, why) in expected.items():
        assert row_for(steps, title) == f"{title} {now} {change} {why}"
    # The chosen in date order, then the declined.
    order = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', steps)
    order = [html.unescape(t) for t in order]
    chosen = {run.offers[c["id"]]["title"]: c["date"] for c in run.plan["schedule"]}
    assert order[:12] == sorted((t for t in order if t in chosen), key=lambda t: chosen[t])
    assert {*order[12:]} == {run.offers[d["id"]]["title"] for d in run.plan["declined"]}
    assert "Stars of the White Nights" not in body
    assert '<button type="submit">Apply all of it</button>' in body
    assert record_of(run.artist) == before
    run.refresh_from_db()
    assert run.applied_at is None


def test_applying_moves_each_offer_one_step_and_logs_why(demo_plan, demo_manager):
    run = demo_plan
    manager = User.objects.get(username=MANAGER_LOGIN)
    chosen = {int(c["id"]): date.fromisoformat(c["date"]) for c in run.plan["schedule"]}
    reasons = {int(d["id"]): d["reason"] for d in run.plan["declined"]}
    states = {o["engagement"]: o["state"] for o in run.offers.values()}
    white_nights = titled(run, "Stars of the White Nights")
    untouched = record_of(run.artist)[white_nights.pk]

    done = demo_manager.post(plan_url(run, "apply/"))
    assert done.status_code == 302 and done["Location"] == plan_url(run)
    body = read(demo_manager.get(done["Location"]))
    assert "Applied the plan: 15 engagements moved, each logged." in body
    assert f"by {MANAGER_LOGIN}: each engagement's log says what changed." in body
    assert "Apply this plan…" not in body
    run.refresh_from_db()
    assert run.applied_at is not None and run.applied_by == manager

    for pk, day in chosen.items():
        engagement = Engagement.objects.get(pk=pk)
        holds = list(engagement.holds.all())
        if pk == white_nights.pk:
            continue
        assert [p.date for p in engagement.performances.all()] == [day], engagement
        assert not [h for h in holds if h.status == Hold.Status.ACTIVE and h.date != day]
        let_go = [h for h in holds if h.date != day]
        assert let_go and all(h.status == Hold.Status.RELEASED for h in let_go)
        (on_day,) = [h for h in holds if h.date == day]
        if states[pk] == State.OFFERED:
            assert engagement.state == State.CONTRACTED
            assert on_day.status == Hold.Status.CONFIRMED
        else:
            assert states[pk] == State.HOLD
            assert (engagement.state, on_day.status) == (State.OFFERED, Hold.Status.ACTIVE)
        (move,) = engagement.changes.filter(kind=Change.Kind.STATE, to_value=engagement.state)
        assert move.by == manager
        assert move.reason == f"Season plan #{run.pk}: chosen for {day:%-d %B}"

    for pk, reason in reasons.items():
        engagement = Engagement.objects.get(pk=pk)
        assert engagement.state == State.RELEASED
        assert not engagement.performances.exists()
        assert {h.status for h in engagement.holds.all()} == {Hold.Status.RELEASED}
        (move,) = engagement.changes.filter(kind=Change.Kind.STATE, to_value=State.RELEASED)
        assert (move.by, move.reason) == (manager, f"Season plan #{run.pk}: {reason}")
        page = read(demo_manager.get(engagement.get_absolute_url()))
        assert reason in page  # the log on the engagement's page says why

    assert record_of(run.artist)[white_nights.pk] == untouched


def test_a_plan_is_applied_once(demo_plan, demo_manager):
    run = demo_plan
    assert demo_manager.post(plan_url(run, "apply/")).status_code == 302
    after = record_of(run.artist)
    for answer in (
        demo_manager.post(plan_url(run, "apply/")),
        demo_manager.get(plan_url(run, "apply/")),
    ):
        body = read(answer, 409)
        run.refresh_from_db()
        assert f"This plan was applied on {run.applied_at:%Y-%m-%d %H:%M}." in body
        assert "Apply all of it" not in body and "Back to the plan" in body
    assert record_of(run.artist) == after


def test_a_plan_the_record_has_moved_past_is_refused_and_nothing_changes(demo_plan, demo_manager):
    run, year = demo_plan, demo_plan.season_start.year
    salzburg = titled(run, "Salzburg Festival")
    engagement_update(engagement=salzburg, notes="The programme is still to be agreed.")
    before = record_of(run.artist)
    said = f"“Salzburg Festival {year}” has changed since this plan was made: plan again."
    body = read(demo_manager.get(plan_url(run, "apply/")), 409)
    assert said in body and "Apply all of it" not in body
    body = read(demo_manager.post(plan_url(run, "apply/")), 409)
    assert said in body
    assert record_of(run.artist) == before
    run.refresh_from_db()
    assert run.applied_at is None
    assert "Apply this plan…" in read(demo_manager.get(plan_url(run)))


def test_a_plan_still_running_cannot_be_applied(manager, open_run):
    client = as_user(manager.user)
    before = record_of(manager.agent)
    for answer in (
        client.get(plan_url(open_run, "apply/")),
        client.post(plan_url(open_run, "apply/")),
    ):
        assert "This plan is not finished." in read(answer, 409)
    assert record_of(manager.agent) == before


# Queries -------------------------------------------------------------------------------


def queries(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), read(response)


def test_the_planner_pages_cost_the_same_for_2_and_8_offers(django_capture_on_commit_callbacks):
    counts: dict[str, list[int]] = {"plan": [], "apply": [], "plans": []}
    for size in (2, 8):
        artist = AgentFactory(based_in=vienna())
        offers_for(artist, size)
        access = ArtistAccessFactory(agent=artist, role=ArtistAccess.Role.MANAGER)
        client = as_user(access.user)
        for _ in range(size):  # as many plans made as offers
            with django_capture_on_commit_callbacks(execute=True):
                client.post(PLANS, season(artist=artist.pk))
        run = PlanRun.objects.filter(artist=artist).latest("pk")
        assert run.plan is not None and len(run.plan["schedule"]) == size
        count, body = queries(client, plan_url(run))
        assert f"Accepted {size} of {size}" in text_of(body)
        counts["plan"].append(count)
        count, body = queries(client, plan_url(run, "apply/"))
        assert f"{size} engagements to change" in body
        counts["apply"].append(count)
        count, body = queries(client, PLANS)
        assert len(rows_of(section(body, "runs-heading"))) == size + 1
        counts["plans"].append(count)
    assert {name: len(set(c)) for name, c in counts.items()} == {
        "plan": 1,
        "apply": 1,
        "plans": 1,
    }, counts


def test_the_artists_own_login_sees_no_plan(demo_plan):
    himself = as_user(User.objects.get(username=ARTIST_LOGIN))
    answer = himself.get(plan_url(demo_plan))
    assert answer.status_code == 404 and "€" not in answer.content.decode()
