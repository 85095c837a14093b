"""The site in Chromium behind a real nginx with the headers of site_src/deploy.py (tests/nginx_server.py).

The engine starts and answers without one Content-Security-Policy or Permissions-Policy complaint
(the header policy and the self-check's own <meta> policy both apply; every other page and the
search are checked in the walk through the site, tests/test_whole_site.py, which nginx serves too);
the self-check walks its six paths, makes no request after it is ready, and works offline after one
visit. Served over plain http on 127.0.0.1, as on a school intranet: browsers count that address as
secure, so the service worker runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from protocol import default
from site_src import deploy
from tests.browser import ENGINE_WAIT_MS, collect_policy_complaints, new_context, wait_until
from tests.zelfcheck_page import HELP_THEN_REPORT, PATHS, READY, SW_ACTIVE, choose, heading

from .nginx_server import Nginx, nginx_fixture  # noqa: F401  (the fixture `nginx`)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TRAINING_READY = "#training-practice[data-state=ready]"


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """As a visitor's browser: the service worker runs (nothing here is routed)."""
    ctx = new_context(browser, offline_use=True)
    yield ctx
    ctx.close()


@pytest.fixture
def complaints(context: Any) -> list[str]:
    """Policy errors in the console: also those of workers, whose violation events stay in the worker."""
    return collect_policy_complaints(context)


def pages_of(site_dir: Path) -> list[str]:
    return [path for path in deploy.site_files(site_dir) if path.endswith(".html")]


def test_the_engine_starts_without_a_policy_complaint(context: Any, complaints: list[str], nginx: Nginx,
                                                     site_dir: Path) -> None:
    """The self-check and a case page start the engine (its worker, wasm, standard library, wheel)
    under the header policy; each page's own stricter <meta> policy applies next to it."""
    page = context.new_page()
    paths = pages_of(site_dir)
    case = next(p for p in paths if 'id="training-practice"' in (site_dir / p).read_text(encoding="utf-8"))
    for path, ready in (("zelfcheck/index.html", READY), (case, TRAINING_READY)):
        url = f"{nginx.plain}/{path.removesuffix('index.html')}"
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        page.locator(ready).wait_for(timeout=ENGINE_WAIT_MS)
        assert page.evaluate("window.__violations") == [], path
    assert complaints == []


def test_the_six_paths_behind_nginx(context: Any, complaints: list[str], nginx: Nginx) -> None:
    """All paths in one page (one engine start), each from "Begin opnieuw"."""
    page = context.new_page()
    page.goto(f"{nginx.plain}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    assert len(PATHS) == 6
    for walk in PATHS:
        for question_id, answer_id in walk.answers:
            choose(page, question_id, answer_id)
        outcome = default().outcome(walk.current.id)
        assert heading(page).text_content() == f"Uitkomst: {outcome.title}", walk.key
        page.get_by_role("button", name="Begin opnieuw").click()
        assert heading(page).text_content() == "Afweging 2: Veiligheid afweging"
    assert page.evaluate("window.__violations") == [] and complaints == []


def test_no_request_after_ready_behind_nginx(context: Any, nginx: Nginx) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{nginx.plain}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    before_ready = len(requests)
    for question_id, answer_id in HELP_THEN_REPORT:
        choose(page, question_id, answer_id)
    assert heading(page).text_content() == "Uitkomst: Melden: hulp werkt niet genoeg"
    # The record downloads under these headers (a blob: made in the page, no request to a server).
    with page.expect_download() as download:
        page.get_by_role("button", name="Download het verslag (.md)").click()
    assert "Melden: hulp werkt niet genoeg" in Path(download.value.path()).read_text(encoding="utf-8")
    assert [u for u in requests[before_ready:] if not u.startswith("blob:")] == []
    assert {urlsplit(u).netloc for u in requests if u.startswith("http")} == {urlsplit(nginx.plain).netloc}
    assert any(u.endswith("pyodide.asm.wasm") for u in requests[:before_ready])


def test_offline_after_one_visit_behind_nginx(context: Any, nginx: Nginx) -> None:
    page = context.new_page()
    page.goto(f"{nginx.plain}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    # The service worker installed (its files stored), activated and controlling this page.
    wait_until(page, SW_ACTIVE, timeout_ms=ENGINE_WAIT_MS)
    context.set_offline(True)
    page.reload()
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    for question_id, answer_id in HELP_THEN_REPORT:
        choose(page, question_id, answer_id)
    assert heading(page).text_content() == "Uitkomst: Melden: hulp werkt niet genoeg"


# What the engine's worker tries, run inside it: eval, and a fetch from another origin. Each answers
# whether it ran. The eval runs in a task of the worker's own: code that DevTools evaluates is exempt
# from the policy.
TRY_EVAL = """() => new Promise((resolve) => setTimeout(() => {
  try { resolve(String(eval("1 + 1"))); } catch (error) { resolve(error.name); }
}))"""
# An opaque ("no-cors") fetch of a server that answers: without a policy it arrives.
TRY_FETCH = """(url) => fetch(url, { mode: "no-cors" }).then(() => "fetched", () => "refused")"""


def test_the_engine_worker_gets_the_policy_from_its_own_response(context: Any, nginx: Nginx) -> None:
    """A worker started from a URL is held to the policy of its own response, not the page's <meta>:
    the header policy (site_src/deploy.py) must reach engine-worker.js and hold there."""
    page = context.new_page()
    with page.expect_response("**/assets/zelfcheck/engine-worker.js") as response_info:
        page.goto(f"{nginx.plain}/zelfcheck/")
    page.locator(READY).wait_for(timeout=ENGINE_WAIT_MS)
    policy = response_info.value.headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["default-src"] == ["'none'"] and directives["connect-src"] == ["'self'"]
    assert not {"'unsafe-eval'", "'unsafe-inline'"} & set(directives["script-src"])
    (worker,) = [w for w in page.workers if w.url.endswith("/assets/zelfcheck/engine-worker.js")]
    assert worker.evaluate(TRY_EVAL) == "EvalError"
    # The same nginx under another name is another origin: only the policy stops that fetch.
    other = nginx.plain.replace("127.0.0.1", "localhost")
    assert worker.evaluate(TRY_FETCH, f"{other}/") == "refused"
    assert page.evaluate(TRY_FETCH, f"{other}/") == "refused"  # the page's policies agree
