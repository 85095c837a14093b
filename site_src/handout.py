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


def handout_pdf(school: School) -> bytes:
    """The handout of the package's own cases and protocol (read fresh from disk), for this school."""
    from protocol import cases, default_path, load
    from site_src.render.training_handout import handout_html

    protocol = load(default_path())
    return pdf(handout_html(protocol, cases.load(protocol, cases.default_path()), school))


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "handout-casussen.pdf")
    from site_src.render.school import load_school
    from site_src.school_file import school_file

    target.write_bytes(handout_pdf(load_school(school_file())))
    print(target)
