"""The web server rules (site_src/deploy.py), checked with requests to a real nginx (tests/nginx_server.py).

Every file of the built site is asked for once; each answer must carry the headers `_headers` gives
that path (so the two files cannot drift) with the right type. Then the rules of Mozilla's HTTP
Observatory, written out below from its documented scoring, are applied to the served pages.
"""

from __future__ import annotations

import http.client
import re
import ssl
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_src import deploy

from .nginx_server import Nginx, nginx_fixture  # noqa: F401  (the fixture `nginx`)

Headers = dict[str, str]

# What a browser needs, written out here rather than taken from site_src/deploy.py.
EXPECTED_TYPES = {
    "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
    "wasm": "application/wasm", "json": "application/json; charset=utf-8", "pdf": "application/pdf",
    "zip": "application/zip", "whl": "application/zip", "png": "image/png",
    "xml": "application/xml; charset=utf-8", "map": "application/json; charset=utf-8",
}


def request(base: str, path: str, headers: Headers | None = None,
            method: str = "GET") -> tuple[int, Headers, bytes]:
    parts = urlsplit(base)
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname or "", parts.port,
                                                 context=ssl._create_unverified_context(), timeout=30)
    else:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        found: Headers = {}
        for name, value in response.getheaders():  # a repeated header would show as "a, b"
            key = name.lower()
            found[key] = f"{found[key]}, {value}" if key in found else value
        return response.status, found, body
    finally:
        connection.close()


