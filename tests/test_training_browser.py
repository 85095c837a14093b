"""Practising cases and taking the quiz in Chromium: feedback after each answer with the protocol's
words, the paths on the flowchart, a result, nothing stored, and no axe-core violations.

Each test has its own tab; those that are not about a first visit, requests or failures share one
context (conftest.py `warm_page`), so the engine starts warm."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

import protocol
from protocol import cases, engine, feedback
from site_src.render import quiz, training
from tests.browser import (
    ENGINE_WAIT_MS,
    axe_violations,
    held_requests,
    new_context,
    until_routed,
    wait_for_engine,
)

P = protocol.default()
BOOK = cases.default()
# One case per outcome the afwegingen reach: the first case in the file that ends there.
PER_OUTCOME = {o: next(c for c in BOOK.cases if c.outcome == o)
               for o in dict.fromkeys(w.current.id for w in engine.paths(P))}


@pytest.fixture
def page(warm_page: Page) -> Page:
    """A fresh tab in this module's shared context (conftest.py `warm_page`: the engine starts warm)."""
    return warm_page


@pytest.fixture
def fresh_page(browser: Browser) -> Iterator[Page]:
    """A tab in a fresh context: for a first visit, the requests a page makes, and failures."""
    context = new_context(browser)  # service workers blocked (tests/browser.py)
    yield context.new_page()
    context.close()


def open_case(page: Page, base_url: str, case: cases.Case) -> None:
    page.goto(f"{base_url}/{training.case_path(case)}")
    wait_for_engine(page, "#training-practice")


def answer(page: Page, number: int, label: str) -> None:
    group = page.get_by_role("group", name=f"Jouw antwoord bij afweging {number}").last
    group.get_by_role("button", name=label, exact=True).click()


def go_on(page: Page) -> None:
    names = re.compile("^(Volgende afweging|Verder met de casus|Bekijk je resultaat)$")
    page.get_by_role("button", name=names).click()


def label_of(question_id: str, answer_id: str) -> str:
    found = P.question(question_id).answer(answer_id)
    assert found is not None
    return found.label


def classes(page: Page, dom_id: str) -> str:
    return page.locator(f"[id='{dom_id}']").get_attribute("class") or ""


def hidden_until_answered(page: Page, case: cases.Case, answered: int) -> None:
    """Nothing of what we expect from the trainee shows before the answer: no key, no why, no focus."""
    expect(page.locator("#training-answer-key")).to_be_hidden()
    expect(page.get_by_role("heading", name="Antwoordsleutel", exact=True)).to_be_hidden()
    for text in [case.focus, *(s.why for s in case.steps[answered:])]:
        expect(page.get_by_text(text, exact=True).filter(visible=True)).to_have_count(0)


def practise(page: Page, case: cases.Case, given: list[str]) -> None:
    """Answer every afweging of the case with `given`, checking the feedback each time."""
    for index, (step, answer_id) in enumerate(zip(case.steps, given, strict=True)):
        hidden_until_answered(page, case, index)
        question = P.question(step.question)
        # The phase sentence ("De afwegingen hierna ...") stands once, at the afweging that opens it.
        phase = P.phase(question.phase).text
        if phase:
            shown = page.locator(".training-step").last.get_by_text(phase, exact=True)
            expect(shown).to_have_count(1 if engine.opens_phase(P, question) else 0)
        answer(page, question.number, label_of(step.question, answer_id))
        feedback = page.locator(".training-feedback").last
        chosen = question.answer(answer_id)
        expected = question.answer(step.answer)
        assert chosen is not None and expected is not None
        right = chosen.to == expected.to  # JA and twijfel lead to the same step: both right
        heading = "Goed: dit is ook ons antwoord." if right else "Wij kiezen hier een ander antwoord."
        expect(feedback.get_by_role("heading")).to_have_text(heading)
        expect(page.locator(":focus")).to_have_text(heading)
        expect(feedback.get_by_text(expected.source, exact=True)).to_be_visible()
        expect(feedback.get_by_text(step.why, exact=True)).to_be_visible()
        if case.follow_up and index == len(case.steps) - 1:
            later(page, case)
        else:
            go_on(page)


