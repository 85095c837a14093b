"""How the protocol is shown on every screen: the terminal, the self-check, the record, the cases, the
pages, the training and the flowchart ask here, so the words, the dates and the ids are the same
everywhere. Standard library only: the browser runs this module too, and hands the page finished
strings and ids.

- headings: `Afweging 3: HULP`, `Uitkomst: ...`;
- Dutch dates: `vrijdag 4 december 2026`, written out so no one mixes up day and month;
- the flowchart's DOM ids: `node-<id>` and `edge-<from>--<to>`, the ids of the SVG's groups;
- "protocol text vs our words": one block, with its label, in each form the site renders
  (Markdown admonition, the admonition's HTML, the training's HTML);
- footnotes with their marks, and the labels of answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import pairwise
from typing import Any, Literal

from .engine import opens_phase
from .model import Node, Outcome, Protocol, Question, Section

# --- headings ------------------------------------------------------------------------------------


def afweging_heading(question: Question) -> str:
    """`Afweging 3: HULP`: the number and the protocol's own title of an afweging."""
    return f"Afweging {question.number}: {question.title}"


def outcome_heading(outcome: Outcome) -> str:
    """`Uitkomst: Melden bij Veilig Thuis ...`."""
    return f"Uitkomst: {outcome.title}"


def loop_heading(label: str, target: Node) -> str:
    """`Nieuwe signalen: Melden bij Veilig Thuis`: a loop back, and the step it leads to."""
    return f"{label}: {target.title}"


def step_title(node: Node) -> str:
    """An afweging's heading; the title of any other step (an action or an outcome)."""
    return afweging_heading(node) if isinstance(node, Question) else node.title


# --- Dutch dates ---------------------------------------------------------------------------------

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def long_date(day: date) -> str:
    """`vrijdag 4 december 2026`: written out, so no one mixes up day and month."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def day_name(day: date) -> str:
    """`zaterdag`."""
    return DAYS[day.weekday()]


def stamp(moment: datetime) -> str:
    """`28 november 2026 om 23:45`, in the time the person's own device gave."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} om {moment:%H:%M}"


# --- the flowchart's DOM ids ---------------------------------------------------------------------
# Every rendered SVG gives a step's group `node-<id>` and an arrow's group `edge-<from>--<to>`; the
# self-check and the training highlight a path by these ids, so they are made only here.


def node_dom_id(node_id: str) -> str:
    return f"node-{node_id}"


def edge_dom_id(source: str, target: str) -> str:
    return f"edge-{source}--{target}"


def path_dom_ids(node_ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """The DOM ids of the steps of a path, and of the arrows between each step and the next."""
    return ([node_dom_id(n) for n in node_ids],
            [edge_dom_id(a, b) for a, b in pairwise(node_ids)])


# --- protocol text vs our words ------------------------------------------------------------------

Voice = Literal["source", "ours"]
Form = Literal["markdown", "admonition", "training"]
SOURCE_LABEL = "Tekst van de meldcode"
OUR_LABEL = "Toelichting"
LABELS: dict[Voice, str] = {"source": SOURCE_LABEL, "ours": OUR_LABEL}
# Our own words with a label of their own (a case is ours; the trainer's page says it twice).
CASE_LABEL = "Casus (verzonnen, onze tekst)"
TRAINER_LABEL = "Toelichting (onze uitleg, geen tekst van de meldcode)"
# Material's admonition types: `quote` for the meldcode's own text, `note` for ours.
_ADMONITION: dict[Voice, str] = {"source": "quote", "ours": "note"}
# Not html.escape: importing `html` pulls html.entities into the browser's standard library (66 KB
# raw, measured with `make bench`) for five replacements.
_HTML = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))
_TRAINING: dict[Voice, tuple[str, str]] = {"source": ("blockquote", "training-source"),
                                           "ours": ("div", "training-ours")}


def escape(text: str) -> str:
    """Text for HTML (content or a quoted attribute), as html.escape does it."""
    for char, entity in _HTML:
        text = text.replace(char, entity)
    return text


def block(voice: Voice, body: str, form: Form, *, label: str = "", ident: str = "") -> str:
    """One block of protocol text (`source`) or of our words (`ours`), labelled so a reader always
    sees which is which. `body` is already in the target form (Markdown lines, or HTML); the label
    is LABELS[voice] unless a block of ours names itself (`label`, plain text)."""
    title = label or LABELS[voice]
    if form == "markdown":
        indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
        return f'!!! {_ADMONITION[voice]} "{title}"\n\n{indented}\n'
    attr = f' id="{escape(ident)}"' if ident else ""
    if form == "admonition":
        return (f'<div class="admonition {_ADMONITION[voice]}"{attr}>'
                f'<p class="admonition-title">{escape(title)}</p>{body}</div>')
    tag, cls = _TRAINING[voice]
    return f'<{tag} class="{cls}"{attr}><p class="training-label">{escape(title)}</p>{body}</{tag}>'


# --- footnotes and answers -----------------------------------------------------------------------


def footnotes(protocol: Protocol, ids: Iterable[str]) -> list[dict[str, str]]:
    """Footnotes as the views show them: the mark (`³`), the protocol's text and our explanation,
    and each as its finished line after the mark (`line`, `explanation_line`)."""
    return [{"mark": f.mark, "text": f.text, "explanation": f.explanation,
             "line": footnote_line(f.mark, f.text),
             "explanation_line": footnote_line(f.mark, f.explanation)}
            for f in (protocol.footnote(i) for i in ids)]


def footnote_line(mark: str, text: str) -> str:
    """`³ Tekst van de voetnoot`: the mark before the text, as in the protocol."""
    return f"{mark} {text}"


def question_view(protocol: Protocol, q: Question) -> dict[str, Any]:
    """An afweging as every view sends it (the self-check's steps, the training's questions): the
    protocol's text with its footnotes, the phase (its sentence only where the phase begins, as in
    the protocol), our explanation, and the answers with the protocol's labels."""
    phase = protocol.phase(q.phase)
    phase_text = phase.text if opens_phase(protocol, q) else ""
    return {
        "id": q.id, "number": q.number, "title": q.title,
        "heading": afweging_heading(q),
        "phase": {"id": phase.id, "title": phase.title, "text": phase_text, "explanation": phase.explanation},
        "text": q.text, "explanation": q.explanation,
        "footnotes": footnotes(protocol, q.footnotes),
        "answers": [{"id": a.id, "label": a.label, "explanation": a.reason,
                     "footnotes": footnotes(protocol, a.footnotes)} for a in q.answers],
    }


def branch_label(labels: Iterable[str]) -> str:
    """Answers that lead to the same step, as one arrow's label: `JA / twijfel`."""
    return " / ".join(labels)


def section_view(section: Section) -> dict[str, Any]:
    """A follow-up section as every view sends it: the protocol's title and items, our summary and
    explanation (the self-check's duties, the training's sections and follow-ups)."""
    return {"id": section.id, "title": section.title, "summary": section.summary,
            "items": list(section.items), "explanation": section.explanation}


def change_label(question: Question) -> str:
    """The accessible name of the button that changes an answer."""
    return f"Wijzig afweging {question.number}"
