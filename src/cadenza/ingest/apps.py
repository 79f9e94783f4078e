import sqlite3
from collections.abc import Callable
from typing import cast

from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "cadenza.ingest"
    label = "ingest"

    def ready(self) -> None:
        # sqlite3 binds int, float and str directly but looks up an adapter for any other
        # value, None included, and each failed look-up raises and clears an exception.
        # An adapter that hands None back turns that into one dictionary hit for the
        # importers' hundreds of thousands of empty columns; the value bound is still NULL.
        sqlite3.register_adapter(type(None), cast("Callable[[None], None]", {}.get))
