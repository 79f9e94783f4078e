"""A newer release rewrites a changed programme only where it changed: items, their credits
and movements, and the orchestra's credits on concerts, that say what they said keep their
rows (ids and all, and what users attached to them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.ingest.models import Citation
from cadenza.ingest.nyphil.importer import import_nyphil
from tests.ingest.nyphil.helpers import archive_file, content, content_of, release_program

pytestmark = pytest.mark.django_db

FIRST, SECOND = "rewrite-first-0.1", "rewrite-second-0.1"


def _program(guid: str, *, time: str = "8:30PM", soloist: str = "Stern, Isaac", **changes):
    """A programme of one concert: a concerto with a soloist, an intermission, a movement."""
    concert = {
        "eventType": "Subscription Season",
        "Location": "Manhattan, NY",
        "Venue": "Carnegie Hall",
        "Date": "1961-11-02T05:00:00Z",
        "Time": time,
    }
    works = [
        {
            "ID": "102*",
            "composerName": "Tchaikovsky,  Pyotr  Ilyich",
            "workTitle": "CONCERTO, VIOLIN, D MAJOR, OP. 35",
            "conductorName": "Bernstein, Leonard",
            "soloists": [
                {"soloistName": soloist, "soloistInstrument": "Violin", "soloistRoles": "S"}
            ],
        },
        {"ID": "0*", "interval": "Intermission", "soloists": []},
        {
            "ID": "101*3",
            "composerName": "Beethoven,  Ludwig  van",
            "workTitle": "SYMPHONY NO. 5, C MINOR, OP. 67",
            "movement": "Allegro",
            "conductorName": "Bernstein, Leonard",
            "soloists": [],
        },
    ]
    return release_program(guid, concerts=[concert], works=works, **changes)


def _release(path: Path, *programs: dict) -> Path:
    return archive_file(path, *programs)


def _programme(guid: str) -> int:
    return Citation.objects.get(record_id=guid).object_id


def _ids(guid: str) -> dict[str, set[int]]:
    """The ids of what the archive wrote into a programme."""
    programme = _programme(guid)
    items = ProgrammeItem.objects.filter(programme_id=programme).exclude(source_ref="")
    return {
        "items": set(items.values_list("pk", flat=True)),
        "item credits": set(Credit.objects.filter(item__in=items).values_list("pk", flat=True)),
        "movements": set(
            ProgrammeItem.movements.through.objects.filter(programmeitem__in=items).values_list(
                "pk", flat=True
            )
        ),
        "event credits": set(
            Credit.objects.filter(event__programme_id=programme)
            .exclude(source_ref="")
            .values_list("pk", flat=True)
        ),
    }


def _programmes(found: dict[str, list] | None = None) -> dict[str, list]:
    """The events tables' content (programmes, items, credits, movements, events): a
    fresh import of the newer release has no agent the older one alone named."""
    return {k: v for k, v in (found or content()).items() if k.startswith("events.")}


def test_a_concert_time_changed_keeps_the_items_credits_and_movements(tmp_path):
    import_nyphil([_release(tmp_path / "a.json", _program(FIRST), _program(SECOND))])
    before = _ids(FIRST)
    assert all(before.values())
    newer = _release(tmp_path / "b.json", _program(FIRST, time="8:00PM"), _program(SECOND))
    summary = import_nyphil([newer])
    assert (summary.updated["programmes"], summary.unchanged["programmes"]) == (1, 1)
    assert summary.updated["concerts"] == 1
    assert _ids(FIRST) == before
    evening = Event.objects.get(programme_id=_programme(FIRST))
    assert (evening.starts_at.hour, evening.starts_at.minute) == (1, 0)  # 8:00PM EST in UTC


def test_a_soloist_changed_rewrites_that_programme_and_leaves_the_other_alone(tmp_path):
    import_nyphil([_release(tmp_path / "a.json", _program(FIRST), _program(SECOND))])
    first, second = _ids(FIRST), _ids(SECOND)
    newer = _release(
        tmp_path / "b.json",
        _program(FIRST, soloist="Hahn, Hilary"),
        _program(SECOND, time="8:00PM"),
    )
    summary = import_nyphil([newer])
    assert summary.updated["programmes"] == 2
    now = _ids(FIRST)
    assert not now["items"] & first["items"]  # written anew
    assert not now["item credits"] & first["item credits"]
    assert now["event credits"] == first["event credits"]  # the same orchestra
    assert _ids(SECOND) == second
    soloists = Credit.objects.filter(item__programme_id=_programme(FIRST), role="soloist")
    assert [c.agent.name for c in soloists] == ["Hilary Hahn"]
    assert _programmes() == _programmes(content_of([newer]))


def test_an_item_removed_or_added_rewrites_the_programme_as_a_fresh_import_would(tmp_path):
    import_nyphil([_release(tmp_path / "a.json", _program(FIRST), _program(SECOND))])
    second = _ids(SECOND)
    fewer, more = _program(FIRST), _program(SECOND)
    del fewer["works"][1]
    more["works"].append(dict(more["works"][0], ID="103*", workTitle="ROMANCE NO. 1"))
    newer = _release(tmp_path / "b.json", fewer, more)
    import_nyphil([newer])
    assert not _ids(SECOND)["items"] & second["items"]
    assert _programmes() == _programmes(content_of([newer]))


def test_another_orchestra_replaces_the_concerts_credit_and_keeps_the_items(tmp_path):
    import_nyphil([_release(tmp_path / "a.json", _program(FIRST))])
    before = _ids(FIRST)
    newer = _program(FIRST, orchestra="Symphony Society of New York")
    import_nyphil([_release(tmp_path / "b.json", newer)])
    now = _ids(FIRST)
    assert {k: v for k, v in now.items() if k != "event credits"} == {
        k: v for k, v in before.items() if k != "event credits"
    }
    assert not now["event credits"] & before["event credits"]
    credit = Credit.objects.get(event__programme_id=_programme(FIRST))
    assert credit.credited_as == "Symphony Society of New York"


def test_rows_users_added_stay_whether_the_works_changed_or_not(tmp_path):
    import_nyphil([_release(tmp_path / "a.json", _program(FIRST), _program(SECOND))])
    added = {}
    for guid in (FIRST, SECOND):
        programme = _programme(guid)
        added[guid] = (
            ProgrammeItem.objects.create(
                programme_id=programme, position=9, title_as_printed="Encore (not printed)"
            ),
            Credit.objects.create(
                event=Event.objects.get(programme_id=programme),
                credited_as="Page turner",
                role="performer",
            ),
        )
    concerto = ProgrammeItem.objects.get(programme_id=_programme(SECOND), position=1)
    mine = Credit.objects.create(item=concerto, credited_as="Cadenza by Kreisler", role="performer")
    newer = _release(
        tmp_path / "b.json",
        _program(FIRST, soloist="Hahn, Hilary"),  # works changed: rewritten
        _program(SECOND, time="8:00PM"),  # works the same: kept
    )
    import_nyphil([newer])
    for item, credit in added.values():
        assert ProgrammeItem.objects.filter(pk=item.pk).exists()
        assert Credit.objects.filter(pk=credit.pk).exists()
    assert Credit.objects.filter(pk=mine.pk, item=concerto).exists()
