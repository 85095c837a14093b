"""The self-check in Debian's Chromium: paths, back and change, privacy, downloads, failures, access.

Every test opens /zelfcheck/ in a fresh tab. Tests of what the page does once it is ready share one
browser context (conftest.py `warm_page`: the engine starts warm, nothing of another test is in the
tab); tests of a first visit, of failures, of requests and of what is kept get a fresh context.
Service workers are blocked except where the offline cache is part of the test (tests/browser.py).
Waits are Playwright locators (the page's Content-Security-Policy blocks `wait_for_function`).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from protocol import api, default, engine
from site_src import engine_manifest
from tests.browser import (
    ENGINE_WAIT_MS,
    assert_accessible,
    held_requests,
    new_context,
    until_routed,
    wait_for_engine,
    wait_for_mark,
)
from tests.zelfcheck_page import (
    FAILED,
    HELP_THEN_REPORT,
    LOADING,
    NOTE,
    PATHS,
    READY,
    choose,
    download,
    focused_id,
    heading,
    label_of,
    other_bytes,
    set_date,
    wheel_with_api_tail,
)

ROOT = Path(__file__).resolve().parent.parent
# The record's time stamp: the page shows the record made at the last answer, a download is made at
# the click, so the minute may differ.
MADE_AT = re.compile(r"Gemaakt op: \d{1,2} \w+ \d{4} om \d{2}:\d{2}")

Page = Any  # playwright.sync_api.Page: kept loose so mypy needs no Playwright stubs


@pytest.fixture
def page(warm_page: Page, base_url: str) -> Page:
    """/zelfcheck/ in a fresh tab of this module's shared context (conftest.py), the engine ready."""
    warm_page.goto(f"{base_url}/zelfcheck/")
    wait_for_engine(warm_page, "#zelfcheck")
    return warm_page


# --- the page as built -------------------------------------------------------------------------------

