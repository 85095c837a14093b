"""Practice: the feedback after each answer a trainee gives to a case, and a case's answer key.

Plain data (JSON-ready) for the training page, which asks through protocol/api.py
(`call("practice", ...)`); the build renders the answer key from the same function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from . import engine
from .cases import Case, case_duties, follow_up_loop, highlighted_sections, same_choice
from .model import Action, Protocol, Question
from .present import (
    edge_dom_id,
    node_dom_id,
    question_view,
    section_view,
    step_title,
)
from .signals import signal


def _edges(p: Protocol, question: Question, answer_id: str) -> tuple[list[str], list[str]]:
    """The flowchart ids one answer passes through: the question, actions on the way, the target.

    The ids are the flowchart's DOM ids (protocol/present.py).
    """
    nodes = [node_dom_id(question.id)]
    edges: list[str] = []
    node = engine.next_step(p, question.id, answer_id)
    edges.append(edge_dom_id(question.id, node.id))
    while isinstance(node, Action):
        nodes.append(node_dom_id(node.id))
        target = p.node(node.next)
        edges.append(edge_dom_id(node.id, target.id))
        node = target
    nodes.append(node_dom_id(node.id))
    return nodes, edges


def signals_json(ids: Iterable[str]) -> list[dict[str, Any]]:
    return [{"id": s.id, "label": s.label, "kind": s.kind, "kind_label": s.kind_label, "unsafe": s.unsafe}
            for s in map(signal, ids)]


def _follow_up_json(protocol: Protocol, case: Case) -> dict[str, Any] | None:
    loop = follow_up_loop(protocol, case)
    if case.follow_up is None or loop is None:
        return None
    section = protocol.section(loop.section) if loop.section else None
    return {
        "label": loop.label,
        "explanation": loop.explanation,
        "story": list(case.follow_up.story),
        "why": case.follow_up.why,
        "signals": signals_json(case.follow_up.signals),
        "section": section_view(section) if section else None,
    }


def practice(protocol: Protocol, case: Case, given: Sequence[str]) -> dict[str, Any]:
    """Feedback for the answers a trainee gave so far, in practice order.

    Each answer is compared with the one we expect at the same afweging: answers that lead to the
    same step (JA and twijfel at afweging 2) count as the same choice. The case then goes on along
    the expected path. The browser asks through protocol/api.py (`call("practice", ...)`).
    Returns plain data (JSON-ready) for the page: the feedback per answer with the protocol
    quotes, the next question or the result, and the node/edge ids to highlight on the flowchart
    (`node-<id>`, `edge-<from>--<to>`) for the expected path and the trainee's. What the case is
    about (focus, signals, the later story) is only in the result, after the last answer.
    """
    steps = case.steps
    if len(given) > len(steps):
        raise ValueError(f"casus '{case.id}' heeft {len(steps)} afwegingen, niet {len(given)}")
    feedback: list[dict[str, Any]] = []
    expected_nodes: list[str] = []
    expected_edges: list[str] = []
    given_nodes: list[str] = []
    given_edges: list[str] = []
    for step, answer_id in zip(steps, given, strict=False):
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
        correct = same_choice(chosen, expected)
        feedback.append({
            "question": question_view(protocol, question),
            "given": {"id": chosen.id, "label": chosen.label, "source": chosen.source,
                      "leads_to": target.id, "leads_to_title": step_title(target)},
            "expected": {"id": expected.id, "label": expected.label, "source": expected.source,
                         "reason": expected.reason},
            "correct": correct,
            "same_branch": correct and chosen.id != expected.id,
            "why": step.why,
        })
    result: dict[str, Any] | None = None
    upcoming: dict[str, Any] | None = None
    if len(given) < len(steps):
        upcoming = {"question": question_view(protocol, protocol.question(steps[len(given)].question))}
    else:
        outcome = protocol.outcome(case.outcome)
        loop = follow_up_loop(protocol, case)
        if loop is not None:
            # The flowchart draws a loop as its own node that the outcome points to.
            for nodes_, edges_ in ((expected_nodes, expected_edges), (given_nodes, given_edges)):
                nodes_.append(node_dom_id(loop.id))
                edges_.append(edge_dom_id(outcome.id, loop.id))
        result = {
            "correct": sum(1 for f in feedback if f["correct"]),
            "total": len(steps),
            "focus": case.focus,
            "signals": signals_json(case.signals),
            "outcome": {"id": outcome.id, "title": outcome.title, "text": list(outcome.text),
                        "explanation": outcome.explanation},
            "sections": [section_view(s) for s in highlighted_sections(protocol, case)],
            "duties": [section_view(s) for s in case_duties(protocol, case)],
            "follow_up": _follow_up_json(protocol, case),
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
    return practice(protocol, case, [step.answer for step in case.steps])


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
