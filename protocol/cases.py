"""Training cases (casussen): situations we wrote, with the answer we expect at every afweging.

The expected answers are OUR reading of each case, not protocol text; the site says so. The case
file holds only our own words (story, focus, why) and ids that point into the protocol. Every
quote shown with a case (the text of an afweging, the `source` of an answer, the text of an
outcome, a loop's section) comes from the protocol model, so it cannot drift from the meldcode.

Each case names the signals it contains, from a fixed list (SIGNALS) that sorts them the way the
national afwegingskader does: acute or structural unsafety, doubt, or a concern that is neither.
Loading checks each case against the protocol and the engine: unknown ids and signals, answers
given in the wrong order, a stated outcome that is not where the engine ends, and a case with a
signal of unsafety or doubt that does not expect a melding at the first afweging all stop with a
ProtocolError naming the file, the case and the fix. Standard library only (this also runs in Pyodide).
The signals are in protocol/signals.py; the feedback on a trainee's answers in protocol/feedback.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, NoReturn, cast

from . import engine, tomlfile
from .datafiles import data_file
from .errors import ProtocolError
from .fields import Table
from .load import default as default_protocol
from .model import Answer, Loop, Outcome, Protocol, Question, Section
from .signals import SIGNALS, Signal, signal

DEFAULT_NAME = "casussen.toml"

Setting = Literal["po", "vo", "mbo", "leerplicht"]
SETTINGS: dict[Setting, str] = {
    "po": "Basisschool",
    "vo": "Voortgezet onderwijs",
    "mbo": "Mbo",
    "leerplicht": "Leerplicht",
}

# --- the cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseStep:
    """The answer we expect at one afweging, and why (our words)."""

    question: str
    answer: str
    why: str


@dataclass(frozen=True)
class FollowUp:
    """What happens later, after the case's outcome: new or persisting signals.

    The protocol answers this with a loop and its section (what to do), not with the afwegingen
    again, so a follow-up has no answers of its own: the trainee thinks first, then reads the
    meldcode's text for the loop and our `why`.
    """

    loop: str
    signals: tuple[str, ...]
    story: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    setting: Setting
    focus: str
    signals: tuple[str, ...]
    story: tuple[str, ...]
    steps: tuple[CaseStep, ...]
    outcome: str
    situation: str
    sections: tuple[str, ...]
    follow_up: FollowUp | None

    @property
    def setting_label(self) -> str:
        return SETTINGS[self.setting]

    @property
    def answers(self) -> tuple[engine.AnswerPair, ...]:
        return tuple((s.question, s.answer) for s in self.steps)

    @property
    def unsafe_signals(self) -> tuple[Signal, ...]:
        return tuple(s for s in map(signal, self.signals) if s.unsafe)


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


CASE_KEYS = ("id", "title", "setting", "focus", "signals", "story", "outcome", "situation", "sections",
             "steps", "follow_up")
FOLLOW_UP_KEYS = ("loop", "signals", "story", "why")
STEP_KEYS = ("question", "answer", "why")


def _known_keys(t: Table, keys: tuple[str, ...]) -> None:
    """A misspelt field would silently be ignored; refuse it instead."""
    for key in t.data:
        if key not in keys:
            t.fail(f"het veld `{key}` ken ik niet", f"gebruik alleen: {', '.join(keys)}.")


def _signals(t: Table) -> tuple[str, ...]:
    found = t.texts("signals")
    known = {s.id for s in SIGNALS}
    for ident in found:
        if ident not in known:
            raise ProtocolError(
                t.path, f"{t.place} > signals", f"het signaal '{ident}' ken ik niet",
                f"gebruik een van: {', '.join(s.id for s in SIGNALS)}. Hoort het er echt bij, voeg het "
                "dan toe aan SIGNALS in protocol/signals.py, met een soort (acuut, structureel, twijfel "
                "of zorg).")
    return found


def _case(t: Table) -> Case:
    _known_keys(t, CASE_KEYS)
    follow_up = None
    if "follow_up" in t.data:
        f = Table(t.path, f"{t.place} > follow_up", t.data["follow_up"])
        _known_keys(f, FOLLOW_UP_KEYS)
        follow_up = FollowUp(loop=f.slug("loop"), signals=_signals(f), story=f.texts("story"),
                             why=f.text("why"))
    return Case(
        id=t.slug(),
        title=t.text("title"),
        setting=cast(Setting, t.choice("setting", tuple(SETTINGS))),
        focus=t.text("focus"),
        signals=_signals(t),
        story=t.texts("story"),
        steps=tuple(_step(s) for s in t.tables("steps", "steps")),
        outcome=t.slug("outcome"),
        situation=t.text("situation", required=False),
        sections=t.texts("sections", required=False),
        follow_up=follow_up,
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


def leads_to_melding(protocol: Protocol, question: Question, answer: Answer) -> bool:
    """Whether an answer sends the school straight to a melding (JA or twijfel at afweging 2)."""
    target = protocol.node(answer.to)
    return isinstance(target, Outcome) and target.category == "melden"


def same_choice(a: Answer, b: Answer) -> bool:
    """Two answers to one question that lead to the same step are one choice in the meldcode.

    The seed gives "JA of twijfel" one branch, so practice scores them alike.
    """
    return a.id == b.id or a.to == b.to


def _check_case(p: Protocol, path: str, case: Case) -> None:
    def fail(place: str, problem: str, fix: str) -> NoReturn:
        raise ProtocolError(path, f"cases '{case.id}'{place}", problem, fix)

    if not case.steps:
        fail(" > steps", "de casus heeft geen antwoorden",
             f"voeg [[cases.steps]] toe, te beginnen bij '{p.start}'.")
    answered: list[engine.AnswerPair] = []
    for number, step in enumerate(case.steps, start=1):
        place = f" > steps nr. {number}"
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
        fail(" > steps", f"de antwoorden stoppen bij '{w.current.id}'",
             f"voeg een stap toe met het antwoord op '{w.current.id}'.")
    if case.outcome not in p.nodes or not isinstance(p.nodes[case.outcome], Outcome):
        fail(" > outcome", f"'{case.outcome}' is geen uitkomst in het protocol",
             f"gebruik een van: {', '.join(o.id for o in p.outcomes)}.")
    if w.current.id != case.outcome:
        fail(" > outcome", f"de casus noemt uitkomst '{case.outcome}', maar de engine "
             f"eindigt met deze antwoorden bij '{w.current.id}' ({w.key})",
             f"zet `outcome = \"{w.current.id}\"`, of verander de antwoorden.")
    _check_safety_rule(p, case, fail)
    if case.follow_up is not None:
        loop = next((x for x in p.loops if x.id == case.follow_up.loop), None)
        if loop is None:
            fail(" > follow_up > loop", f"de lus '{case.follow_up.loop}' bestaat niet in het protocol",
                 f"gebruik een van: {', '.join(x.id for x in p.loops)}.")
        here = engine.stage(w)
        if not set(loop.sources) & set(here):
            fail(" > follow_up > loop", f"de lus '{loop.id}' begint niet bij '{w.current.id}', "
                 "waar de casus eerst eindigt",
                 f"kies een lus die begint bij {' of '.join(here)}: "
                 f"{', '.join(x.id for x in p.loops if set(x.sources) & set(here)) or '(geen)'}.")
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


def _check_safety_rule(p: Protocol, case: Case, fail: Callable[[str, str, str], NoReturn]) -> None:
    """A case with a signal of acute or structural unsafety, or of doubt, expects a melding at the start.

    The seed: "JA of twijfel -> direct (telefonisch) (anoniem) melding doen bij Veilig Thuis."
    """
    unsafe = case.unsafe_signals
    if not unsafe:
        return
    first = case.steps[0]
    question = p.question(first.question)
    answer = question.answer(first.answer)
    assert answer is not None  # checked above
    if leads_to_melding(p, question, answer):
        return
    allowed = [a.label for a in question.answers if leads_to_melding(p, question, a)]
    named = "; ".join(f"'{s.id}' ({s.kind_label})" for s in unsafe)
    noun = "het signaal" if len(unsafe) == 1 else "de signalen"
    fail(" > steps nr. 1 > answer",
         f"de casus noemt {noun} {named}, maar verwacht bij {question.id} het antwoord "
         f"{answer.label}",
         f"bij acute of structurele onveiligheid, of twijfel, is het antwoord {' of '.join(allowed)} "
         "(direct melden). Verander het antwoord, of schrijf het verhaal en de signalen zo dat "
         f"{answer.label} duidelijk klopt.")


# --- what a case touches ----------------------------------------------------------------------


def walk(protocol: Protocol, case: Case) -> engine.Walk:
    """The engine's walk of the case, with the expected answers."""
    return engine.walk(protocol, case.answers)


