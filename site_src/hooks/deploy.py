"""MkDocs hook: the web server rules for the built site (`_nginx.conf`, `_headers`; site_src/deploy.py).

Last in mkdocs.yml: the rules hash the inline scripts of the finished pages and list every file,
so they run after the other hooks have written theirs.

Being last also makes it the guard against a half-written site. A bad input file stops the build in
`on_config`, before MkDocs empties site/, and the old site stays. Anything that fails after MkDocs
emptied the folder (a page, a hook's `on_post_build`, these rules, a warning under --strict) would
leave a site without part of its pages, scripts or server rules; `on_build_error` then empties the
folder again, as MkDocs itself does at the start of a build, so nothing half-done can be published.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # mkdocs loads hooks by path; the packages live at the root
    sys.path.insert(0, str(ROOT))

from site_src.deploy import DeployError, write_deploy_files  # noqa: E402

log = logging.getLogger("mkdocs.hooks.deploy")

# The command of this process (`build` or `serve`) and, once this run passed every hook's
# on_pre_build, the folder MkDocs is about to empty. `mkdocs serve` builds into its own temporary
# folder and keeps serving the last pages it has: nothing there is published, so it is left alone.
_command = "build"
_emptied: Path | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config: MkDocsConfig) -> None:
    # Every hook's on_config and on_pre_build ran (this hook is last): MkDocs empties site/ next.
    global _emptied
    _emptied = Path(config["site_dir"]) if _command != "serve" else None


def on_post_build(config: MkDocsConfig) -> None:
    # `_emptied` stays set: after this MkDocs may still abort on a --strict warning.
    try:
        write_deploy_files(Path(config["site_dir"]))
    except DeployError as error:
        raise PluginError(str(error)) from None


def on_build_error(error: Exception) -> None:
    global _emptied
    if _emptied is not None and _emptied.is_dir():
        _empty(_emptied)
        log.error("De bouw stopte halverwege. De map %s is weer leeggemaakt: zo komt er geen halve "
                  "site online.", _emptied)
    _emptied = None


def _empty(folder: Path) -> None:
    """What MkDocs does before a build (dotfiles stay: MkDocs never writes them)."""
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
