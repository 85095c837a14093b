"""The training pages' addresses and their small HTML pieces: paragraphs, and the blocks of
protocol text and of our own words (labelled by protocol/present.py)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from protocol.cases import Case
from protocol.present import OUR_LABEL, SOURCE_LABEL, block

from . import urls

ROOT = "training/"
QUIZ = "training/quiz/"
TRAINER = "training/voor-de-trainer/"
HANDOUT = "training/handout-casussen.pdf"
ASSETS = "training/assets/"


def case_path(case: Case) -> str:
    return f"{ROOT}{case.id}/"


# The URL scheme of the whole site (urls.py): the training's pages use the same two helpers.
source = urls.source
relative = urls.relative


def paragraphs(texts: Iterable[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{escape(t)}</p>" for t in texts)


def source_label(where: str = "") -> str:
    """The label of a block of protocol text, with where it stands in the meldcode."""
    return SOURCE_LABEL + (f" \u2013 {where}" if where else "")


def answer_place(label: str) -> str:
    """Where an answer's own text stands: `antwoord JA`."""
    return f"antwoord {label}"


def later_heading(label: str) -> str:
    """The heading of what happens later in a case: `Later: na zes weken`."""
    return f"Later: {label}"


def signal_text(label: str, kind_label: str) -> str:
    """A signal with its kind: `blauwe plekken (lichamelijk)`."""
    return f"{label} ({kind_label})"


def source_block(texts: Iterable[str], where: str = "") -> str:
    """Protocol text in its labelled block (protocol/present.py), with where it stands in the meldcode."""
    return block("source", paragraphs(texts), "training", label=source_label(where))


def block_templates() -> str:
    """The two labelled blocks, empty, for training.js to clone: it writes no label or markup of its
    own. In a hidden <div>: Markdown passes a <div> through untouched, a bare <template> not."""
    return ('<div hidden><template id="training-source-template">' + block("source", "", "training")
            + '</template><template id="training-ours-template">' + block("ours", "", "training")
            + "</template></div>\n")


def our_block(texts: Iterable[str], label: str = OUR_LABEL) -> str:
    return block("ours", paragraphs(texts), "training", label=label)
