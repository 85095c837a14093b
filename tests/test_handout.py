"""The trainer's handout in the built site: an A4 PDF, all cases on the first page without their
answers, then our explanation for trainers, then the key, each starting on a page of its own."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import protocol
from protocol import cases
from site_src.render import training
from site_src.render.trainer import TRAINER_TITLE

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


def _key_page(pdf: Path) -> int:
    """The number of the page where the answer key starts."""
    for number in range(1, len(_pages(pdf)) + 1):
        if _text(pdf, number, number).startswith("Antwoordsleutel"):
            return number
    raise AssertionError("de antwoordsleutel begint niet bovenaan een pagina")


def test_cases_come_first_without_their_answers(handout: Path) -> None:
    first = _text(handout, 1, 1)
    assert "Antwoordsleutel" not in first
    for case in BOOK.cases:
        assert " ".join(case.focus.split()) not in first, case.id
        for step in case.steps:
            assert " ".join(step.why.split())[:80] not in first, case.id


def test_trainer_explanation_then_the_key_each_on_pages_of_their_own(handout: Path) -> None:
    second = _text(handout, 2, 2)
    assert second.startswith(TRAINER_TITLE)
    trainer = _text(handout, 2, _key_page(handout) - 1)
    assert "Toelichting (onze uitleg, geen tekst van de meldcode)".upper() in trainer.upper()
    for source in ("afwegingskader", "interventieacademie.nl"):
        assert source in trainer
    assert _key_page(handout) > 2


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_the_key_quotes_the_expected_answers(handout: Path, case: cases.Case) -> None:
    key = _text(handout, _key_page(handout))
    number = BOOK.cases.index(case) + 1
    assert f"Antwoorden casus {number}: {case.title}" in key
    assert " ".join(case.focus.split()) in key
    p = protocol.default()
    for step in case.steps:
        source = p.question(step.question).answer(step.answer).source  # type: ignore[union-attr]
        assert " ".join(source.split()) in key
