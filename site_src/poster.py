"""Print the poster HTML to PDF with Debian's Chromium, at build time.

Chromium honours CSS `@page { size }` with `prefer_css_page_size`, which gives exact paper
sizes (A3 842x1191 pt, A2 1191x1684 pt); Graphviz's own PDF would be sized to the drawing.
"""

from __future__ import annotations

from protocol import Protocol
from protocol.render.pages import POSTERS, Build
from protocol.render.poster import PAPERS, poster_html

from .flowchart import svg
from .tools.chromium import launch


class PosterError(RuntimeError):
    """Chromium could not print the poster."""


def posters(protocol: Protocol, build_info: Build) -> dict[str, bytes]:
    """File name -> PDF bytes, for every paper size."""
    from playwright.sync_api import Error, sync_playwright

    chart = svg(protocol, href=None, label="Stroomschema")
    out: dict[str, bytes] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                page = browser.new_page()
                for key, paper in PAPERS.items():
                    page.set_content(poster_html(protocol, build_info, paper, chart))
                    out[POSTERS[key]] = page.pdf(prefer_css_page_size=True, print_background=True)
            finally:
                browser.close()
    except Error as error:
        raise PosterError(f"Chromium kon de poster niet maken ({error}). Oplossing: draai `make build`; "
                          "dat installeert Chromium (pakket chromium).") from None
    return out
