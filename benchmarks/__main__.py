"""`make bench`: how fast the self-check starts, against stock Pyodide, and what a visit downloads.

Serves the built site on 127.0.0.1 and drives Debian's Chromium (Playwright), a fresh browser for
every cold visit (a new, empty profile: disk cache and compiled-code cache as a person's browser has
them; Playwright's incognito contexts keep no compiled wasm and no big files in their HTTP cache),
alternating:
  a) /zelfcheck/ until the engine is ready to answer (performance mark "meldcode-engine-ready"),
     then, in the same context, a second (warm) visit: the service worker, the browser's
     compiled-wasm cache and the engine's snapshot (kept by the first visit) are in play;
  b) the bare reference page (assets/bench/referentie.html): a default loadPyodide() from the same
     stock Pyodide files, and one line of Python (mark "meldcode-reference-ready");
  c) /zelfcheck/ again, cold, with the page's CPU slowed 4x (DevTools protocol,
     Emulation.setCPUThrottlingRate, as Lighthouse's mobile preset assumes), typing into the note
     field from the moment it shows until the engine is ready:
       tbt_ms: total blocking time, the part over 50 ms of every long task (PerformanceObserver
         "longtask") from the first contentful paint to "meldcode-engine-ready";
       input_delay_ms: the worst delay of those keystrokes, from the event's timestamp to its
         handler (a capturing keydown listener).
Bytes are counted at the server (what a cold visit fetched, the service worker's fetches included);
"br" is the brotli size (quality 11) of those files, as a host serving pre-compressed files sends them.
It also times one full `make build`. The last line is one key=value list.

    python -m benchmarks [--runs 7] [--site site] [--no-build]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_src.tools.chromium import launch_persistent
from site_src.tools.static_server import RequestLog, Response, serve

ROOT = Path(__file__).resolve().parent.parent
SELF_CHECK = "/zelfcheck/"
REFERENCE = "/assets/bench/referentie.html"
READY = "#zelfcheck[data-state=ready]"
REFERENCE_READY = "body[data-state=ready]"
TIMEOUT_MS = 90_000
FIRST_QUESTION = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const hit = list.getEntries().find((e) => e.identifier === "meldcode-first-question");
    if (hit) resolve(hit.renderTime || hit.loadTime);
  }).observe({ type: "element", buffered: true });
  setTimeout(() => resolve(null), 3000);
})"""
MARK = "name => performance.getEntriesByName(name)[0]?.startTime ?? null"
CPU_SLOWDOWN = 4
# Before the page's own scripts (an init script; not subject to the page's policy): long tasks and
# the delay of each keystroke while the engine is not ready.
MAIN_THREAD_WATCH = """
window.benchLongTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.benchLongTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
window.benchKeyDelays = [];
document.addEventListener("keydown", (event) => {
  if (document.getElementById("zelfcheck")?.dataset.state !== "ready") {
    window.benchKeyDelays.push(performance.now() - event.timeStamp);
  }
}, true);
"""
MAIN_THREAD = """() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
  const ready = performance.getEntriesByName("meldcode-engine-ready")[0].startTime;
  let tbt = 0;
  for (const [start, duration] of window.benchLongTasks) {
    const from = Math.max(start, fcp), to = Math.min(start + duration, ready);
    if (to > from && duration > 50) tbt += Math.min(duration - 50, to - from);
  }
  return { tbt, inputDelay: Math.max(0, ...window.benchKeyDelays), keys: window.benchKeyDelays.length };
}"""
# Resolves when engine.js has stored its snapshot (or after 5 s: a browser without Cache Storage).
SNAPSHOT_KEPT = """() => new Promise((resolve) => {
  const until = performance.now() + 5000;
  (function check() {
    if (performance.getEntriesByName("meldcode-engine-snapshot-kept").length) resolve(true);
    else if (performance.now() > until) resolve(false);
    else setTimeout(check, 50);
  })();
})"""
# Resolves when this page's service worker is active (registration done, files stored).
SW_READY = """async () => {
  if (!navigator.serviceWorker) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return false;
  await navigator.serviceWorker.ready;
  return true;
}"""


