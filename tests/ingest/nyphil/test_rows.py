"""Rows of programmes: a newer release rewrites what the archive wrote, in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import transaction

from cadenza.events.models import Credit, Event, Programme
from cadenza.ingest.models import Citation
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.press.services import review_add
from tests.factories import AgentFactory
from tests.ingest.nyphil.helpers import QUIRKS, content, snapshot

pytestmark = pytest.mark.django_db


def _programs() -> list[dict]:
    return json.loads(QUIRKS.read_text())["programs"]


def _write(path: Path, programs: list[dict]) -> Path:
    path.write_text(json.dumps({"programs": programs}))
    return path


def test_a_newer_release_updates_changed_programmes_and_keeps_what_users_added(tmp_path):
    import_nyphil([QUIRKS])
    first = Citation.objects.get(record_id=_programs()[0]["id"]).object_id
    evening = Event.objects.get(programme_id=first, source_ref="concert 1")
    review = review_add(
        subjects=[AgentFactory(name="Isaac Stern")],
        event=evening,
        publication="The Times",
        quotes=["Luminous."],
    )
    mine = Credit.objects.create(event=evening, credited_as="Page turner", role="performer")
    others_before = {
        k: v for k, v in snapshot().items() if k not in {"events.Event", "events.Credit"}
    }
    programs = _programs()
    programs[0]["concerts"][0]["Time"] = "8:00PM"
    del programs[0]["concerts"][1]
    programs[0]["works"][2]["soloists"][0]["soloistName"] = "Perlman, Itzhak"
    summary = import_nyphil([_write(tmp_path / "newer.json", programs)])
    assert (summary.updated["programmes"], summary.unchanged["programmes"]) == (1, 5)
    assert summary.updated["concerts"] == 1
    assert any("concert 2 is no longer in the archive" in note for note in summary.notes)
    evening.refresh_from_db()
    assert evening.starts_at.hour == 1 and evening.starts_at.minute == 0  # 8:00PM EST in UTC
    assert list(evening.reviews.all()) == [review]
    assert Credit.objects.filter(pk=mine.pk).exists()
    soloists = Credit.objects.filter(item__programme_id=first, role="soloist")
    assert [c.agent.name for c in soloists] == ["Itzhak Perlman"]
    assert Event.objects.filter(programme_id=first).count() == 1
    after = {k: v for k, v in snapshot().items() if k not in {"events.Event", "events.Credit"}}
    changed_tables = {k for k in after if after[k] != others_before[k]}
    assert changed_tables <= {
        "events.ProgrammeItem",
        "events.ProgrammeItem_movements",
        "people.Agent",
        "ingest.Citation",
        "events.Programme",
        "people.AgentInstrument",  # derived from the credits: Perlman now plays here
    }


def _newer(tmp_path: Path, every: bool) -> Path:
    """The quirks fixture as a newer release: a concert moved to another hour, another
    conductor, a soloist added; in every programme, or in the first only."""
    programs = _programs()
    for program in programs if every else programs[:1]:
        program["concerts"][0]["Time"] = "7:45PM"
        entry = next(e for e in program["works"] if "interval" not in e)
        entry["conductorName"] = "Mitropoulos, Dimitri"
        entry["soloists"] = [
            *entry.get("soloists", []),
            {"soloistName": "Hahn, Hilary", "soloistInstrument": "Violin", "soloistRoles": "S"},
        ]
    return _write(tmp_path / "newer.json", programs)


@pytest.mark.parametrize("every", [False, True])  # a few programmes, or a bulk rewrite
def test_a_rewrite_gives_the_record_a_fresh_import_of_the_newer_release_gives(tmp_path, every):
    newer = _newer(tmp_path, every)
    with transaction.atomic():
        import_nyphil([newer])
        fresh = content()
        transaction.set_rollback(True)
    import_nyphil([QUIRKS])
    summary = import_nyphil([newer])
    assert summary.updated["programmes"] == (len(_programs()) if every else 1)
    rewritten = content()
    # Only the rewrite's record of files differs: it imported quirks.json too.
    rewritten["ingest.Citation"] = [
        r for r in rewritten["ingest.Citation"] if "quirks" not in repr(r)
    ]
    assert rewritten == fresh


def test_a_programme_deleted_since_stays_deleted_when_the_archive_changes_it(tmp_path):
    import_nyphil([QUIRKS])
    first = Citation.objects.get(record_id=_programs()[0]["id"]).object_id
    Event.objects.filter(programme_id=first).delete()
    Programme.objects.filter(pk=first).delete()
    summary = import_nyphil([_newer(tmp_path, every=True)])
    assert summary.skipped["programmes deleted from the record since imported"] == 1
    assert summary.updated["programmes"] == len(_programs()) - 1
    assert not Programme.objects.filter(pk=first).exists()


def test_a_concert_added_before_the_others_leaves_their_events_and_reviews_alone(tmp_path):
    import_nyphil([QUIRKS])
    programs = _programs()
    first = Citation.objects.get(record_id=programs[0]["id"]).object_id
    evening = Event.objects.get(programme_id=first, source_ref="concert 1")
    day = (evening.date_year, evening.date_month, evening.date_day)
    review = review_add(subjects=[AgentFactory()], event=evening, quotes=["Luminous."])
    earlier = dict(programs[0]["concerts"][0], Date="1961-11-01T05:00:00Z")
    programs[0]["concerts"] = [earlier, *programs[0]["concerts"]]
    import_nyphil([_write(tmp_path / "newer.json", programs)])
    evening.refresh_from_db()
    assert (evening.date_year, evening.date_month, evening.date_day) == day
    assert evening.source_ref == "concert 2"
    review.refresh_from_db()
    assert review.event == evening
    added = Event.objects.get(programme_id=first, source_ref="concert 1")
    assert (added.date_month, added.date_day) == (11, 1)
