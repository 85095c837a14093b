"""No script of the built site names a source map that is not there.

A `//# sourceMappingURL=` to a missing file costs every developer-tools session (and Lighthouse) a 404
and a console error. Pyodide's loader names `pyodide.mjs.map`, which we do not ship: the build drops
that line (site_src/fast_start.py without_source_map). Material ships its maps next to its scripts.
Our own scripts ship smaller (site_src/minify.py), each with a map that holds the text as written.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_src import fast_start, minify
from site_src.hooks.zelfcheck import PAGE_MODULES, WORKER_FILES

ROOT = Path(__file__).resolve().parent.parent
# Our scripts in the built site -> the file they are made from (engine.js: with this build's names).
OUR_SCRIPTS = {f"assets/zelfcheck/{name}": ROOT / "site_src/zelfcheck" / name
               for name in ("engine.js", *PAGE_MODULES, *WORKER_FILES)} | {
    "training/assets/training.js": ROOT / "site_src/training/training.js"}

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


BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def mapped_lines(mappings: str) -> set[int]:
    """The lines of the (one) original file that a source map's mappings point into (0-based)."""
    lines, line = set(), 0
    for segment in mappings.replace(";", ",").split(","):
        fields, value, shift = [], 0, 0
        for char in segment:
            digit = BASE64.index(char)
            value += (digit & 31) << shift
            shift += 5
            if not digit & 32:
                fields.append(-(value >> 1) if value & 1 else value >> 1)
                value, shift = 0, 0
        if len(fields) >= 4:
            line += fields[2]
            lines.add(line)
    return lines


def test_our_scripts_ship_smaller_with_a_map_of_the_text_as_written(site_dir: Path) -> None:
    for path, source in OUR_SCRIPTS.items():
        name = path.rsplit("/", 1)[1]
        built = (site_dir / path).read_text(encoding="utf-8")
        written = source.read_text(encoding="utf-8")
        assert len(built) < 0.6 * len(written), path
        assert built.endswith(f"//# sourceMappingURL={name}.map"), path
        mapped = json.loads((site_dir / f"{path}.map").read_text(encoding="utf-8"))
        assert mapped["file"] == name and mapped["sources"] == [name], path
        if name == "engine.js":  # filled in by the build: every line without a placeholder is there
            kept = [line for line in written.splitlines() if "__" not in line]
            assert all(line in mapped["sourcesContent"][0] for line in kept)
        else:
            assert mapped["sourcesContent"] == [written], path
        code_lines = {n for n, line in enumerate(written.splitlines())
                      if line.strip() and not line.lstrip().startswith(("//", "*", "/*"))}
        covered = mapped_lines(mapped["mappings"]) & code_lines
        assert len(covered) > 0.8 * len(code_lines), path


def test_a_script_that_does_not_parse_stops_the_build_with_its_name_and_line() -> None:
    with pytest.raises(fast_start.BuildError, match=r"kapot\.js: .*regel 2"):
        minify.scripts({"kapot.js": "export const a = 1;\nconst = ;\n"})


def test_two_builds_at_once_both_get_the_scripts_and_leave_no_half_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both get the same scripts, and the shared cache holds only finished scripts and their maps:
    the sources handed to terser and its half-written output stay out of it."""
    monkeypatch.setattr(minify, "CACHE", tmp_path)
    code = {"dubbel.js": "export function twice(number) {\n  return number * 2;\n}\n"}
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: minify.scripts(code), range(2))
    assert first == second and "export function twice" in first["dubbel.js"]
    assert sorted(p.suffix for p in (tmp_path / "minified").iterdir()) == [".js", ".map"]


def test_the_runtime_keeps_the_class_names_pyodide_compares() -> None:
    smaller = minify.runtime().read_text(encoding="utf-8")
    assert len(smaller) < 0.9 * len(minify.RUNTIME.read_text(encoding="utf-8"))
    for kept in ("class ExitStatus", "class HandleAllocator", '"LiteralMap"', '"PythonError"',
                 "function JsvLiteralMap_New"):
        assert kept in smaller, kept
