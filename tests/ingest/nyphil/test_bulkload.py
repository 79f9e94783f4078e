"""Deferred indexes and foreign keys for a first import: dropped inside the transaction,
built again the same after, and a broken row fails the load."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from cadenza.bulkinsert import insert_rows
from cadenza.events.models import Credit, Event
from cadenza.ingest.nyphil.bulkload import indexes_deferred


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
