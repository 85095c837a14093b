"""Small pieces of the site's generated Markdown: literal protocol text, links between pages, and
the blocks of protocol text and of our own words (labelled by protocol/present.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from protocol.model import Node, Protocol, Question
from protocol.present import block

from . import urls
from .graph import label
from .school import School


@dataclass(frozen=True)
class Build:
    """What a build knows besides the protocol: the school, the date, the flowchart SVG."""

    school: School
    date: str  # ISO date of the build
    svg: str  # the flowchart, inline SVG with links (see site_src/flowchart.py)



_MD_SPECIAL = re.compile(r"([\\`*_\[\]>#])")


def md(text: str) -> str:
    """Protocol text as literal Markdown: every character shows up as written."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def link(from_path: str, to_path: str, text: str) -> str:
    """A Markdown link to another page's source file, so a strict build checks that it exists."""
    return f"[{text}]({urls.relative(from_path, urls.source(to_path))})"


def source_block(body: Iterable[str]) -> str:
    """Protocol text, verbatim, in its labelled block (protocol/present.py)."""
    return block("source", "\n".join(body), "markdown")


def our_block(body: Iterable[str]) -> str:
    """Our own words, in their labelled block (protocol/present.py)."""
    return block("ours", "\n".join(body), "markdown")


def our_part(heading: str, rows: list[str]) -> str:
    """A part of a page in our own words: a heading, and the rows inside a "Toelichting" block."""
    return f"## {heading}\n\n" + our_block(rows) if rows else ""


def abbreviations(protocol: Protocol) -> str:
    """Markdown abbreviation definitions: each role gets its explanation as a tooltip."""
    return "\n" + "\n".join(f"*[{r.name}]: {r.explanation}" for r in protocol.roles) + "\n"


def node_title(node: Node) -> str:
    return label(node)


def texts_of(node: Node) -> tuple[str, ...]:
    """The protocol's own text of a step, as paragraphs."""
    return (node.text,) if isinstance(node, Question) else node.text
