"""Reading biographies: the documented shape, evidence spans, cue phrases, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cadenza.ingest.biography.reading import LISTS, BiographyError, read_biography

BIOS = Path(__file__).resolve().parents[3] / "examples" / "bios"
KALMURZAEV = (BIOS / "alessio-kalmurzaev.txt").read_text()
INZAGHI = (BIOS / "alessio-leonardo-inzaghi.txt").read_text()

SAMPLE = (
    "Marta Kowalska is a Polish cellist. A native of Gdańsk, she was born in 1990. She "
    "studied at the Royal Academy of Music under the tutelage of Steven Isserlis. In 2015 she "
    "took first prize at the Lutosławski International Cello Competition. She has been "
    "principal cello of the Sinfonia Varsovia since 2018 and has appeared with the Warsaw "
    "Philharmonic and the Hallé Orchestra under Antoni Wit. She has played at Wigmore Hall in "
    "London and at the Chopin and his Europe Festival. Her recording of Dvořák's Cello "
    'Concerto, Op. 104, for Chandos (2021) was praised: "Tone of gold," wrote Ann Smith in '
    "Gramophone."
)


def values(facts: dict, kind: str, key: str) -> list:
    return [fact[key] for fact in facts[kind]]


def test_the_shape_is_complete_and_every_fact_carries_its_evidence():
    facts = read_biography(SAMPLE)
    assert set(facts) == {"person", *LISTS, "retired_or_died"}
    assert set(facts["person"]) == {"name", "instruments", "birth_place", "birth_year"}
    orders = []
    for kind in LISTS:
        for fact in facts[kind]:
            span = fact["evidence"]
            assert 0 <= span["start"] < span["end"] <= len(SAMPLE)
            assert 0 < fact["confidence"] <= 1
            orders.append(fact["order"])
    assert sorted(orders) == list(range(1, len(orders) + 1))
    json.dumps(facts)  # the --json output is plain JSON


def test_cue_phrases_become_facts():
    facts = read_biography(SAMPLE)
    assert facts["person"] == {
        "name": "Marta Kowalska",
        "instruments": ["cello"],
        "birth_place": "Gdańsk",
        "birth_year": 1990,
    }
    assert values(facts, "studied_at", "institution") == ["Royal Academy of Music"]
    assert values(facts, "teachers", "name") == ["Steven Isserlis"]
    (award,) = facts["awards"]
    assert (award["competition"], award["prize"], award["year"]) == (
        "Lutosławski International Cello Competition",
        "first prize",
        2015,
    )
    (position,) = facts["positions"]
    assert (position["ensemble"], position["role"], position["start"]) == (
        "Sinfonia Varsovia",
        "principal cello",
        2018,
    )
    assert values(facts, "ensembles", "name") == ["Warsaw Philharmonic", "Hallé Orchestra"]
    assert values(facts, "conductors", "name") == ["Antoni Wit"]
    assert values(facts, "venues", "name") == ["Wigmore Hall"]
    assert facts["venues"][0]["city"] == "London"
    assert values(facts, "works", "catalogue") == ["Op. 104"]
    assert facts["recordings"][0]["label"] == "Chandos"
    assert facts["recordings"][0]["year"] == 2021
    (review,) = facts["reviews"]
    assert (review["quote"], review["critic"], review["publication"]) == (
        "Tone of gold,",
        "Ann Smith",
        "Gramophone",
    )
    assert facts["retired_or_died"] is None


def test_evidence_points_at_the_words_of_the_fact():
    facts = read_biography(SAMPLE)
    for kind, key in (("studied_at", "institution"), ("teachers", "name"), ("venues", "name")):
        for fact in facts[kind]:
            span = fact["evidence"]
            assert fact[key] in SAMPLE[span["start"] : span["end"]]


def test_the_founding_biographies_every_fact_and_their_vagueness():
    kalmurzaev = read_biography(KALMURZAEV)
    assert kalmurzaev["person"]["name"] == "Alessio Kalmurzaev"
    assert kalmurzaev["person"]["instruments"] == ["violin"]
    assert kalmurzaev["person"]["birth_place"] == "Moscow"
    assert values(kalmurzaev, "studied_at", "institution") == ["Tchaikovsky Conservatory"]
    assert values(kalmurzaev, "awards", "competition") == ["several local competitions"]
    assert values(kalmurzaev, "ensembles", "name") == ["various orchestras throughout Russia"]
    assert values(kalmurzaev, "conductors", "name") == ["renowned conductors"]
    assert values(kalmurzaev, "venues", "name") == ["Carnegie Hall"]
    assert values(kalmurzaev, "festivals", "name") == ["festivals in Europe and Asia"]
    assert kalmurzaev["retired_or_died"]["kind"] == "retired"
    inzaghi = read_biography(INZAGHI)
    assert inzaghi["person"]["instruments"] == ["cello"]
    assert values(inzaghi, "works", "title") == ["Cello Suite No. 1"]
    assert values(inzaghi, "works", "composer") == ["Bach"]
    assert values(inzaghi, "venues", "name") == ["Carnegie Hall"]
    quotes = values(inzaghi, "reviews", "quote")
    assert any("nothing short of breathtaking" in quote for quote in quotes)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("\x00\x01\x02 binary", "binary"),
        (
            "Der Geiger wurde in Wien geboren und studierte an der Hochschule für Musik bei "
            "Professor Schmidt und spielte im Orchester.",
            "English",
        ),
        (
            "Nato a Milano nel 1970, ha studiato violino al Conservatorio con il maestro Rossi "
            "e ha suonato in molte orchestre in Italia e in Francia.",
            "English",
        ),
        (
            "Né à Lyon en 1975, il a étudié le piano au Conservatoire de Paris et a joué avec "
            "de nombreux orchestres en Europe.",
            "English",
        ),
        (
            "The bridge was built in 1890 by the city of Leeds. It has three arches and was "
            "painted green in 1950, when the road was widened for the trams.",
            "no musician",
        ),
    ],
)
def test_bad_input_is_refused_with_the_reason(text: str, reason: str):
    with pytest.raises(BiographyError, match=reason):
        read_biography(text)


def test_the_command_prints_json_or_a_listing_and_names_bad_files(tmp_path, capsys):
    bio = tmp_path / "bio.txt"
    bio.write_text(SAMPLE)
    call_command("bio_read", str(bio), "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["person"]["name"] == "Marta Kowalska"
    call_command("bio_read", str(bio))
    listing = capsys.readouterr().out
    assert "Marta Kowalska: cello" in listing
    assert "«Royal Academy of Music»" in listing
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Dvořák".encode("utf-16"))
    with pytest.raises(CommandError, match=r"latin1.txt: not UTF-8 text"):
        call_command("bio_read", str(latin1))
    with pytest.raises(CommandError, match=r"missing.txt: cannot be read"):
        call_command("bio_read", str(tmp_path / "missing.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match=r"empty.txt: the text is empty"):
        call_command("bio_read", str(empty))