class BrotliSizes:
    """Brotli size (quality 11) of a site file: its pre-compressed .br when the build made one."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.known: dict[str, int] = {}

    def file(self, path: str) -> Path:
        target = self.site / path.lstrip("/")
        return target / "index.html" if target.is_dir() else target

    def sizes(self, paths: list[str]) -> dict[str, int]:
        todo = sorted({p for p in paths if p not in self.known})
        missing = []
        for p in todo:
            br = self.file(p).with_name(self.file(p).name + ".br")
            if br.is_file():
                self.known[p] = br.stat().st_size
            else:
                missing.append(p)
        if missing:
            script = ("const z = require('zlib'), fs = require('fs');"
                      "const files = JSON.parse(fs.readFileSync(0, 'utf8'));"
                      "console.log(JSON.stringify(files.map(f => z.brotliCompressSync(fs.readFileSync(f), "
                      "{params: {[z.constants.BROTLI_PARAM_QUALITY]: 11}}).length)));")
            files = json.dumps([str(self.file(p)) for p in missing])
            done = subprocess.run(["node", "-e", script], input=files, capture_output=True, text=True,
                                  check=True)
            self.known.update(zip(missing, json.loads(done.stdout), strict=True))
        return {p: self.known[p] for p in paths}


@dataclass
class Visit:
    ready_ms: float
    bytes_raw: int
    bytes_br: int
    requests: int
    first_question_ms: float | None = None
    warm_ms: float | None = None
    tbt_ms: float | None = None
    input_delay_ms: float | None = None
    keys: int = 0
    files: list[Response] = field(default_factory=list)


@contextlib.contextmanager
def fresh_browser(playwright: Any) -> Iterator[Any]:
    """A new Chromium with a new, empty profile; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="meldcode-bench-") as profile:
        context = launch_persistent(playwright, profile)
        try:
            yield context
        finally:
            context.close()


def fetched(log: list[Response]) -> list[Response]:
    """The files the server sent (a GET answered with 200 and a body)."""
    return [r for r in log if r.status == 200 and r.size]


def brotli_total(brotli: BrotliSizes, log: list[Response]) -> int:
    sent = [r.path for r in fetched(log)]
    sizes = brotli.sizes(sent)
    return sum(sizes[p] for p in sent)  # a file fetched twice counts twice


def cold_self_check(playwright: Any, base: str, served: RequestLog, brotli: BrotliSizes) -> Visit:
    with fresh_browser(playwright) as context:
        page = context.new_page()
        served.take()
        page.goto(base + SELF_CHECK)
        page.locator(READY).wait_for(timeout=TIMEOUT_MS)
        ready = page.evaluate(MARK, "meldcode-engine-ready")
        first = page.evaluate(FIRST_QUESTION)
        page.evaluate(SW_READY)  # the offline cache is filled: its fetches are part of the visit
        page.evaluate(SNAPSHOT_KEPT)  # the first visit's last work: the engine's warm-start snapshot
        log = served.take()
        raw = sum(r.size for r in fetched(log))
        br = brotli_total(brotli, log)
        page.close()
        warm_page = context.new_page()
        warm_page.goto(base + SELF_CHECK)
        warm_page.locator(READY).wait_for(timeout=TIMEOUT_MS)
        warm = warm_page.evaluate(MARK, "meldcode-engine-ready")
        served.take()
        return Visit(ready, raw, br, len(log), first, warm, files=log)


def slow_self_check(playwright: Any, base: str, served: RequestLog) -> Visit:
    """Cold, CPU slowed down, typing in the note field while the engine starts (c)."""
    with fresh_browser(playwright) as context:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.add_init_script(MAIN_THREAD_WATCH)
        served.take()
        page.goto(base + SELF_CHECK, wait_until="commit")
        note = page.locator("#zc-note")
        note.click()
        while page.locator(READY).count() == 0:
            if page.locator("#zelfcheck[data-state=failed]").count():
                sys.exit("de zelfcheck startte niet (vertraagde CPU)")
            page.keyboard.press("a")
        page.locator(READY).wait_for(timeout=TIMEOUT_MS)
        found = page.evaluate(MAIN_THREAD)
        page.evaluate(SW_READY)
        page.evaluate(SNAPSHOT_KEPT)
        served.take()
        ready = page.evaluate(MARK, "meldcode-engine-ready")
        return Visit(ready, 0, 0, 0, tbt_ms=found["tbt"], input_delay_ms=found["inputDelay"],
                     keys=found["keys"])


