"""The engagement page's schedule forms: a rehearsal or other call, a travel leg, a hotel
stay and the concert dress. They read and check the input only: times are entered as the
clocks of their place read them, and `engagements.schedule` decides the rest."""

from __future__ import annotations

from typing import Any

from django import forms

from cadenza.engagements.models import Engagement, ScheduleItem, TravelLeg
from cadenza.places.models import Place
from cadenza.places.selectors import cities_named, place_label
from cadenza.web.booking_forms import DATE, NOTE_LENGTH, mark_invalid, venue_named
from cadenza.web.money_forms import PageForm

TIME = forms.TimeInput(attrs={"type": "time"})


def city_named(text: str) -> Place | None:
    """The city a form names (or '#12', its number): one of the record's, or a message
    saying which are meant."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("#") and text[1:].isdigit():
        found = list(Place.objects.filter(pk=int(text[1:]), kind=Place.Kind.CITY))
    else:
        found = cities_named(name=text)
    if not found:
        raise forms.ValidationError(
            f"No city of the record is called “{text}”: give a city such as 'Luzern', "
            "or add it in the admin first."
        )
    if len(found) > 1:
        where = "; ".join(f"{place_label(city)}, {_country(city)} (#{city.pk})" for city in found)
        raise forms.ValidationError(f"Several cities are called “{text}”: {where}.")
    return found[0]


def _country(city: Place) -> str:
    parent = city.parent
    while parent is not None and parent.kind != Place.Kind.COUNTRY:
        parent = parent.parent
    return parent.name if parent is not None else "country unknown"


class ScheduleItemForm(PageForm):
    id_prefix = "schedule"
    kind = forms.ChoiceField(choices=ScheduleItem.Kind.choices, label="Call")
    day = forms.DateField(widget=DATE)
    starts_at = forms.TimeField(required=False, widget=TIME, label="Starts at (local time)")
    ends_at = forms.TimeField(required=False, widget=TIME, label="Ends at (local time)")
    approximate = forms.CharField(
        required=False,
        max_length=100,
        label="Or roughly when",
        help_text="'Afternoon, time to be confirmed'.",
    )
    place = forms.CharField(
        required=False,
        max_length=200,
        help_text="Another hall of the record, by its name; empty: the venue.",
    )
    title = forms.CharField(required=False, max_length=200)
    notes = forms.CharField(
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Seen by the artist's management only.",
    )

    def clean_place(self) -> Place | None:
        return venue_named(self.cleaned_data["place"])


class TravelLegForm(PageForm):
    id_prefix = "travel"
    mode = forms.ChoiceField(choices=TravelLeg.Mode.choices)
    origin = forms.CharField(max_length=200, label="From (city)")
    departs_day = forms.DateField(widget=DATE, label="Departure day")
    departs_time = forms.TimeField(widget=TIME, label="Departs at (local time there)")
    destination = forms.CharField(max_length=200, label="To (city)")
    arrives_day = forms.DateField(widget=DATE, label="Arrival day")
    arrives_time = forms.TimeField(widget=TIME, label="Arrives at (local time there)")
    carrier = forms.CharField(required=False, max_length=100, help_text="'Aeroflot', 'SBB'.")
    reference = forms.CharField(
        required=False, max_length=100, help_text="A flight or train number, a booking code."
    )

    def clean_origin(self) -> Place | None:
        return city_named(self.cleaned_data["origin"])

    def clean_destination(self) -> Place | None:
        return city_named(self.cleaned_data["destination"])


class HotelStayForm(PageForm):
    id_prefix = "hotel"
    name = forms.CharField(max_length=200, label="Hotel")
    city = forms.CharField(required=False, max_length=200, help_text="A city of the record.")
    address = forms.CharField(required=False, max_length=300)
    check_in = forms.DateField(widget=DATE)
    check_out = forms.DateField(widget=DATE)
    reference = forms.CharField(required=False, max_length=100, help_text="The booking code.")

    def clean_city(self) -> Place | None:
        return city_named(self.cleaned_data["city"])


class DressForm(PageForm):
    id_prefix = "dress"
    dress = forms.CharField(
        required=False,
        max_length=200,
        label="Concert dress",
        help_text="'White tie', 'black, long sleeves'; empty when none is asked.",
    )


# The services' fields that a form names otherwise.
RENAMED = {
    "travel": {"departs_at": "departs_time", "arrives_at": "arrives_time"},
    "hotel": {"place": "city"},
}
FORMS: dict[str, type[PageForm]] = {
    "schedule": ScheduleItemForm,
    "travel": TravelLegForm,
    "hotel": HotelStayForm,
    "dress": DressForm,
}


def form_field(name: str, field: str | None) -> str | None:
    """The form's field for a service's, or None (the whole form's) when it has none."""
    field = RENAMED.get(name, {}).get(field or "", field)
    return field if field in FORMS[name].base_fields else None


def schedule_forms(
    engagement: Engagement, given: dict[str, forms.Form], error: dict[str, Any] | None
) -> dict[str, forms.Form]:
    """The forms for the page: the one sent back with an error as it was filled in, the
    others empty; the field in error marked for assistive technology."""
    version = {"version": engagement.version}
    found: dict[str, forms.Form] = {
        name: form_class(initial=version) for name, form_class in FORMS.items()
    }
    found["dress"] = DressForm(initial={**version, "dress": engagement.dress})
    found.update({name: form for name, form in given.items() if name in found})
    mark_invalid(found, error)
    return found
