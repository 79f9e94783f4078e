"""What an earlier import recorded wrongly, repaired by the migration
`ingest.0004_archive_titles_repaired`: a composer field made a person ('Anthem'), a fragment
made a movement ('Unspecified Excerpts'). Rows written the old way by hand, then repaired."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from cadenza.ingest.models import Citation, Source
from cadenza.ingest.nyphil.files import SOURCE_KEY
from cadenza.ingest.services import cite
from cadenza.people.models import Agent, Authorship
from cadenza.repertoire.models import Work
from tests.factories import (
    AgentFactory,
    AuthorshipFactory,
    CreditFactory,
    ProgrammeItemFactory,
    SourceFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db

repair = importlib.import_module("cadenza.ingest.migrations.0004_archive_titles_repaired").repair


@pytest.fixture
def archive() -> Source:
    return SourceFactory(kind=Source.Kind.ARCHIVE, key=SOURCE_KEY, text="")


def made_by(source: Source, record, archive_id: str):
    cite(source=source, record=record, record_id=archive_id)
    return record


def test_a_composer_field_made_a_person_is_undone(archive) -> None:
    anthem = made_by(archive, AgentFactory(name="Anthem", sort_name="Anthem"), "name:Anthem")
    beethoven = made_by(archive, AgentFactory(name="Ludwig van Beethoven"), "name:Beethoven")
    united_states = made_by(archive, WorkFactory(title="United States"), "7001")
    AuthorshipFactory(work=united_states, agent=anthem)
    fifth = made_by(archive, WorkFactory(title="Symphony No. 5"), "7004")
    AuthorshipFactory(work=fifth, agent=beethoven)
    # Named by a credit as well: someone else's to decide, left as it is.
    improvised = made_by(archive, AgentFactory(name="Improvisation"), "name:Improvisation")
    CreditFactory(agent=improvised)

    repair(apps, None)

    assert not Agent.objects.filter(name="Anthem").exists()
    assert not Citation.objects.filter(record_id="name:Anthem").exists()
    united_states.refresh_from_db()
    assert united_states.title == "National Anthem: United States"
    assert united_states.notes == "Composer as the archive gives it: Anthem."
    assert Authorship.objects.get(work=fifth).agent == beethoven
    assert Agent.objects.filter(name="Improvisation").exists()


def test_a_fragment_made_a_movement_becomes_what_was_played(archive) -> None:
    fifth = made_by(archive, WorkFactory(title="Symphony No. 5, C minor, Op. 67"), "7004")
    first = made_by(
        archive, WorkFactory(title="Allegro con brio", parent=fifth, position=1), "7004*1"
    )
    excerpts = made_by(
        archive, WorkFactory(title="7. Unspecified Excerpts", parent=fifth, position=7), "7004*7"
    )
    bars = made_by(
        archive,
        WorkFactory(title="Victory Theme/1st Nine Bars", parent=fifth, position=5),
        "7004*5",
    )
    played = {}
    for movement in (first, excerpts, bars):
        played[movement.title] = ProgrammeItemFactory(work=fifth)
        played[movement.title].movements.add(movement)

    repair(apps, None)

    assert list(Work.objects.filter(parent=fifth).values_list("title", flat=True)) == [
        "Allegro con brio"
    ]
    for title, item in played.items():
        item.refresh_from_db()
        if title == "Allegro con brio":
            assert list(item.movements.all()) == [first] and item.notes == ""
        else:
            assert not item.movements.exists() and item.notes == title
    assert played["7. Unspecified Excerpts"].part_played == "excerpts"
    assert not Citation.objects.filter(record_id="7004*7").exists()


def test_a_record_the_archive_never_came_into_is_left_alone() -> None:
    anthem = AgentFactory(name="Anthem")
    symphony = WorkFactory(title="Symphony")
    excerpts = WorkFactory(title="Excerpts", parent=symphony, position=1)

    repair(apps, None)

    assert Agent.objects.filter(pk=anthem.pk).exists()
    assert Work.objects.filter(pk=excerpts.pk).exists()
