"""Documents: checked by size, name and first bytes; stored with their row or not at all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from cadenza.accounts.models import User
from cadenza.engagements.documents import MAX_SIZE, document_add, document_remove
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Change, Document
from tests.factories import EngagementFactory, UserFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def archive(*entries: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, data in entries:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            zipped.writestr(name, data, compress_type=method)
    return buffer.getvalue()


DOCX = archive(("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>"))
ODT = archive(
    ("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office/>")
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("contract.pdf", PDF, "application/pdf"),
        ("stage plan.PNG", PNG, "image/png"),
        ("hall.jpeg", JPEG, "image/jpeg"),
        ("hall.jpg", JPEG, "image/jpeg"),
        ("rider.docx", DOCX, "application/vnd.openxmlformats-officedocument"),
        ("rider.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_each_accepted_type_is_stored_and_logged(stored_files, name, content, content_type):
    engagement = EngagementFactory()
    user = UserFactory()
    version = engagement.version
    document = document_add(
        engagement=engagement,
        title="",
        upload=SimpleUploadedFile(name, content),
        by=user,
        version=version,
    )
    assert document.content_type.startswith(content_type)
    assert document.title == Path(name).stem and document.size == len(content)
    (path,) = stored_files()
    assert path.read_bytes() == content
    change = Change.objects.get(kind=Change.Kind.DOCUMENT)
    assert (change.by, change.to_value) == (user, f"added: {document.title}")
    assert document.engagement.version == version + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60, "“setup.pdf” is named as a PDF file but"),
        ("photo.pdf", PNG, "its content is PNG"),
        ("rider.docx", archive(("other.xml", b"<x/>")), "its content is none of those types"),
        ("rider.odt", DOCX, "“rider.odt” is named as a ODT file but its content is DOCX"),
        ("big.pdf", b"%PDF-" + b"0" * MAX_SIZE, "“big.pdf” is 10.0\xa0MB"),
        ("empty.pdf", b"", "“empty.pdf” is empty"),
        ("contract.exe", PDF, "“contract.exe” is not a PDF, PNG, JPEG, DOCX or ODT file"),
        ("contract", PDF, "is not a PDF, PNG, JPEG, DOCX or ODT file of at most 10 MB"),
    ],
)
def test_a_refused_file_names_itself_and_leaves_nothing(stored_files, name, content, message):
    engagement = EngagementFactory()
    with pytest.raises(Invalid) as refused:
        document_add(
            engagement=engagement, title="", upload=SimpleUploadedFile(name, content), by=None
        )
    assert refused.value.field == "file"
    assert message in refused.value.message
    assert not Document.objects.exists() and not Change.objects.exists()
    assert stored_files() == set()


@pytest.mark.django_db(transaction=True)
def test_a_failed_database_write_removes_the_stored_file(stored_files):
    engagement = EngagementFactory()
    # A user that is not in the database: the foreign key fails when the write commits.
    ghost = User(pk=10**6, username="ghost")
    with pytest.raises(IntegrityError):
        document_add(
            engagement=engagement,
            title="Contract",
            upload=SimpleUploadedFile("contract.pdf", PDF),
            by=ghost,
        )
    assert not Document.objects.exists()
    assert stored_files() == set()


@pytest.mark.django_db
def test_a_removed_document_loses_its_file_once_committed(
    stored_files, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory()
    upload = SimpleUploadedFile("contract.pdf", PDF)
    document = document_add(engagement=engagement, title="Contract", upload=upload, by=None)
    (path,) = stored_files()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document_remove(document=document, by=None)
    assert not Document.objects.exists() and path.exists()  # not yet committed
    for callback in callbacks:
        callback()
    assert not path.exists()
    assert Change.objects.filter(kind=Change.Kind.DOCUMENT).last().from_value == "removed: Contract"
