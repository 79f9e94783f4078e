"""Work titles as musicians write them, over the shapes the New York Philharmonic archive
writes: the brief form biographies tell, the full form every page shows, composers where
two works read alike, fragments."""

from __future__ import annotations

import re

import pytest

from cadenza.repertoire.title_parts import recased
from cadenza.repertoire.titles import (
    fragment_told,
    is_fragment,
    possessive,
    read_alike,
    work_label,
    work_title,
)


def prose_title(title: str) -> str:
    return work_title(title, brief=True)


# (as the archive writes it, as a biography tells it): every shape seen in the archive.
SHAPES = [
    # form first, then the instruments
    ("CONCERTO, VIOLIN, D MAJOR, OP. 35", "Violin Concerto in D major, Op. 35"),
    ("Concerto, Violin No. 3, G major, K.216", "Violin Concerto No. 3 in G major, K. 216"),
    ("CONCERTO, CELLO, NO. 1, G MINOR, OP. 49", "Cello Concerto No. 1 in G minor, Op. 49"),
    ("CONCERTO, PIANO, NO. 3, E FLAT MAJOR", "Piano Concerto No. 3 in E-flat major"),
    ("Concerto, Two Pianos", "Concerto for Two Pianos"),
    (
        "Concerto, Violin, Cello & Piano, Op. 56 (Triple)",
        "Concerto for Violin, Cello and Piano, Op. 56 (Triple)",
    ),
    (
        "Concerto, Violin and Cello, Op. 102 (Double)",
        "Concerto for Violin and Cello, Op. 102 (Double)",
    ),
    (
        "QUARTET, STRING, NO. 14, D MINOR, D. 810 (DEATH AND THE MAIDEN)",
        "String Quartet No. 14 in D minor, D. 810 (Death and the Maiden)",
    ),
    (
        "Quartet, String No. 3, D major, Op. 44, No. 1",
        "String Quartet No. 3 in D major, Op. 44 No. 1",
    ),
    ("Concerto Grosso, Op. 6, No. 3, E minor", "Concerto Grosso in E minor, Op. 6 No. 3"),
    ("Serenade, Tenor, Horn, Strings, Op. 31", "Serenade for Tenor, Horn and Strings, Op. 31"),
    (
        "Quintet, Piano and Strings, A major, Op.81",
        "Quintet for Piano and Strings in A major, Op. 81",
    ),
    ("Symphony, A major, G.518", "Symphony in A major, G. 518"),
    ("CONCERTO, SITAR, NO. 2 (RAGA-MALA)", "Sitar Concerto No. 2 (Raga-Mala)"),
    ("CONCERTO, VIOLA (1961 REVISION)", "Viola Concerto (1961 Revision)"),
    # symphonies: the key joined by 'in'
    ("SYMPHONY NO. 4, F MINOR, OP. 36", "Symphony No. 4 in F minor, Op. 36"),
    ("SYMPHONY NO. 5 IN C MINOR, OP.67", "Symphony No. 5 in C minor, Op. 67"),
    (
        "SYMPHONY NO. 9, E MINOR, OP.95 (FROM THE NEW WORLD)",
        "Symphony No. 9 in E minor, Op. 95 (From the New World)",
    ),
    (
        "SYMPHONY NO. 8, B MINOR, D.759 (UNFINISHED)",
        "Symphony No. 8 in B minor, D. 759 (Unfinished)",
    ),
    # the archive's shorthand for a form, spelled out ('con' of a tempo left alone)
    (
        "Con., Harpsichord, No. 1, D minor, BWV 1052",
        "Harpsichord Concerto No. 1 in D minor, BWV 1052",
    ),
    (
        "Con., Oboe and Violin (C or D minor), BWV 1060",
        "Concerto for Oboe and Violin (C or D minor), BWV 1060",
    ),
    ("Jota Aragonesa, Spanish Ov. No. 1", "Jota Aragonesa, Spanish Overture No. 1"),
    ("Andante con moto", "Andante con moto"),
    # a key (and the players before it) after a name that is not a form filed first
    ("Barcarolle, F-sharp major, Op. 60", "Barcarolle in F-sharp major, Op. 60"),
    ("Adagio, Violin, E major, K.261", "Adagio for Violin in E major, K. 261"),
    (
        "Brandenburg Concerto No. 1, F major, BWV 1046",
        "Brandenburg Concerto No. 1 in F major, BWV 1046",
    ),
    ("Bernard, Op. 1", "Bernard, Op. 1"),
    # the catalogue's count after the players, put first
    ("CON., VIOLINS, (TWO), BWV 1043, D MINOR", "Concerto for Two Violins in D minor, BWV 1043"),
    ("Concerto, Horns (2), F major, RV 539", "Concerto for Two Horns in F major, RV 539"),
    ("Songs (3)", "Songs (3)"),
    # articles filed last
    ("MEISTERSINGER, DIE, WWV 96", "Die Meistersinger, WWV 96"),
    ("MARRIAGE OF FIGARO, THE, K.492", "The Marriage of Figaro, K. 492"),
    ("DAMNATION DE FAUST, LA, OP. 24", "La Damnation de Faust, Op. 24"),
    ("PRELUDES, LES (SYMPHONIC POEM NO. 3)", "Les Preludes (Symphonic Poem No. 3)"),
    (
        "FLIEGENDE HOLLANDER, DER, WWV 63: SPINNING SONG, THE (ARR. Liszt)",
        "Der Fliegende Hollander, WWV 63: The Spinning Song",
    ),
    ("SONGS, FOUR (VIER LIEDER), OP. 27", "Four Songs (Vier Lieder), Op. 27"),
    # suites, arrangements and scoring notes
    ("NUTCRACKER, THE: SUITE, OP. 71A", "The Nutcracker Suite, Op. 71A"),
    ("FIREBIRD: SUITE (1919 VERSION)", "Firebird Suite (1919 Version)"),
    ("DAPHNIS AND CHLOE: SUITE NO. 2", "Daphnis and Chloe Suite No. 2"),
    (
        "MEISTERSINGER, DIE, WWV 96: PREISLIED (VN, ORCH) (ARR. Wilhelmj)",
        "Die Meistersinger, WWV 96: Preislied",
    ),
    ("L'INVITATION AU VOYAGE (VOICE + ORCH)", "L'invitation au Voyage"),
    ("HUNGARIAN DANCES (ORCH.)", "Hungarian Dances"),
    # left as they are: nothing to reorder
    ("SYMPHONIE ESPAGNOLE, OP. 21", "Symphonie Espagnole, Op. 21"),
    ("Concerto, Violin, D minor, Op .47", "Violin Concerto in D minor, Op. 47"),
    ("Cello Concerto in B minor", "Cello Concerto in B minor"),
    ("TROMBA MARINA, ETUDE, CB (4)", "Tromba Marina, Etude, Cb (4)"),
    ("MESSIAH", "Messiah"),
]


