"""Reviewing a biography before import: the facts as rows a manager corrects, relinks or
rejects.

The reader is deterministic, so the facts of a text are the same each time it is read:
a review form refers to them by kind and position ("awards:0"). Corrections come back as
a `Decision` per fact: kept or not, its fields as corrected, and the record it links to
(an existing entity's id, or "new").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, cast

from cadenza.ingest.biography.facts import ReadFacts, of_kind
from cadenza.ingest.biography.record import RecordNames
from cadenza.ingest.biography.text import LISTS, NAME_FIELD
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

NUMBERS = {"year", "start", "end"}
# The record each kind of fact links to; the others (awards, reviews...) are words only.
LINKED = {"studied_at": Agent, "teachers": Agent, "positions": Agent, "ensembles": Agent,
          "conductors": Agent, "venues": Place, "works": Work}  # fmt: skip

LABELS = {
    "studied_at": "Studied at", "teachers": "Teacher", "awards": "Award",
    "positions": "Position", "ensembles": "Performed with", "conductors": "Conductor",
    "venues": "Venue", "festivals": "Festival", "works": "Work", "recordings": "Recording",
    "reviews": "Review quote", "moments": "Moment",
}  # fmt: skip
# The facts of the JSON shape, and the moments of the narrative (`moments.py`) after them.
KINDS = (*LISTS, "moments")
FIELD = {**NAME_FIELD, "moments": "text"}


@dataclass(frozen=True)
class RowField:
    """A field of a fact other than its name, as the reviewer sees it."""

    name: str
    value: str  # "" for none

    @property
    def width(self) -> int:
        return 6 if self.name in NUMBERS else 22


@dataclass(frozen=True)
class FactRow:
    key: str  # "awards:0"
    kind: str
    index: int  # its position among the facts of its kind
    label: str
    value: str
    details: str
    confidence: float
    evidence: str
    linked: str  # the record's name for it, or ""
    fields: list[RowField] = field(default_factory=list)  # the other fields, editable
    choices: list[tuple[int, str]] = field(default_factory=list)  # records it may link to
    linked_id: int | None = None

    @property
    def words_only(self) -> bool:
        """A fact kept as the words of the text (an award, a quote...), linked to nothing."""
        return self.kind not in LINKED


@dataclass(frozen=True)
class Decision:
    """What the reviewer made of one fact."""

    keep: bool = True
    fields: dict[str, str] = field(default_factory=dict)  # field → corrected text
    record: str = ""  # "" as read, "new", or the id of an existing entity


def _details(kind: str, fact: dict[str, Any]) -> str:
    skip = {FIELD[kind], "evidence", "confidence", "order"}
    return ", ".join(f"{k}: {v}" for k, v in fact.items() if k not in skip and v is not None)


def _link(record: RecordNames, kind: str, fact: dict[str, Any]) -> int | None:
    if kind == "venues":
        return record.place(fact["name"])
    if kind == "works":
        return record.work(
            title=fact["title"], composer=fact["composer"], catalogue=fact["catalogue"]
        )
    return record.agent(fact[NAME_FIELD[kind]])


def fact_rows(text: str, facts: ReadFacts) -> list[FactRow]:
    rows = []
    record = RecordNames()  # the record's names, read once for every row
    for kind in KINDS:
        for index, fact in enumerate(of_kind(facts, kind)):
            span = fact["evidence"]
            name = str(fact[FIELD[kind]])
            model = LINKED.get(kind)
            linked_id = _link(record, kind, fact) if model else None
            linked = record.label(model, linked_id) if model and linked_id is not None else ""
            rows.append(
                FactRow(
                    key=f"{kind}:{index}",
                    kind=kind,
                    index=index,
                    label=LABELS[kind],
                    value=name,
                    details=_details(kind, fact),
                    confidence=fact["confidence"],
                    evidence=text[span["start"] : span["end"]],
                    linked=linked,
                    linked_id=linked_id,
                    fields=[
                        RowField(k, "" if v is None else str(v))
                        for k, v in fact.items()
                        if k not in {FIELD[kind], "evidence", "confidence", "order", "kind"}
                    ],
                    choices=record.choices(model, name, linked_id) if model else [],
                )
            )
    return sorted(rows, key=lambda r: of_kind(facts, r.kind)[r.index]["evidence"]["start"])


def facts_corrected(facts: ReadFacts, decisions: dict[str, Decision]) -> ReadFacts:
    """The facts with the reviewer's decisions: rejected ones left out, fields corrected
    (a blank name keeps the name read; a blank year is no year), and `record` set to the
    entity chosen (0 for "new") when the reviewer relinked it."""
    out: dict[str, Any] = {**facts}
    for kind in (k for k in KINDS if k in facts):
        kept = []
        for index, fact in enumerate(of_kind(facts, kind)):
            decision = decisions.get(f"{kind}:{index}", Decision())
            if not decision.keep:
                continue
            fixed = {**fact}
            for name, raw in decision.fields.items():
                if name not in fact or name in {"evidence", "confidence", "order", "kind"}:
                    continue  # only the fact's own fields
                value = raw.strip()
                if name == FIELD[kind]:
                    fixed[name] = value or fact[name]
                elif name in NUMBERS:
                    fixed[name] = int(value) if value.isdigit() else None
                else:
                    fixed[name] = value or None
            if decision.record == "new":
                fixed["record"] = 0
            elif decision.record.isdigit():
                fixed["record"] = int(decision.record)
            kept.append(fixed)
        out[kind] = kept
    return cast(ReadFacts, out)


def marked(text: str, facts: ReadFacts) -> list[tuple[str, str]]:
    """The text cut at every fact's evidence: (piece, label of the facts it is evidence
    for, or "")."""
    spans = [
        (f["evidence"]["start"], f["evidence"]["end"], LABELS[kind])
        for kind in KINDS
        for f in of_kind(facts, kind)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[tuple[str, str]] = []
    for start, end in pairwise(cuts):
        labels = ", ".join(sorted({k for s, e, k in spans if s <= start and end <= e}))
        pieces.append((text[start:end], labels))
    return pieces
