"""A biography's career into the record: performances with ensembles and conductors,
concerts at venues with their programme, festivals, recordings, the end of a career."""

from __future__ import annotations

import re
from typing import Any

from cadenza.events.models import Credit, Event
from cadenza.events.selectors import agent_credited_at, several_told
from cadenza.events.services import ItemSpec, credit_add, event_ensure, programme_create
from cadenza.ingest.biography.entities import Importer
from cadenza.ingest.biography.facts import Fact, ReadFacts
from cadenza.ingest.biography.import_press import moments_import, reviews_import
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent, Milestone
from cadenza.people.services import (
    milestone_add,
)
from cadenza.places.models import Place

# "various orchestras throughout Russia", "festivals in Europe and Asia": where vague facts are.
_WHERE = re.compile(
    r"\b(?:throughout|across|in|around)\s+(?:the\s+)?([A-Z]\w+(?:\s+[A-Z]\w+)?"
    r"(?:\s+and\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)?)$"
)


_SENTENCE_BREAK = re.compile(r"[.!?]\s")


def _regions(name: str) -> list[str]:
    where = _WHERE.search(name) if name[:1].islower() else None
    return where.group(1).split(" and ") if where else []


def _same_sentence(text: str, one: Fact, other: Fact) -> bool:
    a, b = sorted((one["evidence"]["start"], other["evidence"]["start"]))
    return not _SENTENCE_BREAK.search(text[a:b])


def _event(
    importer: Importer, person: Agent, fact: Fact, name: str, vague: str = "", **details: Any
) -> Event:
    """The event a fact tells, found or created, crediting the person (once). Several told
    as one with nobody named in role `vague` ("various orchestras throughout Russia") are
    the record's own telling of them when it has one, whatever its words."""
    several = details.pop("several", False)
    kind = details.get("kind", Event.Kind.CONCERT)
    told = (
        several_told(performer=person, kind=kind, venue=details.get("venue"), vague_role=vague)
        if several and vague
        else None
    )
    happening = told or event_ensure(
        name=name,
        narrative_order=fact["order"] * 10,
        represents_several=several,
        performer=person,
        **details,
    )
    if not agent_credited_at(agent=person, event=happening):
        credit_add(
            event=happening, agent=person, role=Credit.Role.SOLOIST, instrument=importer.instrument
        )
    importer.cite(happening, fact["evidence"])
    return happening


def career_import(importer: Importer, person: Agent, facts: ReadFacts) -> None:
    _performed_with(importer, person, facts)
    concerts = _concerts(importer, person, facts)
    _festivals(importer, person, facts)
    _recordings(importer, person, facts)
    the_concert = concerts[0] if len(concerts) == 1 else None
    accolades = moments_import(importer, person, facts, the_concert)
    reviews_import(importer, person, facts, the_concert, accolades)
    _ending(importer, person, facts)


def _performed_with(importer: Importer, person: Agent, facts: ReadFacts) -> None:
    """Ensembles and conductors: several performances told as one, crediting each."""
    outcome = importer.outcome
    assert outcome is not None
    for kind, role, label, agent_kind in (
        ("ensembles", Credit.Role.ORCHESTRA, "with", Agent.Kind.ENSEMBLE),
        ("conductors", Credit.Role.CONDUCTOR, "under", Agent.Kind.PERSON),
    ):
        for fact in facts["ensembles"] if kind == "ensembles" else facts["conductors"]:
            name = fact["name"]
            if (
                kind == "conductors"
                and name[:1].islower()
                and any(_same_sentence(importer.text, fact, f) for f in facts["festivals"])
            ):
                continue  # "with renowned conductors ... at festivals": credited there
            regions = _regions(name)
            happening = _event(
                importer,
                person,
                fact,
                f"Performances {label} {name}",
                vague=role if name[:1].islower() else "",
                several=True,
                venue=importer.area(regions[0]) if len(regions) == 1 else None,
            )
            if name[:1].islower():  # "various orchestras": kept as the words of the text
                held = several_told(
                    performer=person, kind=happening.kind, venue=happening.venue, vague_role=role
                )
                if held != happening:  # unless the record tells them in its own words
                    credit_add(event=happening, role=role, credited_as=name)
            else:
                chosen = importer.agent(name, agent_kind, record=fact.get("record"))
                credit_add(event=happening, agent=chosen, role=role)
            outcome.facts[kind] += 1


