"""Helpers for the archive import tests: the fixture files, table snapshots."""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from cadenza.ingest.models import Citation, Source
from cadenza.ingest.nyphil.importer import import_nyphil

FIXTURES = Path(__file__).parent.parent / "fixtures" / "nyphil"
QUIRKS = FIXTURES / "quirks.json"
SOLOIST = FIXTURES / "soloist.json"
STERN = FIXTURES / "stern.json"
SHARED_NYPHIL = Path(__file__).resolve().parents[4] / "shared" / "data" / "nyphil"
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


def _to_source(field) -> bool:
    """A reference to the archive's Source, whose id PostgreSQL numbers anew each time."""
    return bool(field.is_relation and field.related_model is Source)


def record() -> dict[str, list[str]]:
    """Every record row without auto-numbered ids (PostgreSQL's sequences are not rolled
    back, so rows the import does not number itself differ in them), references to them
    or time stamps."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in RECORD_APPS:
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if not (f.primary_key or getattr(f, "auto_now_add", False) or _to_source(f))
            ]
            rows = model.objects.values_list(*names)
            if model is Citation:  # a file's citation names the Source by its id
                rows = rows.exclude(content_type=ContentType.objects.get_for_model(Source))
            found[model._meta.label] = sorted(map(str, rows))
    return found


def import_and_undo(paths: list[Path]) -> tuple[dict[str, list[str]], list[str]]:
    """The record and the summary an import of the files makes, rolled back after."""
    with transaction.atomic():
        summary = import_nyphil(paths)
        found = record()
        transaction.set_rollback(True)
    return found, summary.lines()


Row = tuple[object, ...]


def content() -> dict[str, list[Row]]:
    """Every record table's rows as what they say, not how they are numbered: each id is
    replaced by the content of the row it names (recursively), so two imports that gave
    the same rows other ids compare equal, and a row joined to another work, place or
    person does not. Each table's rows are sorted; repeated rows stay repeated."""
    models = [
        m for m in apps.get_models(include_auto_created=True) if m._meta.app_label in RECORD_APPS
    ]
    raw: dict[type, dict[object, tuple]] = {}
    fields: dict[type, list] = {}
    for model in models:
        kept = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key or getattr(f, "auto_now_add", False))
        ]
        fields[model] = kept
        names = [model._meta.pk.attname, *(f.attname for f in kept)]
        raw[model] = {row[0]: row[1:] for row in model.objects.values_list(*names)}
    by_type = {ContentType.objects.get_for_model(m).pk: m for m in models}
    done: dict[tuple[type, object], Row] = {}

    def named(model: type, pk: object) -> Row:
        key = (model, pk)
        if key not in done:
            done[key] = ()  # a cycle, should one exist, ends here
            done[key] = described(model, raw[model][pk])
        return done[key]

    def described(model: type, values: tuple) -> Row:
        out: list[object] = []
        for f, value in zip(fields[model], values, strict=True):
            target = f.related_model if f.is_relation else None
            if f.name == "object_id" and model is Citation:
                target = by_type.get(values[[g.name for g in fields[model]].index("content_type")])
            if target is not None and target in raw and value is not None:
                out.append(named(target, value))
            elif f.is_relation and target is ContentType:
                out.append(str(ContentType.objects.get_for_id(value)))
            else:
                out.append(value)
        return tuple(out)

    return {
        model._meta.label: sorted((described(model, v) for v in raw[model].values()), key=repr)
        for model in models
    }


def release_program(guid: str, **changes: object) -> dict:
    """A release programme of one concert at Carnegie Hall and one work, with `changes`."""
    program = {
        "id": guid,
        "programID": "1",
        "orchestra": "New York Philharmonic",
        "season": "1961-62",
        "concerts": [
            {
                "eventType": "Subscription Season",
                "Location": "Manhattan, NY",
                "Venue": "Carnegie Hall",
                "Date": "1961-11-02T05:00:00Z",
                "Time": "8:30PM",
            }
        ],
        "works": [
            {
                "ID": "101*",
                "composerName": "Beethoven,  Ludwig  van",
                "workTitle": "SYMPHONY NO. 5, C MINOR, OP. 67",
                "conductorName": "Bernstein, Leonard",
                "soloists": [],
            }
        ],
    }
    program.update(changes)
    return program


def archive_file(path: Path, *programs: dict) -> Path:
    path.write_text(json.dumps({"programs": list(programs)}), encoding="utf-8")
    return path


def work_entry(**fields: object) -> dict:
    entry = {"ID": "101*", "workTitle": "SYMPHONY NO. 5", "composerName": "Beethoven, Ludwig"}
    entry.update(fields)
    return entry


def content_of(*runs: list[Path]) -> dict[str, list[tuple[object, ...]]]:
    """The record the runs make, one import each, rolled back after."""
    with transaction.atomic():
        for paths in runs:
            import_nyphil(paths)
        found = content()
        transaction.set_rollback(True)
    return found
