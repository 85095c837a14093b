"""The flowchart as Graphviz DOT source text, from the graph model.

Colours come from the Okabe-Ito palette (safe for colour-blind readers) and every kind of step
also differs in shape or border, so colour is never the only cue. Node and edge ids in the SVG
are stable (`node-<id>`, `edge-<from>--<to>`) so other pages can highlight a walked path.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Collection

from protocol.model import Protocol

from . import urls
from .graph import Graph, GraphEdge, GraphNode, Shape, build

FONT = "DejaVu Sans"
WRAP = 22  # characters per line inside a shape

# Fill, border, and extra attributes per kind of step. Fills are light tints: black text on them
# stays far above 4.5:1 contrast.
STYLES: dict[Shape, str] = {
    "question": 'shape=diamond, fillcolor="#d4e9f7", color="#0072b2", margin="0.02,0.02"',
    "action": 'shape=box, fillcolor="#eeeeee", color="#555555"',
    "melden": 'shape=box, fillcolor="#fbe0cc", color="#d55e00", penwidth=3',
    "hulp": 'shape=box, style="filled,rounded", fillcolor="#d1efe4", color="#009e73", penwidth=2',
    "loop": 'shape=box, style="filled,rounded,dashed", fillcolor="#ffffff", color="#0072b2", penwidth=2',
}
CLUSTER_FILLS = ("#f4f4f4", "#fff6d6")
HIGHLIGHT = 'penwidth=5, color="#000000"'

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
    """DOT source of the flowchart.

    `highlight` names node ids (a walked path); those nodes and the decision edges between them
    are drawn heavier and get the SVG class `highlight`. `href=None` leaves out the links (print).
    """
    return _render(build(protocol), set(highlight), href, legend)


def _render(graph: Graph, highlight: set[str], href: Href | None, legend: bool) -> str:
    out = [
        "digraph meldcode {",
        f'  graph [fontname="{FONT}", fontsize=14, rankdir=TB, nodesep=0.35, ranksep=0.45, '
        'bgcolor="transparent", id="stroomschema"];',
        f'  node [fontname="{FONT}", fontsize=12, style=filled, penwidth=1.5];',
        f'  edge [fontname="{FONT}", fontsize=12, color="#333333", arrowsize=0.8];',
    ]
    for index, cluster in enumerate(graph.clusters):
        fill = CLUSTER_FILLS[index % len(CLUSTER_FILLS)]
        out.append(f'  subgraph "cluster_{cluster.id}" {{')
        out.append(f'    graph [label={_q(cluster.title)}, id="phase-{cluster.id}", style="filled,rounded", '
                   f'fillcolor="{fill}", color="#767676", fontsize=15, margin=14];')
        out += [f"    {_node(graph.node(n), n in highlight, href)}" for n in cluster.nodes]
        out.append("  }")
    out += [f"  {_node(n, n.id in highlight, href)}" for n in graph.nodes if n.shape == "loop"]
    for edge in graph.edges:
        lit = not edge.loop and edge.source in highlight and edge.target in highlight
        out.append(f"  {_edge(edge, lit)}")
    if legend:
        out += _legend([n.id for n in graph.nodes if n.shape == "loop"])
    out.append("}")
    return "\n".join(out) + "\n"


def _node(node: GraphNode, lit: bool, href: Href | None) -> str:
    attrs = [f'id="{node.dom_id}"', f"label={_q(wrap(node.label))}", STYLES[node.shape],
             f"tooltip={_q(node.tooltip)}"]
    if href is not None:
        attrs.append(f"URL={_q(href(node))}")
    if lit:
        attrs += [HIGHLIGHT, 'class="highlight"']
    return f"{_q(node.id)} [{', '.join(attrs)}];"


def _edge(edge: GraphEdge, lit: bool) -> str:
    attrs = [f'id="{edge.dom_id}"']
    if edge.loop:
        # Towards a way back, not a decision: dashed, as the legend explains.
        attrs += ["style=dashed", 'color="#0072b2"']
    elif edge.label:
        attrs.append(f"label={_q(edge.label)}")
    if lit:
        attrs += [HIGHLIGHT, 'class="highlight"']
    return f"{_q(edge.source)} -> {_q(edge.target)} [{', '.join(attrs)}];"


def _legend(anchors: list[str]) -> list[str]:
    """Sample shapes in two rows under the chart, kept there by invisible edges from `anchors`."""
    idents = [f"legenda-{shape}" for shape, _ in LEGEND] + ["legenda-lijn"]
    out = ['  subgraph "cluster_legenda" {',
           '    graph [label="Legenda", id="legenda", style="rounded", color="#767676", fontsize=15, '
           "margin=12];"]
    out += [f'    "legenda-{shape}" [id="legenda-{shape}", label={_q(wrap(text))}, {STYLES[shape]}];'
            for shape, text in LEGEND]
    out.append('    "legenda-lijn" [id="legenda-lijn", shape=plaintext, style="", fontcolor="#0072b2", '
               'label="- - - - >\\ngestippelde lijn: bij\\nnieuwe of blijvende signalen"];')
    half = (len(idents) + 1) // 2
    rows = (idents[:half], idents[half:])
    for row in rows:
        # Same rank, and invisible edges along the row keep the reading order left to right.
        out.append(f"    {{ rank=same; {' -> '.join(_q(i) for i in row)} [style=invis]; }}")
    pairs = zip(*rows, strict=False)
    out += [f"    {_q(a)} -> {_q(b)} [style=invis];" for a, b in pairs]
    out.append("  }")
    out += [f"  {_q(a)} -> {_q(idents[1])} [style=invis];" for a in anchors]
    return out


def wrap(text: str) -> str:
    """Graphviz does not wrap: break lines ourselves, and put "Afweging 3:" on its own line."""
    head, sep, rest = text.partition(": ")
    if sep and head.startswith("Afweging"):
        return f"{head}\n{wrap(rest)}"
    return "\n".join(textwrap.wrap(text, WRAP)) or text


def _q(text: str) -> str:
    """A quoted DOT string; newlines become centred line breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
