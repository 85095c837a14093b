"""Fast start and offline use: the service worker, the trimmed standard library, the reference page.

The self-check must open and work with no network after one visit, a newer build must replace the
cached files, and the offline cache must hold the site's own files only.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from protocol import api
from site_src import engine_manifest, fast_start
from site_src.tools.static_server import RequestLog, serve
from tests.browser import (
    ENGINE_WAIT_MS,
    held_requests,
    marked,
    new_context,
    poll_script,
    until_routed,
    wait_for_mark,
    wait_until,
)
from tests.zelfcheck_page import LOADING, READY, SW_ACTIVE, open_self_check, walk_help_then_report

ROOT = Path(__file__).resolve().parent.parent
# The offline caches (sw.js); not the engine's snapshot ("zelfcheck-engine", engine.js).
CACHE_NAMES = "async () => (await caches.keys()).filter((name) => name.startsWith('meldcode-')).sort()"
# True when the offline caches are exactly `names` (sorted).
CACHES_ARE = f"async (names) => JSON.stringify(await ({CACHE_NAMES})()) === JSON.stringify(names)"


def files_of(sw_js: str) -> dict[str, str]:
    found = re.search(r"const FILES = (\{.*?\});", sw_js, re.DOTALL)
    assert found, "sw.js noemt geen bestanden"
    files: dict[str, str] = json.loads(found[1])
    return files


def cache_of(sw_js: str) -> str:
    found = re.search(r'const CACHE = "([^"]+)";', sw_js)
    assert found
    return found[1]


# --- the build -------------------------------------------------------------------------------------

def test_the_service_worker_lists_what_the_self_check_loads(site_dir: Path) -> None:
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    files = files_of(sw)
    built = engine_manifest.read(site_dir)
    for needed in ("zelfcheck/", "assets/zelfcheck/zelfcheck.js", "assets/zelfcheck/engine.js",
                   "assets/zelfcheck/engine-worker.js", "assets/zelfcheck/pyodide_private.js",
                   "assets/pyodide/pyodide.mjs", "assets/pyodide/pyodide.asm.min.mjs",
                   "assets/pyodide/pyodide.asm.wasm", built.stdlib, built.wheel_url):
        assert needed in files, needed
    # Every script of the self-check (the page's modules import each other): one left out would
    # fail to load offline.
    scripts = {f"assets/zelfcheck/{p.name}" for p in (site_dir / "assets/zelfcheck").glob("*.js")}
    assert "assets/zelfcheck/render.js" in scripts and scripts <= set(files), scripts - set(files)
    assert built.wheel_url.startswith("assets/zelfcheck/meldcode_stap5-") and "?v=" in built.wheel_url
    assert built.offline is not None and set(built.offline.files) == set(files)
    # Not the stock standard library, lock file or runtime script: the self-check does not load them.
    assert not any(f.endswith(("python_stdlib.zip", "pyodide-lock.json", "pyodide.asm.mjs")) for f in files)
    for url, digest in files.items():
        path = site_dir / url.split("?")[0]
        path = path / "index.html" if url.endswith("/") else path
        assert fast_start.sha256(path) == digest, url
    assert cache_of(sw).startswith("meldcode-")


def test_the_trimmed_standard_library_is_compiled_and_small(site_dir: Path) -> None:
    (stdlib,) = (site_dir / "assets/zelfcheck").glob("stdlib-*.zip")
    with zipfile.ZipFile(stdlib) as z:
        names = z.namelist()
    assert names and all(n.endswith(".pyc") for n in names)
    assert {"json/__init__.pyc", "tomllib/_parser.pyc", "datetime.pyc", "hashlib.pyc"} <= set(names)
    assert not any(n.startswith(("xml/", "email/", "unittest/", "sqlite3/")) for n in names)
    # Start-up imports these only when present, and the engine never uses them (stdlib.mjs LEFT_OUT).
    assert not any(n.startswith(("ssl.", "_ssl.", "base64.", "bz2.", "lzma.", "compression/")) for n in names)
    assert not any(n.startswith("importlib/resources/") for n in names)  # protocol/datafiles.py
    assert stdlib.stat().st_size < (site_dir / "assets/pyodide/python_stdlib.zip").stat().st_size
    for name in ("pyodide.asm.wasm", "pyodide.asm.min.mjs"):
        for suffix in (".br", ".gz"):
            assert (site_dir / "assets/pyodide" / f"{name}{suffix}").is_file()
    assert stdlib.with_name(stdlib.name + ".br").is_file()


def test_the_reference_page_is_bare_stock_pyodide_and_not_part_of_the_site(site_dir: Path) -> None:
    page = (site_dir / "assets/bench/referentie.html").read_text(encoding="utf-8")
    assert "await loadPyodide();" in page and 'from "../pyodide/pyodide.mjs"' in page
    assert '<meta name="robots" content="noindex">' in page and "Testpagina" in page
    assert "referentie" not in (site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "referentie" not in (site_dir / "sitemap.xml").read_text(encoding="utf-8")


# --- in the browser ----------------------------------------------------------------------------------

@pytest.fixture
def offline_context(browser: Any) -> Iterator[Any]:
    """Offline use is the subject here: the service worker is allowed (tests/browser.py)."""
    ctx = new_context(browser, offline_use=True)
    yield ctx
    ctx.close()


# Asks the browser to look for a new sw.js now. After a reload it also looks by itself, but in its own
# time: on a busy machine that took longer than any wait here (1 run in 9). What the new worker then
# does is what these tests check. Fails quietly when the worker has just unregistered itself.
LOOK_FOR_A_NEW_BUILD = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  try {
    await registration?.update();
  } catch {
    // Already gone (sw-serve.js unregisters itself).
  }
}"""


