"""Adding what a hook generated to the build, in memory: nothing generated is written to docs/."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs.structure.files import File, Files


def add_generated(files: Files, config: Any, pages: Mapping[str, str], data: Mapping[str, bytes]) -> Files:
    """Markdown pages by source path, and other files (PDF, JS, CSS) by their path in the site."""
    for uri, content in pages.items():
        files.append(File.generated(config, uri, content=content))
    for uri, raw in data.items():
        files.append(File.generated(config, uri, content=raw))
    return files
