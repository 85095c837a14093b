"""Every place the site relies on MkDocs or Material beyond their documented API, in one module.

Each use has a fallback to the documented path, and tests/test_mkdocs_internals.py runs the fallback,
so an upgrade that removes an internal costs speed or a warning, never the build.

1. Relinking the menu after a hook changed it. MkDocs has no public call for it; `get_navigation`
   uses the private `_add_previous_and_next_links` and `_add_parent_links` of mkdocs.structure.nav
   (MkDocs 1.6). Fallback: set the same public attributes ourselves (`Page.previous_page`,
   `Page.next_page`, `parent` of pages and sections), as the MkDocs docs describe them.
2. Where Material's page starts: a policy <meta> must stand before every script and style, and
   Material writes `<meta charset="utf-8">` first in <head> (material/templates/base.html). That
   is its markup, not a documented promise. Fallback: right after the opening <head> tag, which
   every HTML page has (the HTML spec puts the charset in the first 1024 bytes; a policy meta
   after <head> still comes before every script).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

try:  # MkDocs internals (1.6): what get_navigation itself calls.
    from mkdocs.structure.nav import _add_parent_links, _add_previous_and_next_links

    _PRIVATE_LINKS: tuple[Callable[[Any], None], Callable[[Any], None]] | None = (
        _add_previous_and_next_links, _add_parent_links)
except ImportError:  # a later MkDocs: the documented path below
    _PRIVATE_LINKS = None

CHARSET = '<meta charset="utf-8">'
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def relink(items: Sequence[Any], pages: Sequence[Page]) -> None:
    """Set previous/next page and parents after a hook rebuilt the menu."""
    if _PRIVATE_LINKS is not None:
        previous_and_next, parents = _PRIVATE_LINKS
        previous_and_next(list(pages))
        parents(list(items))
        return
    _relink_public(items, pages)


def _relink_public(items: Sequence[Any], pages: Sequence[Page]) -> None:
    """The documented path: the same attributes, set by hand."""
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None

    def walk(children: Sequence[Any], parent: Section | None) -> None:
        for child in children:
            child.parent = parent
            if isinstance(child, Section):
                walk(child.children, child)

    walk(items, None)


def at_page_start(html: str, snippet: str) -> str:
    """`snippet` as the first thing in <head> after Material's charset (or after <head>)."""
    if CHARSET in html:
        return html.replace(CHARSET, f"{CHARSET}\n    {snippet}", 1)
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("de pagina heeft geen <head>")
    return f"{html[:head.end()]}\n    {snippet}{html[head.end():]}"
