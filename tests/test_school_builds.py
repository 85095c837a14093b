"""One build per school: `make build SCHOOL=… SITE_DIR=…` for two schools, and neither leaks into the other.

Each school's name and contacts must be on every page (the footer), on both posters and on the
trainer's handout, and nothing of the other school anywhere in its site: pages, search index, PDFs.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from site_src import deploy

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

SCHOOLS = {
    "zonnewijzer": """[school]
name = "Basisschool De Zonnewijzer"
[aandachtsfunctionaris]
name = "Fatima El Amrani"
phone = "030-111 22 33"
email = "f.elamrani@zonnewijzer.example"
[zorgcoordinator]
name = "Pieter Groen"
[veilig_thuis]
region = "Utrecht"
phone = "0800-2000"
""",
    "baken": """[school]
name = "Lyceum Het Baken"
[aandachtsfunctionaris]
name = "Joris Verbeek"
phone = "050-444 55 66"
email = "j.verbeek@hetbaken.example"
[zorgcoordinator]
name = "Ingrid Smit"
email = "zorg@hetbaken.example"
[veilig_thuis]
region = "Groningen"
phone = "050-999 88 77"
""",
}
# What must show for each school, and must not show in the other's site.
MARKS = {
    "zonnewijzer": ["Basisschool De Zonnewijzer", "Fatima El Amrani", "030-111 22 33",
                    "f.elamrani@zonnewijzer.example", "Pieter Groen", "Utrecht"],
    "baken": ["Lyceum Het Baken", "Joris Verbeek", "050-444 55 66", "j.verbeek@hetbaken.example",
              "Ingrid Smit", "zorg@hetbaken.example", "050-999 88 77", "Groningen"],
}
TEXT_SUFFIXES = (".html", ".json", ".xml", ".js", ".mjs", ".css", ".md")
PDFS = ("poster-a3.pdf", "poster-a2.pdf", "training/handout-casussen.pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("scholen")
    sites = {}
    # Not the school or make variables of a `make test SCHOOL=…` around this test.
    outer = ("MELDCODE_SCHOOL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    env = {k: v for k, v in os.environ.items() if k not in outer}
    for key, toml in SCHOOLS.items():
        (tmp / f"{key}.toml").write_text(toml, encoding="utf-8")
        site = tmp / f"site-{key}"
        result = subprocess.run(["make", "-s", "build", f"SCHOOL={tmp / key}.toml", f"SITE_DIR={site}"],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
        sites[key] = site
    return sites


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())  # a name may wrap onto the next line


def texts(site: Path) -> dict[str, str]:
    """Every text file of a site, and the text of every PDF."""
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in TEXT_SUFFIXES or rel in deploy.NOT_SERVED:
            found[rel] = path.read_text(encoding="utf-8")
        elif path.suffix == ".pdf":
            found[rel] = pdf_text(path)
    return found


@pytest.mark.parametrize("key", list(SCHOOLS))
def test_each_school_is_on_every_page_poster_and_handout(built: dict[str, Path], key: str) -> None:
    site = built[key]
    name, contact = MARKS[key][0], MARKS[key][1]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    missing = [p.relative_to(site).as_posix() for p in pages
               if name not in (html := p.read_text(encoding="utf-8")) or contact not in html]
    # The bench's reference page is not a page of the site (no theme, no footer).
    assert missing == ["assets/bench/referentie.html"]
    footer = (site / "zelfcheck" / "index.html").read_text(encoding="utf-8")
    assert f"Meldcode stap 5 voor {name}" in footer
    for pdf in PDFS:
        text = pdf_text(site / pdf)
        for mark in MARKS[key][:3]:
            assert mark in text, (pdf, mark)
    assert (site / deploy.HEADERS_FILE).is_file() and (site / deploy.NGINX_FILE).is_file()


@pytest.mark.parametrize("key", list(SCHOOLS))
def test_nothing_of_the_other_school_is_in_a_site(built: dict[str, Path], key: str) -> None:
    (other,) = (k for k in SCHOOLS if k != key)
    leaks = [(rel, mark) for rel, text in texts(built[key]).items() for mark in MARKS[other] if mark in text]
    assert leaks == []


def test_the_default_site_is_left_alone(built: dict[str, Path], site_dir: Path) -> None:
    """SITE_DIR sent both builds elsewhere: site/ holds neither school."""
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert not any(MARKS[key][0] in index for key in SCHOOLS)
