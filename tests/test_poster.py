"""The posters: exact paper sizes, one page, every text a printed copy needs, and wall typography.

Expectations come from the protocol data and school.toml, never from today's ids: when the data
gains a step, a loop or a deadline, these tests ask for it on the poster too.
"""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from protocol import default
from site_src.render.dot import CLUSTER_FILLS
from site_src.render.flowchart_page import POSTER_PREVIEW, PREVIEW_SIZE
from site_src.render.graph import build
from site_src.render.poster import EMERGENCY, MIN_PT, PAPERS
from site_src.render.poster_chart import STYLES, TEXT_COLOUR, WORDS_NOTE, deadline_text
from site_src.render.school import NATIONAL_PHONE, load_school
from tests.source_text import collapse

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"poster-a3.pdf": (842, 1191), "poster-a2.pdf": (1191, 1684)}
FILES = {"poster-a3.pdf": PAPERS["a3"], "poster-a2.pdf": PAPERS["a2"]}
# pdftotext draws a word's box from the font's ascent to its descent: for DejaVu Sans (the only
# font on the poster) that is 1.164 em, measured on the 30 pt title (box 34.92 pt high).
BOX_PER_PT = 1.164
# Boxes may share 3% of a line: the box reserves room for accents on capitals, and Graphviz sets
# plain lines 1.14 em apart, where the ink of two lines cannot touch.
TOLERANCE = 0.03


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return collapse(out.stdout)


