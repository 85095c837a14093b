"""The training pages (casussen, quiz) and the trainer's handout, rendered from the cases and the protocol.

Each page is Markdown whose body is plain HTML blocks, so the answer key can sit behind a
<details> disclosure and still read without JavaScript. Protocol text is shown verbatim in blocks
labelled "Tekst van de meldcode"; our own words (the cases, why, explanations) in blocks labelled
"Toelichting" or "Casus", so a reader always sees which is which. Text goes through html.escape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape

from .. import quiz
from ..cases import Case, Casebook, answer_key
from ..model import Protocol
from .school import School

ROOT = "training/"
QUIZ = "training/quiz/"
HANDOUT = "training/handout-casussen.pdf"
ASSETS = "training/assets/"
SOURCE_LABEL = "Tekst van de meldcode"
OUR_LABEL = "Toelichting"
CASE_LABEL = "Casus (verzonnen, onze tekst)"
INTRO = (
    "Op deze pagina's oefen je stap 5 van de meldcode met verzonnen situaties uit de school. "
    "Bij elke casus beantwoord je de afwegingen. Na elk antwoord zie je wat het protocol zegt en "
    "waarom. De casussen en de uitleg zijn van ons; de tekst van de meldcode staat er letterlijk bij."
)
PRIVACY = ("Je antwoorden en je score blijven in deze pagina. Er wordt niets opgeslagen en niets "
           "verstuurd: herlaad je de pagina, dan begin je opnieuw.")
NOJS = ("Oefenen met directe feedback werkt met JavaScript. Zonder JavaScript lees je de casus "
        "hier, en open je hieronder de antwoordsleutel.")


# The words training.js shows, handed to it in the page: the script itself holds no text.
# `{name}` marks a value the script fills in.
UI_TEXTS: dict[str, str] = {
    "loading": "De oefening wordt geladen\u2026",
    "failed": ("Oefenen met feedback kan nu niet starten. Je kunt de casus wel lezen en hieronder de "
               "antwoordsleutel openen."),
    "yourAnswer": "Jouw antwoord bij afweging {n}",
    "question": "Wat is jouw antwoord?",
    "source": SOURCE_LABEL,
    "ours": OUR_LABEL,
    "caseLabel": CASE_LABEL,
    "right": "Goed: dit is het antwoord dat het protocol verwacht.",
    "wrong": "Niet het antwoord dat het protocol verwacht.",
    "youChose": "Jij koos",
    "leadsTo": "Dat leidt naar",
    "expected": "Het protocol verwacht",
    "next": "Volgende afweging",
    "later": "Verder met de casus",
    "finish": "Bekijk je resultaat",
    "resultTitle": "Resultaat",
    "score": "Je had {correct} van de {total} afwegingen goed.",
    "outcome": "Uitkomst van deze casus",
    "summary": "Jouw antwoorden",
    "turnRight": "Afweging {n}: jij {given}, het protocol {expected} (goed).",
    "turnOther": "Afweging {n}: jij {given}, het protocol {expected} (anders).",
    "again": "Opnieuw oefenen",
    "laterTitle": "Later",
    "quizRight": "Goed.",
    "quizWrong": "Niet goed. Open het antwoord en de uitleg hieronder.",
    "quizOpen": "Nog niet beantwoord.",
    "quizScore": "Je hebt {correct} van de {total} vragen goed.",
}


def case_path(case: Case) -> str:
    return f"{ROOT}{case.id}/"


def source(path: str) -> str:
    """The Markdown file MkDocs builds a page from (`training/` -> `training/index.md`)."""
    return f"{path}index.md"


def relative(from_path: str, to_path: str) -> str:
    return "../" * from_path.count("/") + to_path


def pages(protocol: Protocol, book: Casebook, svg: str = "") -> dict[str, str]:
    """Every training page: Markdown source path -> Markdown. `svg` is the flowchart to highlight on."""
    clash = [c.id for c in book.cases if case_path(c) in (QUIZ, ASSETS)]
    if clash:
        raise ValueError(f"de casus-id {clash[0]} botst met een vaste pagina van de training; "
                         "kies een andere id")
    out = {source(ROOT): index_page(book), source(QUIZ): quiz_page(protocol)}
    for number, case in enumerate(book.cases, start=1):
        out[source(case_path(case))] = case_page(protocol, book, case, number, svg)
    return out


# --- small helpers -------------------------------------------------------------------------------


def _p(texts: Iterable[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{escape(t)}</p>" for t in texts)


def source_block(texts: Iterable[str], where: str = "") -> str:
    label = SOURCE_LABEL + (f" \u2013 {escape(where)}" if where else "")
    return (f'<blockquote class="training-source"><p class="training-label">{label}</p>'
            f"{_p(texts)}</blockquote>")


def our_block(texts: Iterable[str], label: str = OUR_LABEL) -> str:
    return f'<div class="training-ours"><p class="training-label">{escape(label)}</p>{_p(texts)}</div>'


def _assets(here: str) -> str:
    base = relative(here, ASSETS)
    # "<\/" reads the same in JSON, and a text can then never close the script element early.
    texts = json.dumps(UI_TEXTS, ensure_ascii=False).replace("</", "<\\/")
    return (f'<link rel="stylesheet" href="{base}training.css">\n'
            f'<script type="application/json" id="training-texts">{texts}</script>\n'
            f'<script type="module" src="{base}training.js"></script>\n')


# --- the index -----------------------------------------------------------------------------------


def index_page(book: Casebook) -> str:
    rows = []
    for case in book.cases:
        href = relative(ROOT, case_path(case))
        rows.append(f'<li><a href="{href}">{escape(case.title)}</a> '
                    f'<span class="training-setting">({escape(case.setting_label)})</span>: '
                    f"{escape(case.focus)}</li>")
    return "\n".join([
        "# Training: oefenen met stap 5\n",
        _p([INTRO]) + "\n",
        _p([PRIVACY], "training-privacy") + "\n",
        "## Casussen\n",
        f'<ol class="training-cases">{"".join(rows)}</ol>\n',
        "## Quiz\n",
        _p(["Test wat je weet over rollen en plichten: wie hoort bij de 2e lijn, wie is een "
            "ketenpartner, wat komt in het leerlingdossier, wanneer meld je opnieuw."])
        + f'<p><a href="{relative(ROOT, QUIZ)}">Naar de quiz</a></p>\n',
        "## Voor de trainer\n",
        f'<p><a href="{relative(ROOT, HANDOUT)}">Hand-out met alle casussen (pdf, A4)</a>. '
        "De antwoordsleutel staat op aparte pagina's achterin.</p>\n",
    ])


# --- a case --------------------------------------------------------------------------------------


def _case_intro(case: Case) -> str:
    return (f'<p class="training-meta">{escape(case.setting_label)}</p>'
            + our_block(case.rounds[0].story, CASE_LABEL)
            + f'<p><strong>Waar het om gaat:</strong> {escape(case.focus)}</p>')


def answer_key_html(protocol: Protocol, case: Case, heading: int = 3) -> str:
    """The expected answer at every afweging with the protocol quotes, the outcome and the duties."""
    key = answer_key(protocol, case)
    h = f"h{heading}"
    parts: list[str] = []
    for index, turn in enumerate(key["feedback"]):
        if turn["round"] and key["feedback"][index - 1]["round"] != turn["round"]:
            rnd = case.rounds[turn["round"]]
            loop = next(x for x in protocol.loops if x.id == rnd.loop)
            parts.append(f"<{h}>Later: {escape(loop.label)}</{h}>")
            parts.append(our_block(rnd.story, CASE_LABEL))
            parts.append(our_block([loop.explanation]))
        q = turn["question"]
        parts.append(f"<{h}>Afweging {q['number']}: {escape(q['title'])}</{h}>")
        parts.append(source_block([q["text"], *(f"{f['mark']} {f['text']}" for f in q["footnotes"])]))
        exp = turn["expected"]
        parts.append('<p class="training-expected-answer">Verwacht antwoord: '
                     f'<strong>{escape(exp["label"])}</strong></p>')
        parts.append(source_block([exp["source"]], f"antwoord {exp['label']}"))
        parts.append(our_block([turn["why"], exp["reason"]]))
    result = key["result"]
    out = result["outcome"]
    parts.append(f"<{h}>Uitkomst: {escape(out['title'])}</{h}>")
    parts.append(source_block(out["text"]))
    parts.append(our_block([out["explanation"]]))
    for section in result["sections"]:
        parts.append(source_block(section["items"], section["title"]))
    duties = [d for d in result["duties"] if d["id"] not in {s["id"] for s in result["sections"]}]
    if duties:
        names = ", ".join(f"\u201c{d['title']}\u201d" for d in duties)
        parts.append(_p([f"Wat de school daarna doet, staat in de secties {names} van de meldcode."]))
    return "".join(parts)


def case_page(protocol: Protocol, book: Casebook, case: Case, number: int, svg: str = "") -> str:
    here = case_path(case)
    total = len(book.cases)
    flowchart = ""
    if svg:
        flowchart = (
            '<figure class="stroomschema training-flowchart" id="training-flowchart" hidden>'
            '<figcaption>Het stroomschema. <span class="training-key-expected">Dikke groene lijn</span>: '
            'het pad dat het protocol verwacht. <span class="training-key-given">Gestreepte paarse '
            "rand</span>: jouw pad. De paden staan ook in tekst bij de feedback.</figcaption>"
            f"{svg}</figure>\n"
        )
    nav = [f'<a href="{relative(here, ROOT)}">Alle casussen</a>']
    if number < total:
        nav.append(f'<a href="{relative(here, case_path(book.cases[number]))}">Volgende casus</a>')
    return "\n".join([
        f"# Casus {number}: {case.title}\n",
        _assets(here),
        _case_intro(case) + "\n",
        "## Oefenen\n",
        f'<div class="training-practice" id="training-practice" data-case="{escape(case.id)}" '
        f'data-state="static"><p class="training-nojs">{escape(NOJS)}</p></div>\n',
        flowchart,
        "## Antwoordsleutel\n",
        '<details class="training-answer-key"><summary>Toon de antwoordsleutel</summary>'
        f"{answer_key_html(protocol, case)}</details>\n",
        f'<nav class="training-nav" aria-label="Casussen">{" · ".join(nav)}</nav>\n',
    ])


# --- the quiz ------------------------------------------------------------------------------------


def _quiz_item(number: int, item: quiz.Item) -> str:
    kind = "checkbox" if item.multiple else "radio"
    name = f"quiz-{item.id}"
    options = "".join(
        f'<li><input type="{kind}" name="{name}" id="{name}-{o.id}" value="{o.id}">'
        f' <label for="{name}-{o.id}">{escape(o.label)}</label></li>'
        for o in item.options)
    right = item.correct_labels()
    answer = ("Goede antwoorden: " if len(right) > 1 else "Goed antwoord: ") + "; ".join(right) + "."
    quotes = "".join(source_block([q.text], q.where) for q in item.quotes)
    return (
        f'<fieldset class="training-quiz-item" id="vraag-{item.id}" data-correct="{" ".join(item.correct)}">'
        f"<legend>Vraag {number}. {escape(item.prompt)}</legend>"
        f'<ul class="training-options">{options}</ul>'
        f'<p class="training-quiz-result" aria-live="polite"></p>'
        f'<details class="training-quiz-answer"><summary>Antwoord en uitleg bij vraag {number}</summary>'
        f"<p><strong>{escape(answer)}</strong></p>{our_block([item.explanation])}{quotes}</details>"
        "</fieldset>"
    )


def quiz_page(protocol: Protocol) -> str:
    items = quiz.items(protocol)
    body = "\n".join(_quiz_item(n, item) for n, item in enumerate(items, start=1))
    return "\n".join([
        "# Quiz: rollen en plichten\n",
        _assets(QUIZ),
        _p(["Beantwoord de vragen. Onder elke vraag kun je het antwoord en de uitleg openen. "
            "Werkt JavaScript in je browser, dan zie je met de knop onderaan ook je score.",
            PRIVACY]) + "\n",
        f'<form class="training-quiz" id="training-quiz" novalidate>\n{body}\n'
        '<div class="training-quiz-actions" hidden>'
        '<button type="submit" class="md-button md-button--primary">Bekijk je score</button> '
        '<button type="reset" class="md-button">Opnieuw</button></div>'
        '<p class="training-quiz-score" id="training-quiz-score" role="status"></p></form>\n',
        f'<p><a href="{relative(QUIZ, ROOT)}">Terug naar de training</a></p>\n',
    ])


# --- the trainer's handout (printed to an A4 PDF at build time) -----------------------------------

# The cases fit on the first A4 page (two columns, small print); the key follows on its own pages.
HANDOUT_CSS = """
@page { size: A4; margin: 10mm 10mm 11mm; }
html { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.3pt; line-height: 1.25; color: #000; }
h1 { font-size: 13pt; margin: 0 0 1.5mm; }
h2 { font-size: 9pt; margin: 0 0 0.6mm; break-after: avoid; }
h3 { font-size: 8.4pt; margin: 2mm 0 0.5mm; break-after: avoid; }
p { margin: 0.6mm 0; }
.intro { margin-bottom: 2mm; }
.cases { columns: 2; column-gap: 6mm; }
.case { break-inside: avoid; margin: 0 0 2.2mm; }
.meta { font-style: italic; }
.key { break-before: page; }
.key-cases { columns: 2; column-gap: 6mm; }
.key-case { margin: 0 0 3mm; }
.training-source { margin: 0.6mm 0 0.6mm 2mm; padding-left: 2mm; border-left: 1.5px solid #555; }
.training-ours { margin: 0.6mm 0; }
.training-label { font-weight: bold; font-size: 6.8pt; margin: 0; text-transform: uppercase; }
"""


HANDOUT_INTRO = ("Verzonnen situaties om stap 5 van de meldcode te oefenen. Lees een casus en bepaal bij "
                 "elke afweging je antwoord. De antwoordsleutel staat op de volgende pagina's.")
KEY_INTRO = ("Per casus het antwoord dat het protocol bij elke afweging verwacht, met de tekst van de "
             "meldcode (letterlijk) en onze toelichting.")


def handout_html(protocol: Protocol, book: Casebook, school: School) -> str:
    """A print document: all cases first, then the answer key starting on a new page. The school of
    this build is named on the first page (which the cases fill) and its contact persons, for
    questions about a real case, at the top of the key."""
    cases_html = []
    keys_html = []
    for number, case in enumerate(book.cases, start=1):
        later = "".join(
            f"<p><em>Later:</em> {escape(' '.join(r.story))}</p>" for r in case.rounds[1:])
        cases_html.append(
            f'<section class="case"><h2>Casus {number}: {escape(case.title)}</h2>'
            f'<p class="meta">{escape(case.setting_label)} \u2013 {escape(case.focus)}</p>'
            f"{_p(case.rounds[0].story)}{later}</section>")
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
        '<div class="key"><h1>Antwoordsleutel</h1>'
        f'<p class="intro">{escape(KEY_INTRO)}</p>'
        f'<p class="intro">{_school_line(school)}</p>'
        f'<div class="key-cases">{"".join(keys_html)}</div></div></body></html>'
    )


def _school_line(school: School) -> str:
    people = "; ".join(f"{escape(c.role)} {escape(c.name)}"
                       + "".join(f", {escape(x)}" for x in (c.phone, c.email) if x) for c in school.contacts)
    return (f"<strong>{escape(school.name)}</strong>. Zorgen over een echte leerling? Bespreek ze met: "
            f"{people}.")
