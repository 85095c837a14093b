"""One heading for an afweging everywhere: the terminal, the self-check, the record, the cases and
the flowchart take it from protocol/present.py, and no other code writes it."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from protocol import api, cases, default, engine, record
from protocol.cli import main
from protocol.model import Question
from protocol.present import afweging_heading, step_title
from site_src.render import graph

ROOT = Path(__file__).resolve().parent.parent
P = default()
# "Afweging {n}: {title}" written out in code, in Python or JavaScript.
WRITTEN_OUT = re.compile(r"Afweging \$?\{[^}]*\}: \$?\{")
NOW = datetime(2026, 12, 24, 16, 5, tzinfo=UTC)


def _stop() -> str:
    raise EOFError


def walk_to(q: Question) -> engine.Walk:
    """A walk that stands at `q` (the first path through it, cut off there)."""
    for w in engine.paths(P):
        if q.id in w.node_ids:
            return engine.walk(P, w.answers[:[a for a, _ in w.answers].index(q.id)])
    raise AssertionError(q.id)


@pytest.mark.parametrize("q", P.questions, ids=lambda q: q.id)
def test_every_view_shows_the_same_heading(q: Question) -> None:
    heading = afweging_heading(q)
    assert heading == f"Afweging {q.number}: {q.title}"
    w = walk_to(q)
    answers = [list(pair) for pair in w.answers]
    state = json.loads(api.call("state", json.dumps({"answers": answers})))
    assert state["question"]["heading"] == state["announce"] == heading

    replies = iter([a for _, a in w.answers])
    out = io.StringIO()

    def ask(prompt: str) -> str:
        if prompt.startswith("Wat is "):  # a date that lies ahead (at afweging 5)
            return "2026-12-01"
        return next(replies, "") or _stop()  # the input ends at q, as with Ctrl-D

    assert main([], ask=ask, out=out) == 1
    assert heading in out.getvalue().splitlines()

    finished = engine.walk(P, (*w.answers, (q.id, q.answers[0].id)))
    answered = json.loads(api.call("state", json.dumps({"answers": [list(p) for p in finished.answers]})))
    assert answered["answers"][-1]["heading"] == heading
    assert f"### {heading}\n" in record.markdown(P, finished, (), {}, NOW)
    assert graph.label(q) == step_title(q) == heading


def test_the_cases_send_the_finished_heading_to_the_page() -> None:
    book = cases.default()
    for case in book.cases:
        feedback = cases.practice(P, case, [])
        q = P.question(feedback["next"]["question"]["id"])
        assert feedback["next"]["question"]["heading"] == afweging_heading(q)


def test_no_code_writes_the_heading_itself() -> None:
    sources = [p for d in ("protocol", "site_src") for p in (ROOT / d).rglob("*")
               if p.suffix in (".py", ".js", ".mjs", ".html") and p.name != "present.py"]
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sources
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if WRITTEN_OUT.search(line)]
    assert found == []