def later(page: Page, case: cases.Case) -> None:
    """The later story: first the story and a question, the meldcode's text and our why on request."""
    assert case.follow_up is not None
    page.get_by_role("button", name="Verder met de casus").click()
    expect(page.locator(":focus")).to_contain_text("Later")
    expect(page.locator(".training-stage").get_by_text(case.follow_up.story[0], exact=True)).to_be_visible()
    expect(page.get_by_text(case.follow_up.why, exact=True).filter(visible=True)).to_have_count(0)
    hidden_until_answered(page, case, len(case.steps))
    page.get_by_role("button", name="Bekijk wat de meldcode zegt").click()
    expect(page.locator(":focus")).to_have_text("Wat de meldcode zegt")
    expect(page.locator(".training-stage").get_by_text(case.follow_up.why, exact=True)).to_be_visible()
    page.get_by_role("button", name="Bekijk je resultaat").click()


@pytest.mark.parametrize("outcome", list(PER_OUTCOME), ids=lambda o: f"uitkomst={o}")
def test_practise_one_case_per_outcome(page: Page, base_url: str, outcome: str) -> None:
    case = PER_OUTCOME[outcome]
    open_case(page, base_url, case)
    # The flowchart is there to read along, without a path on it: that would give the answer away.
    expect(page.locator("#training-flowchart")).to_be_visible()
    expect(page.locator("#training-flowchart .training-expected, #training-flowchart .training-given")
           ).to_have_count(0)
    practise(page, case, [s.answer for s in case.steps])
    result = page.locator(".training-result")
    expect(result).to_contain_text(f"Je had {len(case.steps)} van de {len(case.steps)} afwegingen goed.")
    expect(result.get_by_text(case.focus, exact=True)).to_be_visible()
    expect(page.locator("#training-answer-key")).to_be_visible()
    expect(result).to_contain_text(P.outcome(outcome).title)
    for paragraph in P.outcome(outcome).text:
        expect(result.get_by_text(paragraph, exact=True)).to_be_visible()
    expect(page.locator("#training-flowchart")).to_be_visible()
    key = feedback.answer_key(P, case)["highlight"]["expected"]
    for dom_id in key["nodes"] + key["edges"]:
        assert "training-expected" in classes(page, dom_id), dom_id
    assert "training-expected" in classes(page, f"node-{outcome}")


def test_a_wrong_answer_shows_both_quotes_and_both_paths(page: Page, base_url: str) -> None:
    case = BOOK.case("moeder-overziet-het-niet")  # expects NEE, NEE
    open_case(page, base_url, case)
    practise(page, case, ["twijfel", "nee"])
    feedback = page.locator(".training-feedback").first
    start = P.question("afweging-2")
    for answer_id in ("twijfel", "nee"):
        found = start.answer(answer_id)
        assert found is not None
        expect(feedback.get_by_text(found.source, exact=True)).to_be_visible()
    # Whole sentences, as the page's texts give them (site_src/render/training.py UI_TEXTS), the
    # answers in bold.
    given, expected = start.answer("twijfel"), start.answer("nee")
    assert given is not None and expected is not None
    expect(feedback.get_by_text(f"Jij koos: {given.label}. Dat leidt naar: "
                                f"{P.outcome('melden-direct').title}.", exact=True)).to_be_visible()
    expect(feedback.get_by_text(f"Ons antwoord: {expected.label}.", exact=True)).to_be_visible()
    expect(feedback.locator("strong")).to_have_text([given.label, expected.label])
    assert "training-given" in classes(page, "edge-afweging-2--melden-direct")
    assert "training-expected" not in classes(page, "edge-afweging-2--melden-direct")
    assert "training-expected" in classes(page, "edge-afweging-2--afweging-3")
    expect(page.locator(".training-result")).to_contain_text("Je had 1 van de 2 afwegingen goed.")
    expect(page.locator(".training-result")).to_contain_text(
        f"Afweging 2: jij {label_of('afweging-2', 'twijfel')}, wij {label_of('afweging-2', 'nee')} (anders).")


