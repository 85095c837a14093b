"""protocol/api.py in CPython: what the self-check page gets for each answer, date and error."""

from __future__ import annotations

import json
import random
import re
from itertools import pairwise
from typing import Any

import pytest
from icalendar import Calendar

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
    assert state["highlight"] == {"nodes": ["afweging-2"], "edges": [], "current": "afweging-2",
                                  "dom": {"nodes": ["node-afweging-2"], "edges": [],
                                          "current": "node-afweging-2"}}
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
        assert state["dates"] == {"needed": [], "due": [], "rule": ""}


def test_veilig_thuis_decides_within_5_werkdagen_skipping_christmas_and_new_year() -> None:
    state = call("state", answers=[["afweging-2", "nee"], ["afweging-3", "nee"]],
                 dates={"melding": "2026-12-24"})
    (due,) = state["dates"]["due"]
    # 25 Dec is a holiday, 26-27 a weekend, 1 Jan a holiday, 2-3 Jan a weekend.
    assert (due["id"], due["earliest"], due["latest"]) == ("besluit-veilig-thuis", "2027-01-04", "2027-01-04")
    assert due["when"] == "maandag 4 januari 2027"


def test_after_help_that_did_not_work_only_the_date_ahead_is_asked() -> None:
    answers = [["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"], ["afweging-5", "nee"]]
    state = call("state", answers=answers, dates={"verwijzing": "2026-12-01", "termijn": "2027-02-01",
                                                  "melding": "2027-02-02"})
    # The check and the termijn lie behind (afweging 5 is answered at its end). After help that did
    # not work the protocol names no termijn: our marked advice to call.
    assert [n["basis"] for n in state["dates"]["needed"]] == ["melding"]
    assert [d["id"] for d in state["dates"]["due"]] == ["terugkoppeling-navragen"]


NO_HELP = [["afweging-2", "nee"], ["afweging-3", "nee"]]


def test_a_date_that_cannot_be_used_is_explained_in_dutch() -> None:
    state = call("state", answers=NO_HELP, dates={"melding": "24-12-2026"})
    (need,) = state["dates"]["needed"]
    assert "JJJJ-MM-DD" in need["problem"] and state["dates"]["due"] == []
    state = call("state", answers=NO_HELP, dates={"melding": "2099-01-01"})
    problem = state["dates"]["needed"][0]["problem"]
    assert "2024 tot en met 2045" in problem and "make" not in problem
    # The count would run into 2046: the message names no date the person did not type.
    problem = call("state", answers=NO_HELP, dates={"melding": "2045-12-30"}
                   )["dates"]["needed"][0]["problem"]
    assert "kent de feestdagen" in problem and not re.search(r"\d{4}-\d{2}-\d{2}|2046", problem)
    state = call("state", answers=NO_HELP, dates={"melding": "2026-02-29"})
    assert "bestaat niet" in state["dates"]["needed"][0]["problem"]


YEARS = ("0001", "0999", "1900", "2023", "2024", "2026", "2045", "2046", "2999", "9998", "9999", "0000")
MONTH_DAYS = ("01-01", "02-28", "02-29", "02-30", "04-31", "12-31", "13-01", "00-10", "12-00", "06-15")
GARBAGE = ("", " ", "morgen", "31-12-9999", "9999-12-31T23:59", "+10000-01-01", "2026-1-1",
           "\uff12\uff10\uff12\uff16-\uff10\uff11-\uff10\uff11", "2026-W01-1", "20261224", "2026-12-24 ",
           " 2026-12-24", "\u0000", "\U0001f382", "2026/12/24", "-0001-01-01", "99999999-12-31",
           "2026-12-24\n", "2026-12-24\n2026-12-25", "1e9", "NaN", "null")


def typed_dates() -> list[str]:
    """Dates a person can type: every year/month/day mix above, garbage, and random strings."""
    rng = random.Random(12)
    alphabet = "0123456789-/. T:+aZ"
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(150)]
    return [f"{y}-{md}" for y in YEARS for md in MONTH_DAYS] + list(GARBAGE) + noise


@pytest.mark.parametrize("answers", [NO_HELP,
                                     [["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"]]])
