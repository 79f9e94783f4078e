"""Review a biography before it joins the record: see each fact at its words, correct any
of its fields, link it to another record (or to a new one) or reject it, accept the rest.
Plain forms: it works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cadenza.accounts.selectors import user_can_import_biographies
from cadenza.ingest.biography.importer import biography_import
from cadenza.ingest.biography.moments import read_moments
from cadenza.ingest.biography.reading import BiographyError, read_biography
from cadenza.ingest.biography.review import (
    FIELD,
    Decision,
    fact_rows,
    facts_corrected,
    marked,
)

MAX_BYTES = 200_000


def _text(request: HttpRequest) -> str:
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size and upload.size > MAX_BYTES:
            raise BiographyError(f"{upload.name} is larger than {MAX_BYTES // 1000} kB")
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise BiographyError(f"{upload.name} is not UTF-8 text: expected plain text") from error
    return request.POST.get("text", "")


def _person(request: HttpRequest, read: dict[str, object]) -> dict[str, object]:
    """The person as the reviewer corrected them (a field left out of the form stays)."""
    person = dict(read)
    if name := request.POST.get("person", "").strip():
        person["name"] = name
    if "person:instruments" in request.POST:
        words = request.POST["person:instruments"].split(",")
        person["instruments"] = [w.strip().lower() for w in words if w.strip()]
    if "person:birth_place" in request.POST:
        person["birth_place"] = request.POST["person:birth_place"].strip() or None
    if "person:birth_year" in request.POST:
        year = request.POST["person:birth_year"].strip()
        person["birth_year"] = int(year) if year.isdigit() else None
    return person


@require_http_methods(["GET", "POST"])
def biography_review(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_can_import_biographies(user=request.user):
        raise PermissionDenied("Only staff and artists' managers may import biographies.")
    context: dict[str, object] = {}
    if request.method == "POST":
        try:
            text = _text(request)
            facts = {**read_biography(text), "moments": read_moments(text)}
        except BiographyError as error:
            context["error"] = str(error)
            context["text"] = request.POST.get("text", "")
            return render(request, "web/bio_review.html", context, status=400)
        if request.POST.get("action") == "accept":
            decisions = {
                row.key: Decision(
                    keep=bool(request.POST.get(f"keep:{row.key}")),
                    fields={
                        name: request.POST.get(f"field:{row.key}:{name}", "")
                        for name in [*(n for n, _ in row.fields), "value"]
                        if f"field:{row.key}:{name}" in request.POST
                    }
                    | {FIELD[row.kind]: request.POST.get(f"value:{row.key}", "")},
                    record=request.POST.get(f"link:{row.key}", ""),
                )
                for row in fact_rows(text, facts)
            }
            corrected = facts_corrected(facts, decisions)
            corrected["person"] = _person(request, corrected["person"])
            try:
                outcome = biography_import(text=text, facts=corrected)
            except BiographyError as error:
                # Nothing was written; the text and its facts are shown again to correct.
                context.update(
                    error=str(error),
                    text=text,
                    facts=facts,
                    rows=fact_rows(text, facts),
                    pieces=marked(text, facts),
                )
                return render(request, "web/bio_review.html", context, status=400)
            messages.success(
                request, f"Imported {sum(outcome.facts.values())} facts about {outcome.person}."
            )
            return redirect(outcome.person.get_absolute_url())
        context.update(
            text=text,
            facts=facts,
            rows=fact_rows(text, facts),
            pieces=marked(text, facts),
        )
    return render(request, "web/bio_review.html", context)
