"""Every page prints on A4 in Chromium, and the flowchart keeps to one page (printed in the shared
walk through the site, tests/site_crawl.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from protocol import default
from protocol.graph import build
from protocol.render.dot import wrap
from tests.site_crawl import SiteCrawl
from tests.source_text import collapse

A4 = (595, 842)


def _info(pdf: Path) -> tuple[int, tuple[int, int]]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
    width, _, rest = fields["Page size"].partition(" x ")
    return int(fields["Pages"]), (round(float(width)), round(float(rest.split()[0])))


def test_flowchart_page_prints_on_one_a4_page(site_crawl: SiteCrawl) -> None:
    (pdf,) = [p.pdf for p in site_crawl.pages if p.path == "/stroomschema/"]
    pages, size = _info(pdf)
    assert size == A4
    assert pages == 1, f"het stroomschema print op {pages} bladzijden"
    text = collapse(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout)
    missing = [n.label for n in build(default()).nodes if collapse(wrap(n.label)) not in text]
    assert not missing, "niet alles van het schema staat op de bladzijde"


def test_every_page_prints_on_a4_without_menus(site_crawl: SiteCrawl) -> None:
    """Every page printed in the shared walk (tests/site_crawl.py)."""
    wrong = []
    assert len(site_crawl.pages) > 10
    for crawled in site_crawl.pages:
        pages, size = _info(crawled.pdf)
        first = subprocess.run(["pdftotext", "-l", "1", str(crawled.pdf), "-"], capture_output=True,
                               text=True, check=True).stdout
        if size != A4 or "Inhoudsopgave" in first or "Zoeken" in first:
            wrong.append(f"{crawled.path}: {size}, {pages} bladzijden")
    assert not wrong