def _case_sections(p: Protocol, case: Case) -> tuple[Section, ...]:
    """Every section that applies somewhere on the case's path, or to its situation."""
    on_path = (s for ident in walk(p, case).node_ids for s in engine.duties(p, ident))
    return _with_situation(p, case, on_path)


def case_duties(protocol: Protocol, case: Case) -> tuple[Section, ...]:
    """What the school does at the end of the case: the duties of the outcome, then the situation's."""
    return _with_situation(protocol, case, engine.walk_duties(protocol, walk(protocol, case)))


def _with_situation(protocol: Protocol, case: Case, sections: Iterable[Section]) -> tuple[Section, ...]:
    """These sections, then those of the case's situation; each once, in that order."""
    situation = engine.situation_duties(protocol, case.situation) if case.situation else ()
    found: dict[str, Section] = {}
    for s in (*sections, *situation):
        found.setdefault(s.id, s)
    return tuple(found.values())


def highlighted_sections(protocol: Protocol, case: Case) -> tuple[Section, ...]:
    return tuple(protocol.section(s) for s in case.sections)


def follow_up_loop(protocol: Protocol, case: Case) -> Loop | None:
    if case.follow_up is None:
        return None
    return next((x for x in protocol.loops if x.id == case.follow_up.loop), None)


def coverage_gaps(protocol: Protocol, book: Casebook) -> list[str]:
    """What the cases together do not reach yet: outcomes and answers, as readable lines."""
    outcomes: set[str] = set()
    answers: set[engine.AnswerPair] = set()
    paths: set[str] = set()
    for case in book.cases:
        w = walk(protocol, case)
        outcomes.add(w.current.id)
        answers.update(w.answers)
        paths.add(w.key)
    # Outcomes the afwegingen can reach; one reached only through a loop is no case's end.
    on_paths = {w.current.id for w in engine.paths(protocol)}
    gaps = [f"geen casus eindigt bij uitkomst '{o.id}'" for o in protocol.outcomes
            if o.id in on_paths and o.id not in outcomes]
    gaps += [f"geen casus geeft antwoord '{a.id}' op {q.id}"
             for q in protocol.questions for a in q.answers if (q.id, a.id) not in answers]
    gaps += [f"geen casus volgt het pad {w.key}" for w in engine.paths(protocol) if w.key not in paths]
    return gaps
