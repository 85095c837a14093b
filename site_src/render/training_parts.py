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


def source_block(texts: Iterable[str], where: str = "") -> str:
    """Protocol text in its labelled block (protocol/present.py), with where it stands in the meldcode."""
    label = SOURCE_LABEL + (f" \u2013 {where}" if where else "")
    return block("source", paragraphs(texts), "training", label=label)


def our_block(texts: Iterable[str], label: str = OUR_LABEL) -> str:
    return block("ours", paragraphs(texts), "training", label=label)
