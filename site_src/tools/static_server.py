"""A folder served over http on 127.0.0.1, with an optional log of every response.

Pyodide cannot start from file:// (CORS), so the tests and `make bench` serve the built site.
Python's server sends .wasm as application/wasm and .mjs as text/javascript, as a real host does.

    with serve(site_dir, log=RequestLog()) as server:
        page.goto(server.url + "/zelfcheck/")
        server.log.paths()  # ["/zelfcheck/", "/assets/...", ...]
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class Response:
    """One answer of the server: the path asked for (no query), the status and the body's size."""

    path: str
    status: int
    size: int


@dataclass
class RequestLog:
    """Every response the server sent, in order; safe to read while the server runs."""

    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _responses: list[Response] = field(default_factory=list)

    def add(self, response: Response) -> None:
        with self._lock:
            self._responses.append(response)

    def responses(self) -> list[Response]:
        with self._lock:
            return list(self._responses)

    def take(self) -> list[Response]:
        """The responses so far, and start a new log (one visit at a time)."""
        with self._lock:
            taken, self._responses = self._responses, []
        return taken

    def clear(self) -> None:
        self.take()

    def paths(self, status: int = 200) -> list[str]:
        """The paths answered with `status`, in order, repeats kept."""
        return [r.path for r in self.responses() if r.status == status]


class _Handler(http.server.SimpleHTTPRequestHandler):
    request_log: RequestLog | None = None

    def log_message(self, format: str, *args: object) -> None:
        pass  # the tests' output stays readable; the RequestLog is the record

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = int(code)
        self._size = 0
        super().send_response(code, message)

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self._size = int(value)
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        super().end_headers()
        if self.request_log is not None:
            sent = self._size if self.command == "GET" else 0
            self.request_log.add(Response(unquote(urlsplit(self.path).path), self._status, sent))


class StaticServer:
    """A running server; `url` is its base URL (no trailing slash). Stops on `close()` or `with` exit."""

    def __init__(self, directory: Path, log: RequestLog | None = None) -> None:
        handler = type("Handler", (_Handler,), {"request_log": log})
        self.log = log
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join()

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def serve(directory: Path, log: RequestLog | None = None) -> StaticServer:
    """Serve `directory` on a free port of 127.0.0.1 (until closed), logging responses into `log`."""
    return StaticServer(directory, log)
