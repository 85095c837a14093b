"""One walk through every page of the built site, shared by the whole-site checks.

Axe on a desktop and on a phone, the requests each page makes, each page printed on A4, and the
policies of the deploy headers used to be five walks, each starting Pyodide on every page that has
the engine. Now one walk, through the site as nginx serves it with those headers (tests/nginx_server.py),
gathers all of it; the checks in test_whole_site.py assert on what it found.
The engine's files are routed away (the page shows its failure notice and its static content): what
the engine does is checked where it is the subject (test_zelfcheck.py, test_training_browser.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser import (
    Violation,
    axe_violations,
    collect_policy_complaints,
    new_context,
    route_engine_away,
    with_axe,
)

DESKTOP = {"width": 1280, "height": 720}
# Pages with the engine: their root's data-state ends at "failed" with the engine routed away. The
# checks wait for that state, so each run judges the same page (not "loading" one time, "failed" the
# next).
ENGINE_FAILED = "#zelfcheck[data-state=failed], #training-practice[data-state=failed]"
ENGINE_ROOTS = "#zelfcheck[data-state], #training-practice[data-state]"
# A phone (320 px) gets Material's navigation drawer, with landmarks the desktop layout does not have.
PHONE = {"width": 320, "height": 720}
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def page_paths(site_dir: Path) -> list[str]:
    """Every page of the site as a URL path: "/", "/afweging-2/", ..."""
    found = [p.parent.relative_to(site_dir).as_posix() for p in sorted(site_dir.rglob("index.html"))]
    return [f"/{p}/".replace("/./", "/") for p in found]


@dataclass
class CrawledPage:
    path: str
    pdf: Path  # printed on A4 (as a person prints it: Chromium's print media)
    policy: str  # the Content-Security-Policy header it was served with
    axe: dict[str, list[Violation]] = field(default_factory=dict)  # "desktop", "320px"
    refused: list[str] = field(default_factory=list)  # what its policies refused (both widths)


@dataclass
class SiteCrawl:
    pages: list[CrawledPage]
    # Every request the pages made (search included), and those that failed (the engine's files,
    # routed away).
    requests: list[str]
    failed: list[str]
    complaints: list[str]  # policy complaints in the console (pages and workers)


def wait_for_engine_failure(page: Any) -> None:
    """On a page with the engine, wait until it shows the engine's failure (its files are routed away)."""
    if page.locator(ENGINE_ROOTS).count():
        page.locator(ENGINE_FAILED).wait_for()


def crawl(browser: Any, base_url: str, site_dir: Path, pdf_dir: Path) -> SiteCrawl:
    context = new_context(browser, viewport=DESKTOP)
    route_engine_away(context)
    with_axe(context)
    complaints = collect_policy_complaints(context)
    requests: list[str] = []
    failed: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.on("requestfailed", lambda r: failed.append(r.url))
    pages: list[CrawledPage] = []
    try:
        # Two tabs in turn: a page stays open (its timers and late loads running, every request
        # logged) while the next page is checked in the other tab, and the wait for its network to
        # go quiet costs nothing by the time that tab is used again.
        tabs = [context.new_page(), context.new_page()]
        for index, path in enumerate(page_paths(site_dir)):
            page = tabs[index % 2]
            # Whatever the tab's previous page still loaded after its load event, before it goes.
            page.wait_for_load_state("networkidle")
            page.bring_to_front()  # a tab in the background gets no frames (see the resize below)
            page.set_viewport_size(DESKTOP)
            response = page.goto(base_url + path)
            assert response is not None and response.ok, path
            wait_for_engine_failure(page)
            policy = response.headers.get("content-security-policy", "")
            crawled = CrawledPage(path, pdf_dir / f"{index}.pdf", policy)
            crawled.refused += page.evaluate("window.__violations")
            crawled.pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
            crawled.axe["desktop"] = axe_violations(page)
            # The same page at phone width. Resized, not reloaded: Material follows the width as it
            # changes, and on every page the elements, their visibility and colours came out the same
            # as a load at 320 px (measured 2026-11-30), but for the `title` Material gives the hidden
            # header title when it loads narrow. The browser tells the page's media-query listeners
            # of the new width as it renders: two frames later they have run.
            page.set_viewport_size(PHONE)
            page.evaluate(TWO_FRAMES)
            crawled.axe["320px"] = axe_violations(page)
            crawled.refused += page.evaluate("window.__violations")
            pages.append(crawled)
        for tab in tabs:
            tab.wait_for_load_state("networkidle")
        # The search: its index and worker load when a person types (the self-check page has none).
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base_url}/")
        box = page.get_by_role("textbox", name="Zoeken").first
        box.click()
        box.press_sequentially("veilig")
        page.locator(".md-search-result__item").first.wait_for(state="attached")
        page.wait_for_load_state("networkidle")
        complaints += [f"/ (zoeken): {v}" for v in page.evaluate("window.__violations")]
    finally:
        context.close()
    return SiteCrawl(pages, requests, failed, complaints)
