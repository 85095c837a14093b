"""The poster's flowchart as DOT: the same graph model as the site's chart, with the full texts.

The site's interactive chart shows short titles and links to a page per step. A poster on the wall
has no links, so every shape carries the protocol's own words: the question of each afweging,
the text of each action and outcome, and the deadlines the protocol data attaches to them.
Upright text in a shape is the protocol, verbatim; italic text is ours (the legend says so).

Sizes are in points. The poster scales the drawing to the space between its title and its panel
(at A3 about 0.9 of the natural size, at A2 1.41 times that); tests/test_poster.py measures the
printed text, so a chart that grows too large for 9 pt at A3 fails there, not on the wall.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

import graphviz

from protocol.deadlines import BASIS_LABELS
from protocol.model import Deadline, Protocol

from .dot import CLUSTER_FILLS, FONT
from .graph import Graph, GraphEdge, GraphNode, Shape, build

BODY_PT = 10.5  # protocol text in the shapes
HEADING_PT = 13.0  # "Afweging 3: HULP", the title of an action or outcome
ANSWER_PT = 13.0  # JA / NEE on the arrows
PHASE_PT = 16.0
# Characters per line of body text: the main line of questions and actions is wider than the
# meldingen beside it, so the chart uses the paper's width and stays low enough to fit.
WRAP: dict[Shape, int] = {"question": 70, "action": 70, "hulp": 70, "melden": 46, "loop": 60}


@dataclass(frozen=True)
class Style:
    """How one kind of step looks. Colour is never the only cue: border width, dash and corner
    differ per kind too, and every colour keeps its contrast when a printer turns it grey."""

    fill: str
    border: str
    penwidth: float
    extra: str  # more DOT style keywords (rounded, dashed)
    double: bool = False  # two border lines: an afweging stays apart from a melding in grey print


TEXT_COLOUR = "#000000"
EDGE_COLOUR = "#333333"
STYLES: dict[Shape, Style] = {
    "question": Style("#d4e9f7", "#0072b2", 1.8, "", double=True),
    "action": Style("#eeeeee", "#555555", 1.5, ""),
    "melden": Style("#fbe0cc", "#b34700", 4.5, ""),
    "hulp": Style("#d1efe4", "#00704f", 2.5, "rounded"),
    "loop": Style("#ffffff", "#0072b2", 2.5, "rounded,dashed"),
}

# Our own words on the poster (the protocol's words come from the protocol data).
LEGEND: tuple[tuple[Shape, str], ...] = (
    ("question", "Afweging (vraag)"),
    ("action", "Actie van de school"),
    ("melden", "Melden bij Veilig Thuis"),
    ("hulp", "Hulp, geen melding"),
    ("loop", "Weer zorgen (gestippeld)"),
)
WORDS_NOTE = ("Rechte tekst in de vakken staat letterlijk in de meldcode, net als de kopjes 'Afweging'. "
              "Schuine tekst en de andere kopjes zijn onze eigen woorden.")
DEADLINE_LABEL = "Termijn:"


def when(deadline: Deadline) -> str:
    """When a deadline falls, in words: "binnen 5 werkdagen vanaf de dag van de melding"."""
    basis = BASIS_LABELS[deadline.basis]
    if deadline.workdays:
        return f"binnen {deadline.workdays} werkdagen vanaf {basis}"
    spans = [d for d in deadline.days if d]
    if not spans:
        return f"op {basis}"
    if all(d % 7 == 0 for d in spans):
        weeks = " of ".join(str(d // 7) for d in spans)
        return f"na {weeks} {'week' if spans == [7] else 'weken'} vanaf {basis}"
    return f"na {' of '.join(map(str, spans))} dagen vanaf {basis}"


def deadline_text(deadline: Deadline) -> str:
    return f"{DEADLINE_LABEL} {deadline.title} ({when(deadline)})."


def poster_dot(protocol: Protocol) -> str:
    """DOT source of the poster's chart, without links (the legend is in the poster's HTML)."""
    return str(poster_graph(protocol).source)


def poster_graph(protocol: Protocol) -> graphviz.Digraph:
    """The poster's chart as a graphviz Digraph, which builds and quotes the DOT and runs `dot`."""
    graph = build(protocol)
    chart = graphviz.Digraph("poster")
    chart.attr("graph", fontname=FONT, rankdir="TB", nodesep="0.2", ranksep="0.15", bgcolor="transparent",
               id="poster-stroomschema", newrank="true")
    chart.attr("node", fontname=FONT, fontsize=str(BODY_PT), shape="box", style="filled", margin="0.1,0.05",
               fontcolor=TEXT_COLOUR)
    chart.attr("edge", fontname=FONT, fontsize=str(ANSWER_PT), color=EDGE_COLOUR, penwidth="1.6",
               arrowsize="0.9")
    for index, cluster in enumerate(graph.clusters):
        phase = protocol.phase(cluster.id)
        rows = [f"<TR><TD><B>{escape(phase.title)}</B></TD></TR>"]
        if phase.text:
            rows.append(f'<TR><TD><FONT POINT-SIZE="{BODY_PT + 1}">{escape(phase.text)}</FONT></TD></TR>')
        title = f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>'
        with chart.subgraph(name=f"cluster_{cluster.id}") as box:
            box.attr("graph", label=f"<{title}>", fontsize=str(PHASE_PT), style="filled,rounded",
                     fillcolor=CLUSTER_FILLS[index % len(CLUSTER_FILLS)], color="#767676", margin="8")
            for node_id in cluster.nodes:
                _node(box, protocol, graph.node(node_id))
            for a, b in _beside(graph, cluster.nodes):
                with box.subgraph() as row:
                    row.attr(rank="same")
                    row.node(a)
                    row.node(b)
    loops = [n for n in graph.nodes if n.shape == "loop"]
    for n in loops:
        _node(chart, protocol, n)
    # The ways back stand in one row under the chart, where every dashed arrow can reach them.
    with chart.subgraph() as bottom:
        bottom.attr(rank="max")
        for n in loops:
            bottom.node(n.id)
    beside = {pair for cluster in graph.clusters for pair in _beside(graph, cluster.nodes)}
    for e in graph.edges:
        _edge(chart, e, (e.source, e.target) in beside)
    return chart


