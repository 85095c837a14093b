"""Debian's Chromium, driven by Playwright: one place for its path and its command-line flags.

The build (poster, hand-out), the tests and `make bench` all launch it the same way. Downloading a
browser (`playwright install`) is impossible here, so Playwright drives the system's Chromium.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Playwright is imported where a browser starts, not when this module loads
    from playwright.sync_api import Browser, BrowserContext, Playwright

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google; nothing may leave the device.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# For the tests only: V8 runs WebAssembly with its baseline compiler (Liftoff) and never tiers up to
# its optimizing one (TurboFan). The tier changes how fast code runs, never what it does; but
# TurboFan compiling the hot parts of Python's 9.6 MB runtime in the background took about 0.9 s
# of processor time at every engine start (a cold start from navigation to "ready": 2.3-2.5 s of
# CPU on two cores by default, 1.4-1.5 s with this flag; measured 2026-11-30), which on a small
# machine is time the other tests wait for. Pyodide's optimized code still runs in the parity test
# (Node's default V8), and `make bench` measures the browser as people have it (no flag).
TEST_ARGS = ["--js-flags=--liftoff-only"]


def launch(playwright: Playwright, extra_args: Sequence[str] = (), **options: Any) -> Browser:
    """A headless Chromium with our flags (and `extra_args`, e.g. TEST_ARGS)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args], **options)


def launch_persistent(playwright: Playwright, profile: str, extra_args: Sequence[str] = (),
                      **options: Any) -> BrowserContext:
    """A Chromium with its own profile folder (a BrowserContext), as a person's browser keeps one."""
    return playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM,
                                                         args=[*CHROMIUM_ARGS, *extra_args], **options)
