"""Names and titles worked out where the files are read: the same answers the resolvers
would work out."""

from __future__ import annotations

from cadenza.ingest.nyphil.foresight import Foresight, Spellings, worked_out
from cadenza.ingest.nyphil.names import parse_names
from cadenza.ingest.nyphil.reader import read_file
from cadenza.ingest.nyphil.titles import catalogue_numbers, display_title
from tests.ingest.nyphil_helpers import QUIRKS


def _checked():
    return [p for p, _ in read_file(QUIRKS) if p is not None]


def test_every_spelling_the_resolvers_look_up_is_answered_as_they_would_read_it():
    checked = _checked()
    spellings, foresight = Spellings(), Foresight()
    for part in (checked[:2], checked[2:]):  # as the reading process sends them: by file
        foresight.learn(worked_out(spellings.new_in(part)))
    entries = [e for p in checked for e in p.entries if not e.interval]
    names = {(e.composer, "") for e in entries} | {
        (s.name, s.instrument) for e in entries for s in e.soloists
    }
    names |= {(c.strip(), "") for e in entries for c in e.conductors.split(";") if c.strip()}
    names |= {(p.orchestra, "") for p in checked if p.orchestra}
    titles = {e.title for e in entries} | {e.movement for e in entries if e.movement}
    assert set(foresight.names) == names - {("", "")}
    assert set(foresight.titles) == titles
    for raw, instrument in names:
        answered, parsed = foresight.name(raw, instrument), parse_names(raw, instrument=instrument)
        assert answered == parsed
        assert [a.key for a in answered.agents] == [a.key for a in parsed.agents]
    for title in titles:
        assert foresight.title(title) == (display_title(title), catalogue_numbers(title))


def test_each_spelling_is_sent_once():
    checked = _checked()
    spellings = Spellings()
    sent_first, sent_second = spellings.new_in(checked[:2]), spellings.new_in(checked)
    assert spellings.new_in(checked) == ([], []), "nothing new the third time"
    assert not set(sent_first[0]) & set(sent_second[0])
    assert not set(sent_first[1]) & set(sent_second[1])
    assert sent_second[0], "the later programmes bring names of their own"


def test_a_spelling_without_an_answer_is_worked_out_where_it_is_asked():
    foresight = Foresight()
    assert foresight.name("Beethoven,  Ludwig  van", "") == parse_names("Beethoven,  Ludwig  van")
    title = "SYMPHONY NO. 5, C MINOR, OP. 67"
    assert foresight.title(title) == (display_title(title), catalogue_numbers(title))


def test_each_files_answers_hold_only_the_spellings_new_in_it():
    checked = _checked()
    spellings = Spellings()
    first, second = Foresight(), Foresight()
    first.learn(worked_out(spellings.new_in(checked[:2])))
    second.learn(worked_out(spellings.new_in(checked[2:])))
    assert first.names and second.names
    assert not first.names.keys() & second.names.keys()
