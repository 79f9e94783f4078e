"""Importing the hand-written quirks fixture: every quirk of the README, as records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.ingest.models import Citation
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent
from cadenza.repertoire.models import Work
from tests.ingest.nyphil.conftest import quirks_item
from tests.ingest.nyphil.helpers import QUIRKS, snapshot

pytestmark = pytest.mark.django_db


def test_summary_counts_and_reasons(imported):
    assert imported.added["programmes"] == 6
    assert imported.added["concerts"] == 12
    assert imported.skipped["soloist 'No Soloist': says there was no soloist"] == 1
    assert imported.skipped["conductor 'Not conducted': says the work was not conducted"] == 1
    assert imported.skipped["soloist '': is blank"] == 1
    [problem] = imported.problems
    assert (problem.file, problem.field, problem.skipped) == ("quirks.json", "works[3]", "entry")
    assert "00000000-0000-4000-8000-000000000003-0.1" in str(problem)


def test_names_are_normalised_and_one_agent_serves_every_role(imported):
    beethoven = Agent.objects.get(name="Ludwig van Beethoven")
    assert beethoven.sort_name == "Beethoven, Ludwig van"
    assert Agent.objects.filter(name__icontains="Beethoven").count() == 1  # the demo's
    weber = Agent.objects.get(name="Carl Maria von Weber")
    assert weber.authorships.count() == 2  # 'Von' and 'von' are one person
    saint_saens = Agent.objects.get(name="Camille Saint-Saëns")
    assert list(saint_saens.aliases.values_list("name", flat=True)) == ["Camille Saint-Saens"]
    assert Agent.objects.filter(name__in=["Johann Strauss Jr.", "Josef Strauss"]).count() == 2
    corigliano = Agent.objects.get(name="John Corigliano Sr.")
    assert corigliano.sort_name == "Corigliano, John, Sr."
    assert {c.role for c in corigliano.credits.all()} == {"soloist"}
    assert corigliano.authorships.exists()
    stern = Agent.objects.get(name="Isaac Stern")
    assert stern.credits.get().instrument.name == "violin"
    assert Agent.objects.get(name="Schola Cantorum of NY").kind == Agent.Kind.ENSEMBLE


def test_non_people_are_never_agents(imported):
    for name in ["Chorus", "Audience", "No Soloist", "Traditional", "Not conducted", "None"]:
        assert not Agent.objects.filter(name__iexact=name).exists(), name
    item = quirks_item("106*", "3")
    chorus = item.credits.get(credited_as="Chorus")
    assert chorus.agent is None
    audience = quirks_item("108*", "3").credits.get()
    assert (audience.agent, audience.credited_as, audience.instrument.name) == (
        None,
        "Audience",
        "sing-along",
    )
    assert audience.role == Credit.Role.PERFORMER
    auld = Work.objects.get(title="Auld Lang Syne")
    assert not auld.authorships.exists()
    assert "Traditional" in auld.notes


def test_titles_movements_intermissions_and_repeated_ids(imported):
    overture = Work.objects.get(title="Overture To Tannhäuser")
    assert [m.title for m in overture.movements.all()] == ["Venusberg Music"]
    assert Work.objects.filter(title="The Swan of Tuonela").exists()
    assert Work.objects.filter(title="Romance in Blue").exists()
    items = list(
        ProgrammeItem.objects.filter(
            programme_id=Citation.objects.get(record_id__endswith="0002-0.1").object_id
        ).order_by("position")
    )
    assert [(i.position, i.kind, i.source_ref) for i in items] == [
        (1, "work", "103*"),
        (2, "work", "104*2"),
        (3, "work", "104*2"),
        (4, "intermission", "7955*"),
        (5, "work", "105*"),
    ]
    assert items[3].title_as_printed == "Intermission-Second"
    assert [m.title for m in items[1].movements.all()] == ["Venusberg Music"]
    conductors = items[1].credits.filter(role=Credit.Role.CONDUCTOR)
    assert [c.agent.name for c in conductors] == ["Leonard Bernstein", "Lukas Foss"]
    assert not items[2].credits.exists()  # 'Not conducted'


def test_dates_and_local_times(imported):
    evening = Event.objects.get(venue__name="Carnegie Hall", date_day=2, date_year=1961)
    assert (evening.date_year, evening.date_month, evening.date_day) == (1961, 11, 2)
    assert evening.starts_at == datetime(1961, 11, 3, 1, 30, tzinfo=UTC)  # 8:30PM EST
    assert evening.category == "Subscription Season"
    assert evening.series.name == "1961-62 season"
    assert evening.credits.get(role=Credit.Role.ORCHESTRA).agent.name == "New York Philharmonic"
    new_year = Event.objects.get(venue__name="David Geffen Hall", date_year=1976)
    assert (new_year.date_month, new_year.date_day, new_year.starts_at) == (12, 31, None)
    at_sea = Event.objects.get(venue__parent__name="High Seas (International Waters)")
    assert at_sea.starts_at is None  # a time, but no zone to place it in
    nowhere = Event.objects.get(date_year=1932)
    assert nowhere.venue is None and not nowhere.credits.exists()


def test_every_archive_row_names_its_source(imported):
    guids = set(
        Citation.objects.filter(content_type__model="programme").values_list("record_id", flat=True)
    )
    assert len(guids) == 6
    for event in Event.objects.exclude(source_ref=""):
        assert event.source_ref.startswith("concert ")
    for item in ProgrammeItem.objects.exclude(programme__title__startswith="Bach"):
        assert item.source_ref
    assert (
        not Credit.objects.filter(item__isnull=False, source_ref="")
        .exclude(item__programme__title__startswith="Bach")
        .exists()
    )
    cited_works = set(
        Citation.objects.filter(content_type__model="work").values_list("record_id", flat=True)
    )
    assert {"101", "101*3", "104", "104*2", "113"} <= cited_works


def test_a_second_run_changes_nothing(imported):
    before = snapshot()
    again = import_nyphil([QUIRKS])
    assert not again.changed_anything
    assert again.files_unchanged == 1
    first = (imported.added["programmes"], imported.added["concerts"])
    assert (again.unchanged["programmes"], again.unchanged["concerts"]) == first == (6, 12)
    assert again.lines()[0].startswith("1 file(s) unchanged since the last import")
    assert snapshot() == before


def test_recheck_compares_every_programme_and_changes_nothing(imported):
    before = snapshot()
    again = import_nyphil([QUIRKS], recheck=True)
    assert again.files_unchanged == 0
    assert not again.changed_anything
    assert (again.unchanged["programmes"], again.unchanged["concerts"]) == (6, 12)
    assert snapshot() == before


def test_each_file_imported_is_recorded_with_its_hash_and_contents(imported):
    citation = Citation.objects.get(record_id="file:quirks.json")
    digest, programmes, concerts = citation.digest.split(":")
    assert len(digest) == 32
    assert citation.record.key == "nyphil:performance-history"
    assert (int(programmes), int(concerts)) == (6, 12)


def test_a_file_changed_since_is_read_again(imported, tmp_path):
    changed = tmp_path / QUIRKS.name
    changed.write_text(QUIRKS.read_text().replace("8:00PM", "7:30PM", 1))
    again = import_nyphil([changed])
    assert again.files_unchanged == 0
    assert again.updated["programmes"] == 1
    assert again.unchanged["programmes"] == 5
    assert Event.objects.filter(starts_at__isnull=False).exists()
    _, programmes, _ = Citation.objects.get(record_id="file:quirks.json").digest.split(":")
    assert int(programmes) == 6


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL plans from table statistics"
)
def test_an_import_leaves_postgresql_statistics_of_its_tables(imported):
    # The columns' statistics (distinct values, commonest values) that the planner joins
    # by; without them it took 1.5 s over the archive's busiest person page.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema()"
            " AND tablename IN ('events_event', 'events_credit', 'events_programmeitem')"
        )
        analysed = {row[0] for row in cursor.fetchall()}
    assert analysed == {"events_event", "events_credit", "events_programmeitem"}