def visit_and_wait_for_the_cache(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    wait_until(page, SW_ACTIVE)  # installed (files stored), then activated and controlling this page
    return page


def test_the_self_check_works_offline_after_one_visit(offline_context: Any, base_url: str) -> None:
    context = offline_context
    page = visit_and_wait_for_the_cache(context, f"{base_url}/zelfcheck/")
    context.set_offline(True)
    page.reload()
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    assert walk_help_then_report(page) == "Uitkomst: Melden: hulp werkt niet genoeg"
    assert page.get_by_role("button", name="Download het verslag (.md)").is_visible()
    # A page that was never visited is not there offline: the cache holds what was loaded, no more.
    other = context.new_page()
    with pytest.raises(Exception, match=r"ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
        other.goto(f"{base_url}/colofon/")


# Before the page's scripts: register() never settles (the browser's queue, held), and is counted.
HOLD_REGISTER = """window.__registerCalls = 0;
if (navigator.serviceWorker) {
  navigator.serviceWorker.register = () => { window.__registerCalls += 1; return new Promise(() => {}); };
}"""


def test_a_second_visit_does_not_wait_for_the_browser_to_register_again(offline_context: Any,
                                                                        base_url: str) -> None:
    """Chromium sometimes queues register() behind its own look for a new sw.js after a navigation
    (1.6 s). A page the offline cache already keeps does not ask again (offline.js), so its "ready"
    never waits for that queue. Here a call would hold "ready" until engine.js stops waiting (10 s)."""
    first = visit_and_wait_for_the_cache(offline_context, f"{base_url}/zelfcheck/")
    offline_context.add_init_script(HOLD_REGISTER)
    second = offline_context.new_page()
    second.goto(f"{base_url}/zelfcheck/")
    wait_for_mark(second, "meldcode-engine-from-snapshot")  # the engine itself is ready
    second.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    assert second.evaluate("window.__registerCalls") == 0
    first.close()


def test_without_the_cache_the_offline_reload_fails(browser: Any, base_url: str) -> None:
    """The test above can fail: with service workers blocked, the same steps do not load offline."""
    ctx = new_context(browser)  # service workers blocked
    try:
        page = open_self_check(ctx, base_url)
        ctx.set_offline(True)
        with pytest.raises(Exception, match=r"ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
            page.reload()
    finally:
        ctx.close()


# --- the warm start: a snapshot of the started engine (engine.js) -----------------------------------

SNAPSHOTS = """async () => {
  const cache = await caches.open("zelfcheck-engine");
  const found = [];
  for (const request of await cache.keys()) {
    found.push({ url: request.url, size: (await (await cache.match(request)).arrayBuffer()).byteLength });
  }
  return found;
}"""


def snapshot_url(site_dir: Path, base_url: str) -> str:
    return f"{base_url}/{engine_manifest.read(site_dir).snapshot}"


def test_a_second_visit_restores_the_started_engine(context: Any, base_url: str, site_dir: Path) -> None:
    first = open_self_check(context, base_url)
    assert not marked(first, "meldcode-engine-from-snapshot")
    wait_for_mark(first, "meldcode-engine-snapshot-taken")  # right after "ready", kept after that
    assert not marked(first, "meldcode-engine-snapshot-skipped")
    wait_for_mark(first, "meldcode-engine-snapshot-kept")
    (kept,) = first.evaluate(SNAPSHOTS)
    assert kept["url"] == snapshot_url(site_dir, base_url) and kept["size"] > 10_000_000
    outcome = walk_help_then_report(first)

    second = open_self_check(context, base_url)
    assert marked(second, "meldcode-engine-from-snapshot")
    assert walk_help_then_report(second) == outcome == "Uitkomst: Melden: hulp werkt niet genoeg"
    assert second.evaluate(SNAPSHOTS) == [kept]  # restored, not made again


# Does the kept snapshot hold these bytes (UTF-8)? Python's heap keeps freed strings until reused.
SNAPSHOT_HOLDS = """async (text) => {
  const cache = await caches.open("zelfcheck-engine");
  const [request] = await cache.keys();
  const heap = new Uint8Array(await (await cache.match(request)).arrayBuffer());
  const needle = new TextEncoder().encode(text);
  outer: for (let i = 0; i + needle.length <= heap.length; i++) {
    for (let j = 0; j < needle.length; j++) if (heap[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}"""


def test_a_note_typed_while_loading_is_not_in_the_snapshot(context: Any, base_url: str) -> None:
    """The snapshot is taken right after "ready" and before the worker handles the page's first
    call (engine-worker.js), so a note typed while the engine loads reaches Python after it."""
    page = context.new_page()
    held = held_requests(page, "**/pyodide.asm.wasm")  # the engine cannot be ready before it is let go
    with page.expect_request("**/pyodide.asm.wasm"):
        page.goto(f"{base_url}/zelfcheck/")
        page.locator(LOADING).wait_for()
    note = "Daan vertelde over de ruzie thuis, codewoord Kwartelkoning"
    page.get_by_label(api.TEXTS["note_label"]).fill(note)
    until_routed(page, held).continue_()
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    # Python read the note: it warns about the first name in it.
    page.locator("#zc-note-warning:not([hidden])").wait_for()
    wait_for_mark(page, "meldcode-engine-snapshot-kept")
    assert page.evaluate(SNAPSHOT_HOLDS, "Kwartelkoning") is False
    assert page.evaluate(SNAPSHOT_HOLDS, "protocol.api") is True  # the search works: the engine is in it


def test_a_snapshot_that_does_not_restore_is_replaced(context: Any, base_url: str, site_dir: Path) -> None:
    """The fallback of the private snapshot API: a broken snapshot (here: another build's bytes)
    gives the documented start, and a good snapshot takes its place."""
    page = open_self_check(context, base_url)
    wait_for_mark(page, "meldcode-engine-snapshot-kept")
    page.evaluate("""async (url) => {
      const cache = await caches.open("zelfcheck-engine");
      await cache.put(url, new Response(new Uint8Array(4096).fill(7)));
    }""", snapshot_url(site_dir, base_url))
    again = open_self_check(context, base_url)
    assert not marked(again, "meldcode-engine-from-snapshot")
    assert walk_help_then_report(again) == "Uitkomst: Melden: hulp werkt niet genoeg"
    wait_for_mark(again, "meldcode-engine-snapshot-kept")
    (kept,) = again.evaluate(SNAPSHOTS)
    assert kept["size"] > 10_000_000


def test_without_cache_storage_the_engine_starts_as_documented(browser: Any, base_url: str) -> None:
    ctx = new_context(browser)
    try:
        ctx.add_init_script("Object.defineProperty(window, 'caches', { value: undefined });")
        page = open_self_check(ctx, base_url)
        assert page.evaluate("typeof caches") == "undefined"
        # Right after "ready" the worker marks whether it took a snapshot (engine-worker.js).
        wait_for_mark(page, "meldcode-engine-snapshot-skipped")
        assert not marked(page, "meldcode-engine-snapshot-taken")
        assert walk_help_then_report(page) == "Uitkomst: Melden: hulp werkt niet genoeg"
        assert not marked(page, "meldcode-engine-snapshot-kept")
    finally:
        ctx.close()


# On a page that does not start the engine itself: engine.js asked for the documented start.
DOCUMENTED_START = """async (args) => {
  const { engine } = await import("/assets/zelfcheck/engine.js");
  const api = await engine({ documented: true });
  return [await api.answer("state", args), api.pyodideVersion];
}"""
TO_MELDING = {"answers": [["afweging-2", "nee"], ["afweging-3", "nee"]]}


def test_the_documented_start_answers_without_the_private_api(context: Any, base_url: str) -> None:
    """The fallback of pyodide_private.js: loadPyodide with documented options only (the stock
    runtime script, no snapshot) gives an engine that answers as the fast start does."""
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(urlsplit(r.url).path))
    page.goto(f"{base_url}/privacy/")
    answer, version = page.evaluate(DOCUMENTED_START, TO_MELDING)
    assert answer == json.loads(api.call("state", json.dumps(TO_MELDING)))  # as CPython answers
    assert answer["outcome"]["heading"].startswith("Uitkomst: ")
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["pyodide"]
    assert version == pinned
    assert marked(page, "meldcode-engine-documented-start") and marked(page, "meldcode-engine-ready")
    wait_for_mark(page, "meldcode-engine-snapshot-skipped")
    assert not marked(page, "meldcode-engine-snapshot-taken")
    # The stock runtime script, loaded by Pyodide itself; not our smaller one.
    assert "/assets/pyodide/pyodide.asm.mjs" in asked and "/assets/pyodide/pyodide.asm.min.mjs" not in asked
    assert page.evaluate(SNAPSHOTS) == []


@contextlib.contextmanager
def served_copy(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, str, RequestLog]]:
    """A copy of the built site that a test may change, served on its own address: (folder, base
    URL, the log of every response)."""
    served = tmp_path / "site"
    shutil.copytree(site_dir, served, ignore=shutil.ignore_patterns("*.br", "*.gz", "*.pdf"))
    log = RequestLog()
    with serve(served, log) as server:
        yield served, server.url, log


def wait_in_service_worker(context: Any, predicate: str, arg: Any, timeout_ms: int = ENGINE_WAIT_MS) -> None:
    """wait_until, run in the site's service worker: with no page open, none can be asked (and a
    page of the site would be a client of the old worker, which keeps the new one waiting)."""
    script = poll_script(predicate)
    workers = context.service_workers
    assert workers, "geen service worker"
    for worker in reversed(workers):  # the newest first; an old one may stop while it is asked
        try:
            assert worker.evaluate(script, [arg, timeout_ms]), f"wachten duurde langer dan {timeout_ms} ms"
            return
        except Exception as error:  # a worker that stopped: ask the next one
            last = error
    raise AssertionError(f"geen service worker gaf antwoord: {last}")


def test_a_newer_build_replaces_the_cached_files(offline_context: Any, site_dir: Path,
                                                 tmp_path: Path) -> None:
    context = offline_context
    with served_copy(site_dir, tmp_path) as (served, base, log):
        page = visit_and_wait_for_the_cache(context, f"{base}/zelfcheck/")
        offline = engine_manifest.read(served).offline
        assert offline is not None
        old_cache = offline.cache
        assert page.evaluate(CACHE_NAMES) == [old_cache]

        # A new build: one changed file (the page), and the service worker the build writes for it.
        index = served / "zelfcheck" / "index.html"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "</h1>", '</h1>\n<p id="nieuwe-versie">Nieuwe versie</p>', 1), encoding="utf-8")
        new_cache = fast_start.service_worker(served, offline.files)
        assert new_cache != old_cache
        log.clear()

        page.reload()  # still the old build (from its cache)
        page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
        page.evaluate(LOOK_FOR_A_NEW_BUILD)
        # The new worker stores the new build next to the old one, and waits.
        wait_until(page, CACHES_ARE, sorted([old_cache, new_cache]))
        assert page.locator("#nieuwe-versie").count() == 0  # this page stays the old build
        page.close()  # no page of the old build open (nor its engine worker): the new worker takes over
        wait_in_service_worker(context, CACHES_ARE, [new_cache])  # activated: the old cache is deleted
        page = context.new_page()
        page.goto(f"{base}/zelfcheck/")
        page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
        loads = 2  # the reload above and this visit
        assert page.locator("#nieuwe-versie").text_content() == "Nieuwe versie"
        assert page.evaluate(CACHE_NAMES) == [new_cache]
        # The new cache took the unchanged files from the old one: the worker fetched the changed
        # page, not the standard library, and the runtime only for the page loads (online the
        # page gets the .wasm past the cache, see sw.js; this context keeps no 9.6 MB HTTP copy).
        fetched = log.paths()
        assert "/zelfcheck/" in fetched
        assert not [p for p in fetched if "stdlib-" in p], fetched
        assert fetched.count("/assets/pyodide/pyodide.asm.wasm") <= loads, fetched
        context.set_offline(True)
        page.reload()
        page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
        assert page.locator("#nieuwe-versie").count() == 1  # offline: the new build


