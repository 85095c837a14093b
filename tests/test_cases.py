"""The training cases: each runs through the engine to its stated outcome, and together they cover
every outcome, every answer and every path. A case with a signal of unsafety never expects NEE at the
first afweging, JA and twijfel score the same, and practice gives nothing away before the trainee
answers. A broken case file is refused with a clear message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import protocol
from protocol import api, cases, engine, feedback, signals
from protocol.errors import ProtocolError

P = protocol.default()
BOOK = cases.default()
CASE_FILE = Path(cases.default_path())
# Every outcome the afwegingen can reach (an outcome reached only through a loop is no case's end).
PATH_OUTCOMES = [o for o in P.outcomes if o.id in {w.current.id for w in engine.paths(P)}]


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_expected_answers_end_at_the_stated_outcome(case: cases.Case) -> None:
    # Walk with the engine directly (not through the loader's own check) and compare.
    w = engine.walk(P, case.answers)
    assert w.finished, f"{case.id}: de antwoorden stoppen bij {w.current.id}"
    assert w.current.id == case.outcome


@pytest.mark.parametrize("outcome", PATH_OUTCOMES, ids=lambda o: f"uitkomst={o.id}")
def test_some_case_reaches_every_outcome(outcome: protocol.Outcome) -> None:
    reached = {cases.walk(P, c).current.id for c in BOOK.cases}
    assert outcome.id in reached


@pytest.mark.parametrize(
    "pair", [(q.id, a.id) for q in P.questions for a in q.answers], ids=lambda p: f"{p[0]}={p[1]}")
def test_some_case_gives_every_answer(pair: tuple[str, str]) -> None:
    given = {a for c in BOOK.cases for a in cases.walk(P, c).answers}
    assert pair in given


@pytest.mark.parametrize("path", engine.paths(P), ids=lambda w: w.key)
def test_some_case_follows_every_path(path: engine.Walk) -> None:
    keys = {cases.walk(P, c).key for c in BOOK.cases}
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
    "twijfel bij afweging 2": lambda c: ("afweging-2", "twijfel") in c.answers,
    "verwaarlozing zonder geweld": lambda c: "verwaarlozing" in c.signals and c.outcome == "melden-direct",
    "ouder met ernstige psychische problemen":
        lambda c: "psychiatrie-ouder" in c.signals and c.outcome == "melden-direct",
    "acuut onveilig terwijl school kan helpen (Belangrijk)":
        lambda c: "belangrijk" in c.sections and c.outcome == "melden-direct",
    "hulp geweigerd": lambda c: c.outcome == "melden-hulp-geweigerd",
    "hulp zonder resultaat in de termijn": lambda c: c.outcome == "melden-hulp-onvoldoende",
    "gezin verhuist": lambda c: c.situation == "verhuizing",
    "nieuwe signalen na afsluiten van hulp":
        lambda c: c.follow_up is not None and c.outcome == "hulp-afsluiten",
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


# --- the rules of afweging 2: JA or twijfel, nothing given away ----------------------------------
# The rule "a signal of unsafety never expects NEE" is checked on the raw file in test_case_rules.py.

MELDING_AT_START = {a.id for a in P.question(P.start).answers
                    if isinstance(P.node(a.to), protocol.Outcome) and P.outcome(a.to).category == "melden"}


def test_the_cases_use_both_kinds_of_signal() -> None:
    """Cases with NEE at afweging 2 exist (coverage) and name only concerns; others name unsafety."""
    nee = [c for c in BOOK.cases if c.steps[0].answer not in MELDING_AT_START]
    assert nee and all(not c.unsafe_signals for c in nee)
    assert any(c.unsafe_signals for c in BOOK.cases)


SAME_AS_JA = [(c, other) for c in BOOK.cases for other in ("ja", "twijfel")
              if c.steps[0].answer in ("ja", "twijfel")]


@pytest.mark.parametrize("case,given", SAME_AS_JA, ids=lambda x: x if isinstance(x, str) else x.id)
def test_ja_and_twijfel_score_the_same(case: cases.Case, given: str) -> None:
    answers = [given] + [s.answer for s in case.steps[1:]]
    out = feedback.practice(P, case, answers)
    turn = out["feedback"][0]
    assert turn["correct"] is True
    assert turn["same_branch"] is (given != case.steps[0].answer)
    assert out["result"]["correct"] == out["result"]["total"]


def test_nee_is_wrong_where_ja_is_expected_and_ja_or_twijfel_where_nee_is() -> None:
    ja = next(c for c in BOOK.cases if c.steps[0].answer == "ja")
    assert feedback.practice(P, ja, ["nee"])["feedback"][0]["correct"] is False
    nee = BOOK.case("moeder-overziet-het-niet")
    for given in ("ja", "twijfel"):
        assert feedback.practice(P, nee, [given])["feedback"][0]["correct"] is False


@pytest.mark.parametrize("case", BOOK.cases, ids=lambda c: c.id)
def test_practice_gives_nothing_away_before_the_answer(case: cases.Case) -> None:
    """Before each answer, the feedback holds the words of the answered steps only."""
    secrets = [case.focus, *(signals.signal(s).label for s in case.signals)]
    if case.follow_up:
        secrets += [*case.follow_up.story, case.follow_up.why]
    expected = [s.answer for s in case.steps]
    for answered in range(len(case.steps)):
        out = json.dumps(feedback.practice(P, case, expected[:answered]), ensure_ascii=False)
        assert out.count("\"result\": null") == 1
        for secret in [*secrets, *(s.why for s in case.steps[answered:])]:
            assert json.dumps(secret, ensure_ascii=False)[1:-1] not in out, secret[:60]


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
        ["moeder-overziet-het-niet", "stoppen bij 'afweging-4'", "antwoord op 'afweging-4'"]),
    "verkeerde-volgorde": (
        ('question = "afweging-3"\nanswer = "nee"\nwhy = "De hulp die nodig is',
         'question = "afweging-4"\nanswer = "nee"\nwhy = "De hulp die nodig is'),
        ["moeder-overziet-het-niet", "steps nr. 2", "'afweging-3' aan de beurt"]),
    "onbekende-situatie": (
        ('situation = "verhuizing"', 'situation = "emigratie"'),
        ["gezin-verhuist", "situatie 'emigratie'", "verhuizing"]),
    "sectie-hoort-niet-bij-pad": (
        ('sections = ["belangrijk"]', 'sections = ["daarnaast"]'),
        ["honger-en-vuile-kleren", "'daarnaast' hoort niet bij", "belangrijk"]),
    "onbekende-lus": (
        ('loop = "opnieuw-na-hulp"', 'loop = "opnieuw"'),
        ["scheiding-en-later", "follow_up > loop", "opnieuw-na-hulp"]),
    "lus-past-niet-bij-uitkomst": (
        ('loop = "opnieuw-na-hulp"', 'loop = "opnieuw-na-melding"'),
        ["scheiding-en-later", "begint niet bij 'hulp-afsluiten'", "opnieuw-na-hulp"]),
    "dubbele-casus": (
        ('id = "stille-leerling"', f'id = "{FIRST}"'),
        [FIRST, "twee keer"]),
    "onbekende-schoolsoort": (
        ('setting = "po"', 'setting = "hbo"'), [FIRST, "setting", "po, vo, mbo, leerplicht"]),
    "geen-toml": (('[[cases]]', '[[cases]'), ["geen geldige TOML"]),
    "onbekend-veld": (('situation = ""', 'situaton = ""'), [FIRST, "`situaton` ken ik niet"]),
    "onbekend-veld-in-stap": (('why = "Sanne', 'waarom = "Sanne'), [FIRST, "`waarom` ken ik niet"]),
    "onbekend-signaal": (
        ('"acuut-gevaar"]', '"acuut-gevar"]'),
        [FIRST, "> signals", "het signaal 'acuut-gevar' ken ik niet", "acuut-gevaar", "SIGNALS"]),
    "geen-signalen": (
        ('signals = ["geweld-tegen-kind", "acuut-gevaar"]', "signals = []"), [FIRST, "`signals` is leeg"]),
    "onbekend-signaal-in-vervolg": (
        ('signals = ["geweld-tegen-kind"]', 'signals = ["slaan"]'),
        ["scheiding-en-later", "follow_up > signals", "'slaan' ken ik niet"]),
    # The rule of afweging 2: a signal of unsafety or doubt with NEE is refused.
    "structurele-onveiligheid-met-nee": (
        ('signals = ["ingrijpende-gebeurtenis", "ouder-overbelast"]',
         'signals = ["ingrijpende-gebeurtenis", "ouder-overbelast", "verwaarlozing"]'),
        ["moeder-overziet-het-niet", "steps nr. 1 > answer", "'verwaarlozing' (structurele onveiligheid)",
         "het antwoord NEE", "JA of TWIJFEL (direct melden)"]),
    "twijfel-met-nee": (
        ('signals = ["ingrijpende-gebeurtenis", "spanning-thuis", "gedrag-kind"]',
         'signals = ["ingrijpende-gebeurtenis", "spanning-thuis", "gedrag-kind", "onduidelijk-beeld"]'),
        ["ruzie-over-geld", "'onduidelijk-beeld' (twijfel over de veiligheid)", "NEE"]),
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
    case = BOOK.case("moeder-overziet-het-niet")
    out = feedback.practice(P, case, ["twijfel"])
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
    key = feedback.answer_key(P, case)
    assert key["next"] is None
    assert key["result"]["correct"] == key["result"]["total"] == len(case.steps)
    assert key["result"]["outcome"]["id"] == case.outcome
    assert key["highlight"]["expected"] == key["highlight"]["given"]
    assert f"node-{case.outcome}" in key["highlight"]["expected"]["nodes"]


def test_follow_up_comes_with_the_result_and_quotes_the_loops_section() -> None:
    case = BOOK.case("scheiding-en-later")
    assert case.follow_up is not None
    answers = [s.answer for s in case.steps]
    assert feedback.practice(P, case, answers[:-1])["result"] is None
    done = feedback.practice(P, case, answers)
    later = done["result"]["follow_up"]
    loop = next(x for x in P.loops if x.id == case.follow_up.loop)
    assert later["story"] == list(case.follow_up.story)
    assert later["why"] == case.follow_up.why
    assert (later["label"], later["explanation"]) == (loop.label, loop.explanation)
    assert later["section"]["items"] == list(P.section(loop.section).items)
    assert f"edge-{case.outcome}--{loop.id}" in done["highlight"]["expected"]["edges"]
    assert f"node-{loop.id}" in done["highlight"]["given"]["nodes"]


def test_the_browser_door_gives_the_same_feedback_as_json() -> None:
    case = BOOK.cases[0]
    raw = api.call("practice", json.dumps({"case": case.id, "answers": ["nee"]}))
    assert json.loads(raw) == json.loads(json.dumps(feedback.practice(P, case, ["nee"])))
    assert "error" in json.loads(api.call("practice", json.dumps({"case": "bestaat-niet", "answers": []})))
    assert "error" in json.loads(api.call("practice", json.dumps({"case": case.id, "answers": ["ja", "ja"]})))


def test_highlight_ids_exist_on_the_flowchart() -> None:
    """Every node and edge a practice run can light up is drawn by the flowchart (render/graph.py)."""
    from site_src.render.graph import build

    graph = build(P)
    drawn = {n.dom_id for n in graph.nodes} | {e.dom_id for e in graph.edges}
    lit: set[str] = set()
    for case in BOOK.cases:
        for index, step in enumerate(case.steps):
            for other in P.question(step.question).answers:
                given = [s.answer for s in case.steps]
                given[index] = other.id
                for path in feedback.practice(P, case, given)["highlight"].values():
                    lit |= set(path["nodes"]) | set(path["edges"])
    assert lit - drawn == set()
    assert {f"node-{o.id}" for o in PATH_OUTCOMES} <= lit
