import gc

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "cadenza.web"
    label = "web"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from cadenza.bulkinsert import rows_copied
        from cadenza.web.caching import note_copied_rows, watch_connection

        # Every process notes its writes, so the page cache of a server stays right.
        connection_created.connect(watch_connection, dispatch_uid="cadenza-page-cache")
        rows_copied.connect(note_copied_rows, dispatch_uid="cadenza-page-cache-copy")
        # What is loaded by now (Django, the apps, their modules) lives as long as the
        # process: kept out of the cycle collector's full passes, which otherwise scan it
        # again and again in the middle of requests.
        gc.freeze()
