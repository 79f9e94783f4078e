"""`cadenza bio import`: a trusted biography into the record, every fact cited by its span.

One transaction: the text is kept as a document source (keyed by its hash, so the same
text imported twice is one source), each fact is written through the same services the
demo uses, linked to what the record holds or new when nothing matches, and cited by the
words it was read from. Every service finds before it creates, so a second import of the
same text adds nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from cadenza.events.models import Credit, Event
from cadenza.events.services import ItemSpec, award_add, credit_add, event_ensure, programme_create
from cadenza.ingest.biography.linking import agent_linked, place_linked, work_linked
from cadenza.ingest.biography.reading import BiographyError, read_biography
from cadenza.ingest.models import Source
from cadenza.ingest.services import cite, source_ensure
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent, Milestone, Relationship
from cadenza.people.services import (
    agent_ensure,
    agent_instrument_add,
    milestone_add,
    relationship_add,
)
from cadenza.places import gazetteer
from cadenza.places.models import Place
from cadenza.places.services import place_ensure
from cadenza.press.services import review_add
from cadenza.repertoire.models import Work
from cadenza.repertoire.performers import performer_noun
from cadenza.repertoire.services import instrument_ensure, work_ensure


@dataclass
class BiographyImport:
    person: Agent
    source: Source
    linked: list[str] = field(default_factory=list)  # names found in the record
    created: list[str] = field(default_factory=list)  # names new to the record
    facts: Counter[str] = field(default_factory=Counter)


class _Importer:
    def __init__(self, text: str, source: Source, outcome: BiographyImport | None = None):
        self.text, self.source = text, source
        self.outcome = outcome

    def cite(self, record: models.Model, fact: dict[str, Any]) -> None:
        span = fact["evidence"]
        cite(source=self.source, record=record, span=(span["start"], span["end"]))

    def note(self, name: str, linked: bool) -> None:
        assert self.outcome is not None
        (self.outcome.linked if linked else self.outcome.created).append(name)

    def agent(self, name: str, kind: str) -> Agent:
        found = agent_linked(name, kind=kind)
        self.note(name, found is not None)
        return found or agent_ensure(name=name, kind=kind)

    def place(self, name: str, kind: str, parent: Place | None = None) -> Place:
        found = place_linked(name.split(",")[0].strip()) if kind == Place.Kind.CITY else None
        found = found or place_linked(name)
        self.note(name, found is not None)
        if found is not None:
            return found
        if kind == Place.Kind.CITY and (hit := gazetteer.city_named(name)):
            city, country_name = hit
            country = place_ensure(
                name=country_name, kind=Place.Kind.COUNTRY, country_code=city.country_code
            )
            return place_ensure(
                name=city.name,
                kind=Place.Kind.CITY,
                parent=country,
                latitude=city.latitude,
                longitude=city.longitude,
                timezone=city.timezone,
                country_code=city.country_code,
            )
        return place_ensure(name=name, kind=kind, parent=parent)

    def work(self, fact: dict[str, Any]) -> Work:
        found = work_linked(
            title=fact["title"], composer=fact["composer"], catalogue=fact["catalogue"]
        )
        self.note(fact["title"], found is not None)
        return found or work_ensure(title=fact["title"])


@transaction.atomic
def biography_import(
    *, text: str, title: str = "", facts: dict[str, Any] | None = None
) -> BiographyImport:
    """Import a biography; raises BiographyError (having written nothing) on bad input.

    `facts` are the facts read from `text` as a reviewer corrected them (default: as read).
    """
    facts = facts if facts is not None else read_biography(text)
    person_facts = facts["person"]
    if not person_facts["name"]:
        raise BiographyError("no person is named in a way the reader understands")
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    source = source_ensure(
        key=f"biography:{digest}",
        kind=Source.Kind.DOCUMENT,
        title=title or f"Biography of {person_facts['name']}",
        text=text,
    )
    importer = _Importer(text, source)
    person = agent_linked(person_facts["name"], kind=Agent.Kind.PERSON)
    outcome = BiographyImport(person=person or Agent(), source=source)
    importer.outcome = outcome
    importer.note(person_facts["name"], person is not None)
    birth_place = (
        importer.place(person_facts["birth_place"], Place.Kind.CITY)
        if person_facts["birth_place"]
        else None
    )
    year = person_facts["birth_year"]
    person = agent_ensure(
        name=person.name if person else person_facts["name"],
        begin=PartialDate(year) if year else None,
        begin_place=birth_place,
    )
    outcome.person = person
    # A name a reviewer corrected may not be in the text: then the facts cite the person.
    if (name_at := text.find(person_facts["name"])) >= 0:
        cite(source=source, record=person, span=(name_at, name_at + len(person_facts["name"])))
    _person(importer, person, facts)
    _career(importer, person, facts)
    return outcome


def _person(importer: _Importer, person: Agent, facts: dict[str, Any]) -> None:
    outcome = importer.outcome
    assert outcome is not None
    for name in facts["person"]["instruments"]:
        instrument = instrument_ensure(name=name, performer_noun=performer_noun(name))
        agent_instrument_add(agent=person, instrument=instrument)
        outcome.facts["instruments"] += 1
    for fact in facts["studied_at"]:
        school = importer.agent(fact["institution"], Agent.Kind.ORGANISATION)
        tie = relationship_add(
            subject=person,
            kind=Relationship.Kind.STUDIED_AT,
            target=school,
            begin=PartialDate(fact["year"]) if fact["year"] else None,
            narrative_order=fact["order"] * 10,
        )
        importer.cite(tie, fact)
        outcome.facts["studied_at"] += 1
    # A teacher named with a school counts as a teacher too (the caller's facts stay as given).
    teachers = facts["teachers"] + [
        {"name": f["teacher"], "evidence": f["evidence"], "order": f["order"]}
        for f in facts["studied_at"]
        if f["teacher"]
    ]
    for fact in teachers:
        teacher = importer.agent(fact["name"], Agent.Kind.PERSON)
        tie = relationship_add(
            subject=teacher,
            kind=Relationship.Kind.TEACHER_OF,
            target=person,
            narrative_order=fact["order"] * 10,
        )
        importer.cite(tie, fact)
        outcome.facts["teachers"] += 1
    for fact in facts["awards"]:
        several = fact["competition"][:1].islower()  # "several local competitions"
        award = award_add(
            agent=person,
            competition_as_stated=fact["competition"],
            prize=fact["prize"] or "",
            year=fact["year"],
            narrative_order=fact["order"] * 10,
            represents_several=several,
        )
        importer.cite(award, fact)
        outcome.facts["awards"] += 1
    for fact in facts["positions"]:
        ensemble = importer.agent(fact["ensemble"], Agent.Kind.ENSEMBLE)
        member = (fact["role"] or "").endswith("member")
        tie = relationship_add(
            subject=person,
            kind=Relationship.Kind.MEMBER_OF if member else Relationship.Kind.POSITION,
            target=ensemble,
            role="" if member else fact["role"] or "",
            begin=PartialDate(fact["start"]) if fact["start"] else None,
            end=PartialDate(fact["end"]) if fact["end"] else None,
            narrative_order=fact["order"] * 10,
        )
        importer.cite(tie, fact)
        outcome.facts["positions"] += 1


def _event(
    importer: _Importer, person: Agent, fact: dict[str, Any], name: str, **details: Any
) -> Event:
    several = details.pop("several", False)
    happening = event_ensure(
        name=name, narrative_order=fact["order"] * 10, represents_several=several, **details
    )
    credit_add(event=happening, agent=person, role=Credit.Role.SOLOIST)
    importer.cite(happening, fact)
    return happening


def _career(importer: _Importer, person: Agent, facts: dict[str, Any]) -> None:
    outcome = importer.outcome
    assert outcome is not None
    for kind, role, label, agent_kind in (
        ("ensembles", Credit.Role.ORCHESTRA, "with", Agent.Kind.ENSEMBLE),
        ("conductors", Credit.Role.CONDUCTOR, "under", Agent.Kind.PERSON),
    ):
        for fact in facts[kind]:
            name = fact["name"]
            happening = _event(importer, person, fact, f"Performances {label} {name}", several=True)
            if name[:1].islower():  # "various orchestras": kept as the words of the text
                credit_add(event=happening, role=role, credited_as=name)
            else:
                credit_add(event=happening, agent=importer.agent(name, agent_kind), role=role)
            outcome.facts[kind] += 1
    works = [(fact, importer.work(fact)) for fact in facts["works"]]
    concerts = []
    for fact in facts["venues"]:
        city = importer.place(fact["city"], Place.Kind.CITY) if fact["city"] else None
        venue = importer.place(fact["name"], Place.Kind.BUILDING, parent=city)
        concerts.append(
            _event(
                importer,
                person,
                fact,
                f"{person.name} at {venue.name}",
                venue=venue,
                date=PartialDate(fact["year"]) if fact["year"] else None,
            )
        )
        outcome.facts["venues"] += 1
    if works and len(concerts) == 1 and concerts[0].programme is None:
        concert = concerts[0]
        concert.programme = programme_create(items=[ItemSpec(work=work) for _, work in works])
        concert.save(update_fields=["programme"])
        for item in concert.programme.items.all():
            credit_add(item=item, agent=person, role=Credit.Role.SOLOIST)
    for fact, work in works:
        importer.cite(work, fact)
        outcome.facts["works"] += 1
    for fact in facts["festivals"]:
        several = fact["name"][:1].islower()
        name = fact["name"][:1].upper() + fact["name"][1:]
        _event(
            importer,
            person,
            fact,
            name,
            kind=Event.Kind.FESTIVAL_PERFORMANCE,
            several=several,
            date=PartialDate(fact["year"]) if fact["year"] else None,
        )
        outcome.facts["festivals"] += 1
    for fact in facts["recordings"]:
        words = f"Recorded {fact['title']}" + (f" for {fact['label']}" if fact["label"] else "")
        milestone = milestone_add(
            agent=person,
            kind=Milestone.Kind.CAREER,
            text=words + ".",
            date=PartialDate(fact["year"]) if fact["year"] else None,
            narrative_order=fact["order"] * 10,
        )
        importer.cite(milestone, fact)
        outcome.facts["recordings"] += 1
    _reviews(importer, person, facts, concerts[0] if len(concerts) == 1 else None)
    ending = facts["retired_or_died"]
    if ending and ending["kind"] == "retired":
        milestone = milestone_add(
            agent=person,
            kind=Milestone.Kind.RETIREMENT,
            text="Retired from performing.",
            date=PartialDate(ending["year"]) if ending["year"] else None,
            narrative_order=10_000,
        )
        importer.cite(milestone, ending)
    elif ending and ending["year"] and person.end_year is None:
        person.end_year = ending["year"]
        person.save(update_fields=["end_year"])


def _reviews(
    importer: _Importer, person: Agent, facts: dict[str, Any], concert: Event | None
) -> None:
    outcome = importer.outcome
    assert outcome is not None
    by_source: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for fact in facts["reviews"]:
        by_source.setdefault((fact["critic"] or "", fact["publication"] or ""), []).append(fact)
    for (critic, publication), quotes in by_source.items():
        review = review_add(
            subjects=[person],
            event=concert,
            critic=critic,
            publication=publication,
            quotes=[q["quote"] for q in quotes],
            narrative_order=quotes[0]["order"] * 10,
        )
        for fact in quotes:
            importer.cite(review, fact)
        outcome.facts["reviews"] += len(quotes)
