"""The reader: one bad value is a problem of its record, named, never a crash or a cut."""

from __future__ import annotations

import pytest

from cadenza.events.models import Credit, ProgrammeItem
from cadenza.ingest.models import Citation
from cadenza.ingest.nyphil.importer import ImportFailed, import_nyphil
from cadenza.ingest.nyphil.reader import FileError, read_file
from cadenza.people.models import Agent
from cadenza.places.models import Place
from tests.ingest.nyphil.helpers import archive_file, release_program, work_entry


@pytest.mark.parametrize(
    ("works", "field", "expected"),
    [
        ([work_entry(composerName="X" * 301)], "works[0].composerName", "at most 195 characters"),
        (
            [work_entry(conductorName="Y, " * 100)],
            "works[0].conductorName",
            "at most 195 characters",
        ),
        (
            [work_entry(soloists=[{"soloistName": "Z" * 400, "soloistInstrument": "Violin"}])],
            "works[0].soloists[0].soloistName",
            "at most 195 characters",
        ),
        ([work_entry(workTitle="T" * 401)], "works[0].workTitle and movement", "at most 400"),
        ([{"ID": "2956*", "movement": "Overture", "workTitle": "X"}], "works[0].ID", "2956*2"),
    ],
)
def test_a_bad_entry_is_named_and_left_out_alone(tmp_path, works, field, expected):
    good = work_entry(ID="102*", workTitle="CONCERTO, VIOLIN")
    path = archive_file(tmp_path / "bad.json", release_program("g-1", works=[*works, good]))
    [(program, problems)] = list(read_file(path))
    assert program is not None
    assert [e.work_id for e in program.entries] == ["102*"]
    [problem] = problems
    assert (problem.file, problem.guid, problem.field) == ("bad.json", "g-1", field)
    assert expected in problem.expected
    assert problem.skipped == "entry"


def test_a_venue_of_3000_characters_leaves_out_its_concert_and_names_it(tmp_path):
    concert = dict(release_program("g")["concerts"][0], Venue="V" * 3000)
    path = archive_file(
        tmp_path / "venue.json", release_program("g-2", concerts=[concert, concert])
    )
    [(program, problems)] = list(read_file(path))
    assert program is None  # no readable concert left: the programme goes
    assert problems[0].field == "concerts[0].Venue"
    assert "at most 194 characters" in problems[0].expected
    assert problems[0].found.startswith("3000 characters, 'VVV")


@pytest.mark.django_db
def test_an_import_with_bad_values_imports_the_rest_and_strict_stops_naming_it(tmp_path):
    long_name = work_entry(ID="103*", composerName="N" * 320)
    path = archive_file(
        tmp_path / "mixed.json", release_program("g-3", works=[long_name, work_entry()])
    )
    with pytest.raises(ImportFailed, match=r"mixed.json: program g-3: works\[0\].composerName"):
        import_nyphil([path], strict=True)
    assert not ProgrammeItem.objects.exists()
    summary = import_nyphil([path])
    assert [p.field for p in summary.problems] == ["works[0].composerName"]
    assert ProgrammeItem.objects.get().source_ref == "101*"
    # Nothing was cut to fit: no name of the record is a prefix of the long one.
    assert not Agent.objects.filter(name__startswith="NNNN").exists()
    assert max(len(p.name) for p in Place.objects.all()) < 100


def test_control_characters_in_names_become_spaces(tmp_path):
    entry = work_entry(
        composerName="Beethoven,\x00 Ludwig\tvan", conductorName="Mahler,\x1b Gustav"
    )
    path = archive_file(tmp_path / "control.json", release_program("g-4", works=[entry]))
    [(program, problems)] = list(read_file(path))
    assert program is not None and not problems
    assert program.entries[0].composer == "Beethoven,  Ludwig van"
    assert program.entries[0].conductors == "Mahler,  Gustav"


def test_a_file_that_is_not_utf8_names_the_byte_and_its_line(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"programs": [\n{"id": "caf\xe9"}]}')
    with pytest.raises(FileError, match=r"latin1.json: not UTF-8 text: byte 26 \(line 2\)"):
        list(read_file(path))


@pytest.mark.django_db
def test_a_file_with_a_refused_programme_is_read_again_next_time(tmp_path):
    path = archive_file(tmp_path / "refused.json", release_program("g-5", season="someday"))
    first = import_nyphil([path])
    assert [p.field for p in first.problems] == ["season"]
    again = import_nyphil([path])
    assert again.files_unchanged == 0, "not recorded as imported"
    assert [p.field for p in again.problems] == ["season"]
    assert not Citation.objects.filter(record_id="file:refused.json").exists()
    assert not Credit.objects.exists()
