"""protocol/api.py in CPython: what the self-check page gets for each answer, date and error."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from typing import Any

import pytest

from protocol import api, default, engine

PATHS = engine.paths(default())


def call(name: str, **args: Any) -> Any:
    return json.loads(api.call(name, json.dumps(args)))


def test_start_is_the_first_question_with_its_answers() -> None:
    state = call("state", answers=[])
    assert state["question"]["id"] == "afweging-2"
    assert state["question"]["heading"] == "Afweging 2: Veiligheid afweging"
    assert [a["label"] for a in state["question"]["answers"]] == ["JA", "TWIJFEL", "NEE"]
    assert state["outcome"] is None and not state["finished"]
    assert state["highlight"] == {"nodes": ["afweging-2"], "edges": [], "current": "afweging-2"}
    assert state["protocol"] == {"title": default().title, "version": default().version,
                                 "hash": default().short_hash}


@pytest.mark.parametrize("walk", PATHS, ids=lambda w: w.key)
def test_every_path_ends_at_the_engines_outcome_and_duties(walk: engine.Walk) -> None:
    state = call("state", answers=[list(pair) for pair in walk.answers])
    assert state["finished"]
    assert state["outcome"]["id"] == walk.current.id
    assert [d["id"] for d in state["duties"]] == [s.id for s in engine.walk_duties(default(), walk)]
    assert state["highlight"]["nodes"] == list(walk.node_ids)
    assert state["highlight"]["edges"] == [f"{a}--{b}" for a, b in pairwise(walk.node_ids)]
    assert state["reasons"] == engine.reasons(walk)
    assert [a["question"] for a in state["answers"]] == [q for q, _ in walk.answers]


def test_the_help_action_is_shown_before_afweging_5_with_its_dates() -> None:
    state = call("state", answers=[["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"]],
                 dates={"verwijzing": "2026-12-01", "termijn": "2027-02-01"})
    assert state["question"]["id"] == "afweging-5"
    assert [a["id"] for a in state["actions"]] == ["hulp-in-gang-zetten"]
    assert [n["basis"] for n in state["dates"]["needed"]] == ["verwijzing", "termijn"]
    due = {d["id"]: (d["earliest"], d["latest"]) for d in state["dates"]["due"]}
    # One or two weeks after 1 December 2026 (a Tuesday): 8 and 15 December.
    assert due == {"check-hulpverlening": ("2026-12-08", "2026-12-15"),
                   "einde-termijn": ("2027-02-01", "2027-02-01")}


def test_phase_sentence_once_and_footnote_3_with_the_ja_of_afweging_5() -> None:
    """As in the protocol: the phase sentence before afweging 3 only; ³ marks afweging 5's JA."""
    texts = {}
    for answers in ([["afweging-2", "nee"]], [["afweging-2", "nee"], ["afweging-3", "ja"]],
                    [["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"]]):
        question = call("state", answers=answers)["question"]
        texts[question["id"]] = question["phase"]["text"]
        if question["id"] == "afweging-5":
            assert question["footnotes"] == []
            marks = {a["id"]: [f["mark"] for f in a["footnotes"]] for a in question["answers"]}
            assert marks == {"ja": ["³"], "nee": []}
    assert texts == {"afweging-3": "De afwegingen hierna worden met Veilig Thuis doorlopen:",
                     "afweging-4": "", "afweging-5": ""}


@pytest.mark.parametrize("walk", PATHS, ids=lambda w: w.key)
def test_new_signals_never_lead_back_to_an_afweging(walk: engine.Walk) -> None:
    (loop,) = call("state", answers=[list(pair) for pair in walk.answers])["loops"]
    assert loop["to"]["category"] in ("melden", "contact")
    assert "Veilig Thuis" in " ".join(loop["to"]["text"])


def test_a_direct_melding_asks_no_date_and_counts_no_werkdagen() -> None:
    for answer in ("ja", "twijfel"):
        state = call("state", answers=[["afweging-2", answer]], dates={"melding": "2026-12-24"})
        assert state["dates"] == {"needed": [], "due": []}


