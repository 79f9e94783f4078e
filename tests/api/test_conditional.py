"""ETags, If-None-Match, HEAD, Vary; the OpenAPI document and the docs served offline."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_get_has_a_strong_etag_and_if_none_match_answers_304(api_client: Client) -> None:
    first = api_client.get("/api/v1/auth/me")
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first["Vary"] == "Authorization, Cookie"
    assert first["Cache-Control"] == "private, no-cache"
    again = api_client.get("/api/v1/auth/me", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = api_client.get("/api/v1/auth/me", headers={"If-None-Match": '"else", ' + etag})
    assert other.status_code == 304
    changed = api_client.get("/api/v1/auth/me", headers={"If-None-Match": '"stale"'})
    assert changed.status_code == 200 and changed.content == first.content


def test_the_etag_differs_when_the_body_does(api_client: Client, bearer: dict[str, str]) -> None:
    anonymous = api_client.get("/api/v1/auth/me")
    signed = api_client.get("/api/v1/auth/me", headers=bearer)
    assert anonymous["ETag"] != signed["ETag"]
    stale = api_client.get(
        "/api/v1/auth/me", headers={**bearer, "If-None-Match": anonymous["ETag"]}
    )
    assert stale.status_code == 200 and stale.json()["username"] == "alice"


def test_head_answers_as_get_without_the_body(api_client: Client) -> None:
    get = api_client.get("/api/v1/auth/me")
    head = api_client.head("/api/v1/auth/me")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Length"] == str(len(get.content))
    refused = api_client.head("/api/v1/auth/token")  # POST only: a 405, still without a body
    assert refused.status_code == 405 and refused["Allow"] == "POST" and refused.content == b""
    assert refused["Content-Type"] == "application/problem+json"


def test_the_openapi_document_is_3_1_and_every_error_is_a_problem(api_client: Client) -> None:
    document = api_client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert {"TokenAuth", "SessionAuth"} <= set(document["components"]["securitySchemes"])
    assert "Problem" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "404"):
                content = operation["responses"][status]["content"]
                assert list(content) == ["application/problem+json"], (path, method, status)
    me = document["paths"]["/api/v1/auth/me"]["get"]
    assert {} in me["security"]  # anonymous may read
    assert {} not in document["paths"]["/api/v1/auth/tokens"]["get"]["security"]


def test_the_docs_are_served_without_any_outside_address(api_client: Client) -> None:
    page = api_client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page and "cdn" not in page.lower()
    settings = json.loads(page.split('id="swagger-settings">')[1].split("</script>")[0])
    assert settings["url"] == "/api/v1/openapi.json"
    script = api_client.get("/static/ninja/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in b"".join(script.streaming_content)
