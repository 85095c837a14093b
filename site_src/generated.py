"""Adding what a hook generated to the build and its menu, in memory: nothing is written to docs/."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from site_src.mkdocs_internals import relink


def add_generated(files: Files, config: Any, pages: Mapping[str, str], data: Mapping[str, bytes]) -> Files:
    """Markdown pages by source path, and other files (PDF, JS, CSS) by their path in the site."""
    for uri, content in pages.items():
        files.append(File.generated(config, uri, content=content))
    for uri, raw in data.items():
        files.append(File.generated(config, uri, content=raw))
    return files


def nest(nav: Navigation, files: Files, groups: Mapping[str, Sequence[str]]) -> Navigation:
    """Put generated pages under their overview page in the menu; the overview opens the group.

    `groups` maps an overview page's source path to the source paths of the pages under it.
    """
    items: list[Any] = []
    for item in nav.items:
        if isinstance(item, Page) and item.file.src_uri in groups:
            children: list[Any] = [item]
            for uri in groups[item.file.src_uri]:
                file = files.get_file_from_path(uri)
                if file is None or file.page is None:
                    raise PluginError(f"de pagina {uri} ontbreekt in de build")
                children.append(file.page)
            item = Section(item.title, children)
        items.append(item)
    # MkDocs has no public call to relink a changed menu (site_src/mkdocs_internals.py).
    pages = [p for item in items for p in (item.children if isinstance(item, Section) else [item])
             if isinstance(p, Page)]
    relink(items, pages)
    return Navigation(items, pages)
