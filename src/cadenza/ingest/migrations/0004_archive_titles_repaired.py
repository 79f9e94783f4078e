"""What earlier imports of the NY Phil archive recorded wrongly, repaired in place
(docs/importing.md, "Titles, fragments and composers that are not people"):

- a composer field that names nobody ('Anthem,', 'Unspecified,', 'Discussion,') had become a
  person: the agent goes (when the archive created it and nothing but its works names it),
  each of its works keeps the field in its notes, as a new import writes it, and an
  anthem's title says what it is ('United States' → 'National Anthem: United States');
- a "movement" that is a fragment ('Excerpts', 'Unspecified Excerpts', 'Victory Theme/1st
  Nine Bars') had become a movement of the work: each programme item that played it keeps
  it in its notes, as what was played of the work, and the false movement goes.

Nothing else changes; a database the archive never came into is left as it is.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, migrations, transaction
from django.db.models import ProtectedError

from cadenza import folding
from cadenza.ingest.nyphil.files import SOURCE_KEY
from cadenza.ingest.nyphil.names import COLLECTIVES, KINDS_OF_PIECE
from cadenza.repertoire.title_parts import in_capitals, recase
from cadenza.repertoire.titles import is_fragment


def _cited(apps: Any, source: Any, model: str) -> set[int]:
    content_type = apps.get_model("contenttypes", "ContentType")
    app_label, name = model.split(".")
    kind = content_type.objects.filter(app_label=app_label, model=name).first()
    if kind is None:
        return set()
    citations = apps.get_model("ingest", "Citation").objects
    found = citations.filter(source=source, content_type=kind).exclude(digest="joined")
    return set(found.values_list("object_id", flat=True))


def _uncite(apps: Any, model: str, ids: set[int]) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    app_label, name = model.split(".")
    kind = content_type.objects.filter(app_label=app_label, model=name).first()
    if kind is not None and ids:
        citations = apps.get_model("ingest", "Citation").objects
        citations.filter(content_type=kind, object_id__in=ids).delete()


def _not_people(apps: Any, source: Any) -> None:
    agent_model = apps.get_model("people", "Agent")
    authorship = apps.get_model("people", "Authorship")
    credit = apps.get_model("events", "Credit")
    work_model = apps.get_model("repertoire", "Work")
    created = _cited(apps, source, "people.agent")
    gone: set[int] = set()
    for agent in agent_model.objects.filter(pk__in=created, kind="person"):
        named = folding.key(agent.name)
        if named not in COLLECTIVES or credit.objects.filter(agent=agent).exists():
            continue
        works = list(work_model.objects.filter(authorships__agent=agent))
        pk = agent.pk  # delete() forgets it
        try:
            with transaction.atomic():
                authorship.objects.filter(agent=agent).delete()
                agent.delete()
        except (ProtectedError, IntegrityError):
            continue  # something else names this agent: left for a person to decide
        gone.add(pk)
        kind = KINDS_OF_PIECE.get(named)
        for work in works:
            if not work.notes:
                work.notes = f"Composer as the archive gives it: {agent.name}."
            if kind and not work.title.lower().startswith(kind.lower()):
                title = recase(work.title) if in_capitals(work.title) else work.title
                work.title = f"{kind}: {title}"
            work.save(update_fields=["notes", "title"])
    _uncite(apps, "people.agent", gone)


def _fragments(apps: Any, source: Any) -> None:
    work_model = apps.get_model("repertoire", "Work")
    item_model = apps.get_model("events", "ProgrammeItem")
    played = item_model.movements.through.objects
    created = _cited(apps, source, "repertoire.work")
    movements = work_model.objects.filter(pk__in=created, parent__isnull=False)
    gone: set[int] = set()
    for movement in movements.only("pk", "title"):
        if not is_fragment(movement.title):
            continue
        if item_model.objects.filter(work=movement).exists():
            continue  # played as a work of its own: not the archive's fragment
        for item in item_model.objects.filter(movements=movement):
            if not item.notes:
                item.notes = movement.title
                item.save(update_fields=["notes"])
        played.filter(work=movement).delete()
        pk = movement.pk
        try:
            with transaction.atomic():
                movement.delete()
        except (ProtectedError, IntegrityError):
            continue
        gone.add(pk)
    _uncite(apps, "repertoire.work", gone)


def repair(apps: Any, schema_editor: Any) -> None:
    source = apps.get_model("ingest", "Source").objects.filter(key=SOURCE_KEY).first()
    if source is None:
        return
    _not_people(apps, source)
    _fragments(apps, source)


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0003_alter_source_kind"),
        ("events", "0004_programmeitem_programme_index_in_unique"),
        ("people", "0001_initial"),
        ("repertoire", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
