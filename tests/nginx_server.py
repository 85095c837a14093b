"""A real nginx serving the built site with deploy/nginx.conf, on free ports of 127.0.0.1.

It runs as the current user, in the foreground (`daemon off`) under subprocess, with its own prefix,
pid file, temp and log paths in a temporary folder, so it needs no root and touches nothing of the
system's nginx. Three servers: deploy/nginx.conf's http server (redirects to https), its https server
(a self-signed certificate made with openssl), and a plain http server with the same include, as a
school intranet would run it (browsers treat 127.0.0.1 over http as secure, so the service worker runs).

Import the fixture `nginx` into a test module: `from .nginx_server import nginx_fixture  # noqa: F401`.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
EXAMPLE = ROOT / "deploy" / "nginx.conf"
EXAMPLE_SITE = "/srv/meldcode/site"
EXAMPLE_CERT = "/etc/letsencrypt/live/meldcode.school.nl/"


@dataclass(frozen=True)
class Nginx:
    http: str  # deploy/nginx.conf's port 80 server (redirects)
    https: str  # deploy/nginx.conf's port 443 server
    plain: str  # the same include without TLS (intranet)
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"deploy/nginx.conf: verwacht precies één keer {old!r}"
    return text.replace(old, new)


def servers(site: Path, tmp: Path, ports: tuple[int, int, int]) -> str:
    """deploy/nginx.conf with this machine's ports, certificate and site (each change must apply)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "listen [::]:" not in line)
    text = replace_once(text, "listen 80;", f"listen 127.0.0.1:{ports[0]};")
    text = replace_once(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{ports[1]} ssl http2;")
    text = replace_once(text, f"{EXAMPLE_CERT}fullchain.pem", str(tmp / "cert.pem"))
    text = replace_once(text, f"{EXAMPLE_CERT}privkey.pem", str(tmp / "key.pem"))
    text = replace_once(text, f"root {EXAMPLE_SITE};", f"root {site};")
    text = replace_once(text, f"include {EXAMPLE_SITE}/_nginx.conf;", f"include {site}/_nginx.conf;")
    plain = (f"server {{\n    listen 127.0.0.1:{ports[2]};\n    root {site};\n"
             f"    include {site}/_nginx.conf;\n}}\n")
    return text + "\n" + plain


def main_conf(site: Path, tmp: Path, ports: tuple[int, int, int]) -> str:
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""  # else workers become nobody
    temp = "\n".join(f"    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                        "uwsgi", "scgi"))
    return f"""{user}load_module {BROTLI_MODULE};
daemon off;
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 128; }}
http {{
    access_log {tmp / "access.log"};
{temp}
    sendfile on;
{servers(site, tmp, ports)}
}}
"""


def self_signed_certificate(tmp: Path) -> None:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
                   check=True, capture_output=True)


def wait_until_listening(process: subprocess.Popen[bytes], ports: tuple[int, ...], log: Path) -> None:
    for port in ports:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx stopte: {log.read_text() if log.exists() else ''}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=0.05)  # returns at once when nginx exits


@pytest.fixture(scope="session", name="nginx")
def nginx_fixture(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    if not Path(NGINX).is_file() or not Path(BROTLI_MODULE).is_file():
        pytest.fail("nginx of de brotli-module ontbreekt: draai de tests met `make test` (dat installeert "
                    "nginx en libnginx-mod-http-brotli-static)")
    tmp = tmp_path_factory.mktemp("nginx")
    self_signed_certificate(tmp)
    ports = (free_port(), free_port(), free_port())
    conf = tmp / "nginx.conf"
    conf.write_text(main_conf(site_dir, tmp, ports), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")])
    try:
        wait_until_listening(process, ports, tmp / "error.log")
        yield Nginx(f"http://127.0.0.1:{ports[0]}", f"https://127.0.0.1:{ports[1]}",
                    f"http://127.0.0.1:{ports[2]}", tmp / "error.log")
    finally:
        process.terminate()
        process.wait(timeout=30)
