"""Writes for provenance: sources and the citations that tie records to them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import models

from cadenza import bulkinsert
from cadenza.ingest.models import Citation, Source


def source_ensure(
    *, key: str, kind: str, title: str, text: str = "", url: str = "", licence: str = ""
) -> Source:
    """Find a source by its stable key or create it. A document's text never changes silently."""
    source = Source.objects.filter(key=key).first()
    if source is None:
        source = Source(key=key, kind=kind, title=title, text=text, url=url, licence=licence)
        source.full_clean()
        source.save()
        return source
    if text and source.text != text:
        raise ValueError(
            f"Source {key!r} already holds a different text; spans cited from it would break. "
            "Give the new version its own key."
        )
    return source


def span_of(*, source: Source, evidence: str, start: int = 0) -> tuple[int, int]:
    """Character span of `evidence` inside the source's text; the evidence must be verbatim."""
    at = source.text.find(evidence, start)
    if at < 0 or not evidence:
        raise ValueError(f"{source.key}: the evidence {evidence[:60]!r} is not in the text.")
    return at, at + len(evidence)


def cite(
    *,
    source: Source,
    record: models.Model,
    evidence: str = "",
    span: tuple[int, int] | None = None,
    record_id: str = "",
) -> Citation:
    """Tie a record to its source: by verbatim evidence (its first occurrence), by a known
    span of the source's text (where the same words occur more than once), or by an
    archive record id."""
    if record.pk is None:
        raise ValueError("Save the record before citing its source.")
    span_start = span_end = None
    if span is not None:
        span_start, span_end = span
        if not 0 <= span_start < span_end <= len(source.text):
            raise ValueError(f"{source.key}: the span {span} is not inside the text.")
    elif evidence:
        span_start, span_end = span_of(source=source, evidence=evidence)
    citation, _ = Citation.objects.get_or_create(
        source=source,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        span_start=span_start,
        record_id=record_id,
        defaults={"span_end": span_end},
    )
    return citation


class CitationRow(NamedTuple):
    source_id: int
    content_type_id: int
    object_id: int
    record_id: str
    digest: str


def cite_many(
    *, source: Source, model: type[models.Model], records: Sequence[tuple[int, str, str]]
) -> int:
    """Cite many records of one model from an archive: (pk, record id, digest) triples."""
    type_id = ContentType.objects.get_for_model(model).pk
    return citations_insert(
        rows=[
            CitationRow(source.pk, type_id, pk, record_id, digest)
            for pk, record_id, digest in records
        ]
    )


def citations_insert(*, rows: Sequence[CitationRow]) -> int:
    for row in rows:
        if not row.record_id:
            raise ValueError(f"A citation of object {row.object_id} needs the record id.")
    return bulkinsert.insert_tuples(Citation, rows)


class DigestRow(NamedTuple):
    id: int
    digest: str


def citations_redigest(*, digests: dict[int, str]) -> int:
    """A newer release of records already cited: their citations take the new digests
    (citation id → digest)."""
    return bulkinsert.update_tuples(Citation, [DigestRow(pk, d) for pk, d in digests.items()])


class RecordIdRow(NamedTuple):
    id: int
    record_id: str


def citations_rename(
    *, source: Source, model: type[models.Model], record_ids: dict[int, tuple[str, str]]
) -> int:
    """Records cited from an archive under another record id now (an agent shown under
    another spelling): object id → (record id before, record id now)."""
    type_id = ContentType.objects.get_for_model(model).pk
    rows = [
        RecordIdRow(pk, record_ids[object_id][1])
        for pk, object_id, record_id in Citation.objects.filter(
            source=source, content_type_id=type_id, object_id__in=list(record_ids)
        ).values_list("pk", "object_id", "record_id")
        if record_id == record_ids[object_id][0]
    ]
    return bulkinsert.update_tuples(Citation, rows)
