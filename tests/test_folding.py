"""The one fold: case, accents and punctuation, as PostgreSQL's unaccent folds letters."""

from cadenza.folding import fold, key, words


def test_fold_drops_case_and_accents():
    assert fold("Antonín DVOŘÁK") == "antonin dvorak"
    assert fold("Łódź Øresund") == "lodz oresund"


def test_fold_keeps_other_scripts_as_the_database_does():
    assert fold("Шостакович") == "шостакович"
    assert fold("Чайковский") == "чаиковскии"  # the breve of й goes, as in cadenza_search_fold


def test_words_are_runs_of_letters_or_of_digits():
    assert words("Saint-Saëns, Camille") == ["saint", "saens", "camille"]
    assert words("BWV1007") == ["bwv", "1007"]
    assert words("  K. 466 ") == ["k", "466"]


def test_key_is_one_string_for_every_spelling():
    spellings = ["Rimsky-Korsakov", "RIMSKY KORSAKOV", "rimsky  korsakov", "Rimsky–Korsakov"]
    assert {key(s) for s in spellings} == {"rimsky korsakov"}
    assert key("W. GERMANY") == key("w germany")
    assert key("Moscow") != key("Moscow Oblast")
