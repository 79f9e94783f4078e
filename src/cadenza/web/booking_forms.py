"""The booking pages' forms: plain Django forms that only read and check the input; every
change goes through the engagements services, whose errors name the field they are about."""

from __future__ import annotations

from typing import Any

from django import forms

from cadenza.engagements import states
from cadenza.engagements.models import State
from cadenza.people.models import Agent

DATE = forms.DateInput(attrs={"type": "date"})


class VersionForm(forms.Form):
    """Every form that changes an engagement carries the version it was drawn from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EngagementForm(forms.Form):
    artist = forms.ModelChoiceField(queryset=Agent.objects.none())
    presenter = forms.CharField(
        max_length=300, help_text="The organisation that asks: a new name is added to the record."
    )
    title = forms.CharField(max_length=200, help_text="e.g. 'Carnegie Hall recital'.")
    first_date = forms.DateField(required=False, widget=DATE, label="First performance")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

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


class ChallengeForm(forms.Form):
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


class DetailsForm(VersionForm):
    title = forms.CharField(max_length=200)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    cancellation_terms = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    radius_km = forms.IntegerField(required=False, min_value=1, label="Radius clause: km")
    radius_days = forms.IntegerField(required=False, min_value=1, label="days before and after")


class PublishForm(VersionForm):
    publish = forms.BooleanField(required=False)


def first_error(form: forms.Form) -> tuple[str | None, str]:
    """The first of a form's errors as (field, message), for the page's error line."""
    for name, errors in form.errors.items():
        label = form.fields[name].label or name.replace("_", " ") if name in form.fields else ""
        message = " ".join(str(e) for e in errors)
        return (None if name == "__all__" else name), f"{label.capitalize()}: {message}".lstrip(
            ": "
        )
    return None, ""
