"""Which release files were imported, byte for byte, so an unchanged release is not re-read.

Each file imported is cited on the archive's Source itself, with record id `file:<name>`
and, as digest, `<blake2b of the bytes>:<programmes>:<concerts>` (what the file held).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType

from cadenza.ingest.models import Citation, Source
from cadenza.ingest.services import cite_many

SOURCE_KEY = "nyphil:performance-history"
PREFIX = "file:"


@dataclass(frozen=True)
class FileRecord:
    digest: str
    programmes: int
    concerts: int

    def encoded(self) -> str:
        return f"{self.digest}:{self.programmes}:{self.concerts}"

    @classmethod
    def decoded(cls, text: str) -> FileRecord | None:
        parts = text.split(":")
        if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
            return None
        return cls(parts[0], int(parts[1]), int(parts[2]))


def _recorded(source: Source) -> dict[str, Citation]:
    return {
        c.record_id: c
        for c in Citation.objects.filter(
            source=source,
            content_type=ContentType.objects.get_for_model(Source),
            record_id__startswith=PREFIX,
        )
    }


def unchanged_files(files: list[Path], digests: dict[Path, str]) -> list[FileRecord] | None:
    """The records of these files when every one is as last imported; None when any
    file must be read."""
    source = Source.objects.filter(key=SOURCE_KEY).first()
    if source is None:
        return None
    recorded = _recorded(source)
    found = []
    for path in files:
        citation = recorded.get(PREFIX + path.name)
        record = FileRecord.decoded(citation.digest) if citation else None
        if record is None or record.digest != digests[path]:
            return None
        found.append(record)
    return found


def files_record(
    *, source: Source, digests: dict[Path, str], counts: dict[str, tuple[int, int]]
) -> None:
    """Note what each file held (name → programmes, concerts), after a successful import
    (inside its transaction)."""
    recorded = _recorded(source)
    fresh = []
    for path, digest in digests.items():
        programmes, concerts = counts.get(path.name, (0, 0))
        encoded = FileRecord(digest, programmes, concerts).encoded()
        citation = recorded.get(PREFIX + path.name)
        if citation is not None and citation.digest == encoded:
            continue
        if citation is not None:
            citation.delete()
        fresh.append((source.pk, PREFIX + path.name, encoded))
    cite_many(source=source, model=Source, records=fresh)
