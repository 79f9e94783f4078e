"""A soloist's instruments from their credits: counted in concerts, kept fresh, and never
overriding what a source states."""

from __future__ import annotations

import pytest
from django.test import Client

from cadenza.events.credited_instruments import agent_instruments_refresh
from cadenza.events.models import Credit, Event
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import AgentInstrument
from cadenza.people.services import agent_instrument_add
from tests.factories import (
    AgentFactory,
    AgentInstrumentFactory,
    CreditFactory,
    EventFactory,
    InstrumentFactory,
    ProgrammeFactory,
    ProgrammeItemFactory,
)
from tests.ingest.nyphil.helpers import QUIRKS

pytestmark = pytest.mark.django_db


def _held(agent) -> list[tuple[str, int, bool, int]]:
    return [
        (row.instrument.name, row.concerts, row.stated, row.position)
        for row in AgentInstrument.objects.filter(agent=agent).select_related("instrument")
    ]


def test_a_soloist_plays_what_their_concerts_credit_counted_once_a_concert():
    stern = AgentFactory(name="Isaac Stern")
    violin, viola = InstrumentFactory(name="violin"), InstrumentFactory(name="viola")
    programme = ProgrammeFactory()
    first, second = (ProgrammeItemFactory(programme=programme) for _ in range(2))
    for night in (1, 2):  # one programme, two nights
        EventFactory(programme=programme, date_day=night, date_month=1)
    # Two works of the same programme with the violin: still two concerts, not four.
    for item in (first, second):
        CreditFactory(event=None, item=item, agent=stern, instrument=violin)
    CreditFactory(agent=stern, instrument=viola)  # on a whole event
    CreditFactory(agent=stern, instrument=viola, event=EventFactory(status=Event.Status.PLANNED))
    CreditFactory(agent=stern, instrument=None)  # names no instrument

    assert agent_instruments_refresh().added == 2
    assert _held(stern) == [("violin", 2, False, 0), ("viola", 1, False, 1)]
    assert tuple(agent_instruments_refresh()) == (0, 0, 0)  # nothing to do twice


def test_derived_instruments_follow_the_credits_and_stated_ones_stay():
    ma = AgentFactory(name="Yo-Yo Ma")
    cello, piano = InstrumentFactory(name="cello"), InstrumentFactory(name="piano")
    AgentInstrumentFactory(agent=ma, instrument=cello, position=0)  # a biography says so
    credit = CreditFactory(agent=ma, instrument=piano)
    agent_instruments_refresh()
    assert _held(ma) == [("cello", 0, True, 0), ("piano", 1, False, 1)]

    Credit.objects.filter(pk=credit.pk).update(instrument=cello)
    agent_instruments_refresh()
    assert _held(ma) == [("cello", 1, True, 0)]  # the piano went with its credit

    Credit.objects.filter(pk=credit.pk).delete()
    agent_instruments_refresh()
    assert _held(ma) == [("cello", 0, True, 0)]  # stated: kept with no credit


def test_a_source_stating_a_derived_instrument_makes_it_stated():
    player = AgentFactory()
    violin = InstrumentFactory(name="violin")
    credit = CreditFactory(agent=player, instrument=violin)
    agent_instruments_refresh()
    agent_instrument_add(agent=player, instrument=violin)
    Credit.objects.filter(pk=credit.pk).delete()
    agent_instruments_refresh()
    assert _held(player) == [("violin", 0, True, 0)]


def test_the_archive_import_gives_its_soloists_instruments_and_the_page_shows_them(client: Client):
    import_nyphil([QUIRKS])
    stern = Credit.objects.filter(agent__name="Isaac Stern").first()
    held = AgentInstrument.objects.get(agent=stern.agent)
    assert (held.instrument.name, held.stated) == ("violin", False)
    assert (
        held.concerts
        == Event.objects.filter(programme__items__credits__agent=stern.agent).distinct().count()
    )
    body = client.get(stern.agent.get_absolute_url(), follow=True).content.decode()
    assert f"({held.concerts} concerts)" in body
    assert "Violin</a>" in body and "?instrument=violin" in body
