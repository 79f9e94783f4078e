"""When two spellings name the same agent (people.names), and when they do not."""

import pytest

from cadenza.folding import words
from cadenza.people.names import GROUP_WORDS, called, name_key, same_name

# Spellings that must name one agent, and why.
SAME = [
    ("Rimsky-Korsakov", "Rimsky Korsakov"),  # a hyphen is a gap between words
    ("Rimsky-Korsakov", "RIMSKY-KORSAKOV"),  # case
    ("Antonín Dvořák", "Antonin Dvorak"),  # accents
    ("Dvořák, Antonín", "Antonin Dvorak"),  # accents and word order
    ("Ma, Yo-Yo", "Yo-Yo Ma"),  # surname first
    ("Ma, Yo-Yo", "yo yo ma"),
    ("Beethoven, Ludwig van", "Ludwig van Beethoven"),
    ("Weber, Carl Maria Von", "Carl Maria von Weber"),  # a particle's case
    ("Strauss, Johann, Jr.", "Johann Strauss Jr"),  # a suffix's dot and comma
    ("Saint-Saëns, Camille", "Camille Saint Saens"),
    ("Łódź Philharmonic", "Lodz Philharmonic"),  # letters that do not decompose
    ("Isaac  Stern", "Isaac Stern"),  # spacing
]
# Spellings that must not: words are neither joined, dropped nor guessed.
OTHERS = [
    ("Strauss, Johann", "Strauss, Richard"),  # two people, one surname
    ("Ma", "Yo-Yo Ma"),  # part of a name
    ("Beethoven", "Ludwig van Beethoven"),
    ("Ludwig Beethoven", "Ludwig van Beethoven"),  # a particle is a word of the name
    ("Yoyo Ma", "Yo-Yo Ma"),  # a hyphen parts words; it does not join them
    ("Johann Strauss Jr.", "Johann Strauss"),  # a suffix tells father from son
    ("Rimskij-Korsakov", "Rimsky-Korsakov"),  # another transliteration is another spelling
    ("Шостакович", "Shostakovich"),  # nor is a script transliterated
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_that_name_one_agent(a, b):
    assert same_name(a, b)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), OTHERS)
def test_spellings_that_name_another(a, b):
    assert not same_name(a, b)


def test_called_prefers_a_name_written_alike():
    known = [(1, "Yo-Yo Ma"), (2, "Ma, Yo-Yo"), (3, "Johann Strauss"), (4, "Richard Strauss")]
    assert called("yo-yo ma", known) == {1}  # written alike but for case: that one
    assert called("Yo Yo Ma", known) == {1, 2}  # otherwise by key: both
    assert called("Strauss, Johann", known) == {3}
    assert called("Strauss", known) == set()


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("New York Philharmonic", True),
        ("Juilliard Choral Union", True),  # a school's name marks a group
        ("Harvard Glee Club", True),
        ("Musica Sacra", False),
        ("Leonard Bernstein", False),
    ],
)
def test_group_words_tell_a_group_from_a_person(name, group):
    assert (not GROUP_WORDS.isdisjoint(words(name))) is group


@pytest.mark.django_db
def test_a_command_finds_a_person_by_part_of_the_name():
    from cadenza.people.selectors import agents_named
    from tests.factories import AgentFactory

    inzaghi = AgentFactory(name="Alessio Leonardo Inzaghi")
    AgentFactory(name="Isaac Stern")
    AgentFactory(name="Stern Quartet")
    assert agents_named(name="Inzaghi") == []  # pages and importers match whole names only
    assert agents_named(name="inzaghi", partly=True) == [inzaghi]
    assert agents_named(name="Leonardo Inzaghi", partly=True) == [inzaghi]
    assert len(agents_named(name="Stern", partly=True)) == 2  # the command lists both
    assert agents_named(name="Inzaghi Stern", partly=True) == []
