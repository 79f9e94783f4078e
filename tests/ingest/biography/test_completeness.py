"""`cadenza bio import` of each founding text into an empty record is as complete as the
hand-entered demo: every fact of the demo has its counterpart in the import, field by field.

The demo is loaded inside a savepoint, read into plain values and rolled back; then each
text is imported into the empty record and read the same way. Every difference is listed
(a fact the import lacks, or a field it holds differently), so a failure says what is
missing. The import may hold more than the demo (the texts say more than was entered).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from cadenza.events.models import Award, Event
from cadenza.ingest.biography.importer import biography_import
from cadenza.ingest.demo import load_demo
from cadenza.ingest.models import Citation
from cadenza.people.models import Agent, Relationship
from cadenza.press.models import Review
from tests.ingest.biography.test_reading import INZAGHI, KALMURZAEV

pytestmark = pytest.mark.django_db

Fact = tuple[str, dict[str, Any]]


def _names(agent: Agent | None) -> frozenset[str]:
    """An agent by every name it holds: the demo's Moscow Conservatory is also the text's
    Tchaikovsky Conservatory."""
    if agent is None:
        return frozenset()
    return frozenset({agent.name.lower(), *(a.name.lower() for a in agent.aliases.all())})


def _cited(record: Any) -> bool:
    return Citation.objects.filter(
        content_type__model=record._meta.model_name, object_id=record.pk, span_start__isnull=False
    ).exists()


def _facts(person: Agent) -> list[Fact]:
    """What the record holds of one person, as plain values to compare."""
    facts: list[Fact] = [
        (
            "person",
            {
                "name": person.name,
                "birth place": person.begin_place.name if person.begin_place else None,
                "instruments": sorted(i.instrument.name for i in person.instruments.all()),
                "cited": _cited(person),
            },
        )
    ]
    for milestone in person.milestones.all():
        facts.append(("milestone", {"kind": milestone.kind, "cited": _cited(milestone)}))
    for tie in Relationship.objects.filter(subject=person) | Relationship.objects.filter(
        target=person
    ):
        other = tie.target if tie.subject == person else tie.subject
        facts.append(
            (
                f"relationship {tie.kind}",
                {
                    "with": _names(other),
                    "instrument": tie.instrument.name if tie.instrument else None,
                    "cited": _cited(tie),
                },
            )
        )
    for award in Award.objects.filter(agent=person):
        facts.append(
            (
                "award",
                {
                    "competition": award.competition_as_stated,
                    "prize": award.prize,
                    "several": award.represents_several,
                    "cited": _cited(award),
                },
            )
        )
    events = Event.objects.filter(credits__agent=person) | Event.objects.filter(
        programme__items__credits__agent=person
    )
    for event in events.distinct():
        credits = list(event.credits.all())
        mine = next((c for c in credits if c.agent == person), None)
        items = list(event.programme.items.all()) if event.programme else []
        facts.append(
            (
                f"event {event.kind}",
                {
                    "venue": event.venue.name if event.venue else None,
                    "several": event.represents_several,
                    "audience": event.attendance_note,
                    "instrument": mine.instrument.name if mine and mine.instrument else None,
                    "others": sorted(
                        (c.role, c.credited_as or c.agent.name if c.agent else c.credited_as)
                        for c in credits
                        if c.agent != person
                    ),
                    "works": [
                        (
                            str(item.work.catalogue_numbers.first()),
                            item.work.movements.count(),
                            sorted(a.agent.name for a in item.work.authorships.all()),
                        )
                        for item in items
                        if item.work
                    ],
                    "printed as": [item.title_as_printed for item in items],
                    "played on": sorted(
                        c.instrument.name
                        for item in items
                        for c in item.credits.all()
                        if c.agent == person and c.instrument
                    ),
                    "cited": _cited(event),
                },
            )
        )
    for review in Review.objects.filter(subjects=person):
        facts.append(
            (
                "review",
                {
                    "of": review.event.venue.name if review.event and review.event.venue else None,
                    "summary": bool(review.summary),
                    "quotes": [q.text for q in review.quotes.all()],
                    "critic": review.critic,
                    "publication": review.publication,
                    "cited": _cited(review),
                },
            )
        )
    return facts


def _same(demo: Any, imported: Any) -> bool:
    if demo is None or demo in ("", []):
        return True  # the demo holds nothing here; the import may hold more
    if isinstance(demo, frozenset):
        return bool(demo & imported) or demo == imported
    if isinstance(demo, str) and isinstance(imported, str):
        a, b = demo.lower(), imported.lower()
        return a == b or bool(a and b and (a in b or b in a))
    if isinstance(demo, list) and isinstance(imported, list) and len(demo) == len(imported):
        return all(_same(a, b) for a, b in zip(demo, imported, strict=True))
    if isinstance(demo, tuple) and isinstance(imported, tuple) and len(demo) == len(imported):
        return all(_same(a, b) for a, b in zip(demo, imported, strict=True))
    return bool(demo == imported)


def differences(demo: list[Fact], imported: list[Fact]) -> list[str]:
    """Each demo fact the import lacks, or holds with other values (field by field)."""
    left = list(imported)
    out = []
    for kind, fields in demo:
        candidates = [(k, f) for k, f in left if k == kind]
        if not candidates:
            out.append(f"{kind} {fields}: missing from the import")
            continue
        best = min(
            candidates,
            key=lambda c: sum(not _same(v, c[1].get(key)) for key, v in fields.items()),
        )
        left.remove(best)
        for key, value in fields.items():
            if not _same(value, best[1].get(key)):
                out.append(f"{kind} {key}: demo {value!r}, import {best[1].get(key)!r}")
    return out


@pytest.mark.parametrize(
    ("name", "text"),
    [("Alessio Kalmurzaev", KALMURZAEV), ("Alessio Leonardo Inzaghi", INZAGHI)],
)
def test_each_founding_text_imports_as_completely_as_the_demo(name: str, text: str) -> None:
    with transaction.atomic():
        load_demo()
        demo = _facts(Agent.objects.get(name=name))
        transaction.set_rollback(True)
    assert not Agent.objects.exists()  # the record is empty again
    imported = _facts(biography_import(text=text).person)
    missing = differences(demo, imported)
    assert not missing, "\n".join(missing)


def test_a_difference_is_listed_field_by_field() -> None:
    demo: list[Fact] = [("award", {"prize": "Winner", "several": True}), ("review", {})]
    imported: list[Fact] = [("award", {"prize": "", "several": True})]
    assert differences(demo, imported) == [
        "award prize: demo 'Winner', import ''",
        "review {}: missing from the import",
    ]
