"""MkDocs hook: the self-check at /zelfcheck/, the engine's files, Pyodide copied in, the offline cache.

- on_files: the page (its source is only its title: its template, site_src/theme/zelfcheck.html,
  writes the markup and leaves out Material's script), the page's JS modules (PAGE_MODULES) and CSS
  from site_src/zelfcheck/ (with the engine's worker, engine-worker.js, and pyodide_private.js),
  made smaller by terser, each with its source map (site_src/minify.py), and the protocol wheel,
  built now from the same source the tests import. engine.js gets the names of this build's files
  and the key of its warm-start snapshot. It also starts, in the background, the build of the fast
  standard library (site_src/zelfcheck/stdlib.mjs under Node: byte-compiled, only what the engine
  imports), so it runs while MkDocs writes the pages.
- on_page_context: what the template fills in (page_view): our texts and the first question from
  protocol/api.py, so it shows before any script runs, and the blocks from protocol/present.py.
- on_post_page: a Content-Security-Policy meta tag without 'unsafe-inline' (site_src/csp.py) for
  the page's own CSS, JS and start-up line, which its template puts in <head> (block extrahead).
- on_post_build: the stock Pyodide runtime files copied from node_modules/pyodide (installed with
  `npm ci`; never committed, never loaded from a CDN) and the smaller runtime script (terser), the
  fast standard library, pre-compressed
  .br/.gz files next to the big assets, the bare reference page for `make bench`, and the service
  worker (sw.js) that keeps the self-check's files for offline use (under `mkdocs serve` one that
  switches it off: site_src/zelfcheck/sw-serve.js).

Slow, deterministic results (the standard library, brotli) are kept in node_modules/.cache/, keyed
by a hash of their inputs, so only the first build pays for them.

The hook holds no protocol logic: texts and the first question come from protocol.api.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:  # mkdocs loads hooks by path; the packages live at the root
    sys.path.insert(0, str(ROOT))

from protocol import Protocol, api  # noqa: E402
from protocol.present import Voice, block  # noqa: E402
from site_src import csp, engine_manifest, fast_start, minify  # noqa: E402
from site_src.build import for_run  # noqa: E402
from site_src.render import urls  # noqa: E402
from site_src.wheel import build_wheel  # noqa: E402

PAGE = "zelfcheck/index.md"
ASSETS = "assets/zelfcheck"
PYODIDE_DIR = "assets/pyodide"
SOURCE = ROOT / "site_src" / "zelfcheck"
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
# The stock Pyodide files: the loader, the runtime script and code, the standard library and the
# lock file. The reference page of `make bench` loads them all, as a default loadPyodide() does. The
# self-check loads the loader and the runtime code, the runtime script made smaller (RUNTIME), our
# own standard library and lock-file contents.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
ENGINE_PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.wasm")
RUNTIME = "pyodide.asm.min.mjs"  # the name engine.js imports
# The page's own ES modules: zelfcheck.js imports the others (and engine.js, which the build fills in).
PAGE_MODULES = ("zelfcheck.js", "offline.js", "state.js", "render.js", "events.js")
# What zelfcheck.js imports: the page names them for the browser to fetch with it (modulepreload)
# instead of after it. Measured, alternating cold visits: "ready" 40-75 ms sooner.
PRELOADED = (*(name for name in PAGE_MODULES if name != "zelfcheck.js"), "engine.js")
# The engine's module worker and the one module with Pyodide's non-public API (engine.js says more).
WORKER_FILES = ("engine-worker.js", "pyodide_private.js")
# The bare reference page `make bench` compares the self-check with (not a page of the site).
REFERENCE = "assets/bench/referentie.html"
_scratch = Path(tempfile.mkdtemp(prefix="meldcode-zelfcheck-"))
atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
_serving = False


@dataclass(frozen=True)
class _Engine:
    """This run's engine files (kept on the run's build, not in module globals)."""

    wheel: Path
    runtime: Path  # the smaller runtime script
    prepared: fast_start.Prepared  # the standard library, built in the background
    manifest: engine_manifest.Manifest
    engine_js: str  # engine.js with this build's names in its placeholders


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    # `mkdocs serve` (make serve): no offline cache, so every reload shows the newest build.
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # This run's protocol, read now: not at import, and not the cached default(), which `make
    # serve` would keep showing after an edit.
    for_run(config)
    try:
        fast_start.check_pyodide_version()
    except fast_start.BuildError as error:
        raise PluginError(str(error)) from None
    return config


def _engine(config: object) -> _Engine:
    return for_run(config).once("zelfcheck-engine", _prepare_engine)


def _prepare_engine() -> _Engine:
    wheel = fast_start.stored(build_wheel(_scratch / "wheel"), _scratch / "stored")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
    for name in PYODIDE_FILES:
        if not (NODE_PYODIDE / name).is_file():
            raise PluginError(f"{NODE_PYODIDE / name} ontbreekt. Oplossing: draai `npm ci` (of `make build`, "
                              "dat doet het voor je).")
    # The slow part (byte-compiling the standard library under Node, brotli) runs while MkDocs
    # writes the pages; on_post_build waits for it.
    runtime = minify.runtime()
    prepared = fast_start.Prepared(wheel, [fast_start.without_source_map(NODE_PYODIDE / n)
                                           for n in ENGINE_PYODIDE_FILES] + [runtime])
    # The engine's warm-start snapshot holds this runtime, standard library and wheel in memory.
    snapshot_key = hashlib.sha256("\0".join((digest, prepared.stdlib.name, fast_start.sha256(runtime),
                                              fast_start.pyodide_version())).encode()).hexdigest()[:16]
    lock = fast_start.lock_contents()
    manifest = engine_manifest.Manifest(
        pyodide=fast_start.pyodide_version(), engine=f"{ASSETS}/engine.js", wheel=f"{ASSETS}/{wheel.name}",
        wheel_url=f"{ASSETS}/{wheel.name}?v={digest}", wheel_sha256=fast_start.sha256(wheel),
        stdlib=f"{ASSETS}/{prepared.stdlib.name}", runtime=f"{PYODIDE_DIR}/{RUNTIME}",
        lock_sha256=hashlib.sha256(lock.encode()).hexdigest(), snapshot_key=snapshot_key,
        snapshot=f"{ASSETS}/engine-{snapshot_key}.snapshot")
    # The placeholders engine.js holds, filled from the manifest (their names stay as they are).
    values = {"__WHEEL_FILE__": manifest.wheel_url.removeprefix(f"{ASSETS}/"),
              "__STDLIB_FILE__": manifest.stdlib.removeprefix(f"{ASSETS}/"),
              '"__LOCK_FILE__"': lock, "__SNAPSHOT_FILE__": manifest.snapshot.removeprefix(f"{ASSETS}/")}
    engine_js = (SOURCE / "engine.js").read_text(encoding="utf-8")
    for placeholder, value in values.items():
        if placeholder not in engine_js:
            raise PluginError(f"site_src/zelfcheck/engine.js mist de plaatshouder {placeholder}. Oplossing: "
                              "zet hem terug (site_src/hooks/zelfcheck.py vult hem in).")
        engine_js = engine_js.replace(placeholder, value)
    return _Engine(wheel, runtime, prepared, manifest, engine_js)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    engine = _engine(config)
    files.append(File.generated(config, engine_manifest.PATH, content=engine.manifest.to_json()))
    scripts = {"engine.js": engine.engine_js} | {
        name: (SOURCE / name).read_text(encoding="utf-8") for name in (*PAGE_MODULES, *WORKER_FILES)}
    try:
        smaller = minify.scripts(scripts)
    except fast_start.BuildError as error:
        raise PluginError(str(error)) from None
    for name, content in smaller.items():
        files.append(File.generated(config, f"{ASSETS}/{name}", content=content))
    css = f"{ASSETS}/zelfcheck.css"
    files.append(File.generated(config, css, abs_src_path=str(SOURCE / "zelfcheck.css")))
    files.append(File.generated(config, f"{ASSETS}/{engine.wheel.name}", abs_src_path=str(engine.wheel)))
    files.append(File.generated(config, PAGE, content=page_markdown()))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page's start-up line, CSS and JS come from its template (site_src/theme/zelfcheck.html,
    block extrahead); here only the policy that allows them by hash."""
    if page.file.src_uri != PAGE:
        return output
    try:
        return csp.with_policy(output, "de zelfcheckpagina")
    except csp.PolicyError as error:
        raise PluginError(str(error)) from None


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config["site_dir"])
    engine = _engine(config)
    stdlib = engine.prepared.result()
    # The big files the self-check loads also go pre-compressed (.br, .gz) for hosts that serve them.
    for name in PYODIDE_FILES:
        # Without their `sourceMappingURL` line: the maps are not shipped, and a browser (or
        # Lighthouse) asking for one would get a 404.
        fast_start.place(fast_start.without_source_map(NODE_PYODIDE / name), site / PYODIDE_DIR / name,
                         compress=name in ENGINE_PYODIDE_FILES)
    fast_start.place(engine.runtime, site / PYODIDE_DIR / RUNTIME, compress=True)
    fast_start.place(stdlib, site / ASSETS / stdlib.name, compress=True)
    fast_start.place(engine.wheel, site / ASSETS / engine.wheel.name, compress=True)
    reference = site / REFERENCE
    reference.parent.mkdir(parents=True, exist_ok=True)
    reference.write_text(REFERENCE_HTML, encoding="utf-8")
    # Everything /zelfcheck/ needs, for the offline cache: the page, what it loads, and what the
    # engine loads (engine.js, Pyodide, our standard library, the wheel).
    # The engine's files by the names this build gave them (the manifest on_files wrote).
    manifest = engine_manifest.read(site)
    files = ["zelfcheck/", *fast_start.page_files(site, "zelfcheck/"), manifest.engine,
             *(f"{ASSETS}/{n}" for n in (*PAGE_MODULES, *WORKER_FILES)),
             *(f"{PYODIDE_DIR}/{n}" for n in ENGINE_PYODIDE_FILES), manifest.runtime, manifest.stdlib,
             manifest.wheel_url]
    files = list(dict.fromkeys(files))
    cache = write_service_worker(site, files)
    offline = engine_manifest.Offline(cache, files if cache else [])
    engine_manifest.write(site, replace(manifest, offline=offline))


