"""The self-check page (/zelfcheck/) as a person uses it: its states, answering, what it shows.

Shared by the self-check's tests (test_zelfcheck.py) and the offline tests (test_offline.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from protocol import default, engine
from tests.browser import wait_for_engine

READY = "#zelfcheck[data-state=ready]"
LOADING = "#zelfcheck[data-state=loading]"
FAILED = "#zelfcheck[data-state=failed]"
# The page draws what Python (in its worker) answered: aria-busy until then.
DRAWN = "#zelfcheck:not([aria-busy])"
# The help path that ends in a report.
PATHS = engine.paths(default())
NOTE = "Zorgen na het gesprek op dinsdag, zie ook het oudergesprek."  # a marker to look for in storage
# This page's service worker is installed (files stored), activated, and controls the page.
SW_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration && registration.active && registration.active.state === "activated"
                 && navigator.serviceWorker.controller);
}"""
HELP_THEN_REPORT = [["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"], ["afweging-5", "nee"]]


def open_self_check(context: Any, base_url: str) -> Any:
    """A new tab on /zelfcheck/, once the engine is ready."""
    page = context.new_page()
    page.goto(f"{base_url}/zelfcheck/")
    wait_for_engine(page, "#zelfcheck")
    return page


def label_of(question_id: str, answer_id: str) -> str:
    answer = default().question(question_id).answer(answer_id)
    assert answer is not None
    return answer.label


def drawn(page: Any) -> None:
    """Wait until the page has drawn Python's last answer (the engine answers asynchronously)."""
    page.locator(DRAWN).wait_for()


def choose(page: Any, question_id: str, answer_id: str) -> None:
    page.get_by_role("radio", name=label_of(question_id, answer_id), exact=True).check()
    page.get_by_role("button", name="Volgende", exact=True).click()
    drawn(page)


def heading(page: Any) -> Any:
    """The heading of the current step (the question's, or the outcome's), once drawn."""
    drawn(page)
    return page.locator("#zc-heading:visible, #zc-outcome-heading:visible")


def focused_id(page: Any) -> str:
    drawn(page)
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def walk_help_then_report(page: Any) -> str:
    """Answer the help path to its outcome; the outcome's heading."""
    for question_id, answer_id in HELP_THEN_REPORT:
        choose(page, question_id, answer_id)
    return str(heading(page).text_content())


def set_date(page: Any, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.dispatch_event("change")
    drawn(page)


def download(page: Any, button: str) -> tuple[str, str]:
    """Click a download button; the file's suggested name and its text."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_text(encoding="utf-8")


def other_bytes(site_dir: Path) -> int:
    """What the engine fetches besides the runtime (.wasm): our standard library and the wheel."""
    folder = site_dir / "assets" / "zelfcheck"
    return sum(p.stat().st_size for p in [*folder.glob("stdlib-*.zip"), *folder.glob("*.whl")])


def wheel_with_api_tail(site_dir: Path, folder: Path, tail: bytes) -> Path:
    """A copy of the built wheel whose protocol/api.py ends with `tail`: an engine with a bug put in."""
    (wheel,) = (site_dir / "assets" / "zelfcheck").glob("*.whl")
    broken = folder / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "protocol/api.py":
                data += tail
            target.writestr(item, data)
    return broken
