"""Second pass: programmes, concerts, programme items and credits, as rows for the
`events` services, which check and insert them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from cadenza import bulkinsert
from cadenza.bulkinsert import IdBlocks
from cadenza.events.models import Credit, Event, Programme, ProgrammeItem
from cadenza.events.services import (
    CreditRow,
    EventRow,
    ItemRow,
    MovementRow,
    ProgrammeRow,
    credits_insert,
    events_delete,
    events_insert,
    events_update,
    item_movements_insert,
    items_insert,
    programmes_insert,
    programmes_sourced_rows_delete,
)
from cadenza.ingest.nyphil.agents import AgentResolver
from cadenza.ingest.nyphil.names import split_conductors
from cadenza.ingest.nyphil.records import Concert, Entry, Program, Soloist
from cadenza.ingest.nyphil.summary import ImportSummary
from cadenza.ingest.nyphil.venues import VenueResolver
from cadenza.ingest.nyphil.works import WorkResolver
from cadenza.places.models import Place
from cadenza.repertoire.models import Instrument
from cadenza.repertoire.services import InstrumentRow, instruments_insert

# The choices' plain values: rows are compared with what the record holds.
EVENT_KINDS = {
    "master class": Event.Kind.MASTERCLASS.value,
    "pre-concert recital": Event.Kind.RECITAL.value,
    "festival": Event.Kind.FESTIVAL_PERFORMANCE.value,
}
CONCERT, TOOK_PLACE = Event.Kind.CONCERT.value, Event.Status.TOOK_PLACE.value
SOLOIST_ROLES = {"S": Credit.Role.SOLOIST.value, "A": Credit.Role.ASSISTING_ARTIST.value}
ORCHESTRA, CONDUCTOR, PERFORMER = (
    Credit.Role.ORCHESTRA.value,
    Credit.Role.CONDUCTOR.value,
    Credit.Role.PERFORMER.value,
)
WORK, INTERMISSION = ProgrammeItem.Kind.WORK.value, ProgrammeItem.Kind.INTERMISSION.value
# A credit as a name field resolves it: (agent id, role, credited as, instrument id).
_Part = tuple[int | None, str, str, int | None]
_Resolved = tuple[tuple[_Part, ...], tuple[str, ...]]  # credits, and skips to count


class RowBuilder:
    def __init__(
        self,
        *,
        agents: AgentResolver,
        venues: VenueResolver,
        works: WorkResolver,
        summary: ImportSummary,
        seasons: dict[str, int],
        instruments: dict[str, int],
        ids: IdBlocks,
    ) -> None:
        self.agents, self.venues, self.works, self.summary = agents, venues, works, summary
        self.seasons, self.ids = seasons, ids
        self._instruments = instruments  # lower-case name → id, those in the record
        self._zones: dict[str, ZoneInfo] = {}
        self._conductor_cache: dict[str, _Resolved] = {}
        self._soloist_cache: dict[Soloist, _Resolved] = {}
        # The events of programmes cleared for a rewrite: programme id → source_ref → row.
        self._before: dict[int, dict[str, EventRow]] = {}
        # For progress: how many new programmes and concerts this import writes in all.
        self.programmes_total = self.concerts_total = self.programmes_added = 0

    # Events -------------------------------------------------------------------------------

    def _event(
        self, event_id: int, program: Program, programme_id: int, concert: Concert
    ) -> EventRow:
        venue = self.venues.place(concert.venue, concert.location)
        orchestra = program.orchestra or "Concert"
        return EventRow(
            id=event_id,
            name=f"{orchestra} at {venue.name}" if venue else orchestra,
            kind=EVENT_KINDS.get(concert.event_type.lower(), CONCERT),
            status=TOOK_PLACE,
            series_id=self.seasons[program.season],
            venue_id=venue.pk if venue else None,
            programme_id=programme_id,
            date_year=concert.day.year,
            date_month=concert.day.month,
            date_day=concert.day.day,
            starts_at=self._start(concert, venue),
            category=concert.event_type,
            source_ref=f"concert {concert.position}",
        )

    def _start(self, concert: Concert, venue: Place | None) -> datetime | None:
        if concert.start is None:
            return None
        zone = venue.timezone if venue else ""
        if not zone:
            self.summary.skipped["concert times at places with no known time zone (date kept)"] += 1
            return None
        if zone not in self._zones:
            self._zones[zone] = ZoneInfo(zone)
        return datetime.combine(concert.day, concert.start, self._zones[zone])

    def _orchestra_credit(
        self, program: Program, event_id: int, source_ref: str
    ) -> CreditRow | None:
        outcome = self.agents.read(program.orchestra, ensemble=True)
        if not outcome.agents:
            self.summary.skipped["concerts with no orchestra named ('None')"] += 1
            return None
        agent_id = self.agents.id_of(outcome.agents[0])
        return CreditRow(
            event_id, None, agent_id, ORCHESTRA, None, program.orchestra, 0, source_ref
        )

    # Items and their credits ----------------------------------------------------------------

    def _item(self, item_id: int, programme_id: int, entry: Entry) -> ItemRow:
        if entry.interval:
            return ItemRow(
                item_id,
                programme_id,
                entry.position,
                INTERMISSION,
                None,
                entry.interval,
                entry.work_id,
            )
        work_id = self.works.id_of(entry.base_id)
        return ItemRow(
            item_id,
            programme_id,
            entry.position,
            WORK,
            work_id,
            entry.printed,
            entry.work_id,
            entry.part,
        )

    def _instrument(self, name: str) -> int | None:
        return self._instruments.get(name.strip().lower())

    def _ensure_instruments(self, programs: list[Program]) -> None:
        """Every instrument credited in these programs, found or created in one go."""
        soloists = {s for p in programs for e in p.entries for s in e.soloists if s.instrument}
        names = {
            s.instrument.strip().lower()
            for s in soloists
            if not self.agents.read(s.name, instrument=s.instrument).skipped
        }
        new = sorted(names - self._instruments.keys())
        rows = [
            InstrumentRow(pk, name)
            for pk, name in zip(self.ids.take(Instrument, len(new)), new, strict=True)
        ]
        if rows:
            instruments_insert(rows=rows)
            self._instruments.update((row.name, row.id) for row in rows)

    def _conductors(self, field: str) -> _Resolved:
        """The credits one conductor field gives, and its skips; each spelling read once."""
        found = self._conductor_cache.get(field)
        if found is None:
            parts: list[_Part] = []
            skips: list[str] = []
            for raw in split_conductors(field):
                outcome = self.agents.read(raw)
                if outcome.skipped:
                    skips.append(f"conductor {raw!r}: {outcome.skipped}")
                if outcome.collective:
                    parts.append((None, CONDUCTOR, outcome.collective, None))
                for agent in outcome.agents:
                    parts.append((self.agents.id_of(agent), CONDUCTOR, raw, None))
            found = self._conductor_cache[field] = (tuple(parts), tuple(skips))
        return found

    def _soloist(self, soloist: Soloist) -> _Resolved:
        """The credits one soloist entry gives, and its skips; each (name, instrument, role)
        read once."""
        found = self._soloist_cache.get(soloist)
        if found is None:
            found = self._soloist_cache[soloist] = self._read_soloist(soloist)
        return found

    def _read_soloist(self, soloist: Soloist) -> _Resolved:
        outcome = self.agents.read(soloist.name, instrument=soloist.instrument)
        if outcome.skipped:
            return (), (f"soloist {soloist.name!r}: {outcome.skipped}",)
        skips: tuple[str, ...] = ()
        role = SOLOIST_ROLES.get(soloist.role, PERFORMER)
        if soloist.role not in SOLOIST_ROLES:
            skips = (f"soloist role {soloist.role!r} (credited as performer)",)
        instrument = self._instrument(soloist.instrument)
        parts: list[_Part] = []
        if outcome.collective:
            parts.append((None, role, outcome.collective, instrument))
        for agent in outcome.agents:
            parts.append((self.agents.id_of(agent), role, soloist.name, instrument))
        return tuple(parts), skips

    def _write_items(self, pairs: list[tuple[Program, int]]) -> None:
        self._ensure_instruments([program for program, _ in pairs])
        count = sum(len(program.entries) for program, _ in pairs)
        ids = iter(self.ids.take(ProgrammeItem, count))
        items: list[ItemRow] = []
        credits: list[CreditRow] = []
        movements: list[MovementRow] = []
        skipped = self.summary.skipped
        item, credit, soloist = items.append, credits.append, self._soloist
        for program, programme_id in pairs:
            # The entries first: zip takes no id past a programme's last entry.
            for entry, item_id in zip(program.entries, ids, strict=False):
                item(self._item(item_id, programme_id, entry))
                if entry.interval:
                    continue
                ref = entry.work_id
                # Conductors first, then soloists, numbered in that order.
                parts, skips = self._conductors(entry.conductors)
                position = 0
                for agent, role, named, instrument in parts:
                    credit(CreditRow(None, item_id, agent, role, instrument, named, position, ref))
                    position += 1
                for skip in skips:
                    skipped[skip] += 1
                for parts, skips in map(soloist, entry.soloists):
                    for agent, role, named, instrument in parts:
                        credit(
                            CreditRow(None, item_id, agent, role, instrument, named, position, ref)
                        )
                        position += 1
                    for skip in skips:
                        skipped[skip] += 1
                if entry.movement_id:
                    movements.append(MovementRow(item_id, self.works.id_of(ref)))
        items_insert(rows=items)
        credits_insert(rows=credits)
        item_movements_insert(rows=movements)

    # Whole programs ------------------------------------------------------------------------

    def add(
        self, programs: list[Program], *, progress: Callable[[str, int, int], None]
    ) -> list[int]:
        """Write new programs; returns their programme ids, in order."""
        programme_ids = list(self.ids.take(Programme, len(programs)))
        programmes_insert(
            rows=[
                ProgrammeRow(pk, f"Program {p.program_id}".strip())
                for pk, p in zip(programme_ids, programs, strict=True)
            ],
        )
        event_ids = iter(self.ids.take(Event, sum(len(p.concerts) for p in programs)))
        events: list[EventRow] = []
        credits: list[CreditRow] = []
        for program, programme_id in zip(programs, programme_ids, strict=True):
            for concert in program.concerts:
                row = self._event(next(event_ids), program, programme_id, concert)
                events.append(row)
                credit = self._orchestra_credit(program, row.id, row.source_ref)
                if credit is not None:
                    credits.append(credit)
        events_insert(rows=events)
        credits_insert(rows=credits)
        self.summary.added["concerts"] += len(events)
        progress("concerts", self.summary.added["concerts"], self.concerts_total)
        self._write_items(list(zip(programs, programme_ids, strict=True)))
        self.programmes_added += len(programs)
        progress("programmes", self.programmes_added, self.programmes_total)
        return programme_ids

    def clear(self, programme_ids: list[int]) -> None:
        """Before changed programmes are rewritten: what the archive wrote into them goes
        (rows users added stay), and their concerts are read, to be compared. Done for
        all of them first, while every index is there to find the rows."""
        programmes_sourced_rows_delete(programme_ids=programme_ids)
        for start in range(0, len(programme_ids), bulkinsert.IDS_PER_STATEMENT):
            for values in (
                Event.objects.filter(
                    programme__pk__in=programme_ids[start : start + bulkinsert.IDS_PER_STATEMENT]
                )
                .exclude(source_ref="")
                .values_list(*EventRow._fields)
            ):
                row = EventRow(*values)
                self._before.setdefault(row.programme_id, {})[row.source_ref] = row

    def rewrite(self, pairs: list[tuple[Program, int]]) -> None:
        """Rewrite changed programmes (with their programme ids, cleared first) in place:
        a concert keeps its event (and what is attached to it) while the archive still
        lists it."""
        programmes = {pk: program for program, pk in pairs}
        gone: list[EventRow] = []
        kept: list[EventRow] = []
        changed: list[EventRow] = []
        new: list[EventRow] = []
        for program, programme_id in pairs:
            fresh = [self._event(0, program, programme_id, c) for c in program.concerts]
            matched, unmatched = _matched(fresh, self._before.pop(programme_id, {}))
            gone += unmatched
            for row, old in zip(fresh, matched, strict=True):
                if old is None:
                    new.append(row)
                    continue
                row = row._replace(id=old.id)
                kept.append(row)
                if row != old:
                    changed.append(row)
        self.summary.updated["concerts"] += len(changed)
        self.summary.unchanged["concerts"] += len(kept) - len(changed)
        ids = iter(self.ids.take(Event, len(new)))
        new = [row._replace(id=next(ids)) for row in new]
        events_update(rows=changed)
        events_insert(rows=new)
        self.summary.added["concerts"] += len(new)
        for row in gone:
            guid = programmes[row.programme_id].guid
            self.summary.notes.append(
                f"Program {guid}: {row.source_ref} is no longer in the archive; removed."
            )
        events_delete(ids=[row.id for row in gone])
        credits = [
            credit
            for row in [*kept, *new]
            if (
                credit := self._orchestra_credit(
                    programmes[row.programme_id], row.id, row.source_ref
                )
            )
        ]
        credits_insert(rows=credits)
        self._write_items(pairs)


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
