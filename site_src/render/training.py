"""The training pages (casussen, quiz, the trainer's page) and the trainer's handout, rendered from
the cases and the protocol.

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

from protocol.cases import SIGNALS, Case, Casebook, answer_key, signal
from protocol.model import Protocol
from protocol.present import afweging_heading

from . import quiz
from .school import School

ROOT = "training/"
QUIZ = "training/quiz/"
TRAINER = "training/voor-de-trainer/"
HANDOUT = "training/handout-casussen.pdf"
ASSETS = "training/assets/"
SOURCE_LABEL = "Tekst van de meldcode"
OUR_LABEL = "Toelichting"
CASE_LABEL = "Casus (verzonnen, onze tekst)"
TRAINER_LABEL = "Toelichting (onze uitleg, geen tekst van de meldcode)"
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
    "right": "Goed: dit is ook ons antwoord.",
    "wrong": "Wij kiezen hier een ander antwoord.",
    "sameBranch": ("Wij kozen {expected}. In de meldcode leiden die antwoorden naar dezelfde stap, "
                   "dus jouw antwoord telt als goed."),
    "youChose": "Jij koos",
    "leadsTo": "Dat leidt naar",
    "expected": "Ons antwoord",
    "next": "Volgende afweging",
    "later": "Verder met de casus",
    "finish": "Bekijk je resultaat",
    "resultTitle": "Resultaat",
    "score": "Je had {correct} van de {total} afwegingen goed.",
    "outcome": "Uitkomst van deze casus",
    "summary": "Jouw antwoorden",
    "turnRight": "Afweging {n}: jij {given}, wij {expected} (goed).",
    "turnOther": "Afweging {n}: jij {given}, wij {expected} (anders).",
    "focus": "Waar het om gaat",
    "signals": "Signalen bij afweging 2",
    "again": "Opnieuw oefenen",
    "laterTitle": "Later",
    "laterQuestion": "Wat doe je nu? Bedenk eerst je antwoord.",
    "reveal": "Bekijk wat de meldcode zegt",
    "revealTitle": "Wat de meldcode zegt",
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
    # Title and kind of school only: what a case is about would give its answer away.
    rows = []
    for case in book.cases:
        href = relative(ROOT, case_path(case))
        rows.append(f'<li><a href="{href}">{escape(case.title)}</a> '
                    f'<span class="training-setting">({escape(case.setting_label)})</span></li>')
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
        f'<p><a href="{relative(ROOT, TRAINER)}">Acute en structurele onveiligheid: hoe wij afweging 2 '
        "lezen</a>, met de signalen per casus en de bronnen, zodat je onze casussen kunt controleren.</p>"
        f'<p><a href="{relative(ROOT, HANDOUT)}">Hand-out met alle casussen (pdf, A4)</a>. '
        "Eerst de casussen, daarna onze uitleg voor de trainer en de antwoordsleutel op aparte "
        "pagina's.</p>\n",
    ])


# --- the trainer's page: how we read afweging 2 (our words) --------------------------------------

# Our explanation, in B1 Dutch, of the national afwegingskader's terms. Never protocol text, and
# never a source's sentences: the sources are named below so a trainer can check them.
TRAINER_TITLE = "Voor de trainer: acute en structurele onveiligheid"
TRAINER_INTRO = (
    "Hier leggen wij uit hoe wij afweging 2 lezen. Zo kun je als trainer onze casussen controleren. "
    "Dit is onze uitleg, in eigen woorden. De tekst van de meldcode zelf staat letterlijk in het "
    "blok eronder."
)
TRAINER_PARTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Acute onveiligheid", (
        "Acuut betekent: nu. Het kind of iemand anders in het gezin is in direct gevaar. Je weet niet "
        "of het kind de komende uren of dagen veilig is, en het heeft nu bescherming nodig.",
        "Ook dit is acute onveiligheid:",
    ), (
        "een kind mist het meest nodige: eten, drinken, kleding of een veilige plek om te slapen;",
        "een kind krijgt niet de medische zorg die het nodig heeft;",
        "een kind loopt gevaar doordat een ouder zwaar onder invloed is van alcohol of drugs, of in een "
        "acute psychische crisis zit.",
    )),
    ("Structurele onveiligheid", (
        "Structureel betekent: het komt steeds terug, of het houdt aan. Het hoeft vandaag niet "
        "gevaarlijk te zijn. Voorbeelden:",
    ), (
        "verwaarlozing die blijft, zoals vaak honger, vuile kleren of nooit naar de tandarts;",
        "een kind ziet of hoort vaak dat er thuis geweld is;",
        "een kind groeit op met een ouder met een ernstige verslaving of ernstige psychische problemen "
        "die blijven;",
        "hulp is al geprobeerd, maar het werd niet blijvend beter.",
    )),
    ("Er hoeft geen geweld te zijn", (
        "Verwaarlozing is ook kindermishandeling. Lieve ouders, eten in huis of geen geweld: dat "
        "betekent nog niet dat een kind veilig is.",
    ), ()),
    ("Twijfel telt als JA", (
        "De meldcode geeft JA en twijfel hetzelfde vervolg: direct melden bij Veilig Thuis. Weet het "
        "zorgteam niet zeker of het kind veilig is, dan is het antwoord dus niet NEE. In de oefening "
        "tellen JA en twijfel daarom als hetzelfde antwoord.",
        "Wil je eerst overleggen? Bel Veilig Thuis (0800-2000, gratis, dag en nacht) voor advies. Dat kan "
        "zonder de naam van het gezin te noemen. Een melding doe je met je eigen naam; alleen in "
        "zeldzame gevallen kan dat anders.",
    ), ()),
    ("Wanneer wij NEE verwachten", (
        "Elke casus speelt in stap 5: de school heeft stap 1 tot en met 4 gedaan en heeft een vermoeden. "
        "NEE past alleen als niets in het verhaal wijst op direct gevaar of op een patroon. In onze "
        "casussen met NEE is het vermoeden een dreiging (bijvoorbeeld dat de zorg voor een kind "
        "tekortschiet of dat een kind te veel moet dragen), maar die is nieuw, er is geen geweld en "
        "het kind wordt goed verzorgd.",
        "Het antwoord dat wij bij een casus verwachten, is onze lezing van die casus. Zie je het anders? "
        "Bespreek het met de groep. Kies bij twijfel de lezing die het kind het best beschermt.",
    ), ()),
)
SIGNALS_INTRO = (
    "Elke casus noemt de signalen die bij afweging 2 bekend zijn. Elk signaal heeft een soort. Noemt "
    "een casus een signaal van acute of structurele onveiligheid, of van twijfel, dan kan ons antwoord "
    "bij afweging 2 geen NEE zijn. De site controleert dat bij elke build."
)
SOURCES: tuple[str, ...] = (
    "Het landelijke afwegingskader bij de meldcode huiselijk geweld en kindermishandeling. Sinds 2019 "
    "hoort bij elke meldcode een afwegingskader; afweging 2 gebruikt de begrippen acute en "
    "structurele onveiligheid daaruit.",
    "Interventieacademie, pagina \u2018afwegingsvraag 2\u2019 (interventieacademie.nl): legt de "
    "begrippen uit met de tekst van het afwegingskader.",
    "Veilig Thuis Noord- en Oost-Gelderland, pagina \u2018anoniem melden\u2019 "
    "(veiligthuisnoordoostgelderland.nl): waarom een professional niet anoniem meldt, en wel anoniem "
    "advies kan vragen.",
    "Veilig Thuis: 0800-2000, gratis, dag en nacht, voor advies en voor meldingen. Bij direct gevaar: 112.",
)


def _signal_table() -> str:
    rows = "".join(f"<tr><td>{escape(s.label)}</td><td>{escape(s.kind_label)}</td></tr>" for s in SIGNALS)
    return ('<table><caption>Signalen in onze casussen, en wat ze betekenen '
            'voor afweging 2</caption><thead><tr><th scope="col">Signaal</th><th scope="col">Soort</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _overview_table(protocol: Protocol, book: Casebook) -> str:
    """Per case: its signals, our answer at the first afweging and where it ends. This is a key."""
    rows = []
    for number, case in enumerate(book.cases, start=1):
        first = case.steps[0]
        answer = protocol.question(first.question).answer(first.answer)
        assert answer is not None  # validated on load
        signals = "; ".join(f"{s.label} ({s.kind_label})" for s in map(signal, case.signals))
        rows.append(f"<tr><td>{number}. {escape(case.title)}</td><td>{escape(signals)}</td>"
                    f"<td>{escape(answer.label)}</td><td>{escape(protocol.outcome(case.outcome).title)}</td></tr>")
    return ('<table><caption>Per casus: de signalen, ons antwoord bij afweging 2 '
            'en de uitkomst</caption><thead><tr><th scope="col">Casus</th><th scope="col">Signalen</th>'
            '<th scope="col">Ons antwoord bij afweging 2</th><th scope="col">Uitkomst</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _trainer_parts(protocol: Protocol) -> list[tuple[str, str]]:
    """Our explanation of afweging 2 for trainers as (heading, HTML) parts; the first has no heading."""
    start = protocol.question(protocol.start)
    quotes = [start.text, *dict.fromkeys(a.source for a in start.answers)]
    parts = [("", our_block([TRAINER_INTRO], TRAINER_LABEL)
              + source_block(quotes, afweging_heading(start)))]
    for title, paragraphs, items in TRAINER_PARTS:
        body = _p(paragraphs)
        if items:
            body += "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
        parts.append((title, f'<div class="training-ours"><p class="training-label">{escape(TRAINER_LABEL)}'
                             f"</p>{body}</div>"))
    parts.append(("Signalen in de casussen", _p([SIGNALS_INTRO]) + _signal_table()))
    parts.append(("Bronnen", "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in SOURCES) + "</ul>"))
    return parts


def trainer_html(protocol: Protocol, heading: int = 2) -> str:
    """The trainer's explanation as one HTML fragment (for the handout)."""
    h = f"h{heading}"
    return "".join((f"<{h}>{escape(title)}</{h}>" if title else "") + body
                   for title, body in _trainer_parts(protocol))


