"""`cadenza bio import`: a trusted biography into the record, every fact cited by its span.

One transaction: the text is kept as a document source (keyed by its hash, so the same
text imported twice is one source), each fact is written through the same services the
demo uses, linked to what the record holds or new when nothing matches, and cited by the
words it was read from. Every service finds before it creates, so a second import of the
same text adds nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction

from cadenza.events.models import Credit, Event
from cadenza.events.services import ItemSpec, award_add, credit_add, event_ensure, programme_create
from cadenza.ingest.biography.linking import agent_linked, place_linked, work_linked
from cadenza.ingest.biography.moments import MILESTONES, read_moments
from cadenza.ingest.biography.reading import LISTS, BiographyError, read_biography
from cadenza.ingest.demo_repertoire import reference_work, work_made
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
from cadenza.press.services import quote_add, review_add
from cadenza.repertoire.models import Instrument, Work
from cadenza.repertoire.performers import performer_noun
from cadenza.repertoire.services import instrument_ensure, work_ensure

CONTINENTS = ("Europe", "Asia", "Africa", "North America", "South America", "Oceania", "Australia")
# "various orchestras throughout Russia", "festivals in Europe and Asia": where vague facts are.
_WHERE = re.compile(
    r"\b(?:throughout|across|in|around)\s+(?:the\s+)?([A-Z]\w+(?:\s+[A-Z]\w+)?"
    r"(?:\s+and\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)?)$"
)


def _regions(name: str) -> list[str]:
    where = _WHERE.search(name) if name[:1].islower() else None
    return where.group(1).split(" and ") if where else []


def _same_sentence(text: str, one: dict[str, Any], other: dict[str, Any]) -> bool:
    a, b = sorted((one["evidence"]["start"], other["evidence"]["start"]))
    return not re.search(r"[.!?]\s", text[a:b])


M = TypeVar("M", bound=models.Model)


def _chosen(model: type[M], pk: int) -> M:
    """The record a reviewer chose; a choice that names no record is bad input."""
    chosen = model._default_manager.filter(pk=pk).first()
    if chosen is None:
        raise BiographyError(f"no {model._meta.verbose_name} {pk} in the record to link to")
    return chosen


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
        self.instrument: Instrument | None = None  # the person's, when they play only one

    def area(self, name: str) -> Place:
        """A country or a part of the world named by a vague fact ("throughout Russia")."""
        found = place_linked(name)
        self.note(name, found is not None)
        if found is not None:
            return found
        if name in CONTINENTS:
            return place_ensure(name=name, kind=Place.Kind.REGION)
        known = gazetteer.country(name)
        if known:
            return place_ensure(name=known[1], kind=Place.Kind.COUNTRY, country_code=known[0])
        return place_ensure(name=name, kind=Place.Kind.REGION)

    def cite(self, record: models.Model, fact: dict[str, Any]) -> None:
        span = fact["evidence"]
        cite(source=self.source, record=record, span=(span["start"], span["end"]))

    def note(self, name: str, linked: bool) -> None:
        assert self.outcome is not None
        (self.outcome.linked if linked else self.outcome.created).append(name)

    # `record` is a reviewer's choice: an entity's id, 0 for "new" (no link by alias or
    # likeness; a record of exactly that name is still the same record), None to link as read.
    def agent(self, name: str, kind: str, record: int | None = None) -> Agent:
        if record:
            chosen = _chosen(Agent, record)
            self.note(chosen.name, True)
            return chosen
        found = agent_linked(name, kind=kind) if record is None else None
        self.note(name, found is not None)
        return found or agent_ensure(name=name, kind=kind)

    def place(
        self, name: str, kind: str, parent: Place | None = None, record: int | None = None
    ) -> Place:
        if record:
            chosen = _chosen(Place, record)
            self.note(chosen.name, True)
            return chosen
        if record == 0:
            self.note(name, False)
            return place_ensure(name=name, kind=kind, parent=parent)
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
        record = fact.get("record")
        if record:
            chosen = _chosen(Work, record)
            self.note(chosen.title, True)
            return chosen
        if record == 0:
            # "new": not linked to a work of the record, but still the reference work of
            # that title when there is one (BWV 1007 with its composer and movements).
            self.note(fact["title"], False)
            return self._new_work(fact)
        found = work_linked(
            title=fact["title"], composer=fact["composer"], catalogue=fact["catalogue"]
        )
        self.note(fact["title"], found is not None)
        if found is not None:
            return found
        return self._new_work(fact)

    def _new_work(self, fact: dict[str, Any]) -> Work:
        """New to the record: a work of the reference repertoire comes with its composer
        and movements ("Bach's Cello Suite No. 1" is BWV 1007)."""
        known = reference_work(
            title=fact["title"], composer=fact["composer"], catalogue=fact["catalogue"]
        )
        return work_made(known) if known else work_ensure(title=fact["title"])


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
        importer.cite(tie, fact)
        outcome.facts["studied_at"] += 1
    # A teacher named with a school counts as a teacher too (the caller's facts stay as given).
    teachers = facts["teachers"] + [
        {"name": f["teacher"], "evidence": f["evidence"], "order": f["order"]}
        for f in facts["studied_at"]
        if f["teacher"]
    ]
    for fact in teachers:
        teacher = importer.agent(fact["name"], Agent.Kind.PERSON, record=fact.get("record"))
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
        at = fact["evidence"]["start"]
        told = importer.text[max(0, at - 12) : fact["evidence"]["end"]]
        won = not fact["prize"] and re.search(r"(?i)\b(?:won|winner\s+of)\b", told)
        award = award_add(
            agent=person,
            competition_as_stated=fact["competition"],
            prize=fact["prize"] or ("Winner" if won else ""),
            rank=1 if won else None,
            year=fact["year"],
            narrative_order=fact["order"] * 10,
            represents_several=several,
        )
        importer.cite(award, fact)
        outcome.facts["awards"] += 1
    for fact in facts["positions"]:
        ensemble = importer.agent(fact["ensemble"], Agent.Kind.ENSEMBLE, record=fact.get("record"))
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


def _order(facts: dict[str, Any], at: int) -> int:
    """A moment's narrative order among the facts (each fact's is its order times ten)."""
    told = [f for kind in LISTS for f in facts[kind] if f["evidence"]["start"] < at]
    return max((f["order"] for f in told), default=0) * 10 + 5


def _moments(
    importer: _Importer, person: Agent, facts: dict[str, Any], concert: Event | None
) -> dict[str, Any] | None:
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
            record = event_ensure(
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
            accolades = {**moment, "text": sentence, "order": order}
            continue  # cited with its review
        else:
            continue
        importer.cite(record, moment)
        outcome.facts["moments"] += 1
    return accolades


def _event(
    importer: _Importer, person: Agent, fact: dict[str, Any], name: str, **details: Any
) -> Event:
    several = details.pop("several", False)
    happening = event_ensure(
        name=name,
        narrative_order=fact["order"] * 10,
        represents_several=several,
        performer=person,
        **details,
    )
    credit_add(
        event=happening, agent=person, role=Credit.Role.SOLOIST, instrument=importer.instrument
    )
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
                several=True,
                venue=importer.area(regions[0]) if len(regions) == 1 else None,
            )
            if name[:1].islower():  # "various orchestras": kept as the words of the text
                credit_add(event=happening, role=role, credited_as=name)
            else:
                chosen = importer.agent(name, agent_kind, record=fact.get("record"))
                credit_add(event=happening, agent=chosen, role=role)
            outcome.facts[kind] += 1
    works = [(fact, importer.work(fact)) for fact in facts["works"]]
    concerts = []
    for fact in facts["venues"]:
        city = importer.place(fact["city"], Place.Kind.CITY) if fact["city"] else None
        venue = importer.place(
            fact["name"], Place.Kind.BUILDING, parent=city, record=fact.get("record")
        )
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
        importer.cite(work, fact)
        outcome.facts["works"] += 1
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
    the_concert = concerts[0] if len(concerts) == 1 else None
    accolades = _moments(importer, person, facts, the_concert)
    _reviews(importer, person, facts, the_concert, accolades)
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
    importer: _Importer,
    person: Agent,
    facts: dict[str, Any],
    concert: Event | None,
    accolades: dict[str, Any] | None,
) -> None:
    """One review per critic or publication, with its quotes; the accolades the text tells
    of ("glowing reviews from critics") are the summary of the unnamed critics' review."""
    outcome = importer.outcome
    assert outcome is not None
    by_source: dict[tuple[str, str], list[dict[str, Any]]] = {}
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
            summary=accolades["text"] if unnamed and accolades else "",
            quotes=[q["quote"] for q in quotes],
            narrative_order=(quotes[0]["order"] * 10 if quotes else 0)
            or (accolades["order"] if accolades else None),
        )
        for fact in quotes:
            importer.cite(review, fact)
            # Each quote is cited at its own words too: a review quoted by two documents.
            importer.cite(quote_add(review=review, text=fact["quote"]), fact)
        if unnamed and accolades:
            importer.cite(review, accolades)
        outcome.facts["reviews"] += len(quotes) or 1  # a review told without a quote
