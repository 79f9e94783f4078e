import pytest

from cadenza.ingest.nyphil.titles import UnknownMarkup, markup_text


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
