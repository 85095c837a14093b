"""Nothing a person types reaches the disk, even with a normal (persistent) browser profile.

Chromium keeps the state of form fields (a textarea's text, a chosen date) in its session files
when a tab is closed or navigated away, so that it can restore them. The self-check's fields must
not be kept there: the test types marker strings, leaves the page, closes the browser and reads
every file of the profile for them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_src.tools.chromium import TEST_ARGS, launch_persistent
from tests.browser import ENGINE_WAIT_MS
from tests.zelfcheck_page import READY, choose

NOTE_LABEL = "Notitie bij deze afweging (niet verplicht)"
# Unusual enough that no file of Chromium or the site holds it by chance.
MARKERS = ("Qzmarker-notitie-7731", "Qzmarker-tweede-4419")


def found_in_profile(profile: Path, markers: tuple[str, ...]) -> list[str]:
    """Every (file, marker) where a marker is stored: as UTF-8 or as UTF-16 (Chromium's pickles)."""
    found = []
    for path in sorted(p for p in profile.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for marker in markers:
            if marker.encode() in data or marker.encode("utf-16-le") in data:
                found.append(f"{path.relative_to(profile)}: {marker}")
    return found


@contextlib.contextmanager
def persistent_profile(playwright: Any, profile: Path) -> Iterator[Any]:
    """A Chromium with its own profile folder, as a person's browser keeps one; closed (written) on exit."""
    context = launch_persistent(playwright, str(profile), extra_args=TEST_ARGS)
    try:
        yield context
    finally:
        context.close()


def test_typed_notes_are_not_written_into_the_browser_profile(playwright: Any, base_url: str,
                                                              tmp_path: Path) -> None:
    profile = tmp_path / "profiel"
    with persistent_profile(playwright, profile) as context:
        page = context.new_page()
        page.goto(f"{base_url}/zelfcheck/")
        page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
        note = page.get_by_label(NOTE_LABEL)
        spellcheck = note.get_attribute("spellcheck")
        note.fill(MARKERS[0])
        choose(page, "afweging-2", "nee")
        page.get_by_label(NOTE_LABEL).fill(MARKERS[1])  # left in the field, as when the tab closes
        page.goto(f"{base_url}/colofon/")  # leaving the page: Chromium keeps its form state now
        page.get_by_role("heading", level=1).wait_for()
    assert any(profile.rglob("*")), "het profiel is leeg: de test meet niets"
    assert found_in_profile(profile, MARKERS) == []
    assert spellcheck == "false"  # a cloud spell checker would send the text away


def test_the_check_above_finds_a_stored_field(playwright: Any, base_url: str, tmp_path: Path) -> None:
    """The test above can fail: the text of a field without autocomplete="off" is found."""
    profile = tmp_path / "profiel"
    with persistent_profile(playwright, profile) as context:
        page = context.new_page()
        page.goto(f"{base_url}/colofon/")
        page.evaluate("""(marker) => {
            const field = document.createElement("textarea");
            field.id = "proef";
            document.querySelector("h1").after(field);
        }""", MARKERS[0])
        page.locator("#proef").fill(MARKERS[0])
        page.goto(f"{base_url}/")
        page.get_by_role("heading", level=1).first.wait_for()
    assert found_in_profile(profile, MARKERS[:1])


def test_training_forms_are_not_remembered_either(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base_url}/training/quiz/")
        page.locator("#training-quiz .training-quiz-actions").wait_for()  # shown by the script
        assert page.locator("#training-quiz").get_attribute("autocomplete") == "off"
    finally:
        context.close()
