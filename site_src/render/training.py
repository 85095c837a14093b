"""The training pages (casussen, quiz; the trainer's page is in trainer.py, the handout in
training_handout.py), rendered from the cases and the protocol.

Each page is Markdown whose body is plain HTML blocks, so the answer key can sit behind a closed
<details> disclosure and still read without JavaScript. Nothing outside that disclosure gives a
case's answer away (not its focus, its signals or our why): a trainee answers first. Protocol text
is shown verbatim in blocks labelled "Tekst van de meldcode"; our own words (the cases, why,
explanations) in blocks labelled "Toelichting" or "Casus", so a reader always sees which is which.
Text goes through html.escape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape

from protocol.cases import Case, Casebook
from protocol.feedback import answer_key
from protocol.model import Protocol
from protocol.present import CASE_LABEL
from protocol.signals import signal

from . import quiz
from .trainer import trainer_page
from .training_parts import (
    ASSETS,
    HANDOUT,
    QUIZ,
    ROOT,
    TRAINER,
    answer_place,
    block_templates,
    case_path,
    later_heading,
    our_block,
    paragraphs,
    relative,
    signal_text,
    source,
    source_block,
    source_label,
)

INTRO = (
    "Op deze pagina's oefen je stap 5 van de meldcode met verzonnen situaties uit de school. "
    "Bij elke casus beantwoord je de afwegingen. Na elk antwoord zie je de tekst van de meldcode, "
    "welk antwoord wij verwachten en waarom. Dat antwoord is onze lezing van de casus: de casussen "
    "en de uitleg zijn van ons, de tekst van de meldcode staat er letterlijk bij."
)
PRIVACY = ("Je antwoorden en je score blijven in deze pagina. Er wordt niets opgeslagen en niets "
           "verstuurd: herlaad je de pagina, dan begin je opnieuw.")
NOJS = ("Oefenen met directe feedback werkt met JavaScript. Zonder JavaScript lees je de casus "
        "hier en bedenk je zelf bij elke afweging je antwoord. Daarna open je hieronder de antwoordsleutel.")
KEY_SUMMARY = "Toon de antwoordsleutel (ons antwoord bij elke afweging)"


# The pages' addresses live in training_parts.py; the hooks and tests read them here.
__all__ = ["ASSETS", "HANDOUT", "KEY_SUMMARY", "NOJS", "QUIZ", "ROOT", "TRAINER", "UI_TEXTS",
           "answer_key_html", "case_page", "case_path", "pages", "quiz_page", "relative", "source"]


# The words training.js shows, handed to it in the page: the script itself holds no text.
# `{name}` marks a value the script fills in.
UI_TEXTS: dict[str, str] = {
    "loading": "De oefening wordt geladen\u2026",
    "failed": ("Oefenen met feedback kan nu niet starten. Je kunt de casus wel lezen en hieronder de "
               "antwoordsleutel openen."),
    "yourAnswer": "Jouw antwoord bij afweging {n}",
    "question": "Wat is jouw antwoord?",
    # A source block's label with where the text stands, and an answer as that place.
    "sourceAt": source_label("{where}"),
    "answerAt": answer_place("{label}"),
    "caseLabel": CASE_LABEL,
    "right": "Goed: dit is ook ons antwoord.",
    "wrong": "Wij kiezen hier een ander antwoord.",
    "sameBranch": ("Wij kozen {expected}. In de meldcode leiden die antwoorden naar dezelfde stap, "
                   "dus jouw antwoord telt als goed."),
    # {label} shows in bold.
    "youChose": "Jij koos: {label}. Dat leidt naar: {step}.",
    "expected": "Ons antwoord: {label}.",
    "next": "Volgende afweging",
    "later": "Verder met de casus",
    "finish": "Bekijk je resultaat",
    "resultTitle": "Resultaat",
    "score": "Je had {correct} van de {total} afwegingen goed.",
    "outcome": "Uitkomst van deze casus: {title}",
    "summary": "Jouw antwoorden",
    "turnRight": "Afweging {n}: jij {given}, wij {expected} (goed).",
    "turnOther": "Afweging {n}: jij {given}, wij {expected} (anders).",
    "focus": "Waar het om gaat",
    "signals": "Signalen bij afweging 2",
    "again": "Opnieuw oefenen",
    "laterHeading": later_heading("{label}"),
    "signal": signal_text("{label}", "{kind}"),
    "laterQuestion": "Wat doe je nu? Bedenk eerst je antwoord.",
    "reveal": "Bekijk wat de meldcode zegt",
    "revealTitle": "Wat de meldcode zegt",
    "quizRight": "Goed.",
    "quizWrong": "Niet goed. Open het antwoord en de uitleg hieronder.",
    "quizOpen": "Nog niet beantwoord. Open het antwoord en de uitleg hieronder.",
    "quizScore": "Je hebt {correct} van de {total} vragen goed.",
}



def pages(protocol: Protocol, book: Casebook, svg: str = "") -> dict[str, str]:
    """Every training page: Markdown source path -> Markdown. `svg` is the flowchart to highlight on."""
    clash = [c.id for c in book.cases if case_path(c) in (QUIZ, TRAINER, ASSETS)]
    if clash:
        raise ValueError(f"de casus-id {clash[0]} botst met een vaste pagina van de training; "
                         "kies een andere id")
    out = {source(ROOT): index_page(book), source(QUIZ): quiz_page(protocol),
           source(TRAINER): trainer_page(protocol, book)}
    for number, case in enumerate(book.cases, start=1):
        out[source(case_path(case))] = case_page(protocol, book, case, number, svg)
    return out


# --- small helpers -------------------------------------------------------------------------------



# What training.js imports (the zelfcheck hook places it): named in the page, so the browser fetches
# it together with training.js rather than after it.
ENGINE_MODULE = "assets/zelfcheck/engine.js"


def _assets(here: str) -> str:
    base = relative(here, ASSETS)
    # "<\/" reads the same in JSON, and a text can then never close the script element early.
    texts = json.dumps(UI_TEXTS, ensure_ascii=False).replace("</", "<\\/")
    return (f'<link rel="stylesheet" href="{base}training.css">\n'
            f'<script type="application/json" id="training-texts">{texts}</script>\n'
            f'<script type="module" src="{base}training.js"></script>\n'
            f'<link rel="modulepreload" href="{relative(here, ENGINE_MODULE)}">\n')


# --- the index -----------------------------------------------------------------------------------


def index_page(book: Casebook) -> str:
    # Title and kind of school only: what a case is about would give its answer away.
    rows = []
    for case in book.cases:
        href = relative(ROOT, case_path(case))
        rows.append(f'<li><a href="{href}">{escape(case.title)}</a> '
                    f'<span class="training-setting">({escape(case.setting_label)})</span></li>')
    return "\n".join([
        "# Training: oefenen met stap 5\n",
        paragraphs([INTRO]) + "\n",
        paragraphs([PRIVACY], "training-privacy") + "\n",
        "## Casussen\n",
        f'<ol class="training-cases">{"".join(rows)}</ol>\n',
        "## Quiz\n",
        paragraphs(["Test wat je weet over rollen en plichten: wie hoort bij de 2e lijn, wie is een "
            "ketenpartner, wat komt in het leerlingdossier, wanneer meld je opnieuw."])
        + f'<p><a href="{relative(ROOT, QUIZ)}">Naar de quiz</a></p>\n',
        "## Voor de trainer\n",
        f'<p><a href="{relative(ROOT, TRAINER)}">Acute en structurele onveiligheid: hoe wij afweging 2 '
        "lezen</a>, met de signalen per casus en de bronnen, zodat je onze casussen kunt controleren.</p>"
        f'<p><a href="{relative(ROOT, HANDOUT)}">Hand-out met alle casussen (pdf, A4)</a>. '
        "Eerst de casussen, daarna onze uitleg voor de trainer en de antwoordsleutel op aparte "
        "pagina's.</p>\n",
    ])



# --- a case --------------------------------------------------------------------------------------


def _case_intro(case: Case) -> str:
    # No focus or signals here: they would give the answer away before the trainee answers.
    return (f'<p class="training-meta">{escape(case.setting_label)}</p>'
            + our_block(case.story, CASE_LABEL))


def _signals_text(ids: Iterable[str]) -> str:
    return "; ".join(signal_text(s.label, s.kind_label) for s in map(signal, ids)) + "."


def answer_key_html(protocol: Protocol, case: Case, heading: int = 3) -> str:
    """Our answer at every afweging with the protocol quotes, the outcome, the duties, what happens later."""
    key = answer_key(protocol, case)
    h = f"h{heading}"
    result = key["result"]
    parts: list[str] = [our_block([f"Waar het om gaat: {case.focus}",
                                   f"Signalen bij afweging 2: {_signals_text(case.signals)}"])]
    for turn in key["feedback"]:
        q = turn["question"]
        parts.append(f"<{h}>{escape(q['heading'])}</{h}>")
        parts.append(source_block([q["text"], *(f["line"] for f in q["footnotes"])]))
        exp = turn["expected"]
        parts.append('<p class="training-expected-answer">Ons antwoord: '
                     f'<strong>{escape(exp["label"])}</strong></p>')
        parts.append(source_block([exp["source"]], answer_place(exp["label"])))
        parts.append(our_block([turn["why"], exp["reason"]]))
    out = result["outcome"]
    parts.append(f"<{h}>Uitkomst: {escape(out['title'])}</{h}>")
    parts.append(source_block(out["text"]))
    parts.append(our_block([out["explanation"]]))
    for section in result["sections"]:
        parts.append(source_block(section["items"], section["title"]))
    duties = [d for d in result["duties"] if d["id"] not in {s["id"] for s in result["sections"]}]
    if duties:
        names = ", ".join(f"\u201c{d['title']}\u201d" for d in duties)
        parts.append(paragraphs([f"Wat de school daarna doet, staat in de secties {names} van de meldcode."]))
    later = result["follow_up"]
    if later:
        parts.append(f"<{h}>{escape(later_heading(later['label']))}</{h}>")
        parts.append(our_block(later["story"], CASE_LABEL))
        parts.append(our_block([f"Signalen: {_signals_text(s['id'] for s in later['signals'])}"]))
        if later["section"]:
            parts.append(source_block(later["section"]["items"], later["section"]["title"]))
        parts.append(our_block([later["why"], later["explanation"]]))
    return "".join(parts)


def _nojs_block(case: Case) -> str:
    """What a reader without JavaScript sees where the practice runs: the later story, no answers."""
    parts = [paragraphs([NOJS], "training-nojs")]
    if case.follow_up is not None:
        parts.append(our_block(case.follow_up.story, f"Later in deze casus \u2013 {CASE_LABEL}"))
        parts.append(paragraphs(["Wat doe je dan? Bedenk eerst je antwoord; het staat in de "
                                 "antwoordsleutel."]))
    return "".join(parts)


def case_page(protocol: Protocol, book: Casebook, case: Case, number: int, svg: str = "") -> str:
    here = case_path(case)
    total = len(book.cases)
    flowchart = ""
    if svg:
        flowchart = (
            '<figure class="stroomschema training-flowchart" id="training-flowchart">'
            '<figcaption>Het stroomschema. <span class="training-key-expected">Dikke groene lijn</span>: '
            'het pad van ons antwoord. <span class="training-key-given">Gestreepte paarse '
            "rand</span>: jouw pad. De paden staan ook in tekst bij de feedback.</figcaption>"
            f"{svg}</figure>\n"
        )
    nav = [f'<a href="{relative(here, ROOT)}">Alle casussen</a>']
    if number < total:
        nav.append(f'<a href="{relative(here, case_path(book.cases[number]))}">Volgende casus</a>')
    return "\n".join([
        f"# Casus {number}: {case.title}\n",
        _assets(here),
        block_templates(),
        _case_intro(case) + "\n",
        "## Oefenen\n",
        f'<div class="training-practice" id="training-practice" data-case="{escape(case.id)}" '
        f'data-state="static">{_nojs_block(case)}</div>\n',
        flowchart,
        "## Antwoordsleutel\n",
        '<details class="training-answer-key" id="training-answer-key">'
        f"<summary>{escape(KEY_SUMMARY)}</summary>{answer_key_html(protocol, case)}</details>\n",
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
        paragraphs(["Beantwoord de vragen. Onder elke vraag kun je het antwoord en de uitleg openen. "
            "Werkt JavaScript in je browser, dan zie je met de knop onderaan ook je score.",
            PRIVACY]) + "\n",
        f'<form class="training-quiz" id="training-quiz" novalidate>\n{body}\n'
        '<div class="training-quiz-actions" hidden>'
        '<button type="submit" class="md-button md-button--primary">Bekijk je score</button> '
        '<button type="reset" class="md-button">Opnieuw</button></div>'
        '<p class="training-quiz-score" id="training-quiz-score" role="status"></p></form>\n',
        f'<p><a href="{relative(QUIZ, ROOT)}">Terug naar de training</a></p>\n',
    ])
