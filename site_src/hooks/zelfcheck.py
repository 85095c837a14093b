"""MkDocs hook: the self-check at /zelfcheck/, the engine's files, Pyodide copied in, the offline cache.

- on_files: the page (its first question written from protocol/api.py, so it shows before any
  script runs; its template, site_src/theme/zelfcheck.html, leaves out Material's script), the
  page's JS and CSS from site_src/zelfcheck/ (with the engine's worker, engine-worker.js, and
  pyodide_private.js), and the protocol wheel, built now from the same source
  the tests import. engine.js gets the names of this build's files and the key of its warm-start
  snapshot. It also starts, in the background, the build of the fast
  standard library (site_src/zelfcheck/stdlib.mjs under Node: byte-compiled, only what the engine
  imports), so it runs while MkDocs writes the pages.
- on_post_page: a Content-Security-Policy meta tag without 'unsafe-inline' (site_src/csp.py) for
  the page's own CSS, JS and start-up line, which its template puts in <head> (block extrahead).
- on_post_build: the stock Pyodide runtime files copied from node_modules/pyodide (installed with
  `npm ci`; never committed, never loaded from a CDN) and the smaller runtime script (esbuild), the
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
import html
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
from protocol.present import block  # noqa: E402
from site_src import csp, engine_manifest, fast_start  # noqa: E402
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


def page_content(config: object) -> str:
    """The self-check page of this run, from the protocol read in on_config, with the chart
    without links (a click must not leave the self-check and lose the answers)."""
    site = for_run(config)
    return page_markdown(site.protocol, site.chart("zelfcheck"))


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
    runtime = fast_start.minified_runtime()
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
    files.append(File.generated(config, f"{ASSETS}/engine.js", content=engine.engine_js))
    files.append(File.generated(config, engine_manifest.PATH, content=engine.manifest.to_json()))
    for name in ("zelfcheck.js", "zelfcheck.css", *WORKER_FILES):
        files.append(File.generated(config, f"{ASSETS}/{name}", abs_src_path=str(SOURCE / name)))
    files.append(File.generated(config, f"{ASSETS}/{engine.wheel.name}", abs_src_path=str(engine.wheel)))
    files.append(File.generated(config, PAGE, content=page_content(config)))
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
             *(f"{ASSETS}/{n}" for n in WORKER_FILES),
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

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _footnotes(footnotes: list[dict[str, Any]], part: str) -> str:
    """A footnote's protocol text (`part="text"`) or our explanation of it (`"explanation"`), after
    its mark. The markup matches what zelfcheck.js writes for the next afweging."""
    return "".join(f'<p class="zc-footnote"><span class="zc-mark">{_e(f["mark"])}</span> {_e(f[part])}</p>'
                   for f in footnotes)


def _source(body: str, ident: str = "") -> str:
    """The meldcode's own text, in Material's admonition HTML as the site's pages have it."""
    return block("source", body, "admonition", ident=ident)


def _ours(body: str, ident: str = "") -> str:
    return block("ours", body, "admonition", ident=ident)


