"""Werkdagen skip weekends and Dutch public holidays; the shipped table matches the library."""

from __future__ import annotations

import json
from datetime import date

import pytest

from protocol import workdays
from site_src import holiday_table


@pytest.mark.parametrize(("start", "count", "expected"), [
    # A melding on Thursday 24 December 2026: Kerst, a weekend and Nieuwjaarsdag do not count.
    (date(2026, 12, 24), 5, date(2027, 1, 4)),
    (date(2026, 11, 30), 5, date(2026, 12, 7)),  # Monday: plain week, then the weekend
    (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday: next werkdag is Monday
    (date(2027, 3, 25), 5, date(2027, 4, 5)),  # Goede vrijdag 26/3 and Tweede paasdag 29/3
    (date(2026, 4, 24), 3, date(2026, 4, 30)),  # Koningsdag on Monday 27 April 2026
    (date(2026, 12, 24), 0, date(2026, 12, 24)),
])
def test_add_workdays(start: date, count: int, expected: date) -> None:
    assert workdays.add_workdays(start, count) == expected


def test_holidays_and_weekends_are_not_workdays() -> None:
    assert not workdays.is_workday(date(2026, 12, 25))
    assert not workdays.is_workday(date(2026, 12, 26))
    assert not workdays.is_workday(date(2027, 1, 1))
    assert workdays.is_workday(date(2026, 12, 24))
    assert workdays.holiday_name(date(2026, 12, 25)) == "Eerste kerstdag"


def test_next_workday_moves_past_kerst() -> None:
    assert workdays.next_workday(date(2026, 12, 25)) == date(2026, 12, 28)
    assert workdays.next_workday(date(2026, 12, 28)) == date(2026, 12, 28)


def test_dates_outside_the_table_are_refused_not_guessed() -> None:
    with pytest.raises(workdays.OutsideHolidayTable, match="make holidays"):
        workdays.add_workdays(date(2099, 1, 1), 1)


def test_table_matches_the_holidays_library() -> None:
    """If a new `holidays` release changes a date, `make holidays` must be run again."""
    shipped = json.loads(holiday_table.TABLE.read_text(encoding="utf-8"))
    assert shipped["dates"] == holiday_table.table()["dates"]
    assert holiday_table.render(holiday_table.table()) == holiday_table.render(holiday_table.table())


def test_table_covers_the_years_ahead() -> None:
    years = workdays.covered_years()
    assert date.today().year in years and date.today().year + 10 in years
