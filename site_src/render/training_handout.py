"""The trainer's handout: all cases, then our explanation for trainers and the answer key, as one
HTML document that site_src/handout.py prints to an A4 PDF at build time."""

from __future__ import annotations

from html import escape

from protocol.cases import Casebook
from protocol.model import Protocol

from .school import School
from .trainer import TRAINER_TITLE, overview_table, trainer_html
from .training import answer_key_html
from .training_parts import paragraphs

# the key follow, each starting on a page of its own.
HANDOUT_CSS = """
@page { size: A4; margin: 10mm 10mm 11mm; }
html { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.0pt; line-height: 1.22; color: #000; }
h1 { font-size: 13pt; margin: 0 0 1.5mm; }
h2 { font-size: 9pt; margin: 0 0 0.6mm; break-after: avoid; }
h3 { font-size: 8.4pt; margin: 2mm 0 0.5mm; break-after: avoid; }
p { margin: 0.6mm 0; }
.intro { margin-bottom: 2mm; }
.cases { columns: 2; column-gap: 6mm; }
.case { break-inside: avoid; margin: 0 0 2.2mm; }
.meta { font-style: italic; }
.trainer, .key { break-before: page; }
.trainer h2 { margin-top: 2mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.6mm; }
th, td { border: 0.5px solid #777; padding: 0.5mm 1mm; text-align: left; vertical-align: top; }
.key-cases { columns: 2; column-gap: 6mm; }
.key-case { margin: 0 0 3mm; }
.training-source { margin: 0.6mm 0 0.6mm 2mm; padding-left: 2mm; border-left: 1.5px solid #555; }
.training-ours { margin: 0.6mm 0; }
.training-label { font-weight: bold; font-size: 6.8pt; margin: 0; text-transform: uppercase; }
"""


HANDOUT_INTRO = ("Verzonnen situaties om stap 5 van de meldcode te oefenen. Lees een casus en bepaal bij "
                 "elke afweging je antwoord. Daarna volgen onze uitleg voor de trainer en de "
                 "antwoordsleutel, op aparte pagina's.")
KEY_INTRO = ("Per casus het antwoord dat wij bij elke afweging verwachten: onze lezing van de casus. "
             "Met de tekst van de meldcode (letterlijk) en onze toelichting.")


def handout_html(protocol: Protocol, book: Casebook, school: School) -> str:
    """A print document: all cases first, then our explanation for trainers and the key, each on
    new pages. The school of this build is named on the first page (which the cases fill) and its
    contact persons, for questions about a real case, at the top of the key."""
    cases_html = []
    keys_html = []
    for number, case in enumerate(book.cases, start=1):
        later = ""
        if case.follow_up is not None:
            later = f"<p><em>Later:</em> {escape(' '.join(case.follow_up.story))}</p>"
        cases_html.append(
            f'<section class="case"><h2>Casus {number}: {escape(case.title)}</h2>'
            f'<p class="meta">{escape(case.setting_label)}</p>'
            f"{paragraphs(case.story)}{later}</section>")
        keys_html.append(
            f'<section class="key-case"><h2>Antwoorden casus {number}: {escape(case.title)}</h2>'
            f"{answer_key_html(protocol, case, heading=3)}</section>")
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>Training meldcode stap 5: casussen</title><style>{HANDOUT_CSS}</style></head><body>"
        "<h1>Training meldcode stap 5: casussen</h1>"
        f'<p class="intro">{escape(HANDOUT_INTRO)} Protocolversie {escape(protocol.version)}, '
        f"{escape(school.name)}.</p>"
        f'<div class="cases">{"".join(cases_html)}</div>'
        f'<div class="trainer"><h1>{escape(TRAINER_TITLE)}</h1>{trainer_html(protocol, heading=2)}</div>'
        '<div class="key"><h1>Antwoordsleutel</h1>'
        f'<p class="intro">{escape(KEY_INTRO)}</p>'
        f'<p class="intro">{_school_line(school)}</p>'
        f"{overview_table(protocol, book)}"
        f'<div class="key-cases">{"".join(keys_html)}</div></div></body></html>'
    )


def _school_line(school: School) -> str:
    people = "; ".join(f"{escape(c.role)} {escape(c.name)}"
                       + "".join(f", {escape(x)}" for x in (c.phone, c.email) if x) for c in school.contacts)
    return (f"<strong>{escape(school.name)}</strong>. Zorgen over een echte leerling? Bespreek ze met: "
            f"{people}.")
