"""An artist's availability (unavailable times, by hand or from an .ics file) and the
calendar feeds given out, with the feed itself at its secret address.

The availability page is the artist's management's; the feeds page lists the artists a
user may make feeds for (`feeds.feed_grants`). A feed's address is shown once, in the
answer to the form that made it: only a hash of its token is kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from cadenza.accounts.selectors import agents_managed_by
from cadenza.engagements.availability import (
    artist_zone,
    local_days,
    unavailability_add,
    unavailability_import,
    unavailability_of,
    unavailability_remove,
)
from cadenza.engagements.calendar_models import Feed, Unavailability
from cadenza.engagements.errors import Invalid
from cadenza.engagements.feeds import (
    feed_by_token,
    feed_create,
    feed_grants,
    feed_ics,
    feed_revoke,
    feeds_of,
)
from cadenza.people.models import Agent
from cadenza.web.booking_forms import DATE, first_error
from cadenza.web.views.bookings import private, signed_in

TIME = forms.TimeInput(attrs={"type": "time"})


class UnavailableForm(forms.Form):
    first_day = forms.DateField(widget=DATE)
    starts = forms.TimeField(required=False, widget=TIME, help_text="Empty: the whole day.")
    last_day = forms.DateField(widget=DATE)
    ends = forms.TimeField(required=False, widget=TIME, help_text="Empty: the whole day.")
    reason = forms.CharField(required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("starts") is None) != (data.get("ends") is None):
            missing = "ends" if data.get("ends") is None else "starts"
            self.add_error(missing, "Give both times, or neither for whole days.")
        return data


class IcsForm(forms.Form):
    file = forms.FileField(label="An .ics file", help_text="Recurring events are expanded.")


def managed_artist(request: HttpRequest, pk: int) -> Agent:
    artist = agents_managed_by(user=request.user).select_related("based_in").filter(pk=pk).first()
    if artist is not None:
        return artist
    if Agent.objects.filter(pk=pk).exists():
        raise PermissionDenied("Only the artist's management may see their availability.")
    raise Http404("No such artist.")


def _availability_page(
    request: HttpRequest, artist: Agent, *, error: dict[str, Any] | None = None, **given: Any
) -> HttpResponse:
    context = {
        "artist": artist,
        "zone": artist_zone(artist).key,
        "unavailable": list(unavailability_of(artist=artist, since=timezone.localdate())),
        "add_form": given.get("add_form") or UnavailableForm(),
        "ics_form": given.get("ics_form") or IcsForm(),
        "error": error,
        "import_hidden": [("form", "import")],
    }
    status = 400 if error else 200
    return private(render(request, "web/bookings/availability.html", context, status=status))


def _add(request: HttpRequest, artist: Agent, data: dict[str, Any]) -> str:
    if data["starts"] is None:
        starts_at, ends_at = local_days(artist, data["first_day"], data["last_day"])
        all_day = True
    else:
        zone = artist_zone(artist)
        starts_at = datetime.combine(data["first_day"], data["starts"], tzinfo=zone)
        ends_at = datetime.combine(data["last_day"], data["ends"], tzinfo=zone)
        all_day = False
    try:
        unavailability_add(
            artist=artist,
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=all_day,
            reason=data["reason"],
            by=request.user,
        )
    except Invalid as invalid:
        field = {"starts_at": "first_day", "ends_at": "last_day"}.get(invalid.field or "")
        raise Invalid(invalid.message, field=field or invalid.field) from invalid
    return "Added the unavailable time."


def availability_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    artist = managed_artist(request, pk)
    if request.method != "POST":
        return _availability_page(request, artist)
    name = "import" if "file" in request.FILES or request.POST.get("form") == "import" else "add"
    form: forms.Form = (
        IcsForm(request.POST, request.FILES) if name == "import" else UnavailableForm(request.POST)
    )
    problem: dict[str, Any] | None = None
    if form.is_valid():
        try:
            if name == "import":
                upload = form.cleaned_data["file"]
                found = unavailability_import(
                    artist=artist, data=upload.read(), filename=upload.name
                )
                said = (
                    f"Imported {found.added} unavailable times from {upload.name} "
                    f"({found.known} already there, {found.skipped} free or cancelled left out)."
                )
            else:
                said = _add(request, artist, form.cleaned_data)
        except Invalid as invalid:
            problem = {"form": name, "field": invalid.field, "message": invalid.message}
        else:
            messages.success(request, said)
            return redirect("availability", pk=artist.pk)
    else:
        field, message = first_error(form)
        problem = {"form": name, "field": field, "message": message}
    return _availability_page(request, artist, error=problem, **{f"{name}_form": form})


@require_POST
def unavailability_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    span = Unavailability.objects.filter(pk=pk).first()
    if span is None:
        raise Http404("No such unavailable time.")
    artist = managed_artist(request, span.artist_id)
    unavailability_remove(unavailability=span, by=request.user)
    messages.success(request, f"Removed “{span}”.")
    return redirect("availability", pk=artist.pk)


class FeedForm(forms.Form):
    artist = forms.TypedChoiceField(coerce=int)
    audience = forms.ChoiceField(choices=Feed.Audience.choices)
    include_fees = forms.BooleanField(
        required=False, label="Show fees", help_text="Artist and management feeds only."
    )

    def __init__(self, *args: Any, artists: list[Agent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["artist"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, a.name) for a in artists]


def _feeds_page(request: HttpRequest, **extra: Any) -> HttpResponse:
    grants = feed_grants(user=request.user)
    if not grants:
        raise PermissionDenied("Feeds are made by an artist's management, or by the artist.")
    artists = [g.artist for g in grants]
    context = {
        "grants": grants,
        "feeds": feeds_of(artists=artists),
        "form": extra.pop("form", None) or FeedForm(artists=artists),
        **extra,
    }
    status = 400 if extra.get("error") else 200
    return private(render(request, "web/bookings/feeds.html", context, status=status))


def feeds_view(request: HttpRequest) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    if request.method != "POST":
        return _feeds_page(request)
    grants = {g.artist.pk: g for g in feed_grants(user=request.user)}
    form = FeedForm(request.POST, artists=[g.artist for g in grants.values()])
    if not form.is_valid():
        return _feeds_page(request, form=form, error=first_error(form)[1])
    data = form.cleaned_data
    try:
        feed, token = feed_create(
            artist=grants[data["artist"]].artist,
            audience=data["audience"],
            by=request.user,
            include_fees=data["include_fees"],
        )
    except Invalid as invalid:
        return _feeds_page(request, form=form, error=invalid.message)
    url = request.build_absolute_uri(reverse("feed", args=[token]))
    return _feeds_page(request, made=feed, made_url=url)


@require_POST
def feed_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    feed = Feed.objects.select_related("artist").filter(pk=pk).first()
    if feed is None:
        raise Http404("No such feed.")
    try:
        feed_revoke(feed=feed, by=request.user)
    except Invalid as invalid:
        raise PermissionDenied(invalid.message) from invalid
    messages.success(request, f"Revoked the feed “{feed}”: its address no longer answers.")
    return redirect("feeds")


@require_safe
def feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """The feed at its secret address, for calendar apps: no login, no shared cache."""
    feed = feed_by_token(token=token)
    if feed is None:
        raise Http404("No such feed (it may have been revoked).")
    response = HttpResponse(feed_ics(feed=feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    patch_cache_control(response, private=True)
    return response
