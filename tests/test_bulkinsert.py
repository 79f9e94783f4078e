"""Deferred indexes for bulk loads: dropped inside the transaction, rebuilt the same."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction

from cadenza.bulkinsert import indexes_deferred, insert_rows
from cadenza.events.models import Credit, Event


def _indexes(model: type) -> set[tuple[str, tuple[str, ...], bool]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {
        (name, tuple(info["columns"]), bool(info["unique"]))
        for name, info in found.items()
        if info["index"]
    }


@pytest.mark.django_db
def test_plain_indexes_are_dropped_for_the_load_and_rebuilt_after() -> None:
    before = {model: _indexes(model) for model in (Credit, Event)}
    assert any(not unique for _, _, unique in before[Credit])
    with transaction.atomic(), indexes_deferred([Credit, Event], enabled=True):
        during = _indexes(Credit)
        assert not [index for index in during if not index[2]], "plain indexes still there"
        assert {i for i in before[Credit] if i[2]} <= during, "unique indexes must stay"
    assert {model: _indexes(model) for model in (Credit, Event)} == before


@pytest.mark.django_db
def test_a_failed_load_leaves_the_indexes_as_they_were() -> None:
    before = _indexes(Credit)
    with (
        pytest.raises(RuntimeError, match="halfway"),
        transaction.atomic(),
        indexes_deferred([Credit], enabled=True),
    ):
        raise RuntimeError("halfway")
    assert _indexes(Credit) == before


@pytest.mark.django_db
def test_disabled_leaves_the_indexes_alone() -> None:
    before = _indexes(Credit)
    with transaction.atomic(), indexes_deferred([Credit], enabled=False):
        assert _indexes(Credit) == before


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_refuses() -> None:
    with (
        pytest.raises(RuntimeError, match="needs a transaction"),
        indexes_deferred([Credit], enabled=True),
    ):
        pass


@pytest.mark.django_db
def test_aware_datetimes_are_stored_as_the_orm_stores_them() -> None:
    """Rows bypass the ORM; their times must read back as the same instants."""
    evening = datetime(1911, 11, 10, 19, 30, tzinfo=ZoneInfo("America/New_York"))
    morning = datetime(1962, 9, 23, 11, 0, tzinfo=UTC)
    with transaction.atomic():
        insert_rows(
            Event,
            ["id", "name", "kind", "status", "starts_at"],
            [
                (9001, "Evening", "concert", "took_place", evening),
                (9002, "Morning", "concert", "took_place", morning),
                (9003, "Untimed", "concert", "took_place", None),
            ],
        )
    orm = Event.objects.create(
        name="By the ORM", kind="concert", status="took_place", starts_at=evening
    )
    times = dict(Event.objects.values_list("name", "starts_at"))
    assert times["Evening"] == evening == times["By the ORM"]
    assert times["Evening"].utcoffset() is not None
    assert times["Morning"] == morning
    assert times["Untimed"] is None
    assert Event.objects.filter(starts_at=evening).count() == 2
    assert orm.pk


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 9, 60, 199, 200, 201, 273, 457])
def test_rows_are_written_whole_and_in_order_whatever_the_batching(count: int) -> None:
    """SQLite takes many rows a statement: full batches, then the rest in statements of
    fixed smaller sizes, none lost or mixed."""
    rows = [
        (10_000 + i, f"Concert {i}", "concert", "took_place", 1900 + i % 100) for i in range(count)
    ]
    with transaction.atomic():
        written = insert_rows(Event, ["id", "name", "kind", "status", "date_year"], rows)
    assert written == count
    stored = list(
        Event.objects.order_by("pk").values_list("pk", "name", "kind", "status", "date_year")
    )
    assert stored == rows
    # Columns not given take their model defaults, row by row.
    assert set(Event.objects.values_list("represents_several", "description")) == {(False, "")}


def _foreign_keys(model: type) -> set[tuple[str, tuple[str, ...]]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {(name, tuple(info["columns"])) for name, info in found.items() if info["foreign_key"]}


@pytest.mark.django_db(transaction=True)  # SQLite checks foreign keys as it commits
def test_foreign_keys_come_back_after_the_load_and_a_broken_one_fails_it() -> None:
    before = _foreign_keys(Credit)
    assert before
    with transaction.atomic(), indexes_deferred([Credit], enabled=True):
        if connection.vendor == "postgresql":
            assert not _foreign_keys(Credit), "PostgreSQL checks them once, at the end"
    assert _foreign_keys(Credit) == before
    event = Event.objects.create(name="Concert", kind="concert", status="took_place")
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        indexes_deferred([Credit], enabled=True),
    ):
        insert_rows(
            Credit,
            ["event_id", "agent_id", "role", "position"],
            [(event.pk, 999_999, "soloist", 0)],
        )
    assert not Credit.objects.exists()
    assert _foreign_keys(Credit) == before


@pytest.mark.django_db
def test_none_is_bound_through_its_adapter_and_written_as_null() -> None:
    import sqlite3

    assert sqlite3.adapters[(type(None), sqlite3.PrepareProtocol)](None) is None
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s IS NULL, typeof(%s)", [None, None])
        assert cursor.fetchone() == (1, "null")
