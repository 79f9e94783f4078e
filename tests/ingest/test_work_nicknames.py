"""Nicknames of works held in the record as aliases, cited, loaded again without change."""

from __future__ import annotations

import pytest

from cadenza.ingest.models import Citation
from cadenza.ingest.work_nicknames import NICKNAMES, SOURCE_KEY, work_nicknames_load
from cadenza.repertoire.models import WorkAlias
from tests.factories import AgentFactory, AuthorshipFactory, CatalogueNumberFactory, WorkFactory

pytestmark = pytest.mark.django_db


def _work(title: str, composer, catalogue: str = "", number: str = ""):
    work = WorkFactory(title=title)
    AuthorshipFactory(work=work, agent=composer)
    if catalogue:
        CatalogueNumberFactory(work=work, catalogue=catalogue, number=number)
    return work


def test_nicknames_name_their_works_by_composer_and_number_or_title_with_their_source():
    beethoven = AgentFactory(name="Ludwig van Beethoven", sort_name="Beethoven, Ludwig van")
    mendelssohn = AgentFactory(name="Felix Mendelssohn")
    mahler = AgentFactory(name="Gustav Mahler")
    emperor = _work("Concerto, Piano, No. 5, E flat major, Op.73", beethoven, "Op.", "73")
    triple = _work("Triple Concerto in C major", beethoven, "Op.", "56")
    scottish = _work("Symphony No. 3 in A minor", mendelssohn, "Op.", "56")
    resurrection = _work("Symphony No. 2 in C minor", mahler)
    _work("Symphony No. 10 in F sharp major", mahler)  # not "Symphony No. 1"
    WorkFactory(title="Piano Sonata", parent=emperor, position=1)  # movements are not named

    assert work_nicknames_load() == 4
    assert [a.name for a in emperor.aliases.all()] == ["Emperor"]
    assert [a.name for a in triple.aliases.all()] == ["Triple Concerto"]  # not "Scottish"
    assert [a.name for a in scottish.aliases.all()] == ["Scottish"]
    assert [a.name for a in resurrection.aliases.all()] == ["Resurrection"]
    citation = Citation.objects.get(object_id=emperor.aliases.get().pk, source__key=SOURCE_KEY)
    assert "Grove Music Online" in citation.record_id and "Op. 73" in citation.record_id

    assert work_nicknames_load() == 4  # again: nothing new
    assert WorkAlias.objects.count() == 4
    assert Citation.objects.filter(source__key=SOURCE_KEY).count() == 4


def test_every_nickname_names_its_work_and_cites_a_reference():
    assert len({(n.composer, n.work, n.nickname) for n in NICKNAMES}) == len(NICKNAMES)
    for entry in NICKNAMES:
        assert entry.nickname and entry.work and entry.composer
        assert entry.work in entry.reference and len(entry.reference) <= 200
