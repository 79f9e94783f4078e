"""Fast inserts for importers: plain rows through `executemany`, ids allocated up front.

Building a model instance per row costs more than the insert itself; an archive import
writes hundreds of thousands of rows, so importers hand typed rows (named tuples) to the
services, which insert them here. Ids are allocated as one block after the table's
highest id; on PostgreSQL the table is locked for the rest of the transaction so no one
else takes those ids, and the id sequence is moved past them afterwards. This module only
inserts rows and hands out ids: what a bulk load does to indexes and settings belongs to
the importer that needs it (`ingest/nyphil/bulkload.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import chain
from typing import Any, NamedTuple

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

# Rows per INSERT on SQLite: past a few hundred the gain stops and statements grow long.
_ROWS_PER_STATEMENT = 200
# Ids in one `IN (...)` of a statement that finds rows by id: each statement scans and
# updates the tables' indexes once, so the fewer the better, within what both engines take
# as parameters (SQLite: 32,766).
IDS_PER_STATEMENT = 10_000
# Smaller statements for the rows past the last whole one (see _insert_batched).
_TAIL_SIZES = (50, 10, 1)


def _quoted(name: str | None) -> str:
    assert name, "a concrete column"
    return connection.ops.quote_name(name)


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.concrete:
        raise ValueError(f"{model.__name__}.{name} is not a column.")
    return field


def reserve_ids(model: type[models.Model], count: int) -> range:
    """A block of `count` unused primary keys for `model` (call inside a transaction)."""
    table = _quoted(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"SELECT COALESCE(MAX({_quoted(model._meta.pk.column)}), 0) FROM {table}")
        start = int(cursor.fetchone()[0]) + 1
    return range(start, start + count)


class IdBlocks:
    """Primary keys for several tables, handed out in blocks from one reading of each
    table's highest id (call inside the transaction that writes them).

    Knowing the ids before writing lets an importer build every row, parents and
    children, without asking the database, so the rows can be built in another process.
    On PostgreSQL the tables stay locked against other writers until the transaction ends.
    """

    def __init__(self, models_: Sequence[type[models.Model]]) -> None:
        self._next = {model: reserve_ids(model, 0).start for model in models_}

    def take(self, model: type[models.Model], count: int) -> range:
        start = self._next[model]
        self._next[model] = start + count
        return range(start, start + count)


def _literal(value: Any) -> str | None:
    """SQL for a constant default, or None when it must travel as a parameter."""
    if value is None:
        return "NULL"
    if value == "" and isinstance(value, str):
        return "''"
    if isinstance(value, bool):
        if connection.vendor == "postgresql":
            return "TRUE" if value else "FALSE"
        return str(int(value))
    return None


def _preparer(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """The field's conversion of a value for the database, as the ORM does it on save.

    An aware datetime is already what `get_prep_value` would make of it (that step only
    parses strings and makes naive values aware), so only the backend's adaptation runs.
    """

    if connection.vendor == "sqlite" and isinstance(field, models.DateTimeField):
        zone = connection.timezone

        def as_text(value: Any) -> Any:
            # What the SQLite backend's adapt_datetimefield_value makes of an aware
            # value (USE_TZ is on), without its checks: tens of thousands of concerts.
            if isinstance(value, datetime) and value.tzinfo is not None:
                return str(value.astimezone(zone).replace(tzinfo=None))
            return field.get_db_prep_save(value, connection)

        return as_text

    def prepare(value: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is not None:
            return field.get_db_prep_value(value, connection, prepared=True)
        return field.get_db_prep_save(value, connection)

    return prepare


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """INSERT rows (values in `columns` order); other columns get their model defaults.

    Values of types the database adapter does not take as they are (aware datetimes,
    decimals, durations) are prepared by their field, as the ORM would. Constant defaults
    are written into the statement, so rows travel as they are.
    """
    meta = model._meta
    fields = [_field(model, c) for c in columns]
    given = {f.column for f in fields}
    rest = [f for f in meta.concrete_fields if f.column not in given and not f.primary_key]
    if connection.vendor == "postgresql":
        return _copy_rows(model, fields, rest, rows)
    now = timezone.now()
    marks = ["%s"] * len(fields)
    extra: list[Any] = []
    for f in rest:
        stamped = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        value = f.get_db_prep_save(now if stamped else f.get_default(), connection)
        literal = _literal(value)
        if literal is None:
            marks.append("%s")
            extra.append(value)
        else:
            marks.append(literal)
    params = _prepared(fields, rows, extra)
    names = ", ".join(_quoted(f.column) for f in (*fields, *rest))
    _insert_batched(model, f"INSERT INTO {_quoted(meta.db_table)} ({names}) VALUES ", marks, params)
    return len(rows)


def _prepared(
    fields: Sequence[models.Field[Any, Any]], rows: Sequence[Sequence[Any]], extra: Sequence[Any]
) -> Sequence[Sequence[Any]]:
    """The rows with the values their fields must convert converted, `extra` appended."""
    prepare = [
        (i, _preparer(f))
        for i, f in enumerate(fields)
        if isinstance(f, models.DateTimeField | models.DecimalField | models.DurationField)
    ]
    if not prepare and not extra:
        return rows
    prepared = []
    for row in rows:
        values = list(row)
        for i, prepare_value in prepare:
            if values[i] is not None:
                values[i] = prepare_value(values[i])
        prepared.append((*values, *extra))
    return prepared


def update_tuples(
    model: type[models.Model], rows: Sequence[NamedTuple], fields: Sequence[str] | None = None
) -> int:
    """UPDATE rows by id from named tuples whose first field is `id` and whose other
    fields are the model's columns to set (or only `fields` of them): one statement run
    for every row, with values prepared as for an insert (Django's bulk_update builds one
    CASE per column and row, which costs far more than the update for thousands of rows)."""
    if not rows:
        return 0
    columns = rows[0]._fields
    if columns[0] != "id":
        raise ValueError(f"{model.__name__}: rows to update must begin with their id.")
    names = list(columns[1:] if fields is None else fields)
    at = [columns.index(name) for name in names]
    targets = [_field(model, name) for name in names]
    sets = ", ".join(f"{_quoted(f.column)} = %s" for f in targets)
    statement = f"UPDATE {_quoted(model._meta.db_table)} SET {sets} WHERE id = %s"
    params = _prepared(targets, [[row[i] for i in at] for row in rows], ())
    with connection.cursor() as cursor:
        cursor.executemany(
            statement, [(*values, row[0]) for values, row in zip(params, rows, strict=True)]
        )
    return len(rows)


def _insert_batched(
    model: type[models.Model], head: str, marks: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Many rows a statement: SQLite runs each statement's fixed work (AUTOINCREMENT's
    sqlite_sequence read and write, the statement reset) once per batch, not per row;
    the largest cost of the import's largest tables. The statements go to sqlite3
    itself: Django's cursor rewrites and inspects each one (regular expressions over
    statements of thousands of parameters)."""
    group = f"({', '.join('?' if mark == '%s' else mark for mark in marks)})"
    width = sum(mark == "%s" for mark in marks)  # values a row gives
    per_batch = max(1, min(_ROWS_PER_STATEMENT, _variable_limit() // (width or 1)))
    raw = connection.connection
    assert raw is not None
    # One flat list of every value, sliced per statement: cheaper than flattening each
    # statement's rows by itself.
    flat = list(chain.from_iterable(rows))
    if len(flat) != width * len(rows):
        raise ValueError(f"{model.__name__}: every row must give {width} values.")
    # The rows past the last whole batch go in statements of a few fixed sizes, which
    # sqlite3 keeps compiled, rather than in one of their own length: compiling a
    # statement of a hundred rows cost more than running it.
    start = 0
    for size in (per_batch, *(n for n in _TAIL_SIZES if n < per_batch)):
        count = (len(rows) - start) // size
        if count:
            first, step = start * width, size * width
            batches = (flat[first + n * step : first + (n + 1) * step] for n in range(count))
            raw.executemany(head + ", ".join([group] * size), batches)
        start += count * size


def _variable_limit() -> int:
    """The most parameters one SQLite statement takes (999 before SQLite 3.32)."""
    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None
    return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def _defaults(rest: Sequence[models.Field[Any, Any]]) -> tuple[Any, ...]:
    now = timezone.now()
    return tuple(
        now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in rest
    )


def _copy_rows(
    model: type[models.Model],
    fields: Sequence[models.Field[Any, Any]],
    rest: Sequence[models.Field[Any, Any]],
    rows: Sequence[Sequence[Any]],
) -> int:
    """PostgreSQL: COPY is many times faster than INSERT for this many rows."""
    names = ", ".join(_quoted(f.column) for f in (*fields, *rest))
    defaults = _defaults(rest)
    statement = f"COPY {_quoted(model._meta.db_table)} ({names}) FROM STDIN"
    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row((*row, *defaults))
    return len(rows)


def sync_id_sequence(model: type[models.Model]) -> None:
    """After inserting explicit ids on PostgreSQL, move the id sequence past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def insert_tuples(model: type[models.Model], rows: Sequence[NamedTuple]) -> int:
    """Insert named tuples whose field names are the model's field names (or attnames)."""
    if not rows:
        return 0
    columns: Sequence[str] = rows[0]._fields
    count = insert_rows(model, columns, rows)
    if "id" in columns:
        sync_id_sequence(model)
    return count
