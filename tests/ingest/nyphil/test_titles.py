import pytest

from cadenza.ingest.nyphil.titles import (
    UnknownMarkup,
    catalogue_numbers,
    display_title,
    markup_text,
)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ({"_": "Overture To", "em": "Tannhäuser"}, "Overture To Tannhäuser"),
        ({"em": "The Swan of Tuonela"}, "The Swan of Tuonela"),
        ({"em": ["Romance", "in Blue"]}, "Romance in Blue"),
        (
            {"_": "(name of Chippewa dance)", "em": "The Maiden Dance"},
            "The Maiden Dance (name of Chippewa dance)",
        ),
        ("  Air  ", "Air"),
        (None, ""),
    ],
)
def test_markup_leftovers_become_text(raw, text):
    assert markup_text(raw) == text


def test_unknown_markup_is_reported_not_guessed():
    with pytest.raises(UnknownMarkup, match=r"keys \['_', 'sup'\]"):
        markup_text({"_": "E = mc", "sup": "2"})
    with pytest.raises(UnknownMarkup, match="a int"):
        markup_text(42)


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
    assert display_title(raw) == title
    assert catalogue_numbers(raw) == numbers
