"""The rules of afweging 2, checked on the case file as written, without the case loader.

The loader (protocol/cases.py) refuses a case that breaks these rules, so every other test would
stop at import with its message. These tests read the TOML themselves, so a broken file also fails
here, by name, case by case. The rules: every case names its signals from the fixed vocabulary, and
a case with a signal of acute or structural unsafety, or of doubt, expects an answer at the first
afweging that leads straight to a melding (the seed: "JA of twijfel -> direct ... melding").
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import protocol
from protocol import cases, signals

P = protocol.default()
RAW: list[dict[str, Any]] = tomllib.loads(Path(cases.default_path()).read_text(encoding="utf-8"))["cases"]
VOCABULARY = {s.id: s for s in signals.SIGNALS}
START = P.question(P.start)
MELDING_AT_START = {a.id for a in START.answers
                    if isinstance(P.node(a.to), protocol.Outcome) and P.outcome(a.to).category == "melden"}


def test_the_first_afweging_has_a_melding_branch_and_a_way_on() -> None:
    """The rule below means something: some answers at the start meld, and one goes on (NEE)."""
    assert MELDING_AT_START
    assert {a.id for a in START.answers} - MELDING_AT_START


@pytest.mark.parametrize("case", RAW, ids=lambda c: str(c.get("id")))
def test_every_case_names_its_signals_from_the_vocabulary(case: dict[str, Any]) -> None:
    named = list(case.get("signals", []))
    assert named, f"{case['id']}: noem de signalen"
    if "follow_up" in case:
        assert case["follow_up"].get("signals"), f"{case['id']}: noem de signalen van het vervolg"
        named += case["follow_up"]["signals"]
    unknown = [s for s in named if s not in VOCABULARY]
    assert unknown == [], f"{case['id']}: onbekende signalen {unknown}"


@pytest.mark.parametrize("case", RAW, ids=lambda c: str(c.get("id")))
def test_a_signal_of_unsafety_never_expects_nee_at_afweging_2(case: dict[str, Any]) -> None:
    unsafe = [s for s in case["signals"] if s in VOCABULARY and VOCABULARY[s].kind != "zorg"]
    first = case["steps"][0]
    assert first["question"] == START.id
    if unsafe:
        assert first["answer"] in MELDING_AT_START, (
            f"{case['id']} noemt {unsafe} maar verwacht '{first['answer']}' bij {START.id}")


# What the national afwegingskader counts as acute or structural unsafety (meldcode-practice.md):
# these signals may never be filed as a mere concern, or the rule above would let NEE through.
UNSAFE_BY_AFWEGINGSKADER = {
    "acuut-gevaar": "acuut", "basiszorg-ontbreekt": "acuut", "medische-zorg-onthouden": "acuut",
    "crisis-ouder": "acuut", "verwaarlozing": "structureel", "getuige-van-geweld": "structureel",
    "verslaving-ouder": "structureel", "psychiatrie-ouder": "structureel", "hulp-mislukt": "structureel",
    "onduidelijk-beeld": "twijfel",
}


@pytest.mark.parametrize("signal_id", list(UNSAFE_BY_AFWEGINGSKADER), ids=str)
def test_the_vocabulary_files_unsafety_as_unsafety(signal_id: str) -> None:
    s = VOCABULARY[signal_id]
    assert s.kind == UNSAFE_BY_AFWEGINGSKADER[signal_id]
    assert s.unsafe


def test_every_signal_has_a_known_kind_and_a_unique_id() -> None:
    ids = [s.id for s in signals.SIGNALS]
    assert len(ids) == len(set(ids))
    assert {s.kind for s in signals.SIGNALS} == set(signals.SIGNAL_KINDS)
    assert {s.kind for s in signals.SIGNALS if s.unsafe} == set(signals.UNSAFE_KINDS) == {
        "acuut", "structureel", "twijfel"}


@pytest.mark.parametrize("case", RAW, ids=lambda c: str(c.get("id")))
def test_title_and_address_give_no_answer_away(case: dict[str, Any]) -> None:
    """The index and the address bar show these before the trainee answers."""
    words = {a.label.lower() for q in P.questions for a in q.answers} | {o.id for o in P.outcomes}
    words |= {"melden", "melding", "geweigerd", "resultaat", "onveilig", "verwaarlozing"}
    shown = f"{case['title']} {case['id'].replace('-', ' ')}".lower()
    assert not [w for w in words if re.search(rf"\b{re.escape(w)}\b", shown)], shown
