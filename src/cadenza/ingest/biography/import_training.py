"""A biography's person into the record: instruments, schools, teachers, prizes, posts."""

from __future__ import annotations

import re

from cadenza.events.services import award_add
from cadenza.ingest.biography.entities import Importer
from cadenza.ingest.biography.facts import ReadFacts, Teacher
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent, Relationship
from cadenza.people.services import (
    agent_instrument_add,
    relationship_add,
)
from cadenza.repertoire.performers import performer_noun
from cadenza.repertoire.services import instrument_ensure

_WON = re.compile(r"(?i)\b(?:won|winner\s+of)\b")  # a prize told by winning: "won the X"


def training_import(importer: Importer, person: Agent, facts: ReadFacts) -> None:
    outcome = importer.outcome
    assert outcome is not None
    for name in facts["person"]["instruments"]:
        instrument = instrument_ensure(name=name, performer_noun=performer_noun(name))
        agent_instrument_add(agent=person, instrument=instrument)
        outcome.facts["instruments"] += 1
        if len(facts["person"]["instruments"]) == 1:
            importer.instrument = instrument
    for fact in facts["studied_at"]:
        school = importer.agent(
            fact["institution"], Agent.Kind.ORGANISATION, record=fact.get("record")
        )
        tie = relationship_add(
            subject=person,
            kind=Relationship.Kind.STUDIED_AT,
            target=school,
            instrument=importer.instrument,
            begin=PartialDate(fact["year"]) if fact["year"] else None,
            narrative_order=fact["order"] * 10,
        )
        importer.cite(tie, fact["evidence"])
        outcome.facts["studied_at"] += 1
    # A teacher named with a school counts as a teacher too (the caller's facts stay as given).
    teachers = facts["teachers"] + [
        Teacher(
            name=f["teacher"], evidence=f["evidence"], confidence=f["confidence"], order=f["order"]
        )
        for f in facts["studied_at"]
        if f["teacher"]
    ]
    for taught in teachers:
        teacher = importer.agent(taught["name"], Agent.Kind.PERSON, record=taught.get("record"))
        tie = relationship_add(
            subject=teacher,
            kind=Relationship.Kind.TEACHER_OF,
            target=person,
            narrative_order=taught["order"] * 10,
        )
        importer.cite(tie, taught["evidence"])
        outcome.facts["teachers"] += 1
    for prize in facts["awards"]:
        several = prize["competition"][:1].islower()  # "several local competitions"
        at = prize["evidence"]["start"]
        told = importer.text[max(0, at - 12) : prize["evidence"]["end"]]
        won = not prize["prize"] and _WON.search(told)
        award = award_add(
            agent=person,
            competition_as_stated=prize["competition"],
            prize=prize["prize"] or ("Winner" if won else ""),
            rank=1 if won else None,
            year=prize["year"],
            narrative_order=prize["order"] * 10,
            represents_several=several,
        )
        importer.cite(award, prize["evidence"])
        outcome.facts["awards"] += 1
    for post in facts["positions"]:
        ensemble = importer.agent(post["ensemble"], Agent.Kind.ENSEMBLE, record=post.get("record"))
        member = (post["role"] or "").endswith("member")
        tie = relationship_add(
            subject=person,
            kind=Relationship.Kind.MEMBER_OF if member else Relationship.Kind.POSITION,
            target=ensemble,
            role="" if member else post["role"] or "",
            begin=PartialDate(post["start"]) if post["start"] else None,
            end=PartialDate(post["end"]) if post["end"] else None,
            narrative_order=post["order"] * 10,
        )
        importer.cite(tie, post["evidence"])
        outcome.facts["positions"] += 1
