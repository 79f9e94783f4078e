"""Programmes a newer release changed: what the archive wrote into them before is read
back and compared with the rows the release gives (`rows.RowBuilder`), by what they say,
not by their ids, and only what differs is written again.

A concert keeps its event (updated in place) while the archive still lists it; an
orchestra credit that is the same stays. A programme whose items, their credits and the
movements they played are the same keeps them, ids and all (and what users attached to
them); one whose works part changed has the archive's items deleted and inserted anew.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from operator import itemgetter

from cadenza.events.models import Event, ProgrammeItem
from cadenza.events.services import (
    CreditRow,
    EventRow,
    ItemRow,
    MovementRow,
    credits_insert,
    events_delete,
    events_insert,
    events_update,
)
from cadenza.events.sourced import (
    SourcedRows,
    credits_delete,
    programme_items_sourced_delete,
    programmes_sourced_rows,
)
from cadenza.ingest.nyphil.records import Program
from cadenza.ingest.nyphil.rows import RowBuilder, items_write

# A programme's works part as what it says: per item by position, (the item's fields,
# its credits' fields by position, the movements it played), ids left out.
_WorksPart = list[tuple[tuple[object, ...], tuple[tuple[object, ...], ...], tuple[int, ...]]]
_CREDIT_POSITION = CreditRow._fields.index("position") - 2  # within a credit's fields kept


def rewrite(builder: RowBuilder, pairs: list[tuple[Program, int]]) -> None:
    """Rewrite changed programs (with their programme ids) where they changed."""
    before = programmes_sourced_rows(programme_ids=[pk for _, pk in pairs])
    _rewrite_events(builder, pairs, before)
    _rewrite_items(builder, pairs, before)


def _rewrite_events(
    builder: RowBuilder, pairs: list[tuple[Program, int]], before: SourcedRows
) -> None:
    programmes = {pk: program for program, pk in pairs}
    events: dict[int, dict[str, EventRow]] = defaultdict(dict)
    for row in before.events:
        events[row.programme_id][row.source_ref] = row
    gone: list[EventRow] = []
    kept: list[EventRow] = []
    changed: list[EventRow] = []
    new: list[EventRow] = []
    for program, programme_id in pairs:
        fresh = [builder.event_row(0, program, programme_id, c) for c in program.concerts]
        matched, unmatched = _matched(fresh, events.pop(programme_id, {}))
        gone += unmatched
        for row, old in zip(fresh, matched, strict=True):
            if old is None:
                new.append(row)
                continue
            row = row._replace(id=old.id)
            kept.append(row)
            if row != old:
                changed.append(row)
    summary = builder.summary
    summary.updated["concerts"] += len(changed)
    summary.unchanged["concerts"] += len(kept) - len(changed)
    ids = iter(builder.ids.take(Event, len(new)))
    new = [row._replace(id=next(ids)) for row in new]
    events_update(rows=changed)
    events_insert(rows=new)
    summary.added["concerts"] += len(new)
    for row in gone:
        guid = programmes[row.programme_id].guid
        summary.notes.append(
            f"Program {guid}: {row.source_ref} is no longer in the archive; removed."
        )
    events_delete(ids=[row.id for row in gone])
    # The orchestra's credit on each concert: one the same as before stays.
    credited: dict[int, list[tuple[int, CreditRow]]] = defaultdict(list)
    for pk, credit in before.event_credits:
        credited[credit.event_id].append((pk, credit))
    stale: list[int] = []
    credits: list[CreditRow] = []
    for row in [*kept, *new]:
        credit = builder.orchestra_credit(programmes[row.programme_id], row.id, row.source_ref)
        old = credited.get(row.id, [])
        if [c for _, c in old] != ([credit] if credit else []):
            stale += [pk for pk, _ in old]
            if credit:
                credits.append(credit)
    credits_delete(ids=stale)
    credits_insert(rows=credits)


def _rewrite_items(
    builder: RowBuilder, pairs: list[tuple[Program, int]], before: SourcedRows
) -> None:
    # Numbered provisionally (below zero: never an id in the record) to be compared; the
    # items of programmes written again take real ids after.
    items, credits, movements = builder.item_rows(pairs, itertools.count(-1, -1))
    now = _works_parts(items, credits, movements)
    was = _works_parts(before.items, before.item_credits, before.movements)
    changed = {pk for _, pk in pairs if now.get(pk, []) != was.get(pk, [])}
    if not changed:
        return
    programme_items_sourced_delete(programme_ids=sorted(changed))
    items = [item for item in items if item.programme_id in changed]
    ids = dict(
        zip(
            (item.id for item in items),
            builder.ids.take(ProgrammeItem, len(items)),
            strict=True,
        )
    )
    items_write(
        [item._replace(id=ids[item.id]) for item in items],
        [c._replace(item_id=ids[c.item_id]) for c in credits if c.item_id in ids],
        [
            m._replace(programmeitem_id=ids[m.programmeitem_id])
            for m in movements
            if m.programmeitem_id in ids
        ],
    )


def _works_parts(
    items: list[ItemRow], credits: list[CreditRow], movements: list[MovementRow]
) -> dict[int, _WorksPart]:
    """Each programme's works part as what it says (programme id → items by position)."""
    credits_of: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    for credit in credits:
        credits_of[credit.item_id].append(credit[2:])  # event and item ids left out
    played: dict[int, list[int]] = defaultdict(list)
    for movement in movements:
        played[movement.programmeitem_id].append(movement.work_id)
    position = itemgetter(_CREDIT_POSITION)
    parts: dict[int, _WorksPart] = defaultdict(list)
    for item in items:
        parts[item.programme_id].append(
            (
                item[2:],  # id and programme id left out
                tuple(sorted(credits_of.get(item.id, ()), key=position)),
                tuple(sorted(played.get(item.id, ()))),
            )
        )
    for part in parts.values():
        part.sort(key=_item_position)
    return parts


def _item_position(entry: tuple[tuple[object, ...], object, object]) -> object:
    return entry[0][0]


def _matched(
    fresh: list[EventRow], before: dict[str, EventRow]
) -> tuple[list[EventRow | None], list[EventRow]]:
    """The event each of a programme's concerts was before (or None), and the events no
    concert is any more. A concert is its day, time and place first, its position in the
    programme second: a newer release that adds a concert before the others must not
    move the reviews and credits users attached to the others."""
    left = dict(before)
    found: list[EventRow | None] = [None] * len(fresh)
    for i, row in enumerate(fresh):
        same = next((o for o in left.values() if _when_and_where(o) == _when_and_where(row)), None)
        if same is not None:
            found[i] = left.pop(same.source_ref)
    for i, row in enumerate(fresh):
        if found[i] is None and row.source_ref in left:
            found[i] = left.pop(row.source_ref)
    return found, list(left.values())


def _when_and_where(row: EventRow) -> tuple[object, ...]:
    return (row.date_year, row.date_month, row.date_day, row.starts_at, row.venue_id)
