"""MkDocs hook: the web server rules for the built site (`_nginx.conf`, `_headers`; site_src/deploy.py).

Last in mkdocs.yml: the rules hash the inline scripts of the finished pages and list every file,
so they run after the other hooks have written theirs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # mkdocs loads hooks by path; the packages live at the root
    sys.path.insert(0, str(ROOT))

from site_src.deploy import DeployError, write_deploy_files  # noqa: E402


def on_post_build(config: MkDocsConfig) -> None:
    try:
        write_deploy_files(Path(config["site_dir"]))
    except DeployError as error:
        raise PluginError(str(error)) from None