@pytest.mark.parametrize(("archive", "prose"), SHAPES)
def test_archive_titles_read_as_prose(archive: str, prose: str) -> None:
    # Titles reach the record through the importer's `recased`, then the formatter.
    assert prose_title(recased(archive)) == prose
    assert prose_title(prose) == prose  # told once, it stays told


@pytest.mark.parametrize(("archive", "prose"), SHAPES)
def test_no_word_is_added_only_reordered(archive: str, prose: str) -> None:
    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-zà-ÿ]+|\b[234]\b", text.lower().replace("&", "and")))

    # The archive's shorthand for a form and its counts in figures are spelled out: the
    # form's word is not new, nor 'two' for '(2)'.
    spelled = {"con": "concerto", "sym": "symphony", "ov": "overture"}
    spelled |= {"2": "two", "3": "three", "4": "four"}
    held = words(archive) | {spelled[w] for w in words(archive) if w in spelled}
    assert words(prose_title(recased(archive))) <= held | {"in", "for", "and"}


def test_work_labels_drop_an_english_article_after_the_possessive() -> None:
    assert work_label("Marriage of Figaro, the, K.492", "Wolfgang Amadeus Mozart") == (
        "Mozart's Marriage of Figaro, K. 492"
    )
    assert work_label("Meistersinger, die, Wwv 96", "Richard Wagner") == (
        "Wagner's Die Meistersinger, WWV 96"
    )
    assert work_label("Concerto, Violin, D major, Op.77", "Johannes Brahms") == (
        "Brahms' Violin Concerto in D major, Op. 77"
    )
    assert work_label("Messiah", None) == "Messiah"


