"""Training cases (casussen): situations we wrote, with the answer the protocol expects at every afweging.

The case file holds only our own words (story, focus, why) and ids that point into the protocol.
Every quote shown with a case (the text of an afweging, the `source` of an answer, the text of an
outcome or section) comes from the protocol model, so it cannot drift from the meldcode.

Loading checks each case against the protocol and the engine: unknown ids, answers given in the
wrong order, and a stated outcome that is not where the engine ends all stop with a ProtocolError
naming the file, the case and the fix. Standard library only (this also runs in Pyodide).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, NoReturn, cast

from . import engine, tomlfile
from .datafiles import data_file
from .errors import ProtocolError
from .fields import Table
from .load import default as default_protocol
from .model import Action, Loop, Outcome, Protocol, Question, Section

DEFAULT_NAME = "casussen.toml"

Setting = Literal["po", "vo", "mbo", "leerplicht"]
SETTINGS: dict[Setting, str] = {
    "po": "Basisschool",
    "vo": "Voortgezet onderwijs",
    "mbo": "Mbo",
    "leerplicht": "Leerplicht",
}


@dataclass(frozen=True)
class CaseStep:
    """The answer the protocol expects at one afweging, and why (our words)."""

    question: str
    answer: str
    why: str


@dataclass(frozen=True)
class Round:
    """One pass through the afwegingen. A follow-up round starts again through a protocol loop."""

    story: tuple[str, ...]
    loop: str
    steps: tuple[CaseStep, ...]
    outcome: str

    @property
    def answers(self) -> tuple[engine.AnswerPair, ...]:
        return tuple((s.question, s.answer) for s in self.steps)


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    setting: Setting
    focus: str
    situation: str
    sections: tuple[str, ...]
    rounds: tuple[Round, ...]

    @property
    def setting_label(self) -> str:
        return SETTINGS[self.setting]

    @property
    def outcome(self) -> str:
        """Where the case ends: the outcome of its last round."""
        return self.rounds[-1].outcome

    @property
    def turns(self) -> tuple[tuple[int, CaseStep], ...]:
        """Every expected answer in practice order, with the index of its round."""
        return tuple((i, step) for i, r in enumerate(self.rounds) for step in r.steps)


@dataclass(frozen=True)
class Casebook:
    cases: tuple[Case, ...]
    path: str

    def case(self, case_id: str) -> Case:
        for case in self.cases:
            if case.id == case_id:
                return case
        raise KeyError(f"onbekende casus '{case_id}'")


def default_path() -> str:
    return data_file(DEFAULT_NAME)


@cache
def default() -> Casebook:
    """The package's own cases, checked against the package's own protocol, read once."""
    return load(default_protocol(), default_path())


def load(protocol: Protocol, path: str | Path) -> Casebook:
    data, _, name = tomlfile.read(path)
    return _checked(protocol, data, name)


def parse(protocol: Protocol, raw: bytes, name: str) -> Casebook:
    return _checked(protocol, tomlfile.parse(raw, name), name)


def _checked(protocol: Protocol, data: dict[str, Any], name: str) -> Casebook:
    root = Table(name, "", data)
    cases = tuple(_case(t) for t in root.tables("cases", "cases"))
    book = Casebook(cases, name)
    validate(protocol, book)
    return book


CASE_KEYS = ("id", "title", "setting", "focus", "story", "outcome", "situation", "sections", "steps",
             "follow_up")
FOLLOW_UP_KEYS = ("loop", "story", "outcome", "steps")
STEP_KEYS = ("question", "answer", "why")


def _known_keys(t: Table, keys: tuple[str, ...]) -> None:
    """A misspelt field would silently be ignored; refuse it instead."""
    for key in t.data:
        if key not in keys:
            t.fail(f"het veld `{key}` ken ik niet", f"gebruik alleen: {', '.join(keys)}.")


def _case(t: Table) -> Case:
    _known_keys(t, CASE_KEYS)
    first = Round(
        story=t.texts("story"),
        loop="",
        steps=tuple(_step(s) for s in t.tables("steps", "steps")),
        outcome=t.slug("outcome"),
    )
    rounds = [first]
    if "follow_up" in t.data:
        f = Table(t.path, f"{t.place} > follow_up", t.data["follow_up"])
        _known_keys(f, FOLLOW_UP_KEYS)
        rounds.append(Round(
            story=f.texts("story"),
            loop=f.slug("loop"),
            steps=tuple(_step(s) for s in f.tables("steps", "steps")),
            outcome=f.slug("outcome"),
        ))
    return Case(
        id=t.slug(),
        title=t.text("title"),
        setting=cast(Setting, t.choice("setting", tuple(SETTINGS))),
        focus=t.text("focus"),
        situation=t.text("situation", required=False),
        sections=t.texts("sections", required=False),
        rounds=tuple(rounds),
    )


def _step(t: Table) -> CaseStep:
    _known_keys(t, STEP_KEYS)
    return CaseStep(t.slug("question"), t.slug("answer"), t.text("why"))


# --- validation -------------------------------------------------------------------------------


def validate(protocol: Protocol, book: Casebook) -> None:
    seen: set[str] = set()
    for case in book.cases:
        if case.id in seen:
            raise ProtocolError(book.path, f"cases '{case.id}'", f"de casus '{case.id}' komt twee keer voor",
                                "geef elke casus een eigen id.")
        seen.add(case.id)
        _check_case(protocol, book.path, case)


def _check_case(p: Protocol, path: str, case: Case) -> None:
    def fail(place: str, problem: str, fix: str) -> NoReturn:
        raise ProtocolError(path, f"cases '{case.id}'{place}", problem, fix)

    previous: engine.Walk | None = None
    for index, rnd in enumerate(case.rounds):
        where = " > follow_up" if index else ""
        if index:
            assert previous is not None
            loop = next((x for x in p.loops if x.id == rnd.loop), None)
            if loop is None:
                fail(f"{where} > loop", f"de lus '{rnd.loop}' bestaat niet in het protocol",
                     f"gebruik een van: {', '.join(x.id for x in p.loops)}.")
            here = engine.stage(previous)
            if not set(loop.sources) & set(here):
                fail(f"{where} > loop", f"de lus '{loop.id}' begint niet bij '{previous.current.id}', "
                     "waar de casus eerst eindigt",
                     f"kies een lus die begint bij {' of '.join(here)}: "
                     f"{', '.join(x.id for x in p.loops if set(x.sources) & set(here)) or '(geen)'}.")
            if loop.to != p.start:
                fail(f"{where} > loop", f"de lus '{loop.id}' gaat terug naar '{loop.to}'",
                     f"een vervolg begint opnieuw bij '{p.start}'.")
        if not rnd.steps:
            fail(f"{where} > steps", "de casus heeft geen antwoorden",
                 f"voeg [[cases.steps]] toe, te beginnen bij '{p.start}'.")
        answered: list[engine.AnswerPair] = []
        for number, step in enumerate(rnd.steps, start=1):
            place = f"{where} > steps nr. {number}"
            question = p.nodes.get(step.question)
            if not isinstance(question, Question):
                fail(f"{place} > question", f"'{step.question}' is geen afweging in het protocol",
                     f"gebruik een van: {', '.join(q.id for q in p.questions)}.")
            if question.answer(step.answer) is None:
                fail(f"{place} > answer", f"'{step.answer}' is geen antwoord op {question.id}",
                     f"kies uit: {', '.join(a.id for a in question.answers)}.")
            current = engine.walk(p, answered).current
            if current.id != question.id:
                fix = (f"het pad is al klaar bij '{current.id}'; haal deze stap weg"
                       if isinstance(current, Outcome) else
                       f"zet hier het antwoord op '{current.id}'")
                fail(place, f"na de vorige antwoorden is '{current.id}' aan de beurt, niet "
                     f"'{question.id}'", fix + ".")
            answered.append((step.question, step.answer))
        w = engine.walk(p, answered)
        if not isinstance(w.current, Outcome):
            fail(f"{where} > steps", f"de antwoorden stoppen bij '{w.current.id}'",
                 f"voeg een stap toe met het antwoord op '{w.current.id}'.")
        if rnd.outcome not in p.nodes or not isinstance(p.nodes[rnd.outcome], Outcome):
            fail(f"{where} > outcome", f"'{rnd.outcome}' is geen uitkomst in het protocol",
                 f"gebruik een van: {', '.join(o.id for o in p.outcomes)}.")
        if w.current.id != rnd.outcome:
            fail(f"{where} > outcome", f"de casus noemt uitkomst '{rnd.outcome}', maar de engine "
                 f"eindigt met deze antwoorden bij '{w.current.id}' ({w.key})",
                 f"zet `outcome = \"{w.current.id}\"`, of verander de antwoorden.")
        previous = w
    if case.situation and case.situation not in {s.id for s in p.situations}:
        fail(" > situation", f"de situatie '{case.situation}' bestaat niet in het protocol",
             f"gebruik een van: {', '.join(s.id for s in p.situations)}, of laat het veld leeg.")
    allowed = {s.id for s in _case_sections(p, case)}
    for section_id in case.sections:
        if section_id not in {s.id for s in p.sections}:
            fail(" > sections", f"de sectie '{section_id}' bestaat niet in het protocol",
                 f"gebruik een van: {', '.join(s.id for s in p.sections)}.")
        if section_id not in allowed:
            fail(" > sections", f"de sectie '{section_id}' hoort niet bij het pad of de situatie "
                 "van deze casus", f"kies uit: {', '.join(sorted(allowed))}.")


# --- what a case touches ----------------------------------------------------------------------


def walks(protocol: Protocol, case: Case) -> tuple[engine.Walk, ...]:
    """The engine's walk of every round of the case, with the expected answers."""
    return tuple(engine.walk(protocol, r.answers) for r in case.rounds)


