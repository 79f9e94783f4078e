"""schemathesis against the OpenAPI document, through the WSGI application: every
operation, with valid (positive) and invalid (negative) inputs, on a small record made
here. No server error and no response that breaks the document is allowed.

Bounded (a few examples an operation and mode, derandomised) so that CI runs it in about a
minute on two cores; `.ci/run` runs it in a section of its own (`-m schemathesis`).

schemathesis's own pytest plugin (`schemathesis.pytest`) does not run under pytest 9.2
(it renames test nodes through an attribute pytest no longer has), so the operations are
parametrised here and each runs its hypothesis strategy directly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cadenza.accounts.models import ArtistAccess
from cadenza.accounts.services import token_create
from cadenza.api.main import api
from cadenza.engagements.deals import deal_set
from cadenza.engagements.holds import hold_place
from tests.factories import (
    ArtistAccessFactory,
    CatalogueNumberFactory,
    EngagementFactory,
    EnsembleFactory,
    PlaceFactory,
    QuoteFactory,
    ReviewFactory,
    UserFactory,
)
from tests.web.records import big_event, career, venue_with_events

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db]
# CADENZA_SCHEMATHESIS_EXAMPLES=200 for a deeper run by hand.
EXAMPLES = int(os.environ.get("CADENZA_SCHEMATHESIS_EXAMPLES", "30"))
# The bookings' and the planner's writes refuse, with a 400 naming the field, what no JSON
# schema can say (a state that may not follow, an hour the clocks skip, a deposit due after
# the balance, a season that ends before it starts): valid-looking data may be refused
# there. Every other check holds for them (no 5xx, answers that keep the document).
DOMAIN_RULES = ("/api/v1/engagements", "/api/v1/artists", "/api/v1/plans")
_DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")
OPERATIONS = [
    (method.upper(), path)
    for path, operations in _DOCUMENT["paths"].items()
    for method in operations
]
# (operation, mode): an operation that takes no input has no invalid input to try.
CASES = [
    (method, path, mode)
    for method, path in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE
    or any(_DOCUMENT["paths"][path][method.lower()].get(k) for k in ("parameters", "requestBody"))
]


@pytest.fixture
def record() -> dict[str, str]:
    """A small record of every kind, and a read-write token's header for the signed-in
    operations (the public reads get it too: a token must never change what they answer)."""
    career(2)
    EnsembleFactory(name="Quartetto Alder")
    venue_with_events(2)
    event = big_event(2)
    CatalogueNumberFactory(catalogue="BWV", number="1007")
    QuoteFactory(review=ReviewFactory(event=event, publication="The Times"))
    user = UserFactory(username="crm-user")
    _booking(user)
    _, secret = token_create(user=user, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


def _booking(user: Any) -> None:
    """An artist the token's user manages, with an engagement held on a day with a deal, so
    that the booking operations reach their services rather than stopping at a 404."""
    artist = ArtistAccessFactory(user=user, role=ArtistAccess.Role.MANAGER).agent
    hall = PlaceFactory(name="Booked Hall", timezone="Europe/Vienna")
    engagement = EngagementFactory(pk=1, artist=artist, venue=hall)
    hold_place(engagement=engagement, dates=[date(2030, 6, 1)])
    deal_set(engagement=engagement, currency="EUR", guarantee=Decimal("5000"))


@pytest.fixture
def api_schema(record: dict[str, str]) -> Iterator[Any]:
    """The document, read from the WSGI application that the cases then call. Django
    closes the database connection at the end of each request, which would end the test's
    transaction on PostgreSQL; Django's test client holds that back, and so does this."""
    from cadenza.wsgi import application

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def test_every_operation_is_tried() -> None:
    assert len(OPERATIONS) >= 20
    assert ("DELETE", "/api/v1/auth/tokens/{prefix}") in OPERATIONS


def _without_cursor(case: Any) -> Any:
    # A cursor is opaque: any string fits the document, but only the `next` links the API
    # gave are cursors, so a valid request never makes one up (invalid ones still try).
    if case.query:
        case.query.pop("cursor", None)
    return case


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_the_api_keeps_its_document(
    api_schema: Any, record: dict[str, str], method: str, path: str, mode: GenerationMode
) -> None:
    cases = api_schema[path][method].as_strategy(generation_mode=mode)
    if mode == GenerationMode.POSITIVE:
        cases = cases.map(_without_cursor)

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(headers=record, excluded_checks=excluded)

    excluded = [positive_data_acceptance] if path.startswith(DOMAIN_RULES) else []

    run()
