"""Find what a biography names in the record: places, agents and works.

A name links when the record holds it (or an alias or former name of it), ignoring case
and accents; nothing matching, the importer proposes (creates) a new entity.
"""

from __future__ import annotations

import re

from django.db.models import Q

from cadenza.people.models import Agent, Authorship
from cadenza.people.selectors import agents_named
from cadenza.places.models import Place
from cadenza.repertoire.models import CatalogueNumber, Work

# A catalogue number as a text writes it, the catalogue and the number: "BWV 1007", "Op. 77".
CATALOGUE_NUMBER = re.compile(r"\s*([A-Za-z.]+?)\.?\s*([\w:./-]+)\s*")


def place_linked(name: str) -> Place | None:
    """A place by its name or a former name; a building before the hall inside it."""
    found = Place.objects.filter(Q(name__iexact=name) | Q(names__name__iexact=name)).distinct()
    ranked = sorted(found, key=lambda p: (p.kind == Place.Kind.HALL, p.pk))
    return ranked[0] if ranked else None


def agent_linked(name: str, *, kind: str | None = None) -> Agent | None:
    """An agent by name or alias (case, accents and word order aside), of the kind given."""
    found = [a for a in agents_named(name=name) if kind is None or a.kind == kind]
    return found[0] if len(found) == 1 else None


def work_linked(*, title: str, composer: str | None, catalogue: str | None) -> Work | None:
    """A work by its catalogue number, else by the start of its title and its composer."""
    if catalogue:
        match = CATALOGUE_NUMBER.fullmatch(catalogue)
        if match:
            number = (
                CatalogueNumber.objects.filter(
                    catalogue__iexact=match.group(1).rstrip("."), number__iexact=match.group(2)
                ).first()
                or CatalogueNumber.objects.filter(
                    catalogue__iexact=match.group(1), number__iexact=match.group(2)
                ).first()
            )
            if number is not None:
                return number.work
    candidates = Work.objects.filter(title__istartswith=title, parent__isnull=True)
    if composer:
        by = Authorship.objects.filter(agent__name__icontains=composer).values("work_id")
        candidates = candidates.filter(pk__in=by)
    found = list(candidates[:2])
    return found[0] if len(found) == 1 else None
