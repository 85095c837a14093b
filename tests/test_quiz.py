"""The quiz: its right answers follow from the protocol data, and it fails when the protocol moves."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

import protocol
from protocol.errors import ProtocolError
from protocol.present import long_date
from protocol.workdays import add_workdays
from site_src.render import quiz

P = protocol.default()
ITEMS = {item.id: item for item in quiz.items(P)}


@pytest.mark.parametrize("item", list(ITEMS.values()), ids=lambda i: i.id)
def test_every_item_is_well_formed(item: quiz.Item) -> None:
    ids = [o.id for o in item.options]
    assert len(set(ids)) == len(ids) >= 2
    assert len({o.label for o in item.options}) == len(item.options)
    assert item.correct and set(item.correct) <= set(ids)
    assert item.multiple or len(item.correct) == 1
    assert item.quotes, "elke vraag laat de tekst van de meldcode zien"


def _protocol_texts() -> set[str]:
    texts = {f.text for f in P.footnotes} | {i for s in P.sections for i in s.items}
    texts |= {a.source for q in P.questions for a in q.answers} | {q.text for q in P.questions}
    return texts | {t for o in P.outcomes for t in o.text}


@pytest.mark.parametrize("item", list(ITEMS.values()), ids=lambda i: i.id)
def test_quotes_are_verbatim_protocol_text(item: quiz.Item) -> None:
    for q in item.quotes:
        assert q.text in _protocol_texts()


@pytest.mark.parametrize("role", [r for r in P.roles if r.footnote == "tweede-lijn"], ids=lambda r: r.id)
def test_second_line_answer_follows_the_role_data(role: protocol.model.Role) -> None:
    item = ITEMS["tweede-lijn"]
    option = next(o for o in item.options if o.label == role.name)
    assert (option.id in item.correct) is role.second_line


def test_a_teacher_is_not_second_line() -> None:
    assert "docent" not in ITEMS["tweede-lijn"].correct_labels()


def test_chain_partners_are_the_roles_of_footnote_2() -> None:
    expected = {r.name for r in P.roles if r.footnote == "ketenpartners"}
    assert set(ITEMS["ketenpartners"].correct_labels()) == expected
    wrong = set(o.label for o in ITEMS["ketenpartners"].options) - expected
    assert wrong and not wrong & expected


def test_decision_time_is_the_deadline_in_werkdagen() -> None:
    days = P.deadline("besluit-veilig-thuis").workdays
    assert ITEMS["besluit-veilig-thuis"].correct_labels() == (f"Binnen {days} werkdagen",)


def test_counting_werkdagen_skips_weekend_and_koningsdag() -> None:
    item = ITEMS["werkdagen-tellen"]
    right = add_workdays(quiz.COUNT_FROM, P.deadline("besluit-veilig-thuis").workdays)
    assert item.correct_labels() == (long_date(right),)
    assert right == date(2026, 5, 4)  # Friday 24 April 2026 + 5 werkdagen, Monday 27 April is Koningsdag
    assert "Koningsdag" in item.explanation


def test_doubt_leads_where_the_engine_goes() -> None:
    twijfel = P.question(P.start).answer("twijfel")
    assert twijfel is not None
    target = P.node(twijfel.to)
    assert ITEMS["twijfel"].correct_labels() == (target.title,)


def test_dossier_items_cover_every_dossier_sentence() -> None:
    quoted = {q.text for q in ITEMS["leerlingdossier"].quotes}
    every = {i for s in P.sections for i in s.items if "dossier" in i.lower()}
    assert quoted == every


def test_moving_quotes_the_sections_of_the_situation() -> None:
    quoted = {q.text for q in ITEMS["verhuizing"].quotes}
    assert quoted == {i for s in P.sections if "verhuizing" in s.situations for i in s.items}


def test_every_loop_has_a_melden_again_item() -> None:
    assert {loop.id for loop in P.loops} <= set(ITEMS)
    for loop in P.loops:
        item = ITEMS[loop.id]
        (right,) = item.correct_labels()
        assert "Veilig Thuis" in right and "afweging" not in right
        # Going back to afweging 2 is offered, and wrong.
        assert any("afweging 2" in o.label and o.id not in item.correct for o in item.options)


def _repeats(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """Runs of n words that stand in two different sentences: the same thing said twice."""
    seen: dict[tuple[str, ...], int] = {}
    twice: set[tuple[str, ...]] = set()
    for number, sentence in enumerate(re.split(r"(?<=[.?!])\s+", text)):
        words = re.findall(r"\w+", sentence.lower())
        for run in {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}:
            if seen.setdefault(run, number) != number:
                twice.add(run)
    return twice


def test_the_repeat_check_finds_what_was_said_twice() -> None:
    assert _repeats("Bij twijfel geldt hetzelfde als bij JA. Twijfel je? Dan doe je hetzelfde als bij JA.")
    assert not _repeats("Bij twijfel geldt hetzelfde als bij JA: je meldt direct.")


@pytest.mark.parametrize("item", list(ITEMS.values()), ids=lambda i: i.id)
def test_no_explanation_says_the_same_thing_twice(item: quiz.Item) -> None:
    assert not _repeats(item.explanation), item.explanation


def test_the_5_werkdagen_are_asked_where_the_protocol_states_them() -> None:
    for item_id in ("besluit-veilig-thuis", "werkdagen-tellen"):
        assert "afweging 3 is het antwoord NEE" in ITEMS[item_id].prompt


def _without(section_id: str, word: str) -> protocol.Protocol:
    sections = tuple(
        dataclasses.replace(s, items=tuple(i.replace(word, "…") for i in s.items))
        if s.id == section_id else s
        for s in P.sections)
    return dataclasses.replace(P, sections=sections)


@pytest.mark.parametrize(("section_id", "word", "item"), [
    ("belangrijk", "áltijd", "belangrijk"),
    ("terugkoppeling", "zelf", "terugkoppeling"),
    ("melden-en-effecten-volgen", "dossier", "dossier"),
], ids=["belangrijk-zonder-altijd", "terugkoppeling-zonder-zelf", "dossier-zonder-dossier"])
def test_quiz_refuses_when_the_protocol_stops_saying_it(section_id: str, word: str, item: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        quiz.items(_without(section_id, word))
    assert f"quiz '{item}'" in str(caught.value)
    assert "site_src/render/quiz.py" in str(caught.value)