def test_no_typed_date_ends_the_session(answers: list[list[str]]) -> None:
    """Whatever is typed in a date field, the page gets a due date or a Dutch problem, never an error."""
    for raw in typed_dates():
        dates = {"melding": raw, "verwijzing": raw, "termijn": raw}
        for name in ("state", "record", "ics"):
            args: dict[str, Any] = {"answers": answers, "dates": dates}
            if name != "state":
                args["now"] = "2026-12-24T16:05:00+01:00"
            result = call(name, **args)
            assert "error" not in result, (raw, name, result)
        state = call("state", answers=answers, dates=dates)
        for need in state["dates"]["needed"]:
            used = any(d["basis"] == need["basis"] for d in state["dates"]["due"])
            assert used != bool(need["problem"]) or not raw.strip(), (raw, need)
            assert "make" not in need["problem"] and "Error" not in need["problem"]


def test_each_date_says_which_feestdagen_it_skipped() -> None:
    state = call("state", answers=NO_HELP, dates={"melding": "2026-12-24"})
    (due,) = state["dates"]["due"]
    assert [s["date"] for s in due["skipped"]] == ["2026-12-25", "2027-01-01"]
    assert "vrijdag 25 december 2026 (Eerste kerstdag)" in due["counting"]
    assert "Veilig Thuis kan anders tellen" in due["counting"]
    assert "5 mei" in state["dates"]["rule"] and "Veilig Thuis kan anders tellen" in state["dates"]["rule"]


def test_5_mei_outside_a_lustrum_year_is_counted_and_said() -> None:
    """Our rule: 5 mei 2026 counts as werkdag (earlier date), and the page says the law differs."""
    state = call("state", answers=NO_HELP, dates={"melding": "2026-04-30"})
    (due,) = state["dates"]["due"]
    # Thu 30 April: Fri 1, Mon 4, Tue 5 (counted), Wed 6, Thu 7 May.
    assert due["earliest"] == "2026-05-07"
    assert [c["date"] for c in due["counted"]] == ["2026-05-05"]
    assert "Algemene termijnenwet" in due["counting"]


@pytest.mark.parametrize(("day", "why"), [("2027-02-06", "zaterdag"), ("2026-12-25", "Eerste kerstdag"),
                                          ("2027-03-26", "Goede Vrijdag")])
def test_a_termijn_on_a_weekend_or_feestdag_is_not_accepted_silently(day: str, why: str) -> None:
    state = call("state", answers=[["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"]],
                 dates={"verwijzing": "2026-12-01", "termijn": day})
    need = {n["basis"]: n for n in state["dates"]["needed"]}
    assert why.lower() in need["termijn"]["warning"].lower() and "geen werkdag" in need["termijn"]["warning"]
    assert need["termijn"]["problem"] == "" and need["verwijzing"]["warning"] == ""
    assert any(d["id"] == "einde-termijn" and d["earliest"] == day for d in state["dates"]["due"])


def test_going_back_shows_the_earlier_choice() -> None:
    state = call("state", answers=[["afweging-2", "nee"]], chosen={"afweging-3": "nee"})
    assert state["question"]["given"] == "nee"


@pytest.mark.parametrize(("name", "args", "message", "field"), [
    ("state", {"answers": [["afweging-2", "misschien"]]}, "geen antwoord op afweging-2", "answers"),
    ("state", {"answers": [["afweging-3", "ja"]]}, "nu is 'afweging-2' aan de beurt", "answers"),
    ("state", {"answers": [["afweging-2"]]}, "paren", "answers"),
    ("state", {"antwoorden": []}, "onbekend argument `antwoorden`", "antwoorden"),
    ("state", {}, "`answers` ontbreekt", "answers"),
    ("state", {"answers": "afweging-2"}, "lijst van paren", "answers"),
    ("state", {"answers": [[2, "ja"]]}, "lijst van paren", "answers"),
    ("state", {"answers": [], "dates": ["2026-12-24"]}, "`dates` moet een object", "dates"),
    ("state", {"answers": [], "dates": {"melding": 20261224}}, "`dates` moet een object", "dates"),
    ("state", {"answers": [], "chosen": None}, "`chosen` moet een object", "chosen"),
    ("record", {"answers": [], "now": "gisteren"}, "ISO 8601", "now"),
    ("record", {"answers": [], "now": 5}, "`now` moet tekst", "now"),
    ("record", {"answers": [], "now": "2026-12-24T16:05:00", "notes": {"afweging-2": ["x"]}}, "`notes`",
     "notes"),
    ("ics", {"answers": []}, "`now` ontbreekt", "now"),
    ("note", {"text": None, "today": "2026-12-24"}, "`text` moet tekst", "text"),
    ("note", {"text": "x", "today": "24-12-2026"}, "JJJJ-MM-DD", "today"),
    ("note", {"text": "x", "today": "9999-99-99"}, "JJJJ-MM-DD", "today"),
    ("practice", {"case": "bestaat-niet", "answers": []}, "onbekende casus", "case"),
    ("practice", {"case": 3, "answers": []}, "`case` moet tekst", "case"),
    ("onzin", {}, "onbekende functie", None),
])
def test_wrong_input_gives_a_dutch_bad_request(name: str, args: dict[str, Any], message: str,
                                               field: str | None) -> None:
    error = call(name, **args)["error"]
    assert error["kind"] == "bad-request"
    assert message in error["message"] and error["field"] == field


