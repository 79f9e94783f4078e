"""Works: one per archive ID, joined to a work recorded before only on evidence that
cannot belong to two; catalogue numbers whole; movements the same in any order."""

from __future__ import annotations

import pytest
from django.db import transaction

from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.repertoire.models import Work
from tests.factories import AgentFactory, AuthorshipFactory, CatalogueNumberFactory, WorkFactory
from tests.ingest.nyphil.conftest import quirks_item
from tests.ingest.nyphil.helpers import archive_file, content_of, release_program, work_entry

pytestmark = pytest.mark.django_db


def test_archive_works_join_the_record_by_composer_and_catalogue_number(imported):
    suite = Work.objects.get(catalogue_numbers__catalogue="BWV", catalogue_numbers__number="1007")
    item = quirks_item("103*", "2")
    assert item.work == suite
    assert item.credits.get().agent.name == "Yo-Yo Ma"
    fifth = Work.objects.get(catalogue_numbers__catalogue="Op.", catalogue_numbers__number="67")
    scherzo = quirks_item("101*3", "5").movements.get()
    assert scherzo.parent == fifth and scherzo.title == "Scherzo: Allegro"
    assert fifth.movements.count() == 4  # the demo's four, no copy


def _strausswork_entry(guid: str, work_id: str, title: str) -> dict:
    entry = work_entry(ID=work_id, workTitle=title, composerName="Strauss,  Richard")
    return release_program(guid, works=[entry])


def test_an_opus_number_of_two_works_joins_only_the_one_its_title_names(tmp_path):
    strauss = AgentFactory(name="Richard Strauss", sort_name="Strauss, Richard")
    ariadne = WorkFactory(title="Ariadne auf Naxos, Op. 60")
    AuthorshipFactory(work=ariadne, agent=strauss)
    CatalogueNumberFactory(work=ariadne, catalogue="Op.", number="60")
    suite = archive_file(
        tmp_path / "a.json",
        _strausswork_entry("g-1", "51933*", "BOURGEOIS GENTILHOMME, LE, OP. 60: ORCHESTRAL SUITE"),
    )
    opera = archive_file(
        tmp_path / "b.json", _strausswork_entry("g-2", "7001*", "ARIADNE AUF NAXOS, OP. 60")
    )
    together = content_of([suite, opera])
    assert content_of([suite], [opera]) == together
    assert content_of([opera], [suite]) == together
    with transaction.atomic():
        import_nyphil([suite, opera])
        titles = sorted(Work.objects.filter(parent=None).values_list("title", flat=True))
        transaction.set_rollback(True)
    assert titles == [
        "Ariadne auf Naxos, Op. 60",
        "Bourgeois Gentilhomme, le, Op. 60: Orchestral Suite",
    ]


def test_catalogue_numbers_keep_their_whole_form_and_tell_works_apart(tmp_path):
    mozart = "Mozart,  Wolfgang  Amadeus"
    programs = [
        release_program(
            f"g-{n}", works=[work_entry(ID=f"{n}*", workTitle=title, composerName=mozart)]
        )
        for n, title in (
            (1, "SYMPHONY NO. 24, B-FLAT MAJOR, K.173DA (OLD K.182)"),
            (2, "SYMPHONY NO. 25, G MINOR, K.173DB (OLD K.183)"),
        )
    ]
    first, second = (
        archive_file(tmp_path / "1.json", programs[0]),
        archive_file(tmp_path / "2.json", programs[1]),
    )
    assert content_of([first], [second]) == content_of([first, second])
    with transaction.atomic():
        import_nyphil([first])
        import_nyphil([second])
        numbers = sorted(Work.objects.values_list("catalogue_numbers__number", flat=True))
        works = Work.objects.filter(parent=None).count()
        transaction.set_rollback(True)
    assert works == 2
    assert numbers == ["173DA", "173DB", "182", "183"]