@pytest.mark.parametrize("given", ["twijfel", "ja"], ids=str)
def test_ja_and_twijfel_count_the_same(page: Page, base_url: str, given: str) -> None:
    case = next(c for c in BOOK.cases if len(c.steps) == 1 and c.steps[0].answer != given
                and c.steps[0].answer in ("ja", "twijfel"))
    open_case(page, base_url, case)
    practise(page, case, [given])
    expected = label_of(case.steps[0].question, case.steps[0].answer)
    expect(page.get_by_text(f"Wij kozen {expected}. In de meldcode leiden die antwoorden naar dezelfde "
                            "stap, dus jouw antwoord telt als goed.")).to_be_visible()
    result = page.locator(".training-result")
    expect(result).to_contain_text("Je had 1 van de 1 afwegingen goed.")
    expect(result).to_contain_text(f"Afweging 2: jij {label_of(case.steps[0].question, given)}, "
                                   f"wij {expected} (goed).")


def test_follow_up_round_tells_the_later_story(page: Page, base_url: str) -> None:
    case = BOOK.case("scheiding-en-later")
    open_case(page, base_url, case)
    assert case.follow_up is not None
    practise(page, case, [s.answer for s in case.steps])
    expect(page.get_by_text(case.follow_up.story[0], exact=True).first).to_be_visible()
    assert "training-expected" in classes(page, "node-opnieuw-na-hulp")
    expect(page.locator(".training-result")).to_contain_text(P.outcome(case.outcome).title)


def test_keyboard_only_and_start_again(page: Page, base_url: str) -> None:
    case = PER_OUTCOME["melden-direct"]
    open_case(page, base_url, case)
    button = page.get_by_role("group", name="Jouw antwoord bij afweging 2").get_by_role("button", name="JA")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_contain_text("Goed")
    page.keyboard.press("Tab")  # from the feedback heading to the one button in the feedback
    expect(page.locator(":focus")).to_have_text("Bekijk je resultaat")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_text("Resultaat")
    page.get_by_role("button", name="Opnieuw oefenen").click()
    expect(page.locator(".training-feedback")).to_have_count(0)
    expect(page.get_by_role("group", name="Jouw antwoord bij afweging 2")).to_be_visible()


def test_nothing_is_stored_and_nothing_leaves_the_device(fresh_page: Page, base_url: str) -> None:
    page = fresh_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    case = BOOK.cases[0]
    open_case(page, base_url, case)
    practise(page, case, [s.answer for s in case.steps])
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    assert requests, "the page made requests (the engine), so the check below means something"
    assert [u for u in requests if not u.startswith(base_url)] == []


def test_when_the_engine_cannot_start_the_case_still_reads(fresh_page: Page, base_url: str) -> None:
    page = fresh_page
    page.route("**/*.wasm", lambda route: route.abort())
    case = BOOK.cases[0]
    page.goto(f"{base_url}/{training.case_path(case)}")
    page.locator("#training-practice[data-state=failed]").wait_for(timeout=ENGINE_WAIT_MS)
    expect(page.get_by_role("status").filter(has_text="kan nu niet starten")).to_be_visible()
    page.get_by_text(training.KEY_SUMMARY).click()
    expect(page.get_by_text(case.steps[0].why, exact=True)).to_be_visible()


def _fill_quiz(page: Page, right: bool) -> None:
    for item in quiz.items(P):
        group = page.locator(f"#vraag-{item.id}")
        for option in item.options:
            if (option.id in item.correct) == right:
                group.get_by_label(option.label, exact=True).check()
                if not item.multiple:
                    break