def write_service_worker(site: Path, files: list[str]) -> str:
    """sw.js for these files, and its cache name; under `mkdocs serve` one that switches the
    offline cache off ("": no cache)."""
    if _serving:
        fast_start.no_service_worker(site)
        return ""
    return fast_start.service_worker(site, files)


# Bare on purpose: a default loadPyodide() from the same stock files and one line of Python, timed
# like the self-check (performance mark). `make bench` compares the two.
REFERENCE_HTML = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Testpagina: Pyodide zonder aanpassingen (make bench)</title>
</head>
<body>
<main>
<h1>Testpagina voor de snelheidsmeting</h1>
<p>Deze pagina hoort niet bij de site. <code>make bench</code> meet hier hoe lang Pyodide zonder
aanpassingen nodig heeft om te starten, en vergelijkt dat met de <a href="../../zelfcheck/">zelfcheck</a>.</p>
<p id="status" role="status">Bezig met laden…</p>
</main>
<script type="module">
import { loadPyodide } from "../pyodide/pyodide.mjs";
const pyodide = await loadPyodide();
const answer = pyodide.runPython("1 + 1");
performance.mark("meldcode-reference-ready");
document.getElementById("status").textContent = `Klaar: 1 + 1 = ${answer}`;
document.body.dataset.state = "ready";
</script>
</body>
</html>
"""


# --- the page ----------------------------------------------------------------------------------------
# Its markup is in its template (site_src/theme/zelfcheck.html); here only what the template fills in.

# Why loading failed (engine.js) -> the text that says so.
REASONS = (("no-wasm", "failed_no_wasm"), ("missing", "failed_missing"), ("timeout", "failed_timeout"),
           ("error", "failed_error"))


def page_markdown() -> str:
    """The page's source: its title. The template (front matter) writes the rest."""
    front = "---\ntitle: Zelfcheck\ntemplate: zelfcheck.html\nhide:\n  - navigation\n  - toc\n---\n\n"
    return f"{front}# {api.TEXTS['title']}\n"


def _admonition(voice: Voice, body: str = "", ident: str = "") -> str:
    """A block of protocol text or of our words, in Material's admonition HTML as the site's pages have it."""
    return block(voice, str(body), "admonition", ident=ident)


def page_view(config: object) -> dict[str, Any]:
    """What the template shows, from the protocol read in on_config: our texts, the first question
    (so it reads before any script runs, and without one), the static route, and the chart without
    links (a click must not leave the self-check and lose the answers)."""
    site = for_run(config)
    protocol: Protocol = site.protocol
    return {"texts": api.TEXTS, "question": api.state([], protocol=protocol)["question"],
            # Without the engine, the static page of the first afweging leads through the protocol.
            "static_route": urls.relative("zelfcheck/", urls.step(protocol.start)),
            "reasons": REASONS, "chart": site.chart("zelfcheck"), "block": _admonition,
            "preload": [f"{ASSETS}/{name}" for name in PRELOADED]}


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: object) -> dict[str, Any]:
    if page.file.src_uri == PAGE:
        context["zc"] = page_view(config)
    return context
