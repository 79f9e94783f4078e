"""The booking pages' forms: plain Django forms that only read and check the input; every
change goes through the engagements services, whose errors name the field they are about."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from cadenza.engagements import states
from cadenza.engagements.models import MAX_REHEARSAL_DAYS, State
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.selectors import place_label, venues_named
from cadenza.repertoire.models import Work

DATE = forms.DateInput(attrs={"type": "date"})


# Dates a booking may carry: past this, time-zone arithmetic leaves the calendar.
YEARS = (1900, 2200)


# Every text a form takes has a length: notes are a few paragraphs at most.
NOTE_LENGTH = 5000


class BookingForm(forms.Form):
    """A booking page's form: its dates within YEARS, each error at its field."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, date) and not YEARS[0] <= value.year <= YEARS[1]:
                self.add_error(name, f"Give a year between {YEARS[0]} and {YEARS[1]}.")
        return data


class VersionForm(BookingForm):
    """Every form that changes an engagement carries the version it was drawn from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EngagementForm(BookingForm):
    artist = forms.ModelChoiceField(queryset=Agent.objects.none())
    presenter = forms.CharField(
        max_length=300, help_text="The organisation that asks: a new name is added to the record."
    )
    title = forms.CharField(max_length=200, help_text="e.g. 'Carnegie Hall recital'.")
    venue = forms.CharField(
        required=False, max_length=200, help_text="A hall or building of the record, by its name."
    )
    first_date = forms.DateField(required=False, widget=DATE, label="First performance")
    notes = forms.CharField(
        required=False, max_length=NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_venue(self) -> Place | None:
        return venue_named(self.cleaned_data["venue"])

    def __init__(self, *args: Any, artists: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["artist"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = artists


class MoveForm(VersionForm):
    to_state = forms.ChoiceField(label="Move to")
    reason = forms.CharField(required=False, max_length=1000, label="Why")

    def __init__(self, *args: Any, state: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (s, states.label(s)) for s in states.allowed_next(state) if s != State.HOLD
        ]


class HoldForm(VersionForm):
    date = forms.DateField(
        required=False, widget=DATE, help_text="Leave empty for a date to be agreed."
    )
    rank = forms.IntegerField(
        required=False, min_value=1, max_value=20, help_text="Empty: the next free rank."
    )
    expires_on = forms.DateField(required=False, widget=DATE)
    decision_due = forms.DateField(required=False, widget=DATE)


class HoldActionForm(BookingForm):
    """A hold's button: the version of the engagement the page showed (none from a command)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class ChallengeForm(HoldActionForm):
    respond_by = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="The holds above must confirm or release by then.",
    )


class PerformanceForm(VersionForm):
    day = forms.DateField(widget=DATE, label="Date")
    starts_at = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        label="Starts at (venue time)",
    )
    ends_at = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        label="Ends at (venue time)",
    )
    time_note = forms.CharField(required=False, max_length=100, label="Or a note on the time")


class ProgrammeLineForm(VersionForm):
    work = forms.CharField(
        required=False,
        max_length=400,
        help_text="A work's number (from its page's address) or its exact title.",
    )
    interval = forms.IntegerField(
        required=False, min_value=1, max_value=120, label="Or an interval (minutes)"
    )

    def clean_work(self) -> Work | None:
        return work_named(self.cleaned_data["work"])


class DetailsForm(VersionForm):
    title = forms.CharField(max_length=200)
    venue = forms.CharField(
        required=False, max_length=200, help_text="A hall or building of the record, by its name."
    )
    notes = forms.CharField(
        required=False, max_length=NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    cancellation_terms = forms.CharField(
        required=False, max_length=NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    radius_km = forms.IntegerField(
        required=False, min_value=1, max_value=20_000, label="Radius clause: km"
    )
    radius_days = forms.IntegerField(
        required=False, min_value=1, max_value=366, label="days before and after"
    )
    rehearsal_days = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_REHEARSAL_DAYS,
        label="Rehearsal days before the performance",
        help_text="While no rehearsal is scheduled: the season planner keeps them free.",
    )

    def clean_venue(self) -> Place | None:
        return venue_named(self.cleaned_data["venue"])


class PublishForm(VersionForm):
    publish = forms.BooleanField(required=False)


def venue_named(text: str) -> Place | None:
    """The hall a form names: one of the record's, or a message saying which are meant."""
    if not text.strip():
        return None
    found = venues_named(name=text)
    if not found:
        raise forms.ValidationError(
            f"No hall or building of the record is called “{text}”; add it in the admin first."
        )
    if len(found) > 1:
        where = "; ".join(f"{place_label(place)} (#{place.pk})" for place in found)
        raise forms.ValidationError(f"Several places are called “{text}”: {where}.")
    return found[0]


def work_named(text: str) -> Work | None:
    """A work by its number or its exact title; several of one title are told apart."""
    text = text.strip().lstrip("#")
    if not text:
        return None
    if text.isascii() and text.isdigit():
        work = Work.objects.filter(pk=int(text)).first() if len(text) <= 18 else None
        if work is None:
            raise forms.ValidationError(f"There is no work number {text}.")
        return work
    found = list(Work.objects.filter(title__iexact=text, parent=None)[:6])
    if not found:
        raise forms.ValidationError(f"No work is called “{text}”: give its exact title or number.")
    if len(found) > 1:
        numbers = ", ".join(f"#{w.pk}" for w in found)
        raise forms.ValidationError(
            f"Several works are called “{text}” ({numbers}): give its number."
        )
    return found[0]


def mark_invalid(found: dict[str, forms.Form], error: dict[str, Any] | None) -> None:
    """Point the field a service refused at its message, for screen readers (Django
    describes a field by its help text only when not told otherwise)."""
    if not error or error.get("form") not in found or not error.get("field"):
        return
    form = found[error["form"]]
    if error["field"] not in form.fields:
        return
    field = form[error["field"]]
    described = [f"error-{error['form']}"]
    described += [f"{field.auto_id}_helptext"] if field.help_text else []
    attrs = field.field.widget.attrs
    attrs.update({"aria-invalid": "true", "aria-describedby": " ".join(described)})


def first_error(form: forms.Form) -> tuple[str | None, str]:
    """The first of a form's errors as (field, message), for the page's error line."""
    for name, errors in form.errors.items():
        label = form.fields[name].label or name.replace("_", " ") if name in form.fields else ""
        message = " ".join(str(e) for e in errors)
        return (None if name == "__all__" else name), f"{label.capitalize()}: {message}".lstrip(
            ": "
        )
    return None, ""
