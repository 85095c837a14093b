"""Where each page of the site lives, relative to the site root. The one place for the URL scheme.

Steps (afwegingen, actions, outcomes) live at their id (`afweging-3/`): the ids are content and
stay stable. Follow-up sections live under `vervolg/`, so a section id never clashes with a step.
"""

from __future__ import annotations

FLOWCHART = "stroomschema/"
ROLES = "rollen/"
SECTIONS = "vervolg/"
STEPS = "afwegingen/"
OUTCOMES = "uitkomsten/"


def step(node_id: str) -> str:
    return f"{node_id}/"


def section(section_id: str) -> str:
    return f"{SECTIONS}{section_id}/"


def source(path: str) -> str:
    """The Markdown file MkDocs builds a page from (`afweging-3/` -> `afweging-3/index.md`)."""
    return f"{path}index.md" if path else "index.md"


def relative(from_path: str, to_path: str) -> str:
    """A link between two directory-style pages that also works when the site sits in a subfolder."""
    depth = from_path.count("/")
    return "../" * depth + to_path
