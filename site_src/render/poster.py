"""The poster as one self-contained HTML document, printed to PDF at build time (site_src/poster.py).

Exact paper size comes from CSS `@page`; every size is in points at A3 times the paper's scale,
so A2 is A3 enlarged. The chart (site_src/render/poster_chart.py) fills the space between the
title and the panel at the bottom. All text is real text, so `pdftotext` and screen readers find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from protocol.model import Protocol

from .page_parts import Build
from .poster_chart import LEGEND, STYLES, WORDS_NOTE
from .school import NATIONAL_PHONE

BELANGRIJK = "belangrijk"  # the section with the rule that goes on every poster

# Our own words on the poster (the protocol's words come from the protocol data).
EMERGENCY = ("Direct gevaar?", "Bel 112")
VEILIG_THUIS = "Veilig Thuis"
VEILIG_THUIS_NOTE = "gratis, dag en nacht; voor advies en om te melden"
CONTACTS_HEADING = "Contact op school"
LEGEND_HEADING = "Legenda"
NOTES_HEADING = "Voetnoten"

MIN_PT = 9.0  # the smallest text on A3; on A2 it scales with the paper


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: int
    height_mm: int
    scale: float  # type size relative to A3


PAPERS = {"a3": Paper("A3", 297, 420, 1.0), "a2": Paper("A2", 420, 594, 1.414)}


def veilig_thuis_lines(build_info: Build) -> list[tuple[str, str]]:
    """(label, number) lines: the school's regional number when it has one, always the national one."""
    vt = build_info.school.veilig_thuis
    lines = [(f"{VEILIG_THUIS}:", NATIONAL_PHONE)]
    if vt.phone != NATIONAL_PHONE:
        lines.insert(0, (f"{VEILIG_THUIS} ({vt.region}):", vt.phone))
    return lines


def poster_html(protocol: Protocol, build_info: Build, paper: Paper, svg: str) -> str:
    school = build_info.school
    rule = protocol.section(BELANGRIJK)
    contacts = "".join(
        f"<li><strong>{escape(c.role)}:</strong> {escape(c.name)}"
        + "".join(f"<br>{escape(x)}" for x in (c.phone, c.email) if x) + "</li>"
        for c in school.contacts
    )
    calls = "".join(f'<p class="call">{escape(label)} <span class="number">{escape(number)}</span></p>'
                    for label, number in veilig_thuis_lines(build_info))
    notes = "".join(f"<li>{escape(f.mark)} {escape(f.text)}</li>" for f in protocol.footnotes)
    legend = "".join(f'<li><span class="swatch {shape}"></span>{escape(text)}</li>' for shape, text in LEGEND)
    pt = paper.scale

    def size(points: float) -> str:
        return f"{points * pt:.2f}pt"

    swatches = "\n".join(
        f".swatch.{shape} {{ background: {s.fill}; border: {size(s.penwidth * (2.5 if s.double else 0.75))} "
        f"{'double' if s.double else 'dashed' if 'dashed' in s.extra else 'solid'} {s.border};"
        f"{' border-radius: ' + size(5) + ';' if 'rounded' in s.extra else ''} }}"
        for shape, s in STYLES.items()
    )
    margin = 9 * pt
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Poster {escape(protocol.title)} ({paper.name})</title>
<style>
@page {{ size: {paper.width_mm}mm {paper.height_mm}mm; margin: {margin:.1f}mm; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; font-family: "DejaVu Sans", sans-serif; color: #000; font-size: {size(10)};
  line-height: 1.25; }}
main {{ height: {paper.height_mm - 2 * margin - 0.5:.1f}mm; display: flex; flex-direction: column; }}
header {{ display: flex; justify-content: space-between; align-items: baseline; gap: {size(12)};
  border-bottom: {size(2)} solid #000; padding-bottom: {size(3)}; }}
h1 {{ font-size: {size(30)}; line-height: 1.2; margin: 0; }}
.school {{ font-size: {size(16)}; font-weight: bold; margin: 0; }}
.chart {{ flex: 1 1 auto; min-height: 0; display: flex; justify-content: center; margin: {size(4)} 0; }}
.chart svg {{ width: 100%; height: 100%; }}
.legend {{ display: flex; flex-wrap: wrap; align-items: center; gap: {size(3)} {size(14)}; margin: 0;
  padding: 0; list-style: none; }}
.legend li {{ display: flex; align-items: center; gap: {size(5)}; }}
.legend h2 {{ font-size: {size(10)}; margin: 0; }}
.swatch {{ flex: none; width: {size(24)}; height: {size(13)}; }}
{swatches}
.words {{ font-style: italic; margin: {size(2)} 0 {size(4)}; }}
.panel {{ display: grid; grid-template-columns: 1fr 1.15fr 1.15fr; gap: {size(14)};
  border-top: {size(2)} solid #000; padding-top: {size(6)}; }}
.panel h2, .notes h2 {{ font-size: {size(11)}; margin: 0 0 {size(2)}; }}
.panel p {{ margin: 0; }}
.call {{ font-size: {size(12)}; font-weight: bold; }}
.call + .call {{ margin-top: {size(4)}; }}
.number {{ font-size: {size(24)}; line-height: 1.2; }}
.vt-note {{ margin-top: {size(2)}; }}
ul {{ margin: 0; padding: 0; list-style: none; }}
.contacts li + li {{ margin-top: {size(4)}; }}
.rule {{ border: {size(3)} solid #000; padding: {size(4)} {size(6)}; font-size: {size(11)}; }}
.notes {{ margin-top: {size(5)}; font-size: {size(9.5)}; }}
.notes li + li {{ margin-top: {size(2)}; }}
footer {{ font-size: {size(9.5)}; margin-top: {size(5)}; }}
</style>
</head>
<body>
<main>
<header>
<h1>{escape(protocol.title)}</h1>
<p class="school">{escape(school.name)}</p>
</header>
<div class="chart">{svg}</div>
<ul class="legend"><li><h2>{escape(LEGEND_HEADING)}:</h2></li>{legend}</ul>
<p class="words">{escape(WORDS_NOTE)}</p>
<section class="panel">
<div>
<p class="call">{escape(EMERGENCY[0])} <span class="number">{escape(EMERGENCY[1])}</span></p>
{calls}
<p class="vt-note">{escape(VEILIG_THUIS_NOTE)}</p>
</div>
<p class="rule"><strong>{escape(rule.title)}:</strong> {escape(rule.items[0])}</p>
<div>
<h2>{escape(CONTACTS_HEADING)}</h2>
<ul class="contacts">{contacts}</ul>
</div>
</section>
<div class="notes">
<h2>{escape(NOTES_HEADING)}</h2>
<ul>{notes}</ul>
</div>
<footer>Protocolversie {escape(protocol.version)} · gebouwd op {escape(build_info.date)} ·
controlecode {escape(protocol.short_hash)} (vergelijk met de colofon van de site)</footer>
</main>
</body>
</html>
"""
