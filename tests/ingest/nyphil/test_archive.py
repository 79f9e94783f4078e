"""The whole release in ../shared/data/nyphil, when it is there (it is never committed)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from cadenza.events.models import Event, ProgrammeItem
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.places.models import Place
from tests.ingest.nyphil.helpers import SHARED_NYPHIL, row_counts

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SHARED_NYPHIL.is_dir(), reason=f"the archive is not at {SHARED_NYPHIL}"),
]

# Every reason the release gives us to leave something out; anything else is unexplained.
EXPLAINED = (
    "soloist role '' (credited as performer)",
    "soloist 'No Soloist': says there was no soloist",
    "soloist '': is blank",
    "conductor 'Not conducted': says the work was not conducted",
    "concert times at places with no known time zone (date kept)",
    "concerts with no orchestra named ('None')",
)


def _raw_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted(SHARED_NYPHIL.glob("*.json")):
        for program in json.loads(path.read_text())["programs"]:
            counts["programmes"] += 1
            for concert in program["concerts"]:
                counts["concerts"] += 1
                if (concert["Venue"], concert["Location"]) == ("Carnegie Hall", "Manhattan, NY"):
                    counts["carnegie"] += 1
            counts["entries"] += len(program["works"])
    return counts


def test_the_whole_archive_imports_with_every_skip_explained_and_again_changes_nothing():
    expected = _raw_counts()
    summary = import_nyphil([SHARED_NYPHIL])
    assert summary.added["programmes"] == expected["programmes"]
    assert summary.added["concerts"] == expected["concerts"]
    assert set(summary.skipped) <= set(EXPLAINED), set(summary.skipped) - set(EXPLAINED)
    # The one record the README does not describe: an entry with the ID '*' and nothing else.
    assert [(p.field, p.skipped) for p in summary.problems] == [("works[6]", "entry")]
    assert ProgrammeItem.objects.count() == expected["entries"] - len(summary.problems)
    carnegie = Place.objects.get(name="Carnegie Hall", parent__name="New York City")
    assert Event.objects.filter(venue=carnegie).count() == expected["carnegie"]
    geffen = Place.objects.get(name="David Geffen Hall")
    assert geffen.names.count() == 3
    assert not Place.objects.filter(name="Avery Fisher Hall").exists()

    before = row_counts()
    again = import_nyphil([SHARED_NYPHIL])
    assert not again.changed_anything
    assert again.unchanged["programmes"] == expected["programmes"]
    assert row_counts() == before
