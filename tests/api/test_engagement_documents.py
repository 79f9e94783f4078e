"""Expenses and documents through the API: shown only where the sight allows them (the
fee, the documents), changed by the management only, each upload checked as the page's,
each change logged with the token it was made with."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadenza.engagements.deals import expense_add
from cadenza.engagements.documents import document_add
from cadenza.engagements.models import Document, Engagement, Expense
from tests.api.bookings import Caller
from tests.api.conftest import problem

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
# role → what a read answers: the expenses need the fee, the documents their sight.
READ = {
    "their manager": 200,
    "staff": 200,
    "the artist, shown fees": 200,
    "the presenter's user": 200,
    "read-only token": 200,
    "the artist": 403,
    "another artist": 404,
    "another roster's manager": 404,
    "another presenter's user": 404,
    "expired token": 401,
    "anonymous": 401,
}
# … and a change: only the management.
WRITE = {
    **READ,
    "the artist, shown fees": 403,
    "the presenter's user": 403,
    "read-only token": 403,
}
COMMISSION = {"their manager", "staff", "the artist, shown fees", "read-only token"}


@pytest.fixture
def kept(world: dict[str, Any], stored_files: Any) -> dict[str, Any]:
    engagement = world["engagement"]
    manager = world["users"]["their manager"]
    taxi = expense_add(
        engagement=engagement, description="Taxi", amount="80", paid_by="presenter", by=manager
    )
    own = expense_add(
        engagement=engagement, description="Strings", amount="45.5", paid_by="artist", by=manager
    )
    contract = document_add(
        engagement=engagement,
        title="Contract",
        upload=SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf"),
        by=manager,
    )
    return {"taxi": taxi, "own": own, "contract": contract, "files": stored_files}


def _url(world: dict[str, Any], rest: str) -> str:
    return f"/api/v1/engagements/{world['engagement'].pk}/{rest}"


@pytest.mark.parametrize("role", READ)
def test_expenses_are_shown_to_those_shown_the_fee(
    world: dict[str, Any], kept: dict[str, Any], role: str
) -> None:
    response = world["callers"][role].get(_url(world, "expenses"))
    if READ[role] != 200:
        problem(response, READ[role])
        return
    body = response.json()
    assert body["currency"] == "USD"
    shown = [(e["description"], e["amount"], e["paid_by"]) for e in body["expenses"]]
    # The artist's own expenses only with sight of the commission, as the page.
    expected = [("Taxi", "80.00", "presenter")]
    if role in COMMISSION:
        expected.append(("Strings", "45.50", "artist"))
    assert shown == expected
    # The settlement and the engagement say the same.
    settlement = world["callers"][role].get(_url(world, "settlement")).json()
    assert [e["description"] for e in settlement["expenses"]] == [e[0] for e in expected]


@pytest.mark.parametrize("role", WRITE)
def test_only_the_management_adds_and_removes_expenses(
    world: dict[str, Any], kept: dict[str, Any], role: str
) -> None:
    caller = world["callers"][role]
    added = caller.post(
        _url(world, "expenses"), {"description": "Hotel", "amount": "300", "paid_by": "rebilled"}
    )
    removed = caller.send("delete", _url(world, f"expenses/{kept['taxi'].pk}"))
    if WRITE[role] != 200:
        problem(added, WRITE[role])
        problem(removed, WRITE[role])
        assert Expense.objects.filter(engagement=world["engagement"]).count() == 2
        return
    assert added.status_code == 201
    assert [e["description"] for e in removed.json()["expenses"]] == ["Strings", "Hotel"]


def test_an_expense_is_checked_keyed_versioned_and_logged(
    world: dict[str, Any], kept: dict[str, Any]
) -> None:
    manager = world["callers"]["their manager"]
    url = _url(world, "expenses")
    version = manager.get(url).json()["version"]
    cents = manager.post(url, {"description": "Taxi", "amount": "1.001", "paid_by": "artist"})
    assert problem(cents, 400)["errors"][0]["field"] == "amount"
    who = manager.post(url, {"description": "Taxi", "amount": "1", "paid_by": "agent"})
    assert problem(who, 400)["errors"][0]["field"] == "paid_by"
    blank = manager.post(url, {"description": "  ", "amount": "1", "paid_by": "artist"})
    assert problem(blank, 400)["errors"][0]["field"] == "description"
    stale = {"description": "Visa", "amount": "60", "paid_by": "artist", "version": version - 1}
    problem(manager.post(url, stale), 409)
    body = {**stale, "version": version}
    first = manager.post(url, body, **{"Idempotency-Key": "visa"})
    assert first.status_code == 201
    again = manager.post(url, body, **{"Idempotency-Key": "visa"})
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert Expense.objects.filter(description="Visa").count() == 1
    new = first.json()["version"]
    gone = f"{url}/{kept['own'].pk}"
    problem(manager.send("delete", f"{gone}?version={new - 1}"), 409)
    assert manager.send("delete", f"{gone}?version={new}").status_code == 200
    problem(manager.send("delete", gone), 404)
    changes = manager.get(_url(world, "changes")).json()
    line = next(c for c in changes if c["to_value"] == "expense: Visa")
    assert line["token"].startswith("crm (") and line["kind"] == "deal"


@pytest.mark.parametrize("role", READ)
def test_documents_are_listed_and_served_to_those_shown_them(
    world: dict[str, Any], kept: dict[str, Any], role: str
) -> None:
    caller = world["callers"][role]
    listed = caller.get(_url(world, "documents"))
    served = caller.get(_url(world, f"documents/{kept['contract'].pk}/file"))
    if READ[role] != 200:
        problem(listed, READ[role])
        problem(served, READ[role])
        return
    (document,) = listed.json()["documents"]
    assert document["title"] == "Contract" and document["type"] == "application/pdf"
    assert document["size"] == len(PDF)
    assert document["uploaded_by"] == world["users"]["their manager"].get_username()
    assert document["url"] == _url(world, f"documents/{kept['contract'].pk}/file")
    assert served.status_code == 200 and served.content == PDF
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith('attachment; filename="contract')
    assert "no-store" in served["Cache-Control"]


def _upload(caller: Caller, url: str, name: str, data: bytes, **fields: Any) -> Any:
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    headers = {**caller.headers, **fields.pop("headers", {})}
    return caller.client.post(url, {"file": upload, **fields}, headers=headers)


@pytest.mark.parametrize("role", WRITE)
def test_only_the_management_uploads_and_removes_documents(
    world: dict[str, Any], kept: dict[str, Any], role: str
) -> None:
    caller = world["callers"][role]
    added = _upload(caller, _url(world, "documents"), "rider.pdf", PDF, title="Rider")
    removed = caller.send("delete", _url(world, f"documents/{kept['contract'].pk}"))
    if WRITE[role] != 200:
        problem(added, WRITE[role])
        problem(removed, WRITE[role])
        assert Document.objects.filter(engagement=world["engagement"]).count() == 1
        assert kept["files"]() != set() and len(kept["files"]()) == 1
        return
    assert added.status_code == 201, added.content
    assert [d["title"] for d in removed.json()["documents"]] == ["Rider"]


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("virus.exe", b"MZ\x90\x00", "file"),
        ("contract.pdf", b"MZ\x90\x00 a program renamed", "file"),
        ("empty.pdf", b"", "file"),
    ],
)
def test_an_upload_the_page_refuses_is_a_400_naming_the_file(
    world: dict[str, Any], kept: dict[str, Any], name: str, data: bytes, field: str
) -> None:
    manager = world["callers"]["their manager"]
    response = _upload(manager, _url(world, "documents"), name, data)
    assert problem(response, 400)["errors"][0]["field"] == field
    assert Document.objects.filter(engagement=world["engagement"]).count() == 1
    assert len(kept["files"]()) == 1


def test_an_upload_is_keyed_versioned_and_logged_with_its_token(
    world: dict[str, Any], kept: dict[str, Any]
) -> None:
    manager = world["callers"]["their manager"]
    url = _url(world, "documents")
    version = Engagement.objects.get(pk=world["engagement"].pk).version
    stale = _upload(manager, url, "rider.pdf", PDF, version=version - 1)
    problem(stale, 409)
    key = {"Idempotency-Key": "rider"}
    first = _upload(manager, url, "rider.pdf", PDF, version=version, headers=key)
    assert first.status_code == 201, first.content
    assert [d["title"] for d in first.json()["documents"]] == ["Contract", "rider"]
    again = _upload(manager, url, "rider.pdf", PDF, version=version, headers=key)
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    other = _upload(manager, url, "rider.pdf", PDF + b"%", version=version, headers=key)
    problem(other, 422)
    assert Document.objects.filter(engagement=world["engagement"]).count() == 2
    assert len(kept["files"]()) == 2
    changes = manager.get(_url(world, "changes")).json()
    line = next(c for c in changes if c["to_value"] == "added: rider")
    assert line["token"].startswith("crm (") and line["kind"] == "document"
    latest = first.json()["version"]
    rider = first.json()["documents"][1]["id"]
    gone = manager.send("delete", f"{url}/{rider}?version={latest}")
    assert [d["title"] for d in gone.json()["documents"]] == ["Contract"]
    problem(manager.get(f"{url}/{rider}/file"), 404)