# (as the record holds it, its catalogue numbers, as every page shows it)
PAGES = [
    # the findings
    ("Meistersinger, die, Wwv 96", [], "Die Meistersinger, WWV 96"),
    (
        "Concerto, Violin, No. 2, D minor, Op.22, Op. 22",
        ["Op. 22"],
        "Violin Concerto No. 2 in D minor, Op. 22",
    ),
    ("Violin Concerto in D major", ["Op. 61"], "Violin Concerto in D major, Op. 61"),
    # numbers the title does not print are added to the name, before a nickname or movement
    ("Cello Suite No. 1 in G major", ["BWV 1007"], "Cello Suite No. 1 in G major, BWV 1007"),
    ("Symphony No. 3 (Eroica)", ["Op. 55"], "Symphony No. 3, Op. 55 (Eroica)"),
    (
        "Partita No. 2 in D minor: Chaconne",
        ["BWV 1004"],
        "Partita No. 2 in D minor, BWV 1004: Chaconne",
    ),
    (
        "Concerto Grosso, Op. 6, No. 10, D minor",
        ["Op. 6 No. 10"],
        "Concerto Grosso in D minor, Op. 6 No. 10",
    ),
    # a number printed after the movement belongs to the work
    (
        "TRISTAN UND ISOLDE: EXCERPTS, WWV 90 (ARR. Damrosch)",
        [],
        "Tristan und Isolde, WWV 90: Excerpts (arr. Damrosch)",
    ),
    # capitals beside an arranger in his own case; the arrangement kept on a page
    (
        "WELL TEMPERED CLAVIER, THE: NO. 5, D MAJOR (ARR. Mitchell)",
        [],
        "The Well Tempered Clavier: No. 5, D major (arr. Mitchell)",
    ),
    ("RHEINGOLD, DAS WWV 86A (ARR. Damrosch)", [], "Das Rheingold, WWV 86A (arr. Damrosch)"),
    (
        "PARSIFAL, MARCH OF THE KNIGHTS, WWV 111, (ARR. Damrosch)",
        [],
        "Parsifal, March of the Knights, WWV 111 (arr. Damrosch)",
    ),
    (
        "NOCTURNE [UNSPECIFIED] (ORCH) (ARR. Glazunov)",
        [],
        "Nocturne (unspecified) (orch) (arr. Glazunov)",
    ),
    (
        "SYMPHONY NO. 94, G MAJOR, HOB. I:94 (SURPRISE)",
        ["Hob. I:94"],
        "Symphony No. 94 in G major, Hob. I:94 (Surprise)",
    ),
    (
        "Serenade, String Orchestra, Op. 9, D major",
        ["Op. 9"],
        "Serenade for String Orchestra in D major, Op. 9",
    ),
    ("National Anthem: Netherlands, The", [], "National Anthem: The Netherlands"),
    ("Concerto, Piano in C-sharp minor, Op. 30", [], "Piano Concerto in C-sharp minor, Op. 30"),
    (
        "Concerto, Saxophone Quartet, String Orchestra, and Percussion",
        [],
        "Concerto for Saxophone Quartet, String Orchestra and Percussion",
    ),
    ("Fliegende Hollander [Holländer], der", [], "Der Fliegende Hollander (Holländer)"),
    (
        "CONCERTO, STRING QUARTET (ARR. Schoenberg)",
        [],
        "Concerto for String Quartet (arr. Schoenberg)",
    ),
    # nothing to change
    ("Oh, Lois!", [], "Oh, Lois!"),
    ("Columbia, the Gem of the Ocean", [], "Columbia, the Gem of the Ocean"),
]


