"""The record's names, read once for the review page: what each fact links to, and the
records a reviewer may choose instead, found with a fixed number of queries however many
facts a text states (two for agents, two for places, three for works, each read only when
a fact of its kind is there).

The matching is `linking.py`'s (name or alias, case, accents and word order aside; a
building before the hall inside it; a work by catalogue number, else by the start of its
title and its composer), done in memory over the names instead of one query per fact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

from cadenza.ingest.biography.linking import CATALOGUE_NUMBER
from cadenza.people.models import Agent, Alias, Authorship
from cadenza.people.names import called
from cadenza.places.models import Place, PlaceName
from cadenza.repertoire.models import CatalogueNumber, Work

CHOICES = 8
_LONG_WORD = re.compile(r"\w{4,}")  # the words a name shares with others


class RecordNames:
    @cached_property
    def _agents(self) -> tuple[dict[int, str], list[tuple[int, str]]]:
        names = dict(Agent.objects.order_by().values_list("pk", "name"))
        aliases = Alias.objects.order_by().values_list("agent_id", "name")
        return names, [*names.items(), *aliases]

    @cached_property
    def _places(self) -> tuple[dict[int, tuple[str, str]], list[tuple[int, str]]]:
        rows = Place.objects.order_by().values_list("pk", "name", "kind")
        places = {pk: (name, kind) for pk, name, kind in rows}
        former = PlaceName.objects.order_by().values_list("place_id", "name")
        return places, [*((pk, name) for pk, (name, _) in places.items()), *former]

    @cached_property
    def _works(self) -> tuple[dict[int, str], list[tuple[int, str, str]], dict[int, list[str]]]:
        titles = dict(
            Work.objects.filter(parent__isnull=True).order_by().values_list("pk", "title")
        )
        numbers = list(
            CatalogueNumber.objects.order_by().values_list("work_id", "catalogue", "number")
        )
        composers: dict[int, list[str]] = defaultdict(list)
        for work_id, name in Authorship.objects.order_by().values_list("work_id", "agent__name"):
            composers[work_id].append(name.casefold())
        return titles, numbers, composers

    def agent(self, name: str) -> int | None:
        found = called(name, self._agents[1])
        return found.pop() if len(found) == 1 else None

    def place(self, name: str) -> int | None:
        places, every = self._places
        wanted = name.casefold()
        found = {pk for pk, known in every if known.casefold() == wanted}
        ranked = sorted(found, key=lambda pk: (places[pk][1] == Place.Kind.HALL, pk))
        return ranked[0] if ranked else None

    def work(self, *, title: str, composer: str | None, catalogue: str | None) -> int | None:
        titles, numbers, composers = self._works
        match = CATALOGUE_NUMBER.fullmatch(catalogue or "")
        if match:
            series = {match.group(1).rstrip(".").casefold(), match.group(1).casefold()}
            for work_id, known, number in numbers:
                if known.casefold() in series and number.casefold() == match.group(2).casefold():
                    return work_id
        start = title.casefold()
        found = [pk for pk, known in titles.items() if known.casefold().startswith(start)]
        if composer:
            wanted = composer.casefold()
            found = [pk for pk in found if any(wanted in name for name in composers[pk])]
        return found[0] if len(found) == 1 else None

    def label(self, model: type, pk: int) -> str:
        if model is Agent:
            return self._agents[0].get(pk, "")
        if model is Place:
            return self._places[0].get(pk, ("", ""))[0]
        return self._works[0].get(pk) or str(Work.objects.get(pk=pk))  # a movement

    def choices(self, model: type, name: str, linked: int | None) -> list[tuple[int, str]]:
        """The record found, then those sharing the longest word of the name, by name."""
        words = sorted(_LONG_WORD.findall(name), key=len, reverse=True)
        if not words and linked is None:
            return []
        pool: dict[int, str]
        if model is Agent:
            pool = self._agents[0]
        elif model is Place:
            pool = {pk: label for pk, (label, _) in self._places[0].items()}
        else:
            pool = self._works[0]
        word = words[0].casefold() if words else None
        found = sorted(
            (pk for pk, label in pool.items() if word and word in label.casefold()),
            key=lambda pk: pool[pk],
        )[:CHOICES]
        if linked is not None and linked not in found:
            found.insert(0, linked)
        return [(pk, self.label(model, pk)) for pk in found]
