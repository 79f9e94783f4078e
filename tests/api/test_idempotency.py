"""Idempotency keys under a race: two requests sent at once with one key (a client that
retried before the first answer came) make one engagement and get one answer."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from cadenza.accounts.models import ArtistAccess
from cadenza.accounts.services import token_create
from cadenza.engagements.models import Engagement
from tests.api.bookings import Caller
from tests.factories import ArtistAccessFactory, OrganisationFactory


@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_with_one_key_do_it_once() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("a race of two writers needs a database file or PostgreSQL")
    access = ArtistAccessFactory(role=ArtistAccess.Role.MANAGER)
    _, secret = token_create(user=access.user, name="crm")
    body = {"artist": access.agent.pk, "presenter": OrganisationFactory().pk, "title": "Once"}
    start = threading.Barrier(2)
    answers: list[Any] = []

    def send() -> None:
        from django.db import connections

        start.wait()
        try:
            answers.append(
                Caller(secret).post("/api/v1/engagements", body, **{"Idempotency-Key": "race"})
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].content == answers[1].content
    assert Engagement.objects.filter(title="Once").count() == 1
