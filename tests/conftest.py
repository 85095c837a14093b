"""Shared fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Fixtures: `site_dir`, `base_url`, `browser` (one Chromium per session), `context` (a fresh context,
service workers blocked), `site_crawl` (one walk through every page, see tests/site_crawl.py),
`update_goldens`. Helpers for browser tests (axe, waits, contexts): tests/browser.py. Every test that
uses `browser` (directly or through another fixture) is marked `browser`: `pytest -m "not browser"`
is the fast lane (`make check`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_src.tools import static_server
from site_src.tools.chromium import CHROMIUM, CHROMIUM_ARGS, launch

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "SITE", "serve"]

ROOT = Path(__file__).resolve().parent.parent
# MELDCODE_SITE lets a developer test a site built elsewhere (`mkdocs build -d /tmp/x`).
SITE = Path(os.environ.get("MELDCODE_SITE", ROOT / "site"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="schrijf de golden files in tests/golden/ opnieuw in plaats van te vergelijken")


# Expensive fixtures that are made once: with `pytest -n` (pytest-xdist, --dist loadgroup, as
# `make test` runs it) the tests that share one stay on one worker, so it is still made once.
SHARED_ONCE = ("site_crawl", "pyodide_answers")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs Chromium, so the fast lane can leave them out; keep the tests of
    one expensive fixture together."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        for name in SHARED_ONCE:
            if name in fixtures:
                item.add_marker(pytest.mark.xdist_group(name))


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site as `make build` wrote it (`make test` builds it first)."""
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is niet gebouwd: draai de tests met `make test` (dat bouwt eerst de site)")
    return SITE


def serve(directory: Path) -> tuple[Any, str]:
    """Serve a folder on a free port of 127.0.0.1; return the server (stop it with `shutdown()`) and
    its base URL. Kept for tests written against it; new code: site_src.tools.static_server.serve."""
    server = static_server.serve(directory)
    return server.httpd, server.url


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with static_server.serve(site_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
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


@pytest.fixture(scope="session")
def site_crawl(browser: Any, base_url: str, site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Every page visited once (tests/site_crawl.py): axe results, requests, A4 prints."""
    from tests.site_crawl import crawl

    return crawl(browser, base_url, site_dir, tmp_path_factory.mktemp("crawl"))
