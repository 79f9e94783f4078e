"""Bulk inserts: rows written whole, in order, with the values the ORM would store."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from cadenza.bulkinsert import insert_rows
from cadenza.events.models import Event


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


@pytest.mark.django_db
def test_none_is_written_as_null() -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s IS NULL, typeof(%s)", [None, None])
        assert cursor.fetchone() == (1, "null")
