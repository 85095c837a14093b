"""The Content-Security-Policy of the pages that run Python (the self-check, the training pages).

No 'unsafe-inline': the page's own inline scripts and styles (Material's few lines in <head>, the
self-check's start-up line) are allowed by their SHA-256 hash, computed from the finished page,
so an inline script or style that anything else puts in the page does not run. Pyodide needs
'wasm-unsafe-eval' (not 'unsafe-eval', measured), and nothing may connect anywhere but this site.
"""

from __future__ import annotations

import base64
import hashlib
import re

from site_src.mkdocs_internals import at_page_start

# <script> and <style> elements with their text; a <script src=...> has no inline code to allow.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# Inline style="" and on...="" attributes would need 'unsafe-inline' (or 'unsafe-hashes').
_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\s(?:style|on[a-z]+)\s*=", re.IGNORECASE)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


class PolicyError(RuntimeError):
    pass


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """The hashes of the inline scripts that run and of the inline styles, in page order."""
    scripts = []
    for attrs, body in _SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = _TYPE.search(attrs)
        if (kind[1].lower() if kind else "") in _EXECUTABLE:
            scripts.append(_hash(body))
    styles = [_hash(body) for body in _STYLE.findall(html)]
    return list(dict.fromkeys(scripts)), list(dict.fromkeys(styles))


def policy(html: str) -> str:
    scripts, styles = inline_hashes(html)
    if _ATTRIBUTE.search(html):
        raise PolicyError("een style- of on...-attribuut in de pagina: dat staat de Content-Security-Policy "
                          "niet toe; zet het in een CSS- of JS-bestand")
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", *scripts])
    style_src = " ".join(["'self'", *styles])
    return (f"default-src 'self'; script-src {script_src}; connect-src 'self'; img-src 'self' data:; "
            f"style-src {style_src}; object-src 'none'; base-uri 'self'; form-action 'none'")


def with_policy(html: str, where: str) -> str:
    """The page with its policy as a <meta> first in <head>, before any script or style (where
    Material's page starts: site_src/mkdocs_internals.py)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    try:
        return at_page_start(html, meta)
    except ValueError as error:
        raise PolicyError(f"{where}: {error}; de Content-Security-Policy kan er niet in") from None
