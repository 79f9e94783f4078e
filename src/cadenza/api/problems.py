"""Errors as problem details (RFC 9457): `application/problem+json` with type, title,
status, detail, instance, and `errors: [{field, message}]` for bad input.

Every error the API answers is made here, so a client reads one shape whatever went
wrong: ninja's validation, authentication, a domain service's refusal, a locked database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema

CONTENT_TYPE = "application/problem+json"
# Seconds a client should wait before retrying a write that found the database locked.
RETRY_AFTER = 5


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    """The body of every error response."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldError] = []


class ApiProblem(Exception):
    """Raised by the API's own code to answer with a problem (a bad parameter, a refusal)."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str = "",
        errors: Sequence[tuple[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.errors = list(errors)
        self.headers = headers or {}


def bad_parameter(name: str, message: str) -> ApiProblem:
    """A 400 naming the query parameter (or body field) that was wrong."""
    return ApiProblem(400, f"{name}: {message}", kind="invalid-parameter", errors=[(name, message)])


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    kind: str = "",
    errors: Iterable[tuple[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """The problem response: `kind` makes the type URI (`urn:cadenza:problem:<kind>`);
    without one the type is about:blank and the title the status's own phrase."""
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body: dict[str, Any] = {
        "type": f"urn:cadenza:problem:{kind}" if kind else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
        "errors": [{"field": f, "message": m} for f, m in errors],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def from_problem(request: HttpRequest, problem: ApiProblem) -> HttpResponse:
    return problem_response(
        request,
        problem.status,
        problem.detail,
        kind=problem.kind,
        errors=problem.errors,
        headers=problem.headers,
    )


# Where ninja says a value came from; the field is named without it ("limit", not
# "query.limit"), and a body's fields without the body's own name.
_SOURCES = {"query", "path", "header", "cookie", "body", "form", "file"}


def _field_of(loc: Sequence[Any], body_names: set[str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        source, parts = parts[0], parts[1:]
        if source == "body" and len(parts) > 1 and parts[0] in body_names:
            parts = parts[1:]
    return ".".join(parts) or "body"


def _message_of(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "is not valid"))
    if "input" in error and error.get("type") not in {"missing"}:
        shown = error["input"]
        if isinstance(shown, str | int | float) and len(str(shown)) <= 80:
            message += f" (got {shown!r})"
    return message


def validation_errors(
    errors: Sequence[dict[str, Any]], *, given: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """ninja's (pydantic's) errors as (field, message) pairs; a query parameter's message
    says the value it was given (ninja leaves it out)."""
    body_names = {"payload", "data", "body"}
    out = []
    for error in errors:
        loc = error.get("loc", ())
        field = _field_of(loc, body_names)
        message = _message_of(error)
        if given is not None and loc[:1] == ("query",) and field in given and "got" not in message:
            value = given[field]
            message += f" (got {value[:80]!r})"
        out.append((field, message))
    return out


def database_locked(exc: BaseException) -> bool:
    """Whether a database error means another process holds the lock (try again later):
    SQLite's "database is locked", PostgreSQL's lock timeout or statement timeout."""
    text = str(exc).lower()
    cause = type(exc.__cause__).__name__ if exc.__cause__ else ""
    return (
        "database is locked" in text
        or "database table is locked" in text
        or cause in {"LockNotAvailable", "QueryCanceled"}
    )