def cold_reference(playwright: Any, base: str, served: RequestLog, brotli: BrotliSizes) -> Visit:
    with fresh_browser(playwright) as context:
        page = context.new_page()
        served.take()
        page.goto(base + REFERENCE)
        page.locator(REFERENCE_READY).wait_for(timeout=TIMEOUT_MS)
        ready = page.evaluate(MARK, "meldcode-reference-ready")
        log = served.take()
        return Visit(ready, sum(r.size for r in fetched(log)), brotli_total(brotli, log), len(log), files=log)


def timed_build() -> float:
    start = time.perf_counter()
    done = subprocess.run(["make", "-s", "build"], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"make build is mislukt:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="koude bezoeken per pagina (minstens 7)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="de gebouwde site")
    parser.add_argument("--no-build", action="store_true", help="meet `make build` niet (build_s=0)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs moet minstens 1 zijn")
    build_s = 0.0 if args.no_build else timed_build()
    site = args.site
    if not (site / "zelfcheck" / "index.html").is_file() or not (site / REFERENCE.lstrip("/")).is_file():
        sys.exit(f"{site} is geen gebouwde site met zelfcheck en referentiepagina: draai `make build`")

    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    served = RequestLog()
    brotli = BrotliSizes(site)
    server = serve(site, served)
    base = server.url
    a: list[Visit] = []
    b: list[Visit] = []
    c: list[Visit] = []
    try:
        with sync_playwright() as playwright:
            cold_reference(playwright, base, served, brotli)  # warm-up: the OS file cache, nothing else
            for run in range(args.runs):
                for kind in (("a", "b") if run % 2 == 0 else ("b", "a")):
                    if kind == "a":
                        a.append(cold_self_check(playwright, base, served, brotli))
                    else:
                        b.append(cold_reference(playwright, base, served, brotli))
                c.append(slow_self_check(playwright, base, served))
                print(f"run {run + 1}: zelfcheck {a[-1].ready_ms:.0f} ms (warm {a[-1].warm_ms:.0f} ms), "
                      f"referentie {b[-1].ready_ms:.0f} ms; CPU {CPU_SLOWDOWN}x trager: blokkeert "
                      f"{c[-1].tbt_ms:.0f} ms, toets wacht max {c[-1].input_delay_ms:.0f} ms "
                      f"({c[-1].keys} toetsen)", flush=True)
    finally:
        server.close()
    load_after = os.getloadavg()

    ready_a = median([v.ready_ms for v in a])
    ready_b = median([v.ready_ms for v in b])
    firsts = [v.first_question_ms for v in a if v.first_question_ms is not None]
    first = median(firsts) if firsts else float("nan")
    warm = median([v.warm_ms for v in a if v.warm_ms is not None])
    print()
    print(f"machine: {os.cpu_count()} cores, load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after")
    print(f"zelfcheck (a):  ready {ready_a:.0f} ms (median of {len(a)}), first question {first:.0f} ms, "
          f"warm {warm:.0f} ms; fetched {median([v.bytes_raw for v in a]):.0f} B raw, "
          f"{median([v.bytes_br for v in a]):.0f} B brotli, {a[0].requests} requests")
    print(f"referentie (b): ready {ready_b:.0f} ms (median of {len(b)}); fetched "
          f"{median([v.bytes_raw for v in b]):.0f} B raw, {median([v.bytes_br for v in b]):.0f} B brotli")
    print("zelfcheck files (first cold visit): " + ", ".join(
        f"{r.path} {r.size}" for r in fetched(a[0].files)))
    tbt = median([v.tbt_ms for v in c if v.tbt_ms is not None])
    delay = median([v.input_delay_ms for v in c if v.input_delay_ms is not None])
    print(f"CPU {CPU_SLOWDOWN}x trager (c): ready {median([v.ready_ms for v in c]):.0f} ms, "
          f"total blocking time {tbt:.0f} ms, slechtste toetsvertraging {delay:.0f} ms "
          f"(medianen van {len(c)})")
    print(f"ready_ratio={ready_a / ready_b:.2f} ready_ms={ready_a:.0f} first_question_ms={first:.0f} "
          f"bytes_br={median([v.bytes_br for v in a]):.0f} warm_ms={warm:.0f} build_s={build_s:.1f} "
          f"tbt_ms={tbt:.0f} input_delay_ms={delay:.0f}")


if __name__ == "__main__":
    main()
