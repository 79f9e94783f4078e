"""Second pass: programmes, concerts, programme items and credits, as rows for the
`events` services, which check and insert them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from cadenza.bulkinsert import IdBlocks
from cadenza.events.models import Credit, Event, Programme, ProgrammeItem
from cadenza.events.services import (
    CreditRow,
    EventRow,
    ItemRow,
    MovementRow,
    ProgrammeRow,
    credits_insert,
    events_insert,
    item_movements_insert,
    items_insert,
    programmes_insert,
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
        # For progress: how many new programmes and concerts this import writes in all.
        self.programmes_total = self.concerts_total = self.programmes_added = 0

    # Events -------------------------------------------------------------------------------

    def event_row(
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

    def orchestra_credit(
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

    def item_rows(
        self, pairs: list[tuple[Program, int]], ids: Iterator[int]
    ) -> tuple[list[ItemRow], list[CreditRow], list[MovementRow]]:
        """The rows of these programs' entries (with their programme ids), items numbered
        from `ids`: the items, their credits and the movements they played."""
        self._ensure_instruments([program for program, _ in pairs])
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
        return items, credits, movements

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
                row = self.event_row(next(event_ids), program, programme_id, concert)
                events.append(row)
                credit = self.orchestra_credit(program, row.id, row.source_ref)
                if credit is not None:
                    credits.append(credit)
        events_insert(rows=events)
        credits_insert(rows=credits)
        self.summary.added["concerts"] += len(events)
        progress("concerts", self.summary.added["concerts"], self.concerts_total)
        pairs = list(zip(programs, programme_ids, strict=True))
        count = sum(len(program.entries) for program in programs)
        items_write(*self.item_rows(pairs, iter(self.ids.take(ProgrammeItem, count))))
        self.programmes_added += len(programs)
        progress("programmes", self.programmes_added, self.programmes_total)
        return programme_ids


def items_write(
    items: list[ItemRow], credits: list[CreditRow], movements: list[MovementRow]
) -> None:
    """Insert items with their credits and the movements they played."""
    items_insert(rows=items)
    credits_insert(rows=credits)
    item_movements_insert(rows=movements)
