"""Reviewing a biography before import: the facts as rows a manager corrects or rejects.

The reader is deterministic, so the facts of a text are the same each time it is read:
a review form refers to them by kind and position, and the corrections come back as
{"kind:index": new value, or None to reject}.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from cadenza.ingest.biography.linking import agent_linked, place_linked, work_linked
from cadenza.ingest.biography.text import LISTS, NAME_FIELD

LABELS = {
    "studied_at": "Studied at", "teachers": "Teacher", "awards": "Award",
    "positions": "Position", "ensembles": "Performed with", "conductors": "Conductor",
    "venues": "Venue", "festivals": "Festival", "works": "Work", "recordings": "Recording",
    "reviews": "Review quote",
}  # fmt: skip


@dataclass(frozen=True)
class FactRow:
    key: str  # "awards:0"
    kind: str
    label: str
    value: str
    details: str
    confidence: float
    evidence: str
    linked: str  # the record's name for it, or ""


def _details(kind: str, fact: dict[str, Any]) -> str:
    skip = {NAME_FIELD[kind], "evidence", "confidence", "order"}
    return ", ".join(f"{k}: {v}" for k, v in fact.items() if k not in skip and v is not None)


def _link(kind: str, fact: dict[str, Any]) -> str:
    if kind == "venues":
        place = place_linked(fact["name"])
        return place.name if place else ""
    if kind == "works":
        work = work_linked(
            title=fact["title"], composer=fact["composer"], catalogue=fact["catalogue"]
        )
        return work.title if work else ""
    if kind in {"reviews", "recordings", "awards", "festivals"}:
        return ""
    agent = agent_linked(fact[NAME_FIELD[kind]])
    return agent.name if agent else ""


def fact_rows(text: str, facts: dict[str, Any]) -> list[FactRow]:
    rows = []
    for kind in LISTS:
        for index, fact in enumerate(facts[kind]):
            span = fact["evidence"]
            rows.append(
                FactRow(
                    key=f"{kind}:{index}",
                    kind=kind,
                    label=LABELS[kind],
                    value=str(fact[NAME_FIELD[kind]]),
                    details=_details(kind, fact),
                    confidence=fact["confidence"],
                    evidence=text[span["start"] : span["end"]],
                    linked=_link(kind, fact),
                )
            )
    return sorted(rows, key=lambda r: facts[r.kind][int(r.key.split(":")[1])]["order"])


def facts_corrected(facts: dict[str, Any], decisions: dict[str, str | None]) -> dict[str, Any]:
    """The facts with the manager's corrections: a new value, or None to reject."""
    out = {**facts}
    for kind in LISTS:
        kept = []
        for index, fact in enumerate(facts[kind]):
            key = f"{kind}:{index}"
            if key in decisions and decisions[key] is None:
                continue
            value = (decisions.get(key) or "").strip()
            kept.append({**fact, NAME_FIELD[kind]: value} if value else fact)
        out[kind] = kept
    return out


def marked(text: str, facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The text cut at every fact's evidence: (piece, label of the facts it is evidence
    for, or "")."""
    spans = [
        (f["evidence"]["start"], f["evidence"]["end"], LABELS[kind])
        for kind in LISTS
        for f in facts[kind]
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[tuple[str, str]] = []
    for start, end in pairwise(cuts):
        labels = ", ".join(sorted({k for s, e, k in spans if s <= start and end <= e}))
        pieces.append((text[start:end], labels))
    return pieces
