"""The one NinjaAPI: its routers, its error handlers (problem details), and the OpenAPI
document's shared parts (the problem responses every operation may give)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cadenza.accounts.tokens import TokenError
from cadenza.api import problems
from cadenza.api.auth import PUBLIC, SIGNED_IN
from cadenza.api.docs import OfflineSwagger
from cadenza.api.problems import ApiProblem, problem_response
from cadenza.api.routers import (
    agents,
    availability,
    engagement_documents,
    engagement_expenses,
    engagement_money,
    engagement_programme,
    engagement_schedule,
    engagements,
    events,
    places,
    plans,
    press,
    search,
    timeline,
    tokens,
    works,
)
from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.planning.instance import InstanceError
from cadenza.seasons.from_record import SeasonError

# The problem responses an operation may give besides its own, documented on every one.
_PROBLEMS = {
    "400": "Bad input: `errors` names each field and what was expected.",
    "401": "No valid credentials: the token is missing, malformed, expired or revoked.",
    "403": "Not allowed: a read-only token on a change, or a failed CSRF check.",
    "404": "No such resource (or one you may not see).",
    "503": "The database is busy with a long write: retry after `Retry-After` seconds.",
}


class CadenzaAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {})
        shapes = problems.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.setdefault("schemas", {}).update(shapes.pop("$defs", {}), Problem=shapes)
        schemes = components.get("securitySchemes", {})
        schemes.pop("Anonymous", None)
        problem = {
            "content": {problems.CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        }
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                # The public record's reads: anonymous allowed, shown as an empty requirement.
                security = operation.get("security")
                if security is not None:
                    operation["security"] = [{} if "Anonymous" in s else s for s in security]
                # ninja keys responses by int; JSON makes them strings: one kind of key.
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for status, text in _PROBLEMS.items():
                    responses.setdefault(status, {"description": text})
                for status, response in responses.items():
                    if status.isdigit() and int(status) >= 400:  # every error is a problem
                        response.update(problem)
        return schema


api = CadenzaAPI(
    title="Cadenza API",
    version="1",
    description=(
        "The record, bookings and plans of Cadenza. Authenticate with a token "
        "(`Authorization: Bearer <token>`) or the browser's session. Errors are problem "
        "details (RFC 9457). See docs/api.md."
    ),
    urls_namespace="api",
    docs=OfflineSwagger(),
    auth=SIGNED_IN,
)


@api.exception_handler(ApiProblem)
def _api_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problems.from_problem(request, exc)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = problems.validation_errors(exc.errors, given=request.GET)
    fields = ", ".join(sorted({f for f, _ in errors}))
    return problem_response(
        request, 400, f"Invalid input: {fields}.", kind="validation", errors=errors
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem_response(
        request,
        401,
        "Authentication required: send `Authorization: Bearer <token>`, or sign in.",
        kind="unauthenticated",
        headers={"WWW-Authenticate": 'Bearer realm="cadenza"'},
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, 404, str(exc) or "Not found.", kind="not-found")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(request, 403, str(exc) or "Not allowed.", kind="forbidden")


@api.exception_handler(Invalid)
def _invalid(request: HttpRequest, exc: Invalid) -> HttpResponse:
    # An engagement written from an older version: a conflict, not bad input.
    if isinstance(exc, Stale):
        return problem_response(request, 409, exc.message, kind="stale")
    errors = [(exc.field, exc.message)] if exc.field else []
    return problem_response(request, 400, exc.message, kind="invalid", errors=errors)


@api.exception_handler(TokenError)
def _token_error(request: HttpRequest, exc: TokenError) -> HttpResponse:
    errors = [(exc.field, exc.message)] if exc.field else []
    return problem_response(request, 400, exc.message, kind="invalid", errors=errors)


@api.exception_handler(SeasonError)
@api.exception_handler(InstanceError)
def _planning_error(request: HttpRequest, exc: ValueError) -> HttpResponse:
    return problem_response(request, 400, str(exc), kind="invalid")


@api.exception_handler(OperationalError)
def _operational(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    if not problems.database_locked(exc):
        raise exc  # a real fault: Django's 500, logged
    return problem_response(
        request,
        503,
        "The database is busy with another write (an import, perhaps). Try again shortly.",
        kind="database-busy",
        headers={"Retry-After": str(problems.RETRY_AFTER)},
    )


api.add_router("/auth", tokens.router, tags=["auth"])
# The public record: anyone may read it (nothing of engagements, fees or holds).
for prefix, router in (
    ("/people", agents.people),
    ("/people", timeline.people),
    ("/ensembles", agents.ensembles),
    ("/ensembles", timeline.ensembles),
    ("/organisations", agents.organisations),
    ("/works", works.router),
    ("/places", places.router),
    ("/events", events.router),
    ("/reviews", press.router),
    ("/search", search.router),
):
    api.add_router(prefix, router, auth=PUBLIC)
# Bookings and plans: signed-in users only (the API's default), each sees what the
# pages show them.
for prefix, router in (
    ("/engagements", engagements.router),
    ("/engagements", engagement_money.router),
    ("/engagements", engagement_schedule.router),
    ("/engagements", engagement_programme.router),
    ("/engagements", engagement_expenses.router),
    ("/engagements", engagement_documents.router),
    ("/artists", availability.router),
    ("/plans", plans.router),
):
    api.add_router(prefix, router)
