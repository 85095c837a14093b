"""The posters: exact paper sizes, one page, and every text a printed copy needs, as real text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from protocol import default
from protocol.graph import build
from protocol.render.dot import wrap
from protocol.render.school import load_school
from tests.source_text import collapse

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"poster-a3.pdf": (842, 1191), "poster-a2.pdf": (1191, 1684)}


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return collapse(out.stdout)


def page_size(info: dict[str, str]) -> tuple[int, int]:
    width, _, rest = info["Page size"].partition(" x ")
    return round(float(width)), round(float(rest.split()[0]))


@pytest.mark.parametrize("name", sorted(SIZES))
def test_poster_has_the_exact_paper_size_and_one_page(site_dir: Path, name: str) -> None:
    info = pdf_info(site_dir / name)
    assert info["Pages"] == "1"
    assert page_size(info) == SIZES[name], "staand, precies A3 of A2"


@pytest.mark.parametrize("name", sorted(SIZES))
def test_poster_text_can_be_extracted(site_dir: Path, name: str) -> None:
    """pdftotext finds every node, the footnotes, the rule, the numbers and the check code.

    A shape's text is drawn in lines (protocol.render.dot.wrap); pdftotext reads them in order and
    line breaks become a space, so texts are compared with whitespace collapsed.
    """
    text = pdf_text(site_dir / name)
    protocol = default()
    school = load_school(ROOT / "school.toml")
    wanted = [collapse(wrap(n.label)) for n in build(protocol).nodes]
    wanted += [collapse(f"{f.mark} {f.text}") for f in protocol.footnotes]
    wanted += [collapse(protocol.section("belangrijk").items[0]), "Belangrijk:",
               "0800-2000", protocol.version, protocol.short_hash, school.name]
    wanted += [c.name for c in school.contacts]
    missing = [w for w in wanted if w not in text]
    assert not missing, f"niet in {name}: {missing}"


def test_poster_shows_the_build_date(site_dir: Path) -> None:
    colofon = (site_dir / "colofon" / "index.html").read_text(encoding="utf-8")
    text = pdf_text(site_dir / "poster-a3.pdf")
    date = text.split("gebouwd op ")[1].split()[0]
    assert len(date) == 10 and date in colofon
