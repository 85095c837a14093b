"""One build per MkDocs run: the protocol, the cases and the school file, read once in `on_config`,
and the flowchart's SVGs, drawn once per variant.

The hooks compute nothing when they are imported: under `make serve` MkDocs keeps them (and the
cached `protocol.default()`) between rebuilds, so whatever they hold at import would show an old
protocol after an edit. Each run (each `mkdocs build`, each rebuild of `mkdocs serve`) has its own
config object; the first hook that asks for this run's build reads the files, the others get the
same object. A file that cannot be used stops the build with one PluginError (file, place, fix),
raised in `on_config`, before MkDocs empties site/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from mkdocs.exceptions import PluginError

from protocol import Protocol, ProtocolError, cases, default_path, load
from site_src import flowchart
from site_src.flowchart import Variant
from site_src.render.school import School, load_school
from site_src.school_file import school_file

# The protocol file the site is built from: the package's own, which the wheel ships too (tests
# point it at a copy).
PROTOCOL_FILE = Path(default_path())
CASES_FILE = Path(cases.default_path())
T = TypeVar("T")


@dataclass
class SiteBuild:
    protocol: Protocol
    book: cases.Casebook
    school: School
    # The flowchart's SVG per variant, drawn by Graphviz on the first ask of this run (never twice).
    charts: dict[Variant, str] = field(default_factory=dict, repr=False)
    # What each hook made for this run (its pages, files, the engine's wheel): kept here, not in
    # module globals, so a rebuild under `make serve` starts from nothing.
    products: dict[str, Any] = field(default_factory=dict, repr=False)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """`make()` on the first ask of this run; the same result after that."""
        if key not in self.products:
            self.products[key] = make()
        return cast(T, self.products[key])

    def chart(self, variant: Variant) -> str:
        """One variant of the flowchart as inline SVG; a Graphviz failure is one PluginError."""
        if variant not in self.charts:
            try:
                self.charts[variant] = flowchart.variant(self.protocol, variant)
            except flowchart.GraphvizError as error:
                raise PluginError(str(error)) from None
        return self.charts[variant]


_current: tuple[object, SiteBuild] | None = None


def for_run(config: object) -> SiteBuild:
    """This MkDocs run's build (one per config object), read on the first call of the run."""
    global _current
    if _current is None or _current[0] is not config:
        _current = (config, read())
    return _current[1]


def read() -> SiteBuild:
    """Read and check the files; a ProtocolError becomes one PluginError, without a traceback."""
    try:
        protocol = load(PROTOCOL_FILE)
        return SiteBuild(protocol, cases.load(protocol, CASES_FILE), load_school(school_file()))
    except ProtocolError as error:
        raise PluginError(str(error)) from None
