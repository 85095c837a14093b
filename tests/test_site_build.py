"""A broken protocol file stops `mkdocs build` with one message (file, place, fix), no traceback and
no half-written site; each run of the build reads the protocol again (`make serve` shows edits)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from site_src import engine_manifest, fast_start

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("protocol") / "data" / "meldcode.toml"


def project_copy(tmp: Path) -> Path:
    """The project's sources in a temporary folder; node_modules is shared (read only)."""
    copy = tmp / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "*_cache", "__pycache__", "*.egg-info", "build", "dist"))
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    # `python -m` puts the working folder first on sys.path: the copy's protocol package is imported.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, check=False, timeout=600)


@pytest.mark.parametrize(("old", "new", "place"), [
    ('start = "afweging-2"', 'start = "afweging-9"', "start"),
    ('id = "afweging-3"', 'id = "afweging 3"', "afweging 3"),
    ("[[questions]]\nid = \"afweging-4\"", "[[questions]\nid = \"afweging-4\"", "TOML"),
], ids=["onbekende-start", "slug", "toml"])
def test_a_broken_protocol_file_stops_the_build_with_one_message(tmp_path: Path, old: str, new: str,
                                                                   place: str) -> None:
    project = project_copy(tmp_path)
    data = project / DATA
    text = data.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("oude site", encoding="utf-8")

    done = build(project, site)

    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in output, output
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, done.stderr
    assert str(DATA) in errors[0] and place in output and "Oplossing:" in output, done.stderr
    # Nothing written: the old site is still there, untouched.
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "oude site"