def test_veilig_thuis_decides_within_5_werkdagen_skipping_christmas_and_new_year() -> None:
    state = call("state", answers=[["afweging-2", "nee"], ["afweging-3", "nee"]],
                 dates={"melding": "2026-12-24"})
    (due,) = state["dates"]["due"]
    # 25 Dec is a holiday, 26-27 a weekend, 1 Jan a holiday, 2-3 Jan a weekend.
    assert (due["id"], due["earliest"], due["latest"]) == ("besluit-veilig-thuis", "2027-01-04", "2027-01-04")
    assert due["when"] == "maandag 4 januari 2027"


def test_the_help_path_keeps_its_earlier_dates_at_the_outcome() -> None:
    answers = [["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"], ["afweging-5", "nee"]]
    state = call("state", answers=answers, dates={"verwijzing": "2026-12-01", "termijn": "2027-02-01",
                                                  "melding": "2027-02-02"})
    # After help that did not work the protocol names no termijn: our marked advice to call.
    assert [d["id"] for d in state["dates"]["due"]] == ["check-hulpverlening", "einde-termijn",
                                                         "terugkoppeling-navragen"]


def test_a_date_that_cannot_be_used_is_explained_in_dutch() -> None:
    no_help = [["afweging-2", "nee"], ["afweging-3", "nee"]]
    state = call("state", answers=no_help, dates={"melding": "24-12-2026"})
    (need,) = state["dates"]["needed"]
    assert "JJJJ-MM-DD" in need["problem"] and state["dates"]["due"] == []
    state = call("state", answers=no_help, dates={"melding": "2099-01-01"})
    assert "feestdagentabel" in state["dates"]["needed"][0]["problem"]


def test_going_back_shows_the_earlier_choice() -> None:
    state = call("state", answers=[["afweging-2", "nee"]], chosen={"afweging-3": "nee"})
    assert state["question"]["given"] == "nee"


@pytest.mark.parametrize(("name", "args", "message"), [
    ("state", {"answers": [["afweging-2", "misschien"]]}, "geen antwoord op afweging-2"),
    ("state", {"answers": [["afweging-3", "ja"]]}, "nu is 'afweging-2' aan de beurt"),
    ("state", {"answers": [["afweging-2"]]}, "een paar"),
    ("state", {"antwoorden": []}, "antwoorden"),
    ("onzin", {}, "onbekende functie"),
])
def test_wrong_input_gives_an_error_not_an_exception(name: str, args: dict[str, Any], message: str) -> None:
    assert message in call(name, **args)["error"]


def test_record_and_ics_files() -> None:
    answers = [["afweging-2", "nee"], ["afweging-3", "nee"]]
    made = call("record", answers=answers, now="2026-12-24T16:05:00+01:00", dates={"melding": "2026-12-24"},
                notes={"afweging-2": "Zorgen na het gesprek."})
    assert made["filename"] == "zelfcheck-meldcode-2026-12-24-1605.md"
    assert "Zorgen na het gesprek." in made["text"]
    cal = call("ics", answers=answers, now="2026-12-24T16:05:00+01:00", dates={"melding": "2026-12-24"})
    assert cal["filename"].endswith(".ics") and cal["events"] == 1
    assert "DTSTART;VALUE=DATE:20270104" in cal["text"]


def test_note_check() -> None:
    result = call("note", text="Moeder Sanne belde.", today="2026-12-24")
    assert result["findings"] == [{"kind": "naam", "text": "Moeder Sanne"}]
    assert result["warning"].startswith("Let op")
    quiet = call("note", text="Moeder belde, het kind is 8.", today="2026-12-24")
    assert quiet == {"findings": [], "warning": ""}


def test_labels_match_the_site_pages() -> None:
    """The self-check marks protocol text and our own text with the same words as the other pages."""
    from protocol.render.pages import OUR_LABEL, SOURCE_LABEL

    assert (api.TEXTS["source_label"], api.TEXTS["explanation"]) == (SOURCE_LABEL, OUR_LABEL)


def test_paths_lists_the_six_paths() -> None:
    assert call("paths")["paths"] == [[list(p) for p in w.answers] for w in PATHS]
    assert len(PATHS) == 6


def test_our_texts_say_datums_for_dates() -> None:
    """'Data' is Dutch for data too; for dates the page says 'datums'."""
    for key, text in api.TEXTS.items():
        assert not re.search(r"\b[Dd]ata\b", text), key
    assert api.TEXTS["dates_title"] == "Datums"
