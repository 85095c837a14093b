"""Write protocol/data/feestdagen.json (run: `make holidays`): the days the self-check does not count.

The rule, chosen on purpose: a day is skipped only when BOTH Dutch readings call it a feestdag:
- the Algemene termijnenwet, art. 3 (the legal rule for statutory termijnen): Nieuwjaarsdag, Goede
  Vrijdag, tweede paas- en pinksterdag, Hemelvaartsdag, Koningsdag, both Kerstdagen and 5 mei, every
  year (computed here, independently of any library);
- the common calendar of the `holidays` library (cao practice), which counts 5 mei only in lustrum
  years (2025, 2030, ...).
Every date the self-check shows is a reminder to act (expect the decision of Veilig Thuis, call the
helpers, do afweging 5). An earlier reminder never harms a child, a later one can; counting fewer days
as feestdag gives the earlier date. So where the readings differ (5 mei outside lustrum years) the day
counts as a werkdag, and the table lists it under "counted" so the page can say so. The days the Crown
adds by decree under art. 3(3) (bridge days) are skipped by neither rule here, for the same reason.

The engine reads only the JSON (the library is too big for the browser); tests/test_workdays.py checks
the JSON against this rule, the library and the law's own list.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path

import holidays

FIRST_YEAR = 2024
LAST_YEAR = 2045
TABLE = Path(__file__).resolve().parent.parent / "protocol" / "data" / "feestdagen.json"
RULE = ("Een dag telt niet mee als hij volgens de Algemene termijnenwet (art. 3) én volgens de gewone "
        "kalender (cao's, de bibliotheek holidays) een feestdag is. 5 mei telt daarom alleen in "
        "lustrumjaren als feestdag; in andere jaren staat hij onder \"counted\": de zelfcheck telt hem als "
        "werkdag, zodat een datum nooit later komt dan een van beide regels zegt.")


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """27 April; 26 April when the 27th is a Sunday (Wet vaststelling Koningsdag)."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def termijnenwet(year: int) -> dict[date, str]:
    """The algemeen erkende feestdagen of the Algemene termijnenwet, art. 3(1) and 3(2)."""
    sunday = easter(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        sunday - timedelta(days=2): "Goede Vrijdag",
        sunday + timedelta(days=1): "Tweede paasdag",
        kings_day(year): "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        sunday + timedelta(days=39): "Hemelvaartsdag",
        sunday + timedelta(days=50): "Tweede pinksterdag",
        date(year, 12, 25): "Eerste kerstdag",
        date(year, 12, 26): "Tweede kerstdag",
    }


def library(first: int, last: int) -> dict[date, str]:
    return dict(holidays.country_holidays("NL", years=range(first, last + 1), language="nl").items())


def table(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> dict[str, object]:
    law: dict[date, str] = {}
    for year in range(first, last + 1):
        law |= termijnenwet(year)
    common = library(first, last)
    # A library feestdag on a Sunday (Eerste paasdag) changes no count; it keeps its name in the table.
    skipped = {d: common[d] for d in sorted(common) if d in law or d.weekday() >= 5}
    # Weekdays that only one reading calls a feestdag: counted as werkdagen, and named on the page.
    counted = {d: law.get(d) or common[d] for d in sorted(law.keys() ^ common.keys()) if d.weekday() < 5}
    return {
        "about": ("Nederlandse feestdagen voor de zelfcheck, gemaakt met `make holidays` "
                  "(site_src/holiday_table.py)."),
        "rule": RULE,
        "library": f"holidays {version('holidays')}",
        "years": [first, last],
        "dates": {d.isoformat(): name for d, name in skipped.items()},
        "counted": {d.isoformat(): name for d, name in counted.items()},
    }


def render(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    data = table()
    TABLE.write_text(render(data), encoding="utf-8")
    print(f"{TABLE}: {len(data['dates'])} feestdagen, {len(data['counted'])} als werkdag geteld")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
