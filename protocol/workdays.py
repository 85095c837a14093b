"""Werkdagen: days that are not in a weekend and not a Dutch public holiday.

The holidays come from a table in data/feestdagen.json, made with the `holidays` library by
`make holidays` (that library is too big to ship to the browser); a test checks the table
against the library, so a new release of it cannot drift away unnoticed.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from typing import Any

from .datafiles import DATA_DIR


class OutsideHolidayTable(ValueError):
    """A date for which the holiday table has no data: counting werkdagen would be a guess."""



@cache
def _table() -> dict[str, Any]:
    raw = (DATA_DIR / "feestdagen.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(raw)
    return table


def holidays() -> dict[date, str]:
    """Every Dutch public holiday in the table, by date."""
    return {date.fromisoformat(d): name for d, name in _table()["dates"].items()}


def covered_years() -> range:
    first, last = _table()["years"]
    return range(first, last + 1)


def holiday_name(day: date) -> str | None:
    if day.year not in covered_years():
        raise OutsideHolidayTable(
            f"{day.isoformat()} valt buiten de feestdagentabel ({covered_years().start}-"
            f"{covered_years().stop - 1}); maak de tabel opnieuw met `make holidays`.")
    name: str | None = _table()["dates"].get(day.isoformat())
    return name


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def add_workdays(day: date, count: int) -> date:
    """The date `count` werkdagen after `day` (the day itself does not count)."""
    if count < 0:
        raise ValueError("tel vooruit: het aantal werkdagen moet 0 of meer zijn")
    current = day
    while count:
        current += timedelta(days=1)
        if is_workday(current):
            count -= 1
    return current


def next_workday(day: date) -> date:
    """`day` itself when it is a werkdag, else the first werkdag after it."""
    while not is_workday(day):
        day += timedelta(days=1)
    return day
