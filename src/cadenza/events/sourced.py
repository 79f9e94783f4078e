"""What a source wrote into programmes (rows with a `source_ref`), read back as rows and
deleted: an importer rewriting a newer release compares what it would write with what it
wrote before, and writes again only what differs. Rows users added are never touched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cadenza import bulkinsert
from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.services import CreditRow, EventRow, ItemRow, MovementRow


class SourcedRows(NamedTuple):
    """A source's rows in some programmes, in no particular order."""

    events: list[EventRow]
    items: list[ItemRow]
    item_credits: list[CreditRow]  # the credits on those items
    movements: list[MovementRow]  # the movements those items played
    event_credits: list[tuple[int, CreditRow]]  # (credit id, row) on those events


def programmes_sourced_rows(*, programme_ids: Sequence[int]) -> SourcedRows:
    """Read what a source wrote into these programmes, as the rows it wrote them from."""
    found = SourcedRows([], [], [], [], [])
    credit_fields = CreditRow._fields
    for start in range(0, len(programme_ids), bulkinsert.IDS_PER_STATEMENT):
        # `__pk__in`: Django prepares each id of a plain `__in` more cheaply than of a
        # relation's, and rewriting programmes passes thousands.
        chunk = programme_ids[start : start + bulkinsert.IDS_PER_STATEMENT]
        events = Event.objects.filter(programme__pk__in=chunk).exclude(source_ref="")
        found.events.extend(map(EventRow._make, events.values_list(*EventRow._fields)))
        items = ProgrammeItem.objects.filter(programme__pk__in=chunk).exclude(source_ref="")
        found.items.extend(map(ItemRow._make, items.values_list(*ItemRow._fields)))
        on_items = Credit.objects.filter(item__programme__pk__in=chunk).exclude(source_ref="")
        on_items = on_items.exclude(item__source_ref="")
        found.item_credits.extend(map(CreditRow._make, on_items.values_list(*credit_fields)))
        played = ProgrammeItem.movements.through.objects.filter(
            programmeitem__programme__pk__in=chunk
        ).exclude(programmeitem__source_ref="")
        found.movements.extend(map(MovementRow._make, played.values_list(*MovementRow._fields)))
        on_events = Credit.objects.filter(event__programme__pk__in=chunk).exclude(source_ref="")
        found.event_credits.extend(
            (values[0], CreditRow._make(values[1:]))
            for values in on_events.values_list("id", *credit_fields)
        )
    return found


def programme_items_sourced_delete(*, programme_ids: Sequence[int]) -> None:
    """Delete the items a source wrote into these programmes, with everything on them
    (their credits and movements); items users added stay."""
    for start in range(0, len(programme_ids), bulkinsert.IDS_PER_STATEMENT):
        chunk = programme_ids[start : start + bulkinsert.IDS_PER_STATEMENT]
        items = ProgrammeItem.objects.filter(programme__pk__in=chunk).exclude(source_ref="")
        Credit.objects.filter(item__in=items).delete()
        ProgrammeItem.movements.through.objects.filter(programmeitem__in=items).delete()
        # What referred to the items is gone, so no cascade is left to run: one DELETE
        # instead of Django's collector loading every item first.
        items._raw_delete(items.db)


def credits_delete(*, ids: Sequence[int]) -> None:
    """Delete credits by id (a source's credits it now gives otherwise)."""
    for start in range(0, len(ids), bulkinsert.IDS_PER_STATEMENT):
        chunk = ids[start : start + bulkinsert.IDS_PER_STATEMENT]
        Credit.objects.filter(pk__in=chunk)._raw_delete(Credit.objects.db)
