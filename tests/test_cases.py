"""The training cases: each runs through the engine to its stated outcome, and together they cover
every outcome, every answer and every path. A broken case file is refused with a clear message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import protocol
from protocol import api, cases, engine
from protocol.errors import ProtocolError

P = protocol.default()
BOOK = cases.default()
CASE_FILE = Path(cases.default_path())


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_expected_answers_end_at_the_stated_outcome(case: cases.Case) -> None:
    # Walk with the engine directly (not through the loader's own check) and compare.
    for rnd in case.rounds:
        w = engine.walk(P, rnd.answers)
        assert w.finished, f"{case.id}: de antwoorden stoppen bij {w.current.id}"
        assert w.current.id == rnd.outcome


@pytest.mark.parametrize("outcome", P.outcomes, ids=lambda o: f"uitkomst={o.id}")
def test_some_case_reaches_every_outcome(outcome: protocol.Outcome) -> None:
    reached = {w.current.id for c in BOOK.cases for w in cases.walks(P, c)}
    assert outcome.id in reached


@pytest.mark.parametrize(
    "pair", [(q.id, a.id) for q in P.questions for a in q.answers], ids=lambda p: f"{p[0]}={p[1]}")
def test_some_case_gives_every_answer(pair: tuple[str, str]) -> None:
    given = {a for c in BOOK.cases for w in cases.walks(P, c) for a in w.answers}
    assert pair in given


@pytest.mark.parametrize("path", engine.paths(P), ids=lambda w: w.key)
def test_some_case_follows_every_path(path: engine.Walk) -> None:
    keys = {w.key for c in BOOK.cases for w in cases.walks(P, c)}
    assert path.key in keys


def test_coverage_gaps_is_empty_and_can_report() -> None:
    assert cases.coverage_gaps(P, BOOK) == []
    only_first = cases.Casebook(BOOK.cases[:1], BOOK.path)
    gaps = cases.coverage_gaps(P, only_first)
    assert any("hulp-afsluiten" in g for g in gaps)
    assert any("afweging-2" in g and "'nee'" in g for g in gaps)


@pytest.mark.parametrize("setting", list(cases.SETTINGS), ids=str)
def test_every_kind_of_school_has_a_case(setting: str) -> None:
    assert any(c.setting == setting for c in BOOK.cases)


def test_at_least_ten_cases() -> None:
    assert len(BOOK.cases) >= 10


# The situations the issue asks for, each as a predicate over a case.
REQUIRED: dict[str, Callable[[cases.Case], bool]] = {
    "twijfel bij afweging 2": lambda c: ("afweging-2", "twijfel") in c.rounds[0].answers,
    "acuut onveilig terwijl school kan helpen (Belangrijk)":
        lambda c: "belangrijk" in c.sections and c.outcome == "melden-direct",
    "hulp geweigerd": lambda c: any(r.outcome == "melden-hulp-geweigerd" for r in c.rounds),
    "hulp zonder resultaat in de termijn": lambda c: c.outcome == "melden-hulp-onvoldoende",
    "gezin verhuist": lambda c: c.situation == "verhuizing",
    "nieuwe signalen na afsluiten van hulp":
        lambda c: len(c.rounds) > 1 and c.rounds[0].outcome == "hulp-afsluiten",
}


@pytest.mark.parametrize("name", list(REQUIRED), ids=str)
def test_the_situations_the_issue_names_have_a_case(name: str) -> None:
    assert any(REQUIRED[name](c) for c in BOOK.cases), name


def test_case_file_copies_no_protocol_text() -> None:
    """Quotes come from the protocol model; the case file holds none of them."""
    raw = CASE_FILE.read_text(encoding="utf-8")
    quotes = [q.text for q in P.questions] + [a.source for q in P.questions for a in q.answers]
    quotes += [t for o in P.outcomes for t in o.text] + [i for s in P.sections for i in s.items]
    quotes += [f.text for f in P.footnotes]
    copied = [q for q in quotes if len(q) > 25 and q in raw]
    assert copied == []


# --- validation: a broken case file is refused, naming the file, the case and the fix ----------

VALID = CASE_FILE.read_text(encoding="utf-8")
FIRST = "blauwe-plekken-groep-6"
BROKEN = {
    "onbekend-antwoord": (
        ('answer = "ja"\nwhy = "Sanne', 'answer = "misschien"\nwhy = "Sanne'),
        [FIRST, "'misschien' is geen antwoord op afweging-2", "kies uit: ja, twijfel, nee"]),
    "onbekende-afweging": (
        ('question = "afweging-2"\nanswer = "ja"\nwhy = "Sanne',
         'question = "afweging-9"\nanswer = "ja"\nwhy = "Sanne'),
        [FIRST, "'afweging-9' is geen afweging", "afweging-2"]),
    "verkeerde-uitkomst": (
        ('outcome = "melden-direct"\nsituation = ""\nsections = []\n\n[[cases.steps]]\n'
         'question = "afweging-2"\nanswer = "ja"\nwhy = "Sanne',
         'outcome = "hulp-afsluiten"\nsituation = ""\nsections = []\n\n[[cases.steps]]\n'
         'question = "afweging-2"\nanswer = "ja"\nwhy = "Sanne'),
        [FIRST, "noemt uitkomst 'hulp-afsluiten'", "eindigt", "melden-direct", 'outcome = "melden-direct"']),
    "onbekende-uitkomst": (
        ('outcome = "melden-direct"\nsituation = ""\nsections = []\n\n[[cases.steps]]\n'
         'question = "afweging-2"\nanswer = "ja"\nwhy = "Sanne',
         'outcome = "melden-nu"\nsituation = ""\nsections = []\n\n[[cases.steps]]\n'
         'question = "afweging-2"\nanswer = "ja"\nwhy = "Sanne'),
        [FIRST, "'melden-nu' is geen uitkomst"]),
    "antwoorden-stoppen-te-vroeg": (
        ('answer = "nee"\nwhy = "De hulp die nodig is', 'answer = "ja"\nwhy = "De hulp die nodig is'),
        ["geen-passende-hulp", "stoppen bij 'afweging-4'", "antwoord op 'afweging-4'"]),
    "verkeerde-volgorde": (
        ('question = "afweging-3"\nanswer = "nee"\nwhy = "De hulp die nodig is',
         'question = "afweging-4"\nanswer = "nee"\nwhy = "De hulp die nodig is'),
        ["geen-passende-hulp", "steps nr. 2", "'afweging-3' aan de beurt"]),
    "onbekende-situatie": (
        ('situation = "verhuizing"', 'situation = "emigratie"'),
        ["gezin-verhuist", "situatie 'emigratie'", "verhuizing"]),
    "sectie-hoort-niet-bij-pad": (
        ('sections = ["belangrijk"]', 'sections = ["bij-verhuizing"]'),
        ["mes-thuis-mbo", "'bij-verhuizing' hoort niet bij", "belangrijk"]),
    "onbekende-lus": (
        ('loop = "opnieuw-na-hulp"', 'loop = "opnieuw"'),
        ["nieuwe-signalen-na-afsluiten", "follow_up > loop", "opnieuw-na-hulp"]),
    "lus-past-niet-bij-uitkomst": (
        ('loop = "opnieuw-na-hulp"', 'loop = "opnieuw-na-melding"'),
        ["nieuwe-signalen-na-afsluiten", "begint niet bij 'hulp-afsluiten'", "opnieuw-na-hulp"]),
    "dubbele-casus": (
        ('id = "twijfel-na-mentorgesprek"', f'id = "{FIRST}"'),
        [FIRST, "twee keer"]),
    "onbekende-schoolsoort": (
        ('setting = "po"', 'setting = "hbo"'), [FIRST, "setting", "po, vo, mbo, leerplicht"]),
    "geen-toml": (('[[cases]]', '[[cases]'), ["geen geldige TOML"]),
    "onbekend-veld": (('situation = ""', 'situaton = ""'), [FIRST, "`situaton` ken ik niet"]),
    "onbekend-veld-in-stap": (('why = "Sanne', 'waarom = "Sanne'), [FIRST, "`waarom` ken ik niet"]),
}


@pytest.mark.parametrize("name", list(BROKEN), ids=str)
def test_broken_case_file_is_refused_with_the_fix(name: str) -> None:
    (old, new), expected = BROKEN[name]
    assert old in VALID, f"de test past niet meer bij casussen.toml: '{old[:40]}' ontbreekt"
    broken = VALID.replace(old, new, 1)
    with pytest.raises(ProtocolError) as caught:
        cases.parse(P, broken.encode("utf-8"), "casussen.toml")
    message = str(caught.value)
    assert message.startswith("casussen.toml: ")
    assert "Oplossing:" in message
    for part in expected:
        assert part in message


# --- practice feedback -------------------------------------------------------------------------


def test_a_wrong_answer_is_marked_and_quotes_both_answers_from_the_protocol() -> None:
    case = BOOK.case("geen-passende-hulp")
    out = cases.practice(P, case, ["twijfel"])
    turn = out["feedback"][0]
    q = P.question("afweging-2")
    assert turn["correct"] is False
    assert turn["question"]["text"] == q.text
    assert turn["given"]["source"] == q.answer("twijfel").source  # type: ignore[union-attr]
    assert turn["expected"]["source"] == q.answer("nee").source  # type: ignore[union-attr]
    assert turn["given"]["leads_to"] == "melden-direct"
    assert out["next"]["question"]["id"] == "afweging-3"
    assert out["result"] is None
    assert out["highlight"]["given"]["edges"] == ["edge-afweging-2--melden-direct"]
    assert out["highlight"]["expected"]["edges"] == ["edge-afweging-2--afweging-3"]


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_answer_key_scores_full_and_ends_at_outcome(case: cases.Case) -> None:
    key = cases.answer_key(P, case)
    assert key["next"] is None
    assert key["result"]["correct"] == key["result"]["total"] == len(case.turns)
    assert key["result"]["outcome"]["id"] == case.outcome
    assert key["highlight"]["expected"] == key["highlight"]["given"]
    assert f"node-{case.outcome}" in key["highlight"]["expected"]["nodes"]


def test_follow_up_round_brings_its_story_and_loop() -> None:
    case = BOOK.case("nieuwe-signalen-na-afsluiten")
    first = [s.answer for s in case.rounds[0].steps]
    out = cases.practice(P, case, first)
    assert out["next"]["story"] == list(case.rounds[1].story)
    assert out["next"]["loop"]["label"] == P.loops[0].label
    done = cases.practice(P, case, [*first, "ja"])
    assert "edge-hulp-afsluiten--opnieuw-na-hulp" in done["highlight"]["expected"]["edges"]
    assert "node-opnieuw-na-hulp" in done["highlight"]["given"]["nodes"]


def test_the_browser_door_gives_the_same_feedback_as_json() -> None:
    case = BOOK.cases[0]
    raw = api.call("practice", json.dumps({"case": case.id, "answers": ["nee"]}))
    assert json.loads(raw) == json.loads(json.dumps(cases.practice(P, case, ["nee"])))
    assert "error" in json.loads(api.call("practice", json.dumps({"case": "bestaat-niet", "answers": []})))
    assert "error" in json.loads(api.call("practice", json.dumps({"case": case.id, "answers": ["ja", "ja"]})))


def test_highlight_ids_exist_on_the_flowchart() -> None:
    """Every node and edge a practice run can light up is drawn by the flowchart (protocol/graph.py)."""
    from protocol.graph import build

    graph = build(P)
    drawn = {n.dom_id for n in graph.nodes} | {e.dom_id for e in graph.edges}
    lit: set[str] = set()
    for case in BOOK.cases:
        for _, step in case.turns:
            for other in P.question(step.question).answers:
                given = [s.answer for _, s in case.turns]
                index = [s for _, s in case.turns].index(step)
                given[index] = other.id
                for path in cases.practice(P, case, given)["highlight"].values():
                    lit |= set(path["nodes"]) | set(path["edges"])
    assert lit - drawn == set()
    assert {f"node-{o.id}" for o in P.outcomes} <= lit