def trainer_page(protocol: Protocol, book: Casebook) -> str:
    # Markdown headings, so the page gets its table of contents and anchors like every other page.
    body = [(f"## {title}\n\n" if title else "") + html + "\n" for title, html in _trainer_parts(protocol)]
    return "\n".join([
        f"# {TRAINER_TITLE}\n",
        f'<link rel="stylesheet" href="{relative(TRAINER, ASSETS)}training.css">\n',
        *body,
        "## Overzicht per casus\n",
        '<details class="training-answer-key"><summary>Toon het overzicht (dit verklapt onze antwoorden)'
        f"</summary>{_overview_table(protocol, book)}</details>\n",
        f'<p><a href="{relative(TRAINER, ROOT)}">Terug naar de training</a></p>\n',
    ])


# --- a case --------------------------------------------------------------------------------------


def _case_intro(case: Case) -> str:
    # No focus or signals here: they would give the answer away before the trainee answers.
    return (f'<p class="training-meta">{escape(case.setting_label)}</p>'
            + our_block(case.story, CASE_LABEL))


def _signals_text(ids: Iterable[str]) -> str:
    return "; ".join(f"{s.label} ({s.kind_label})" for s in map(signal, ids)) + "."


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
        parts.append(source_block([q["text"], *(f"{f['mark']} {f['text']}" for f in q["footnotes"])]))
        exp = turn["expected"]
        parts.append('<p class="training-expected-answer">Ons antwoord: '
                     f'<strong>{escape(exp["label"])}</strong></p>')
        parts.append(source_block([exp["source"]], f"antwoord {exp['label']}"))
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
        parts.append(_p([f"Wat de school daarna doet, staat in de secties {names} van de meldcode."]))
    later = result["follow_up"]
    if later:
        parts.append(f"<{h}>Later: {escape(later['label'])}</{h}>")
        parts.append(our_block(later["story"], CASE_LABEL))
        parts.append(our_block([f"Signalen: {_signals_text(s['id'] for s in later['signals'])}"]))
        if later["section"]:
            parts.append(source_block(later["section"]["items"], later["section"]["title"]))
        parts.append(our_block([later["why"], later["explanation"]]))
    return "".join(parts)


