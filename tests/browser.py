"""The browser harness of the tests: contexts, the axe check, waits for states, the engine held back.

Every browser test uses these, so each rule that keeps the suite honest lives in one place:
- `new_context` blocks service workers unless the test is about offline use: Playwright's routing
  (`page.route`) does not see the requests a service worker makes, so once sw.js claims a page a
  routed engine file would silently be fetched for real;
- `axe_violations` judges the settled page: no transitions or animations (axe blends colours by
  opacity, so a fade-in halfway reads as a contrast failure), and it waits until
  `document.getAnimations()` is empty;
- `wait_until` and `wait_for_mark` wait for a state inside the page, never for a fixed time. The
  self-check's Content-Security-Policy blocks Playwright's `wait_for_function` (it evaluates strings),
  so the waiting runs in one `page.evaluate` call;
- `route_engine_away` keeps Pyodide from starting on a page where the check is not about the engine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A wait limit for Pyodide to start on a busy machine, not a measurement.
ENGINE_WAIT_MS = 60_000
# The files that start the engine (engine.js): Pyodide, our standard library, the wheel, a snapshot.
ENGINE_FILES = ("**/assets/pyodide/**", "**/assets/zelfcheck/stdlib-*", "**/assets/zelfcheck/*.whl*",
                "**/assets/zelfcheck/*.snapshot")

# No motion: a transition or animation cut short jumps to its end state.
NO_MOTION = ("*, *::before, *::after { transition: none !important; animation: none !important; "
             "scroll-behavior: auto !important; }")
# Switches motion off (once per page), then resolves once no animation runs (cancelled ones count as
# done); rejects after `limit` ms, naming what still runs, so a test fails instead of hanging.
# Returns whether axe-core is already on the page. One round trip: this runs before every axe check.
SETTLE = """async ([css, limit]) => {
  // A constructed style sheet, not a <style> tag: the pages' policy allows no inline style.
  if (!window.testNoMotion) {
    window.testNoMotion = new CSSStyleSheet();
    window.testNoMotion.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.testNoMotion];
  }
  const until = performance.now() + limit;
  for (;;) {
    const running = document.getAnimations();
    if (running.length === 0) return typeof window.axe === "object";
    if (performance.now() > until) {
      throw new Error("animaties lopen nog: " + running.map((a) => a.animationName || a.transitionProperty
        || a.constructor.name).join(", "));
    }
    await Promise.race([Promise.allSettled(running.map((a) => a.finished)),
                        new Promise((resolve) => setTimeout(resolve, 100))]);
  }
}"""


def new_context(browser: Any, *, offline_use: bool = False, **options: Any) -> Any:
    """A fresh browser context; service workers blocked unless the test is about offline use."""
    if not offline_use:
        options.setdefault("service_workers", "block")
    return browser.new_context(**options)


# --- the pages' policies (Content-Security-Policy, Permissions-Policy) ---------------------------------

# Collects what the page's policies refuse; runs before the page's own scripts (not subject to CSP).
LISTEN_FOR_VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});"""
# Console messages that are policy complaints (also a worker's, whose violation events stay inside it).
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy",
                "Permissions policy", "Refused to")


def collect_policy_complaints(context: Any) -> list[str]:
    """Listen in `context` for policy violations (window.__violations in each page) and return the list
    that policy complaints in the console (pages and their workers) are added to."""
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    found: list[str] = []
    context.on("console", lambda m: found.append(f"{m.type}: {m.text}")
               if m.type in ("error", "warning") and any(w in m.text for w in POLICY_WORDS) else None)
    return found


# --- axe-core ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Violation:
    """One axe-core rule that failed, with (at most three of) the elements it failed on."""

    id: str
    impact: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.id} ({self.impact}): {json.dumps(list(self.targets), ensure_ascii=False)}"


def settle(page: Any, limit_ms: int = 10_000) -> bool:
    """Switch transitions and animations off and wait until none runs; is axe-core on the page?"""
    return bool(page.evaluate(SETTLE, [NO_MOTION, limit_ms]))


