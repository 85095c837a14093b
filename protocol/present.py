"""How the protocol's steps are named on every screen: the terminal, the self-check, the record, the
cases, the pages and the flowchart ask here, so the words are the same everywhere."""

from __future__ import annotations

from .model import Node, Question


def afweging_heading(question: Question) -> str:
    """`Afweging 3: HULP`: the number and the protocol's own title of an afweging."""
    return f"Afweging {question.number}: {question.title}"


def step_title(node: Node) -> str:
    """An afweging's heading; the title of any other step (an action or an outcome)."""
    return afweging_heading(node) if isinstance(node, Question) else node.title