def _concerts(importer: Importer, person: Agent, facts: ReadFacts) -> list[Event]:
    """A concert at each venue; when there is one, the works told are its programme."""
    outcome = importer.outcome
    assert outcome is not None
    works = [(fact, importer.work(fact)) for fact in facts["works"]]
    concerts = []
    for told in facts["venues"]:
        city = importer.place(told["city"], Place.Kind.CITY) if told["city"] else None
        venue = importer.place(
            told["name"], Place.Kind.BUILDING, parent=city, record=told.get("record")
        )
        concerts.append(
            _event(
                importer,
                person,
                told,
                f"{person.name} at {venue.name}",
                venue=venue,
                date=PartialDate(told["year"]) if told["year"] else None,
            )
        )
        outcome.facts["venues"] += 1
    if works and len(concerts) == 1 and concerts[0].programme is None:
        concert = concerts[0]
        concert.programme = programme_create(
            items=[
                ItemSpec(
                    work=work,
                    title_as_printed=importer.text[
                        fact["evidence"]["start"] : fact["evidence"]["end"]
                    ],
                )
                for fact, work in works
            ]
        )
        concert.save(update_fields=["programme"])
        for item in concert.programme.items.all():
            credit_add(
                item=item, agent=person, role=Credit.Role.SOLOIST, instrument=importer.instrument
            )
    for fact, work in works:
        importer.cite(work, fact["evidence"])
        outcome.facts["works"] += 1
    return concerts


def _festivals(importer: Importer, person: Agent, facts: ReadFacts) -> None:
    outcome = importer.outcome
    assert outcome is not None
    for fact in facts["festivals"]:
        several = fact["name"][:1].islower()
        name = fact["name"][:1].upper() + fact["name"][1:]
        # "festivals in Europe and Asia": festival performances in each, conducted by the
        # vague conductors the same sentence names ("renowned conductors").
        places: list[str | None] = [*_regions(fact["name"])] or [None]
        vague = [
            c["name"]
            for c in facts["conductors"]
            if c["name"][:1].islower() and _same_sentence(importer.text, fact, c)
        ]
        for region in places:
            happening = _event(
                importer,
                person,
                fact,
                f"Festival performances in {region}" if region else name,
                kind=Event.Kind.FESTIVAL_PERFORMANCE,
                several=several,
                venue=importer.area(region) if region else None,
                date=PartialDate(fact["year"]) if fact["year"] else None,
            )
            for credited in vague:
                credit_add(event=happening, role=Credit.Role.CONDUCTOR, credited_as=credited)
        outcome.facts["festivals"] += 1


def _recordings(importer: Importer, person: Agent, facts: ReadFacts) -> None:
    outcome = importer.outcome
    assert outcome is not None
    for fact in facts["recordings"]:
        words = f"Recorded {fact['title']}" + (f" for {fact['label']}" if fact["label"] else "")
        milestone = milestone_add(
            agent=person,
            kind=Milestone.Kind.CAREER,
            text=words + ".",
            date=PartialDate(fact["year"]) if fact["year"] else None,
            narrative_order=fact["order"] * 10,
        )
        importer.cite(milestone, fact["evidence"])
        outcome.facts["recordings"] += 1


def _ending(importer: Importer, person: Agent, facts: ReadFacts) -> None:
    ending = facts["retired_or_died"]
    if ending and ending["kind"] == "retired":
        milestone = milestone_add(
            agent=person,
            kind=Milestone.Kind.RETIREMENT,
            text="Retired from performing.",
            date=PartialDate(ending["year"]) if ending["year"] else None,
            narrative_order=10_000,
        )
        importer.cite(milestone, ending["evidence"])
    elif ending and ending["year"] and person.end_year is None:
        person.end_year = ending["year"]
        person.save(update_fields=["end_year"])