def axe_violations(page: Any) -> list[Violation]:
    """axe-core (npm) on the page as it stands once settled: WCAG 2.1 AA and axe's best practices."""
    assert AXE.is_file(), "axe-core ontbreekt: draai `make test` (dat doet npm ci)"
    if not settle(page):
        # Evaluated, not a <script> tag: the pages' Content-Security-Policy blocks inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [Violation(v["id"], str(v["impact"]), tuple(json.dumps(n["target"]) for n in v["nodes"][:3]))
            for v in result["violations"]]


def with_axe(context: Any) -> None:
    """Put axe-core on every page of this context as it opens (cheaper than adding it to each page)."""
    context.add_init_script(path=str(AXE))


def assert_accessible(page: Any, where: str = "") -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe ({where}):\n" + "\n".join(map(str, violations))


# --- waiting for a state inside the page ------------------------------------------------------------------

def wait_until(page: Any, predicate: str, arg: Any = None, timeout_ms: int = 20_000) -> None:
    """Wait until the JavaScript `predicate` (an async-capable function of `arg`) returns true.

    It is checked in the page every 50 ms, inside one evaluate call (no `wait_for_function`: the
    self-check's policy blocks it). After `timeout_ms` the test fails with the predicate in the message.
    """
    assert page.evaluate(poll_script(predicate), [arg, timeout_ms]), \
        f"wachten duurde langer dan {timeout_ms} ms: {predicate}"


def poll_script(predicate: str) -> str:
    """A function of [arg, limit] for `evaluate` (in a page or a worker) that checks `predicate(arg)`
    every 50 ms and returns whether it held within `limit` ms."""
    return f"""async ([arg, limit]) => {{
      const check = {predicate};
      const until = performance.now() + limit;
      while (!(await check(arg))) {{
        if (performance.now() > until) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }}
      return true;
    }}"""


def marked(page: Any, name: str) -> bool:
    """Has the page set the performance mark `name` (engine.js marks its states)?"""
    return bool(page.evaluate("name => performance.getEntriesByName(name).length > 0", name))


def wait_for_mark(page: Any, name: str, timeout_ms: int = 20_000) -> None:
    """Wait until the page sets the performance mark `name` (or has set it already)."""
    seen = page.evaluate("""([name, limit]) => new Promise((resolve) => {
      if (performance.getEntriesByName(name).length) return resolve(true);
      const timer = setTimeout(() => { observer.disconnect(); resolve(false); }, limit);
      const observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName(name).length) { clearTimeout(timer); observer.disconnect(); resolve(true); }
      });
      observer.observe({ type: "mark" });
    })""", [name, timeout_ms])
    assert seen, f"geen performance mark {name} binnen {timeout_ms} ms"


# --- the engine --------------------------------------------------------------------------------------------

def wait_for_engine(page: Any, root: str) -> None:
    """Wait until the engine of the page (`root`: the element whose data-state engine.js sets) is
    ready. When it fails instead (engine.js gives up after 30 s: a missing file, or a machine far too
    busy), the test fails at once and says what the page shows."""
    page.locator(f"{root}[data-state=ready], {root}[data-state=failed]").wait_for(timeout=ENGINE_WAIT_MS)
    state = page.locator(root).get_attribute("data-state")
    shown = page.locator(root).inner_text()[:400]
    assert state == "ready", f"de engine startte niet ({root}: {state}): {shown}"


# --- the engine held back -----------------------------------------------------------------------------------

def route_engine_away(target: Any) -> None:
    """Abort every request for the engine's files on this page or context (service workers blocked!):
    the page shows its content and the engine's failure notice, without starting Python."""
    for pattern in ENGINE_FILES:
        target.route(pattern, lambda route: route.abort())


def held_requests(page: Any, pattern: str) -> list[Any]:
    """Route `pattern` to a list of requests that stay open until the test calls `continue_()` on them.
    Use `page.expect_request(...)` around the steps to know the request was made."""
    held: list[Any] = []
    page.route(pattern, lambda route: held.append(route))
    return held


def until_routed(page: Any, held: list[Any]) -> Any:
    """The first held route, once Playwright has handed it over: the request event may arrive just
    before the route itself, and each round trip to the browser delivers the messages sent before it."""
    for _ in range(100):
        if held:
            return held[0]
        page.evaluate("() => 0")
    raise AssertionError("de vastgehouden aanvraag kwam niet aan")