def _nojs_block(case: Case) -> str:
    """What a reader without JavaScript sees where the practice runs: the later story, no answers."""
    parts = [_p([NOJS], "training-nojs")]
    if case.follow_up is not None:
        parts.append(our_block(case.follow_up.story, f"Later in deze casus \u2013 {CASE_LABEL}"))
        parts.append(_p(["Wat doe je dan? Bedenk eerst je antwoord; het staat in de antwoordsleutel."]))
    return "".join(parts)


def case_page(protocol: Protocol, book: Casebook, case: Case, number: int, svg: str = "") -> str:
    here = case_path(case)
    total = len(book.cases)
    flowchart = ""
    if svg:
        flowchart = (
            '<figure class="stroomschema training-flowchart" id="training-flowchart" hidden>'
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

# The cases fit on the first A4 page (two columns, small print); our explanation for trainers and
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
            f"{_p(case.story)}{later}</section>")
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
        f"{_overview_table(protocol, book)}"
        f'<div class="key-cases">{"".join(keys_html)}</div></div></body></html>'
    )


def _school_line(school: School) -> str:
    people = "; ".join(f"{escape(c.role)} {escape(c.name)}"
                       + "".join(f", {escape(x)}" for x in (c.phone, c.email) if x) for c in school.contacts)
    return (f"<strong>{escape(school.name)}</strong>. Zorgen over een echte leerling? Bespreek ze met: "
            f"{people}.")
