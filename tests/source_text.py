"""The protocol's source text cut into the sentences that must appear verbatim elsewhere.

Normalisation, and why each step is not a rewording:
- whitespace runs (incl. no-break spaces) become one space: layout, not words;
- the text appears twice in the source; each sentence is checked once;
- bullets (•), the answer letters `A:`/`B:` and bare numbers (`2.`, the stray `4.`) are layout;
- a footnote's leading mark (`¹ Hierbij ...`) is its number: the data keeps it in `mark`;
- a line is cut into sentences after `.`, `?` or `!`, and after `: ` (a heading such as
  `Belangrijk:` or `Aanbeveling:` is kept as a title, its text as the sentence after it);
- a trailing `:` of a heading is dropped; the first letter may differ in case, because the
  source itself writes `stap 5` and `Stap 5` for the same opening sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "protocol" / "source" / "meldcode-stap5-afwegingen.txt"
# The six paths as the source text gives them (stap 5, afwegingen 2-5): path key -> outcome.
SOURCE_PATHS = {
    "afweging-2=ja": "melden-direct",
    "afweging-2=twijfel": "melden-direct",
    "afweging-2=nee>afweging-3=nee": "melden-geen-hulp",
    "afweging-2=nee>afweging-3=ja>afweging-4=nee": "melden-hulp-geweigerd",
    "afweging-2=nee>afweging-3=ja>afweging-4=ja>afweging-5=nee": "melden-hulp-onvoldoende",
    "afweging-2=nee>afweging-3=ja>afweging-4=ja>afweging-5=ja": "hulp-afsluiten",
}

_SPACE = re.compile(r"\s+")
_LAYOUT = re.compile(r"^(?:•\s*|[AB]:\s*|[¹²³]\s*)")
_CUT = re.compile(r"(?<=[.?!])\s+(?=\S)|(?<=:)\s+")
_NUMBER = re.compile(r"^\d+\.?$")


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def sentences(text: str | None = None) -> list[str]:
    """Every distinct sentence of the source, in order."""
    raw = SOURCE.read_text(encoding="utf-8") if text is None else text
    found: dict[str, None] = {}
    for line in raw.splitlines():
        line = collapse(line)
        while _LAYOUT.match(line):
            line = _LAYOUT.sub("", line, count=1)
        for part in _CUT.split(line):
            part = part.strip().rstrip(":").strip()
            if part and not _NUMBER.match(part):
                found.setdefault(part, None)
    return list(found)


def contains(haystack: str, sentence: str) -> bool:
    """`sentence` appears verbatim in `haystack` (whitespace collapsed; first letter either case)."""
    head, rest = sentence[0], sentence[1:]
    return (head.lower() + rest) in haystack or (head.upper() + rest) in haystack
