"""The flowchart: one graph model, DOT source (golden file), and the SVG Graphviz makes of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protocol import default
from protocol.model import Question
from site_src.flowchart import svg
from site_src.render.dot import flowchart_dot
from site_src.render.graph import build

GOLDEN = Path(__file__).parent / "golden" / "flowchart.dot"


def test_dot_matches_the_golden_file(update_goldens: bool) -> None:
    """A change to the picture shows up as a reviewed diff. Regenerate with `make goldens`."""
    dot = flowchart_dot(default())
    if update_goldens:
        GOLDEN.write_text(dot, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == dot, "draai `make goldens` en bekijk het verschil"


def test_dot_is_deterministic() -> None:
    assert flowchart_dot(default()) == flowchart_dot(default())


def test_every_step_and_answer_is_in_the_graph() -> None:
    protocol = default()
    graph = build(protocol)
    ids = {n.id for n in graph.nodes}
    # An outcome a loop ends in is drawn as the loop's own node, which names it.
    assert set(protocol.nodes) - protocol.loop_targets <= ids
    for loop in protocol.loops:
        drawn = graph.node(loop.id)
        assert (drawn.shape, drawn.target) == ("loop", loop.to)
        assert protocol.node(loop.to).title in drawn.label
        assert "afweging" not in drawn.label.lower()
    pairs = {(e.source, e.target) for e in graph.edges if not e.loop}
    for node in protocol.nodes.values():
        if isinstance(node, Question):
            for answer in node.answers:
                assert (node.id, answer.to) in pairs
    assert all(e.loop for e in graph.edges if graph.node(e.target).shape == "loop")


def test_questions_are_diamonds_and_loops_dashed() -> None:
    dot = flowchart_dot(default())
    for question in default().questions:
        line = next(x for x in dot.splitlines() if x.strip().startswith(f'"{question.id}" ['))
        assert "shape=diamond" in line
    for outcome in (o for o in default().outcomes if o.id not in default().loop_targets):
        line = next(x for x in dot.splitlines() if x.strip().startswith(f'"{outcome.id}" ['))
        assert "shape=box" in line
    loop_edges = [x for x in dot.splitlines() if '-> "opnieuw-' in x]
    assert loop_edges and all("style=dashed" in x for x in loop_edges)


def test_phases_are_clusters() -> None:
    dot = flowchart_dot(default())
    for phase in default().phases:
        # The graphviz package quotes a name only when DOT needs it (`cluster_school`, `"cluster_met-..."`).
        assert re.search(rf'subgraph "?cluster_{re.escape(phase.id)}"? {{', dot), phase.id
        assert phase.title in dot


@pytest.fixture(scope="module")
def chart() -> str:
    return svg(default())


def test_svg_has_stable_ids_for_nodes_and_edges(chart: str) -> None:
    """The self-check highlights a walked path by these ids."""
    for node_id in set(default().nodes) - default().loop_targets:
        assert f'id="node-{node_id}"' in chart
    for loop in default().loops:
        assert f'id="node-{loop.id}"' in chart
    assert 'id="edge-afweging-2--afweging-3"' in chart
    assert 'id="edge-afweging-3--melden-geen-hulp"' in chart
    assert 'id="edge-hulp-in-gang-zetten--afweging-5"' in chart


def test_svg_scales_and_has_no_internal_titles(chart: str) -> None:
    root = chart[: chart.index(">")]
    assert "viewBox" in root and "width=" not in root and 'aria-label="' in root
    titles = re.findall(r"<title>([^<]*)</title>", chart)
    assert not [t for t in titles if "->" in t or t in default().nodes], "Graphviz-namen horen niet in de SVG"
    assert "\n\n" not in chart, "een lege regel breekt het HTML-blok in Markdown"


def test_every_node_links_to_its_page_with_a_tooltip(chart: str) -> None:
    links = re.findall(r'<a href="([^"]+)" aria-label="[^"]+"><title>([^<]+)</title>', chart)
    hrefs = {href for href, _ in links}
    # Every step, and every outcome a loop ends in (through the loop's node).
    for node_id in default().nodes:
        assert f"../{node_id}/" in hrefs
    assert all(title.strip() for _, title in links)


def test_highlight_marks_the_walked_path() -> None:
    walked = svg(default(), ["afweging-2", "afweging-3", "melden-geen-hulp"], href=None)
    lit = re.findall(r'<g id="([^"]+)" class="[^"]*highlight', walked)
    assert set(lit) == {"node-afweging-2", "node-afweging-3", "node-melden-geen-hulp",
                        "edge-afweging-2--afweging-3", "edge-afweging-3--melden-geen-hulp"}
    assert "href=" not in walked
