"""The same wheel in Pyodide (under Node, the way the page starts it) answers exactly as CPython does.

The requests are the build's own list (site_src/engine_requests.py): every endpoint of
protocol/api.py, every path and every stage of it with dates and notes, every training case, and bad
input. Every answer must be equal as JSON. One Node run for all requests (Pyodide starts in about 2 s).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from protocol import api, cases
from site_src.engine_requests import requests

ROOT = Path(__file__).resolve().parent.parent


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


def test_the_requests_cover_every_endpoint_of_the_api() -> None:
    """One list for the build's trace and this test: an endpoint missing from it would go unchecked
    in Pyodide, and the standard library it needs could be missing from the trimmed zip."""
    asked = requests()
    answered = {r["name"] for r in asked
                if "error" not in json.loads(api.call(r["name"], json.dumps(r["args"])))}
    assert set(api.HANDLERS) <= answered, f"niet gevraagd: {sorted(set(api.HANDLERS) - answered)}"
    assert any(r["name"] not in api.HANDLERS for r in asked)  # and an unknown one, refused
    cases_asked = {r["args"]["case"] for r in asked if r["name"] == "practice"}
    assert {c.id for c in cases.default().cases} <= cases_asked


def test_parity_covers_every_path_to_its_outcome(pyodide_answers: dict[str, Any]) -> None:
    outcomes = {a["outcome"]["id"] for a in pyodide_answers["answers"] if a.get("outcome")}
    assert outcomes == {"melden-direct", "melden-geen-hulp", "melden-hulp-geweigerd",
                        "melden-hulp-onvoldoende", "hulp-afsluiten"}
    assert any("error" in a for a in pyodide_answers["answers"])  # the wrong answer is refused in both


def test_pyodide_ran_on_our_trimmed_compiled_standard_library(pyodide_answers: dict[str, Any]) -> None:
    """The parity run used engine.js's own loadPyodide options: our stdlib zip, no stock lock file,
    the smaller runtime script."""
    assert pyodide_answers["stdlib"].endswith("json/__init__.pyc")  # compiled, from our zip
    options = pyodide_answers["options"]
    assert "/assets/zelfcheck/stdlib-" in options["stdLibURL"] and options["lockFileContents"] == "object"
    assert options["createPyodideModule"] == "function"
    # The engine imported tomllib (to read its protocol file) from our zip, not at Python's start.
    assert "tomllib" not in pyodide_answers["modulesAtStart"]
    assert {"protocol.api", "protocol.tomlfile", "tomllib"} <= set(pyodide_answers["modulesAfter"])
    assert pyodide_answers["tomllib"].endswith("tomllib/__init__.pyc")  # compiled: our zip


def test_a_module_missing_from_the_standard_library_fails_the_parity_run(site_dir: Path,
                                                                         tmp_path: Path) -> None:
    """The parity run is the proof that the trimmed zip is complete: without tomllib it must fail."""
    node = shutil.which("node")
    assert node is not None
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "pyodide").symlink_to(site_dir / "assets" / "pyodide")
    shutil.copytree(site_dir / "assets" / "zelfcheck", site / "assets" / "zelfcheck",
                    ignore=shutil.ignore_patterns("*.br", "*.gz"))
    (stdlib,) = (site / "assets" / "zelfcheck").glob("stdlib-*.zip")
    with zipfile.ZipFile(site_dir / "assets" / "zelfcheck" / stdlib.name) as source, \
            zipfile.ZipFile(stdlib, "w") as target:
        for item in source.infolist():
            if not item.filename.startswith("tomllib/"):
                target.writestr(item, source.read(item))
    done = subprocess.run([node, str(ROOT / "tests" / "parity" / "run_pyodide.mjs"), str(site)],
                          input=json.dumps(requests()[:2]), capture_output=True, text=True, timeout=180,
                          check=False)
    assert done.returncode != 0
    assert "ModuleNotFoundError: No module named 'tomllib'" in done.stderr[-5000:], done.stderr[-2000:]