def test_make_serve_writes_a_service_worker_that_switches_the_cache_off(site_dir: Path,
                                                                        tmp_path: Path) -> None:
    """While editing (mkdocs serve) a reload must show the newest build: the hook writes the sw.js
    of sw-serve.js; a build writes the offline cache's sw.js."""
    from site_src.hooks import zelfcheck as hook

    offline = engine_manifest.read(site_dir).offline
    assert offline is not None
    files = offline.files
    for url in files:  # the files the service worker lists, as links into the built site
        path = url.split("?")[0] + ("index.html" if url.endswith("/") else "")
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).symlink_to(site_dir / path)
    try:
        hook.on_startup(command="serve", dirty=False)
        hook.write_service_worker(tmp_path, files)
        assert (tmp_path / "sw.js").read_text(encoding="utf-8") == (
            ROOT / "site_src" / "zelfcheck" / "sw-serve.js").read_text(encoding="utf-8")
        hook.on_startup(command="build", dirty=False)
        hook.write_service_worker(tmp_path, files)
        built = (site_dir / "sw.js").read_text(encoding="utf-8")
        assert (tmp_path / "sw.js").read_text(encoding="utf-8") == built
    finally:
        hook.on_startup(command="build", dirty=False)


def test_the_serve_service_worker_removes_an_earlier_offline_cache(offline_context: Any, site_dir: Path,
                                                                   tmp_path: Path) -> None:
    """The sw.js that `make serve` writes removes an earlier visit's worker and caches."""
    context = offline_context
    with served_copy(site_dir, tmp_path) as (served, base, _):
        page = visit_and_wait_for_the_cache(context, f"{base}/zelfcheck/")
        assert page.evaluate(CACHE_NAMES)
        fast_start.no_service_worker(served)  # what a build under `mkdocs serve` writes
        page.reload()
        page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
        page.evaluate(LOOK_FOR_A_NEW_BUILD)
        wait_until(page, CACHES_ARE, [])
        # sw-serve.js unregisters itself after deleting the caches, in the same activate step.
        wait_until(page, "async () => (await navigator.serviceWorker.getRegistrations()).length === 0")
        # Nothing of the old build answers any more: a changed page shows at the next reload.
        index = served / "zelfcheck" / "index.html"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "</h1>", '</h1>\n<p id="nieuwe-versie">Nieuwe versie</p>', 1), encoding="utf-8")
        page.reload()
        assert page.locator("#nieuwe-versie").text_content() == "Nieuwe versie"