@pytest.mark.parametrize("payload", ["[1, 2]", "niet json", '"tekst"', "null"])
def test_a_payload_that_is_no_object_is_a_bad_request(payload: str) -> None:
    error = json.loads(api.call("state", payload))["error"]
    assert error["kind"] == "bad-request" and "JSON" in error["message"]


def test_a_bug_inside_a_handler_is_internal_not_bad_input(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(**_: Any) -> Any:
        raise KeyError("een fout in de code")

    monkeypatch.setitem(api.HANDLERS, "paths", broken)
    error = json.loads(api.call("paths", "{}"))["error"]
    assert error["kind"] == "internal"
    assert error["detail"].startswith("KeyError") and "niet aan wat je invulde" in error["message"]
    assert "Traceback" in capsys.readouterr().err


def test_record_and_ics_files() -> None:
    answers = [["afweging-2", "nee"], ["afweging-3", "nee"]]
    made = call("record", answers=answers, now="2026-12-24T16:05:00+01:00", dates={"melding": "2026-12-24"},
                notes={"afweging-2": "Zorgen na het gesprek."})
    assert made["filename"] == "zelfcheck-meldcode-2026-12-24-1605.md"
    assert "Zorgen na het gesprek." in made["text"]
    cal = call("ics", answers=answers, now="2026-12-24T16:05:00+01:00", dates={"melding": "2026-12-24"})
    assert cal["filename"].endswith(".ics") and cal["events"] == 1
    assert "DTSTART;VALUE=DATE:20270104" in cal["text"]


def test_ics_uids_differ_between_cases_with_the_same_dates() -> None:
    """Two cases with the same dates (the bug: same UIDs, so a calendar kept only the second)."""
    def parsed(text: str) -> set[str]:
        return {str(e["UID"]) for e in Calendar.from_ical(text).walk("VEVENT")}

    def uids(**args: Any) -> set[str]:
        made = call("ics", now="2026-12-24T16:05:00+01:00", dates={"melding": "2026-12-24"}, **args)
        return parsed(made["text"])

    direct = uids(answers=NO_HELP)
    doubt = uids(answers=[["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "nee"]])
    assert len(direct) == len(doubt) == 1 and not direct & doubt
    assert uids(answers=NO_HELP) == direct  # the same export: the same file
    later = call("ics", answers=NO_HELP, now="2026-12-24T16:06:00+01:00",
                 dates={"melding": "2026-12-24"})["text"]
    assert not direct & parsed(later)
    random_id = "0f8fad5b-d9cb-469f-a165-70867728950e"
    chosen = uids(answers=NO_HELP, export=random_id)
    assert chosen == {"0f8fad5bd9cb469fa16570867728950e-besluit-veilig-thuis@zelfcheck.meldcode-stap5"}
    assert call("ics", answers=[], now="2026-12-24T16:05:00", export="x")["error"]["field"] == "export"


def test_practice_checks_its_answers() -> None:
    from protocol import cases

    case = cases.default().cases[0]
    error = call("practice", case=case.id, answers=["onzin"])["error"]
    assert error["kind"] == "bad-request" and "'onzin' is geen antwoord" in error["message"]
    too_many = ["ja"] * (len(case.steps) + 1)
    assert call("practice", case=case.id, answers=too_many)["error"]["kind"] == "bad-request"


def test_note_check() -> None:
    result = call("note", text="Moeder Sanne belde.", today="2026-12-24")
    assert result["findings"] == [{"kind": "naam", "text": "Sanne"}]
    assert result["warning"].startswith("Let op")
    quiet = call("note", text="Moeder belde, het kind is 8.", today="2026-12-24")
    assert quiet == {"findings": [], "warning": ""}


def test_paths_lists_the_six_paths() -> None:
    assert call("paths")["paths"] == [[list(p) for p in w.answers] for w in PATHS]
    assert len(PATHS) == 6


def test_our_texts_say_datums_for_dates() -> None:
    """'Data' is Dutch for data too; for dates the page says 'datums'."""
    for key, text in api.TEXTS.items():
        assert not re.search(r"\b[Dd]ata\b", text), key
    assert api.TEXTS["dates_title"] == "Datums"
