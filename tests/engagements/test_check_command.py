"""`cadenza check`: each problem with its reason, by artist in time order; exit 1 when there
is any, 0 and "No conflicts." when none; a clear error for an unknown artist."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadenza.cli import main
from cadenza.engagements.calendar_models import ScheduleItem
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement, State
from tests.factories import AgentFactory, CityFactory, EngagementFactory, PlaceFactory

pytestmark = pytest.mark.django_db

CH = ZoneInfo("Europe/Zurich")
SEASON = ("--from", "2027-07-01", "--to", "2027-07-31")


def _run(*args: str) -> tuple[int, list[str]]:
    out = StringIO()
    try:
        call_command("check_conflicts", *args, stdout=out)
        code = 0
    except SystemExit as stop:
        code = int(stop.code or 0)
    return code, out.getvalue().splitlines()


def _concert(artist, hall, hour: int, title: str, rehearsed: bool = True) -> Engagement:
    e = EngagementFactory(artist=artist, venue=hall, title=title)
    Engagement.objects.filter(pk=e.pk).update(state=State.CONFIRMED)
    starts = datetime(2027, 7, 24, hour, tzinfo=CH)
    e.performances.create(date=date(2027, 7, 24), starts_at=starts)
    if rehearsed:
        ScheduleItem.objects.create(
            engagement=e, kind=ScheduleItem.Kind.DRESS, day=date(2027, 7, 24),
            starts_at=starts.replace(hour=10), ends_at=starts.replace(hour=11),
        )  # fmt: skip
    return e


@pytest.fixture
def hall():
    city = CityFactory(name="Verbier", timezone="Europe/Zurich", latitude=46.1, longitude=7.23)
    return PlaceFactory(name="Salle des Combins", parent=city)


def test_each_problem_with_its_reason_by_artist_and_exit_1(hall):
    anna = AgentFactory(name="Anna Berg")
    _concert(anna, hall, 19, "Recital", rehearsed=False)
    lena = AgentFactory(name="Lena Wolf")
    _concert(lena, hall, 15, "Matinee")
    held = EngagementFactory(artist=lena, venue=hall, title="Gala")
    hold_place(engagement=held, dates=[date(2027, 7, 24)])
    code, lines = _run(*SEASON)
    assert code == 1
    assert lines == [
        "Anna Berg",
        "  2027-07-24 19:00 CEST  rehearsal: No rehearsal before the Verbier concert “Recital”, "
        "which starts 19:00 CEST on 24 July: the engagement is confirmed and its schedule has "
        "no rehearsal (orchestra, piano, dress or sound balance) on or before that day.",
        "Lena Wolf",
        "  2027-07-24 10:00 CEST  overlap [hold]: Two commitments at once: the Verbier held day "
        "“Gala” is on 24 July (time not fixed); the Verbier rehearsal “Matinee” starts 10:00 "
        "CEST on 24 July. “Gala” is not booked yet (hold).",
        "2 conflicts.",
    ]
    code, lines = _run(*SEASON, "--artist", "Anna Berg")
    assert code == 1 and lines[0] == "Anna Berg" and len(lines) == 3


def test_no_conflicts_exits_0(hall):
    _concert(AgentFactory(name="Anna Berg"), hall, 19, "Recital")
    assert _run(*SEASON, "--artist", "Berg") == (0, ["No conflicts."])
    assert _run("--from", "2027-08-01", "--to", "2027-08-31") == (0, ["No conflicts."])


def test_an_unknown_artist_or_a_bad_date_is_named(hall):
    _concert(AgentFactory(name="Anna Berg"), hall, 19, "Recital")
    with pytest.raises(CommandError, match=r"No artist named 'Nobody' has engagements\. Artists"):
        _run("--artist", "Nobody")
    with pytest.raises(CommandError, match=r"--from '2027-13-01' is not a date: give it as"):
        _run("--from", "2027-13-01")
    with pytest.raises(CommandError, match=r"--to 2027-06-01 is before --from 2027-07-01"):
        _run("--from", "2027-07-01", "--to", "2027-06-01")


def test_cadenza_check_passes_its_options_through(hall, capsys):
    _concert(AgentFactory(name="Anna Berg"), hall, 19, "Recital", rehearsed=False)
    with pytest.raises(SystemExit) as stop:
        main(["check", "--artist", "Anna Berg", *SEASON])
    assert stop.value.code == 1
    assert "rehearsal: No rehearsal before the Verbier concert “Recital”" in capsys.readouterr().out
