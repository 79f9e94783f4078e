"""Every error is a problem (RFC 9457): unknown paths, wrong methods, bad input, domain
refusals, a database busy with another writer."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from cadenza.api import main
from cadenza.engagements.errors import Invalid, Stale
from cadenza.seasons.from_record import SeasonError
from tests.api.conftest import problem

pytestmark = pytest.mark.django_db


def test_an_unknown_path_under_the_api_is_a_problem(api_client: Client) -> None:
    body = problem(api_client.get("/api/v1/no/such/thing?x=1"), 404)
    assert body["instance"] == "/api/v1/no/such/thing?x=1"
    assert "/api/v1/docs" in body["detail"]


def test_a_path_with_a_newline_is_a_problem_too(api_client: Client) -> None:
    assert problem(api_client.get("/api/v1/people/1%0A2"), 404)["status"] == 404
    assert problem(api_client.get("/api/v1/"), 404)["instance"] == "/api/v1/"


def test_a_wrong_method_is_a_problem_with_allow(api_client: Client) -> None:
    response = api_client.put("/api/v1/auth/me")
    body = problem(response, 405)
    assert response["Allow"] == "GET" and body["detail"].startswith("PUT is not allowed")


def test_bad_input_names_each_field(api_client: Client) -> None:
    response = api_client.post(
        "/api/v1/auth/token",
        {"username": "a", "password": "b", "name": "", "read_only": "maybe"},
        content_type="application/json",
    )
    body = problem(response, 400)
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert set(fields) == {"name", "read_only"}
    assert "valid boolean" in fields["read_only"] and "at least 1" in fields["name"]
    assert body["type"] == "urn:cadenza:problem:validation"


def test_a_body_that_is_not_json_is_a_400(api_client: Client) -> None:
    response = api_client.post("/api/v1/auth/token", "{nope", content_type="application/json")
    assert problem(response, 400)["status"] == 400


def _request() -> object:
    return RequestFactory().post("/api/v1/engagements")


def test_domain_errors_become_problems_naming_the_field() -> None:
    invalid = main._invalid(
        _request(), Invalid("Rehearsal days: expected 0 to 14.", field="rehearsal_days")
    )
    body = problem(invalid, 400)
    assert body["errors"] == [
        {"field": "rehearsal_days", "message": "Rehearsal days: expected 0 to 14."}
    ]
    assert "Someone else changed" in problem(main._invalid(_request(), Stale()), 409)["detail"]
    season = main._planning_error(_request(), SeasonError("No offers in that season."))
    assert problem(season, 400)["detail"] == "No offers in that season."


def test_a_locked_database_is_a_503_with_retry_after() -> None:
    response = main._operational(_request(), OperationalError("database is locked"))
    assert problem(response, 503)["type"] == "urn:cadenza:problem:database-busy"
    assert int(response["Retry-After"]) > 0
    with pytest.raises(OperationalError):  # any other database fault stays a 500, logged
        main._operational(_request(), OperationalError("disk I/O error"))
