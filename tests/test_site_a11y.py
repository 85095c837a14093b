"""WCAG 2.1 AA on every page: axe-core (from npm) in Debian's Chromium, plus what axe cannot see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from protocol import default

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _pages(site_dir: Path) -> list[str]:
    found = [p.parent.relative_to(site_dir).as_posix() for p in sorted(site_dir.rglob("index.html"))]
    return [f"/{p}/".replace("/./", "/") for p in found]


def _axe(page: Any) -> list[dict[str, Any]]:
    # Evaluated, not a <script> tag: the pages' Content-Security-Policy blocks inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate("() => axe.run(document)")
    return list(result["violations"])


# A phone (320 px) gets Material's navigation drawer, with landmarks the desktop layout does not have.
@pytest.mark.parametrize("width", [1280, 320], ids=["desktop", "320px"])
def test_axe_finds_no_violations_on_any_page(browser: Browser, base_url: str, site_dir: Path,
                                             width: int) -> None:
    assert AXE.is_file(), "axe-core ontbreekt: draai `make test` (dat doet npm ci)"
    paths = _pages(site_dir)
    assert len(paths) > 10
    faults: list[str] = []
    page = browser.new_page(viewport={"width": width, "height": 720})
    try:
        for path in paths:
            page.goto(base_url + path)
            faults += [f"{path}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}" for v in _axe(page)]
    finally:
        page.close()
    assert not faults, "\n".join(faults)


def test_axe_also_passes_with_the_search_open(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "/")
        box = page.get_by_role("textbox", name="Zoeken").first
        box.click()
        box.press_sequentially("melden")
        page.locator(".md-search-result__item").first.wait_for(state="attached")
        assert page.get_by_role("dialog", name="Zoeken").count() == 1
        assert [v["id"] for v in _axe(page)] == []
    finally:
        page.close()


def test_the_axe_check_can_fail(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "/")
        page.evaluate("() => document.documentElement.removeAttribute('lang')")
        assert "html-has-lang" in [v["id"] for v in _axe(page)]
    finally:
        page.close()


def test_pages_are_dutch_and_links_in_text_are_underlined(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "/afweging-3/")
        assert page.locator("html").get_attribute("lang") == "nl"
        link = page.locator("article").get_by_role("link", name="Afweging 4: Hulp Aanvaarden").first
        assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
    finally:
        page.close()


def test_flowchart_links_have_names_and_tooltips(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "/stroomschema/")
        chart = page.get_by_role("group", name="Stroomschema van stap 5")
        link = chart.get_by_role("link", name="Afweging 3 HULP", exact=True)
        assert link.count() == 1
        assert "effectieve hulp" in (link.locator("title").text_content() or "")  # the tooltip
        assert chart.get_by_role("link").count() >= len(default().nodes)
        link.click()
        assert page.url.endswith("/afweging-3/")
    finally:
        page.close()


def test_flowchart_scales_to_the_width_of_a_phone(browser: Browser, base_url: str) -> None:
    """Reflow (WCAG 1.4.10): at 320 CSS pixels the picture shrinks; nothing scrolls sideways."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(base_url + "/stroomschema/")
        chart = page.get_by_role("group", name="Stroomschema van stap 5")
        box = chart.bounding_box()
        assert box is not None and 0 < box["width"] <= 320
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        page.close()
