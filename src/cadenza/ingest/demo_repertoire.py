"""A small repertoire of well-known works for the demo record, with catalogue numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from cadenza.partialdates import PartialDate
from cadenza.people.services import agent_ensure, authorship_add
from cadenza.repertoire.models import Work
from cadenza.repertoire.services import (
    instrument_ensure,
    movements_ensure,
    work_ensure,
)


@dataclass(frozen=True)
class Composer:
    name: str
    born: PartialDate
    died: PartialDate


@dataclass(frozen=True)
class WorkData:
    composer: Composer
    title: str
    catalogue: str
    number: str
    key: str
    form: str
    instrumentation: str
    instruments: tuple[str, ...]
    movements: tuple[str, ...]
    composed: tuple[int, int | None] | None = None
    minutes: int | None = None


BACH = Composer("Johann Sebastian Bach", PartialDate(1685, 3, 31), PartialDate(1750, 7, 28))
BEETHOVEN = Composer("Ludwig van Beethoven", PartialDate(1770, 12), PartialDate(1827, 3, 26))
TCHAIKOVSKY = Composer(
    "Pyotr Ilyich Tchaikovsky", PartialDate(1840, 5, 7), PartialDate(1893, 11, 6)
)
MENDELSSOHN = Composer("Felix Mendelssohn", PartialDate(1809, 2, 3), PartialDate(1847, 11, 4))
MOZART = Composer("Wolfgang Amadeus Mozart", PartialDate(1756, 1, 27), PartialDate(1791, 12, 5))
DVORAK = Composer("Antonín Dvořák", PartialDate(1841, 9, 8), PartialDate(1904, 5, 1))
ELGAR = Composer("Edward Elgar", PartialDate(1857, 6, 2), PartialDate(1934, 2, 23))

_SUITE_KEYS = ["G major", "D minor", "C major", "E-flat major", "C minor", "D major"]
_SUITE_DANCES: tuple[tuple[str, str], ...] = (
    ("Menuet I", "Menuet II"),
    ("Menuet I", "Menuet II"),
    ("Bourrée I", "Bourrée II"),
    ("Bourrée I", "Bourrée II"),
    ("Gavotte I", "Gavotte II"),
    ("Gavotte I", "Gavotte II"),
)

CELLO_SUITES = tuple(
    WorkData(
        composer=BACH,
        title=f"Cello Suite No. {n} in {key}",
        catalogue="BWV",
        number=str(1006 + n),
        key=key,
        form="suite",
        instrumentation="solo cello" if n < 6 else "solo five-string cello (violoncello piccolo)",
        instruments=("cello",),
        movements=("Prélude", "Allemande", "Courante", "Sarabande", *dances, "Gigue"),
        composed=(1717, 1723),
    )
    for n, (key, dances) in enumerate(zip(_SUITE_KEYS, _SUITE_DANCES, strict=True), start=1)
)

OTHER_WORKS = (
    WorkData(
        BACH,
        "Partita No. 2 in D minor",
        "BWV",
        "1004",
        "D minor",
        "partita",
        "solo violin",
        ("violin",),
        ("Allemanda", "Corrente", "Sarabanda", "Giga", "Ciaccona"),
        (1717, 1720),
    ),
    WorkData(
        BEETHOVEN,
        "Symphony No. 5 in C minor",
        "Op.",
        "67",
        "C minor",
        "symphony",
        "orchestra",
        (),
        ("Allegro con brio", "Andante con moto", "Scherzo: Allegro", "Allegro"),
        (1804, 1808),
        31,
    ),
    WorkData(
        BEETHOVEN,
        "Violin Concerto in D major",
        "Op.",
        "61",
        "D major",
        "concerto",
        "violin and orchestra",
        ("violin",),
        ("Allegro ma non troppo", "Larghetto", "Rondo: Allegro"),
        (1806, None),
        43,
    ),
    WorkData(
        TCHAIKOVSKY,
        "Violin Concerto in D major",
        "Op.",
        "35",
        "D major",
        "concerto",
        "violin and orchestra",
        ("violin",),
        ("Allegro moderato", "Canzonetta: Andante", "Finale: Allegro vivacissimo"),
        (1878, None),
        34,
    ),
    WorkData(
        MENDELSSOHN,
        "Violin Concerto in E minor",
        "Op.",
        "64",
        "E minor",
        "concerto",
        "violin and orchestra",
        ("violin",),
        ("Allegro molto appassionato", "Andante", "Allegretto non troppo – Allegro molto vivace"),
        (1838, 1844),
        26,
    ),
    WorkData(
        MOZART,
        "Piano Concerto No. 20 in D minor",
        "K.",
        "466",
        "D minor",
        "concerto",
        "piano and orchestra",
        ("piano",),
        ("Allegro", "Romanze", "Rondo: Allegro assai"),
        (1785, None),
        32,
    ),
    WorkData(
        DVORAK,
        "Cello Concerto in B minor",
        "Op.",
        "104",
        "B minor",
        "concerto",
        "cello and orchestra",
        ("cello",),
        ("Allegro", "Adagio ma non troppo", "Finale: Allegro moderato"),
        (1894, 1895),
        40,
    ),
    WorkData(
        ELGAR,
        "Cello Concerto in E minor",
        "Op.",
        "85",
        "E minor",
        "concerto",
        "cello and orchestra",
        ("cello",),
        ("Adagio – Moderato", "Lento – Allegro molto", "Adagio", "Allegro – Moderato"),
        (1919, None),
        30,
    ),
)

_INSTRUMENTS = {
    "violin": ("violinist", "strings"),
    "cello": ("cellist", "strings"),
    "piano": ("pianist", "keyboard"),
}

REPERTOIRE = (*CELLO_SUITES, *OTHER_WORKS)


def load_repertoire() -> dict[str, Work]:
    """Create the demo repertoire; returns works by catalogue number ('BWV 1007')."""
    for name, (noun, family) in _INSTRUMENTS.items():
        instrument_ensure(name=name, performer_noun=noun, family=family)
    return {f"{data.catalogue} {data.number}": work_made(data) for data in REPERTOIRE}


def work_made(data: WorkData) -> Work:
    """One work of the reference repertoire, with its composer and movements (found or new)."""
    composer = agent_ensure(
        name=data.composer.name,
        begin=data.composer.born,
        end=data.composer.died,
    )
    instruments = [instrument_ensure(name=i) for i in data.instruments]
    start, end = data.composed or (None, None)
    work = work_ensure(
        title=data.title,
        catalogue=(data.catalogue, data.number),
        key=data.key,
        form=data.form,
        instrumentation=data.instrumentation,
        instruments=instruments,
        composed_year=start,
        composed_year_end=end,
        duration=timedelta(minutes=data.minutes) if data.minutes else None,
    )
    authorship_add(work=work, agent=composer)
    movements_ensure(work=work, titles=data.movements)
    return work


def reference_work(*, title: str, composer: str | None, catalogue: str | None) -> WorkData | None:
    """The reference work a text names: by catalogue number ('BWV 1007'), else by the start
    of its title and the composer's surname ("Bach's Cello Suite No. 1")."""

    def bare(text: str) -> str:
        return " ".join(text.replace(".", " ").split()).lower()

    for data in REPERTOIRE:
        if catalogue and bare(catalogue) == bare(f"{data.catalogue} {data.number}"):
            return data
    for data in REPERTOIRE:
        named = bare(data.title) == bare(title) or bare(data.title).startswith(bare(title) + " ")
        if named and composer and bare(composer) in bare(data.composer.name).split():
            return data
    return None
