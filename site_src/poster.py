"""Print the poster HTML to PDF with Debian's Chromium, at build time, and a PNG preview of it.

Chromium honours CSS `@page { size }` with `prefer_css_page_size`, which gives exact paper
sizes (A3 842x1191 pt, A2 1191x1684 pt); Graphviz's own PDF would be sized to the drawing.
The preview is the printed A3 PDF itself turned into pixels by poppler's `pdftoppm`, so it shows
exactly what comes out of the printer.
"""

from __future__ import annotations

import shutil
import subprocess

from protocol import Protocol
from site_src.render.flowchart_page import POSTER_PREVIEW, POSTERS, PREVIEW_SIZE
from site_src.render.page_parts import Build
from site_src.render.poster import PAPERS, poster_html
from site_src.render.poster_chart import poster_graph

from .flowchart import inline, render
from .tools.chromium import launch

README_WIDTH = 1000  # pixels: the picture in the README, readable on GitHub when clicked


class PosterError(RuntimeError):
    """Chromium could not print the poster, or poppler could not make the preview."""


def posters(protocol: Protocol, build_info: Build) -> dict[str, bytes]:
    """File name -> PDF bytes for every paper size, and the PNG preview of the A3 poster."""
    from playwright.sync_api import Error, sync_playwright

    chart = inline(render(poster_graph(protocol)), "Stroomschema")
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
    out[POSTER_PREVIEW] = png(out[POSTERS["a3"]], PREVIEW_SIZE[0])
    return out


def png(pdf: bytes, width: int) -> bytes:
    """The first page of a PDF as a PNG `width` pixels wide."""
    if shutil.which("pdftoppm") is None:
        raise PosterError("pdftoppm ontbreekt. Oplossing: draai `make build`; dat installeert het pakket "
                          "poppler-utils.")
    # "-" reads the PDF from stdin; without an output name the PNG goes to stdout.
    done = subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(width), "-scale-to-y", "-1",
                           "-"], input=pdf, capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout.startswith(b"\x89PNG"):
        problem = done.stderr.decode(errors="replace")
        raise PosterError(f"pdftoppm kon geen voorbeeld van de poster maken: {problem}")
    return done.stdout


if __name__ == "__main__":
    # `python -m site_src.poster`: the picture in the README (docs/assets/stroomschema.png), made from
    # the A3 poster with the school in school.toml (the site's flowchart SVG is not needed for it).
    from datetime import date
    from pathlib import Path

    from protocol import default
    from site_src.render.school import load_school

    root = Path(__file__).resolve().parent.parent
    files = posters(default(), Build(load_school(root / "school.toml"), date.today().isoformat(), ""))
    target = root / "docs" / "assets" / "stroomschema.png"
    target.write_bytes(png(files[POSTERS["a3"]], README_WIDTH))
    print(f"geschreven: {target}")
