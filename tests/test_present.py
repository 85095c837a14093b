"""One heading for an afweging everywhere: the terminal, the self-check, the record, the cases and
the flowchart take it from protocol/present.py, and no other code writes it. The same for the labels
of "protocol text vs our words", Dutch dates and the flowchart's DOM ids."""

from __future__ import annotations

import ast
import html
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from protocol import api, cases, default, engine, feedback, present, record
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
        first = feedback.practice(P, case, [])
        q = P.question(first["next"]["question"]["id"])
        assert first["next"]["question"]["heading"] == afweging_heading(q)


def test_no_code_writes_the_heading_itself() -> None:
    sources = [p for d in ("protocol", "site_src") for p in (ROOT / d).rglob("*")
               if p.suffix in (".py", ".js", ".mjs", ".html") and p.name != "present.py"]
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sources
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if WRITTEN_OUT.search(line)]
    assert found == []


# --- one place for labels, dates and flowchart ids -----------------------------------------------

def _string_literals(path: Path) -> list[tuple[int, str]]:
    """String constants in code (docstrings left out: they may name a label when they explain it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


PYTHON = sorted(p for d in ("protocol", "site_src") for p in (ROOT / d).rglob("*.py")
                if p.name != "present.py")


def test_the_block_labels_and_dutch_dates_are_written_only_in_present() -> None:
    words = {present.SOURCE_LABEL, present.OUR_LABEL, present.CASE_LABEL, present.TRAINER_LABEL,
             *present.DAYS, *present.MONTHS}
    found = [f"{p.relative_to(ROOT)}:{n}: {text!r}" for p in PYTHON for n, text in _string_literals(p)
             if text in words]
    assert found == []


def test_no_code_but_present_writes_a_flowchart_dom_id() -> None:
    written = re.compile(r"""f["'](node|edge)-\{""")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in PYTHON
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if written.search(line)]
    assert found == []


@pytest.mark.parametrize("walk", engine.paths(P), ids=lambda w: w.key)
def test_the_api_gives_the_flowchart_ids_of_the_path(walk: engine.Walk) -> None:
    """`highlight.dom` holds finished ids that the flowchart SVG has; the bare ids stay beside them."""
    drawn = graph.build(P)
    state = json.loads(api.call("state", json.dumps({"answers": [list(p) for p in walk.answers]})))
    dom = state["highlight"]["dom"]
    assert dom["nodes"] == [f"node-{n}" for n in walk.node_ids]
    assert set(dom["nodes"]) <= {n.dom_id for n in drawn.nodes}
    assert set(dom["edges"]) <= {e.dom_id for e in drawn.edges}
    assert len(dom["edges"]) == len(walk.node_ids) - 1
    assert dom["current"] == f"node-{walk.current.id}"
    assert state["highlight"]["nodes"] == list(walk.node_ids)  # the bare ids, as before


@pytest.mark.parametrize("form", ["markdown", "admonition", "training"])
def test_a_block_carries_its_label_in_every_form(form: present.Form) -> None:
    quoted = present.block("source", "<p>x</p>", form)
    ours = present.block("ours", "<p>x</p>", form, label="Eigen label & meer")
    assert present.SOURCE_LABEL in quoted
    assert ("Eigen label &amp; meer" if form != "markdown" else "Eigen label & meer") in ours
    assert quoted != present.block("ours", "<p>x</p>", form)


def test_dutch_dates_are_written_out() -> None:
    assert present.long_date(date(2026, 12, 4)) == "vrijdag 4 december 2026"
    assert present.stamp(datetime(2026, 11, 28, 23, 45)) == "28 november 2026 om 23:45"


@pytest.mark.parametrize("text", ["a & b < c > d \"e\" 'f'", "&amp;", "", "Afweging 3: HULP"])
def test_the_html_escape_of_the_shipped_package_is_the_standard_one(text: str) -> None:
    assert present.escape(text) == html.escape(text)


SCRIPTS = sorted(p for p in (ROOT / "site_src").rglob("*.js"))


def test_no_script_writes_a_label_a_block_or_a_flowchart_id() -> None:
    """The page scripts clone the blocks present.py renders (<template>s) and use the DOM ids and
    footnote lines Python gives: none of them may spell a label, a block's markup or an id scheme."""
    copies = re.compile("|".join([re.escape(present.SOURCE_LABEL), re.escape(present.OUR_LABEL),
                                  "admonition", "training-label", r"(node|edge)-\$\{", r"\bf\.mark\b"]))
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in SCRIPTS
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if copies.search(line) and not line.lstrip().startswith("//")]
    assert SCRIPTS and found == []