def test_each_run_of_the_build_reads_the_protocol_again(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`make serve` keeps the hooks and the cached protocol.default() between rebuilds; the
    self-check page must still show an edit at the next rebuild (a new run, a new config)."""
    from site_src import build as site_build

    spec = importlib.util.spec_from_file_location("zelfcheck_hook", ROOT / "site_src/hooks/zelfcheck.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "zelfcheck_hook", hook)  # MkDocs registers a hook too
    spec.loader.exec_module(hook)  # as MkDocs loads a hook: importing it reads nothing
    data = tmp_path / "meldcode.toml"
    original = (ROOT / DATA).read_text(encoding="utf-8")
    question = 'title = "Veiligheid afweging"'
    assert question in original
    monkeypatch.setattr(site_build, "PROTOCOL_FILE", data)
    for title in ("Veiligheid eerst gewogen", "Veiligheid opnieuw gewogen"):
        data.write_text(original.replace(question, f'title = "{title}"', 1), encoding="utf-8")
        config = object()  # each rebuild under `mkdocs serve` has its own config
        hook.on_config(config)
        view = hook.page_view(config)  # what the page's template shows
        assert view["question"]["heading"] == f"Afweging 2: {title}"
        assert "Veiligheid afweging" not in str(view)


def test_the_self_check_template_asks_only_for_texts_that_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' Jinja shows nothing for a key that is missing, and `t.clear` is the dict's own method
    (the page once showed "<built-in method clear ...>" on a button): subscripts, and known keys."""
    from protocol import api

    template = (ROOT / "site_src/theme/zelfcheck.html").read_text(encoding="utf-8")
    keys = set(re.findall(r"""\bt\[["'](\w+)["']\]""", template))
    spec = importlib.util.spec_from_file_location("zelfcheck_texts", ROOT / "site_src/hooks/zelfcheck.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "zelfcheck_texts", hook)  # as MkDocs registers a hook
    spec.loader.exec_module(hook)
    keys |= {key for _, key in hook.REASONS}
    assert "clear" in keys and keys <= set(api.TEXTS), sorted(keys - set(api.TEXTS))
    assert not re.search(r"\bt\.\w", template)


def test_a_pyodide_other_than_the_pinned_one_stops_the_build(tmp_path: Path) -> None:
    """package.json asks for another Pyodide than node_modules holds (`npm ci` not run): one message
    that says to run it, and the old site stays."""
    project = project_copy(tmp_path)
    package = project / "package.json"
    pinned = json.loads(package.read_text(encoding="utf-8"))["devDependencies"]["pyodide"]
    installed = fast_start.pyodide_version()
    assert pinned == installed  # the real project is consistent
    package.write_text(package.read_text(encoding="utf-8").replace(f'"pyodide": "{pinned}"',
                                                                   '"pyodide": "0.29.3"'), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("oude site", encoding="utf-8")

    done = build(project, site)

    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    (error,) = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert "Pyodide 0.29.3" in error and f"Pyodide {installed}" in error
    assert "npm ci" in done.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_the_version_check_also_names_a_missing_pyodide(tmp_path: Path) -> None:
    package = tmp_path / "package.json"
    package.write_text('{"devDependencies": {"pyodide": "314.0.7"}}', encoding="utf-8")
    with pytest.raises(fast_start.BuildError, match="npm ci"):
        fast_start.check_pyodide_version(package, tmp_path / "node_modules/pyodide/package.json")
    assert fast_start.check_pyodide_version() == fast_start.pyodide_version()


def test_the_manifest_names_the_engine_files_this_build_made(site_dir: Path) -> None:
    """What the build made, by name: each file exists, the wheel's digest is its own, engine.js was
    filled with the same names, and the offline cache holds them."""
    built = engine_manifest.read(site_dir)
    assert built.pyodide == fast_start.pyodide_version()
    for name in (built.engine, built.wheel, built.stdlib, built.runtime):
        assert (site_dir / name).is_file(), name
    assert fast_start.sha256(site_dir / built.wheel) == built.wheel_sha256
    assert built.wheel_url.split("?v=")[0] == built.wheel
    engine_js = (site_dir / built.engine).read_text(encoding="utf-8")
    for placed in (built.wheel_url.rsplit("/", 1)[1], built.stdlib.rsplit("/", 1)[1],
                   built.snapshot.rsplit("/", 1)[1]):
        assert placed in engine_js, placed
    assert "__" + "WHEEL_FILE__" not in engine_js
    assert built.snapshot_key in built.snapshot
    assert built.offline is not None and built.offline.cache.startswith("meldcode-")
    assert {built.engine, built.stdlib, built.runtime, built.wheel_url} <= set(built.offline.files)


def test_a_manifest_of_another_version_is_refused() -> None:
    text = engine_manifest.Manifest("0", "e", "w", "w?v=1", "0", "s", "r", "0", "k", "x").to_json()
    assert engine_manifest.Manifest.from_json(text).snapshot_key == "k"
    with pytest.raises(ValueError, match="manifest versie"):
        engine_manifest.Manifest.from_json(text.replace('"version": 1', '"version": 2'))


def test_graphviz_draws_each_variant_once_per_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hooks ask the build for the chart as often as they like: Graphviz runs once per variant
    (pages, training, self-check), and a new run (a rebuild under `make serve`) draws again."""
    from site_src import build as site_build
    from site_src import flowchart

    drawn: list[str] = []
    real = flowchart.render

    def counted(chart: Any, fmt: str = "svg") -> str:
        drawn.append(fmt)
        return real(chart, fmt)

    monkeypatch.setattr(flowchart, "render", counted)
    run = site_build.read()
    charts = {name: run.chart(name) for name in flowchart.VARIANTS for _ in range(3)}
    assert len(drawn) == len(flowchart.VARIANTS) == 3
    assert 'href="../afweging-2/"' in charts["pages"] and 'href="../../afweging-2/"' in charts["training"]
    assert "href=" not in charts["zelfcheck"] and 'id="node-afweging-2"' in charts["zelfcheck"]
    site_build.read().chart("zelfcheck")
    assert len(drawn) == 4


def test_a_missing_graphviz_is_one_plugin_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    from site_src import build as site_build

    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(PluginError, match=r"Graphviz \(`dot`\) ontbreekt\. Oplossing: draai `make build`"):
        site_build.read().chart("pages")
