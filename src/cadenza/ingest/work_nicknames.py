"""Nicknames of well-known works, held in the record as aliases of the works they name.

Music lovers ask for the "Emperor" concerto and the "New World" symphony; archives print
titles ("Concerto, Piano, No. 5, E flat major, Op.73"). This is a small curated list of
nicknames in general use. Each entry names its work as the standard references do, by
composer and catalogue number (the composer's thematic catalogue: Op., K. for Köchel,
D. for Deutsch, Hob. for Hoboken) or, where no catalogue number is in common use (Mahler's
and Bruckner's symphonies, Haydn's by their number), by the start of its title; and cites
where the nickname is given: the work lists of Grove Music Online (Oxford University
Press), which give these nicknames beside the catalogue entry.

`work_nicknames_load` adds each nickname to every whole work in the record that matches
(composer by name, with the one name matcher of `people.names`; then catalogue number or
title) and cites it to the source "cadenza-work-nicknames", with the entry's reference as
the record id. It is idempotent: the demo loader and the NY Phil importer both call it
after writing, and an entry whose work is not in the record is left for a later import.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType

from cadenza import folding
from cadenza.ingest.models import Citation, Source
from cadenza.ingest.services import cite_many, source_ensure
from cadenza.people.models import Authorship
from cadenza.people.names import called
from cadenza.repertoire.models import CatalogueNumber, Work, WorkAlias
from cadenza.repertoire.services import work_aliases_ensure

SOURCE_KEY = "cadenza-work-nicknames"
GROVE = "Grove Music Online, work list of"


class Nickname(NamedTuple):
    composer: str
    work: str  # a catalogue number ("Op. 73", "K. 551", "D. 759") or the start of a title
    nickname: str
    reference: str  # where the nickname is given for this work


def _n(composer: str, work: str, nickname: str) -> Nickname:
    surname = composer.split()[-1]
    return Nickname(composer, work, nickname, f"{GROVE} {surname}: {work}, “{nickname}”")


BEETHOVEN = "Ludwig van Beethoven"
HAYDN = "Franz Joseph Haydn"
MOZART = "Wolfgang Amadeus Mozart"
SCHUBERT = "Franz Schubert"
MAHLER = "Gustav Mahler"

NICKNAMES: tuple[Nickname, ...] = (
    _n(BEETHOVEN, "Op. 55", "Eroica"),
    _n(BEETHOVEN, "Op. 68", "Pastoral"),
    _n(BEETHOVEN, "Op. 125", "Choral"),
    _n(BEETHOVEN, "Op. 73", "Emperor"),
    _n(BEETHOVEN, "Op. 56", "Triple Concerto"),
    _n(BEETHOVEN, "Op. 13", "Pathétique"),
    _n(BEETHOVEN, "Op. 27 No. 2", "Moonlight"),
    _n(BEETHOVEN, "Op. 57", "Appassionata"),
    _n(BEETHOVEN, "Op. 53", "Waldstein"),
    _n(BEETHOVEN, "Op. 106", "Hammerklavier"),
    _n(BEETHOVEN, "Op. 47", "Kreutzer"),
    _n(BEETHOVEN, "Op. 24", "Spring"),
    _n(BEETHOVEN, "Op. 97", "Archduke"),
    _n(HAYDN, "Symphony No. 45", "Farewell"),
    _n(HAYDN, "Symphony No. 94", "Surprise"),
    _n(HAYDN, "Symphony No. 100", "Military"),
    _n(HAYDN, "Symphony No. 101", "Clock"),
    _n(HAYDN, "Symphony No. 103", "Drumroll"),
    _n(HAYDN, "Symphony No. 104", "London"),
    _n(MOZART, "K. 385", "Haffner"),
    _n(MOZART, "K. 425", "Linz"),
    _n(MOZART, "K. 504", "Prague"),
    _n(MOZART, "K. 551", "Jupiter"),
    _n(MOZART, "K. 525", "Eine kleine Nachtmusik"),
    _n(MOZART, "K. 467", "Elvira Madigan"),
    _n(SCHUBERT, "D. 759", "Unfinished"),
    _n(SCHUBERT, "D. 944", "Great"),
    _n(SCHUBERT, "D. 667", "Trout"),
    _n(SCHUBERT, "D. 810", "Death and the Maiden"),
    _n("Felix Mendelssohn", "Op. 56", "Scottish"),
    _n("Felix Mendelssohn", "Op. 90", "Italian"),
    _n("Felix Mendelssohn", "Op. 107", "Reformation"),
    _n("Robert Schumann", "Op. 38", "Spring"),
    _n("Robert Schumann", "Op. 97", "Rhenish"),
    _n("Antonín Dvořák", "Op. 95", "From the New World"),
    _n("Antonín Dvořák", "Op. 95", "New World"),
    _n("Antonín Dvořák", "Op. 96", "American"),
    _n("Pyotr Ilyich Tchaikovsky", "Op. 74", "Pathétique"),
    _n("Pyotr Ilyich Tchaikovsky", "Op. 17", "Little Russian"),
    _n("Camille Saint-Saëns", "Op. 78", "Organ"),
    _n(MAHLER, "Symphony No. 1", "Titan"),
    _n(MAHLER, "Symphony No. 2", "Resurrection"),
    _n(MAHLER, "Symphony No. 6", "Tragic"),
    _n(MAHLER, "Symphony No. 8", "Symphony of a Thousand"),
    _n("Anton Bruckner", "Symphony No. 4", "Romantic"),
)

_CATALOGUE = re.compile(r"^(Op\.|K\.|D\.|BWV|Hob\.|RV|WoO)\s*(.+)$")


def _works_named(
    entry: Nickname, numbers: dict[tuple[str, str], list[int]], titles: list[tuple[int, str]]
) -> set[int]:
    catalogue = _CATALOGUE.match(entry.work)
    if catalogue:
        key = (catalogue.group(1), folding.key(catalogue.group(2)))
        return set(numbers.get(key, []))
    start = folding.key(entry.work)
    return {pk for pk, title in titles if f"{title} ".startswith(f"{start} ")}


def work_nicknames_load() -> int:
    """Add the nicknames to the works of the record they name, cited; returns how many
    (work, nickname) pairs the record holds. Four queries find the works; then each
    nickname is found or added, and its citation, together."""
    composers = {entry.composer for entry in NICKNAMES}
    authorships = list(
        Authorship.objects.filter(work__parent=None, role=Authorship.Role.COMPOSER).values_list(
            "work_id", "agent_id", "agent__name"
        )
    )
    agents = {agent_id: name for _, agent_id, name in authorships}
    works_of: dict[str, set[int]] = {}
    for composer in composers:
        ids = called(composer, agents.items())
        works_of[composer] = {work_id for work_id, agent_id, _ in authorships if agent_id in ids}
    candidates = set().union(*works_of.values()) if works_of else set()
    if not candidates:
        return 0
    numbers: dict[tuple[str, str], list[int]] = {}
    for work_id, catalogue, number in CatalogueNumber.objects.filter(
        work_id__in=candidates
    ).values_list("work_id", "catalogue", "number"):
        numbers.setdefault((catalogue, folding.key(number)), []).append(work_id)
    titles = [
        (pk, folding.key(title))
        for pk, title in Work.objects.filter(pk__in=candidates).values_list("pk", "title")
    ]
    source = source_ensure(
        key=SOURCE_KEY,
        kind=Source.Kind.DOCUMENT,
        title="Nicknames of works, as Grove Music Online's work lists give them",
        url="https://www.oxfordmusiconline.com/grovemusic/",
    )
    named = [
        (pk, entry)
        for entry in NICKNAMES
        for pk in sorted(_works_named(entry, numbers, titles) & works_of[entry.composer])
    ]
    aliases = work_aliases_ensure(names=[(pk, entry.nickname) for pk, entry in named])
    references = [entry.reference[:200] for _, entry in named]
    records = list(zip(aliases, references, strict=True))
    cited = set(
        Citation.objects.filter(
            source=source,
            content_type=ContentType.objects.get_for_model(WorkAlias),
            object_id__in=aliases,
            span_start=None,
        ).values_list("object_id", "record_id")
    )
    fresh = [(alias, record_id, "") for alias, record_id in dict.fromkeys(records)]
    cite_many(
        source=source,
        model=WorkAlias,
        records=[record for record in fresh if record[:2] not in cited],
    )
    return len(named)
