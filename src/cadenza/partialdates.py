"""Partial dates: history often knows only a year, or a year and a month.

Models keep `<prefix>_year`, `<prefix>_month` and `<prefix>_day` as nullable integers;
this module validates, formats and sorts them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# The years a fact of a musician's history may carry: from the first notated music to
# the planning horizon. A year outside them is a typing slip ("99999999999", "19855").
EARLIEST_YEAR = 800
LATEST_YEAR = 2100


def year_refused(year: int) -> str | None:
    """Why a year is not one a history may hold, or None when it is plausible."""
    if EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    return f"Give a year between {EARLIEST_YEAR} and {LATEST_YEAR}, not {year}."


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is not None and (refused := year_refused(self.year)):
            raise ValidationError(refused)
        if self.day is not None and self.month is None:
            raise ValidationError("A day needs a month.")
        if self.month is not None and self.year is None:
            raise ValidationError("A month needs a year.")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValidationError(f"Month must be 1 to 12, not {self.month}.")
        if self.day is not None and self.year is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValidationError(
                    f"Day must be 1 to {last} for {self.year}-{self.month:02d}, not {self.day}."
                )

    @classmethod
    def of(cls, obj: Any, prefix: str) -> PartialDate:
        return cls(
            getattr(obj, f"{prefix}_year"),
            getattr(obj, f"{prefix}_month"),
            getattr(obj, f"{prefix}_day"),
        )

    def __bool__(self) -> bool:
        return self.year is not None

    def __str__(self) -> str:
        if self.year is None:
            return ""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def iso(self) -> str:
        """ISO 8601 reduced precision (schema.org accepts it): 1889, 1889-03, 1889-03-05."""
        if self.year is None:
            return ""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def as_fields(self, prefix: str) -> dict[str, int | None]:
        return {
            f"{prefix}_year": self.year,
            f"{prefix}_month": self.month,
            f"{prefix}_day": self.day,
        }


def partial_date_constraints(prefix: str, model_name: str) -> list[models.BaseConstraint]:
    """Database checks that keep a partial date well formed (month 1-12, day needs month)."""
    year, month, day = (f"{prefix}_year", f"{prefix}_month", f"{prefix}_day")
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{month}__isnull": True})
            | models.Q(**{f"{month}__gte": 1, f"{month}__lte": 12, f"{year}__isnull": False}),
            name=f"{model_name}_{prefix}_month_valid",
        ),
        models.CheckConstraint(
            condition=models.Q(**{f"{day}__isnull": True})
            | models.Q(**{f"{day}__gte": 1, f"{day}__lte": 31, f"{month}__isnull": False}),
            name=f"{model_name}_{prefix}_day_valid",
        ),
    ]


def _is_year(name: str) -> bool:
    return name == "year" or name.endswith("_year")


class PartialDateForm(forms.ModelForm):
    """A model form (the admin's, for events, series, awards, people and their ties) that
    refuses a year `year_refused` refuses, and a day its month does not have, naming the
    field: the database takes any small integer ("99999" as a birth year)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if _is_year(name) and isinstance(field, forms.IntegerField):
                # Ours alone: the small integer's own bounds would only add a second message.
                field.validators = [_year_validator(str(field.label or name))]
                field.max_value = field.min_value = None
                field.widget.attrs.pop("max", None)
                field.widget.attrs.pop("min", None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in [n for n in self.fields if _is_year(n)]:
            prefix = name.removesuffix("year")
            parts = [f"{prefix}{part}" for part in ("year", "month", "day")]
            if not all(part in self.fields for part in parts) or self.has_error(name):
                continue
            try:
                PartialDate(*(data.get(part) for part in parts))
            except ValidationError as error:
                field = parts[2] if data.get(parts[2]) is not None else parts[1]
                label = self.fields[field].label or field
                self.add_error(field, f"{label}: {' '.join(error.messages)}")
        return data


def _year_validator(label: str) -> Any:
    def validate(value: int | None) -> None:
        if value is not None and (refused := year_refused(value)):
            raise ValidationError(f"{label}: {refused}", code="year_refused")

    return validate