def test_first_question_and_policy_are_in_the_static_html(site_dir: Path) -> None:
    html = (site_dir / "zelfcheck" / "index.html").read_text(encoding="utf-8")
    first = default().question(default().start)
    assert '<html lang="nl"' in html
    assert f"Afweging {first.number}: {first.title}" in html and first.text in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None and html.index(csp[0]) < html.index("<script")
    assert "connect-src 'self'" in csp[1] and "default-src 'self'" in csp[1] and "'unsafe-eval'" not in csp[1]
    assert 'href="../afweging-2/"' in html and (site_dir / "afweging-2" / "index.html").is_file()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.min.mjs", "pyodide.asm.wasm",
                 "python_stdlib.zip"):
        assert (site_dir / "assets" / "pyodide" / name).is_file(), name
    wheels = list((site_dir / "assets" / "zelfcheck").glob("meldcode_stap5-*-py3-none-any.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        packed = set(wheel.namelist())
    # The wheel holds protocol/ as it is (every module and its data) and nothing of the build.
    modules = {f"protocol/{path.relative_to(ROOT / 'protocol').as_posix()}"
               for path in (ROOT / "protocol").rglob("*.py")}
    assert modules | {"protocol/data/meldcode.toml", "protocol/data/casussen.toml"} <= packed
    assert not any(name.startswith("site_src/") for name in packed)
    assert engine_manifest.read(site_dir).wheel == f"assets/zelfcheck/{wheels[0].name}"


def test_the_page_names_every_module_its_script_imports_for_fetching_at_once(site_dir: Path) -> None:
    """zelfcheck.js's imports are fetched with it (modulepreload), not after it: one wait less."""
    html = (site_dir / "zelfcheck" / "index.html").read_text(encoding="utf-8")
    preloaded = re.findall(r'<link rel="modulepreload" href="\.\./assets/zelfcheck/([\w.-]+)">', html)
    script = (ROOT / "site_src" / "zelfcheck" / "zelfcheck.js").read_text(encoding="utf-8")
    imported = re.findall(r'^import .* from "\./([\w.-]+)";$', script, re.MULTILINE)
    assert len(imported) >= 5 and sorted(preloaded) == sorted(imported)
    assert html.index('src="../assets/zelfcheck/zelfcheck.js"') < html.index("modulepreload")


def test_instant_navigation_stays_off() -> None:
    """Material's instant navigation swaps only the page body: the self-check's policy, CSS and
    module script live in <head> and would not load when arriving from another page."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*-\s*navigation\.instant\s*$", config, re.MULTILINE)


# --- the six paths -----------------------------------------------------------------------------------

@pytest.mark.parametrize("walk", PATHS, ids=lambda w: w.key)
def test_each_path_clicked_through_ends_like_the_cpython_engine(page: Page, walk: engine.Walk) -> None:
    for question_id, answer_id in walk.answers:
        q = default().question(question_id)
        assert heading(page).text_content() == f"Afweging {q.number}: {q.title}"
        choose(page, question_id, answer_id)
        assert focused_id(page) in ("zc-heading", "zc-outcome-heading")  # focus moved to the new heading
    outcome = default().outcome(walk.current.id)
    assert heading(page).text_content() == f"Uitkomst: {outcome.title}"
    assert focused_id(page) == "zc-outcome-heading"
    assert page.locator("#zc-live").text_content() == f"Uitkomst: {outcome.title}"
    shown = page.locator("#zc-duties-list [data-section]").evaluate_all(
        "els => els.map(e => e.dataset.section)")
    assert shown == [s.id for s in engine.walk_duties(default(), walk)]
    walked = page.locator("#zc-chart .zc-walked").evaluate_all("els => els.map(e => e.id)")
    assert set(walked) == ({f"node-{n}" for n in walk.node_ids}
                           | {f"edge-{a}--{b}" for a, b in pairwise(walk.node_ids)})
    assert page.locator(f"#node-{walk.current.id}.zc-current").count() == 1


def test_axe_at_every_step_of_every_path(page: Page) -> None:
    """Every step the six paths pass through (each once: the paths share their first steps), in one
    page, each path from "Begin opnieuw"."""
    checked: set[tuple[tuple[str, str], ...]] = set()
    for walk in PATHS:
        for step in range(len(walk.answers) + 1):
            given = tuple(walk.answers[:step])
            if step:
                choose(page, *given[-1])
            if given not in checked:
                assert_accessible(page, " > ".join(f"{q}={a}" for q, a in given) or "start")
                checked.add(given)
        page.get_by_role("button", name=api.TEXTS["restart"]).click()
        first = default().question(default().start)
        assert heading(page).text_content() == f"Afweging {first.number}: {first.title}"


def test_keyboard_only(page: Page) -> None:
    page.get_by_role("radio", name="NEE", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form
    assert heading(page).text_content() == "Afweging 3: HULP"
    assert focused_id(page) == "zc-heading"
    page.keyboard.press("Tab")  # from the heading onward into the page, towards the answers
    page.get_by_role("radio", name="JA", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    assert heading(page).text_content() == "Afweging 4: Hulp Aanvaarden"


def test_an_answer_is_required(page: Page) -> None:
    page.get_by_role("button", name="Volgende", exact=True).click()
    assert page.get_by_text("Kies een antwoord.").is_visible()
    assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"


# --- back, change, start again ---------------------------------------------------------------------------

def test_back_keeps_answers_and_change_goes_back_to_that_question(page: Page) -> None:
    choose(page, "afweging-2", "nee")
    page.get_by_label("Notitie bij deze afweging (niet verplicht)").fill("Wijkteam kan helpen.")
    choose(page, "afweging-3", "ja")
    assert heading(page).text_content() == "Afweging 4: Hulp Aanvaarden"
    page.get_by_role("button", name="Vorige vraag", exact=True).click()
    assert heading(page).text_content() == "Afweging 3: HULP"
    assert page.get_by_role("radio", name="JA", exact=True).is_checked()  # the answer is kept
    note = page.get_by_label("Notitie bij deze afweging (niet verplicht)")
    assert note.input_value() == "Wijkteam kan helpen."
    page.get_by_role("button", name="Wijzig afweging 2").click()
    assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"
    assert focused_id(page) == "zc-heading"
    assert page.get_by_role("radio", name="NEE", exact=True).is_checked()
    assert page.locator("#zc-path-list li").count() == 0
    choose(page, "afweging-2", "ja")
    assert heading(page).text_content() == "Uitkomst: Direct melden bij Veilig Thuis"
    assert page.locator("#zc-path-list li").count() == 1
    page.get_by_role("button", name="Vorige vraag", exact=True).click()
    assert page.get_by_role("radio", name="JA", exact=True).is_checked()
    page.get_by_role("button", name="Begin opnieuw").click()
    assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"


def test_wis_alles_forgets_answers_notes_and_dates(page: Page) -> None:
    choose(page, "afweging-2", "nee")
    page.get_by_label("Notitie bij deze afweging (niet verplicht)").fill(NOTE)
    choose(page, "afweging-3", "nee")
    set_date(page, "De dag van de melding", "2026-12-24")  # waits until Python's answer is drawn
    assert page.locator("#zc-due li").count() == 1
    page.get_by_role("button", name="Wis alles").click()
    assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"
    assert page.locator("#zc-live").text_content() == "Alles is gewist. Je begint opnieuw bij afweging 2."
    assert not page.get_by_role("radio", name="NEE", exact=True).is_checked()
    choose(page, "afweging-2", "nee")
    assert page.get_by_label("Notitie bij deze afweging (niet verplicht)").input_value() == ""
    choose(page, "afweging-3", "nee")
    assert page.get_by_label("De dag van de melding").input_value() == ""
    assert NOTE not in (page.locator("#zc-record-text").text_content() or "")


# --- dates, record, calendar -------------------------------------------------------------------------------

def full_session(page: Page) -> dict[str, str]:
    """The help path that ends in a report, with a note and every date. Returns the dates shown at
    afweging 5 (the help just started); at the outcome only the date ahead (the melding) is asked."""
    choose(page, "afweging-2", "nee")
    page.get_by_label("Notitie bij deze afweging (niet verplicht)").fill(NOTE)
    choose(page, "afweging-3", "ja")
    choose(page, "afweging-4", "ja")
    nee = page.get_by_role("radio", name=label_of("afweging-5", "nee"), exact=True)
    nee.check()
    set_date(page, "De dag dat je doorverwijst", "2026-12-01")
    set_date(page, "De einddatum van de termijn (afweging 4)", "2027-02-01")
    page.locator('#zc-due li[data-deadline="einde-termijn"]').wait_for()
    at_help = {str(li.get_attribute("data-deadline")): li.text_content() or ""
               for li in page.locator("#zc-due li").all()}
    assert nee.is_checked()  # a date does not undo a choice not yet sent
    page.get_by_role("button", name="Volgende", exact=True).click()
    set_date(page, "De dag van de melding", "2027-02-02")
    page.locator('#zc-due li[data-deadline="terugkoppeling-navragen"]').wait_for()
    return at_help


def test_record_and_calendar_downloads(page: Page) -> None:
    at_help = full_session(page)
    assert "tussen dinsdag 8 december 2026 en dinsdag 15 december 2026" in at_help["check-hulpverlening"]
    # After afweging 5 the check and the termijn lie behind: only the date ahead is shown.
    due = {li.get_attribute("data-deadline"): li.text_content() for li in page.locator("#zc-due li").all()}
    assert list(due) == ["terugkoppeling-navragen"]
    assert "dinsdag 9 februari 2027" in str(due["terugkoppeling-navragen"])

    name, text = download(page, "Download het verslag (.md)")
    assert name.startswith("zelfcheck-meldcode-") and name.endswith(".md")
    p = default()
    assert f"Protocolversie: {p.version} (controlecode {p.short_hash})" in text
    assert re.search(r"Gemaakt op: \d{1,2} \w+ \d{4} om \d{2}:\d{2}", text)
    assert f"\n    {NOTE}\n" in text  # a note is an indented code block: inert Markdown
    w = engine.walk(p, [(q, a) for q, a in HELP_THEN_REPORT])
    for step in w.steps:
        if step.answer is not None:
            assert f"Reden: {step.answer.reason}" in text
    assert "## Uitkomst: Melden: hulp werkt niet genoeg" in text
    shown = page.locator("#zc-record-text").text_content() or ""
    assert MADE_AT.search(shown)
    assert MADE_AT.sub("Gemaakt op: -", shown) == MADE_AT.sub("Gemaakt op: -", text)

    name, text = download(page, "Download de datums voor je agenda (.ics)")
    assert name.endswith(".ics")
    events = {str(e["SUMMARY"]): (e.decoded("DTSTART"), e.decoded("DTEND"))
              for e in Calendar.from_ical(text).walk("VEVENT")}
    expected = json.loads(api.call("state", json.dumps({
        "answers": HELP_THEN_REPORT,
        "dates": {"verwijzing": "2026-12-01", "termijn": "2027-02-01", "melding": "2027-02-02"}})))
    assert events == {d["title"]: (date.fromisoformat(d["earliest"]),
                                   date.fromordinal(date.fromisoformat(d["latest"]).toordinal() + 1))
                      for d in expected["dates"]["due"]}
    assert events["Nog niets gehoord van Veilig Thuis? Bel zelf"][0] == date(2027, 2, 9)


def test_printing_shows_the_record_only(page: Page) -> None:
    choose(page, "afweging-2", "twijfel")
    page.emulate_media(media="print")
    assert page.locator("#zc-record-text").is_visible()
    assert "Antwoord: TWIJFEL" in (page.locator("#zc-record-text").text_content() or "")
    for hidden in ("#zc-outcome", "#zc-path", "#zc-chart", ".md-header", "#zc-print"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.pdf()[:4] == b"%PDF"


def test_personal_data_in_a_note_is_warned_about(page: Page) -> None:
    note = page.get_by_label("Notitie bij deze afweging (niet verplicht)")
    note.fill("Moeder Sanne de Vries belde, BSN 111222333.")
    warning = page.locator("#zc-note-warning")
    warning.wait_for()
    assert "een naam of een BSN" in (warning.text_content() or "")
    assert "zc-note-warning" in (note.get_attribute("aria-describedby") or "")
    assert page.locator("#zc-live").text_content() == warning.text_content()  # announced once
    assert_accessible(page, "waarschuwing")
    note.fill("Moeder belde.")
    warning.wait_for(state="hidden")


# --- privacy -----------------------------------------------------------------------------------------

# Every entry of Cache Storage (the offline cache): its URL, and which secrets its body holds.
CACHED = """async (secrets) => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const body = new TextDecoder().decode(await (await cache.match(request)).arrayBuffer());
      found.push({ cache: name, url: request.url, secrets: secrets.filter((s) => body.includes(s)) });
    }
  }
  return found;
}"""


@pytest.fixture
def offline_context(browser: Any) -> Iterator[Any]:
    """A context with the service worker allowed: the offline cache is part of what is checked."""
    ctx = new_context(browser, offline_use=True, accept_downloads=True)
    yield ctx
    ctx.close()


def test_nothing_leaves_the_device_and_nothing_is_kept(offline_context: Any, base_url: str,
                                                       site_dir: Path) -> None:
    context = offline_context
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    # The context also sees the service worker's own requests (the offline cache filling itself).
    everything: list[str] = []
    context.on("request", lambda r: everything.append(r.url))
    page.goto(f"{base_url}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    before_ready = len(requests)
    everything_before_ready = len(everything)
    full_session(page)
    download(page, "Download het verslag (.md)")
    download(page, "Download de datums voor je agenda (.ics)")
    page.get_by_role("button", name="Wijzig afweging 3").click()
    choose(page, "afweging-3", "nee")

    origin = urlsplit(base_url).netloc
    network = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert [u for u in network if urlsplit(u).netloc != origin] == []
    # Downloads are made in the page (blob:); they are not requests to any server.
    assert [u for u in requests[before_ready:] if not u.startswith("blob:")] == []
    assert [u for u in everything[everything_before_ready:] if not u.startswith("blob:")] == []
    web = [u for u in everything if urlsplit(u).scheme in ("http", "https")]
    assert [u for u in web if urlsplit(u).netloc != origin] == []
    # The engine's worker makes its own requests; the page's request events include them.
    assert any(u.endswith("/engine-worker.js") for u in requests[:before_ready])
    assert any(u.endswith("pyodide.asm.wasm") for u in requests[:before_ready])  # fetched by the worker
    # The page runs only its own scripts: no Material script, so no search index or search worker.
    assert not [u for u in requests if "search" in urlsplit(u).path or "/javascripts/" in u]

    stored = page.evaluate("""async () => ({
        local: Object.entries(localStorage), session: Object.entries(sessionStorage),
        cookie: document.cookie,
        idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
    })""")
    dump = json.dumps(stored, ensure_ascii=False)
    for secret in (NOTE, "afweging-3", "2026-12-01", "melding", "antwoord"):
        assert secret not in dump, f"{secret!r} staat in browseropslag: {dump}"
    assert stored["idb"] == [] and stored["cookie"] == ""
    assert context.cookies() == []
    # Cache Storage holds the offline cache: files of this site, exactly as the site serves them,
    # none holding the note or the dates typed in.
    wait_for_mark(page, "meldcode-engine-snapshot-kept")  # kept in the background, shortly after "ready"
    cached = page.evaluate(CACHED, [NOTE, "2027-02-02", "2026-12-01"])
    assert cached, "de offline-cache is leeg"
    # Besides the site's files: one snapshot of the engine, taken before the first answer (engine.js).
    snapshots = [e for e in cached if e["cache"] == "zelfcheck-engine"]
    assert len(snapshots) == 1 and snapshots[0]["secrets"] == [], snapshots
    for entry in cached:
        if entry in snapshots:
            continue
        assert entry["cache"].startswith("meldcode-"), entry
        assert entry["secrets"] == [], entry
        url = urlsplit(entry["url"])
        assert url.netloc == origin, entry
        path = site_dir / url.path.lstrip("/")
        assert (path / "index.html" if url.path.endswith("/") else path).is_file(), entry

    page.reload()
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"
    assert page.locator("#zc-path-list li").count() == 0
    assert page.get_by_label("Notitie bij deze afweging (niet verplicht)").input_value() == ""


# --- when the engine cannot start --------------------------------------------------------------------------

def hang(route: Any) -> None:
    """Never answer: the request stays open, as on a connection that died."""


FAILURES: dict[str, tuple[Callable[[Page], None], str]] = {
    "geen-webassembly": (lambda p: p.add_init_script("delete window.WebAssembly;"), "failed_no_wasm"),
    "wasm-ontbreekt": (lambda p: p.route("**/pyodide.asm.wasm", lambda r: r.fulfill(status=404, body="weg")),
                       "failed_missing"),
    "wasm-verkeerd-type": (lambda p: p.route("**/pyodide.asm.wasm", lambda r: r.fulfill(
        status=200, body=(ROOT / "node_modules/pyodide/pyodide.asm.wasm").read_bytes(),
        content_type="text/plain")), "failed_missing"),
    # Our trimmed, byte-compiled standard library (engine.js STDLIB_URL), not the stock one.
    "stdlib-ontbreekt": (lambda p: p.route("**/stdlib-*.zip", lambda r: r.fulfill(status=404)),
                         "failed_missing"),
    "wiel-ontbreekt": (lambda p: p.route("**/meldcode_stap5-*.whl*", lambda r: r.fulfill(status=404)),
                       "failed_missing"),
    "runtime-ontbreekt": (lambda p: p.route("**/pyodide.asm.min.mjs", lambda r: r.fulfill(status=404)),
                          "failed_missing"),
    # The engine's worker (engine-worker.js) or a module it imports.
    "worker-ontbreekt": (lambda p: p.route("**/engine-worker.js", lambda r: r.fulfill(status=404)),
                         "failed_missing"),
    "workermodule-kapot": (lambda p: p.route("**/pyodide_private.js", lambda r: r.fulfill(
        status=200, body="export const = ;", content_type="text/javascript")), "failed_missing"),
}


@pytest.mark.parametrize("failure", FAILURES, ids=str)
def test_failure_shows_a_dutch_message_and_the_static_route(context: Any, base_url: str,
                                                             failure: str) -> None:
    arrange, text_key = FAILURES[failure]
    page = context.new_page()
    arrange(page)
    page.goto(f"{base_url}/zelfcheck/")
    page.locator(FAILED).wait_for(timeout=20_000)  # far below the 30 s time limit: it fails fast
    assert page.get_by_role("heading", name="De zelfcheck kan niet starten").is_visible()
    assert page.get_by_text(api.TEXTS[text_key]).is_visible()
    assert page.get_by_role("link", name="Begin bij afweging 2").is_visible()
    assert focused_id(page) == "zc-failed-title"
    assert not page.locator(".zc-loading").is_visible()  # no endless spinner
    assert_accessible(page, failure)


def test_no_answer_within_the_time_limit_is_a_failure_too(browser: Any, base_url: str,
                                                          site_dir: Path) -> None:
    context = browser.new_context(service_workers="block")  # routing does not see a worker's requests
    page = context.new_page()
    page.clock.install()
    page.route("**/pyodide.asm.wasm", hang)
    page.goto(f"{base_url}/zelfcheck/")
    # Everything but the hanging runtime has arrived (engine.js counts the bytes): the limit
    # (30 s without progress) counts from now.
    page.locator(f"#zelfcheck[data-received='{other_bytes(site_dir)}']").wait_for(timeout=ENGINE_WAIT_MS)
    # The page clock also runs in real time, so leave a margin: 20 s in, it is still trying.
    page.clock.run_for(20_000)
    assert page.locator(LOADING).count() == 1
    page.clock.run_for(11_000)  # past the 30 s limit
    page.locator(FAILED).wait_for(timeout=10_000)
    assert page.get_by_text(api.TEXTS["failed_timeout"]).is_visible()
    assert page.get_by_role("link", name="Begin bij afweging 2").is_visible()
    context.close()


def test_a_python_error_after_loading_shows_the_failure_too(context: Any, base_url: str, site_dir: Path,
                                                             tmp_path: Path) -> None:
    """A wheel whose engine raises: the page must not look fine while it no longer answers."""
    broken = wheel_with_api_tail(site_dir, tmp_path, b"\n\ndef state(*args, **kwargs):\n"
                                 b"    raise RuntimeError('kapot')\nHANDLERS['state'] = state\n")
    page = context.new_page()
    page.route("**/*.whl*", lambda r: r.fulfill(status=200, body=broken.read_bytes()))
    page.goto(f"{base_url}/zelfcheck/")
    page.locator(FAILED).wait_for(timeout=ENGINE_WAIT_MS)
    assert page.get_by_text(api.TEXTS["failed_error"]).is_visible()
    assert page.get_by_role("link", name="Begin bij afweging 2").is_visible()


def test_without_javascript_the_static_pages_lead_on(browser: Any, base_url: str) -> None:
    ctx = new_context(browser, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{base_url}/zelfcheck/")
        assert page.get_by_role("heading", name="Afweging 2: Veiligheid afweging").is_visible()
        assert not page.get_by_role("button", name="Volgende").is_visible()
        link = page.locator(".zc-noscript a")
        assert link.is_visible()
        link.click()
        assert "afweging-2" in page.url
        assert page.get_by_role("heading", level=1).count() == 1
    finally:
        ctx.close()


def test_a_choice_made_while_loading_is_kept(context: Any, base_url: str) -> None:
    page = context.new_page()
    held = held_requests(page, "**/pyodide.asm.wasm")  # the engine cannot be ready before it is let go
    with page.expect_request("**/pyodide.asm.wasm"):
        page.goto(f"{base_url}/zelfcheck/")
        page.locator(LOADING).wait_for()
        page.get_by_role("radio", name="NEE", exact=True).check()
        assert_accessible(page, "laden")
        page.get_by_role("button", name="Volgende", exact=True).click()
        assert page.locator("#zc-live").text_content() == api.TEXTS["waiting"]
    assert page.locator(LOADING).count() == 1
    until_routed(page, held).continue_()
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    page.get_by_role("heading", name="Afweging 3: HULP").wait_for()
    assert heading(page).text_content() == "Afweging 3: HULP"


# Submits the form at the moment the self-check turns ready: a person clicking "Volgende" right then.
SUBMIT_WHEN_READY = """() => {
  const root = document.getElementById("zelfcheck");
  new MutationObserver((_, observer) => {
    if (root.dataset.state !== "ready") return;
    observer.disconnect();
    document.getElementById("zc-question").requestSubmit();
  }).observe(root, { attributes: true, attributeFilter: ["data-state"] });
}"""


def test_an_answer_given_as_the_engine_gets_ready_is_what_the_page_shows(context: Any, base_url: str) -> None:
    """Two draws at once: the page's first one at "ready" (which also has Python check the note typed
    while loading: one call more) and the answer's. The page must end on the answer's question, not
    on whichever draw's last call came back last."""
    page = context.new_page()
    held = held_requests(page, "**/pyodide.asm.wasm")
    with page.expect_request("**/pyodide.asm.wasm"):
        page.goto(f"{base_url}/zelfcheck/")
        page.locator(LOADING).wait_for()
    page.get_by_role("radio", name="NEE", exact=True).check()
    page.get_by_label(api.TEXTS["note_label"]).fill(NOTE)
    page.evaluate(SUBMIT_WHEN_READY)
    until_routed(page, held).continue_()
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    assert heading(page).text_content() == "Afweging 3: HULP"
    page.get_by_role("button", name="Vorige vraag", exact=True).click()
    assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"
    assert page.get_by_label(api.TEXTS["note_label"]).input_value() == NOTE


# --- small screens, zoom ----------------------------------------------------------------------------

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


# 200% zoom of a 1280 px wide window is a 640 px wide layout.
@pytest.mark.parametrize(("width", "height"), [(320, 640), (640, 400)], ids=["320px", "zoom-200"])
def test_small_screens_and_zoom_need_no_sideways_scrolling(warm_page: Page, base_url: str, width: int,
                                                           height: int) -> None:
    page = warm_page
    page.set_viewport_size({"width": width, "height": height})  # before the page loads, as on a phone
    page.goto(f"{base_url}/zelfcheck/")
    wait_for_engine(page, "#zelfcheck")
    for question_id, answer_id in HELP_THEN_REPORT:
        overflow = page.evaluate(SIDEWAYS)
        assert overflow <= 0, f"{question_id}: {overflow}px te breed"
        choose(page, question_id, answer_id)
    assert page.evaluate(SIDEWAYS) <= 0
    assert page.get_by_role("button", name="Download het verslag (.md)").is_visible()
    assert_accessible(page, f"{width}px")
