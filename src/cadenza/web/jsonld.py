"""schema.org descriptions of the public pages (Person, Place, MusicComposition, MusicEvent).
A work is named as every page names it (`repertoire.selectors.shown_title`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cadenza.events.models import Event
from cadenza.people.models import Agent, Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work
from cadenza.repertoire.selectors import shown_title

JsonLd = dict[str, Any]


def _url(request: HttpRequest, obj: Any) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def agent_jsonld(request: HttpRequest, agent: Agent) -> JsonLd:
    kind = {"person": "Person", "ensemble": "MusicGroup"}.get(agent.kind, "Organization")
    data: JsonLd = {"@context": "https://schema.org", "@type": kind, "name": agent.name}
    data["url"] = _url(request, agent)
    if agent.summary:
        data["description"] = agent.summary
    if agent.kind == Agent.Kind.PERSON:
        if agent.begin:
            data["birthDate"] = agent.begin.iso()
        if agent.begin_place:
            data["birthPlace"] = {"@type": "Place", "name": agent.begin_place.name}
        if agent.end:
            data["deathDate"] = agent.end.iso()
    elif agent.begin:
        data["foundingDate"] = agent.begin.iso()
    return data


def _place_kind(place: Place) -> str:
    return "MusicVenue" if place.kind in (Place.Kind.HALL, Place.Kind.BUILDING) else "Place"


def place_jsonld(request: HttpRequest, place: Place, chain: list[Place] | None = None) -> JsonLd:
    """`chain`: the places it sits in, nearest first (hall, building, city, country)."""
    data: JsonLd = {"@context": "https://schema.org", "@type": _place_kind(place)}
    data.update(name=place.name, url=_url(request, place))
    # Nested outward: a hall names its building, which names its city, and so on.
    container: JsonLd | None = None
    for outer in reversed(chain or []):
        node: JsonLd = {
            "@type": _place_kind(outer),
            "name": outer.name,
            "url": _url(request, outer),
        }
        if container:
            node["containedInPlace"] = container
        container = node
    if container:
        data["containedInPlace"] = container
    if place.address:
        data["address"] = place.address
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    if place.capacity:
        data["maximumAttendeeCapacity"] = place.capacity
    return data


def work_jsonld(request: HttpRequest, work: Work, authorships: list[Authorship]) -> JsonLd:
    data: JsonLd = {"@context": "https://schema.org", "@type": "MusicComposition"}
    data.update(name=shown_title(work), url=_url(request, work))
    composers = [a.agent.name for a in authorships if a.role == Authorship.Role.COMPOSER]
    if composers:
        data["composer"] = [{"@type": "Person", "name": name} for name in composers]
    if work.key:
        data["musicalKey"] = work.key
    numbers = [str(n) for n in work.catalogue_numbers.all()]
    if numbers:
        data["identifier"] = numbers
    if work.form:
        data["musicCompositionForm"] = work.form
    return data


def event_jsonld(request: HttpRequest, event: Event) -> JsonLd:
    data: JsonLd = {"@context": "https://schema.org", "@type": "MusicEvent"}
    data.update(name=event.name or event.get_kind_display(), url=_url(request, event))
    if event.starts_at:
        data["startDate"] = event.starts_at.isoformat()
    elif event.date:
        data["startDate"] = event.date.iso()
    status = {
        Event.Status.CANCELLED: "EventCancelled",
        Event.Status.POSTPONED: "EventPostponed",
    }.get(event.status, "EventScheduled")  # type: ignore[call-overload]
    data["eventStatus"] = f"https://schema.org/{status}"
    if event.venue:
        data["location"] = {"@type": "MusicVenue", "name": event.venue.name}
    performers = [
        {
            "@type": "Person" if c.agent.kind == Agent.Kind.PERSON else "MusicGroup",
            "name": c.agent.name,
        }
        for c in event.credits.all()
        if c.agent
    ]
    if performers:
        data["performer"] = performers
    if event.programme:
        items = [i for i in event.programme.items.all() if i.work is not None]
        if items:
            data["workPerformed"] = [_composition(request, i.work) for i in items if i.work]
            # One sub-event per work played: who played it, in the concert's time and place.
            data["subEvent"] = [_work_event(request, data, item) for item in items]
    return data


def _composition(request: HttpRequest, work: Work) -> JsonLd:
    return {"@type": "MusicComposition", "name": shown_title(work), "url": _url(request, work)}


def _performer(agent: Agent) -> JsonLd:
    kind = "Person" if agent.kind == Agent.Kind.PERSON else "MusicGroup"
    return {"@type": kind, "name": agent.name}


def _work_event(request: HttpRequest, concert: JsonLd, item: Any) -> JsonLd:
    sub: JsonLd = {"@type": "MusicEvent", "name": shown_title(item.work)}
    sub["workPerformed"] = _composition(request, item.work)
    for key in ("startDate", "location", "eventStatus"):
        if key in concert:
            sub[key] = concert[key]
    performers = [_performer(c.agent) for c in item.credits.all() if c.agent]
    if performers:
        sub["performer"] = performers
    return sub
