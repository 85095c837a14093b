"""The protocol as immutable data: what the TOML file says, typed.

Fields named `text`, `source`, `items` (and the titles of questions and sections) hold the
protocol's own words, verbatim. Fields named `explanation`, `reason` and `summary`, and the
titles of actions, outcomes, situations and roles, are ours and are shown as ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

# "contact": contact with Veilig Thuis about new or persisting signals after a melding (may lead to
# a second melding); only a loop leads there.
OutcomeKind = Literal["melden", "hulp", "contact"]
DeadlineBasis = Literal["melding", "verwijzing", "termijn"]


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    text: str
    explanation: str


@dataclass(frozen=True)
class Footnote:
    id: str
    mark: str
    text: str
    explanation: str


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    source: str
    to: str
    reason: str
    footnotes: tuple[str, ...] = ()  # footnotes whose mark stands in `source`


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    title: str
    phase: str
    text: str
    footnotes: tuple[str, ...]
    explanation: str
    answers: tuple[Answer, ...]

    kind = "question"

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Action:
    """A step the school takes before the protocol goes on (e.g. starting help)."""

    id: str
    title: str
    phase: str
    text: tuple[str, ...]
    footnotes: tuple[str, ...]
    next: str
    deadlines: tuple[str, ...]
    summary: str
    explanation: str

    kind = "action"


@dataclass(frozen=True)
class Outcome:
    id: str
    category: OutcomeKind
    title: str
    phase: str
    text: tuple[str, ...]
    footnotes: tuple[str, ...]
    deadlines: tuple[str, ...]
    summary: str
    explanation: str

    kind = "outcome"


Node = Question | Action | Outcome


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    question: str
    explanation: str


@dataclass(frozen=True)
class Section:
    """A follow-up section of the protocol: a list of duties."""

    id: str
    title: str
    applies_to: tuple[str, ...]
    situations: tuple[str, ...]
    summary: str
    items: tuple[str, ...]
    explanation: str = ""  # our own words beyond the summary, shown as "Toelichting"


@dataclass(frozen=True)
class Loop:
    """New or persisting signals after a step: not a decision, and never back to an afweging.

    `to` is the outcome the loop ends in: a (new) melding, or contact with Veilig Thuis.
    """

    id: str
    sources: tuple[str, ...]
    to: str
    section: str
    label: str
    explanation: str


@dataclass(frozen=True)
class Deadline:
    id: str
    title: str
    basis: DeadlineBasis
    workdays: int
    days: tuple[int, ...]
    section: str
    explanation: str
    # The protocol's own words that state this deadline (verbatim). Empty: the deadline is our
    # reading, and `explanation` must say so ("Onze lezing").
    source: str = ""


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    footnote: str
    second_line: bool
    explanation: str


@dataclass(frozen=True)
class Protocol:
    title: str
    version: str
    source: str
    intro: str
    precondition: str
    start: str
    phases: tuple[Phase, ...]
    footnotes: tuple[Footnote, ...]
    questions: tuple[Question, ...]
    actions: tuple[Action, ...]
    outcomes: tuple[Outcome, ...]
    situations: tuple[Situation, ...]
    sections: tuple[Section, ...]
    loops: tuple[Loop, ...]
    deadlines: tuple[Deadline, ...]
    roles: tuple[Role, ...]
    path: str
    digest: str

    @cached_property
    def nodes(self) -> dict[str, Node]:
        """Every step of the decision graph by id, in file order."""
        every: list[Node] = [*self.questions, *self.actions, *self.outcomes]
        return {node.id: node for node in every}

    @cached_property
    def loop_targets(self) -> frozenset[str]:
        """The outcomes a loop ends in: reached after an outcome, not by answering afwegingen."""
        return frozenset(loop.to for loop in self.loops)

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise KeyError(f"onbekende stap '{node_id}'") from None

    def question(self, node_id: str) -> Question:
        node = self.node(node_id)
        if not isinstance(node, Question):
            raise KeyError(f"'{node_id}' is geen afweging")
        return node

    def outcome(self, node_id: str) -> Outcome:
        node = self.node(node_id)
        if not isinstance(node, Outcome):
            raise KeyError(f"'{node_id}' is geen uitkomst")
        return node

    def footnote(self, footnote_id: str) -> Footnote:
        return next(f for f in self.footnotes if f.id == footnote_id)

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def deadline(self, deadline_id: str) -> Deadline:
        return next(d for d in self.deadlines if d.id == deadline_id)

    @property
    def short_hash(self) -> str:
        return self.digest[:12]
