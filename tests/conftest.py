"""Shared fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Fixtures: `site_dir`, `base_url`, `playwright`, `browser` (one Chromium per session), `context` (a
fresh context, service workers blocked), `warm_page` (a fresh tab in a context shared by one test
module, where the engine starts warm), `update_goldens`. Helpers for browser tests (axe, waits,
contexts): tests/browser.py. Every test that uses `playwright` (directly or through `browser` or
another fixture) is marked `browser`: `pytest -m "not browser"` is the fast lane (`make check`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_src.tools import static_server
from site_src.tools.chromium import TEST_ARGS, launch, launch_persistent

ROOT = Path(__file__).resolve().parent.parent
# MELDCODE_SITE lets a developer test a site built elsewhere (`mkdocs build -d /tmp/x`).
SITE = Path(os.environ.get("MELDCODE_SITE", ROOT / "site"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="schrijf de golden files in tests/golden/ opnieuw in plaats van te vergelijken")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs Chromium, so the fast lane can leave them out; then put the
    costliest test files first (`longest_first`)."""
    for item in items:
        if "playwright" in getattr(item, "fixturenames", ()):  # `browser` and `warm_context` use it
            item.add_marker(pytest.mark.browser)
    items[:] = longest_first(items)


def longest_first(items: list[pytest.Item]) -> list[pytest.Item]:
    """The test files in the order they should start, each file's tests kept together and in order.

    `make test` hands whole files to its workers (pytest-xdist --dist loadfile, without xdist's own
    reordering, which starts the files with the most tests first). A file that runs long but holds
    few tests, such as the walk through the whole site, would otherwise start last and leave one
    worker running alone at the end. So: files marked `slow` first, then files by their number of
    browser tests (most first), then the rest.
    """
    def cost(module: list[pytest.Item]) -> tuple[int, int]:
        if any(item.get_closest_marker("slow") for item in module):
            return (0, 0)
        browser = sum(1 for item in module if item.get_closest_marker("browser"))
        return (1, -browser) if browser else (2, 0)

    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    ordered = sorted(modules.values(), key=cost)  # stable: equal files keep their order
    return [item for module in ordered for item in module]


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site as `make build` wrote it (`make test` builds it first)."""
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is niet gebouwd: draai de tests met `make test` (dat bouwt eerst de site)")
    return SITE


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with static_server.serve(site_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    chromium = launch(playwright, TEST_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context for one test: nothing carries over, service workers are blocked
    (tests/browser.py new_context), downloads are accepted."""
    from tests.browser import new_context

    ctx = new_context(browser, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def warm_context(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One context for the tests of one module (pytest-xdist's --dist loadfile keeps a module on one
    worker): use it through `warm_page`.

    A Chromium with a profile folder of its own, as a person's browser keeps one, not a context of
    the session's `browser`: those are incognito, whose HTTP cache lives in memory and keeps no file
    over about 1 MB. Pyodide's 9.6 MB wasm was downloaded and compiled again at every start; from a
    disk cache it comes compiled (a warm start took 0.7 s of processor time instead of 1.3 s,
    measured 2026-11-30).
    """
    profile = tmp_path_factory.mktemp("profiel")
    ctx = launch_persistent(playwright, str(profile), extra_args=TEST_ARGS, service_workers="block",
                            accept_downloads=True)
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)  # tens of MB: the runtime, its compiled code, a snapshot


@pytest.fixture
def warm_page(warm_context: Any) -> Iterator[Any]:
    """A fresh tab for one test, in a context the tests of this module share.

    Why: a fresh context starts Pyodide cold (3-5 s on a busy machine); in a context that started it
    once, the page's own warm start (engine.js keeps a snapshot in Cache Storage) takes well under a
    second. What carries over is only what a returning visitor's browser carries: Cache Storage and
    the HTTP cache. A tab is a new document with its own engine, so no answer, note or date of another
    test is in it; no test depends on another having run first.
    For tests about a first visit, the requests a page makes, failures, the page clock (Playwright's
    `page.clock` belongs to the whole context), offline use, or anything set on the context: use the
    fresh `context` instead. After each test the shared context is checked to hold no cookies and no
    web storage, as the site promises (a check that also keeps the sharing honest).
    """
    page = warm_context.new_page()
    yield page
    page.close()
    state = warm_context.storage_state()
    assert state["cookies"] == [] and all(not o.get("localStorage") for o in state["origins"]), state
