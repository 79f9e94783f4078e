from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "cadenza.ingest"
    label = "ingest"
