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
from cadenza.ingest.biography.facts import ReadFacts
from cadenza.ingest.biography.importer import biography_import
from cadenza.ingest.biography.moments import read_moments
from cadenza.ingest.biography.reading import BiographyError, read_biography
from cadenza.ingest.biography.review import fact_rows, facts_corrected, marked
from cadenza.people.models import Agent
from cadenza.web.review_forms import FactForms, PersonForm

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
    text = request.POST.get("text", "")
    # Pasted text has the uploads' limit: reading facts from more would hold a worker for
    # seconds (2.4 MB took 8.9 s).
    if len(text.encode()) > MAX_BYTES:
        raise BiographyError(
            f"Biography: the text pasted is larger than {MAX_BYTES // 1000} kB"
            ": paste a shorter biography"
        )
    return text


def _said(error: BiographyError) -> str:
    """The error as one clause: the page adds ". Nothing was imported." after it."""
    return str(error).rstrip(". ")


@require_http_methods(["GET", "HEAD", "POST"])
def biography_review(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_can_import_biographies(user=request.user):
        raise PermissionDenied("Only staff and artists' managers may import biographies.")
    context: dict[str, object] = {
        "pronoun_choices": Agent.Pronouns.choices,
        "pronouns": request.POST.get("person:pronouns", ""),
    }
    if request.method == "POST":
        try:
            text = _text(request)
            facts: ReadFacts = {**read_biography(text), "moments": read_moments(text)}
        except BiographyError as error:
            context["error"] = _said(error)
            context["text"] = request.POST.get("text", "")
            return render(request, "web/bio_review.html", context, status=400)
        if request.POST.get("action") == "accept":
            rows = fact_rows(text, facts)
            person_form = PersonForm(request.POST)
            fact_forms = FactForms(request.POST, rows=rows)
            try:
                if not (person_form.is_valid() and fact_forms.is_valid()):
                    said = person_form.errors_said() + fact_forms.errors_said()
                    raise BiographyError("; ".join(s.rstrip(".") for s in said))
                corrected = facts_corrected(facts, fact_forms.decisions())
                corrected["person"] = person_form.corrected(corrected["person"])
                pronouns = person_form.cleaned_data["pronouns"]
                outcome = biography_import(text=text, facts=corrected, pronouns=pronouns)
            except BiographyError as error:
                # Nothing was written; the text and its facts are shown again to correct.
                context.update(
                    error=_said(error),
                    text=text,
                    facts=facts,
                    rows=rows,
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
