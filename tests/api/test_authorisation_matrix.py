"""The authorisation matrix of the API (issue 20): every operation of the OpenAPI document
× every role, on the whole demo (tests/web/authorisation_world.py; the pages' matrix is
tests/web/test_authorisation_matrix.py).

Each signed-in role calls with a token of its own; the read-only token and the expired one
are their manager's. Reads answer by the same rule as the pages (404 for what a role may
not see); every unsafe operation is refused to all but the artist's management, and to a
read-only or expired token, with nothing changed; no answer to a role that may not see
them tells a fee or a hold.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from cadenza.accounts.models import ApiToken
from cadenza.accounts.services import token_create
from cadenza.api.main import api
from cadenza.events.models import Event
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.press.models import Review
from cadenza.repertoire.models import Work
from tests.factories import AgentFactory
from tests.web.authorisation_world import (
    MANAGEMENT,
    ROLES,
    SEES_FEES,
    VIEWERS,
    World,
    build_world,
    fees_in,
    fingerprint,
    hold_words,
)

pytestmark = pytest.mark.django_db

UNSAFE = {"post", "put", "patch", "delete"}
ANONYMOUS_ROLES = {"anonymous"}


def _resolved(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _value(name: str, schema: dict[str, Any], w: World, document: dict[str, Any]) -> Any:
    """A value the schema accepts, naming the world's things where a field names one: the
    request then reaches the authorisation, not the input's validation."""
    schema = _resolved(schema, document)
    for choices in ("anyOf", "oneOf"):
        if choices in schema:
            kept = [c for c in schema[choices] if _resolved(c, document).get("type") != "null"]
            return _value(name, kept[0], w, document)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("pattern", "").startswith("^("):  # a choice written as a pattern
        return schema["pattern"][2:].split("|")[0].rstrip(")$")
    kind, form = schema.get("type"), schema.get("format", "")
    if kind == "object":
        required = schema.get("required", [])
        fields = schema.get("properties", {})
        return {f: _value(f, fields[f], w, document) for f in required}
    if kind == "array":
        return []
    if kind == "integer":
        ids = {"artist": w.artist.pk, "presenter": w.engagement.presenter_id}
        ids |= {"version": w.engagement.version, "venue": w.engagement.venue_id or 1}
        return ids.get(name, 1)
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    examples = {"date": "2027-03-02", "date-time": "2027-03-02T19:00:00+01:00", "time": "19:00"}
    if name == "currency":
        return "USD"
    return examples.get(form, "2027-03-02" if "date" in name else "matrix")


ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//matrix//EN\r\nEND:VCALENDAR\r\n"


def call(client: Client, method: str, path: str, w: World) -> Any:
    """The operation called with a body its schema accepts (a file where it takes one)."""
    document = api.get_openapi_schema()
    operation = document["paths"][path][method]
    content = operation.get("requestBody", {}).get("content", {})
    url = _address(w, path)
    if "multipart/form-data" in content:
        upload = SimpleUploadedFile("away.ics", ICS, content_type="text/calendar")
        return getattr(client, method)(url, {"file": upload})
    body = _value("body", content["application/json"]["schema"], w, document) if content else {}
    return getattr(client, method)(url, body, content_type="application/json")


def operations() -> list[tuple[str, str, bool]]:
    """(method, path template, anonymous may call) of every operation in the document."""
    found = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, operation in methods.items():
            public = {} in (operation.get("security") or [])
            found.append((method, path, public))
    return found


def _ensemble() -> int:
    """An ensemble of the record (the demo names none: one is made)."""
    found = Agent.objects.filter(kind=Agent.Kind.ENSEMBLE).order_by("pk").first()
    return (found or AgentFactory(kind=Agent.Kind.ENSEMBLE, name="Matrix Quartet")).pk


def _address(w: World, path: str) -> str:
    """The template filled with the world's things: the Carnegie Hall engagement and its
    parts, its artist, a work, hall, concert and review of the record."""
    e = w.engagement
    performance = e.performances.order_by("pk").first()
    by_collection = {
        "people": w.artist.pk,
        "ensembles": _ensemble(),
        "organisations": e.presenter_id,
        "works": Work.objects.order_by("pk").values_list("pk", flat=True).first(),
        "places": Place.objects.get(name="Carnegie Hall").pk,
        "events": Event.objects.order_by("pk").values_list("pk", flat=True).first(),
        "reviews": Review.objects.order_by("pk").values_list("pk", flat=True).first(),
        "engagements": e.pk,
        "artists": w.artist.pk,
        "plans": w.plan.pk,
    }
    collection = path.removeprefix("/api/v1/").split("/")[0]
    filled = {
        "{pk}": str(by_collection.get(collection) or 0),
        "{hold_id}": str(w.hold.pk),
        "{performance_id}": str(performance.pk if performance else 0),
        "{part}": "calls",
        "{item_id}": str(w.call.pk),
        "{span_id}": str(w.absence.pk),
        "{prefix}": w.tokens_prefix,
        # The contract is the Carnegie Hall engagement's; the taxi is Verbier's (so a
        # removal through Carnegie Hall's address is a 404 besides any refusal).
        "{document_id}": str(w.document.pk),
        "{expense_id}": str(w.expense.pk),
    }
    for name, value in filled.items():
        path = path.replace(name, value)
    assert "{" not in path, f"a path parameter the matrix does not know: {path}"
    return path + ("?q=Carnegie" if path.endswith("/search") else "")