def page_size(info: dict[str, str]) -> tuple[int, int]:
    width, _, rest = info["Page size"].partition(" x ")
    return round(float(width)), round(float(rest.split()[0]))


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def size(self) -> float:
        """The font size in points."""
        return (self.y1 - self.y0) / BOX_PER_PT

    def overlaps(self, other: Word) -> bool:
        allowed = TOLERANCE * min(self.size, other.size)
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > allowed
                and min(self.y1, other.y1) - max(self.y0, other.y0) > allowed)


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def word_boxes(path: Path) -> tuple[tuple[float, float], list[Word]]:
    """The page size and every word with its box, as `pdftotext -bbox` reads them."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    page = _PAGE.search(out)
    assert page, "pdftotext -bbox gaf geen pagina"
    words = [Word(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(out)]
    return (float(page.group(1)), float(page.group(2))), words


def typography_problems(page: tuple[float, float], words: list[Word], min_pt: float,
                        margin_pt: float) -> list[str]:
    """Text smaller than `min_pt`, words whose boxes overlap, words outside the printed area.

    Each kind is listed with its count and at most five examples, so one kind cannot hide another.
    """
    width, height = page
    kinds = {
        "te klein": [f"{w.text!r} is {w.size:.2f} pt (minimaal {min_pt:.2f})" for w in words
                     if w.size < min_pt - 0.05],
        "overlap": [f"{a.text!r} en {b.text!r} overlappen bij ({a.x0:.0f}, {a.y0:.0f})"
                    for a, b in combinations(words, 2) if a.overlaps(b)],
        "afgesneden": [f"{w.text!r} valt buiten de bedrukte ruimte bij ({w.x0:.0f}, {w.y0:.0f})"
                       for w in words if w.x0 < margin_pt - 1 or w.y0 < margin_pt - 1
                       or w.x1 > width - margin_pt + 1 or w.y1 > height - margin_pt + 1],
    }
    return [f"{kind} ({len(found)}x): " + "; ".join(found[:5]) for kind, found in kinds.items() if found]


@pytest.mark.parametrize("name", sorted(SIZES))
def test_poster_has_the_exact_paper_size_and_one_page(site_dir: Path, name: str) -> None:
    info = pdf_info(site_dir / name)
    assert info["Pages"] == "1"
    assert page_size(info) == SIZES[name], "staand, precies A3 of A2"


@pytest.mark.parametrize("name", sorted(SIZES))
def test_poster_chart_has_every_question_answer_step_deadline_and_loop(site_dir: Path, name: str) -> None:
    """The chart carries the protocol's words, not only titles: a colleague can work through it.

    A shape's text is drawn in lines; pdftotext reads them in order and a line break becomes a
    space, so texts are compared with whitespace collapsed.
    """
    text = pdf_text(site_dir / name)
    protocol = default()
    graph = build(protocol)
    wanted = [collapse(q.text) for q in protocol.questions]
    wanted += [collapse(n.label) for n in graph.nodes]
    wanted += [collapse(paragraph) for n in graph.nodes for paragraph in n.text]
    wanted += [collapse(deadline_text(protocol.deadline(d))) for n in graph.nodes for d in n.deadlines]
    missing = [w for w in wanted if w not in text]
    assert not missing, f"niet in {name}: {missing}"


@pytest.mark.parametrize("name", sorted(SIZES))
def test_every_answer_label_is_on_an_arrow(site_dir: Path, name: str) -> None:
    """Each answer ("JA", "NEE", "twijfel") appears as often as arrows carry it."""
    _, words = word_boxes(site_dir / name)
    protocol = default()
    labels = [e.label for e in build(protocol).edges if e.label]
    assert {a.label for q in protocol.questions for a in q.answers} <= {
        part for label in labels for part in label.split(" / ")}
    found = [w.text for w in words]
    for word in {part for label in labels for part in label.split()}:
        expected = sum(label.split().count(word) for label in labels)
        assert found.count(word) >= expected, f"'{word}' staat {found.count(word)} keer op {name}, " \
                                              f"verwacht {expected}"


@pytest.mark.parametrize("name", sorted(SIZES))
def test_footnote_marks_are_in_the_chart_and_explained(site_dir: Path, name: str) -> None:
    text = pdf_text(site_dir / name)
    protocol = default()
    graph = build(protocol)
    for footnote in protocol.footnotes:
        in_chart = [p for n in graph.nodes for p in n.text if footnote.mark in p]
        assert in_chart, f"geen tekst in het schema draagt {footnote.mark}"
        assert all(collapse(p) in text for p in in_chart)
        # Once per text in the chart, and once before the footnote itself.
        assert text.count(footnote.mark) >= len(in_chart) + 1
        assert collapse(f"{footnote.mark} {footnote.text}") in text


@pytest.mark.parametrize("name", sorted(SIZES))
def test_poster_panel_has_numbers_contacts_rule_and_check_code(site_dir: Path, name: str) -> None:
    text = pdf_text(site_dir / name)
    protocol = default()
    school = load_school(ROOT / "school.toml")
    wanted = [*EMERGENCY, NATIONAL_PHONE, school.veilig_thuis.phone, school.name,
              collapse(protocol.section("belangrijk").items[0]), "Belangrijk:",
              protocol.version, protocol.short_hash, WORDS_NOTE]
    wanted += [x for c in school.contacts for x in (c.name, c.phone, c.email) if x]
    missing = [w for w in wanted if w not in text]
    assert not missing, f"niet in {name}: {missing}"
    assert "112" in text.split()


@pytest.mark.parametrize("name", sorted(SIZES))
def test_poster_text_is_large_enough_and_never_overlaps(site_dir: Path, name: str) -> None:
    """Nothing under 9 pt on A3 (12.7 pt on A2), no two words on top of each other, nothing cut off."""
    paper = FILES[name]
    page, words = word_boxes(site_dir / name)
    assert len(words) > 300, "te weinig woorden: is de poster leeg?"
    margin = paper.scale * 9 * 72 / 25.4  # the @page margin of 9 mm at A3
    problems = typography_problems(page, words, MIN_PT * paper.scale, margin)
    assert not problems, f"{name}: " + " | ".join(problems)


def test_poster_headings_read_from_two_metres(site_dir: Path) -> None:
    """Title and phone numbers are large (about 8 mm capitals at 30 pt); afwegingen stand out."""
    _, words = word_boxes(site_dir / "poster-a3.pdf")
    protocol = default()
    assert max(w.size for w in words if w.text == protocol.title.split()[0]) >= 28
    for number in ("112", NATIONAL_PHONE):
        assert max(w.size for w in words if w.text == number) >= 24, number
    body = min(w.size for w in words)
    headings = [w for w, after in pairwise(words)
                if w.text == "Afweging" and re.fullmatch(r"\d+:", after.text)]
    assert len(headings) >= len(protocol.questions)
    assert all(w.size > body * 1.15 for w in headings), "de kop van een afweging is groter dan de tekst"


def test_typography_check_finds_small_overlapping_and_clipped_text() -> None:
    """The check above can fail: it sees a small word, two words on top of each other, a cut word."""
    page = (842.0, 1191.0)
    fine = Word(40, 40, 80, 40 + 10 * BOX_PER_PT, "goed")
    small = Word(100, 40, 130, 40 + 8 * BOX_PER_PT, "klein")
    over = Word(60, 45, 90, 45 + 10 * BOX_PER_PT, "erover")
    cut = Word(830, 100, 860, 100 + 10 * BOX_PER_PT, "afgesneden")
    assert typography_problems(page, [fine], 9, 25) == []
    problems = typography_problems(page, [fine, small, over, cut], 9, 25)
    assert any("'klein' is 8.00 pt" in p for p in problems)
    assert any("'goed' en 'erover' overlappen" in p for p in problems)
    assert any("'afgesneden' valt buiten" in p for p in problems)


def _grey(colour: str) -> float:
    """The relative luminance of a colour after a black-and-white printer turns it grey."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    level = (0.299 * r + 0.587 * g + 0.114 * b) / 255
    return level / 12.92 if level <= 0.04045 else ((level + 0.055) / 1.055) ** 2.4


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_grey(a), _grey(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_poster_colours_keep_their_contrast_in_greyscale() -> None:
    """Text stays AAA-dark on every fill and every border stays visible (3:1) on white and on the
    phase backgrounds, after the colours are converted to grey."""
    backgrounds = ("#ffffff", *CLUSTER_FILLS)
    for shape, style in STYLES.items():
        assert _contrast(TEXT_COLOUR, style.fill) >= 7, shape
        for background in backgrounds:
            assert _contrast(style.border, background) >= 3, (shape, background)


def test_greyscale_contrast_check_can_fail() -> None:
    assert _contrast("#777777", "#ffffff") < 4.5
    assert _contrast("#ff0000", "#00a000") < 3, "rood en groen worden bijna hetzelfde grijs"


def test_poster_preview_is_on_the_flowchart_page(site_dir: Path) -> None:
    raw = (site_dir / POSTER_PREVIEW).read_bytes()
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", raw[16:24]) == PREVIEW_SIZE
    html = (site_dir / "stroomschema" / "index.html").read_text(encoding="utf-8")
    img = re.search(rf'<img src="\.\./{re.escape(POSTER_PREVIEW)}" alt="([^"]+)" '
                    r'width="(\d+)" height="(\d+)"', html)
    assert img, "het voorbeeld van de poster staat niet op /stroomschema/"
    alt = img.group(1)
    assert "poster" in alt and "112" in alt and NATIONAL_PHONE in alt
    assert (int(img.group(2)), int(img.group(3))) == PREVIEW_SIZE
    section = html[html.index('class="poster-voorbeeld"'):img.end()]
    assert 'href="../poster-a3.pdf"' in section and 'href="../poster-a2.pdf"' in section


def test_poster_preview_fits_a_phone(browser: object, base_url: str) -> None:
    """At 320 px the picture shrinks to the column and the page does not scroll sideways."""
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(base_url + "/stroomschema/")
        image = page.get_by_role("img", name=re.compile("Voorbeeld van de poster"))
        image.scroll_into_view_if_needed()
        box = image.bounding_box()
        assert box is not None and box["width"] > 100 and box["x"] >= 0 and box["x"] + box["width"] <= 320
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # Loaded lazily: wait for the state (a decoded picture), not for time.
        expect(image).to_have_js_property("naturalWidth", PREVIEW_SIZE[0])
    finally:
        page.close()


def test_poster_shows_the_build_date(site_dir: Path) -> None:
    colofon = (site_dir / "colofon" / "index.html").read_text(encoding="utf-8")
    text = pdf_text(site_dir / "poster-a3.pdf")
    date = text.split("gebouwd op ")[1].split()[0]
    assert len(date) == 10 and date in colofon
