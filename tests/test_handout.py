"""The trainer's handout in the built site: an A4 PDF, all cases on the first page, the key after it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import protocol
from protocol import cases
from protocol.render import training

BOOK = cases.default()
# A4 is 210 x 297 mm = 595.28 x 841.89 pt; Chromium rounds to whole device pixels.
A4_PT = (595.28, 841.89)


@pytest.fixture(scope="module")
def handout(site_dir: Path) -> Path:
    path = site_dir / training.HANDOUT
    assert path.is_file(), f"{training.HANDOUT} ontbreekt in de gebouwde site (`make build` maakt hem)"
    return path


def _text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    done = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())  # lines wrap anywhere: compare on single spaces


def _pages(pdf: Path) -> list[tuple[float, float]]:
    done = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", done.stdout)
    return [(float(w), float(h)) for w, h in sizes]


def test_every_page_is_a4_portrait(handout: Path) -> None:
    pages = _pages(handout)
    assert len(pages) >= 2
    for width, height in pages:
        assert abs(width - A4_PT[0]) < 1.5 and abs(height - A4_PT[1]) < 1.5


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_every_case_title_is_on_the_first_page(handout: Path, case: cases.Case) -> None:
    assert case.title in _text(handout, 1, 1)


def test_the_answer_key_starts_on_a_page_of_its_own(handout: Path) -> None:
    first = _text(handout, 1, 1)
    rest = _text(handout, 2)
    assert "Antwoordsleutel" not in first
    assert rest.startswith("Antwoordsleutel")


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_the_key_quotes_the_expected_answers(handout: Path, case: cases.Case) -> None:
    key = _text(handout, 2)
    number = BOOK.cases.index(case) + 1
    assert f"Antwoorden casus {number}: {case.title}" in key
    p = protocol.default()
    for _, step in case.turns:
        source = p.question(step.question).answer(step.answer).source  # type: ignore[union-attr]
        assert " ".join(source.split()) in key
