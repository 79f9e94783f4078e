"""A biography imported again adds nothing, whatever kinds of fact it states: the same
text, or the same text saved again (a new source, whose citations are its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadenza.ingest.biography.importer import biography_import
from cadenza.ingest.biography.reading import BiographyError
from tests.ingest.nyphil.helpers import row_counts

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
TEXTS = sorted(
    [*ROOT.glob("examples/bios/*.txt"), *ROOT.glob("benchmarks/bio_*/*.txt")],
    key=lambda p: (p.parent.name, p.name),
)
# A second copy of a text is a second source, cited anew: only those rows may grow.
PROVENANCE = {"ingest.Source", "ingest.Citation"}


def _facts(counts: dict[str, int]) -> dict[str, int]:
    return {label: n for label, n in counts.items() if label not in PROVENANCE}


def test_every_biography_text_is_found():
    assert len(TEXTS) > 60


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_biography_imported_twice_adds_no_fact(path: Path):
    text = path.read_text()
    try:
        biography_import(text=text)
    except BiographyError:
        pytest.skip("not read as a biography")
    once = row_counts()
    biography_import(text=text)
    assert row_counts() == once
    biography_import(text=text + "\n")  # saved again: another file, the same facts
    grown = {k: (once[k], n) for k, n in _facts(row_counts()).items() if n != once[k]}
    assert grown == {}


def _milestone_texts() -> list[tuple[str, str, str]]:
    from cadenza.people.models import Milestone

    return sorted(Milestone.objects.values_list("agent__name", "kind", "text"))


@pytest.mark.parametrize("name", ["alessio-kalmurzaev.txt", "alessio-leonardo-inzaghi.txt"])
def test_a_founding_biography_imported_onto_the_demo_adds_nothing_twice(name: str):
    """The demo loader records the founding musicians by hand; their biography imported
    onto it finds every fact the demo holds (events told as several, the concert, its
    rehearsals, its review, schools, prizes, milestones told in other words, the document
    itself) and adds only what the demo does not tell."""
    from cadenza.folding import told_alike
    from cadenza.ingest.demo import load_demo

    load_demo()
    before, milestones = row_counts(), _milestone_texts()
    biography_import(text=(ROOT / "examples" / "bios" / name).read_text())
    after = row_counts()
    grown = {label for label in after if after[label] != before[label]}
    assert grown <= {"ingest.Citation", "people.Milestone"}, grown
    added = [m for m in _milestone_texts() if m not in milestones]
    for who, kind, text in added:  # new facts, none a second telling of one held
        same_kind = [t for w, k, t in milestones if (w, k) == (who, kind)]
        assert not any(told_alike(text, held) for held in same_kind), text
    assert len(added) <= 2, added
    biography_import(text=(ROOT / "examples" / "bios" / name).read_text())
    assert row_counts() == after  # and again: nothing
