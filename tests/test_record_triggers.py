"""The record version's triggers (cadenza.record_triggers): on every table of the
record, on both engines, and back after any `migrate`."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from cadenza.people.models import Agent
from cadenza.record_triggers import (
    OTHER_APPS,
    RECORD_APPS,
    record_tables,
    tables_with_triggers,
)
from cadenza.web.selectors import record_version
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db
PER_TABLE = 1 if connection.vendor == "postgresql" else 3  # per statement / per row and kind


def test_every_app_of_cadenza_is_either_record_or_not():
    """A new app must say whether writes to it change what pages and search show."""
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("cadenza.")}
    assert ours <= set(RECORD_APPS) | set(OTHER_APPS)
    assert not set(RECORD_APPS) & set(OTHER_APPS)


def test_every_record_table_has_its_triggers():
    """Fails for a record table that no migration gave triggers (run `migrate`)."""
    tables = record_tables(apps)
    assert {"people_agent", "events_event", "press_review_subjects"} <= set(tables)
    triggers = tables_with_triggers(connection)
    assert {table: triggers.get(table, 0) for table in tables} == dict.fromkeys(tables, PER_TABLE)
    assert set(triggers) == set(tables)  # and none on other tables (sessions, users)


def test_each_kind_of_write_moves_the_version():
    agent = AgentFactory(name="Isaac Stern")
    with connection.cursor() as cursor:
        for statement in (
            "UPDATE people_agent SET summary = 'Violinist.' WHERE id = %s",
            "INSERT INTO people_alias (agent_id, name, kind) VALUES (%s, 'Stern', 'alias')",
            "DELETE FROM people_alias WHERE agent_id = %s",
        ):
            before = record_version()
            cursor.execute(statement, [agent.pk])
            assert record_version() > before, statement


def test_reading_and_writing_outside_the_record_leave_the_version_alone(django_user_model):
    start = record_version()
    list(Agent.objects.all())
    django_user_model.objects.create_user(username="reader", password="x")
    assert record_version() == start


def test_a_table_that_lost_its_triggers_gets_them_back_at_the_next_migrate():
    """SQLite drops a table's triggers when Django rebuilds it to alter a column."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER record_version ON people_agent")
        else:
            cursor.execute('DROP TRIGGER "people_agent__record_update"')
    assert tables_with_triggers(connection).get("people_agent", 0) == PER_TABLE - 1
    call_command("migrate", verbosity=0)
    assert tables_with_triggers(connection)["people_agent"] == PER_TABLE


def test_a_bulk_load_sets_them_aside_and_moves_the_version_once():
    from django.db import transaction

    from cadenza.record_triggers import set_aside

    before = record_version()
    with transaction.atomic():
        with set_aside(connection, ["people_agent"]):
            AgentFactory.create_batch(3)
            if connection.vendor == "sqlite":
                assert "people_agent" not in tables_with_triggers(connection)
                assert record_version() == before, "no trigger fired per row"
        assert tables_with_triggers(connection)["people_agent"] == PER_TABLE
        assert record_version() > before
        moved = record_version()
        Agent.objects.filter(pk__in=Agent.objects.values("pk")[:1]).update(name="Renamed")
        assert record_version() > moved, "the triggers work again"
    with (
        pytest.raises(RuntimeError, match="halfway"),
        transaction.atomic(),
        set_aside(connection, ["people_agent"]),
    ):
        raise RuntimeError("halfway")
    assert tables_with_triggers(connection)["people_agent"] == PER_TABLE
