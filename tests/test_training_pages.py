"""The training pages as built: one page per case with its answer key behind a closed <details> and
no answer anywhere else on the page, the quiz, the trainer's page, the menu, and each case readable
without JavaScript."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, expect

import protocol
from protocol import cases, present, signals
from site_src.render import quiz, training
from tests.browser import new_context

P = protocol.default()
BOOK = cases.default()
PAGES = [training.ROOT, training.QUIZ, training.TRAINER, *(training.case_path(c) for c in BOOK.cases)]


def _page(site_dir: Path, path: str) -> str:
    file = site_dir / path / "index.html"
    assert file.is_file(), f"/{path} ontbreekt"
    return file.read_text(encoding="utf-8")


def _details(page: str) -> str:
    found = re.search(r'<details class="training-answer-key"[^>]*>(.*?)</details>', page, re.S)
    assert found, "de antwoordsleutel staat niet achter <details>"
    return html.unescape(found.group(1))


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_case_page_has_story_and_answer_key_with_protocol_quotes(site_dir: Path, case: cases.Case) -> None:
    page = _page(site_dir, training.case_path(case))
    text = html.unescape(page)
    assert case.title in text
    for paragraph in case.story:
        assert paragraph in text
    key = _details(page)
    assert case.focus in key
    for step in case.steps:
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
    if case.follow_up:
        loop = cases.follow_up_loop(P, case)
        assert loop is not None
        for text in [*case.follow_up.story, case.follow_up.why, *P.section(loop.section).items]:
            assert text in key


def _outside_key(page: str) -> str:
    """The visible text of a page without its answer key, the flowchart and the script's texts."""
    page = re.sub(r'<details class="training-answer-key"[^>]*>.*?</details>', "", page, flags=re.S)
    page = re.sub(r"<script\b.*?</script>|<svg\b.*?</svg>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_case_page_shows_no_answer_outside_the_closed_key(site_dir: Path, case: cases.Case) -> None:
    page = _page(site_dir, training.case_path(case))
    assert re.search(r'<details class="training-answer-key" id="training-answer-key">', page), \
        "de sleutel staat achter een gesloten <details>"
    assert training.KEY_SUMMARY in html.unescape(page)
    visible = " ".join(_outside_key(page).split())
    secrets = [case.focus, "Ons antwoord", "Waar het om gaat", *(s.why for s in case.steps),
               *(signals.signal(s).label for s in case.signals)]
    if case.follow_up:
        secrets.append(case.follow_up.why)
    for secret in secrets:
        assert secret not in visible, secret[:60]


def test_the_index_gives_no_answer_away(site_dir: Path) -> None:
    visible = " ".join(_outside_key(_page(site_dir, training.ROOT)).split())
    for case in BOOK.cases:
        assert case.title in visible
        assert case.focus not in visible


def test_trainer_page_explains_afweging_2_in_our_words_with_sources(site_dir: Path) -> None:
    page = _page(site_dir, training.TRAINER)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    start = P.question(P.start)
    assert start.text in text, "de tekst van afweging 2 staat er letterlijk bij"
    assert present.TRAINER_LABEL in text, "onze uitleg is gemarkeerd als Toelichting"
    for heading in ("Acute onveiligheid", "Structurele onveiligheid", "Twijfel telt als JA", "Bronnen"):
        assert re.search(rf"<h2 id=\"[^\"]+\">{heading}", page), heading
    for source in ("afwegingskader", "interventieacademie.nl", "0800-2000"):
        assert source in text
    for s in signals.SIGNALS:
        assert f"{s.label} {s.kind_label}" in text
    overview = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", _details(page))).split())
    for case in BOOK.cases:
        assert case.title in overview


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
    assert {training.QUIZ, training.TRAINER, training.HANDOUT} <= links


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_case_page_links_resolve(site_dir: Path, case: cases.Case) -> None:
    links = _links(site_dir, training.case_path(case))
    assert training.ROOT in links
    assert {f"{n.id}/" for n in P.questions} <= links, "het stroomschema linkt naar de afwegingen"


def test_training_is_in_the_menu_with_its_pages(site_dir: Path) -> None:
    links = _links(site_dir, "")  # the home page's menu holds every page, nested ones too
    assert set(PAGES) <= links


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
    for path in PAGES:
        assert not re.search(r'(src|href)="https?://(?!127\.0\.0\.1)', _page(site_dir, path))


@pytest.mark.parametrize("case", [BOOK.cases[0], BOOK.case("scheiding-en-later")],
                         ids=lambda c: c.id)
def test_without_javascript_a_case_reads_as_a_page_with_its_key(browser: Browser, base_url: str,
                                                                 case: cases.Case) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{training.case_path(case)}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.title)
    expect(page.get_by_text(case.story[0])).to_be_visible()
    expect(page.get_by_text(training.NOJS)).to_be_visible()
    if case.follow_up:
        expect(page.locator("#training-practice").get_by_text(case.follow_up.story[0])).to_be_visible()
    first = P.question(case.steps[0].question)
    key = page.locator("details.training-answer-key")
    expect(key.get_by_text(first.text).first).to_be_hidden()
    expect(key.get_by_text(case.steps[0].why)).to_be_hidden()
    page.get_by_text(training.KEY_SUMMARY).click()
    expect(key.get_by_text(first.text).first).to_be_visible()
    expect(key.get_by_text(case.steps[0].why)).to_be_visible()
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

    from site_src.render.training import UI_TEXTS

    script = (Path(__file__).resolve().parent.parent / "site_src" / "training" / "training.js").read_text(
        encoding="utf-8")
    used = set(re.findall(r"\bUI\.(\w+)", script))
    assert used and used <= set(UI_TEXTS), sorted(used - set(UI_TEXTS))


def test_pages_with_the_training_script_name_its_import_for_fetching_at_once(site_dir: Path) -> None:
    """training.js imports the engine (engine.js); each page that loads training.js names that same
    file as a modulepreload, so the browser fetches both at once."""
    root = Path(__file__).resolve().parent.parent
    script = (root / "site_src/training/training.js").read_text(encoding="utf-8")
    (imported,) = re.findall(r'^import .* from "([^"]+)";$', script, re.MULTILINE)
    pages = [p for p in sorted(site_dir.glob("training/**/index.html"))
             if "training.js" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        url = "http://site/" + page.relative_to(site_dir).as_posix()
        (src,) = re.findall(r'<script type="module" src="([^"]+training\.js)">', text)
        (preload,) = re.findall(r'<link rel="modulepreload" href="([^"]+)">', text)
        assert urljoin(url, preload) == urljoin(urljoin(url, src), imported), page
        assert text.index(src) < text.index(preload)