def parse_headers_file(text: str) -> list[tuple[str, Headers]]:
    """`_headers` as Netlify and Cloudflare Pages read it: a path, then indented `Name: value` lines."""
    rules: list[tuple[str, Headers]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            assert rules, "_headers: een header vóór het eerste pad"
            rules[-1][1][name.strip().lower()] = value.strip()
    return rules


def headers_for(rules: list[tuple[str, Headers]], path: str) -> Headers:
    """All matching rules merged, as Cloudflare Pages does (a header set twice would be joined)."""
    merged: Headers = {}
    for pattern, headers in rules:
        regex = "^" + re.escape(pattern).replace(r"\*", ".*") + "$"
        if re.match(regex, path):
            for name, value in headers.items():
                merged[name] = f"{merged[name]}, {value}" if name in merged else value
    return merged


@pytest.fixture(scope="module")
def header_rules(site_dir: Path) -> list[tuple[str, Headers]]:
    return parse_headers_file((site_dir / deploy.HEADERS_FILE).read_text(encoding="utf-8"))


def url_of(path: str) -> str:
    """The address a visitor uses: a folder for its index.html."""
    if path == "index.html":
        return "/"
    return "/" + (path[: -len("index.html")] if path.endswith("/index.html") else path)


# --- nginx and _headers say the same, for every file ---------------------------------------------------

def test_every_file_has_its_type_and_the_headers_of_the_headers_file(
        nginx: Nginx, site_dir: Path, header_rules: list[tuple[str, Headers]]) -> None:
    files = deploy.site_files(site_dir)
    assert len(files) > 50 and "zelfcheck/index.html" in files and "sw.js" in files
    definition = deploy.rules(site_dir)
    wrong: list[tuple[object, ...]] = []
    for path in files:
        status, got, _ = request(nginx.plain, url_of(path), method="HEAD")
        expected = headers_for(header_rules, "/" + path)
        expected.setdefault("cache-control", "no-cache")  # what the host sends without a rule
        declared_type = expected.pop("content-type", None)
        defined = {name.lower(): value for name, value in definition.headers(path).items()}
        if defined != expected:
            wrong.append((path, "site_src/deploy.py", defined, expected))
        kind = path.rsplit(".", 1)[-1]
        if status != 200 or got.get("content-type") != EXPECTED_TYPES[kind]:
            wrong.append((path, status, got.get("content-type")))
        if declared_type is not None and not got.get("content-type", "").startswith(declared_type):
            wrong.append((path, "_headers", declared_type, got.get("content-type")))
        for name, value in expected.items():
            if got.get(name) != value:
                wrong.append((path, name, got.get(name), value))
    assert wrong == []


def test_the_headers_file_fits_the_limits_of_cloudflare_pages(site_dir: Path,
                                                             header_rules: list[tuple[str, Headers]]) -> None:
    text = (site_dir / deploy.HEADERS_FILE).read_text(encoding="utf-8")
    assert len(header_rules) <= 100 and max(len(line) for line in text.splitlines()) <= 2000
    assert header_rules[0][0] == "/*" and "content-security-policy" in header_rules[0][1]


def test_cache_rules_per_kind_of_file(nginx: Nginx, site_dir: Path) -> None:
    immutable = "public, max-age=31536000, immutable"
    (bundle,) = (site_dir / "assets/javascripts").glob("bundle.*.min.js")
    (stdlib,) = (site_dir / "assets/zelfcheck").glob("stdlib-*.zip")
    for path in (f"/assets/javascripts/{bundle.name}", f"/assets/zelfcheck/{stdlib.name}"):
        assert request(nginx.plain, path, method="HEAD")[1]["cache-control"] == immutable, path
    # Same name across builds or Pyodide versions: asked again each time (a 304 when unchanged).
    for path in ("/", "/zelfcheck/", "/sw.js", "/assets/pyodide/pyodide.asm.wasm",
                 "/assets/zelfcheck/engine.js", "/search/search_index.json"):
        status, headers, _ = request(nginx.plain, path)
        assert status == 200 and headers["cache-control"] == "no-cache", path
        again = request(nginx.plain, path, {"If-None-Match": headers["etag"]})
        assert again[0] == 304, path


@pytest.mark.parametrize("path", ["assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide.asm.min.mjs"])
def test_precompressed_files_are_sent_as_they_are(nginx: Nginx, site_dir: Path, path: str) -> None:
    cases = (("br, gzip", ".br", "br"), ("gzip", ".gz", "gzip"), ("identity", "", None))
    for accept, suffix, encoding in cases:
        status, headers, body = request(nginx.plain, "/" + path, {"Accept-Encoding": accept})
        assert status == 200
        assert body == (site_dir / f"{path}{suffix}").read_bytes(), accept
        assert headers.get("content-encoding") == encoding
        assert headers["content-type"] == EXPECTED_TYPES[path.rsplit(".", 1)[-1]]
        assert "Accept-Encoding" in headers["vary"]  # a cache in between keeps the copies apart


def test_pages_are_compressed_on_the_fly(nginx: Nginx) -> None:
    status, headers, _ = request(nginx.plain, "/zelfcheck/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"


def test_the_rule_files_and_missing_pages_are_not_served(nginx: Nginx, site_dir: Path) -> None:
    not_found = (site_dir / "404.html").read_bytes()
    for path in ("/_headers", "/_nginx.conf", "/bestaat-niet/", "/assets/_headers"):
        status, headers, body = request(nginx.plain, path)
        assert status == 404 and body == not_found, path
        assert headers["content-security-policy"].startswith("default-src 'none'"), path
    assert request(nginx.plain, "/")[1]["server"] == "nginx"  # no version number


def test_http_goes_to_https_on_the_same_host(nginx: Nginx) -> None:
    status, headers, _ = request(nginx.http, "/zelfcheck/?x=1")
    assert status == 301 and headers["location"] == "https://127.0.0.1/zelfcheck/?x=1"
    status, headers, _ = request(nginx.https, "/zelfcheck/")
    assert status == 200 and headers["strict-transport-security"] == "max-age=31536000"


def test_a_file_of_an_unknown_kind_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "film.mp4").write_bytes(b"x")
    with pytest.raises(deploy.DeployError, match=r"mp4.*MIME_TYPES in site_src/deploy\.py"):
        deploy.rules(tmp_path)


def test_the_policy_hashes_each_inline_script_and_no_data_block(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<script>var a = 1;</script><script type="application/json">{"b": 2}</script>'
        '<script src="x.js"></script>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<script type="module">var a = 1;</script>', encoding="utf-8")
    # sha256 of "var a = 1;", base64 (computed with `printf 'var a = 1;' | openssl sha256 -binary | base64`)
    assert deploy.inline_script_hashes(tmp_path) == ["'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"]


# --- Mozilla HTTP Observatory's scoring, applied to the served pages ------------------------------------
# From its documented rules (github.com/mozilla/http-observatory, httpobs/docs/scoring.md, and the
# MDN HTTP Observatory that replaced it): start at 100, penalties per test, bonuses only at 90 or more.

UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:")
PRIVATE_REFERRER = ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")


def parse_csp(value: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            policy.setdefault(words[0].lower(), words[1:])
    return policy


def observatory(headers: Headers, redirect: tuple[int, Headers], html: str, host: str) -> dict[str, int]:
    """The modifier of each test (0 passes, negative fails, positive is a bonus)."""
    scores: dict[str, int] = {}
    csp_value = headers.get("content-security-policy")
    policy = parse_csp(csp_value) if csp_value else {}
    scripts = policy.get("script-src", policy.get("default-src", ["*"]))
    objects = policy.get("object-src", policy.get("default-src", ["*"]))
    if not policy:
        scores["csp-not-implemented"] = -25
    elif "'unsafe-inline'" in scripts or any(s in scripts for s in ("*", "data:", "http:", "https:")):
        scores["csp-implemented-with-unsafe-inline"] = -20
    elif "'unsafe-eval'" in scripts:
        scores["csp-implemented-with-unsafe-eval"] = -10
    elif objects != ["'none'"]:
        scores["csp-implemented-with-unsafe-objects"] = -20  # plug-ins could run script
    elif policy.get("default-src") == ["'none'"]:
        scores["csp-implemented-with-no-unsafe-default-src-none"] = 10
    else:
        scores["csp-implemented-with-no-unsafe"] = 5
    scores["cookies"] = -20 if "set-cookie" in headers else 0
    scores["cors"] = -50 if headers.get("access-control-allow-origin") == "*" else 0
    location = redirect[1].get("location", "")
    to_https = redirect[0] in (301, 308) and location.startswith(f"https://{host}/")
    scores["redirection"] = 0 if to_https else -20
    referrer = headers.get("referrer-policy", "").split(",")[-1].strip().lower()
    scores["referrer-policy"] = 5 if referrer in PRIVATE_REFERRER else (0 if not referrer else -5)
    hsts = re.search(r"max-age=(\d+)", headers.get("strict-transport-security", ""))
    scores["hsts"] = 0 if hsts and int(hsts[1]) >= 15_768_000 else (-10 if hsts else -20)
    external = [src for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html) if urlsplit(src).netloc]
    scores["sri"] = -5 if external else 0
    scores["x-content-type-options"] = 0 if headers.get("x-content-type-options") == "nosniff" else -5
    if "frame-ancestors" in policy and policy["frame-ancestors"] in (["'none'"], ["'self'"]):
        scores["x-frame-options"] = 5
    else:
        xfo = headers.get("x-frame-options", "").upper()
        scores["x-frame-options"] = 0 if xfo in ("DENY", "SAMEORIGIN") else -20
    corp = headers.get("cross-origin-resource-policy", "")
    known = ("same-origin", "same-site", "cross-origin", "")
    scores["cross-origin-resource-policy"] = 0 if corp in known else -5
    return scores


def total(scores: dict[str, int]) -> int:
    base = 100 + sum(s for s in scores.values() if s < 0)
    return base + (sum(s for s in scores.values() if s > 0) if base >= 90 else 0)


def test_the_observatory_checks_can_fail() -> None:
    """What a plain static host sends (no headers, no redirect) scores badly in this check."""
    scores = observatory({}, (200, {}), '<script src="https://cdn.example/x.js"></script>', "school.nl")
    assert total(scores) < 30 and scores["csp-not-implemented"] == -25
    weak = {"content-security-policy": "default-src 'self'; script-src 'self' 'unsafe-inline'"}
    assert observatory(weak, (200, {}), "", "school.nl")["csp-implemented-with-unsafe-inline"] == -20


@pytest.mark.parametrize("path", ["/zelfcheck/", "/", "/training/"])
def test_mozilla_observatory_finds_nothing_missing(nginx: Nginx, path: str) -> None:
    status, headers, body = request(nginx.https, path)
    assert status == 200
    redirect = request(nginx.http, "/")
    scores = observatory(headers, (redirect[0], redirect[1]), body.decode("utf-8"), "127.0.0.1")
    assert {name: s for name, s in scores.items() if s < 0} == {}
    assert scores["csp-implemented-with-no-unsafe-default-src-none"] == 10
    assert scores["x-frame-options"] == 5 and scores["referrer-policy"] == 5
    assert total(scores) == 120  # A+
    # What the Observatory does not score, but the site promises.
    assert headers["cross-origin-resource-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert "geolocation=()" in headers["permissions-policy"] and "camera=()" in headers["permissions-policy"]
    policy = parse_csp(headers["content-security-policy"])
    assert policy["connect-src"] == ["'self'"] and "'wasm-unsafe-eval'" in policy["script-src"]
    assert policy["worker-src"] == ["'self'"]  # the service worker, the search worker, the engine's worker
