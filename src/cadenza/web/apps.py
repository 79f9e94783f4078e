import gc
from typing import Any

from django.apps import AppConfig, apps
from django.db import connections


def _record_triggers(sender: AppConfig, *, using: str, **kwargs: Any) -> None:
    from cadenza import record_triggers
    from cadenza.web.search import postgres

    record_triggers.install(connections[using], record_triggers.record_tables(apps))
    # `migrate`, and `flush`, which starts the record version over: search builds anew.
    postgres.forget(using)


class WebConfig(AppConfig):
    name = "cadenza.web"
    label = "web"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # A later migration may add a record table, or (SQLite) rebuild one without its
        # triggers: every migrate gives each its record-version triggers again.
        post_migrate.connect(_record_triggers, sender=self, dispatch_uid="cadenza-record")
        # What is loaded by now (Django, the apps, their modules) lives as long as the
        # process: kept out of the cycle collector's full passes, which otherwise scan it
        # again and again in the middle of requests.
        gc.freeze()
