"""`holds expire` and `engagements list`, as the operator runs them."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cadenza.engagements.demo import load_bookings_demo
from cadenza.engagements.holds import hold_challenge, hold_place
from cadenza.engagements.models import Challenge, Engagement, Hold, State
from cadenza.engagements.services import engagement_create
from cadenza.ingest.demo import load_demo
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db


def _run(*args: str) -> list[str]:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def booked() -> None:
    load_demo()
    load_bookings_demo()


def test_expire_ends_the_holds_past_their_date_and_promotes_the_next(booked):
    artist = AgentFactory(name="Maria Testa")
    day = timezone.localdate() + timedelta(days=100)
    first = engagement_create(artist=artist, presenter=AgentFactory(kind="organisation"), title="A")
    second = engagement_create(
        artist=artist, presenter=AgentFactory(kind="organisation"), title="B"
    )
    hold_place(engagement=first, dates=[day], expires_on=timezone.localdate() + timedelta(days=2))
    hold_place(engagement=second, dates=[day], expires_on=day)
    lines = _run("holds", "expire", "--today", f"{timezone.localdate() + timedelta(days=3)}")
    assert f"Expired: “A” (engagement {first.pk}): the 1st hold on {day}" in lines
    assert f"Promoted: “B” (engagement {second.pk}): 2nd hold on {day} → 1st hold on {day}" in lines
    assert Hold.objects.get(engagement=first).status == Hold.Status.EXPIRED
    assert Hold.objects.get(engagement=second).rank == 1
    first.refresh_from_db()
    assert first.state == State.RELEASED
    # The demo's own holds expire weeks from now, not in three days.
    assert not any("Kalmurzaev" in line or "Inzaghi" in line for line in lines)


def test_expire_settles_a_challenge_past_its_deadline():
    artist = AgentFactory()
    day = timezone.localdate() + timedelta(days=60)
    above = engagement_create(artist=artist, presenter=AgentFactory(kind="organisation"), title="A")
    below = engagement_create(artist=artist, presenter=AgentFactory(kind="organisation"), title="B")
    hold_place(engagement=above, dates=[day])
    (challenger,) = hold_place(engagement=below, dates=[day])
    challenge = hold_challenge(hold=challenger, respond_by=timezone.now() + timedelta(minutes=1))
    Challenge.objects.filter(pk=challenge.pk).update(respond_by=timezone.now() - timedelta(hours=1))
    lines = _run("holds", "expire")
    assert (
        f"Released, a challenge unanswered: “A” (engagement {above.pk}): the 1st hold on {day}"
        in (lines)
    )
    assert f"Challenge won: “B” (engagement {below.pk}): the 2nd hold on {day}" in lines
    assert f"Promoted: “B” (engagement {below.pk}): 2nd hold on {day} → 1st hold on {day}" in lines
    assert Hold.objects.get(pk=challenger.pk).rank == 1


def test_expire_with_nothing_due_says_so(booked):
    assert _run("holds", "expire") == ["No hold expired and no challenge was due."]
    assert Hold.objects.filter(status=Hold.Status.EXPIRED).count() == 0


def test_expire_refuses_a_day_that_is_not_a_date():
    with pytest.raises(CommandError, match=r"--today '2027-13-01' is not a date: give it as"):
        call_command("holds", "expire", "--today", "2027-13-01")


def test_list_shows_every_engagement_with_its_dates_state_and_guarantee(booked):
    lines = _run("engagements", "list")
    assert lines[0].split() == ["id", "artist", "presenter", "dates", "state", "guarantee"]
    assert len(lines) == 1 + Engagement.objects.count()
    carnegie = Engagement.objects.get(title="Kalmurzaev at Carnegie Hall")
    row = next(line for line in lines if line.startswith(f"{carnegie.pk} "))
    day = carnegie.performances.get().date
    assert row.split("  ")[0].strip() == str(carnegie.pk)
    for cell in ("Alessio Kalmurzaev", "Carnegie Hall", f"{day:%Y-%m-%d}", "settled", "$10,000.00"):
        assert cell in row
    assert any("to be agreed (held)" in line for line in lines)


def test_list_filters_by_artist_alias_and_state(booked):
    assert _run("engagements", "list", "--artist", "kalmurzaev") == _run(
        "engagements", "list", "--artist", "Alessio Kalmurzaev"
    )
    lines = _run("engagements", "list", "--artist", "alessio inzaghi")
    assert len(lines) == 2 and "Bachfest Leipzig" in lines[1]
    held = _run("engagements", "list", "--artist", "Alessio Kalmurzaev", "--state", "hold")
    assert len(held) == 3
    assert all(" hold " in line and "Kalmurzaev" in line for line in held[1:])
    assert _run("engagements", "list", "--state", "completed") == ["No engagements."]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--state", "pending", r"Unknown state 'pending': choose one of inquiry, hold, offered"),
        (
            "--artist",
            "Johann Sebastian Bach",
            r"No artist named 'Johann Sebastian Bach' has engagements\. Artists: "
            r"Alessio Kalmurzaev; Alessio Leonardo Inzaghi\.",
        ),
        (
            "--artist",
            "alessio",
            r"2 artists are named 'alessio': Alessio Leonardo Inzaghi \(id \d+\); "
            r"Alessio Kalmurzaev \(id \d+\)",  # in the order of their surnames
        ),
    ],
)
def test_list_names_a_bad_argument_and_the_choices(booked, option, value, message):
    with pytest.raises(CommandError, match=message):
        call_command("engagements", "list", option, value)


def test_list_of_an_empty_book():
    assert _run("engagements", "list") == ["No engagements."]
