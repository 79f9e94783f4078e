"""The review page's forms: the person as read, and a formset of the facts, one form per
fact with the fact's own fields. Their keys stay readable ("keep:awards:0",
"field:awards:0:year", "person:birth_year"); a field left out of the data stays as read."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any, cast

from django import forms
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)

from cadenza.ingest.biography.facts import Person
from cadenza.ingest.biography.importer import NAME_LENGTH
from cadenza.ingest.biography.review import FIELD, NUMBERS, Decision, FactRow
from cadenza.partialdates import EARLIEST_YEAR, LATEST_YEAR
from cadenza.people.models import Agent


def _year(*, past: bool = False) -> forms.IntegerField:
    """A year of the history (partialdates' range); a birth year is not in the future."""
    latest = date.today().year if past else LATEST_YEAR
    return forms.IntegerField(required=False, min_value=EARLIEST_YEAR, max_value=latest)


class PersonForm(forms.Form):
    person = forms.CharField(required=False, max_length=NAME_LENGTH)
    instruments = forms.CharField(required=False, max_length=300)
    birth_place = forms.CharField(required=False, max_length=300)
    birth_year = _year(past=True)
    # As the person or a source states them; the reader never guesses them from a name.
    pronouns = forms.ChoiceField(required=False, choices=Agent.Pronouns.choices)

    def add_prefix(self, field_name: str) -> str:
        return "person" if field_name == "person" else f"person:{field_name}"

    def errors_said(self) -> list[str]:
        return [f"{name}: {' '.join(map(str, errors))}" for name, errors in self.errors.items()]

    def corrected(self, read: Person) -> Person:
        """The person as the reviewer corrected them; a blank name keeps the name read."""
        sent = {name for name in self.fields if self.add_prefix(name) in self.data}
        data = self.cleaned_data
        person = Person(**read)
        if data["person"].strip():
            person["name"] = data["person"].strip()
        if "instruments" in sent:
            words = data["instruments"].split(",")
            person["instruments"] = [w.strip().lower() for w in words if w.strip()]
        if "birth_place" in sent:
            person["birth_place"] = data["birth_place"].strip() or None
        if "birth_year" in sent:
            person["birth_year"] = data["birth_year"]
        return person


class FactForm(forms.Form):
    keep = forms.BooleanField(required=False)
    value = forms.CharField(required=False, max_length=1000)
    # "" as read, "new", or the id of a record; a record that is not there is refused
    # by the import, naming it.
    link = forms.RegexField(regex=r"^(?:new|\d{1,12})?$", required=False, max_length=12)

    def __init__(self, *args: Any, row: FactRow, **kwargs: Any) -> None:
        self.row = row
        super().__init__(*args, **kwargs)
        for field in row.fields:
            self.fields[field.name] = (
                _year()
                if field.name in NUMBERS
                else forms.CharField(required=False, max_length=1000)
            )

    def add_prefix(self, field_name: str) -> str:
        if field_name in {"keep", "value", "link"}:
            return f"{field_name}:{self.row.key}"
        return f"field:{self.row.key}:{field_name}"

    def decision(self) -> Decision:
        data = self.cleaned_data
        fields = {
            field.name: "" if data[field.name] is None else str(data[field.name])
            for field in self.row.fields
            if self.add_prefix(field.name) in self.data
        }
        fields[FIELD[self.row.kind]] = data["value"]
        return Decision(keep=data["keep"], fields=fields, record=data["link"])

    def errors_said(self) -> list[str]:
        row = self.row
        return [
            f"{row.label} {row.value}: {name}: {' '.join(map(str, errors))}"
            for name, errors in self.errors.items()
        ]


class FactFormSet(forms.BaseFormSet):
    """One form per fact read. The facts are read again from the text, so their number is
    known here, not taken from the page."""

    def __init__(self, data: Any, *, rows: list[FactRow]) -> None:
        self.rows = rows
        super().__init__(data, prefix="facts")

    @cached_property
    def management_form(self) -> ManagementForm:
        counts = {TOTAL_FORM_COUNT: len(self.rows), INITIAL_FORM_COUNT: len(self.rows)}
        counts |= {MIN_NUM_FORM_COUNT: 0, MAX_NUM_FORM_COUNT: len(self.rows)}
        form = ManagementForm({f"{self.prefix}-{k}": v for k, v in counts.items()}, prefix="facts")
        form.full_clean()
        return form

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"row": self.rows[index or 0]}

    def decisions(self) -> dict[str, Decision]:
        return {form.row.key: form.decision() for form in self.forms}

    def errors_said(self) -> list[str]:
        return [said for form in self.forms for said in form.errors_said()]


FactForms = cast(
    "type[FactFormSet]",
    forms.formset_factory(FactForm, formset=FactFormSet, extra=0, max_num=10_000),
)
