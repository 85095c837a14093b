"""MkDocs hook: place the pages, the flowchart and the posters that the protocol package renders.

Everything that can fail (protocol file, school file, Graphviz, Chromium) runs in `on_config`,
before MkDocs empties site/: a bad input stops the build with one message and no half-written site.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from protocol import Protocol
from site_src.build import SiteBuild, for_run
from site_src.flowchart import GraphvizError
from site_src.generated import add_generated, nest
from site_src.poster import PosterError, posters
from site_src.render.pages import Build, abbreviations, blocks, footer_html, nav_groups, pages

MARKER = re.compile(r"<!-- meldcode:([a-z]+) -->")


@dataclass
class _State:
    protocol: Protocol
    build: Build
    pages: dict[str, str]
    blocks: dict[str, str]
    files: dict[str, bytes]


def _state(config: Any) -> _State:
    """This run's pages and files, made on the first ask (in on_config) and kept on the run's build."""
    site = for_run(config)
    return site.once("pages", lambda: _make(site))


def _make(site: SiteBuild) -> _State:
    # Read on every run (not the cached default): `make serve` shows edits.
    protocol = site.protocol
    try:
        info = Build(site.school, _build_date(), site.chart("pages"))
        files = posters(protocol, info)
    except (GraphvizError, PosterError) as error:
        raise PluginError(str(error)) from None
    return _State(protocol, info, pages(protocol, info), blocks(protocol, info), files)


def on_config(config: Any) -> Any:
    _state(config)
    config.extra["meldcode_footer"] = footer_html(for_run(config).school)
    return config


def on_files(files: Files, config: Any) -> Files:
    state = _state(config)
    return add_generated(files, config, state.pages, state.files)


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    """Put each generated page under its overview page in the menu."""
    return nest(nav, files, nav_groups(_state(config).protocol))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    state = _state(config)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in state.blocks:
            raise PluginError(f"{page.file.src_uri}: onbekend blok '<!-- meldcode:{name} -->'. "
                              f"Oplossing: gebruik een van: {', '.join(sorted(state.blocks))}.")
        return state.blocks[name]

    return MARKER.sub(fill, markdown) + abbreviations(state.protocol)


def _build_date() -> str:
    """Today, or SOURCE_DATE_EPOCH when set, so a build can be repeated exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()).isoformat()
