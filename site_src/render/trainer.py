"""The trainer's page: how we read afweging 2 (acute and structural unsafety, doubt), the signals
of the cases and an overview that gives the answers away. Our words, with the meldcode quoted."""

from __future__ import annotations

from html import escape

from protocol.cases import Casebook
from protocol.model import Protocol
from protocol.present import TRAINER_LABEL, afweging_heading, block
from protocol.signals import SIGNALS, signal

from .training_parts import (
    ASSETS,
    ROOT,
    TRAINER,
    our_block,
    paragraphs,
    relative,
    signal_text,
    source_block,
)

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


def overview_table(protocol: Protocol, book: Casebook) -> str:
    """Per case: its signals, our answer at the first afweging and where it ends. This is a key."""
    rows = []
    for number, case in enumerate(book.cases, start=1):
        first = case.steps[0]
        answer = protocol.question(first.question).answer(first.answer)
        assert answer is not None  # validated on load
        signals = "; ".join(signal_text(s.label, s.kind_label) for s in map(signal, case.signals))
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
    for title, texts, items in TRAINER_PARTS:
        body = paragraphs(texts)
        if items:
            body += "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
        parts.append((title, block("ours", body, "training", label=TRAINER_LABEL)))
    parts.append(("Signalen in de casussen", paragraphs([SIGNALS_INTRO]) + _signal_table()))
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
        f"</summary>{overview_table(protocol, book)}</details>\n",
        f'<p><a href="{relative(TRAINER, ROOT)}">Terug naar de training</a></p>\n',
    ])
