"""Run Graphviz at build time: the flowchart's graph in, inline SVG out.

The graphviz package builds and quotes the DOT source (site_src/render/dot.py) and runs the system's
`dot`. A build draws each variant of the chart once (site_src/build.py holds them): the flowchart
page's (links one folder up), the training's (links two folders up) and the self-check's (no links:
a click must not leave the page and lose the answers). Other pages highlight a walked path by the
stable ids `node-<id>` and `edge-<from>--<to>` (protocol/present.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Literal

import graphviz

from protocol import Protocol
from site_src.render import training
from site_src.render.dot import Href, flowchart_graph, page, relative_href
from site_src.render.graph import GraphNode


class GraphvizError(RuntimeError):
    """Graphviz is missing or refused the DOT source."""


def case_href(node: GraphNode) -> str:
    """Flowchart links from a case page (`training/<id>/`) to the page of each step."""
    return training.relative("training/x/", page(node))


Variant = Literal["pages", "training", "zelfcheck"]
# Per variant: where a shape links to, and the picture's accessible name.
VARIANTS: dict[Variant, tuple[Href | None, str]] = {
    "pages": (relative_href, "Stroomschema van stap 5"),
    "training": (case_href, "Stroomschema van stap 5 met het pad van deze casus"),
    "zelfcheck": (None, "Stroomschema van stap 5"),
}


def variant(protocol: Protocol, name: Variant) -> str:
    """One variant of the chart as inline SVG (site_src/build.py keeps it for the whole build)."""
    href, label = VARIANTS[name]
    return svg(protocol, href=href, label=label)


def svg(
    protocol: Protocol,
    highlight: Collection[str] = (),
    *,
    href: Href | None = relative_href,
    label: str = "Stroomschema van stap 5",
) -> str:
    """The flowchart as an inline <svg> element that scales to the width of its container."""
    return inline(render(flowchart_graph(protocol, highlight, href=href)), label)


def render(chart: graphviz.Digraph, fmt: str = "svg") -> str:
    """Run `dot` on a graph; a missing Graphviz or a refused graph is a GraphvizError that says the fix."""
    try:
        return str(chart.pipe(format=fmt, encoding="utf-8"))
    except graphviz.ExecutableNotFound:
        raise GraphvizError("Graphviz (`dot`) ontbreekt. Oplossing: draai `make build`; dat "
                            "installeert het pakket graphviz.") from None
    except graphviz.CalledProcessError as error:
        stderr = error.stderr.decode(errors="replace") if isinstance(error.stderr, bytes) else error.stderr
        raise GraphvizError(f"Graphviz kon het stroomschema niet tekenen:\n{stderr}") from None


_LINK = re.compile(r'<a xlink:href="([^"]*)" xlink:title="([^"]*)">(.*?)</a>', re.S)
_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")


def _accessible_link(match: re.Match[str]) -> str:
    """Chromium exposes an SVG link only with plain `href`, and shows a tooltip only from a
    <title> child. The name stays the visible words (aria-label); the tooltip becomes the
    description."""
    href, tooltip, inner = match.groups()
    name = " ".join(_TEXT.findall(inner))
    return f'<a href="{href}" aria-label="{name}"><title>{tooltip}</title>{inner}</a>'


def inline(document: str, label: str) -> str:
    """Graphviz's SVG file made fit for inlining in HTML."""
    start = document.index("<svg")
    # Graphviz writes "-" as "&#45;"; plain hyphens keep the ids greppable (`node-afweging-3`).
    body = re.sub(r"<!--.*?-->", "", document[start:], flags=re.S).replace("&#45;", "-")
    # Fixed pt sizes would stop the picture from scaling: the viewBox keeps the proportions.
    body = re.sub(r'<svg width="[^"]*" height="[^"]*"', f'<svg role="group" aria-label="{label}"', body,
                  count=1)
    # Graphviz gives every group a <title> with its internal name ("afweging-2->afweging-3");
    # screen readers would read those.
    body = re.sub(r"<title>[^<]*</title>\n?", "", body)
    body = _LINK.sub(_accessible_link, body)
    # A blank line would end the raw HTML block in Markdown.
    return "\n".join(line for line in body.splitlines() if line.strip())
