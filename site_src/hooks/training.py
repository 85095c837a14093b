"""MkDocs hook: place the training pages (casussen, quiz, the trainer's page), their script (made
smaller, with its source map: site_src/minify.py) and style, and the handout PDF.

The pages come from site_src/render/training.py, the flowchart from site_src/flowchart.py, the PDF
from site_src/handout.py. Everything that can fail (case file, Graphviz, Chromium) runs in
`on_config`, before MkDocs empties site/; nothing generated is written into docs/ or committed.
The pages get the same Content-Security-Policy as the self-check (site_src/csp.py): the case pages
run the engine in Pyodide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from site_src import csp, minify
from site_src.build import SiteBuild, for_run
from site_src.fast_start import BuildError
from site_src.generated import add_generated, nest
from site_src.handout import HandoutError, handout_pdf
from site_src.render import training

ASSETS = Path(__file__).resolve().parents[1] / "training"


@dataclass
class _State:
    pages: dict[str, str]
    files: dict[str, bytes]


def _state(config: Any) -> _State:
    """This run's pages and files, made on the first ask (in on_config) and kept on the run's build."""
    site = for_run(config)
    return site.once("training", lambda: _make(site))


def on_config(config: Any) -> Any:
    _state(config)
    return config


def _make(site: SiteBuild) -> _State:
    # Read on every run (not the cached defaults): `make serve` shows edits.
    protocol, book, school = site.protocol, site.book, site.school
    try:
        chart = site.chart("training")
        pdf = handout_pdf(protocol, book, school)
    except HandoutError as error:
        raise PluginError(str(error)) from None
    files = {training.HANDOUT: pdf}
    for asset in sorted(ASSETS.glob("*.css")):
        files[f"{training.ASSETS}{asset.name}"] = asset.read_bytes()
    try:  # smaller, each with its source map (site_src/minify.py)
        scripts = minify.scripts({a.name: a.read_text(encoding="utf-8") for a in sorted(ASSETS.glob("*.js"))})
    except BuildError as error:
        raise PluginError(str(error)) from None
    files |= {f"{training.ASSETS}{name}": content.encode("utf-8") for name, content in scripts.items()}
    return _State(training.pages(protocol, book, chart), files)


def on_files(files: Files, config: Any) -> Files:
    state = _state(config)
    return add_generated(files, config, state.pages, state.files)


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    """Put the quiz, the trainer's page and the cases under the training page in the menu."""
    index = training.source(training.ROOT)
    return nest(nav, files, {index: [uri for uri in _state(config).pages if uri != index]})


def on_post_page(output: str, page: Page, config: Any) -> str:
    if not page.file.src_uri.startswith(training.ROOT):
        return output
    try:
        return csp.with_policy(output, page.file.src_uri)
    except csp.PolicyError as error:
        raise PluginError(str(error)) from None


