"""When two spellings name the same agent, and the words that mark a group, not a person.

Built on `cadenza.folding` (case, accents, hyphens and other punctuation). A name's key is
its folded words in sorted order, so word order does not count either: 'Ma, Yo-Yo',
'Yo-Yo Ma' and 'YO-YO MA' are one key, and so are 'Weber, Carl Maria Von' and 'Carl Maria
von Weber'. Words are never joined or dropped: 'Yoyo Ma', 'Ma' and 'Beethoven' are other
names than 'Yo-Yo Ma' and 'Ludwig van Beethoven'.

Used by the archive importer (one agent per key), the biography linker and the record's
look-ups ("who is called this"); search folds with `cadenza.folding` as well.
"""

from __future__ import annotations

from collections.abc import Iterable

from cadenza.folding import words

# Words that belong with the surname ('Ludwig van Beethoven') and that follow a name.
PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "di", "da", "del", "della", "du", "le", "la", "y"}
)
SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
# The marker words, capitalised as names write them; GROUP_WORDS gives them folded.
# Words that mark an ensemble. Readers rely on the first six being the orchestra words.
ENSEMBLE_WORDS = (
    "Orchestra", "Orchestre", "Orchester", "Orquesta", "Philharmonic", "Philharmonia",
    "Symphony", "Ensemble", "Quartet", "Quintet", "Trio", "Choir", "Chorus", "Players",
    "Consort", "Sinfonietta", "Camerata", "Kapelle", "Staatskapelle", "Opera", "Band",
    "Singers", "Soloists", "Sinfonia", "Orchestra dell", "Quatuor", "Quintette", "Quartett",
    "Pops", "Young Artists Programme", "Young Artist Program", "Filharmonie", "Filarmonica",
    "Orkest", "Sextet", "Octet", "Duo", "Chorale", "Cantorum", "Septet", "Choristers",
    "Virtuosi", "Brass",
)  # fmt: skip
# Words that mark a school.
SCHOOL_WORDS = (
    "Conservatory", "Conservatoire", "Conservatorio", "Conservatorium", "School", "College",
    "Academy", "Accademia", "Akademie", "Institute", "University", "Universität",
    "Hochschule", "Mozarteum", "Juilliard", "Schola", "Escuela", "Escola", "Gakuen",
    "Musikhochschule", "Music Chapel", "Opera Studio", "Conservatori", "Konservatorium",
)  # fmt: skip
# Words that mark a competition or a prize.
COMPETITION_WORDS = (
    "Competition", "Prize", "Award", "Awards", "Auditions", "Contest", "Concours", "Grant",
    "Wettbewerb", "Concorso", "Medal", "Fellowship", "Operalia", "Diapason d'Or",
)  # fmt: skip
# Words that, with no ensemble or school word beside them, still name a body of people:
# 'Harvard Glee Club', 'American Ballet Theatre', 'Members of the Orchestra'.
BODY_WORDS = (
    "Society", "Club", "Glee", "Company", "Ballet", "Theatre", "Theater", "Troupe", "Group",
    "Members", "Chamber", "Corps", "Children", "Boys", "Girls",
)  # fmt: skip


# The single words, folded, that mark an ensemble, a school or another body of people.
GROUP_WORDS = frozenset(
    folded
    for word in (*ENSEMBLE_WORDS, *SCHOOL_WORDS, *BODY_WORDS)
    if len(folded_words := words(word)) == 1
    for folded in folded_words
)


def name_key(name: str) -> str:
    """One string for every spelling of a name: folded words, in sorted order."""
    return " ".join(sorted(words(name)))


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def called(name: str, known: Iterable[tuple[int, str]]) -> set[int]:
    """The ids, of (id, name) pairs, called `name`: written alike but for case if any are,
    else of the same `name_key`."""
    known = list(known)
    wanted = name.casefold()
    found = {pk for pk, other in known if other.casefold() == wanted}
    if found:
        return found
    key = name_key(name)
    return {pk for pk, other in known if name_key(other) == key}
