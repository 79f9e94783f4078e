from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadenza.partialdates import PartialDate, partial_date_constraints


@pytest.mark.parametrize(
    ("date", "text", "iso"),
    [
        (PartialDate(), "", ""),
        (PartialDate(1889), "1889", "1889"),
        (PartialDate(1889, 3), "March 1889", "1889-03"),
        (PartialDate(1889, 3, 5), "5 March 1889", "1889-03-05"),
        (PartialDate(800, 12, 25), "25 December 800", "0800-12-25"),
    ],
)
def test_formats_as_much_as_is_known(date, text, iso):
    assert str(date) == text
    assert date.iso() == iso


def test_an_empty_date_is_false_and_a_year_is_true():
    assert not PartialDate()
    assert PartialDate(2001)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((None, None, 5), "A day needs a month."),
        ((None, 3, None), "A month needs a year."),
        ((2001, 13, None), "Month must be 1 to 12, not 13."),
        ((2001, 0, None), "Month must be 1 to 12, not 0."),
        ((2001, 4, 31), "Day must be 1 to 30 for 2001-04, not 31."),
        ((2001, 2, 29), "Day must be 1 to 28 for 2001-02, not 29."),
        ((2001, 1, 0), "Day must be 1 to 31 for 2001-01, not 0."),
    ],
)
def test_rejects_impossible_dates(args, message):
    with pytest.raises(ValidationError) as excinfo:
        PartialDate(*args)
    assert excinfo.value.messages == [message]


def test_knows_leap_years():
    assert str(PartialDate(2000, 2, 29)) == "29 February 2000"
    with pytest.raises(ValidationError):
        PartialDate(1900, 2, 29)


def test_sorts_by_year_then_month_then_day():
    dates = [PartialDate(2001, 5, 2), PartialDate(1999), PartialDate(2001, 5, 1)]
    assert sorted(dates) == [PartialDate(1999), PartialDate(2001, 5, 1), PartialDate(2001, 5, 2)]


def test_reads_and_writes_prefixed_fields():
    class Row:
        born_year, born_month, born_day = 1962, 7, None

    date = PartialDate.of(Row(), "born")

    assert date == PartialDate(1962, 7)
    assert date.as_fields("born") == {"born_year": 1962, "born_month": 7, "born_day": None}


def test_is_immutable_and_hashable():
    date = PartialDate(2001)
    with pytest.raises(AttributeError):
        date.year = 2002  # type: ignore[misc]
    assert {PartialDate(2001), PartialDate(2001)} == {date}


def test_database_constraints_are_named_after_model_and_prefix():
    names = [c.name for c in partial_date_constraints("date", "event")]
    assert names == ["event_date_month_valid", "event_date_day_valid"]


@pytest.mark.django_db
def test_the_database_refuses_a_day_without_a_month():
    from django.db import IntegrityError, transaction

    from tests.factories import EventFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(date_year=2001, date_month=None, date_day=5)


@pytest.mark.django_db
def test_the_database_refuses_month_thirteen():
    from django.db import IntegrityError, transaction

    from tests.factories import EventFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(date_year=2001, date_month=13)


@pytest.mark.parametrize("year", [99999999999, 19855, 12, -5])
def test_a_year_no_history_holds_is_refused(year):
    with pytest.raises(ValidationError, match=f"Give a year between 800 and 2100, not {year}"):
        PartialDate(year)


def test_the_years_of_history_are_accepted():
    assert str(PartialDate(800)) == "800" and PartialDate(2100).iso() == "2100"