def test_the_cache_keeps_only_the_builds_own_files(offline_context: Any, base_url: str,
                                                   site_dir: Path) -> None:
    """An address with something in it (`?notitie=...`) is never stored or served from the cache."""
    offline = engine_manifest.read(site_dir).offline
    assert offline is not None
    files = offline.files
    page = visit_and_wait_for_the_cache(offline_context, f"{base_url}/zelfcheck/")
    page.goto(f"{base_url}/zelfcheck/?notitie=Qzgeheim-pagina")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    assert page.evaluate("""async () => {
      const response = await fetch("../assets/zelfcheck/zelfcheck.css?notitie=Qzgeheim-bestand");
      await response.text();
      const other = await fetch("../colofon/?notitie=Qzgeheim-ander");
      await other.text();
      return response.ok && other.ok;
    }""")
    cached = page.evaluate("""async () => {
      const found = [];
      for (const name of await caches.keys()) {
        if (!name.startsWith("meldcode-")) continue;
        for (const request of await (await caches.open(name)).keys()) found.push(request.url);
      }
      return found;
    }""")
    assert not [u for u in cached if "Qzgeheim" in u], cached
    assert sorted(cached) == sorted(f"{base_url}/{f}" for f in files)
    # Offline, such an address is not answered from the cache either (one never loaded, so the
    # browser's own HTTP cache does not have it).
    offline_context.set_offline(True)
    with pytest.raises(Exception, match=r"ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
        page.goto(f"{base_url}/zelfcheck/?notitie=Qzgeheim-nieuw")
