"""The self-check under real conditions: odd dates, scripts that do not load, slow or stalled
connections, the browser's Back button, quick clicks, "Wis alles", and a policy without
'unsafe-inline'. Nothing a person can do or meet may end the session or lose what they typed.

Waits are on states (locators, the page's `data-received` byte count, a gate in the test server),
never on time; where the page's own timers matter the test drives the page clock (in a fresh context:
the clock belongs to the context). Tests of a session once the engine is ready share one context
(conftest.py `warm_page`), so the engine starts warm.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from protocol import api
from tests.browser import ENGINE_WAIT_MS, assert_accessible
from tests.zelfcheck_page import (
    FAILED,
    HELP_THEN_REPORT,
    NOTE,
    READY,
    choose,
    download,
    heading,
    label_of,
    other_bytes,
    set_date,
    wheel_with_api_tail,
)

NOTE_LABEL = "Notitie bij deze afweging (niet verplicht)"
STATIC_LINK = "Begin bij afweging 2"
LOADING = "#zelfcheck[data-state=loading]"


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh context with the service worker running, as in a visitor's browser."""
    ctx = browser.new_context(accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def blocked(browser: Any) -> Iterator[Any]:
    """A fresh context, service workers blocked: for routed engine files (routing does not see a
    worker's requests), the page clock or an init script (both hold for the whole context)."""
    ctx = browser.new_context(service_workers="block", accept_downloads=True)
    yield ctx
    ctx.close()


def opened(context: Any, base_url: str, clock: bool = False) -> Any:
    """A new tab on /zelfcheck/, once the engine is ready. The page clock belongs to the whole context
    (Playwright): with `clock`, use a fresh context, not the shared one."""
    page = context.new_page()
    if clock:
        page.clock.install()
    return ready(page, base_url)


def ready(page: Any, base_url: str) -> Any:
    page.goto(f"{base_url}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    return page


def pause_clock(page: Any) -> None:
    """Stop the page's timers (they run only when the test says so)."""
    now = datetime.fromtimestamp(float(page.evaluate("Date.now()")) / 1000, tz=UTC)
    page.clock.pause_at(now + timedelta(seconds=1))


def engine_constant(site_dir: Path, name: str) -> int:
    """A constant engine.js exports, read by importing the built module (Node, as the parity test
    does), not by reading its text."""
    url = (site_dir / "assets/zelfcheck/engine.js").resolve().as_uri()
    script = f"const m = await import({json.dumps(url)}); console.log(JSON.stringify(m[{json.dumps(name)}]));"
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                          check=True)
    value = json.loads(done.stdout)
    assert isinstance(value, int), (name, value)
    return value


# --- 2. a date a person can type never ends the session -----------------------------------------------

def to_melding(page: Any) -> None:
    choose(page, "afweging-2", "nee")
    page.get_by_label(NOTE_LABEL).fill(NOTE)
    choose(page, "afweging-3", "nee")


def test_a_far_future_date_gets_a_message_and_the_session_goes_on(warm_page: Any, base_url: str) -> None:
    page = ready(warm_page, base_url)
    to_melding(page)
    where = heading(page).text_content()
    set_date(page, "De dag van de melding", "9999-12-31")
    field = page.get_by_label("De dag van de melding", exact=True)
    problem = page.locator("#zc-date-melding-problem")
    expect(problem).to_be_visible()
    text = problem.text_content() or ""
    assert text.strip()
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == "zc-date-melding-problem"
    assert page.locator("#zc-live").text_content() == text  # said aloud
    assert page.locator(FAILED).count() == 0
    assert heading(page).text_content() == where
    assert NOTE in (page.locator("#zc-record-text").text_content() or "")
    assert_accessible(page, "datum te ver weg")
    set_date(page, "De dag van de melding", "2026-12-24")
    expect(problem).to_be_hidden()
    expect(page.locator("#zc-due li")).to_have_count(1)
    assert field.get_attribute("aria-invalid") is None


def broken_dates_wheel(site_dir: Path, tmp_path: Path) -> Path:
    """The engine with a bug: every call that reads the date 2031-01-01 raises (as 9999-12-31 did)."""
    # The handlers (protocol/selfcheck.py) read the dates through its module-level parse_dates.
    return wheel_with_api_tail(site_dir, tmp_path, b"\n\nfrom . import selfcheck as _selfcheck\n\n"
                               b"_parse_dates = _selfcheck.parse_dates\n\n\n"
                               b"def _broken_parse_dates(protocol, w, dates):\n"
                               b"    if '2031-01-01' in dates.values():\n"
                               b"        raise OverflowError('date value out of range')\n"
                               b"    return _parse_dates(protocol, w, dates)\n\n\n"
                               b"_selfcheck.parse_dates = _broken_parse_dates\n")


def test_a_date_the_engine_cannot_handle_keeps_answers_and_notes(blocked: Any, base_url: str, site_dir: Path,
                                                                  tmp_path: Path) -> None:
    """The page's own guard, whatever Python does: a call that throws on a date leaves the session."""
    broken = broken_dates_wheel(site_dir, tmp_path)
    page = blocked.new_page()
    page.route("**/*.whl*", lambda r: r.fulfill(status=200, body=broken.read_bytes()))
    page.goto(f"{base_url}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    to_melding(page)
    set_date(page, "De dag van de melding", "2031-01-01")
    problem = page.locator("#zc-date-melding-problem")
    expect(problem).to_have_text(api.TEXTS["date_failed"])
    field = page.get_by_label("De dag van de melding", exact=True)
    assert field.input_value() == "2031-01-01"  # what was typed stays, to be corrected
    assert field.get_attribute("aria-describedby") == "zc-date-melding-problem"
    assert page.locator("#zc-live").text_content() == api.TEXTS["date_failed"]
    assert page.locator(FAILED).count() == 0
    assert NOTE in (page.locator("#zc-record-text").text_content() or "")
    _, text = download(page, "Download het verslag (.md)")  # without the date it cannot use
    assert NOTE in text and "2031" not in text
    set_date(page, "De dag van de melding", "2026-12-24")
    expect(problem).to_be_hidden()
    expect(page.locator("#zc-due li")).to_have_count(1)
    page.get_by_role("button", name="Wijzig afweging 3").click()
    assert heading(page).text_content() == "Afweging 3: HULP"


# --- 3. a script that does not load leaves the static route, not "wordt geladen" ----------------------

SCRIPT_FAILURES = {
    "engine-404": ("**/assets/zelfcheck/engine.js", {"status": 404, "body": "weg"}),
    "engine-syntaxfout": ("**/assets/zelfcheck/engine.js",
                          {"status": 200, "body": "export const = ;", "content_type": "text/javascript"}),
    "zelfcheck-404": ("**/assets/zelfcheck/zelfcheck.js", {"status": 404, "body": "weg"}),
    "zelfcheck-syntaxfout": ("**/assets/zelfcheck/zelfcheck.js",
                             {"status": 200, "body": "import {", "content_type": "text/javascript"}),
}


@pytest.mark.parametrize("failure", SCRIPT_FAILURES, ids=str)
def test_a_script_that_does_not_load_shows_the_static_route(blocked: Any, base_url: str,
                                                            failure: str) -> None:
    pattern, answer = SCRIPT_FAILURES[failure]
    page = blocked.new_page()
    page.route(pattern, lambda r: r.fulfill(**answer))
    page.goto(f"{base_url}/zelfcheck/")
    page.get_by_role("link", name=STATIC_LINK).wait_for(timeout=15_000)
    assert page.get_by_role("heading", name="Afweging 2: Veiligheid afweging").is_visible()
    assert not page.get_by_text(api.TEXTS["loading"]).is_visible()  # no endless "wordt geladen"
    assert not page.get_by_role("button", name="Volgende").is_visible()  # no dead button
    assert not page.get_by_role("radio").first.is_visible()
    assert_accessible(page, failure)


def test_when_the_scripts_run_the_static_route_steps_aside(warm_page: Any, base_url: str) -> None:
    page = ready(warm_page, base_url)
    assert not page.get_by_role("link", name=STATIC_LINK).is_visible()
    assert page.get_by_role("button", name="Volgende").is_visible()


# --- 4. slow and stalled connections ------------------------------------------------------------------

WASM = "/assets/pyodide/pyodide.asm.wasm"
CHUNK = 1 << 20


class Gate:
    """The runtime's first download, one chunk per `release()`; later downloads are not held."""

    def __init__(self) -> None:
        self.chunks = threading.Semaphore(0)
        self.requests = 0
        self.lock = threading.Lock()

    def release(self, n: int = 1) -> None:
        for _ in range(n):
            self.chunks.release()


class _GatedHandler(http.server.SimpleHTTPRequestHandler):
    gate: Gate

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        if self.path != WASM:
            super().copyfile(source, outputfile)
            return
        with self.gate.lock:
            self.gate.requests += 1
            first = self.gate.requests == 1
        while chunk := source.read(CHUNK):
            if first and not self.gate.chunks.acquire(timeout=120):
                return  # the test is over: the response ends unfinished
            try:
                outputfile.write(chunk)
                outputfile.flush()
            except OSError:
                return


@contextlib.contextmanager
def gated_site(site_dir: Path) -> Iterator[tuple[str, Gate]]:
    gate = Gate()
    handler = type("Handler", (_GatedHandler,), {"gate": gate})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", gate
    finally:
        gate.release(100)
        server.shutdown()


def wait_for_bytes(page: Any, count: int) -> None:
    """Until the page has received exactly this many bytes: then nothing else is on its way."""
    expect(page.locator("#zelfcheck")).to_have_attribute("data-received", str(count), timeout=ENGINE_WAIT_MS)


def test_a_slow_download_that_keeps_arriving_does_not_time_out(blocked: Any, site_dir: Path) -> None:
    stall = engine_constant(site_dir, "STALL_MS")
    size = (site_dir / WASM.lstrip("/")).stat().st_size
    others = other_bytes(site_dir)
    with gated_site(site_dir) as (base, gate):
        page = blocked.new_page()
        page.clock.install()
        page.goto(f"{base}/zelfcheck/")
        wait_for_bytes(page, others)
        for sent in range(CHUNK, size + CHUNK, CHUNK):
            gate.release()
            wait_for_bytes(page, others + min(sent, size))  # this chunk arrived, nothing else is under way
            page.clock.run_for(stall - 1000)  # almost the time without progress after which it gives up
            assert page.locator(FAILED).count() == 0
        page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
        assert page.evaluate("performance.now()") > 30_000 + stall  # longer than any fixed limit we had


def test_a_stalled_download_fails_and_a_retry_keeps_what_was_typed(blocked: Any, site_dir: Path) -> None:
    stall = engine_constant(site_dir, "STALL_MS")
    with gated_site(site_dir) as (base, gate):
        page = blocked.new_page()
        page.clock.install()
        page.goto(f"{base}/zelfcheck/")
        page.locator(LOADING).wait_for(timeout=30_000)
        page.get_by_role("radio", name="NEE", exact=True).check()
        page.get_by_label(NOTE_LABEL).fill(NOTE)
        gate.release()  # one chunk, then the connection goes quiet
        wait_for_bytes(page, other_bytes(site_dir) + CHUNK)
        page.clock.run_for(stall - 1000)
        assert page.locator(LOADING).count() == 1  # not yet: the limit counts from the last byte
        page.clock.run_for(2000)
        page.locator(FAILED).wait_for(timeout=10_000)
        assert page.get_by_text(api.TEXTS["failed_timeout"]).is_visible()
        # The silent connection stays open, as a dead one does. Giving up ends the engine's worker,
        # which cancels its download; otherwise Chromium would hold the retry's request for the
        # same URL until the first had filled its HTTP cache entry (its cache lock: 20 s).
        page.get_by_role("button", name=api.TEXTS["retry"]).click()  # the second download is not held
        page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
        assert page.get_by_role("radio", name="NEE", exact=True).is_checked()
        assert page.get_by_label(NOTE_LABEL).input_value() == NOTE
        page.get_by_role("button", name="Volgende", exact=True).click()
        assert heading(page).text_content() == "Afweging 3: HULP"
        assert NOTE in (page.locator("#zc-record-text").text_content() or "")


def test_a_retry_after_a_missing_file_asks_for_it_again(blocked: Any, base_url: str) -> None:
    """A module that failed to load stays failed under its URL in a page: the retry must still work."""
    held: list[Any] = []
    page = blocked.new_page()
    page.route("**/pyodide.asm.min.mjs*", lambda route: held.append(route))
    with page.expect_request("**/pyodide.asm.min.mjs"):
        page.goto(f"{base_url}/zelfcheck/")
    page.get_by_label(NOTE_LABEL).fill(NOTE)  # typed while loading
    assert len(held) == 1
    held[0].fulfill(status=404, body="weg")
    page.unroute("**/pyodide.asm.min.mjs*")  # the retry gets the file
    page.locator(FAILED).wait_for(timeout=30_000)
    assert page.get_by_text(api.TEXTS["failed_missing"]).is_visible()
    page.get_by_role("button", name=api.TEXTS["retry"]).click()
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    assert page.get_by_label(NOTE_LABEL).input_value() == NOTE
    assert_accessible(page, "na opnieuw proberen")


# --- 6. a policy without 'unsafe-inline', on every page that runs Python ------------------------------

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def policy(page: Any) -> str:
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert meta.count() == 1, "geen Content-Security-Policy"
    return str(meta.get_attribute("content"))


def watched(context: Any) -> tuple[Any, list[str]]:
    page = context.new_page()
    page.add_init_script(WATCH_CSP)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return page, console


def assert_no_violations(page: Any, console: list[str]) -> None:
    assert page.evaluate("window.__cspViolations") == []
    assert console == []


def test_the_self_check_runs_under_a_policy_without_unsafe_inline(context: Any, base_url: str) -> None:
    page, console = watched(context)
    page.goto(f"{base_url}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    csp = policy(page)
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "'wasm-unsafe-eval'" in csp and "connect-src 'self'" in csp
    for question_id, answer_id in HELP_THEN_REPORT[:2]:
        choose(page, question_id, answer_id)
    page.get_by_label(NOTE_LABEL).fill("Moeder Sanne de Vries belde.")
    page.locator("#zc-note-warning").wait_for()
    download(page, "Download het verslag (.md)")
    assert_no_violations(page, console)


def test_training_pages_run_under_a_policy_too(context: Any, base_url: str, site_dir: Path) -> None:
    from protocol import cases
    from site_src.render import training

    for html in sorted((site_dir / "training").rglob("index.html")):
        assert 'http-equiv="Content-Security-Policy"' in html.read_text(encoding="utf-8"), html
    case = cases.default().cases[0]
    page, console = watched(context)
    page.goto(f"{base_url}/{training.case_path(case)}")
    page.locator("#training-practice[data-state=ready]").wait_for(timeout=ENGINE_WAIT_MS)
    csp = policy(page)
    assert "'unsafe-inline'" not in csp and "'wasm-unsafe-eval'" in csp and "connect-src 'self'" in csp
    step = case.steps[0]
    from protocol import default
    question = default().question(step.question)
    page.get_by_role("group", name=f"Jouw antwoord bij afweging {question.number}").last.get_by_role(
        "button", name=label_of(step.question, step.answer), exact=True).click()
    page.locator(".training-feedback").first.wait_for()
    page.goto(f"{base_url}/training/quiz/")
    page.get_by_role("button", name="Bekijk je score").click()
    page.locator("#training-quiz-score").filter(has_text="van de").wait_for()
    assert "'unsafe-inline'" not in policy(page)
    assert_no_violations(page, console)


# --- 7. "Wis alles" clears every copy -----------------------------------------------------------------

KEEP_OBJECT_URLS = """
window.__objectUrls = [];
const create = URL.createObjectURL;
URL.createObjectURL = function (blob) {
  const url = create.call(URL, blob);
  window.__objectUrls.push(url);
  return url;
};
"""
STILL_READABLE = """async (urls) => {
  const readable = [];
  for (const url of urls) {
    try { await (await fetch(url)).text(); readable.push(url); } catch { /* revoked */ }
  }
  return readable;
}"""


def test_wis_alles_clears_the_record_in_the_page_and_the_downloads(blocked: Any, base_url: str) -> None:
    blocked.add_init_script(KEEP_OBJECT_URLS)
    page = opened(blocked, base_url, clock=True)
    pause_clock(page)  # a download's own clean-up timer does not run: "Wis alles" must do it
    to_melding(page)
    set_date(page, "De dag van de melding", "2026-12-24")
    expect(page.locator("#zc-due li")).to_have_count(1)
    download(page, "Download het verslag (.md)")
    download(page, "Download de datums voor je agenda (.ics)")
    urls = page.evaluate("window.__objectUrls")
    assert len(urls) == 2
    page.get_by_role("button", name="Wis alles").click()
    assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"
    assert (page.locator("#zc-record-text").text_content() or "") == ""
    html = page.content()
    for secret in (NOTE, "2026-12-24", "24 december"):
        assert secret not in html, secret
    assert page.evaluate(STILL_READABLE, urls) == []


# --- 11. the browser's Back button, leaving with unsaved work, quick clicks ---------------------------

def test_the_back_button_goes_to_the_previous_question(warm_page: Any, base_url: str) -> None:
    page = ready(warm_page, base_url)
    choose(page, "afweging-2", "nee")
    page.get_by_label(NOTE_LABEL).fill(NOTE)
    choose(page, "afweging-3", "ja")
    assert heading(page).text_content() == "Afweging 4: Hulp Aanvaarden"
    page.go_back()
    expect(heading(page)).to_have_text("Afweging 3: HULP")
    assert page.get_by_role("radio", name="JA", exact=True).is_checked()
    assert page.get_by_label(NOTE_LABEL).input_value() == NOTE
    page.go_back()
    expect(heading(page)).to_have_text("Afweging 2: Veiligheid afweging")
    assert page.get_by_role("radio", name="NEE", exact=True).is_checked()
    page.go_forward()
    expect(heading(page)).to_have_text("Afweging 3: HULP")
    assert page.get_by_label(NOTE_LABEL).input_value() == NOTE
    assert page.url == f"{base_url}/zelfcheck/"  # nothing in the address
    history = str(page.evaluate("JSON.stringify(history.state)"))
    assert NOTE not in history and "nee" not in history and "afweging" not in history
    assert page.locator("#zc-path-list li").count() == 1


def test_leaving_with_unsaved_work_asks_first(warm_context: Any, base_url: str) -> None:
    """Two tabs of the module's shared context (conftest.py `warm_page`); the test closes both."""
    context = warm_context
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    empty = opened(context, base_url)
    empty.on("dialog", dismiss)
    with empty.expect_event("close"):
        empty.close(run_before_unload=True)  # nothing entered: nothing to ask
    assert dialogs == []

    page = opened(context, base_url)
    page.on("dialog", dismiss)
    choose(page, "afweging-2", "nee")
    page.get_by_label(NOTE_LABEL).fill(NOTE)
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert dialogs == ["beforeunload"]
    assert not page.is_closed()
    choose(page, "afweging-3", "nee")
    download(page, "Download het verslag (.md)")  # saved: leaving loses nothing now
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    assert dialogs == ["beforeunload"]


def test_a_quick_next_shows_no_warning_about_the_previous_note(blocked: Any, base_url: str) -> None:
    page = opened(blocked, base_url, clock=True)
    pause_clock(page)  # the note's 300 ms check waits until the test lets time pass
    page.get_by_label(NOTE_LABEL).fill("Moeder Sanne de Vries belde, BSN 111222333.")
    choose(page, "afweging-2", "nee")
    expect(heading(page)).to_have_text("Afweging 3: HULP")
    page.clock.run_for(1000)
    assert page.get_by_label(NOTE_LABEL).input_value() == ""
    expect(page.locator("#zc-note-warning")).to_be_hidden()
    assert "BSN" not in (page.locator("#zc-live").text_content() or "")
    page.get_by_role("button", name="Vorige vraag", exact=True).click()
    expect(page.locator("#zc-note-warning")).to_be_visible()  # under its own note, it is right

