"""Every page prints on A4 in Chromium, and the flowchart keeps to one page."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Browser

from protocol import default
from protocol.graph import build
from protocol.render.dot import wrap
from tests.source_text import collapse

A4 = (595, 842)


def _info(pdf: Path) -> tuple[int, tuple[int, int]]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
    width, _, rest = fields["Page size"].partition(" x ")
    return int(fields["Pages"]), (round(float(width)), round(float(rest.split()[0])))


def _print(browser: Browser, url: str, pdf: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(url)
        pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    finally:
        page.close()


def test_flowchart_page_prints_on_one_a4_page(browser: Browser, base_url: str, tmp_path: Path) -> None:
    pdf = tmp_path / "stroomschema.pdf"
    _print(browser, f"{base_url}/stroomschema/", pdf)
    pages, size = _info(pdf)
    assert size == A4
    assert pages == 1, f"het stroomschema print op {pages} bladzijden"
    text = collapse(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout)
    missing = [n.label for n in build(default()).nodes if collapse(wrap(n.label)) not in text]
    assert not missing, "niet alles van het schema staat op de bladzijde"


def test_every_page_prints_on_a4_without_menus(browser: Browser, base_url: str, site_dir: Path,
                                               tmp_path: Path) -> None:
    wrong = []
    paths = sorted(site_dir.rglob("index.html"))
    assert len(paths) > 10
    for index, path in enumerate(paths):
        rel = path.parent.relative_to(site_dir).as_posix()
        url = f"{base_url}/{rel}/".replace("/./", "/")
        pdf = tmp_path / f"{index}.pdf"
        _print(browser, url, pdf)
        pages, size = _info(pdf)
        first = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        if size != A4 or "Inhoudsopgave" in first or "Zoeken" in first:
            wrong.append(f"{rel}: {size}, {pages} bladzijden")
    assert not wrong
