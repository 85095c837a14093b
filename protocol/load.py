"""Read the protocol file into the model, and refuse it whole if anything is wrong."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any, cast

from . import tomlfile
from .datafiles import data_file
from .fields import Table
from .model import (
    Action,
    Answer,
    Deadline,
    DeadlineBasis,
    Footnote,
    Loop,
    Outcome,
    OutcomeKind,
    Phase,
    Protocol,
    Question,
    Role,
    Section,
    Situation,
)
from .validate import validate

DEFAULT_NAME = "meldcode.toml"


def default_path() -> str:
    """Where the protocol file of this package lives (also inside a wheel in Pyodide)."""
    return data_file(DEFAULT_NAME)


@cache
def default() -> Protocol:
    """The package's own protocol, read once."""
    return load(default_path())


def load(path: str | Path) -> Protocol:
    """Read and validate a protocol file; raise ProtocolError naming the file, place and fix."""
    data, raw, name = tomlfile.read(path)
    return _checked(data, raw, name)


def _checked(data: dict[str, Any], raw: bytes, name: str) -> Protocol:
    protocol = _build(Table(name, "", data), hashlib.sha256(raw).hexdigest())
    validate(protocol)
    return protocol


def _build(root: Table, digest: str) -> Protocol:
    head = Table(root.path, "[protocol]", root.data.get("protocol"))
    return Protocol(
        title=head.text("title"),
        version=head.text("version"),
        source=head.text("source"),
        intro=head.text("intro"),
        precondition=head.text("precondition"),
        start=head.slug("start"),
        phases=tuple(_phase(t) for t in root.tables("phases", "phases")),
        footnotes=tuple(_footnote(t) for t in root.tables("footnotes", "footnotes")),
        questions=tuple(_question(t) for t in root.tables("questions", "questions")),
        actions=tuple(_action(t) for t in root.tables("actions", "actions")),
        outcomes=tuple(_outcome(t) for t in root.tables("outcomes", "outcomes")),
        situations=tuple(_situation(t) for t in root.tables("situations", "situations")),
        sections=tuple(_section(t) for t in root.tables("sections", "sections")),
        loops=tuple(_loop(t) for t in root.tables("loops", "loops")),
        deadlines=tuple(_deadline(t) for t in root.tables("deadlines", "deadlines")),
        roles=tuple(_role(t) for t in root.tables("roles", "roles")),
        path=root.path,
        digest=digest,
    )


def _phase(t: Table) -> Phase:
    return Phase(t.slug(), t.text("title"), t.text("text", required=False), t.text("explanation"))


def _footnote(t: Table) -> Footnote:
    return Footnote(t.slug(), t.text("mark"), t.text("text"), t.text("explanation"))


def _question(t: Table) -> Question:
    return Question(
        id=t.slug(),
        number=t.number("number"),
        title=t.text("title"),
        phase=t.slug("phase"),
        text=t.text("text"),
        footnotes=t.texts("footnotes", required=False),
        explanation=t.text("explanation"),
        answers=tuple(_answer(a) for a in t.tables("answers", "answers")),
    )


def _answer(t: Table) -> Answer:
    return Answer(t.slug(), t.text("label"), t.text("source"), t.slug("to"), t.text("reason"),
                  t.texts("footnotes", required=False) if "footnotes" in t.data else ())


def _action(t: Table) -> Action:
    return Action(
        id=t.slug(),
        title=t.text("title"),
        phase=t.slug("phase"),
        text=t.texts("text"),
        footnotes=t.texts("footnotes", required=False),
        next=t.slug("next"),
        deadlines=t.texts("deadlines", required=False),
        summary=t.text("summary"),
        explanation=t.text("explanation"),
    )


def _outcome(t: Table) -> Outcome:
    for key in ("answers", "to", "next"):
        if key in t.data:
            t.fail(f"een uitkomst heeft geen `{key}`: hier eindigt het pad",
                   "maak er een afweging ([[questions]]) of actie ([[actions]]) van, "
                   f"of haal `{key}` weg.")
    return Outcome(
        id=t.slug(),
        category=cast(OutcomeKind, t.choice("kind", ("melden", "hulp", "contact"))),
        title=t.text("title"),
        phase=t.slug("phase"),
        text=t.texts("text"),
        footnotes=t.texts("footnotes", required=False),
        deadlines=t.texts("deadlines", required=False),
        summary=t.text("summary"),
        explanation=t.text("explanation"),
    )


def _situation(t: Table) -> Situation:
    return Situation(t.slug(), t.text("title"), t.text("question"), t.text("explanation"))


def _section(t: Table) -> Section:
    return Section(
        id=t.slug(),
        title=t.text("title"),
        applies_to=t.texts("applies_to", required=False),
        situations=t.texts("situations", required=False),
        summary=t.text("summary"),
        items=t.texts("items"),
        explanation=t.text("explanation", required=False) if "explanation" in t.data else "",
    )


def _loop(t: Table) -> Loop:
    return Loop(t.slug(), t.texts("from"), t.slug("to"), t.slug("section"), t.text("label"),
                t.text("explanation"))


def _deadline(t: Table) -> Deadline:
    return Deadline(
        id=t.slug(),
        title=t.text("title"),
        basis=cast(DeadlineBasis, t.choice("from", ("melding", "verwijzing", "termijn"))),
        workdays=t.count("workdays"),
        days=t.counts("days"),
        section=t.text("section", required=False),
        explanation=t.text("explanation"),
        source=t.text("source", required=False) if "source" in t.data else "",
    )


def _role(t: Table) -> Role:
    return Role(t.slug(), t.text("name"), t.text("footnote", required=False), t.flag("second_line"),
                t.text("explanation"))
