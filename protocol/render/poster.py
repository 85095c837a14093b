"""The poster as one self-contained HTML document, printed to PDF at build time (site_src/poster.py).

Exact paper size comes from CSS `@page`; everything scales with the paper, so A3 and A2 look the
same. All text is real text, so `pdftotext` and screen readers find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..model import Protocol
from .pages import Build

BELANGRIJK = "belangrijk"  # the section with the rule that goes on every poster


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: int
    height_mm: int
    scale: float  # type size relative to A3


PAPERS = {"a3": Paper("A3", 297, 420, 1.0), "a2": Paper("A2", 420, 594, 1.414)}


def poster_html(protocol: Protocol, build_info: Build, paper: Paper, svg: str) -> str:
    school = build_info.school
    vt = school.veilig_thuis
    rule = protocol.section(BELANGRIJK)
    contacts = "".join(
        f"<li><strong>{escape(c.role)}:</strong> {escape(c.name)}"
        + "".join(f", {escape(x)}" for x in (c.phone, c.email) if x) + "</li>"
        for c in school.contacts
    )
    notes = "".join(f"<li>{escape(f.mark)} {escape(f.text)}</li>" for f in protocol.footnotes)
    pt = paper.scale
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Poster {escape(protocol.title)} ({paper.name})</title>
<style>
@page {{ size: {paper.width_mm}mm {paper.height_mm}mm; margin: {12 * pt:.1f}mm; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; font-family: "DejaVu Sans", sans-serif; color: #000; font-size: {11 * pt:.1f}pt; }}
main {{ height: {paper.height_mm - 24 * pt - 1:.1f}mm; display: flex; flex-direction: column; }}
h1 {{ font-size: {24 * pt:.1f}pt; margin: 0 0 {2 * pt:.1f}mm; }}
.school {{ font-size: {14 * pt:.1f}pt; margin: 0 0 {4 * pt:.1f}mm; }}
.chart {{ flex: 1 1 auto; min-height: 0; display: flex; justify-content: center; }}
.chart svg {{ width: 100%; height: 100%; }}
.bottom {{ display: grid; grid-template-columns: 1fr 1fr; gap: {6 * pt:.1f}mm; margin-top: {4 * pt:.1f}mm; }}
.rule {{ border: {1 * pt:.1f}mm solid #d55e00; padding: {3 * pt:.1f}mm; font-size: {12 * pt:.1f}pt; }}
.call {{ font-size: {16 * pt:.1f}pt; font-weight: bold; margin: 0 0 {2 * pt:.1f}mm; }}
ul {{ margin: 0; padding-left: {5 * pt:.1f}mm; }}
.notes {{ font-size: {8.5 * pt:.1f}pt; list-style: none; padding: 0; margin-top: {3 * pt:.1f}mm; }}
footer {{ font-size: {8 * pt:.1f}pt; margin-top: {3 * pt:.1f}mm; }}
</style>
</head>
<body>
<main>
<h1>{escape(protocol.title)}</h1>
<p class="school">{escape(school.name)}</p>
<div class="chart">{svg}</div>
<div class="bottom">
<div>
<p class="rule"><strong>{escape(rule.title)}:</strong> {escape(rule.items[0])}</p>
<ul class="notes">{notes}</ul>
</div>
<div>
<p class="call">Veilig Thuis ({escape(vt.region)}): {escape(vt.phone)}</p>
<ul>{contacts}</ul>
</div>
</div>
<footer>Protocolversie {escape(protocol.version)} · gebouwd op {escape(build_info.date)} ·
controlecode {escape(protocol.short_hash)} (vergelijk met de colofon van de site)</footer>
</main>
</body>
</html>
"""
