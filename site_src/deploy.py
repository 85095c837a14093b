"""The HTTP headers the published site needs, defined once and written at build time in two syntaxes.

- `<site>/_nginx.conf`: an include for an nginx `server {}` block (see deploy/nginx.conf): MIME types,
  the pre-compressed .br/.gz files served as they are, caching and the security headers.
- `<site>/_headers`: the same rules for hosts that read that file (Netlify, Cloudflare Pages).

Both are made from the built site, because the Content-Security-Policy lists the hash of every inline
script the pages carry (Material's theme has a few, which differ per folder depth) and the cache rules
list the files whose name holds a hash of their content. So the policy needs no 'unsafe-inline' for
scripts and fits exactly the site it travels with; a board that builds one site per school gets one
pair of files per site.

The policy is a baseline for every response: the self-check page adds its own stricter <meta> policy,
and a browser enforces both. It is sent on scripts too, because a Web Worker started from a URL takes
its policy from its own response, not from the page: the engine's module worker
(assets/zelfcheck/engine-worker.js, running Pyodide) gets exactly this one, so it may import and
fetch only from this site and may not eval (tests/test_nginx_browser.py tries both inside it). A
host that sends no headers leaves that worker without a policy; the page's <meta> does not reach it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

NGINX_FILE = "_nginx.conf"
HEADERS_FILE = "_headers"
# Written next to the site, never served (nginx answers 404; Netlify and Cloudflare read _headers
# and do not publish it).
NOT_SERVED = (NGINX_FILE, HEADERS_FILE)

# Every kind of file the site holds, with the type a browser needs. A build with a file of a kind not
# listed here stops (write_deploy_files): nginx would send it as application/octet-stream, and a
# module script or .wasm with the wrong type does not run (loadPyodide then hangs).
MIME_TYPES = {
    "html": "text/html", "css": "text/css", "js": "text/javascript", "mjs": "text/javascript",
    "json": "application/json", "map": "application/json", "wasm": "application/wasm",
    "zip": "application/zip", "whl": "application/zip", "svg": "image/svg+xml", "png": "image/png",
    "ico": "image/x-icon", "pdf": "application/pdf", "xml": "application/xml", "txt": "text/plain",
    "md": "text/markdown", "ics": "text/calendar", "woff2": "font/woff2", "gz": "application/gzip",
}
# Text types that get "; charset=utf-8" (nginx `charset_types`).
TEXT_TYPES = ("text/html", "text/css", "text/javascript", "application/json", "image/svg+xml",
              "application/xml", "text/plain", "text/markdown", "text/calendar")
# Compressed copies of a file (site_src/fast_start.py writes them); the server picks one, the
# visitor never asks for them by name.
ENCODINGS = (".br", ".gz")

# A file whose name holds a hash of its content never changes under that name: Material's
# `main.57a0d79d.min.css`, `bundle.a5f9d56c.min.js`, `search.a7633da7.min.js`, and our
# `stdlib-<hash>.zip`.
HASHED_NAME = re.compile(r"(?:\.[0-9a-f]{8,}\.min\.(?:css|js)|^stdlib-[0-9a-f]{8,}\.zip)$")
IMMUTABLE = "public, max-age=31536000, immutable"
# Everything else (pages, sw.js, the Pyodide files whose names stay the same across versions) is
# checked with the server on each use (ETag / Last-Modified; a 304 costs a few bytes).
REVALIDATE = "no-cache"

# Features the site never uses; a page (or anything injected into it) cannot ask for them. Only
# names Chromium knows: an unknown name gives a console error on every page.
PERMISSIONS_OFF = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid", "idle-detection",
    "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
)


@dataclass(frozen=True)
class Rules:
    """What both files say, for one built site."""

    csp: str
    security: tuple[tuple[str, str], ...]  # (name, value) on every response
    files: tuple[str, ...]  # site-relative paths of every file served
    immutable: tuple[str, ...]  # those whose name holds a hash of their content
    types: dict[str, str]  # extension -> MIME type, for the kinds the site holds

    def headers(self, path: str) -> dict[str, str]:
        """Every header a response for `path` (site-relative, no leading slash) carries."""
        cache = IMMUTABLE if path in self.immutable else REVALIDATE
        return {**dict(self.security), "Cache-Control": cache}


class DeployError(RuntimeError):
    """The built site holds something the server rules cannot describe."""


INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>",
                           re.DOTALL | re.IGNORECASE)
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def inline_script_hashes(site: Path) -> list[str]:
    """'sha256-…' of every inline script a page of the site runs (not JSON data blocks)."""
    found: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        for match in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if re.search(r"\ssrc\s*=", match["attrs"], re.IGNORECASE):
                continue
            kind = SCRIPT_TYPE.search(match["attrs"])
            if kind and kind[1].lower() not in ("module", "text/javascript", "application/javascript"):
                continue  # e.g. Material's <script type="application/json"> configuration
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def content_security_policy(script_hashes: list[str]) -> str:
    directives = [
        # Nothing by default; each kind of file the site uses is named below, all from this site.
        "default-src 'none'",
        # 'wasm-unsafe-eval': Pyodide compiles its WebAssembly; no 'unsafe-eval', no 'unsafe-inline'.
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(script_hashes),
        # Material and the Graphviz SVG set style attributes (scored 0 by Mozilla Observatory).
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",  # Material's icons are data: SVG in its CSS
        "font-src 'self'",
        # The engine fetches its runtime, standard library and wheel from this site only.
        "connect-src 'self'",
        # The service worker, the search worker and the engine's module worker (engine-worker.js).
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        # No other site may show these pages in a frame (clickjacking).
        "frame-ancestors 'none'",
    ]
    return "; ".join(d.strip() for d in directives)


def security_headers(csp: str) -> tuple[tuple[str, str], ...]:
    return (
        ("Content-Security-Policy", csp),
        # A file is only ever what its Content-Type says (no guessing a script from a text file).
        ("X-Content-Type-Options", "nosniff"),
        # Following a link out (Veilig Thuis, the meldcode) tells that site nothing about where from.
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", ", ".join(f"{name}=()" for name in PERMISSIONS_OFF)),
        # frame-ancestors for browsers that predate it.
        ("X-Frame-Options", "DENY"),
        # A page opened from another site shares no window with it, and no other site may load these
        # files into its own pages.
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        # Not Cross-Origin-Embedder-Policy: the pages work with it (tried), but it would also reach
        # the posters, and `_headers` (Netlify) cannot leave it off one kind of file; the browser's
        # PDF viewer is not something the tests can open.
        # Only over https does a browser read this: from then on it visits the site over https only,
        # for a year (the Dutch standard asks at least a year). Not includeSubDomains: on a school's
        # main domain that would reach host names this site knows nothing about (README, Publiceren).
        ("Strict-Transport-Security", "max-age=31536000"),
        # Old plug-ins (Flash, PDF readers) may not read data from this site.
        ("X-Permitted-Cross-Domain-Policies", "none"),
    )


def site_files(site: Path) -> list[str]:
    """Site-relative paths of every file a visitor can ask for."""
    files = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel in NOT_SERVED:
            continue
        if path.suffix in ENCODINGS and path.with_suffix("").is_file():
            continue  # a compressed copy
        files.append(rel)
    return files


def rules(site: Path) -> Rules:
    files = site_files(site)
    unknown = sorted({f.rsplit(".", 1)[-1] for f in files if f.rsplit(".", 1)[-1] not in MIME_TYPES})
    if unknown:
        raise DeployError(f"{site}: bestanden van een soort zonder Content-Type ({', '.join(unknown)}). "
                          "Oplossing: voeg die soort toe aan MIME_TYPES in site_src/deploy.py.")
    kinds = {f.rsplit(".", 1)[-1] for f in files}
    csp = content_security_policy(inline_script_hashes(site))
    immutable = tuple(f for f in files if HASHED_NAME.search(f.rsplit("/", 1)[-1]))
    types = {k: MIME_TYPES[k] for k in sorted(kinds)}
    return Rules(csp, security_headers(csp), tuple(files), immutable, types)


def _nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_conf(r: Rules) -> str:
    """The include for a `server {}` block; every location repeats the headers, because an
    `add_header` in a location drops all those of the server block."""
    types: dict[str, list[str]] = {}
    for ext, mime in r.types.items():
        types.setdefault(mime, []).append(ext)
    type_lines = "\n".join(f"    {mime} {' '.join(exts)};" for mime, exts in types.items())
    charset_types = " ".join(t for t in TEXT_TYPES if t != "text/html")
    gzip_types = charset_types  # text/html is always included

    def headers(cache: str) -> str:
        lines = [*r.security, ("Cache-Control", cache)]
        return "\n".join(f"    add_header {name} {_nginx_quote(value)} always;" for name, value in lines)

    hashed = "|".join(re.escape(p) for p in r.immutable)
    not_served = "|".join(re.escape(name) for name in NOT_SERVED)
    immutable_block = (f'location ~ "(?:^|/)(?:{hashed})$" {{\n{headers(IMMUTABLE)}\n}}\n\n'
                       if hashed else "")
    return f"""# Made by `make build` (site_src/deploy.py) for the site in this folder; build again to change.