@pytest.mark.parametrize("right", [True, False], ids=["alles-goed", "alles-fout"])
def test_quiz_scores_in_the_page(page: Page, base_url: str, right: bool) -> None:
    page.goto(f"{base_url}/{training.QUIZ}")
    total = len(quiz.items(P))
    _fill_quiz(page, right)
    page.get_by_role("button", name="Bekijk je score").click()
    score = total if right else 0
    expect(page.get_by_role("status")).to_have_text(f"Je hebt {score} van de {total} vragen goed.")
    expect(page.locator("fieldset.training-wrong")).to_have_count(0 if right else total)
    page.get_by_role("button", name="Opnieuw").click()
    expect(page.get_by_role("status")).to_have_text("")


def test_quiz_names_a_question_left_open(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/{training.QUIZ}")
    page.get_by_role("button", name="Bekijk je score").click()
    first = page.locator("fieldset.training-quiz-item").first
    expect(first.locator(".training-quiz-result")).to_have_text(
        "Nog niet beantwoord. Open het antwoord en de uitleg hieronder.")


def _axe(page: Page) -> list[str]:
    return [str(v) for v in axe_violations(page)]


def test_axe_training_index(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/{training.ROOT}")
    assert _axe(page) == []


def test_axe_trainer_page_with_the_overview_open(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/{training.TRAINER}")
    page.get_by_text("Toon het overzicht").click()
    assert _axe(page) == []


def test_axe_quiz_after_scoring(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/{training.QUIZ}")
    _fill_quiz(page, False)
    page.get_by_role("button", name="Bekijk je score").click()
    page.get_by_text("Antwoord en uitleg bij vraag 1", exact=True).click()
    assert _axe(page) == []


def test_axe_case_page_while_the_engine_loads(fresh_page: Page, base_url: str) -> None:
    """What a person sees first: the case, its answer key, and the engine still loading."""
    page = fresh_page
    held = held_requests(page, "**/pyodide.asm.wasm")
    with page.expect_request("**/pyodide.asm.wasm"):
        page.goto(f"{base_url}/{training.case_path(BOOK.cases[0])}")
    page.locator("#training-practice[data-state=loading]").wait_for()
    assert _axe(page) == []
    until_routed(page, held).continue_()
    page.locator("#training-practice[data-state=ready]").wait_for(timeout=ENGINE_WAIT_MS)


@pytest.mark.parametrize(
    "case", [PER_OUTCOME["melden-hulp-onvoldoende"], BOOK.case("scheiding-en-later")],
    ids=lambda c: c.id)
def test_axe_case_page_during_and_after_practice(page: Page, base_url: str, case: cases.Case) -> None:
    open_case(page, base_url, case)
    assert _axe(page) == []
    wrong = [next(a.id for a in P.question(s.question).answers if a.id != s.answer) for s in case.steps]
    practise(page, case, wrong[:1] + [s.answer for s in case.steps[1:]])
    page.get_by_text(training.KEY_SUMMARY).click()
    assert _axe(page) == []


@pytest.mark.parametrize("width", [320, 640], ids=lambda w: f"{w}px")
@pytest.mark.parametrize("path", [training.ROOT, training.QUIZ, training.TRAINER,
                                  training.case_path(PER_OUTCOME["melden-direct"])],
                         ids=["index", "quiz", "trainer", "casus"])
def test_reflows_without_sideways_scrolling(page: Page, base_url: str, width: int, path: str) -> None:
    tab = page
    tab.set_viewport_size({"width": width, "height": 800})  # before the page loads, as on a phone
    tab.goto(f"{base_url}/{path}")
    if path == training.TRAINER:
        tab.get_by_text("Toon het overzicht").click()
    elif path not in (training.ROOT, training.QUIZ):
        tab.locator("#training-practice[data-state=ready]").wait_for(timeout=ENGINE_WAIT_MS)
        answer(tab, 2, "NEE")
        tab.get_by_role("button", name="Bekijk je resultaat").click()
        tab.get_by_text(training.KEY_SUMMARY).click()
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
