"""What makes the self-check start fast and work offline, built next to the site by the zelfcheck hook.

- A small, byte-compiled standard library (site_src/zelfcheck/stdlib.mjs, run under Node with
  Pyodide's own Python): only the modules the engine imports, so Python does not compile its standard
  library from source at every start, and the download stays small.
- Pyodide's runtime script made smaller (terser; site_src/minify.py).
- Pre-compressed copies (.br, .gz) of the big files, for hosts that serve them
  (site_src/zelfcheck/compress.mjs).
- The service worker (site_src/zelfcheck/sw.js) with the list of files the self-check needs.

The Node steps are slow and deterministic: their results are kept in node_modules/.cache/ under a
hash of their inputs, and a build only runs them when an input changed. They run in a background
thread while MkDocs writes the pages.

    python -m site_src.fast_start <wheel> <out.zip>   # the standard library for that wheel
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from site_src import engine_requests

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "site_src" / "zelfcheck"
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "node_modules" / ".cache" / "meldcode-stap5"


class BuildError(RuntimeError):
    """A build step failed; the message says which and why, in Dutch."""


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise BuildError("node ontbreekt: de snelle start van de zelfcheck wordt met Node gebouwd "
                         "(installeer nodejs, of draai `make build`)")
    return found


def run_node(args: list[str], what: str) -> None:
    """Run a Node script of the build; a failure is a BuildError saying `what` failed."""
    done = subprocess.run([node(), *args], capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise BuildError(f"{what} is mislukt:\n{done.stderr[-3000:]}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pyodide_version() -> str:
    package = NODE_PYODIDE / "package.json"
    if not package.is_file():
        raise BuildError(f"{package} ontbreekt: draai `npm ci` (of `make build`, dat doet het voor je)")
    return str(json.loads(package.read_text(encoding="utf-8"))["version"])


def check_pyodide_version(package: Path = ROOT / "package.json",
                          installed: Path = NODE_PYODIDE / "package.json") -> str:
    """The installed Pyodide version, if it is the one package.json pins; else a BuildError.

    The self-check's warm-start snapshot, minified runtime and standard library are built for the
    installed runtime, so a stale node_modules (package.json changed, `npm ci` not run) would ship
    a runtime other than the pinned one without anyone noticing.
    """
    fix = "Oplossing: draai `npm ci` (of `make build`, dat doet het voor je)."
    pinned = json.loads(package.read_text(encoding="utf-8")).get("devDependencies", {}).get("pyodide", "")
    if not installed.is_file():
        raise BuildError(f"{installed} ontbreekt: Pyodide is niet geïnstalleerd.\n{fix}")
    version = str(json.loads(installed.read_text(encoding="utf-8")).get("version", ""))
    if version != pinned:
        raise BuildError(f"{package}: Pyodide {pinned or '(geen versie)'} is vastgelegd, maar "
                         f"node_modules heeft Pyodide {version or '(geen versie)'}.\n{fix}")
    return version


def lock_contents() -> str:
    """A lock file without packages (we load none): loadPyodide then skips the stock 119 KB one."""
    stock = json.loads((NODE_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    return json.dumps({"info": stock["info"], "packages": {}}, sort_keys=True, separators=(",", ":"))


def stdlib_key(wheel: Path) -> str:
    """Everything the standard library zip depends on, hashed: the engine, Pyodide, the builder, and
    the requests it traces."""
    digest = hashlib.sha256()
    for part in (sha256(wheel), pyodide_version(), sha256(NODE_PYODIDE / "python_stdlib.zip"),
                 sha256(SOURCE / "stdlib.mjs"), sha256(SOURCE / "engine.js"),
                 hashlib.sha256(engine_requests.as_json().encode()).hexdigest()):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:16]


def build_stdlib(wheel: Path, out: Path) -> None:
    """Run the Node builder now (no cache).

    The zip holds what stdlib.mjs's trace imports: it runs the requests of
    site_src/engine_requests.py (every function of protocol/api.py over every path and case); the
    parity test runs the same list and the browser tests run on the result, so a module the trace
    misses fails `make test`.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = out.with_name(out.name + ".tmp")
    requests = out.with_name(out.name + ".requests.json")
    requests.write_text(engine_requests.as_json(), encoding="utf-8")
    try:
        run_node([str(SOURCE / "stdlib.mjs"), str(NODE_PYODIDE), str(wheel), str(requests), str(scratch)],
             "de standaardbibliotheek voor de zelfcheck bouwen")
    finally:
        requests.unlink(missing_ok=True)
    scratch.replace(out)


