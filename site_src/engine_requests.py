"""Every kind of request the page sends the engine (protocol/api.py), in one list.

Two users, so they cannot drift apart:
- the build (site_src/zelfcheck/stdlib.mjs) runs them in Pyodide to find the standard-library modules
  the engine imports, and checks that its trimmed standard library gives the same answers;
- the parity test (tests/test_parity.py) runs them in Pyodide under Node and compares every answer
  with CPython's.
Every endpoint of api.HANDLERS is asked (a test fails when one is added and not listed here), over
every path and every training case, with dates, notes and a few bad inputs.

    python -m site_src.engine_requests   # the list as JSON
"""

from __future__ import annotations

import json
from typing import Any

from protocol import api, cases

Request = dict[str, Any]  # {"name": "state", "args": {...}}: what api.call(name, json(args)) gets

NOW = "2026-12-24T16:05:00+01:00"
NOW_LOCAL = "2026-12-24T16:05:00"  # no offset: the device's own time zone
TODAY = "2026-12-24"
DATES = {"melding": "2026-12-24", "verwijzing": "2026-12-01", "termijn": "2027-02-01"}
NOTES = {"afweging-2": "Zorgen na gesprek met moeder Sanne de Vries.", "afweging-3": "Wijkteam kan helpen.",
         "afweging-5": "geb. 12-03-2015, BSN 111222333"}
NOTE_TEXTS = [*NOTES.values(), "Moeder Sanne de Vries, geb. 12-03-2015, BSN 111222333.", "Niets bijzonders.",
              "Jan belde op 3 maart 2019."]


def ask(name: str, **args: Any) -> Request:
    return {"name": name, "args": args}


def requests() -> list[Request]:
    found = [ask("paths")]
    for path in api.paths()["paths"]:
        for n in range(len(path) + 1):
            found.append(ask("state", answers=path[:n], dates=DATES, chosen={}))
        # Back to the first question: the answer given later is shown again.
        found.append(ask("state", answers=[], chosen={path[0][0]: path[0][1]}))
        found.append(ask("record", answers=path, now=NOW, dates=DATES, notes=NOTES))
        found.append(ask("ics", answers=path, now=NOW, dates=DATES))
        found.append(ask("ics", answers=path, now=NOW_LOCAL, dates=DATES))
    found += [ask("note", text=text, today=TODAY) for text in NOTE_TEXTS]
    for case in cases.default().cases:
        expected = [step.answer for step in case.steps]
        found += [ask("practice", case=case.id, answers=expected[:n]) for n in range(len(expected) + 1)]
        found.append(ask("practice", case=case.id, answers=["nee" if a == "ja" else "ja" for a in expected]))
    # Refused, in both: an answer the question does not have, a date that is no date, an unknown case
    # and an unknown function.
    # Dates a person can type that cannot be counted from (far past or future, past the feestdagen
    # table, no such day) and a termijn on a weekend: a Dutch problem or warning, never an error.
    no_help = [["afweging-2", "nee"], ["afweging-3", "nee"]]
    found += [ask("state", answers=no_help, dates={"melding": day, "termijn": day})
              for day in ("9999-12-31", "0001-01-01", "2045-12-30", "2026-02-29", "2027-02-06")]
    found.append(ask("note", text="Daan (geb. 1 feb. 2015), 06-12345678, 1234 AB, daan@voorbeeld.example.",
                     today=TODAY))
    found += [ask("state", answers=[["afweging-2", "misschien"]]),
              ask("state", answers="afweging-2"),
              ask("state", answers=[["afweging-2", "nee"]], dates={"melding": "morgen"}),
              ask("practice", case="bestaat-niet", answers=[]),
              ask("nothing")]
    return found


def as_json() -> str:
    """The list as one deterministic JSON text (the build hashes it into its cache key)."""
    return json.dumps(requests(), ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    print(as_json())