def _case_sections(p: Protocol, case: Case) -> tuple[Section, ...]:
    """Every section that applies somewhere on the case's path, or to its situation."""
    on_path = (s for w in walks(p, case) for ident in w.node_ids for s in engine.duties(p, ident))
    return _with_situation(p, case, on_path)


def case_duties(protocol: Protocol, case: Case) -> tuple[Section, ...]:
    """What the school does at the end of the case: the duties of the outcome, then the situation's."""
    return _with_situation(protocol, case, engine.walk_duties(protocol, walks(protocol, case)[-1]))


def _with_situation(protocol: Protocol, case: Case, sections: Iterable[Section]) -> tuple[Section, ...]:
    """These sections, then those of the case's situation; each once, in that order."""
    situation = engine.situation_duties(protocol, case.situation) if case.situation else ()
    found: dict[str, Section] = {}
    for s in (*sections, *situation):
        found.setdefault(s.id, s)
    return tuple(found.values())


def highlighted_sections(protocol: Protocol, case: Case) -> tuple[Section, ...]:
    return tuple(protocol.section(s) for s in case.sections)


def loop_of(protocol: Protocol, rnd: Round) -> Loop | None:
    return next((x for x in protocol.loops if x.id == rnd.loop), None)


def coverage_gaps(protocol: Protocol, book: Casebook) -> list[str]:
    """What the cases together do not reach yet: outcomes and answers, as readable lines."""
    outcomes: set[str] = set()
    answers: set[engine.AnswerPair] = set()
    paths: set[str] = set()
    for case in book.cases:
        for w in walks(protocol, case):
            outcomes.add(w.current.id)
            answers.update(w.answers)
            paths.add(w.key)
    gaps = [f"geen casus eindigt bij uitkomst '{o.id}'" for o in protocol.outcomes if o.id not in outcomes]
    gaps += [f"geen casus geeft antwoord '{a.id}' op {q.id}"
             for q in protocol.questions for a in q.answers if (q.id, a.id) not in answers]
    gaps += [f"geen casus volgt het pad {w.key}" for w in engine.paths(protocol) if w.key not in paths]
    return gaps


