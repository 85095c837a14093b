"""Debian's Chromium, driven by Playwright: one place for its path and its command-line flags.

The build (poster, hand-out), the tests and `make bench` all launch it the same way. Downloading a
browser (`playwright install`) is impossible here, so Playwright drives the system's Chromium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Playwright is imported where a browser starts, not when this module loads
    from playwright.sync_api import Browser, BrowserContext, Playwright

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google; nothing may leave the device.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def launch(playwright: Playwright, **options: Any) -> Browser:
    """A headless Chromium with our flags."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)


def launch_persistent(playwright: Playwright, profile: str, **options: Any) -> BrowserContext:
    """A Chromium with its own profile folder (a BrowserContext), as a person's browser keeps one."""
    return playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM,
                                                         args=CHROMIUM_ARGS, **options)
