"""The triggers that move the record version (`RecordVersion`) at every write to the record.

Every table of the record's apps gets them. On PostgreSQL one trigger per table fires once
per statement (INSERT, UPDATE, DELETE, TRUNCATE); SQLite has no statement triggers, so
three fire per row. Each adds one to the version, in the writer's own transaction: other
connections see the new version exactly when they see the rows, and a rollback takes both
back. The web app's migration installs them, and so does every `migrate` afterwards
(`post_migrate`), as a later migration may add a table, and SQLite drops a table's
triggers when Django rebuilds the table to alter it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps.registry import Apps
from django.db.backends.base.base import BaseDatabaseWrapper

# The apps whose tables pages and search show.
RECORD_APPS = ("places", "repertoire", "people", "events", "engagements", "press", "ingest")
# Not the record: a sign-in writes `accounts_user.last_login`, and pages a signed-in
# visitor sees are never stored; `web` holds the version itself and search's documents;
# `seasons` holds the planner's working state (its progress is written every moment).
OTHER_APPS = ("accounts", "web", "seasons", "api")
VERSION_TABLE = "web_recordversion"
_FUNCTION = "cadenza_record_changed"
_OPS = ("insert", "update", "delete")


def record_tables(apps: Apps) -> list[str]:
    """The tables of the record apps' models (many-to-many tables included)."""
    labels = {config.label for config in apps.get_app_configs()}
    return sorted(
        model._meta.db_table
        for label in RECORD_APPS
        if label in labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    )


# The version moved by one; the upsert, not a plain UPDATE: a flush (tests) may have emptied
# the version table.
_MOVE = (
    f"INSERT INTO {VERSION_TABLE} (id, version) VALUES (1, 1)"
    f" ON CONFLICT (id) DO UPDATE SET version = {VERSION_TABLE}.version + 1"
)


def _sqlite_trigger(table: str, op: str) -> str:
    return (
        f'CREATE TRIGGER IF NOT EXISTS "{table}__record_{op}" AFTER {op.upper()} ON "{table}"'
        f" BEGIN {_MOVE}; END"
    )


def _postgres_statements(tables: Iterable[str]) -> list[str]:
    function = f"""
    CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      {_MOVE};
      RETURN NULL;
    END
    $$
    """
    return [function] + [
        f"CREATE OR REPLACE TRIGGER record_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
        f' ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()'
        for table in tables
    ]


def install(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Give each of `tables` that exists its triggers (again: it does no harm)."""
    existing = set(connection.introspection.table_names())
    if VERSION_TABLE not in existing:
        return  # migrated back past the web app's version table
    present = [table for table in tables if table in existing]
    if connection.vendor == "postgresql":
        statements = _postgres_statements(present)
    else:
        statements = [_sqlite_trigger(table, op) for table in present for op in _OPS]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def tables_with_triggers(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Each table that has record-version triggers → how many (1 on PostgreSQL, 3 on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = %s GROUP BY c.relname",
                [_FUNCTION],
            )
        else:
            cursor.execute(
                "SELECT tbl_name, COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
                " AND name GLOB '*__record_*' GROUP BY tbl_name"
            )
        return dict(cursor.fetchall())


@contextmanager
def set_aside(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> Iterator[None]:
    """SQLite: these tables' record triggers dropped for a bulk load inside its transaction,
    then installed again and the version moved once for the whole load.

    SQLite's triggers fire per row, and a first import of the NY Phil archive writes about
    half a million; PostgreSQL's fire per statement and stay. Other connections never see
    the tables without them: the transaction holds the write lock from the drop to the
    commit, and a rollback brings them back.
    """
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("set_aside() needs a transaction.")
    tables = list(tables)
    with connection.cursor() as cursor:
        for table in tables:
            for op in _OPS:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{table}__record_{op}"')
    try:
        yield
    finally:  # an error caught inside the same transaction must not leave them dropped
        install(connection, tables)
    with connection.cursor() as cursor:
        cursor.execute(_MOVE)
