"""The pieces of a title as archives write them: capitals and catalogue numbers."""

import pytest

from cadenza.repertoire.title_parts import (
    catalogue_numbers,
    catalogues_spelled,
    in_capitals,
    recase,
    recased,
)


@pytest.mark.parametrize(
    ("raw", "title", "numbers"),
    [
        ("SYMPHONY NO. 5, C MINOR, OP. 67", "Symphony No. 5, C minor, Op. 67", [("Op.", "67")]),
        ("SUITE NO. 3, D MAJOR, BWV 1068", "Suite No. 3, D major, BWV 1068", [("BWV", "1068")]),
        (
            "CONCERTO, PIANO, NO. 17, G MAJOR, K. 453",
            "Concerto, Piano, No. 17, G major, K. 453",
            [("K.", "453")],
        ),
        (
            "QUARTET, STRINGS, OP. 18, NO. 4",
            "Quartet, Strings, Op. 18, No. 4",
            [("Op.", "18 No. 4")],
        ),
        (
            "SYMPHONY NO. 94, G MAJOR, HOB. I:94 (SURPRISE)",
            "Symphony No. 94, G major, Hob. I:94 (Surprise)",
            [("Hob.", "I:94")],
        ),
        ("SYMPHONY NO. 7, A MAJOR, OP.92", "Symphony No. 7, A major, Op.92", [("Op.", "92")]),
        ("CONCERTO, VIOLIN, B-FLAT MAJOR", "Concerto, Violin, B-flat major", []),
        ("A LIFE FOR THE TSAR", "A Life for the Tsar", []),
        ("IPHIGENIE IN AULIS", "Iphigenie in Aulis", []),
        ("Overture To Tannhäuser", "Overture To Tannhäuser", []),
    ],
)
def test_titles_in_capitals_are_recased_and_catalogue_numbers_read(raw, title, numbers):
    assert recased(raw) == title
    assert catalogue_numbers(raw) == numbers


@pytest.mark.parametrize(
    ("raw", "title", "numbers"),
    [
        ("MEISTERSINGER, DIE, WWV 96", "Meistersinger, die, WWV 96", [("WWV", "96")]),
        (
            "WELL TEMPERED CLAVIER, THE: NO. 5 (ARR. Mitchell)",
            "Well Tempered Clavier, the: No. 5 (Arr. Mitchell)",
            [],
        ),
    ],
)
def test_capitals_beside_a_cased_bracket_are_recased_when_shown(raw, title, numbers):
    # The archive writes the arranger's name in its own case: the rest is still capitals,
    # re-cased when shown (the importer leaves such a title as it is, for its speed).
    assert in_capitals(raw)
    assert recase(raw) == title
    assert catalogue_numbers(raw) == numbers


@pytest.mark.parametrize(
    ("written", "spelled"),
    [
        # the findings: a number printed twice, a catalogue in the wrong case
        (
            "Concerto, Violin, No. 2, D minor, Op.22, Op. 22",
            "Concerto, Violin, No. 2, D minor, Op. 22",
        ),
        ("Meistersinger, die, Wwv 96", "Meistersinger, die, WWV 96"),
        ("Rheingold, das Wwv 86A", "Rheingold, das, WWV 86A"),
        ("Concerto, Violin, D minor, Op .47", "Concerto, Violin, D minor, Op. 47"),
        ("German Dances (4), K.602", "German Dances (4), K. 602"),
        ("Sonata, bwv1001", "Sonata, BWV 1001"),
        ("Symphony No. 94, Hob.I:94", "Symphony No. 94, Hob. I:94"),
        ("Concerto Grosso, Op. 6, No. 10", "Concerto Grosso, Op. 6 No. 10"),
        ("Trio, D.929", "Trio, D. 929"),
        # not catalogue numbers: a key, a word ending in 'op', a name's initial
        ("Symphony, D major", "Symphony, D major"),
        ("Stop 5", "Stop 5"),
        ("Air by J. S. Bach", "Air by J. S. Bach"),
    ],
)
def test_catalogue_numbers_are_spelled_as_catalogues_write_them_once(written, spelled):
    assert catalogues_spelled(written) == spelled
