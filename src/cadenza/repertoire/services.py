"""Writes for works, movements, catalogue numbers and instruments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from cadenza import bulkinsert
from cadenza.folding import clean_name
from cadenza.repertoire.models import CatalogueNumber, Instrument, Work, WorkAlias


def instrument_ensure(*, name: str, performer_noun: str = "", family: str = "") -> Instrument:
    name = clean_name(name).lower()
    if not name:
        raise ValueError("An instrument needs a name, such as 'violin'.")
    instrument, created = Instrument.objects.get_or_create(
        name=name, defaults={"performer_noun": performer_noun, "family": family}
    )
    if not created and (performer_noun and not instrument.performer_noun):
        instrument.performer_noun = performer_noun
        instrument.family = instrument.family or family
        instrument.save(update_fields=["performer_noun", "family"])
    return instrument


def instruments_ensure(*, names: Sequence[str]) -> dict[str, int]:
    """Instrument ids by (lower-case) name, creating the missing ones in one insert."""
    wanted = {n.strip().lower() for n in names} - {""}
    ids = dict(Instrument.objects.filter(name__in=wanted).values_list("name", "pk"))
    missing = sorted(wanted - ids.keys())
    Instrument.objects.bulk_create([Instrument(name=name) for name in missing])
    ids.update(Instrument.objects.filter(name__in=missing).values_list("name", "pk"))
    return ids


def work_ensure(
    *,
    title: str,
    parent: Work | None = None,
    position: int | None = None,
    instruments: Sequence[Instrument] = (),
    catalogue: tuple[str, str] | None = None,
    **details: Any,
) -> Work:
    """Find a work by catalogue number when given, else by title and parent; or create it.

    Titles alone are not unique ("Violin Concerto in D major"), so whole works should come
    with a catalogue number when one exists.
    """
    title = clean_name(title)
    if not title:
        raise ValueError("A work needs a title.")
    if catalogue is not None:
        work = Work.objects.filter(
            parent=parent,
            catalogue_numbers__catalogue=catalogue[0],
            catalogue_numbers__number=catalogue[1],
        ).first()
    else:
        work = Work.objects.filter(title=title, parent=parent).first()
    if work is None:
        if parent is not None and position is not None:
            # A movement numbered by the source that names it takes its number; one that
            # held it (an archive's, numbered by order of appearance) keeps none, as the
            # NY Phil importer yields to movements it did not create (nyphil/movements.py).
            Work.objects.filter(parent=parent, position=position).update(position=None)
        work = Work(title=title, parent=parent, position=position, **details)
        work.full_clean()
        work.save()
        if catalogue is not None:
            catalogue_number_add(work=work, catalogue=catalogue[0], number=catalogue[1])
    if instruments:
        work.instruments.add(*instruments)
    return work


def catalogue_number_add(*, work: Work, catalogue: str, number: str) -> CatalogueNumber:
    catalogue, number = catalogue.strip(), number.strip()
    if not catalogue or not number:
        raise ValueError(f"A catalogue number needs both parts, got {catalogue!r} {number!r}.")
    entry, _ = CatalogueNumber.objects.get_or_create(work=work, catalogue=catalogue, number=number)
    return entry


def work_aliases_ensure(
    *, names: Sequence[tuple[int, str]], kind: str = WorkAlias.Kind.NICKNAME
) -> list[int]:
    """Other names of works, (work id, name) pairs, each recorded once per work, the missing
    ones in one insert; returns the alias id of each pair, in order."""
    wanted = [(work_id, clean_name(name)) for work_id, name in names]
    if not all(name for _, name in wanted):
        raise ValueError("A work's alias needs a name.")
    found = WorkAlias.objects.filter(work_id__in={work_id for work_id, _ in wanted})
    ids = {(work, name): pk for pk, work, name in found.values_list("pk", "work_id", "name")}
    missing = [key for key in dict.fromkeys(wanted) if key not in ids]
    WorkAlias.objects.bulk_create([WorkAlias(work_id=w, name=n, kind=kind) for w, n in missing])
    found = WorkAlias.objects.filter(work_id__in={work_id for work_id, _ in missing})
    ids.update(((work, name), pk) for pk, work, name in found.values_list("pk", "work_id", "name"))
    return [ids[key] for key in wanted]


def movements_ensure(*, work: Work, titles: Sequence[str]) -> list[Work]:
    """Give a work its movements, in order, as child works."""
    return [
        work_ensure(title=title, parent=work, position=position)
        for position, title in enumerate(titles, start=1)
    ]


class InstrumentRow(NamedTuple):
    id: int
    name: str


def instruments_insert(*, rows: Sequence[InstrumentRow]) -> int:
    """Create many instruments with ids chosen by the caller (importers): lower-case names."""
    for row in rows:
        if not row.name or row.name != row.name.strip().lower() or len(row.name) > 100:
            raise ValueError(
                f"An instrument name is lower case, 1 to 100 characters: {row.name!r}."
            )
    return bulkinsert.insert_tuples(Instrument, rows)


class WorkRow(NamedTuple):
    id: int
    title: str
    parent_id: int | None
    position: int | None
    notes: str


class WorkTitleRow(NamedTuple):
    id: int
    title: str
    position: int | None


class CatalogueRow(NamedTuple):
    work_id: int
    catalogue: str
    number: str


def works_insert(*, rows: Sequence[WorkRow]) -> int:
    """Create many works (or movements) at once, for importers; titles are checked."""
    for row in rows:
        if not row.title.strip() or len(row.title) > 400:
            raise ValueError(f"A work title must be 1 to 400 characters, got {row.title!r}.")
    return bulkinsert.insert_tuples(Work, rows)


def works_update(*, rows: Sequence[WorkTitleRow]) -> int:
    """Give works or movements (an importer's) another title or position. Positions are
    unique within a work, so the movements moved give theirs up first and take the new
    ones after: a swap never meets itself halfway."""
    for row in rows:
        if not row.title.strip() or len(row.title) > 400:
            raise ValueError(f"A work title must be 1 to 400 characters, got {row.title!r}.")
    bulkinsert.update_tuples(Work, [row._replace(position=None) for row in rows])
    return bulkinsert.update_tuples(Work, [row for row in rows if row.position is not None])


def catalogue_numbers_insert(*, rows: Sequence[CatalogueRow]) -> int:
    return bulkinsert.insert_tuples(CatalogueNumber, list(dict.fromkeys(rows)))
