"""Nothing leaves the device: the built site loads nothing from another origin.

Links a person clicks to leave the site are allowed only when listed in site_src/links.py. What the
pages request in the browser is checked in test_whole_site.py (one walk through the site).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from site_src.links import EXTERNAL_LINKS, LOCAL_SCHEMES

# Attributes through which a page loads something by itself (not by a click).
LOADS = {"src", "srcset", "data", "poster", "background", "action", "formaction"}
FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", re.I)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.clicks: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in LOADS:
                self.loads += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in ("href", "xlink:href"):
                (self.clicks if tag == "a" else self.loads).append(value)
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def test_built_html_and_css_load_nothing_from_another_origin(site_dir: Path) -> None:
    bad: list[str] = []
    pages = sorted(site_dir.rglob("*.html"))
    assert pages
    for page in pages:
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        loads = refs.loads + [u for css in refs.styles for u in _css_urls(css)]
        bad += [f"{page.relative_to(site_dir)}: {u}" for u in loads if FOREIGN.match(u)]
    for sheet in sorted(site_dir.rglob("*.css")):
        urls = _css_urls(sheet.read_text(encoding="utf-8"))
        bad += [f"{sheet.relative_to(site_dir)}: {u}" for u in urls if FOREIGN.match(u)]
    assert not bad, "laadt iets van een andere website"


def test_links_that_leave_the_site_are_listed_in_one_place(site_dir: Path) -> None:
    unlisted: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        for href in refs.clicks:
            if FOREIGN.match(href) and href not in EXTERNAL_LINKS:
                unlisted.add(f"{page.relative_to(site_dir)}: {href}")
            if ":" in href.split("/")[0] and not href.startswith(LOCAL_SCHEMES) and not FOREIGN.match(href):
                unlisted.add(f"{page.relative_to(site_dir)}: {href}")  # javascript:, data:, ...
    assert not unlisted, "zet een link naar buiten in site_src/links.py, of haal hem weg"


def test_the_static_check_notices_a_foreign_load() -> None:
    refs = _Refs()
    refs.feed('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img src="//cdn.x/y.png">'
              '<div style="background: url(https://a.b/c.png)"></div><a href="https://example.org/">x</a>')
    loads = refs.loads + [u for css in refs.styles for u in _css_urls(css)]
    assert len([u for u in loads if FOREIGN.match(u)]) == 3
    assert refs.clicks == ["https://example.org/"]