# Include it in the server block that serves this folder (see deploy/nginx.conf in the source).

# Only the types this site uses, so .wasm and .mjs are right whatever the server's mime.types says.
types {{
{type_lines}
}}
default_type application/octet-stream;
charset utf-8;
charset_types {charset_types};

# make build writes .br and .gz next to the big files: send them as they are to browsers that accept
# them (Debian: package libnginx-mod-http-brotli-static), with Vary: Accept-Encoding for caches.
brotli_static on;
gzip_static on;
gzip_vary on;
# Pages, styles and scripts without such a copy: compressed on the fly.
gzip on;
gzip_comp_level 6;
gzip_types {gzip_types};

index index.html;
server_tokens off;
error_page 404 /404.html;

location ~ "(?:^|/)(?:{not_served})$" {{
    return 404;
}}

{immutable_block}location / {{
    try_files $uri $uri/ =404;
{headers(REVALIDATE)}
}}
"""


def headers_file(r: Rules) -> str:
    """Netlify / Cloudflare Pages `_headers`. Their hosts already revalidate what has no rule
    (`max-age=0, must-revalidate`); only content-hashed files get a Cache-Control, so no path
    matches two rules that set the same header."""
    lines = ["# Made by `make build` (site_src/deploy.py). Do not edit: build again.", "/*"]
    lines += [f"  {name}: {value}" for name, value in r.security]
    for path in r.immutable:
        lines += ["", f"/{path}", f"  Cache-Control: {IMMUTABLE}"]
    lines += ["", "/sw.js", f"  Cache-Control: {REVALIDATE}"]
    # Types a static host may not know (module scripts, WebAssembly), named per file.
    for path in r.files:
        if path.endswith((".mjs", ".wasm")):
            lines += ["", f"/{path}", f"  Content-Type: {r.types[path.rsplit('.', 1)[-1]]}"]
    return "\n".join(lines) + "\n"


def write_deploy_files(site: Path) -> Rules:
    r = rules(site)
    (site / NGINX_FILE).write_text(nginx_conf(r), encoding="utf-8")
    (site / HEADERS_FILE).write_text(headers_file(r), encoding="utf-8")
    return r
