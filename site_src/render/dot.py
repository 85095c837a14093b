"""The flowchart as Graphviz DOT source text, from the graph model.

Colours come from the Okabe-Ito palette (safe for colour-blind readers) and every kind of step
also differs in shape or border, so colour is never the only cue. Node and edge ids in the SVG
are stable (`node-<id>`, `edge-<from>--<to>`) so other pages can highlight a walked path.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Collection
from itertools import pairwise

import graphviz

from protocol.model import Protocol

from . import urls
from .graph import Graph, GraphEdge, GraphNode, Shape, build

FONT = "DejaVu Sans"
WRAP = 22  # characters per line inside a shape

Attrs = dict[str, str]
# Fill, border, and extra attributes per kind of step. Fills are light tints: black text on them
# stays far above 4.5:1 contrast.
STYLES: dict[Shape, Attrs] = {
    "question": {"shape": "diamond", "fillcolor": "#d4e9f7", "color": "#0072b2", "margin": "0.02,0.02"},
    "action": {"shape": "box", "fillcolor": "#eeeeee", "color": "#555555"},
    "melden": {"shape": "box", "fillcolor": "#fbe0cc", "color": "#d55e00", "penwidth": "3"},
    "hulp": {"shape": "box", "style": "filled,rounded", "fillcolor": "#d1efe4", "color": "#009e73",
             "penwidth": "2"},
    "loop": {"shape": "box", "style": "filled,rounded,dashed", "fillcolor": "#ffffff", "color": "#0072b2",
             "penwidth": "2"},
}
CLUSTER_FILLS = ("#f4f4f4", "#fff6d6")
HIGHLIGHT: Attrs = {"penwidth": "5", "color": "#000000", "class": "highlight"}

LEGEND: tuple[tuple[Shape, str], ...] = (
    ("question", "Afweging: een vraag"),
    ("action", "Actie van de school"),
    ("melden", "Uitkomst: melden bij Veilig Thuis"),
    ("hulp", "Uitkomst: hulp, geen melding"),
    ("loop", "Nieuwe of blijvende signalen: melden of contact met Veilig Thuis"),
)

Href = Callable[[GraphNode], str]


def page(node: GraphNode) -> str:
    """The page of a node, relative to the site root; a loop links to the outcome it ends in."""
    return urls.step(node.target) if node.shape == "loop" else urls.step(node.id)


def relative_href(node: GraphNode) -> str:
    """A link from any page one folder deep (like /stroomschema/ or /zelfcheck/) to a node's page."""
    return urls.relative(urls.FLOWCHART, page(node))


def flowchart_dot(
    protocol: Protocol,
    highlight: Collection[str] = (),
    *,
    href: Href | None = relative_href,
    legend: bool = True,
) -> str:
    """DOT source of the flowchart (see flowchart_graph)."""
    return str(flowchart_graph(protocol, highlight, href=href, legend=legend).source)


def flowchart_graph(
    protocol: Protocol,
    highlight: Collection[str] = (),
    *,
    href: Href | None = relative_href,
    legend: bool = True,
) -> graphviz.Digraph:
    """The flowchart as a graphviz Digraph, which builds and quotes the DOT source and runs `dot`.

    `highlight` names node ids (a walked path); those nodes and the decision edges between them
    are drawn heavier and get the SVG class `highlight`. `href=None` leaves out the links (print).
    """
    return _render(build(protocol), set(highlight), href, legend)


def _render(graph: Graph, highlight: set[str], href: Href | None, legend: bool) -> graphviz.Digraph:
    chart = graphviz.Digraph("meldcode")
    chart.attr("graph", fontname=FONT, fontsize="14", rankdir="TB", nodesep="0.35", ranksep="0.45",
               bgcolor="transparent", id="stroomschema")
    chart.attr("node", fontname=FONT, fontsize="12", style="filled", penwidth="1.5")
    chart.attr("edge", fontname=FONT, fontsize="12", color="#333333", arrowsize="0.8")
    for index, cluster in enumerate(graph.clusters):
        with chart.subgraph(name=f"cluster_{cluster.id}") as phase:
            phase.attr("graph", label=text(cluster.title), id=f"phase-{cluster.id}", style="filled,rounded",
                       fillcolor=CLUSTER_FILLS[index % len(CLUSTER_FILLS)], color="#767676", fontsize="15",
                       margin="14")
            for n in cluster.nodes:
                _node(phase, graph.node(n), n in highlight, href)
    for node in graph.nodes:
        if node.shape == "loop":
            _node(chart, node, node.id in highlight, href)
    for edge in graph.edges:
        lit = not edge.loop and edge.source in highlight and edge.target in highlight
        _edge(chart, edge, lit)
    if legend:
        _legend(chart, [n.id for n in graph.nodes if n.shape == "loop"])
    return chart


def _node(chart: graphviz.Digraph, node: GraphNode, lit: bool, href: Href | None) -> None:
    attrs: Attrs = {"id": node.dom_id, "label": text(wrap(node.label)), **STYLES[node.shape],
                    "tooltip": text(node.tooltip)}
    if href is not None:
        attrs["URL"] = href(node)
    if lit:
        attrs.update(HIGHLIGHT)
    chart.node(node.id, **attrs)


def _edge(chart: graphviz.Digraph, edge: GraphEdge, lit: bool) -> None:
    attrs: Attrs = {"id": edge.dom_id}
    if edge.loop:
        # Towards a way back, not a decision: dashed, as the legend explains.
        attrs |= {"style": "dashed", "color": "#0072b2"}
    elif edge.label:
        attrs["label"] = text(edge.label)
    if lit:
        attrs.update(HIGHLIGHT)
    chart.edge(edge.source, edge.target, **attrs)


def _legend(chart: graphviz.Digraph, anchors: list[str]) -> None:
    """Sample shapes in two rows under the chart, kept there by invisible edges from `anchors`."""
    idents = [f"legenda-{shape}" for shape, _ in LEGEND] + ["legenda-lijn"]
    with chart.subgraph(name="cluster_legenda") as box:
        box.attr("graph", label="Legenda", id="legenda", style="rounded", color="#767676", fontsize="15",
                 margin="12")
        for shape, words in LEGEND:
            box.node(f"legenda-{shape}", id=f"legenda-{shape}", label=text(wrap(words)), **STYLES[shape])
        box.node("legenda-lijn", id="legenda-lijn", shape="plaintext", style="", fontcolor="#0072b2",
                 label=text("- - - - >\ngestippelde lijn: bij\nnieuwe of blijvende signalen"))
        half = (len(idents) + 1) // 2
        rows = (idents[:half], idents[half:])
        for row in rows:
            # Same rank, and invisible edges along the row keep the reading order left to right.
            with box.subgraph() as line:
                line.attr(rank="same")
                for a, b in pairwise(row):
                    line.edge(a, b, style="invis")
        for a, b in zip(*rows, strict=False):
            box.edge(a, b, style="invis")
    for a in anchors:
        chart.edge(a, idents[1], style="invis")


def wrap(text: str) -> str:
    """Graphviz does not wrap: break lines ourselves, and put "Afweging 3:" on its own line."""
    head, sep, rest = text.partition(": ")
    if sep and head.startswith("Afweging"):
        return f"{head}\n{wrap(rest)}"
    return "\n".join(textwrap.wrap(text, WRAP)) or text


def text(words: str) -> str:
    """Words for a DOT string: a backslash stays a backslash, a newline becomes a centred line break
    (the graphviz package quotes the string and escapes its quotes)."""
    return words.replace("\\", "\\\\").replace("\n", "\\n")
