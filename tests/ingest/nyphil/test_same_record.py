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

from cadenza.people.models import Agent
from tests.ingest.nyphil.helpers import (
    SHARED_NYPHIL,
    archive_file,
    content_of,
    release_program,
    work_entry,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


needs_archive = pytest.mark.skipif(
    not SHARED_NYPHIL.is_dir(), reason=f"the archive is not at {SHARED_NYPHIL}"
)


@needs_archive
def test_the_archive_in_random_splits_and_orders_gives_the_record_of_one_run():
    files = sorted(SHARED_NYPHIL.glob("*.json"))
    whole = content_of(files)
    seed = random.randrange(1 << 30)
    shuffled = random.Random(seed).sample(files, len(files))
    cut = random.Random(seed).randrange(1, len(files))
    for runs in ([shuffled[:cut], shuffled[cut:]], [[f] for f in shuffled[:3]] + [shuffled[3:]]):
        found = content_of(*runs)
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
    path = archive_file(tmp_path / "a.json", release_program("g-x"))
    moved = json.loads(path.read_text())
    moved["programs"][0]["concerts"][0]["Location"] = "Boston, MA"
    other = tmp_path / "b.json"
    other.write_text(json.dumps(moved))
    assert content_of([path]) != content_of([other])
    assert Agent.objects.count() == 0


def _entries(tmp_path: Path, name: str, guid: str, **fields: object) -> Path:
    return archive_file(tmp_path / name, release_program(guid, works=[work_entry(**fields)]))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A bracketed other name is an alias, never a key: two agents in either order.
        (
            {"ID": "201*", "composerName": "Smith, Henry [Harry]"},
            {"ID": "202*", "composerName": "Smith, Harry"},
        ),
        # One movement ID, two spellings of its title.
        (
            {"ID": "101*2", "movement": "Allegro con brio"},
            {"ID": "101*2", "movement": "Allegro Con Brio"},
        ),
        # One work ID, two titles.
        (
            {"ID": "102*", "workTitle": "SYMPHONY NO. 5"},
            {"ID": "102*", "workTitle": "Symphony No. 5 in C minor"},
        ),
    ],
)
def test_one_id_or_name_spelled_two_ways_gives_one_record_in_either_order(tmp_path, first, second):
    a = _entries(tmp_path, "a.json", "g-a", **first)
    b = _entries(tmp_path, "b.json", "g-b", **second)
    one_run = content_of([a, b])
    assert content_of([a], [b]) == one_run
    assert content_of([b], [a]) == one_run
    assert content_of([b, a]) == one_run
