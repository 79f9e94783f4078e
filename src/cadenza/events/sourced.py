"""What a source wrote into programmes (rows with a `source_ref`), read back as rows and
deleted: an importer rewriting a newer release compares what it would write with what it
wrote before, and writes again only what differs. Rows users added are never touched."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from cadenza import bulkinsert
from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.services import CreditRow, EventRow, ItemRow


class SourcedItems(NamedTuple):
    """A source's items in some programmes as what they say: each row named by its
    programme and its item's position instead of by ids, so that rows built again can be
    compared with them (`ItemRow`s and `CreditRow`s put the same way). In order: by
    programme id, item position, then the credit's position or the movement's work id."""

    items: list[tuple[object, ...]]  # ItemRow's fields but the id
    credits: list[tuple[object, ...]]  # (programme id, item position, CreditRow's from agent_id)
    movements: list[tuple[int, int, int]]  # (programme id, item position, movement's work id)


def programmes_sourced_items(*, programme_ids: Sequence[int]) -> SourcedItems:
    """What a source wrote into these programmes' items (the items, their credits and
    the movements they played), as what it says."""
    found = SourcedItems([], [], [])
    for chunk in _chunks(sorted(programme_ids)):
        items = ProgrammeItem.objects.filter(programme__pk__in=chunk).exclude(source_ref="")
        found.items.extend(
            items.order_by("programme_id", "position").values_list(*ItemRow._fields[1:])
        )
        credits = Credit.objects.filter(item__programme__pk__in=chunk).exclude(source_ref="")
        found.credits.extend(
            credits.exclude(item__source_ref="")
            .order_by("item__programme_id", "item__position", "position")
            .values_list("item__programme_id", "item__position", *CreditRow._fields[2:])
        )
        played = ProgrammeItem.movements.through.objects.filter(
            programmeitem__programme__pk__in=chunk
        ).exclude(programmeitem__source_ref="")
        found.movements.extend(
            played.order_by(
                "programmeitem__programme_id", "programmeitem__position", "work_id"
            ).values_list("programmeitem__programme_id", "programmeitem__position", "work_id")
        )
    return found


def programmes_sourced_events(
    *, programme_ids: Sequence[int]
) -> tuple[list[EventRow], list[tuple[int, CreditRow]]]:
    """The events a source wrote into these programmes (in the order they were created),
    and its credits on them (each with its id)."""
    events: list[EventRow] = []
    credits: list[tuple[int, CreditRow]] = []
    for chunk in _chunks(programme_ids):
        found = Event.objects.filter(programme__pk__in=chunk).exclude(source_ref="")
        events += map(EventRow._make, found.order_by("pk").values_list(*EventRow._fields))
        on_events = Credit.objects.filter(event__programme__pk__in=chunk).exclude(source_ref="")
        credits += (
            (values[0], CreditRow._make(values[1:]))
            for values in on_events.order_by().values_list("id", *CreditRow._fields)
        )
    return events, credits


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    # Found by `__pk__in`: Django prepares each id of a plain `__in` more cheaply than of
    # a relation's, and rewriting programmes passes thousands.
    for start in range(0, len(ids), bulkinsert.IDS_PER_STATEMENT):
        yield ids[start : start + bulkinsert.IDS_PER_STATEMENT]


def programme_items_sourced_delete(*, programme_ids: Sequence[int]) -> None:
    """Delete the items a source wrote into these programmes, with everything on them
    (their credits and movements); items users added stay."""
    for chunk in _chunks(programme_ids):
        items = ProgrammeItem.objects.filter(programme__pk__in=chunk).exclude(source_ref="")
        Credit.objects.filter(item__in=items).delete()
        ProgrammeItem.movements.through.objects.filter(programmeitem__in=items).delete()
        # What referred to the items is gone, so no cascade is left to run: one DELETE
        # instead of Django's collector loading every item first.
        items._raw_delete(items.db)


def credits_delete(*, ids: Sequence[int]) -> None:
    """Delete credits by id (a source's credits it now gives otherwise)."""
    for chunk in _chunks(ids):
        Credit.objects.filter(pk__in=chunk)._raw_delete(Credit.objects.db)