@pytest.mark.parametrize(("title", "numbers", "shown"), PAGES)
def test_pages_show_titles_as_musicians_write_them(title, numbers, shown) -> None:
    assert work_title(title, numbers) == shown
    assert work_title(shown, numbers) == shown  # told once, it stays told


@pytest.mark.parametrize(("title", "numbers", "shown"), PAGES)
def test_no_catalogue_number_is_printed_twice_nor_in_the_archive_case(title, numbers, shown):
    told = work_title(title, numbers)
    for bad in ("Wwv", "Bwv", "Op.2", "Op.6", "Op .", ", ,"):
        assert bad not in told
    mentions = re.findall(r"\b(?:Op\.|BWV|WWV|K\.|Hob\.) [\w:]+", told)
    assert len(mentions) == len(set(mentions))


def test_the_brief_form_leaves_out_how_it_was_played_and_keeps_the_rest() -> None:
    assert work_title("MEISTERSINGER, DIE, WWV 96: PREISLIED (VN, ORCH) (ARR. Wilhelmj)") == (
        "Die Meistersinger, WWV 96: Preislied (Vn, Orch) (arr. Wilhelmj)"
    )
    assert prose_title("MEISTERSINGER, DIE, WWV 96: PREISLIED (VN, ORCH) (ARR. Wilhelmj)") == (
        "Die Meistersinger, WWV 96: Preislied"
    )


def test_two_works_that_read_alike_are_told_with_their_composers() -> None:
    rows = [
        (1, "Violin Concerto in D major", "Ludwig van Beethoven"),
        (2, "Violin Concerto in D Major", "Pyotr Ilyich Tchaikovsky"),
        (3, "Messiah", "George Frideric Handel"),
        (4, "The Blue Danube", "Johann Strauss Jr."),
        (5, "The Blue-Danube", "Johann Strauss Sr."),
    ]
    alike = read_alike((key, shown) for key, shown, _ in rows)
    assert alike == {1, 2, 4, 5}
    labels = {k: possessive(shown, c) if k in alike else shown for k, shown, c in rows}
    assert labels == {
        1: "Beethoven's Violin Concerto in D major",
        2: "Tchaikovsky's Violin Concerto in D Major",
        3: "Messiah",
        4: "Strauss' Blue Danube",
        5: "Strauss' Blue-Danube",
    }
    assert (
        work_label("Concerto, Violin, D major, Op.61", None) == "Violin Concerto in D major, Op. 61"
    )


@pytest.mark.parametrize(
    ("movement", "told"),
    [
        ("Excerpts", "excerpts"),
        ("Unspecified", "excerpts"),
        ("7. Unspecified Excerpts", "excerpts"),
        ("Excerpts [unspecified]", "excerpts"),
        ("Selections (unspecified)", "selections"),
        ("Victory Theme/1st Nine Bars", "Victory Theme/1st Nine Bars"),
    ],
)
def test_fragments_are_what_was_played_not_movements(movement, told) -> None:
    assert is_fragment(movement)
    assert fragment_told(movement) == told


@pytest.mark.parametrize(
    "movement", ["Allegro con brio", "Theme", "Scherzo: Allegro", "Act III", ""]
)
def test_movements_are_not_fragments(movement) -> None:
    assert not is_fragment(movement)