def page_markdown(protocol: Protocol, svg: str) -> str:
    t = {key: _e(value) for key, value in api.TEXTS.items()}
    first = api.state([], protocol=protocol)
    # Without the engine, the static page of the first afweging leads through the protocol.
    static_route = urls.relative("zelfcheck/", urls.step(protocol.start))
    q = first["question"]
    hidden = "" if q["phase"]["text"] else " hidden"
    phase_text = f'<p id="zc-phase-text"{hidden}>{_e(q["phase"]["text"])}</p>'
    radios = "".join(
        f'<div class="zc-radio"><input type="radio" name="antwoord" id="zc-a-{_e(a["id"])}" '
        f'value="{_e(a["id"])}"><label for="zc-a-{_e(a["id"])}">{_e(a["label"])}</label></div>'
        for a in q["answers"])
    reasons = "".join(
        f'<p data-reason="{reason}" hidden>{t[key]}</p>'
        for reason, key in (("no-wasm", "failed_no_wasm"), ("missing", "failed_missing"),
                            ("timeout", "failed_timeout"), ("error", "failed_error")))
    chart = ""
    if svg:
        chart = (f'<aside class="zc-chart" id="zc-chart" aria-labelledby="zc-chart-title">'
                 f'<h2 id="zc-chart-title">{t["chart_title"]}</h2><p>{t["chart_hint"]}</p>'
                 f'<div class="zc-chart-svg">{svg}</div></aside>')
    # One HTML block without blank lines, so Markdown passes it through untouched.
    body = f"""<div class="zc" id="zelfcheck" data-state="static">
<p>{t["intro"]}</p>
<p class="zc-privacy">{t["privacy"]} <a href="../privacy/">{t["privacy_link"]}</a>.</p>
<p class="zc-noscript zc-static">{t["static_route"]}
<a href="{static_route}">{t["failed_start"]}</a>.</p>
<div id="zc-live" class="zc-visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
<p hidden><span id="zc-ready-text">{t["ready"]}</span>
<span id="zc-source-label">{t["source_label"]}</span>
<span id="zc-ours-label">{t["explanation"]}</span>
<span id="zc-waiting-text">{t["waiting"]}</span>
<span id="zc-cleared-text">{t["cleared"]}</span>
<span id="zc-date-failed-text">{t["date_failed"]}</span></p>
<div id="zc-loading" class="zc-loading"><progress aria-labelledby="zc-loading-text"></progress>
<span id="zc-loading-text">{t["loading"]}</span></div>
<div id="zc-failed" class="zc-failed" hidden>
<h2 id="zc-failed-title" tabindex="-1">{t["failed_title"]}</h2>
{reasons}
<p>{t["failed_route"]} <a href="{static_route}">{t["failed_start"]}</a>.</p>
<p><button type="button" id="zc-retry" class="md-button">{t["retry"]}</button></p>
</div>
<div class="zc-layout">
<div class="zc-main">
<div id="zc-actions" hidden></div>
<form id="zc-question" class="zc-question" data-question="{_e(q["id"])}" novalidate autocomplete="off">
<p class="zc-phase" id="zc-phase">{_e(q["phase"]["title"])}</p>
<h2 id="zc-heading" tabindex="-1" elementtiming="meldcode-first-question">{_e(q["heading"])}</h2>
{_source(phase_text + f'<p id="zc-text">{_e(q["text"])}</p>'
          + f'<div id="zc-footnotes">{_footnotes(q["footnotes"], "text")}</div>')}
{_ours(f'<p id="zc-explanation">{_e(q["explanation"])}</p>'
       + f'<div id="zc-footnote-explanations">{_footnotes(q["footnotes"], "explanation")}</div>')}
<fieldset class="zc-answers" aria-describedby="zc-error"><legend>{t["answer_legend"]}</legend>
<p id="zc-error" class="zc-error" hidden>{t["choose"]}</p>
<div id="zc-answers">{radios}</div>
</fieldset>
<div class="zc-field">
<label for="zc-note">{t["note_label"]}</label>
<p id="zc-note-hint" class="zc-hint">{t["note_hint"]}</p>
<textarea id="zc-note" rows="3" aria-describedby="zc-note-hint zc-note-warning" autocomplete="off"
spellcheck="false"></textarea>
<p id="zc-note-warning" class="zc-warning" hidden></p>
</div>
<p class="zc-buttons"><button type="submit" class="md-button md-button--primary">{t["next"]}</button>
<button type="button" id="zc-back" class="md-button" hidden>{t["back"]}</button></p>
</form>
<section id="zc-outcome" class="zc-outcome" hidden aria-labelledby="zc-outcome-heading">
<h2 id="zc-outcome-heading" tabindex="-1"></h2>
<h3>{t["do_now"]}</h3>
{_source('<div id="zc-outcome-text"></div><div id="zc-outcome-footnotes"></div>')}
{_ours('<p id="zc-outcome-summary"></p><p id="zc-outcome-explanation"></p>')}
<div id="zc-loops-box"><h3>{t["loops_title"]}</h3><div id="zc-loops"></div></div>
<p class="zc-buttons"><button type="button" id="zc-outcome-back" class="md-button">{t["back"]}</button></p>
</section>
<section id="zc-duties" class="zc-duties" hidden aria-labelledby="zc-duties-title">
<h2 id="zc-duties-title">{t["duties_title"]}</h2>
<div id="zc-duties-list"></div>
</section>
<section id="zc-dates" class="zc-dates" hidden aria-labelledby="zc-dates-title">
<h2 id="zc-dates-title">{t["dates_title"]}</h2>
<p>{t["dates_intro"]}</p>
<div id="zc-date-inputs"></div>
{_ours('<ul id="zc-due"></ul>' + f'<p>{t["dates_rule"]}</p>', "zc-due-box")}
</section>
<section id="zc-record" class="zc-record" hidden aria-labelledby="zc-record-title">
<h2 id="zc-record-title">{t["record_title"]}</h2>
<p>{t["record_intro"]}</p>
<p class="zc-buttons"><button type="button" id="zc-print" class="md-button">{t["print"]}</button>
<button type="button" id="zc-download-record" class="md-button">{t["download_record"]}</button>
<button type="button" id="zc-download-ics" class="md-button" hidden>{t["download_ics"]}</button></p>
<pre id="zc-record-text" class="zc-record-text" tabindex="0" aria-labelledby="zc-record-title"></pre>
</section>
<section id="zc-path" class="zc-path" aria-labelledby="zc-path-title">
<h2 id="zc-path-title">{t["path_title"]}</h2>
<p id="zc-path-empty">{t["path_empty"]}</p>
<ol id="zc-path-list"></ol>
</section>
<p class="zc-buttons"><button type="button" id="zc-restart" class="md-button">{t["restart"]}</button>
<button type="button" id="zc-clear" class="md-button">{t["clear"]}</button></p>
</div>
{chart}
</div>
</div>"""
    front = "---\ntitle: Zelfcheck\ntemplate: zelfcheck.html\nhide:\n  - navigation\n  - toc\n---\n\n"
    return f"{front}# {t['title']}\n\n{body}\n"
