"""The training pages as built: one page per case with its answer key behind <details>, the quiz,
the menu, and each case readable without JavaScript."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, expect

import protocol
from protocol import cases, quiz
from protocol.render import training
from tests.browser import new_context

P = protocol.default()
BOOK = cases.default()


def _page(site_dir: Path, path: str) -> str:
    file = site_dir / path / "index.html"
    assert file.is_file(), f"/{path} ontbreekt"
    return file.read_text(encoding="utf-8")


def _details(page: str) -> str:
    found = re.search(r'<details class="training-answer-key">(.*?)</details>', page, re.S)
    assert found, "de antwoordsleutel staat niet achter <details>"
    return html.unescape(found.group(1))


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_case_page_has_story_and_answer_key_with_protocol_quotes(site_dir: Path, case: cases.Case) -> None:
    page = _page(site_dir, training.case_path(case))
    text = html.unescape(page)
    assert case.title in text
    for paragraph in case.rounds[0].story:
        assert paragraph in text
    key = _details(page)
    for _, step in case.turns:
        question = P.question(step.question)
        answer = question.answer(step.answer)
        assert answer is not None
        assert question.text in key
        assert answer.source in key
        assert step.why in key
    for paragraph in P.outcome(case.outcome).text:
        assert paragraph in key
    for section in cases.highlighted_sections(P, case):
        for item in section.items:
            assert item in key


def _links(site_dir: Path, path: str) -> set[str]:
    """Every link of a page, resolved to a path in the site; each must exist."""
    page = _page(site_dir, path)
    found = set()
    for href in re.findall(r'href="([^"#:]+)"', page):
        target = urljoin(f"/{path}", href).lstrip("/")
        file = site_dir / target / "index.html" if target.endswith("/") or not target else site_dir / target
        assert file.is_file(), f"/{path} linkt naar {href}, maar /{target} bestaat niet"
        found.add(target)
    return found


def test_index_links_every_case_the_quiz_and_the_handout(site_dir: Path) -> None:
    links = _links(site_dir, training.ROOT)
    assert {training.case_path(c) for c in BOOK.cases} <= links
    assert {training.QUIZ, training.HANDOUT} <= links


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_case_page_links_resolve(site_dir: Path, case: cases.Case) -> None:
    links = _links(site_dir, training.case_path(case))
    assert training.ROOT in links
    assert {f"{n.id}/" for n in P.questions} <= links, "het stroomschema linkt naar de afwegingen"


def test_training_is_in_the_menu_with_its_pages(site_dir: Path) -> None:
    links = _links(site_dir, "")  # the home page's menu holds every page, nested ones too
    assert {training.ROOT, training.QUIZ, *(training.case_path(c) for c in BOOK.cases)} <= links


def test_quiz_page_has_every_item_with_its_answer(site_dir: Path) -> None:
    page = html.unescape(_page(site_dir, training.QUIZ))
    for item in quiz.items(P):
        assert item.prompt in page
        for option in item.options:
            assert option.label in page
        assert re.search(rf'id="vraag-{item.id}" data-correct="{" ".join(item.correct)}"', page)
        for q in item.quotes:
            assert q.text in page


def test_pages_store_nothing_and_load_nothing_from_elsewhere(site_dir: Path) -> None:
    script = (site_dir / training.ASSETS / "training.js").read_text(encoding="utf-8")
    for forbidden in ("localStorage", "sessionStorage", "document.cookie", "indexedDB", "fetch(",
                      "innerHTML"):
        assert forbidden not in script
    for path in [training.ROOT, training.QUIZ, *(training.case_path(c) for c in BOOK.cases)]:
        assert not re.search(r'(src|href)="https?://(?!127\.0\.0\.1)', _page(site_dir, path))


@pytest.mark.parametrize("case", [BOOK.cases[0], BOOK.case("nieuwe-signalen-na-afsluiten")],
                         ids=lambda c: c.id)
def test_without_javascript_a_case_reads_as_a_page_with_its_key(browser: Browser, base_url: str,
                                                                 case: cases.Case) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{training.case_path(case)}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.title)
    expect(page.get_by_text(case.rounds[0].story[0])).to_be_visible()
    expect(page.get_by_text(training.NOJS)).to_be_visible()
    first = P.question(case.turns[0][1].question)
    key = page.locator("details.training-answer-key")
    expect(key.get_by_text(first.text).first).to_be_hidden()
    page.get_by_text("Toon de antwoordsleutel").click()
    expect(key.get_by_text(first.text).first).to_be_visible()
    expect(key.get_by_text(case.turns[0][1].why)).to_be_visible()
    context.close()


def test_without_javascript_the_quiz_shows_answers_behind_details(browser: Browser, base_url: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{training.QUIZ}")
    item = quiz.items(P)[0]
    expect(page.get_by_role("group", name=re.compile(re.escape(item.prompt[:40])))).to_be_visible()
    expect(page.get_by_role("button", name="Bekijk je score")).to_be_hidden()
    page.get_by_text("Antwoord en uitleg bij vraag 1", exact=True).click()
    expect(page.get_by_text(item.explanation)).to_be_visible()
    context.close()


def test_every_text_the_script_uses_is_handed_to_it_by_the_page() -> None:
    """training.js holds no words of its own; a key it asks for that the page lacks would show 'undefined'."""

    from protocol.render.training import UI_TEXTS

    script = (Path(__file__).resolve().parent.parent / "site_src" / "training" / "training.js").read_text(
        encoding="utf-8")
    used = set(re.findall(r"\bUI\.(\w+)", script))
    assert used and used <= set(UI_TEXTS), sorted(used - set(UI_TEXTS))
