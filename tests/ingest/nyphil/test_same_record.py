"""The same record whatever the order and split of the files, and whatever the hash seed.

Rows are compared by what they say (`helpers.content`: ids replaced by what they name), so
two runs that numbered rows differently compare equal, and a concert placed in another
city or an item joined to another work does not.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from tests.factories import AgentFactory, AuthorshipFactory, CatalogueNumberFactory, WorkFactory
from tests.ingest.nyphil.helpers import SHARED_NYPHIL, content
from tests.ingest.nyphil.test_reader import _file, _program, _work

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _content_of(*runs: list[Path]) -> dict[str, list[tuple[object, ...]]]:
    """The record the runs make, one import each, rolled back after."""
    with transaction.atomic():
        for paths in runs:
            import_nyphil(paths)
        found = content()
        transaction.set_rollback(True)
    return found


def _concert(venue: str, location: str) -> dict:
    return {
        "eventType": "Tour",
        "Venue": venue,
        "Location": location,
        "Date": "1919-05-02T04:00:00Z",
    }


def test_two_cities_of_one_name_stay_two_in_any_order(tmp_path):
    ohio = _file(
        tmp_path / "oh.json",
        _program("g-oh", concerts=[_concert("Memorial Hall", "Springfield, OH")]),
    )
    mass = _file(
        tmp_path / "ma.json",
        _program("g-ma", concerts=[_concert("Municipal Auditorium", "Springfield, MA")]),
    )
    together = _content_of([ohio, mass])
    assert _content_of([ohio], [mass]) == together
    assert _content_of([mass], [ohio]) == together
    with transaction.atomic():
        import_nyphil([mass])
        import_nyphil([ohio])
        halls = {
            p.name: (p.parent.name, round(float(p.parent.longitude), 1))
            for p in Place.objects.filter(kind=Place.Kind.BUILDING).select_related("parent")
        }
        transaction.set_rollback(True)
    assert halls["Memorial Hall"] == ("Springfield", -83.8)  # Ohio
    assert halls["Municipal Auditorium"] == ("Springfield", -72.6)  # Massachusetts


def _strauss_work(guid: str, work_id: str, title: str) -> dict:
    entry = _work(ID=work_id, workTitle=title, composerName="Strauss,  Richard")
    return _program(guid, works=[entry])


def test_an_opus_number_of_two_works_joins_only_the_one_its_title_names(tmp_path):
    strauss = AgentFactory(name="Richard Strauss", sort_name="Strauss, Richard")
    ariadne = WorkFactory(title="Ariadne auf Naxos, Op. 60")
    AuthorshipFactory(work=ariadne, agent=strauss)
    CatalogueNumberFactory(work=ariadne, catalogue="Op.", number="60")
    suite = _file(
        tmp_path / "a.json",
        _strauss_work("g-1", "51933*", "BOURGEOIS GENTILHOMME, LE, OP. 60: ORCHESTRAL SUITE"),
    )
    opera = _file(tmp_path / "b.json", _strauss_work("g-2", "7001*", "ARIADNE AUF NAXOS, OP. 60"))
    together = _content_of([suite, opera])
    assert _content_of([suite], [opera]) == together
    assert _content_of([opera], [suite]) == together
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
        _program(f"g-{n}", works=[_work(ID=f"{n}*", workTitle=title, composerName=mozart)])
        for n, title in (
            (1, "SYMPHONY NO. 24, B-FLAT MAJOR, K.173DA (OLD K.182)"),
            (2, "SYMPHONY NO. 25, G MINOR, K.173DB (OLD K.183)"),
        )
    ]
    first, second = _file(tmp_path / "1.json", programs[0]), _file(tmp_path / "2.json", programs[1])
    assert _content_of([first], [second]) == _content_of([first, second])
    with transaction.atomic():
        import_nyphil([first])
        import_nyphil([second])
        numbers = sorted(Work.objects.values_list("catalogue_numbers__number", flat=True))
        works = Work.objects.filter(parent=None).count()
        transaction.set_rollback(True)
    assert works == 2
    assert numbers == ["173DA", "173DB", "182", "183"]


needs_archive = pytest.mark.skipif(
    not SHARED_NYPHIL.is_dir(), reason=f"the archive is not at {SHARED_NYPHIL}"
)


@needs_archive
def test_the_archive_in_random_splits_and_orders_gives_the_record_of_one_run():
    files = sorted(SHARED_NYPHIL.glob("*.json"))
    whole = _content_of(files)
    seed = random.randrange(1 << 30)
    shuffled = random.Random(seed).sample(files, len(files))
    cut = random.Random(seed).randrange(1, len(files))
    for runs in ([shuffled[:cut], shuffled[cut:]], [[f] for f in shuffled[:3]] + [shuffled[3:]]):
        found = _content_of(*runs)
        differ = [table for table in whole if whole[table] != found[table]]
        assert not differ, f"seed {seed}, runs {[[f.name for f in r] for r in runs]}: {differ}"
    assert whole["events.Event"] and whole["events.Credit"]


def _record_under_seed(seed: int, paths: list[Path], tmp: Path) -> dict:
    """The record a fresh database holds after the demo and an import of `paths`, all in a
    process of its own run with PYTHONHASHSEED=seed."""
    out = tmp / f"record-{seed}.pickle"
    env = os.environ | {
        "PYTHONHASHSEED": str(seed),
        "CADENZA_HOME": str(tmp / f"home-{seed}"),
        "DATABASE_URL": f"sqlite:///{tmp / f'seed-{seed}.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "cadenza.settings",
    }
    script = (
        "import pickle, sys, django; django.setup();"
        "from pathlib import Path; from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from cadenza.ingest.demo import load_demo; load_demo();"
        "from cadenza.ingest.nyphil.importer import import_nyphil;"
        "from tests.ingest.nyphil.helpers import content;"
        "import_nyphil([Path(p) for p in sys.argv[2:]]);"
        "pickle.dump(content(), open(sys.argv[1], 'wb'))"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(out), *map(str, paths)], env=env, cwd=ROOT, check=True
    )
    return pickle.loads(out.read_bytes())


@needs_archive
def test_an_import_gives_the_same_record_whatever_the_hash_seed(tmp_path):
    paths = [SHARED_NYPHIL / "1911-12_TO_1919-20.json", SHARED_NYPHIL / "1984-85_TO_1994-95.json"]
    records = [_record_under_seed(seed, paths, tmp_path) for seed in (1, 2, 3)]
    for record in records[1:]:
        assert [t for t in records[0] if records[0][t] != record[t]] == []
    assert records[0]["events.Event"]


def test_the_content_compared_tells_a_changed_row(tmp_path):
    # The comparison itself can fail: the same files with one venue moved differ.
    path = _file(tmp_path / "a.json", _program("g-x"))
    moved = json.loads(path.read_text())
    moved["programs"][0]["concerts"][0]["Location"] = "Boston, MA"
    other = tmp_path / "b.json"
    other.write_text(json.dumps(moved))
    assert _content_of([path]) != _content_of([other])
    assert Agent.objects.count() == 0
