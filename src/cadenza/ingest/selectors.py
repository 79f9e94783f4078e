"""Reads for provenance: the sources cited for a set of records, with cited spans marked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from itertools import pairwise
from operator import or_

from django.db import models
from django.db.models import Q

from cadenza.ingest.models import Citation, Source


@dataclass(frozen=True)
class Segment:
    """A run of a source's text, marked when some record cites it."""

    text: str
    cited_for: tuple[str, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.cited_for)

    @property
    def title(self) -> str:
        return "Cited for: " + ", ".join(self.cited_for) if self.cited_for else ""


@dataclass
class CitedSource:
    source: Source
    citations: list[Citation] = field(default_factory=list)

    @property
    def spans(self) -> list[Citation]:
        return [c for c in self.citations if c.span_start is not None]

    @property
    def record_ids(self) -> list[str]:
        return sorted({c.record_id for c in self.citations if c.record_id})

    @property
    def segments(self) -> list[Segment]:
        return highlight(self.source.text, self.spans)


def highlight(text: str, citations: Iterable[Citation]) -> list[Segment]:
    """Cut the text at every span boundary; each piece knows which records cite it."""
    spans = [
        (max(0, c.span_start), min(len(text), c.span_end), c.content_type.model)
        for c in citations
        if c.span_start is not None and c.span_end is not None and c.span_start < len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments: list[Segment] = []
    for start, end in pairwise(cuts):
        if start >= end:
            continue
        kinds = tuple(sorted({k for s, e, k in spans if s <= start and end <= e}))
        piece = text[start:end]
        if segments and segments[-1].cited_for == kinds:
            segments[-1] = Segment(segments[-1].text + piece, kinds)
        else:
            segments.append(Segment(piece, kinds))
    return segments


def sources_for(*, records: Iterable[models.Model]) -> list[CitedSource]:
    """The sources cited for any of the records, each with its citations, in one query."""
    wanted: dict[tuple[str, str], set[int]] = {}
    for record in records:
        if record.pk is None:
            continue
        meta = record._meta
        wanted.setdefault((meta.app_label, meta.model_name or ""), set()).add(record.pk)
    if not wanted:
        return []
    condition = reduce(
        or_,
        (
            Q(content_type__app_label=app, content_type__model=model, object_id__in=sorted(ids))
            for (app, model), ids in wanted.items()
        ),
    )
    by_source: dict[int, CitedSource] = {}
    rows = (
        Citation.objects.filter(condition)
        .select_related("source", "content_type")
        .order_by("source__title", "source_id", "span_start", "pk")
    )
    for citation in rows:
        entry = by_source.setdefault(citation.source_id, CitedSource(citation.source))
        entry.citations.append(citation)
    return list(by_source.values())


def document_held(*, text: str) -> Source | None:
    """The document source holding exactly this text, whatever its key, if any."""
    return Source.objects.filter(kind=Source.Kind.DOCUMENT, text=text).order_by("pk").first()