def stored(wheel: Path, out_dir: Path) -> Path:
    """The same wheel, its files stored uncompressed: brotli or gzip over the whole file (as the host
    sends it) is then a third smaller than zip's own compression file by file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as copy:
        for item in source.infolist():
            copy.writestr(item, source.read(item), compress_type=zipfile.ZIP_STORED)
    return target


def compressed(source: Path) -> tuple[Path, Path]:
    """The cached .br and .gz of a file (made now when missing), kept under the file's hash and
    the compressing script's (new settings there make new copies)."""
    key = hashlib.sha256(f"{sha256(source)}\0{sha256(SOURCE / 'compress.mjs')}".encode()).hexdigest()
    br, gz = CACHE / "compressed" / f"{key}.br", CACHE / "compressed" / f"{key}.gz"
    if not (br.is_file() and gz.is_file()):
        br.parent.mkdir(parents=True, exist_ok=True)
        run_node([str(SOURCE / "compress.mjs"), str(source), str(br), str(gz)], f"{source.name} comprimeren")
    return br, gz


SOURCE_MAP_LINE = re.compile(rb"^//# sourceMappingURL=.*$\n?", re.MULTILINE)


def without_source_map(source: Path) -> Path:
    """`source`, or a cached copy without its `//# sourceMappingURL=` line when it has one.

    We do not ship source maps (the site serves no .map files), so a script must not name one: the
    browser's developer tools and Lighthouse would ask for it and get a 404.
    """
    if source.suffix not in (".js", ".mjs"):
        return source
    data = source.read_bytes()
    if not SOURCE_MAP_LINE.search(data):
        return source
    out = CACHE / "no-source-map" / sha256(source) / source.name
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        scratch = out.with_name(out.name + ".tmp")
        scratch.write_bytes(SOURCE_MAP_LINE.sub(b"", data))
        scratch.replace(out)
    return out


class Prepared:
    """The slow parts, started at once in a background thread; `result()` waits and returns the zip."""

    def __init__(self, wheel: Path, big_files: list[Path]) -> None:
        self.stdlib = CACHE / "stdlib" / f"stdlib-{stdlib_key(wheel)}.zip"
        self._wheel = wheel
        self._big = big_files
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            if not self.stdlib.is_file():
                build_stdlib(self._wheel, self.stdlib)
            for path in [self.stdlib, *self._big]:
                compressed(path)
        except BaseException as error:  # handed to result(), in the build's own thread
            self._error = error

    def result(self) -> Path:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.stdlib


def place(source: Path, target: Path, compress: bool = False) -> None:
    """Copy a file, and with `compress` its pre-compressed forms next to it (only when changed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    pairs = [(source, target)]
    if compress:
        br, gz = compressed(source)
        pairs += [(br, target.with_name(target.name + ".br")), (gz, target.with_name(target.name + ".gz"))]
    for src, dest in pairs:
        if not dest.is_file() or dest.stat().st_size != src.stat().st_size \
                or dest.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dest)


# --- the service worker ---------------------------------------------------------------------------

class _Loads(html.parser.HTMLParser):
    """What a page loads by itself: stylesheets, icons, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = set((a.get("rel") or "").split())
        if tag == "link" and rel & {"stylesheet", "icon", "modulepreload", "preload"}:
            self.urls.append(a.get("href") or "")
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a.get("src") or "")


def page_files(site_dir: Path, page: str) -> list[str]:
    """The site files (URL relative to the site root) that `page` (e.g. "zelfcheck/") loads."""
    parser = _Loads()
    parser.feed((site_dir / page / "index.html").read_text(encoding="utf-8"))
    found = []
    for ref in parser.urls:
        url = urljoin(f"http://site/{page}", ref)
        parts = urlsplit(url)
        if parts.netloc == "site" and ref:
            found.append(parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else ""))
    return found


def service_worker(site_dir: Path, files: list[str]) -> str:
    """sw.js at the site root for these files (URLs relative to the root); returns the cache name."""
    revisions: dict[str, str] = {}
    for url in files:
        path = site_dir / (urlsplit(url).path or "index.html")
        if url.endswith("/") or not urlsplit(url).path:
            path = path / "index.html"
        if not path.is_file():
            raise BuildError(f"de offline-cache noemt {url}, maar dat bestand is niet gebouwd")
        revisions[url] = sha256(path)
    build = hashlib.sha256(json.dumps(revisions, sort_keys=True).encode()).hexdigest()[:16]
    cache = f"meldcode-{build}"
    template = (SOURCE / "sw.js").read_text(encoding="utf-8")
    for placeholder in ("__CACHE__", "__FILES__"):
        if placeholder not in template:
            raise BuildError(f"site_src/zelfcheck/sw.js mist de plaatshouder {placeholder}")
    script = template.replace("__CACHE__", cache).replace("__FILES__", json.dumps(revisions, indent=2,
                                                                                  sort_keys=True))
    (site_dir / "sw.js").write_text(script, encoding="utf-8")
    return cache


def no_service_worker(site_dir: Path) -> None:
    """sw.js at the site root that switches the offline cache off (for `make serve`)."""
    shutil.copyfile(SOURCE / "sw-serve.js", site_dir / "sw.js")


if __name__ == "__main__":
    build_stdlib(Path(sys.argv[1]), Path(sys.argv[2]))
