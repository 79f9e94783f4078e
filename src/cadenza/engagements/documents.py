"""Writes for an engagement's documents (contracts, riders): checked, stored, logged.

A file is checked before anything is stored: its size, and its type by its first bytes as
well as by its name (a program renamed `contract.pdf` is refused). It is stored through
`Document.file` (under CADENZA_HOME/documents) and the row written in one transaction; when
the row cannot be written the stored file is deleted, so no file is left without its row.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import IO, Any, cast

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename

from cadenza.engagements.changes import locked, log
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Change, Document, Engagement
from cadenza.folding import clean_name

MAX_SIZE = 10 * 1024 * 1024  # 10 MB: a scanned contract, not a recording
TITLE_LENGTH = 200
# Each type: its name, the content type it is served as, and the extensions it may carry.
TYPES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "pdf": ("PDF", "application/pdf", (".pdf",)),
    "png": ("PNG", "image/png", (".png",)),
    "jpeg": ("JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "docx": (
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "odt": ("ODT", "application/vnd.oasis.opendocument.text", (".odt",)),
}
EXPECTED = f"a PDF, PNG, JPEG, DOCX or ODT file of at most {MAX_SIZE // (1024 * 1024)} MB"
_ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def _is_docx(stream: IO[bytes]) -> bool:
    # A DOCX is a ZIP like many others (ODT, XLSX, JAR): its main part tells it apart.
    try:
        with zipfile.ZipFile(stream) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def sniff(stream: IO[bytes]) -> str | None:
    """The type (a key of TYPES) the file's first bytes show, or None."""
    stream.seek(0)
    head = stream.read(80)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        # OpenDocument puts its uncompressed `mimetype` entry first, at offset 30.
        if head[30 : 30 + len(_ODT_MIMETYPE)] == _ODT_MIMETYPE:
            return "odt"
        found = "docx" if _is_docx(stream) else None
        stream.seek(0)
        return found
    return None


def _check(upload: UploadedFile) -> tuple[str, str]:
    """(file name, content type) of an acceptable upload, or Invalid naming the file."""
    name = get_valid_filename(PurePath(upload.name or "").name) if upload.name else ""
    shown = upload.name or "The file"
    if not name:
        raise Invalid(f"The file has no name; upload {EXPECTED}.", field="file")
    size = upload.size or 0
    if size == 0:
        raise Invalid(f"“{shown}” is empty; upload {EXPECTED}.", field="file")
    if size > MAX_SIZE:
        raise Invalid(
            f"“{shown}” is {filesizeformat(size)}; upload {EXPECTED}.",
            field="file",
        )
    suffix = PurePath(name).suffix.lower()
    by_name = next((kind for kind, (*_, ends) in TYPES.items() if suffix in ends), None)
    if by_name is None:
        raise Invalid(f"“{shown}” is not {EXPECTED} (by its name).", field="file")
    by_content = sniff(cast(IO[bytes], upload))
    label, content_type, _ = TYPES[by_name]
    if by_content != by_name:
        what = TYPES[by_content][0] if by_content else "none of those types"
        raise Invalid(
            f"“{shown}” is named as a {label} file but its content is {what}; upload {EXPECTED}.",
            field="file",
        )
    return name, content_type


def document_add(
    *,
    engagement: Engagement,
    title: str,
    upload: UploadedFile,
    by: Any,
    version: int | None = None,
) -> Document:
    """Keep a contract or rider with the engagement; its title defaults to the file's name."""
    name, content_type = _check(upload)
    title = clean_name(title or "") or clean_name(PurePath(upload.name or name).stem)
    if len(title) > TITLE_LENGTH:
        message = f"The title has {len(title)} characters; at most {TITLE_LENGTH}."
        raise Invalid(message, field="title")
    document = Document(
        title=title,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    stored = ""
    try:
        with transaction.atomic():
            # The version is checked before the file is stored: a stale form stores nothing.
            row = locked(engagement=engagement, version=version)
            document.engagement = row
            document.file.save(name, upload, save=False)
            stored = document.file.name or ""
            document.save()
            log(engagement=row, kind=Change.Kind.DOCUMENT, by=by, to_value=f"added: {title}")
    except BaseException:
        if stored:
            document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def document_remove(*, document: Document, by: Any, version: int | None = None) -> None:
    """Delete the document's row now and its file once the deletion is committed."""
    row = locked(engagement=document.engagement_id, version=version)
    storage, stored = document.file.storage, document.file.name
    document.delete()
    log(engagement=row, kind=Change.Kind.DOCUMENT, by=by, from_value=f"removed: {document}")
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
