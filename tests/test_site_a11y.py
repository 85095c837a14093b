"""WCAG 2.1 AA: axe-core (from npm) in Debian's Chromium, plus what axe cannot see.

axe on every page, at desktop and phone width, is in test_whole_site.py (one walk through the site).
"""

from __future__ import annotations

from playwright.sync_api import Browser

from protocol import default
from tests.browser import axe_violations, new_context


def test_axe_also_passes_with_the_search_open(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        box = page.get_by_role("textbox", name="Zoeken").first
        box.click()
        box.press_sequentially("melden")
        page.locator(".md-search-result__item").first.wait_for(state="attached")
        assert page.get_by_role("dialog", name="Zoeken").count() == 1
        assert [str(v) for v in axe_violations(page)] == []
    finally:
        context.close()


def test_the_axe_check_can_fail(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        page.evaluate("() => document.documentElement.removeAttribute('lang')")
        assert "html-has-lang" in [v.id for v in axe_violations(page)]
    finally:
        context.close()


def test_pages_are_dutch_and_links_in_text_are_underlined(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(base_url + "/afweging-3/")
        assert page.locator("html").get_attribute("lang") == "nl"
        link = page.locator("article").get_by_role("link", name="Afweging 4: Hulp Aanvaarden").first
        assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
    finally:
        context.close()


def test_flowchart_links_have_names_and_tooltips(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(base_url + "/stroomschema/")
        chart = page.get_by_role("group", name="Stroomschema van stap 5")
        link = chart.get_by_role("link", name="Afweging 3 HULP", exact=True)
        assert link.count() == 1
        assert "effectieve hulp" in (link.locator("title").text_content() or "")  # the tooltip
        assert chart.get_by_role("link").count() >= len(default().nodes)
        link.click()
        assert page.url.endswith("/afweging-3/")
    finally:
        context.close()


def test_flowchart_scales_to_the_width_of_a_phone(browser: Browser, base_url: str) -> None:
    """Reflow (WCAG 1.4.10): at 320 CSS pixels the picture shrinks; nothing scrolls sideways."""
    context = new_context(browser, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(base_url + "/stroomschema/")
        chart = page.get_by_role("group", name="Stroomschema van stap 5")
        box = chart.bounding_box()
        assert box is not None and 0 < box["width"] <= 320
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