def _paragraph(text: str, width: int, *, size: float = BODY_PT, bold: bool = False,
               italic: bool = False) -> str:
    """One wrapped paragraph as a row of the label's table, left-aligned.

    Italic and bold lines get a row each: Graphviz spaces such lines joined by <BR/> closer than
    the font's height (measured: 1.0 em for italic, against 1.14 em for plain text), so they would
    touch.
    """
    def style(line: str) -> str:
        text = escape(line)
        text = f"<I>{text}</I>" if italic else text
        text = f"<B>{text}</B>" if bold else text
        return f'<FONT POINT-SIZE="{size}">{text}</FONT>' if size != BODY_PT else text

    lines = textwrap.wrap(text, width)
    if not (italic or bold):
        return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{"<BR/>".join(map(style, lines))}</TD></TR>'
    rows = "".join(f'<TR><TD ALIGN="LEFT">{style(line)}</TD></TR>' for line in lines)
    # A row is only 1.08 em high in bold: a point of padding keeps the lines apart.
    padding = 1 if bold else 0
    return (f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{padding}">'
            f"{rows}</TABLE></TD></TR>")


def _label(protocol: Protocol, node: GraphNode) -> str:
    width = WRAP[node.shape]
    # Headings are larger: fewer characters fit on a line.
    heading = _paragraph(node.label, round(width * BODY_PT / HEADING_PT), size=HEADING_PT, bold=True)
    # A way back ("Nieuwe of blijvende signalen? Zorgteam en melden ...") shows the protocol's own
    # words of the melding or contact it ends in: that outcome has no box of its own on the chart.
    rows = [heading, *(_paragraph(p, width) for p in node.text)]
    rows += [_paragraph(deadline_text(protocol.deadline(d)), width, italic=True) for d in node.deadlines]
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>>'


def _style(shape: Shape) -> dict[str, str]:
    style = STYLES[shape]
    keywords = ",".join(k for k in ("filled", style.extra) if k)
    return {"style": keywords, "fillcolor": style.fill, "color": style.border,
            "penwidth": str(style.penwidth), "peripheries": "2" if style.double else "1"}


def _beside(graph: Graph, phase: tuple[str, ...]) -> list[tuple[str, str]]:
    """A melding that an answer leads to stands beside its afweging, not under it: the decisions
    then run down the page in one column and the chart fits the paper's width and height."""
    return [(e.source, e.target) for e in graph.edges
            if not e.loop and e.source in phase and e.target in phase
            and graph.node(e.source).shape == "question" and graph.node(e.target).shape == "melden"]


def _node(chart: graphviz.Digraph, protocol: Protocol, node: GraphNode) -> None:
    # One group for the main line of questions and actions: dot keeps it straight.
    group = {"group": "hoofdlijn"} if node.shape in ("question", "action", "hulp") else {}
    chart.node(node.id, id=f"poster-{node.id}", label=_label(protocol, node), **_style(node.shape), **group)


def _edge(chart: graphviz.Digraph, edge: GraphEdge, beside: bool) -> None:
    if edge.loop:
        # weight=0: the dashed ways back do not pull the decisions sideways.
        chart.edge(edge.source, edge.target, style="dashed", weight="0", color=STYLES["loop"].border)
        return
    # A no-break space in front keeps the answer off its arrow (Graphviz puts the label against it).
    attrs = {"label": f"<<B>&#160;{escape(edge.label)}</B>>"} if edge.label else {}
    if beside:
        # An arrow within one row, written from the melding back to the afweging (dir=back draws
        # it the right way round): measured, dot then keeps the chart about 20% narrower.
        chart.edge(edge.target, edge.source, dir="back", **attrs)
        return
    chart.edge(edge.source, edge.target, **attrs)
