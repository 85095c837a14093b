"""Print the trainer's handout (HTML from site_src/render/training_handout.py) to an A4 PDF with Chromium.

Chromium honours `@page { size: A4 }` exactly; Graphviz or a Markdown-to-PDF tool would not. The
PDF is tagged (headings and paragraphs for screen readers) and has an outline per heading.

    python -m site_src.handout /tmp/handout.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from protocol import Protocol
    from protocol.cases import Casebook
    from site_src.render.school import School

from .tools.chromium import CHROMIUM, launch


class HandoutError(RuntimeError):
    """Chromium or Playwright is missing, or printing failed."""


def pdf(html: str) -> bytes:
    """The HTML document printed on A4 pages."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise HandoutError("Playwright ontbreekt. Oplossing: draai `make build`; dat installeert "
                           "de ontwikkelpakketten (pyproject.toml, extra 'dev').") from None
    if not Path(CHROMIUM).exists():
        raise HandoutError(f"Chromium ontbreekt ({CHROMIUM}). Oplossing: draai `make build`; dat "
                           "installeert het pakket chromium.")
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                page = browser.new_page()
                page.set_content(html, wait_until="load")
                return page.pdf(format="A4", prefer_css_page_size=True, print_background=True,
                                tagged=True, outline=True)
            finally:
                browser.close()
    except Error as error:
        raise HandoutError(f"de hand-out kon niet als pdf worden gemaakt: {error.message}") from None


def handout_pdf(protocol: Protocol, book: Casebook, school: School) -> bytes:
    """The handout of these cases and this protocol (the build's, read once per run), for this school."""
    from site_src.render.training_handout import handout_html

    return pdf(handout_html(protocol, book, school))


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "handout-casussen.pdf")
    from site_src.build import read

    site = read()
    target.write_bytes(handout_pdf(site.protocol, site.book, site.school))
    print(target)
