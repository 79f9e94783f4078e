"""A connection to the test database of its own, past Django: what another process sees
and does (a `cadenza import` elsewhere, `psql`, `sqlite3`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection


@contextmanager
def another_connection() -> Iterator[Any]:
    """A DB-API connection (sqlite3 or psycopg) to the database the tests use."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        import psycopg

        other: Any = psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            host=settings["HOST"],
            port=settings["PORT"] or None,
        )
    else:  # the in-memory test database, shared by name within this process
        other = sqlite3.connect(str(settings["NAME"]), uri=True)
    try:
        yield other
    finally:
        other.close()
