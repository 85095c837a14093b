"""Werkdagen skip weekends and Dutch public holidays; the shipped table matches the library."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from protocol import workdays
from protocol.datafiles import DATA_DIR
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


@pytest.mark.parametrize("start", [date(2099, 1, 1), date(2023, 12, 29), date(9999, 12, 31), date(1, 1, 1),
                                   date(2045, 12, 29)])
def test_dates_outside_the_table_are_refused_not_guessed(start: date) -> None:
    with pytest.raises(workdays.OutsideHolidayTable, match="feestdagentabel"):
        workdays.add_workdays(start, 5)
    with pytest.raises(workdays.OutsideHolidayTable):
        workdays.next_workday(start + timedelta(days=2) if start.year < 9999 else start)


def test_table_follows_the_rule_from_the_library_and_the_law() -> None:
    """If a new `holidays` release changes a date, `make holidays` must be run again."""
    shipped = json.loads(holiday_table.TABLE.read_text(encoding="utf-8"))
    made = holiday_table.table()
    assert shipped["dates"] == made["dates"] and shipped["counted"] == made["counted"]
    assert holiday_table.render(made) == holiday_table.render(holiday_table.table())


def test_the_law_is_computed_right() -> None:
    """Easter and the Algemene termijnenwet's days for known years (not taken from the library)."""
    assert [holiday_table.easter(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28), date(2038, 4, 25)]
    law = holiday_table.termijnenwet(2025)
    assert law[date(2025, 4, 18)] == "Goede Vrijdag" and law[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 5, 5) in law and date(2026, 5, 5) in holiday_table.termijnenwet(2026)


def test_the_rule_skips_a_day_only_when_both_readings_do() -> None:
    """5 mei is skipped in a lustrum year (both readings), counted in other years (the law only), and
    Goede Vrijdag is skipped (both). So no due date is later than either reading would give."""
    assert workdays.holiday_name(date(2025, 5, 5)) == "Bevrijdingsdag"
    assert workdays.holiday_name(date(2026, 5, 5)) is None
    assert workdays.counted_holiday(date(2026, 5, 5)) == "Bevrijdingsdag"
    assert workdays.is_workday(date(2026, 5, 5)) and not workdays.is_workday(date(2026, 4, 3))
    law: set[date] = set()
    for year in workdays.covered_years():
        law |= set(holiday_table.termijnenwet(year))
    common = set(holiday_table.library(2024, 2045))

    def count(start: date, days: int, off: set[date]) -> date:
        while days:
            start += timedelta(days=1)
            days -= start.weekday() < 5 and start not in off
        return start

    day = date(2024, 1, 1)
    while day < date(2045, 12, 1):
        ours = workdays.add_workdays(day, 5)
        assert ours <= count(day, 5, law) and ours <= count(day, 5, common), day
        day += timedelta(days=1)


def test_table_covers_the_years_ahead() -> None:
    years = workdays.covered_years()
    assert date.today().year in years and date.today().year + 10 in years


# How the page's sentence about the rule (TEXTS["dates_rule"]) names each feestdag of the table.
RULE_WORDS = {
    "Nieuwjaarsdag": "nieuwjaarsdag", "Goede vrijdag": "Goede Vrijdag", "Tweede paasdag": "tweede paasdag",
    "Koningsdag": "Koningsdag", "Hemelvaartsdag": "hemelvaartsdag",
    "Tweede pinksterdag": "tweede pinksterdag",
    "Eerste kerstdag": "de twee kerstdagen", "Tweede kerstdag": "de twee kerstdagen",
    "Bevrijdingsdag": "5 mei alleen in een lustrumjaar",
}


def test_the_page_names_every_feestdag_the_table_skips() -> None:
    """The sentence is written by hand; a new day in the table must show up in it."""
    from protocol.selfcheck_texts import TEXTS

    table = json.loads((DATA_DIR / "feestdagen.json").read_text(encoding="utf-8"))
    on_weekdays = {name for day, name in table["dates"].items() if date.fromisoformat(day).weekday() < 5}
    on_weekdays |= set(table.get("counted", {}).values())
    unnamed = sorted(on_weekdays - RULE_WORDS.keys())
    assert not unnamed, f"zet {unnamed} in TEXTS['dates_rule'] en in RULE_WORDS"
    missing = sorted({words for name, words in RULE_WORDS.items() if name in on_weekdays} - {
        words for words in RULE_WORDS.values() if words in TEXTS["dates_rule"]})
    assert not missing, f"TEXTS['dates_rule'] noemt {missing} niet"