# --- practice: the feedback after each answer -------------------------------------------------


def _question_json(p: Protocol, q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "number": q.number,
        "title": q.title,
        "text": q.text,
        "phase": p.phase(q.phase).text,
        "footnotes": [{"mark": p.footnote(f).mark, "text": p.footnote(f).text} for f in q.footnotes],
        "options": [{"id": a.id, "label": a.label} for a in q.answers],
    }


def _edges(p: Protocol, question: Question, answer_id: str) -> tuple[list[str], list[str]]:
    """The flowchart ids one answer passes through: the question, actions on the way, the target.

    The ids are the flowchart's (`node-<id>`, `edge-<from>--<to>`, see protocol/graph.py).
    """
    nodes = [f"node-{question.id}"]
    edges: list[str] = []
    node = engine.next_step(p, question.id, answer_id)
    edges.append(f"edge-{question.id}--{node.id}")
    while isinstance(node, Action):
        nodes.append(f"node-{node.id}")
        target = p.node(node.next)
        edges.append(f"edge-{node.id}--{target.id}")
        node = target
    nodes.append(f"node-{node.id}")
    return nodes, edges


def practice(protocol: Protocol, case: Case, given: Sequence[str]) -> dict[str, Any]:
    """Feedback for the answers a trainee gave so far, in practice order.

    Each answer is compared with the expected one at the same afweging; the case then goes on along
    the expected path. The browser asks through protocol/api.py (`call("practice", ...)`).
    Returns plain data (JSON-ready) for the page: the feedback per answer with
    the protocol quotes, the next question or the result, and the node/edge ids to highlight on
    the flowchart (`node-<id>`, `edge-<from>--<to>`) for the expected path and the trainee's.
    """
    turns = case.turns
    if len(given) > len(turns):
        raise ValueError(f"casus '{case.id}' heeft {len(turns)} afwegingen, niet {len(given)}")
    feedback: list[dict[str, Any]] = []
    expected_nodes: list[str] = []
    expected_edges: list[str] = []
    given_nodes: list[str] = []
    given_edges: list[str] = []
    round_walks = walks(protocol, case)
    for index, ((round_index, step), answer_id) in enumerate(zip(turns, given, strict=False)):
        question = protocol.question(step.question)
        chosen = question.answer(answer_id)
        if chosen is None:
            raise ValueError(f"'{answer_id}' is geen antwoord op {question.id}")
        expected = question.answer(step.answer)
        assert expected is not None  # validated on load
        target = protocol.node(chosen.to)
        n, e = _edges(protocol, question, step.answer)
        expected_nodes += n
        expected_edges += e
        n, e = _edges(protocol, question, answer_id)
        given_nodes += n
        given_edges += e
        if round_index and turns[index - 1][0] != round_index:
            loop = loop_of(protocol, case.rounds[round_index])
            if loop is not None:
                # The flowchart draws a loop as its own node that the step points to.
                source = round_walks[round_index - 1].current.id
                for nodes_, edges_ in ((expected_nodes, expected_edges), (given_nodes, given_edges)):
                    nodes_.append(f"node-{loop.id}")
                    edges_.append(f"edge-{source}--{loop.id}")
        feedback.append({
            "round": round_index,
            "question": _question_json(protocol, question),
            "given": {"id": chosen.id, "label": chosen.label, "source": chosen.source,
                      "leads_to": target.id, "leads_to_title": _node_title(target)},
            "expected": {"id": expected.id, "label": expected.label, "source": expected.source,
                         "reason": expected.reason},
            "correct": chosen.id == expected.id,
            "why": step.why,
        })
    result: dict[str, Any] | None = None
    upcoming: dict[str, Any] | None = None
    if len(given) < len(turns):
        round_index, step = turns[len(given)]
        starts_round = len(given) > 0 and turns[len(given) - 1][0] != round_index
        rnd = case.rounds[round_index]
        loop = loop_of(protocol, rnd) if starts_round else None
        upcoming = {
            "round": round_index,
            "story": list(rnd.story) if starts_round else [],
            "loop": {"label": loop.label, "explanation": loop.explanation} if loop else None,
            "question": _question_json(protocol, protocol.question(step.question)),
        }
    else:
        outcome = protocol.outcome(case.outcome)
        result = {
            "correct": sum(1 for f in feedback if f["correct"]),
            "total": len(turns),
            "outcome": {"id": outcome.id, "title": outcome.title, "text": list(outcome.text),
                        "explanation": outcome.explanation},
            "sections": [_section_json(s) for s in highlighted_sections(protocol, case)],
            "duties": [_section_json(s) for s in case_duties(protocol, case)],
        }
    return {
        "case": case.id,
        "feedback": feedback,
        "next": upcoming,
        "result": result,
        "highlight": {
            "expected": {"nodes": _unique(expected_nodes), "edges": _unique(expected_edges)},
            "given": {"nodes": _unique(given_nodes), "edges": _unique(given_edges)},
        },
    }


def answer_key(protocol: Protocol, case: Case) -> dict[str, Any]:
    """The full answer key of a case: the practice feedback when every answer is the expected one."""
    return practice(protocol, case, [step.answer for _, step in case.turns])


def _section_json(s: Section) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "items": list(s.items)}


def _node_title(node: Question | Action | Outcome) -> str:
    if isinstance(node, Question):
        return f"Afweging {node.number}: {node.title}"
    return node.title


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
