"""Helpers for the archive import tests: the fixture files, table snapshots."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

FIXTURES = Path(__file__).parent / "fixtures" / "nyphil"
QUIRKS = FIXTURES / "quirks.json"
SHARED_NYPHIL = Path(__file__).resolve().parents[3] / "shared" / "data" / "nyphil"
RECORD_APPS = {"places", "repertoire", "people", "events", "press", "ingest"}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every record table, so a second run can be compared with the first."""
    return {
        model._meta.label: sorted(
            (tuple(map(str, row)) for row in model.objects.values_list()), key=str
        )
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in RECORD_APPS and not model._meta.label.endswith("Citation")
    } | {
        "ingest.Citation": sorted(
            apps.get_model("ingest", "Citation").objects.values_list(
                "source__key", "content_type__model", "object_id", "record_id", "digest"
            )
        )
    }


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in RECORD_APPS
    }
