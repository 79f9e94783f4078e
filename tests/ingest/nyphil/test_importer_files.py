"""Several files in one import: a file named twice, a programme in two files, --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cadenza.events.models import Event, ProgrammeItem
from cadenza.ingest.models import Citation
from cadenza.ingest.nyphil.importer import ImportFailed, import_nyphil
from tests.ingest.nyphil.helpers import QUIRKS, STERN, import_and_undo, row_counts

pytestmark = pytest.mark.django_db


def _programs(path: Path) -> list[dict]:
    return json.loads(path.read_text())["programs"]


def _write(path: Path, programs: list[dict]) -> Path:
    path.write_text(json.dumps({"programs": programs}))
    return path


def test_a_file_named_twice_is_imported_once():
    once = import_and_undo([QUIRKS, STERN])
    twice = import_and_undo([QUIRKS, STERN, QUIRKS])
    assert twice[0] == once[0]
    assert not [line for line in twice[1] if "different content" in line]


def test_a_programme_in_two_files_with_different_content_keeps_the_later(tmp_path):
    earlier = _programs(STERN)
    later = [dict(earlier[0], works=[dict(earlier[0]["works"][0], workTitle="SYMPHONY NO. 41")])]
    first = _write(tmp_path / "a.json", earlier)
    second = _write(tmp_path / "b.json", later)
    guid = earlier[0]["id"]
    summary = import_nyphil([first, second])
    programme = Citation.objects.get(record_id=guid).object_id
    titles = ProgrammeItem.objects.filter(programme_id=programme).values_list(
        "work__title", flat=True
    )
    assert list(titles) == ["Symphony No. 41"], "the later file's version, once"
    assert summary.added["programmes"] == 3
    assert any(f"Program {guid} is in a.json and b.json" in line for line in summary.lines())
    assert Citation.objects.filter(record_id=guid).count() == 1


def test_strict_stops_at_a_problem_in_a_later_file_with_nothing_written(tmp_path):
    good = _write(tmp_path / "a.json", _programs(STERN))
    programs = _programs(QUIRKS)
    programs[1]["season"] = "autumn"
    bad = _write(tmp_path / "b.json", programs)
    before = row_counts()
    with pytest.raises(ImportFailed, match=r"b\.json: program .*: season: expected a season"):
        import_nyphil([good, bad], strict=True)
    assert row_counts() == before
    assert Event.objects.count() == 0
