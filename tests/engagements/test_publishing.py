"""A completed, published engagement's performances are events of the record, cited to it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.publishing import (
    engagement_publish,
    engagement_unpublish,
    performance_link_event,
)
from cadenza.engagements.services import engagement_create, performance_add, programme_set
from cadenza.events.models import Credit, Event
from cadenza.ingest.models import Citation, Source
from tests.factories import AgentFactory, CitationFactory, EventFactory, PlaceFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed():
    artist = AgentFactory(name="Alessio Kalmurzaev")
    hall = AgentFactory(name="Carnegie Hall Corporation", kind="organisation")
    engagement = engagement_create(
        artist=artist, presenter=hall, title="Kalmurzaev at Carnegie Hall", venue=PlaceFactory()
    )
    performance_add(engagement=engagement, day=date(2026, 3, 14))
    programme_set(
        engagement=engagement,
        entries=[WorkFactory(title="Partita No. 2"), timedelta(minutes=20)],
    )
    Engagement.objects.filter(pk=engagement.pk).update(state=State.COMPLETED)
    engagement.refresh_from_db()
    return engagement


def test_publishing_makes_the_event_with_its_programme_credits_and_source(completed):
    (event,) = engagement_publish(engagement=completed)
    assert (event.name, event.date_year, event.date_month, event.date_day) == (
        "Kalmurzaev at Carnegie Hall",
        2026,
        3,
        14,
    )
    assert event.status == Event.Status.TOOK_PLACE
    items = [(i.kind, i.work and i.work.title) for i in event.programme.items.order_by("position")]
    assert items == [("work", "Partita No. 2"), ("intermission", None)]
    roles = {(c.agent.name, c.role) for c in event.credits.select_related("agent")}
    assert roles == {
        ("Alessio Kalmurzaev", Credit.Role.SOLOIST),
        ("Carnegie Hall Corporation", Credit.Role.PRESENTER),
    }
    source = Source.objects.get(key=f"engagement:{completed.pk}")
    assert source.kind == Source.Kind.ENGAGEMENT
    assert Citation.objects.filter(source=source, object_id=event.pk).exists()
    assert engagement_publish(engagement=completed) == [event]  # idempotent
    assert Event.objects.count() == 1


def test_nothing_is_published_before_the_concert(completed):
    Engagement.objects.filter(pk=completed.pk).update(state=State.CONFIRMED)
    completed.refresh_from_db()
    with pytest.raises(Invalid, match="Only a completed engagement is published"):
        engagement_publish(engagement=completed)
    assert not Event.objects.exists()


def test_a_performance_the_biography_tells_is_completed_not_doubled(completed):
    told = EventFactory(name="Alessio Kalmurzaev at Carnegie Hall")
    CitationFactory(record=told)
    performance_link_event(performance=completed.performances.get(), event=told)
    (event,) = engagement_publish(engagement=completed)
    assert event.pk == told.pk and Event.objects.count() == 1
    engagement_unpublish(engagement=completed)
    assert Event.objects.filter(pk=told.pk).exists()  # another source still tells it
    assert not told.credits.filter(role=Credit.Role.PRESENTER).exists()  # only it told that
    assert not Citation.objects.filter(source__kind=Source.Kind.ENGAGEMENT).exists()


def test_unpublishing_removes_what_only_the_engagement_told(completed):
    engagement_publish(engagement=completed)
    engagement_unpublish(engagement=completed)
    assert not Event.objects.exists()
    completed.refresh_from_db()
    assert not completed.published and completed.performances.get().event is None
