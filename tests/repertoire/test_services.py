import pytest

from cadenza.repertoire.models import Instrument, Work
from cadenza.repertoire.services import (
    catalogue_number_add,
    instrument_ensure,
    instruments_ensure,
    movements_ensure,
    work_ensure,
)

pytestmark = pytest.mark.django_db


def test_works_with_the_same_title_are_told_apart_by_catalogue_number():
    beethoven = work_ensure(title="Violin Concerto in D major", catalogue=("Op.", "61"))
    tchaikovsky = work_ensure(title="Violin Concerto in D major", catalogue=("Op.", "35"))
    assert beethoven.pk != tchaikovsky.pk
    assert work_ensure(title="Violin Concerto in D major", catalogue=("Op.", "35")) == tchaikovsky
    assert [str(c) for c in tchaikovsky.catalogue_numbers.all()] == ["Op. 35"]


def test_movements_are_ordered_child_works_and_created_once():
    suite = work_ensure(title="Cello Suite No. 1 in G major", catalogue=("BWV", "1007"))
    titles = ["Prélude", "Allemande", "Courante"]
    movements_ensure(work=suite, titles=titles)
    movements_ensure(work=suite, titles=titles)
    assert list(suite.movements.order_by("position").values_list("title", "position")) == [
        ("Prélude", 1),
        ("Allemande", 2),
        ("Courante", 3),
    ]
    assert Work.objects.count() == 4


def test_instrument_names_are_lower_case_and_unique():
    violin = instrument_ensure(name="Violin", performer_noun="violinist")
    assert instrument_ensure(name="violin") == violin
    assert violin.name == "violin"
    with pytest.raises(ValueError, match="needs a name"):
        instrument_ensure(name="  ")


def test_instruments_ensure_finds_the_known_and_creates_the_rest_once():
    violin = instrument_ensure(name="violin", performer_noun="violinist")
    ids = instruments_ensure(names=["Violin ", "viola", "viola", ""])
    assert set(ids) == {"violin", "viola"}
    assert ids["violin"] == violin.pk
    assert Instrument.objects.get(pk=ids["viola"]).name == "viola"
    assert Instrument.objects.get(pk=violin.pk).performer_noun == "violinist"
    assert instruments_ensure(names=["VIOLA"]) == {"viola": ids["viola"]}
    assert Instrument.objects.count() == 2


def test_catalogue_number_needs_both_parts():
    work = work_ensure(title="Sonata")
    with pytest.raises(ValueError, match="both parts"):
        catalogue_number_add(work=work, catalogue="K.", number="")


def test_a_numbered_movement_takes_its_number_from_one_the_archive_placed_there():
    """The demo loaded after an import: the archive numbered its movements in order of
    appearance, and the source that names a movement's real number wins it."""
    partita = work_ensure(title="Partita No. 2 in D minor", catalogue=("BWV", "1004"))
    chaconne = Work.objects.create(title="Chaconne", parent=partita, position=1)
    allemanda = work_ensure(title="Allemanda", parent=partita, position=1)
    chaconne.refresh_from_db()
    assert (allemanda.position, chaconne.position) == (1, None)
    assert work_ensure(title="Ciaccona", parent=partita, position=5).position == 5
