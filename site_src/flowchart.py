"""Run Graphviz at build time: the protocol's DOT source in, inline SVG out.

Other pages (the self-check) reuse `svg()` to show the same picture and highlight a walked path
by the stable ids `node-<id>` and `edge-<from>--<to>`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Collection

from protocol import Protocol
from site_src.render.dot import Href, flowchart_dot, relative_href


class GraphvizError(RuntimeError):
    """Graphviz is missing or refused the DOT source."""


def svg(
    protocol: Protocol,
    highlight: Collection[str] = (),
    *,
    href: Href | None = relative_href,
    label: str = "Stroomschema van stap 5",
) -> str:
    """The flowchart as an inline <svg> element that scales to the width of its container."""
    return inline(run_dot(flowchart_dot(protocol, highlight, href=href)), label)


def run_dot(source: str, fmt: str = "svg") -> str:
    if shutil.which("dot") is None:
        raise GraphvizError("Graphviz (`dot`) ontbreekt. Oplossing: draai `make build`; dat "
                            "installeert het pakket graphviz.")
    done = subprocess.run(["dot", f"-T{fmt}"], input=source, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise GraphvizError(f"Graphviz kon het stroomschema niet tekenen:\n{done.stderr}")
    return done.stdout


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
