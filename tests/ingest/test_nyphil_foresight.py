"""Names and titles read ahead by the parent: the same answers the child would work out."""

from __future__ import annotations

import json

from cadenza.ingest.nyphil.foresight import Foresight, read_ahead, spellings
from cadenza.ingest.nyphil.names import parse_names
from cadenza.ingest.nyphil.reader import read_file
from cadenza.ingest.nyphil.titles import catalogue_numbers, display_title
from tests.ingest.nyphil_helpers import QUIRKS


def test_every_spelling_the_reader_gives_is_read_ahead_with_the_same_answer():
    foresight = Foresight.decoded(read_ahead([QUIRKS]))
    checked = [p for p, _ in read_file(QUIRKS) if p is not None]
    entries = [e for p in checked for e in p.entries if not e.interval]
    names = {(e.composer, "") for e in entries} | {
        (s.name, s.instrument) for e in entries for s in e.soloists
    }
    names |= {(c.strip(), "") for e in entries for c in e.conductors.split(";") if c.strip()}
    titles = {e.title for e in entries} | {e.movement for e in entries if e.movement}
    assert names - {("", "")} <= set(foresight.names)
    assert titles <= set(foresight.titles)
    for raw, instrument in names:
        assert foresight.name(raw, instrument) == parse_names(raw, instrument=instrument)
    for title in titles:
        assert foresight.title(title) == (display_title(title), catalogue_numbers(title))


def test_a_file_it_cannot_read_is_left_to_the_child(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"programs": [')
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"programs": ["not a program", {"works": "nor works"}]}))
    assert spellings([broken, odd]) == (set(), set())
    assert Foresight.decoded(read_ahead([broken])).names == {}