@pytest.fixture
def world() -> World:
    w = build_world()
    manager = w.users["their manager"]
    for role, user in w.users.items():
        w.tokens[role] = token_create(user=user, name=f"matrix {role}")[1]
    w.tokens["read-only token"] = token_create(user=manager, name="ro", read_only=True)[1]
    expired, secret = token_create(user=manager, name="old", expires_days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    w.tokens["expired token"] = secret
    w.tokens_prefix = expired.prefix  # a token of the manager's, for the revoke operation
    return w


def _client(w: World, role: str) -> Client:
    client = Client()
    if role not in ANONYMOUS_ROLES:
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {w.tokens[role]}"
    return client


def _expected_read(role: str, path: str, public: bool) -> set[int]:
    """The statuses a read may answer this role with."""
    if role == "expired token":
        return {401}
    if public:
        return {200}
    if role == "anonymous":
        return {401}
    of_the_engagement = "/engagements/{pk}" in path
    of_the_artist = "/artists/{pk}" in path or "/plans/{pk}" in path
    if of_the_engagement:
        sees = VIEWERS | {"read-only token"}
        return {200} if role in sees else {404}
    if of_the_artist:
        return {200} if role in MANAGEMENT | {"read-only token"} else {403, 404}
    return {200}


def test_every_read_answers_each_role_by_its_rule_and_tells_nothing_more(world):
    wrong = []
    for role in ROLES:
        client = _client(world, role)
        for method, path, public in operations():
            if method != "get":
                continue
            response = client.get(_address(world, path))
            expected = _expected_read(role, path, public)
            if response.status_code not in expected:
                wrong.append(f"{role} GET {path}: {response.status_code}, expected {expected}")
            body = response.content.decode()
            if role not in SEES_FEES and role != "read-only token":
                wrong += [f"{role} GET {path} tells fee {f}" for f in fees_in(world, body)]
            if role in {"anonymous", "expired token"}:
                wrong += [f"{role} GET {path} tells hold {h}" for h in hold_words(body)]
    assert wrong == [], "\n".join(wrong)


def test_no_one_but_the_management_changes_anything_through_the_api(world):
    before = fingerprint()
    wrong = []
    unsafe = [(m, p) for m, p, _ in operations() if m in UNSAFE and p != "/api/v1/auth/token"]
    assert len(unsafe) >= 3
    for role in ROLES:
        if role in MANAGEMENT:
            continue  # their changes have their tests (tests/api/test_engagements.py …)
        client = _client(world, role)
        for method, path in unsafe:
            response = call(client, method, path, world)
            status = response.status_code
            # A token's owner acts on their own things (their tokens, their own inquiries
            # for artists they manage): a 400 for the empty body is a refusal of the input.
            own = path.startswith("/api/v1/auth/") or (
                role == "another roster's manager" and path in _OWN_OF_A_MANAGER
            )
            refused = status in (401, 403, 404) or (own and status in (400, 422))
            if role == "read-only token":
                refused = status == 403
            if role in {"anonymous", "expired token"}:
                refused = status == 401
            if not refused:
                wrong.append(f"{role} {method.upper()} {path}: {status}")
            if response.get("Content-Type", "").startswith("application/problem+json"):
                assert response.json()["status"] == status
            if fingerprint() != before:
                wrong.append(f"{role} {method.upper()} {path} changed the record")
                before = fingerprint()
    assert wrong == [], "\n".join(wrong)


# Operations a manager of another roster may try for their own artists (refused input).
_OWN_OF_A_MANAGER = {"/api/v1/engagements", "/api/v1/plans", "/api/v1/plans/instances"}


def test_every_operation_is_in_the_matrix():
    """Every path parameter is known to `_address`, so no operation escapes the matrix."""
    world_paths = [p for _, p, _ in operations()]
    assert world_paths, "the OpenAPI document lists no operation"
    for path in world_paths:
        names = {part for part in path.split("/") if part.startswith("{")}
        assert names <= {
            "{pk}",
            "{hold_id}",
            "{performance_id}",
            "{part}",
            "{item_id}",
            "{span_id}",
            "{prefix}",
            "{document_id}",
            "{expense_id}",
        }, path
