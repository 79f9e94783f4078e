"""An engagement's documents (contracts, riders), as its page's documents section: listed
and downloaded by those whose sight includes documents, uploaded (multipart) and removed by
its management through `engagements.documents`, which checks each file (its size, and its
type by its first bytes as well as its name)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from cadenza.api.auth import actor
from cadenza.api.idempotency import IDEMPOTENCY_KEY, once
from cadenza.api.routers.booking_types import CHANGE, KEYED, Text, engagement_for
from cadenza.engagements.access import Sight
from cadenza.engagements.documents import EXPECTED, TITLE_LENGTH, TYPES, document_add
from cadenza.engagements.documents import document_remove as remove_document
from cadenza.engagements.models import Document, Engagement

router = Router(tags=["documents"])
UPLOAD = File(..., description=f"the file (multipart/form-data, field `file`): {EXPECTED}")
TITLE = Form("", max_length=TITLE_LENGTH, description="empty: the file's name")
VERSION = Form(None, ge=1, le=2**31, description="the engagement's version")
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_FILE_RESPONSE = {
    "responses": {
        "200": {
            "description": "the file, as an attachment",
            "content": {content_type: _BINARY for _, content_type, _ in TYPES.values()},
        }
    }
}


class DocumentOut(Schema):
    id: int
    title: str
    type: str = Field(description="its content type: application/pdf, image/png, …")
    size: int = Field(description="in bytes")
    uploaded_by: str | None = Field(description="the user's name; None for Cadenza itself")
    uploaded_at: datetime
    url: str = Field(description="where to download it (GET, with your credentials)")


class DocumentsOut(Schema):
    version: int = Field(description="the engagement's version, for the next change")
    documents: list[DocumentOut]


def _documents(engagement: Engagement) -> dict[str, Any]:
    rows = Document.objects.filter(engagement=engagement).select_related("uploaded_by")
    return {
        "version": Engagement.objects.values_list("version", flat=True).get(pk=engagement.pk),
        "documents": [
            {
                "id": d.pk,
                "title": d.title,
                "type": d.content_type,
                "size": d.size,
                "uploaded_by": d.uploaded_by.get_username() if d.uploaded_by else None,
                "uploaded_at": d.uploaded_at,
                "url": reverse(
                    "api:document_file", kwargs={"pk": engagement.pk, "document_id": d.pk}
                ),
            }
            for d in rows
        ],
    }


def _with_documents(request: HttpRequest, pk: int) -> tuple[Engagement, Sight]:
    found, seen = engagement_for(request, pk)
    if not seen.documents:
        raise PermissionDenied(
            "Only the artist's management, the artist shown fees and the "
            "presenter see the documents."
        )
    return found, seen


@router.get(
    "/{int:pk}/documents",
    response=DocumentsOut,
    summary="Its documents",
    operation_id="documents",
)
def documents(request: HttpRequest, pk: int) -> Any:
    """Contracts and riders, oldest first: for those whose sight includes documents (else
    403)."""
    return _documents(_with_documents(request, pk)[0])


@router.post(
    "/{int:pk}/documents",
    response={201: DocumentsOut},
    summary="Upload a document",
    operation_id="document_add",
    openapi_extra=KEYED,
)
def document_new(
    request: HttpRequest,
    pk: int,
    file: UploadedFile = UPLOAD,
    title: Text = TITLE,
    version: int | None = VERSION,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    """As the page's upload form: a file that is not a PDF, PNG, JPEG, DOCX or ODT (by its
    name and by its content), empty, or over 10 MB is a 400 naming `file`."""
    found, _ = engagement_for(request, pk, edit=True)
    # What makes two uploads the same request, for the key: the fields and the file.
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    sent = f"{file.name}\n{title}\n{version}\n{digest.hexdigest()}".encode()

    def run() -> tuple[int, Any]:
        document_add(engagement=found, title=title, upload=file, by=actor(request), version=version)
        return 201, _documents(found)

    return once(request, idempotency_key, DocumentsOut, run, sent=sent)


def _document_of(request: HttpRequest, pk: int, document_id: int, *, edit: bool) -> Document:
    if edit:
        found, _ = engagement_for(request, pk, edit=True)
    else:
        found, _ = _with_documents(request, pk)
    document = Document.objects.filter(pk=document_id, engagement=found).first()
    if document is None:
        raise Http404(f"Engagement {pk} has no document {document_id}.")
    return document


@router.get(
    "/{int:pk}/documents/{int:document_id}/file",
    summary="Download a document",
    operation_id="document_file",
    url_name="document_file",
    openapi_extra=_FILE_RESPONSE,
)
def document_file(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    """The file's bytes, with the content type it was stored as and its name, as an
    attachment; for those whose sight includes documents (else 403)."""
    document = _document_of(request, pk, document_id, edit=False)
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError as error:
        raise Http404("The document's file is missing.") from error
    response = HttpResponse(data, content_type=document.content_type)
    name = PurePath(document.file.name or "document").name
    response["Content-Disposition"] = content_disposition_header(True, name)
    # Contracts hold fees: no cache may keep them, as the page's download.
    response["Cache-Control"] = "private, no-store"
    return response


@router.delete(
    "/{int:pk}/documents/{int:document_id}",
    response=DocumentsOut,
    summary="Remove a document",
    operation_id="document_remove",
    openapi_extra=CHANGE,
)
def document_delete(
    request: HttpRequest,
    pk: int,
    document_id: int,
    version: int | None = Query(None, ge=1, le=2**31, description="the engagement's version"),
) -> Any:
    """`version` (a query parameter) as for every change; the file goes once it is done."""
    document = _document_of(request, pk, document_id, edit=True)
    remove_document(document=document, by=actor(request), version=version)
    return _documents(document.engagement)
