"""What the self-check shows, as JSON-ready data: one function per call the page makes (state, record,
ics, note, paths, practice). protocol/api.py is the door that checks the page's arguments and calls
these; nothing is kept here between calls.

The note check and the training (note_check, cases, feedback) are imported where they are first
used: in the browser every first visit compiles what the engine imports before it can answer, and
these three are about a quarter of it (measured in Pyodide: ~30 of ~120 ms). The first note or
practice call imports them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from . import engine, record
from .deadlines import BASIS_LABELS, DueDate, due_dates, needed_bases
from .errors import BadRequest
from .load import default
from .model import Action, Loop, Outcome, Protocol, Question
from .present import (
    afweging_heading,
    change_label,
    footnotes,
    long_date,
    loop_heading,
    node_dom_id,
    outcome_heading,
    path_dom_ids,
    question_view,
    section_view,
)
from .selfcheck_texts import TEXTS
from .typed_dates import parse_dates

API_VERSION = 2  # the contract of protocol/api.py `call`
Json = dict[str, Any]


def _question(protocol: Protocol, q: Question, given: str | None) -> Json:
    return {**question_view(protocol, q), "given": given}


def _action(protocol: Protocol, a: Action) -> Json:
    return {"id": a.id, "title": a.title, "text": list(a.text), "summary": a.summary,
            "explanation": a.explanation, "footnotes": footnotes(protocol, a.footnotes)}


def _outcome(protocol: Protocol, o: Outcome) -> Json:
    return {"id": o.id, "category": o.category, "title": o.title, "heading": outcome_heading(o),
            "text": list(o.text), "summary": o.summary, "explanation": o.explanation,
            "footnotes": footnotes(protocol, o.footnotes)}


def _loop(protocol: Protocol, loop: Loop) -> Json:
    """New or persisting signals: where the loop ends (a melding or contact with Veilig Thuis)."""
    target = protocol.outcome(loop.to)
    return {"id": loop.id, "label": loop.label, "heading": loop_heading(loop.label, target),
            "explanation": loop.explanation,
            "to": {"id": target.id, "title": target.title, "category": target.category,
                   "text": list(target.text), "summary": target.summary}}


def _days(days: Sequence[tuple[date, str]]) -> list[Json]:
    return [{"date": day.isoformat(), "name": name, "text": f"{long_date(day)} ({name})"}
            for day, name in days]


def _due(d: DueDate) -> Json:
    return {"id": d.deadline.id, "title": d.deadline.title, "explanation": d.deadline.explanation,
            "basis": d.deadline.basis, "earliest": d.earliest.isoformat(), "latest": d.latest.isoformat(),
            "when": record.when(d), "skipped": _days(d.skipped), "counted": _days(d.counted),
            "counting": record.counting(d)}


def _walk(protocol: Protocol, answers: Sequence[Sequence[str]]) -> engine.Walk:
    pairs: list[tuple[str, str]] = []
    for pair in answers:
        if len(pair) != 2:
            raise BadRequest(f"een antwoord is een paar [afweging, antwoord], niet {list(pair)}", "answers")
        pairs.append((str(pair[0]), str(pair[1])))
    return engine.walk(protocol, pairs)


def state(answers: Sequence[Sequence[str]], dates: Mapping[str, str] | None = None,
          chosen: Mapping[str, str] | None = None, *, protocol: Protocol | None = None) -> Json:
    """Everything the page shows for these answers.

    `chosen` holds answers given earlier on questions the walk is not past (after going back), so the
    question shows the earlier choice again. `protocol` is the package's own (read once) unless the
    build passes the one it read for this run (not reachable through `call`).
    """
    protocol = protocol or default()
    w = _walk(protocol, answers)
    parsed = parse_dates(protocol, w, dates or {})
    current = w.current
    nodes = list(w.node_ids)
    stage = engine.stage(w)
    given = (chosen or {}).get(current.id) if isinstance(current, Question) else None
    announce = outcome_heading(current) if isinstance(current, Outcome) else afweging_heading(current)
    needed = needed_bases(protocol, w)
    return {
        "api": API_VERSION,
        "protocol": {"title": protocol.title, "version": protocol.version, "hash": protocol.short_hash},
        "key": w.key,
        "finished": w.finished,
        "announce": announce,
        "answers": [
            {"question": s.node.id, "number": s.node.number, "title": s.node.title,
             "heading": afweging_heading(s.node),
             "answer": s.answer.id, "label": s.answer.label, "reason": s.reason,
             "change": change_label(s.node)}
            for s in w.steps if isinstance(s.node, Question) and s.answer is not None
        ],
        "reasons": engine.reasons(w),
        "actions": [_action(protocol, a) for a in (protocol.node(i) for i in stage) if isinstance(a, Action)],
        "question": _question(protocol, current, given) if isinstance(current, Question) else None,
        "outcome": _outcome(protocol, current) if isinstance(current, Outcome) else None,
        "duties": [section_view(s) for s in engine.walk_duties(protocol, w)],
        "loops": [_loop(protocol, lp) for lp in engine.loops_from(protocol, current.id)],
        "dates": {
            "needed": [{"basis": b, "label": BASIS_LABELS[b][:1].upper() + BASIS_LABELS[b][1:],
                        "value": (dates or {}).get(b, ""), "problem": parsed.problems.get(b, ""),
                        "warning": parsed.warnings.get(b, "")} for b in needed],
            "due": [_due(d) for d in due_dates(protocol, w, parsed.bases)],
            "rule": TEXTS["dates_rule"] if needed else "",
        },
        "highlight": _highlight(nodes, current.id),
    }


def _highlight(nodes: Sequence[str], current: str) -> Json:
    """The path on the flowchart. `dom` holds the finished DOM ids of the SVG (`node-<id>`,
    `edge-<from>--<to>`, made by protocol/present.py as for every other view); `nodes`, `edges` and
    `current` are the bare ids the page used before (kept, so a page of an earlier build still works).
    """
    dom_nodes, dom_edges = path_dom_ids(nodes)
    return {"nodes": list(nodes), "edges": [f"{a}--{b}" for a, b in pairwise(nodes)], "current": current,
            "dom": {"nodes": dom_nodes, "edges": dom_edges, "current": node_dom_id(current)}}


def moment(now: str) -> datetime:
    """The device's local time as it sent it (ISO 8601); without a zone, this machine's."""
    found = datetime.fromisoformat(now)
    return found if found.tzinfo else found.astimezone()


def record_file(answers: Sequence[Sequence[str]], now: str, dates: Mapping[str, str] | None = None,
                notes: Mapping[str, str] | None = None) -> Json:
    """The record for the dossier as a Markdown file. `now` is the device's local time (ISO 8601)."""
    protocol = default()
    w = _walk(protocol, answers)
    at = moment(now)
    bases = parse_dates(protocol, w, dates or {}).bases
    text = record.markdown(protocol, w, due_dates(protocol, w, bases), notes or {}, at)
    return {"filename": f"zelfcheck-meldcode-{at:%Y-%m-%d-%H%M}.md", "mime": "text/markdown",
            "text": text}


