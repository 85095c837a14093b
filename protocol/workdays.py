"""Werkdagen: days that are not in a weekend and not a Dutch public holiday.

The holidays come from a table in data/feestdagen.json, made by `make holidays` (the `holidays`
library is too big to ship to the browser); site_src/holiday_table.py states the rule: a day is
skipped only when the Algemene termijnenwet and the common calendar both call it a feestdag, so a
date is never later than either reading gives. 5 mei outside lustrum years counts as a werkdag and
is listed under "counted", so the page can say so. A test checks the table against that rule.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from typing import Any

from .datafiles import DATA_DIR


class OutsideHolidayTable(ValueError):
    """A date for which the holiday table has no data: counting werkdagen would be a guess.

    The message is for developers; a person sees api/cli wording about the date they typed.
    """

    def __init__(self, day: date, years: range) -> None:
        self.day = day
        self.years = years
        super().__init__(f"{day.isoformat()} valt buiten de feestdagentabel ({years.start}-{years.stop - 1})")


@cache
def _table() -> dict[str, Any]:
    raw = (DATA_DIR / "feestdagen.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(raw)
    return table


def covered_years() -> range:
    first, last = _table()["years"]
    return range(first, last + 1)


def holiday_name(day: date) -> str | None:
    if day.year not in covered_years():
        raise OutsideHolidayTable(day, covered_years())
    name: str | None = _table()["dates"].get(day.isoformat())
    return name


def counted_holiday(day: date) -> str | None:
    """The name of a day that one reading calls a feestdag but the self-check counts as werkdag."""
    holiday_name(day)  # the same range check
    name: str | None = _table().get("counted", {}).get(day.isoformat())
    return name


def is_workday(day: date) -> bool:
    name = holiday_name(day)  # first: a day outside the table is refused, weekend or not
    return day.weekday() < 5 and name is None


def _after(day: date) -> date:
    """The next day; a date past the calendar's end (9999-12-31) is outside the table too."""
    try:
        return day + timedelta(days=1)
    except OverflowError:
        raise OutsideHolidayTable(day, covered_years()) from None


def add_workdays(day: date, count: int) -> date:
    """The date `count` werkdagen after `day` (the day itself does not count)."""
    if count < 0:
        raise ValueError("tel vooruit: het aantal werkdagen moet 0 of meer zijn")
    holiday_name(day)  # refuse a start outside the table, also when count is 0
    current = day
    while count:
        current = _after(current)
        if is_workday(current):
            count -= 1
    return current


def next_workday(day: date) -> date:
    """`day` itself when it is a werkdag, else the first werkdag after it."""
    while not is_workday(day):
        day = _after(day)
    return day


def holidays_between(first: date, last: date) -> tuple[list[tuple[date, str]], list[tuple[date, str]]]:
    """Feestdagen on weekdays from `first` to `last` (both included): those skipped, and those that
    one reading calls a feestdag but the self-check counted as werkdag (5 mei outside lustrum years)."""
    skipped: list[tuple[date, str]] = []
    counted: list[tuple[date, str]] = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            if (name := holiday_name(day)) is not None:
                skipped.append((day, name))
            elif (other := counted_holiday(day)) is not None:
                counted.append((day, other))
        if day == last:
            break
        day = _after(day)
    return skipped, counted
