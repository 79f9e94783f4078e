"""The entities a biography names: found in the record (or a reviewer's choice) or created,
noted as found or new, and cited at the words they were read from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models

from cadenza.ingest.biography.facts import Evidence, WorkFact
from cadenza.ingest.biography.linking import agent_linked, place_linked, work_linked
from cadenza.ingest.biography.reading import BiographyError
from cadenza.ingest.demo_repertoire import reference_work, work_made
from cadenza.ingest.models import Source
from cadenza.ingest.services import cite
from cadenza.people.models import Agent
from cadenza.people.services import (
    agent_ensure,
)
from cadenza.places import gazetteer
from cadenza.places.models import Place
from cadenza.places.services import place_ensure
from cadenza.repertoire.models import Instrument, Work
from cadenza.repertoire.services import work_ensure

CONTINENTS = ("Europe", "Asia", "Africa", "North America", "South America", "Oceania", "Australia")


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


class Importer:
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

    def cite(self, record: models.Model, span: Evidence) -> None:
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

    def work(self, fact: WorkFact) -> Work:
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

    def _new_work(self, fact: WorkFact) -> Work:
        """New to the record: a work of the reference repertoire comes with its composer
        and movements ("Bach's Cello Suite No. 1" is BWV 1007)."""
        known = reference_work(
            title=fact["title"], composer=fact["composer"], catalogue=fact["catalogue"]
        )
        return work_made(known) if known else work_ensure(title=fact["title"])
