"""The dates a person types into the self-check: which can be used, and a Dutch problem or warning
for each one that cannot (or that needs a second look). A typed date never raises."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from . import engine
from .deadlines import due, walk_deadlines
from .model import DeadlineBasis, Protocol
from .present import day_name, long_date
from .workdays import OutsideHolidayTable, covered_years, holiday_name

# What a typed date must look like before it is read (a date input sends this form).
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@dataclass
class Dates:
    """The basis dates the person gave: the usable ones, and per basis a problem or a warning."""

    bases: dict[DeadlineBasis, date] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


def outside_table() -> str:
    years = covered_years()
    return (f"Met deze datum kan de zelfcheck niet rekenen: hij kent de feestdagen van {years.start} tot "
            f"en met {years.stop - 1}. Kijk het jaartal na.")


def date_problem(raw: str) -> tuple[date | None, str]:
    """A typed date, or the Dutch reason it cannot be used. Never raises, whatever was typed."""
    if not ISO_DATE.fullmatch(raw):
        return None, "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-24."
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None, "Deze datum bestaat niet. Kijk de dag en de maand na."
    if day.year not in covered_years():
        return None, outside_table()
    return day, ""


def _not_a_workday(day: date) -> str | None:
    """'zaterdag', or the feestdag's name, or None for a werkdag."""
    name = holiday_name(day)
    if day.weekday() >= 5:
        return day_name(day) + (f" ({name})" if name else "")
    return name


def termijn_warning(day: date) -> str:
    """A warning for an agreed termijn that ends on a weekend or feestdag; "" on a werkdag."""
    off = _not_a_workday(day)
    if not off:
        return ""
    return (f"Let op: {long_date(day)} is geen werkdag ({off}). Op die dag zijn school en "
            "hulpverlening vaak dicht. Klopt de afspraak? Spreek anders een werkdag af. De zelfcheck "
            "rekent met de datum die je invulde.")


def parse_dates(protocol: Protocol, w: engine.Walk, dates: Mapping[str, str]) -> Dates:
    """The basis dates the person gave, and a Dutch problem per date that cannot be used.

    No typed date raises: a date the engine cannot count from gets a problem for its field, about
    the date as it was typed (never a date the person did not type).
    """
    found = Dates()
    for d in walk_deadlines(protocol, w):
        raw = (dates.get(d.basis) or "").strip()
        if not raw or d.basis in found.bases or d.basis in found.problems:
            continue
        day, problem = date_problem(raw)
        if day is not None:
            try:
                due(d, day)  # the holiday table must cover the whole count
            except OutsideHolidayTable:
                problem = outside_table()
        if day is None or problem:
            found.problems[d.basis] = problem
            continue
        found.bases[d.basis] = day
        if d.basis == "termijn" and (warning := termijn_warning(day)):
            found.warnings[d.basis] = warning
    return found
