"""The same wheel in Pyodide (under Node, the way the page starts it) answers exactly as CPython does.

Every path, every stage of it, with dates and notes: the state, the record and the calendar file
must be equal as JSON. One Node run for all requests (Pyodide starts in about 2 s).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from protocol import api

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-24T16:05:00+01:00"
DATES = {"melding": "2026-12-24", "verwijzing": "2026-12-01", "termijn": "2027-02-01"}
NOTES = {"afweging-2": "Zorgen na gesprek met moeder Sanne de Vries.", "afweging-3": "Wijkteam kan helpen.",
         "afweging-5": "geb. 12-03-2015, BSN 111222333"}


def requests() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [{"name": "paths", "args": {}}]
    for path in json.loads(api.call("paths"))["paths"]:
        for n in range(len(path) + 1):
            found.append({"name": "state", "args": {"answers": path[:n], "dates": DATES}})
        found.append({"name": "record",
                      "args": {"answers": path, "now": NOW, "dates": DATES, "notes": NOTES}})
        found.append({"name": "ics", "args": {"answers": path, "now": NOW, "dates": DATES}})
    for text in [*NOTES.values(), "Niets bijzonders.", "Jan belde op 3 maart 2019."]:
        found.append({"name": "note", "args": {"text": text, "today": "2026-12-24"}})
    found.append({"name": "state", "args": {"answers": [["afweging-2", "misschien"]]}})
    found.append({"name": "state",
                  "args": {"answers": [["afweging-2", "nee"]], "dates": {"melding": "morgen"}}})
    return found


@pytest.fixture(scope="module")
def pyodide_answers(site_dir: Path) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node ontbreekt: de pariteitstest draait Pyodide onder Node (installeer nodejs)")
    done = subprocess.run([node, str(ROOT / "tests" / "parity" / "run_pyodide.mjs"), str(site_dir)],
                          input=json.dumps(requests()), capture_output=True, text=True, timeout=180,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_pyodide_runs_the_shipped_python(pyodide_answers: dict[str, Any]) -> None:
    assert pyodide_answers["pyodide"] == "314.0.7"
    assert pyodide_answers["python"].startswith("3.14")


def test_every_answer_equals_cpython(pyodide_answers: dict[str, Any]) -> None:
    asked = requests()
    assert len(pyodide_answers["answers"]) == len(asked)
    for request, got in zip(asked, pyodide_answers["answers"], strict=True):
        expected = json.loads(api.call(request["name"], json.dumps(request["args"])))
        assert got == expected, f"{request['name']} {request['args']}"


def test_parity_covers_every_path_to_its_outcome(pyodide_answers: dict[str, Any]) -> None:
    outcomes = {a["outcome"]["id"] for a in pyodide_answers["answers"] if a.get("outcome")}
    assert outcomes == {"melden-direct", "melden-geen-hulp", "melden-hulp-geweigerd",
                        "melden-hulp-onvoldoende", "hulp-afsluiten"}
    assert any("error" in a for a in pyodide_answers["answers"])  # the wrong answer is refused in both
