"""No script of the built site names a source map that is not there.

A `//# sourceMappingURL=` to a missing file costs every developer-tools session (and Lighthouse) a 404
and a console error. Pyodide's loader names `pyodide.mjs.map`, which we do not ship: the build drops
that line (site_src/fast_start.py without_source_map). Material ships its maps next to its scripts.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from site_src import fast_start

SOURCE_MAP = re.compile(rb"[#@] sourceMappingURL=([^\s'\"*]+)")


def source_maps(site_dir: Path) -> list[tuple[Path, str]]:
    return [(script, match.decode()) for script in sorted([*site_dir.rglob("*.js"), *site_dir.rglob("*.mjs")])
            for match in SOURCE_MAP.findall(script.read_bytes())]


def test_every_named_source_map_is_in_the_site(site_dir: Path) -> None:
    named = source_maps(site_dir)
    assert any(script.name.startswith("bundle.") for script, _ in named)  # Material's: shipped
    missing = [(str(script.relative_to(site_dir)), ref) for script, ref in named
               if not urlsplit(ref).scheme and not (script.parent / urlsplit(ref).path).is_file()]
    assert missing == []


def test_pyodide_scripts_name_no_map(site_dir: Path) -> None:
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.min.mjs"):
        assert b"sourceMappingURL" not in (site_dir / "assets/pyodide" / name).read_bytes(), name


def test_the_build_drops_only_the_source_map_line(tmp_path: Path) -> None:
    script = tmp_path / "loader.mjs"
    script.write_bytes(b"export const a = 1;\n//# sourceMappingURL=loader.mjs.map\n")
    stripped = fast_start.without_source_map(script)
    assert stripped.read_bytes() == b"export const a = 1;\n"
    plain = tmp_path / "plain.mjs"
    plain.write_bytes(b"export const b = 2;\n")
    assert fast_start.without_source_map(plain) == plain
