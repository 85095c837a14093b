"""Every page of the built site, from one walk through it in Chromium (tests/site_crawl.py), served by
nginx with the deploy headers: no axe-core violations at desktop and phone width, no request to
another origin, nothing refused by the pages' policies, and each page printed on A4 (the flowchart
on one page).

All checks on every page are in this one file, so `make test`'s workers (pytest-xdist, --dist
loadfile) walk the site once.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from protocol import default
from site_src.render.dot import wrap
from site_src.render.graph import build
from tests.site_crawl import SiteCrawl, crawl
from tests.source_text import collapse

from .nginx_server import Nginx, nginx_fixture  # noqa: F401  (the fixture `nginx`)

A4 = (595, 842)
# About half a minute for the walk (tests/conftest.py starts slow files first).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site_crawl(browser: Any, nginx: Nginx, site_dir: Path,
               tmp_path_factory: pytest.TempPathFactory) -> SiteCrawl:
    """Every page visited once, as nginx serves it (the intranet server: plain http on 127.0.0.1):
    axe results at both widths, every request, what the policies refused, an A4 print of each."""
    return crawl(browser, nginx.plain, site_dir, tmp_path_factory.mktemp("crawl"))


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


# A phone (320 px) gets Material's navigation drawer, with landmarks the desktop layout does not have.
@pytest.mark.parametrize("width", ["desktop", "320px"])
def test_axe_finds_no_violations_on_any_page(site_crawl: SiteCrawl, width: str) -> None:
    assert len(site_crawl.pages) > 10
    faults = [f"{p.path}: {v}" for p in site_crawl.pages for v in p.axe[width]]
    assert not faults, "\n".join(faults)


def test_every_page_has_the_header_policy_and_nothing_is_refused(site_crawl: SiteCrawl) -> None:
    """The deploy headers' policy on every page (site_src/deploy.py) and, on the pages with the engine
    (the self-check, the case pages), their own stricter <meta> policy next to it: neither refuses
    anything the site does, search included. The engine running under them: tests/test_nginx_browser.py."""
    assert len(site_crawl.pages) > 30
    wrong = [p.path for p in site_crawl.pages if not p.policy.startswith("default-src 'none'")]
    assert not wrong, f"zonder de policy uit de headers: {wrong}"
    refused = [f"{p.path}: {r}" for p in site_crawl.pages for r in p.refused]
    assert not refused, "\n".join(refused)
    assert site_crawl.complaints == []


def test_pages_in_the_browser_request_only_our_own_origin(site_crawl: SiteCrawl, nginx: Nginx) -> None:
    """Every page visited (and the search used) in the walk; every request the pages made."""
    assert len(site_crawl.pages) > 10
    base_url = nginx.plain
    own = (base_url, "data:", "blob:")
    foreign = [u for u in site_crawl.requests if not u.startswith(own)]
    assert not foreign, f"verzoeken naar een andere website: {sorted(set(foreign))}"
    # The walk saw the pages' own loads, the search index and the engine's first files (routed away
    # there; the engine's later requests are checked in test_zelfcheck.py and test_training_browser.py).
    assert f"{base_url}/search/search_index.json" in site_crawl.requests
    assert any(u.endswith("/assets/pyodide/pyodide.mjs") for u in site_crawl.failed)
