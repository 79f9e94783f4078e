"""The moments of a narrative (milestones, rehearsals, a packed hall) and the reviews a
biography quotes, into the record."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from cadenza.events.models import Credit, Event
from cadenza.events.selectors import several_told
from cadenza.events.services import credit_add, event_ensure
from cadenza.ingest.biography.entities import Importer
from cadenza.ingest.biography.facts import Evidence, ReadFacts, ReviewQuote, every_fact
from cadenza.ingest.biography.moments import MILESTONES, read_moments
from cadenza.people.models import Agent
from cadenza.people.services import (
    milestone_add,
)
from cadenza.press.services import quote_add, review_add


@dataclass(frozen=True)
class Accolades:
    """The accolades a text tells of ("glowing reviews from critics"): a review's summary."""

    text: str
    order: int
    evidence: Evidence


def _order(facts: ReadFacts, at: int) -> int:
    """A moment's narrative order among the facts (each fact's is its order times ten)."""
    told = [f for _kind, f in every_fact(facts) if f["evidence"]["start"] < at]
    return max((f["order"] for f in told), default=0) * 10 + 5


def moments_import(
    importer: Importer, person: Agent, facts: ReadFacts, concert: Event | None
) -> Accolades | None:
    """Milestones, rehearsals, local concerts and a packed hall; returns the accolades
    (a review's summary), if the text tells of any."""
    outcome = importer.outcome
    assert outcome is not None
    accolades = None
    played = importer.instrument
    # As a reviewer kept and corrected them, else as read.
    moments = facts["moments"] if "moments" in facts else read_moments(importer.text)
    for moment in moments:
        kind, words = moment["kind"], moment["text"]
        order = _order(facts, moment["evidence"]["start"])
        sentence = words[:1].upper() + words[1:] + "."
        if kind in MILESTONES:
            record: models.Model = milestone_add(
                agent=person, kind=MILESTONES[kind], text=sentence, narrative_order=order
            )
        elif kind == "rehearsals":
            name = f"Rehearsals for {concert.name}" if concert else "Rehearsals"
            # The record's rehearsals of the person, told in other words, are these.
            record = several_told(
                performer=person, kind=Event.Kind.REHEARSAL, venue=None
            ) or event_ensure(
                name=name,
                kind=Event.Kind.REHEARSAL,
                narrative_order=order,
                represents_several=True,
                performer=person,
            )
            credit_add(event=record, agent=person, role=Credit.Role.PERFORMER, instrument=played)
        elif kind == "local_concerts":
            name = words.split(" at ", 1)[-1]
            record = event_ensure(
                name=name[:1].upper() + name[1:],
                kind=Event.Kind.RECITAL,
                narrative_order=order,
                represents_several=True,
                performer=person,
            )
            credit_add(event=record, agent=person, role=Credit.Role.PERFORMER, instrument=played)
        elif kind == "audience" and concert is not None:
            if not concert.attendance_note:
                concert.attendance_note = f"a {words.lower()}"
                concert.save(update_fields=["attendance_note"])
            record = concert
        elif kind == "accolades":
            accolades = Accolades(text=sentence, order=order, evidence=moment["evidence"])
            continue  # cited with its review
        else:
            continue
        importer.cite(record, moment["evidence"])
        outcome.facts["moments"] += 1
    return accolades


def reviews_import(
    importer: Importer,
    person: Agent,
    facts: ReadFacts,
    concert: Event | None,
    accolades: Accolades | None,
) -> None:
    """One review per critic or publication, with its quotes; the accolades the text tells
    of ("glowing reviews from critics") are the summary of the unnamed critics' review."""
    outcome = importer.outcome
    assert outcome is not None
    by_source: dict[tuple[str, str], list[ReviewQuote]] = {}
    for fact in facts["reviews"]:
        by_source.setdefault((fact["critic"] or "", fact["publication"] or ""), []).append(fact)
    if accolades is not None:
        by_source.setdefault(("", ""), [])
    for (critic, publication), quotes in by_source.items():
        unnamed = not (critic or publication) and accolades is not None
        review = review_add(
            subjects=[person],
            event=concert,
            critic=critic,
            publication=publication,
            summary=accolades.text if unnamed and accolades else "",
            quotes=[q["quote"] for q in quotes],
            narrative_order=(quotes[0]["order"] * 10 if quotes else 0)
            or (accolades.order if accolades else None),
        )
        for fact in quotes:
            importer.cite(review, fact["evidence"])
            # Each quote is cited at its own words too: a review quoted by two documents.
            importer.cite(quote_add(review=review, text=fact["quote"]), fact["evidence"])
        if unnamed and accolades:
            importer.cite(review, accolades.evidence)
        outcome.facts["reviews"] += len(quotes) or 1  # a review told without a quote