def ics_file(answers: Sequence[Sequence[str]], now: str, dates: Mapping[str, str] | None = None,
             export: str | None = None) -> Json:
    """The due dates as an iCalendar file.

    Event UIDs start with an export id, so two cases with the same dates never share one (a calendar
    would replace the first case's event by the second's). The page should send a random `export`
    (crypto.randomUUID()); without it the id is a digest of the case, its dates and the moment, the
    same for the same export (so the build can compare runs) and different for any other case.
    """
    protocol = default()
    w = _walk(protocol, answers)
    at = moment(now)
    bases = parse_dates(protocol, w, dates or {}).bases
    found = due_dates(protocol, w, bases)
    export = (export or "").replace("-", "").lower() or hashlib.sha256(json.dumps(
        [protocol.digest, [list(a) for a in answers], dict(dates or {}), now]).encode()).hexdigest()[:32]
    return {"filename": f"meldcode-datums-{at:%Y-%m-%d}.ics", "mime": "text/calendar",
            "text": record.ics(protocol, found, at, export), "events": len(found)}


def note(text: str, today: str) -> Json:
    """Does a note look like it holds personal data? `today` dates the birthday heuristic."""
    from . import note_check  # on first use (module docstring)

    findings = note_check.personal_data(text, date.fromisoformat(today))
    return {"findings": [{"kind": f.kind, "text": f.text} for f in findings],
            "warning": note_check.warning(findings)}


def paths() -> Json:
    """Every complete path, as answers: what the parity test walks."""
    return {"paths": [[list(pair) for pair in w.answers] for w in engine.paths(default())]}


def practice(case: str, answers: list[str]) -> Json:
    """The training: feedback on a trainee's answers to a case (see protocol/feedback.py)."""
    from . import cases, feedback  # on first use (module docstring)

    protocol = default()
    found = {c.id: c for c in cases.default().cases}.get(case)
    if found is None:
        raise BadRequest(f"onbekende casus '{case}'", "case")
    if len(answers) > len(found.steps):
        raise BadRequest(f"casus '{case}' heeft {len(found.steps)} afwegingen, niet {len(answers)}",
                         "answers")
    for step, answer in zip(found.steps, answers, strict=False):
        if protocol.question(step.question).answer(answer) is None:
            raise BadRequest(f"'{answer}' is geen antwoord op {step.question}", "answers")
    return feedback.practice(protocol, found, answers)

