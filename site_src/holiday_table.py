"""Write protocol/data/feestdagen.json from the `holidays` library (run: `make holidays`).

The engine counts werkdagen from this table, because the library is too big for the browser.
tests/test_workdays.py checks that the table still matches the library.
"""

from __future__ import annotations

import json
from datetime import date
from importlib.metadata import version
from pathlib import Path

import holidays

FIRST_YEAR = 2024
LAST_YEAR = 2045
TABLE = Path(__file__).resolve().parent.parent / "protocol" / "data" / "feestdagen.json"


def table(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> dict[str, object]:
    calendar = holidays.country_holidays("NL", years=range(first, last + 1), language="nl")
    dates: dict[date, str] = dict(sorted(calendar.items()))
    return {
        "about": "Nederlandse feestdagen, gemaakt met `make holidays` uit de bibliotheek holidays.",
        "library": f"holidays {version('holidays')}",
        "years": [first, last],
        "dates": {d.isoformat(): name for d, name in dates.items()},
    }


def render(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    TABLE.write_text(render(table()), encoding="utf-8")
    print(f"{TABLE}: {len(table()['dates'])} feestdagen")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
