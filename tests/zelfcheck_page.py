"""The self-check page (/zelfcheck/) as a person uses it: its states, answering, what it shows.

Shared by the self-check's tests (test_zelfcheck.py) and the offline tests (test_offline.py).
"""

from __future__ import annotations

from typing import Any

from protocol import default
from tests.browser import wait_for_engine

READY = "#zelfcheck[data-state=ready]"
LOADING = "#zelfcheck[data-state=loading]"
FAILED = "#zelfcheck[data-state=failed]"
# The help path that ends in a report.
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


def choose(page: Any, question_id: str, answer_id: str) -> None:
    page.get_by_role("radio", name=label_of(question_id, answer_id), exact=True).check()
    page.get_by_role("button", name="Volgende", exact=True).click()


def heading(page: Any) -> Any:
    """The heading of the current step: the question's, or the outcome's."""
    return page.locator("#zc-heading:visible, #zc-outcome-heading:visible")


def focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def walk_help_then_report(page: Any) -> str:
    """Answer the help path to its outcome; the outcome's heading."""
    for question_id, answer_id in HELP_THEN_REPORT:
        choose(page, question_id, answer_id)
    return str(heading(page).text_content())
