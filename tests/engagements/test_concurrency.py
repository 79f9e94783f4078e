"""Two managers move the same engagement at once: one wins, the other is told."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from cadenza.engagements.errors import Stale
from cadenza.engagements.models import Engagement, State
from cadenza.engagements.services import engagement_create, engagement_move
from tests.factories import AgentFactory


@pytest.mark.django_db(transaction=True)
def test_of_two_moves_made_from_one_version_exactly_one_wins():
    if connection.vendor == "sqlite":
        # The in-memory test database's shared cache refuses a second writer at once
        # ("table is locked") where a file waits its turn; SQLite lets one writer in at a
        # time anyway, and the version check is tested on it in test_services.
        pytest.skip("a race of two writers needs a database file or PostgreSQL")
    engagement = engagement_create(
        artist=AgentFactory(), presenter=AgentFactory(kind="organisation"), title="Debut"
    )
    seen = engagement.version
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def move(to_state: str) -> None:
        from django.db import connections

        start.wait()
        try:
            engagement_move(
                engagement=Engagement.objects.get(pk=engagement.pk),
                to_state=to_state,
                version=seen,
                reason=to_state,
            )
            outcomes[to_state] = "moved"
        except Stale:
            outcomes[to_state] = "told"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(s,)) for s in (State.DECLINED, State.RELEASED)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["moved", "told"]
    engagement.refresh_from_db()
    winner = next(state for state, outcome in outcomes.items() if outcome == "moved")
    assert engagement.state == winner
    assert engagement.changes.filter(to_value=winner).count() == 1
