"""The decision engine: pure functions over a Protocol. No state, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Action, Answer, Loop, Node, Outcome, Protocol, Question, Section

AnswerPair = tuple[str, str]  # (question id, answer id)


class WalkError(ValueError):
    """An answer that does not fit the question it is given for."""


@dataclass(frozen=True)
class Step:
    """One step on a walked path, with the reason a person can read."""

    node: Node
    answer: Answer | None
    reason: str


@dataclass(frozen=True)
class Walk:
    """The answers given so far, the steps they led through, and where the walk stands now."""

    answers: tuple[AnswerPair, ...]
    steps: tuple[Step, ...]
    current: Question | Outcome

    @property
    def finished(self) -> bool:
        return isinstance(self.current, Outcome)

    @property
    def node_ids(self) -> tuple[str, ...]:
        """Every node visited, in order, the current one included."""
        return (*(s.node.id for s in self.steps), self.current.id)

    @property
    def key(self) -> str:
        """A readable id for the path, e.g. `afweging-2=nee>afweging-3=ja`."""
        return ">".join(f"{q}={a}" for q, a in self.answers)


def start(protocol: Protocol) -> Question:
    return protocol.question(protocol.start)


def next_step(protocol: Protocol, question_id: str, answer_id: str) -> Node:
    """Where an answer at a question leads: a question, an action or an outcome."""
    question = protocol.question(question_id)
    answer = question.answer(answer_id)
    if answer is None:
        options = ", ".join(a.id for a in question.answers)
        raise WalkError(f"'{answer_id}' is geen antwoord op {question_id}; kies uit: {options}")
    return protocol.node(answer.to)


def walk(protocol: Protocol, answers: Sequence[AnswerPair]) -> Walk:
    """Follow the answers from the start. Actions on the way are passed and recorded."""
    steps: list[Step] = []
    current: Node = start(protocol)
    for question_id, answer_id in answers:
        if not isinstance(current, Question):
            raise WalkError(f"het pad is al klaar bij '{current.id}'; '{question_id}' volgt niet meer")
        if question_id != current.id:
            raise WalkError(f"nu is '{current.id}' aan de beurt, niet '{question_id}'")
        nxt = next_step(protocol, question_id, answer_id)
        answer = current.answer(answer_id)
        assert answer is not None  # next_step checked it
        steps.append(Step(current, answer, answer_reason(current, answer)))
        while isinstance(nxt, Action):
            steps.append(Step(nxt, None, f"{nxt.title}: {nxt.summary}"))
            nxt = protocol.node(nxt.next)
        current = nxt
    assert not isinstance(current, Action)
    return Walk(tuple(answers), tuple(steps), current)


def answer_reason(question: Question, answer: Answer) -> str:
    return (f"Afweging {question.number} ({question.title}): {answer.label}. {answer.reason} "
            f"Het protocol: \u201c{answer.source}\u201d")


def reasons(w: Walk) -> list[str]:
    """The walk as sentences a person can read, ending with where it stands."""
    lines = [s.reason for s in w.steps]
    if isinstance(w.current, Outcome):
        lines.append(f"Uitkomst: {w.current.title}.")
    else:
        lines.append(f"Volgende: afweging {w.current.number} ({w.current.title}).")
    return lines


def paths(protocol: Protocol) -> list[Walk]:
    """Every complete path from the start to an outcome, in the order of the answers in the file."""
    found: list[Walk] = []

    def extend(answers: tuple[AnswerPair, ...]) -> None:
        w = walk(protocol, answers)
        if isinstance(w.current, Outcome):
            found.append(w)
            return
        for answer in w.current.answers:
            extend((*answers, (w.current.id, answer.id)))

    extend(())
    return found


def duties(protocol: Protocol, node_id: str) -> tuple[Section, ...]:
    """The follow-up sections that belong to a step."""
    return tuple(s for s in protocol.sections if node_id in s.applies_to)


def stage(w: Walk) -> tuple[str, ...]:
    """Where the walk stands now: the actions just passed and the current step.

    At afweging 5 that is `hulp-in-gang-zetten` and `afweging-5`; at an outcome, the outcome.
    """
    trailing: list[str] = []
    for step in reversed(w.steps):
        if not isinstance(step.node, Action):
            break
        trailing.insert(0, step.node.id)
    return (*trailing, w.current.id)


def walk_duties(protocol: Protocol, w: Walk) -> tuple[Section, ...]:
    """The follow-up sections that apply now, each once."""
    seen: dict[str, Section] = {}
    for ident in stage(w):
        for section in duties(protocol, ident):
            seen.setdefault(section.id, section)
    return tuple(seen.values())


def situation_duties(protocol: Protocol, situation_id: str) -> tuple[Section, ...]:
    return tuple(s for s in protocol.sections if situation_id in s.situations)


def loops_from(protocol: Protocol, node_id: str) -> tuple[Loop, ...]:
    """What to do after a step when signals are new or persist: each loop ends in a melding or
    contact with Veilig Thuis (its `to`), never back at an afweging."""
    return tuple(loop for loop in protocol.loops if node_id in loop.sources)


def opens_phase(protocol: Protocol, node: Node) -> bool:
    """Whether a step is the first afweging of its phase: the phase's sentence ("De afwegingen
    hierna worden met Veilig Thuis doorlopen:") stands there once, not before every afweging."""
    if not isinstance(node, Question):
        return False
    return next(q for q in protocol.questions if q.phase == node.phase).id == node.id
