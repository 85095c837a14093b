"""One graph model of the protocol, for every picture of it (flowchart, poster, self-check).

Renderers read this model, never the TOML: nodes are the steps, decision edges carry the answer
labels, loop edges (new or persisting signals) are kept apart, and the phases group the nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from protocol.model import Action, Node, Outcome, Protocol, Question
from protocol.present import branch_label, edge_dom_id, node_dom_id, step_title

Shape = Literal["question", "action", "melden", "hulp", "loop"]


@dataclass(frozen=True)
class GraphNode:
    id: str
    shape: Shape
    label: str  # short text inside the shape
    tooltip: str  # longer text on hover
    phase: str  # empty for a loop: it belongs to no phase
    section: str = ""  # for a loop: the follow-up section that says what to do
    target: str = ""  # for a loop: the outcome it ends in (a melding, contact with Veilig Thuis)
    # The protocol's own words for the step, verbatim (a question's text, an action's or outcome's
    # text paragraphs); a renderer with room (the poster) shows them in full.
    text: tuple[str, ...] = ()
    deadlines: tuple[str, ...] = ()  # ids of the deadlines the protocol data attaches to the step

    @property
    def dom_id(self) -> str:
        """The stable id of the node in every rendered SVG; the self-check highlights by it."""
        return node_dom_id(self.id)


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    label: str
    loop: bool  # towards a way back (drawn dashed), not a decision

    @property
    def dom_id(self) -> str:
        return edge_dom_id(self.source, self.target)


@dataclass(frozen=True)
class Cluster:
    id: str
    title: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Graph:
    start: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    clusters: tuple[Cluster, ...]

    def node(self, node_id: str) -> GraphNode:
        return next(n for n in self.nodes if n.id == node_id)

    def outgoing(self, node_id: str, *, loops: bool = False) -> tuple[GraphEdge, ...]:
        return tuple(e for e in self.edges if e.source == node_id and e.loop == loops)


def label(node: Node) -> str:
    """The words inside a shape: the protocol's own title for afwegingen, ours for the rest."""
    return step_title(node)


def build(protocol: Protocol) -> Graph:
    # An outcome a loop ends in (a new melding, contact with Veilig Thuis) is drawn as the loop's
    # own node, not as a second box.
    nodes = tuple(_node(n) for n in protocol.nodes.values() if n.id not in protocol.loop_targets)
    edges: list[GraphEdge] = []
    for node in protocol.nodes.values():
        if isinstance(node, Question):
            # Answers that lead to the same step become one edge: "JA / twijfel".
            targets: dict[str, list[str]] = {}
            for answer in node.answers:
                targets.setdefault(answer.to, []).append(answer.label)
            edges += [GraphEdge(node.id, to, branch_label(labels), False) for to, labels in targets.items()]
        elif isinstance(node, Action):
            edges.append(GraphEdge(node.id, node.next, "", False))
    # A loop is drawn as its own node ("new signals? melden / contact with Veilig Thuis") that the
    # steps point to with dashed edges; it says where the loop ends, never "back to an afweging".
    loops = tuple(
        GraphNode(loop.id, "loop", f"{loop.label}? {protocol.node(loop.to).title}",
                  loop.explanation, "", loop.section, loop.to, text=protocol.outcome(loop.to).text)
        for loop in protocol.loops
    )
    for loop in protocol.loops:
        edges += [GraphEdge(source, loop.id, "", True) for source in loop.sources]
    clusters = tuple(
        Cluster(phase.id, phase.title, tuple(n.id for n in nodes if n.phase == phase.id))
        for phase in protocol.phases
    )
    return Graph(protocol.start, nodes + loops, tuple(edges), clusters)


def _node(node: Node) -> GraphNode:
    if isinstance(node, Question):
        return GraphNode(node.id, "question", label(node), node.text, node.phase, text=(node.text,))
    if isinstance(node, Outcome):
        # Only a loop ends in "contact": it is drawn as the loop's node, so never reaches here.
        shape: Shape = "melden" if node.category == "contact" else node.category
        return GraphNode(node.id, shape, label(node), node.summary, node.phase, text=node.text,
                         deadlines=node.deadlines)
    return GraphNode(node.id, "action", label(node), node.summary, node.phase, text=node.text,
                     deadlines=node.deadlines)
