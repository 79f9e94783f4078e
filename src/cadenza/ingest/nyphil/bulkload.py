"""The database side of a first import: settings for one long write, indexes and foreign
keys set aside while the rows go in, and the statistics PostgreSQL plans from.

These are about this importer's load, not about inserting rows (`bulkinsert`): they live
next to the importer that needs them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from django.db import DatabaseError, connection, models

from cadenza import record_triggers
from cadenza.events.models import Credit, Event, Programme, ProgrammeItem, Series
from cadenza.ingest.models import Citation
from cadenza.people.models import Agent, AgentInstrument, Alias, Authorship
from cadenza.places.models import Place, PlaceName
from cadenza.repertoire.models import CatalogueNumber, Instrument, Work, WorkAlias

# Tables a first import fills in bulk: their plain indexes are built once, at the end.
BULK_TABLES: list[type[models.Model]] = [
    Event,
    Credit,
    ProgrammeItem,
    ProgrammeItem.movements.through,
    Citation,
    Agent,
    Alias,
    Work,
    CatalogueNumber,
    Authorship,
]


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


@contextmanager
def temporary_files_in_memory() -> Iterator[None]:
    """SQLite: this connection's temporary files kept in memory while rows are written.

    Each many-row statement journals the pages it changes so it can undo itself alone;
    past a small size that journal goes to a temporary file. SQLite fixes where when a
    transaction begins, so this wraps the transaction; `temporary_files_put_back` comes
    before the index builds, which sort faster through files.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    _temp_store("MEMORY")
    try:
        yield
    finally:
        temporary_files_put_back()


def temporary_files_put_back() -> None:
    """SQLite: temporary files where SQLite keeps them by default."""
    if connection.vendor == "sqlite":
        _temp_store("DEFAULT")


def _temp_store(value: str) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA temp_store = {value}")
    except DatabaseError:
        # Refused inside a transaction once temporary tables exist: harmless, the rows
        # are written all the same and the call after the commit puts it back.
        pass


def page_cache_enlarged() -> None:
    """SQLite: a larger page cache for this connection, so index updates stay in memory."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # KiB


def _plain_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of a table's indexes that enforce nothing."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = %s"
                " AND schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
                " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                [table],
            )
        return [(name, sql) for name, sql in cursor.fetchall()]


def _foreign_keys(table: str) -> list[tuple[str, str]]:
    """PostgreSQL: (name, definition) of the foreign keys a table holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype = 'f' AND conrelid = %s::regclass",
            [_quoted(table)],
        )
        return [(name, definition) for name, definition in cursor.fetchall()]


@contextmanager
def indexes_deferred(models_: Sequence[type[models.Model]], *, enabled: bool) -> Iterator[None]:
    """Drop the plain indexes of these tables for a bulk load and build them again after;
    on PostgreSQL their foreign keys too, checked again when they are added back.

    One build over all rows is cheaper than updating an index row by row, and adding a
    PostgreSQL foreign key back checks every row in one query instead of a trigger per
    row. The DDL runs inside the caller's transaction (both engines roll it back), so a
    failed load leaves the tables as they were, and a row that breaks a foreign key fails
    the load. Dropping locks the table against PostgreSQL's readers until the commit:
    enable it only for loads larger than what the tables hold, such as a first import.
    """
    if not enabled:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_deferred() needs a transaction.")
    postgres = connection.vendor == "postgresql"
    dropped: list[str] = []
    checks: list[str] = []
    with connection.cursor() as cursor:
        if postgres:  # no table may be altered while checks of earlier rows are pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in models_:
            table = _quoted(model._meta.db_table)
            for name, statement in _plain_indexes(model._meta.db_table):
                cursor.execute(f"DROP INDEX {_quoted(name)}")
                dropped.append(statement)
            for name, definition in _foreign_keys(model._meta.db_table) if postgres else ():
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quoted(name)}")
                checks.append(f"ALTER TABLE {table} ADD CONSTRAINT {_quoted(name)} {definition}")
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    yield
    temporary_files_put_back()
    with connection.cursor() as cursor:
        if postgres:  # PostgreSQL builds no index over rows with checks still pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in dropped:
            cursor.execute(statement)
        for statement in checks:
            cursor.execute(statement)
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def statistics_refreshed(models_: Sequence[type[models.Model]]) -> None:
    """PostgreSQL: table statistics brought up to date after a bulk load, in its own
    transaction, so the pages are planned for the rows just written rather than for the
    empty tables autovacuum last saw. SQLite plans without them."""
    if connection.vendor != "postgresql" or not models_:
        return
    tables = ", ".join(_quoted(model._meta.db_table) for model in models_)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


REFRESHED_TABLES: list[type[models.Model]] = [*BULK_TABLES, Programme, Place]
# Every table the import writes: their record triggers are set aside while it writes.
WRITTEN_TABLES: list[type[models.Model]] = [
    *REFRESHED_TABLES,
    Series,
    Instrument,
    PlaceName,
    AgentInstrument,  # derived from the credits (events.credited_instruments)
    WorkAlias,  # the works' nicknames (ingest.work_nicknames)
]


def record_triggers_set_aside() -> AbstractContextManager[None]:
    """The record version's triggers on the tables the import writes, dropped while it
    writes and the version moved once after (SQLite, whose triggers fire per row)."""
    return record_triggers.set_aside(connection, [m._meta.db_table for m in WRITTEN_TABLES])
