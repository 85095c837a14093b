"""JavaScript made smaller for the browser: terser under Node (site_src/zelfcheck/minify.mjs).

- Our own scripts (the self-check's and the training's), `scripts`: each with a source map next to
  it that holds the original text, so the browser's developer tools show the code as written.
- Pyodide's runtime script, `runtime`: names of functions and classes kept (Pyodide compares class
  names at run time). No map: the stock file names none either.

Terser is deterministic and slow on the runtime (seconds): results are kept in node_modules/.cache/
under a hash of the input, minify.mjs and terser's version, and a build only runs it for new input.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from site_src.fast_start import CACHE, NODE_PYODIDE, ROOT, SOURCE, BuildError, run_node, sha256

SCRIPT = SOURCE / "minify.mjs"
TERSER = ROOT / "node_modules" / "terser" / "package.json"
RUNTIME = NODE_PYODIDE / "pyodide.asm.mjs"


def _key(data: bytes, keep_names: bool) -> str:
    if not TERSER.is_file():
        raise BuildError(f"{TERSER.parent} ontbreekt: draai `npm ci` (of `make build`, dat doet het voor je)")
    version = json.loads(TERSER.read_text(encoding="utf-8"))["version"]
    parts = [hashlib.sha256(data).hexdigest(), sha256(SCRIPT), version, str(keep_names)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _minify(jobs: list[dict[str, object]], scratch: Path, what: str) -> None:
    """Run minify.mjs on `jobs`; their sources and the job list live in `scratch` (this build's own
    folder: two builds at once never read each other's half-written files)."""
    if not jobs:
        return
    listed = scratch / "jobs.json"
    listed.write_text(json.dumps(jobs), encoding="utf-8")
    run_node([str(SCRIPT), str(listed)], what)


def scripts(named: dict[str, str]) -> dict[str, str]:
    """{file name: script} -> the same names with their smaller scripts, plus "<name>.map" for each."""
    out_dir = CACHE / "minified"
    out_dir.mkdir(parents=True, exist_ok=True)
    outs: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="meldcode-minify-") as scratch:
        jobs: list[dict[str, object]] = []
        for index, (name, code) in enumerate(named.items()):
            data = code.encode("utf-8")
            out = out_dir / f"{_key(data, False)}.js"
            outs[name] = out
            if out.is_file() and out.with_name(out.name + ".map").is_file():
                continue
            source = Path(scratch) / f"{index}.js"
            source.write_bytes(data)
            jobs.append({"source": str(source), "out": str(out), "name": name, "map": f"{name}.map",
                         "keepNames": False})
        _minify(jobs, Path(scratch), "onze scripts verkleinen (terser)")
    result: dict[str, str] = {}
    for name, out in outs.items():
        result[name] = out.read_text(encoding="utf-8")
        result[f"{name}.map"] = out.with_name(out.name + ".map").read_text(encoding="utf-8")
    return result


def runtime() -> Path:
    """Pyodide's runtime script (pyodide.asm.mjs), smaller: 1.25 MB -> 1.05 MB, 179 KB with brotli.

    The page hands it to loadPyodide's `createPyodideModule` option; the stock file stays for the
    reference page of `make bench`."""
    out = CACHE / "runtime" / f"pyodide.asm.min-{_key(RUNTIME.read_bytes(), True)}.mjs"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        job: dict[str, object] = {"source": str(RUNTIME), "out": str(out), "name": out.name, "map": None,
                                  "keepNames": True}
        with tempfile.TemporaryDirectory(prefix="meldcode-minify-") as scratch:
            _minify([job], Path(scratch), "de runtime van Pyodide verkleinen (terser)")
    return out
