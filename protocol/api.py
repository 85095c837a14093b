"""The self-check's engine as JSON in, JSON out: what the page (in Pyodide) asks, and what it shows.

The page sends the answers, the dates and the notes it holds, and gets back everything it has to
show: the current question or outcome with its texts, the path with reasons, the duties, the dates
and which parts of the flowchart to highlight. The page decides nothing itself. Nothing is kept here
between calls: the page's memory is the only place the answers live, and a reload forgets them.

    call("state", '{"answers": [["afweging-2", "nee"]]}')  ->  '{"question": {...}, ...}'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from . import cases, engine, record
from .deadlines import BASIS_LABELS, DueDate, due, walk_deadlines
from .load import default
from .model import Action, Deadline, DeadlineBasis, Outcome, Protocol, Question, Section
from .workdays import OutsideHolidayTable

API_VERSION = 1
Json = dict[str, Any]

# Our own words on the page. Protocol texts come from the protocol file, never from here.
TEXTS: dict[str, str] = {
    "title": "Zelfcheck: welke stap zet je nu?",
    "intro": ("Heb je een vermoeden van huiselijk geweld of kindermishandeling, en heb je stap 1 tot en "
              "met 4 van de meldcode gedaan? Beantwoord dan hier de afwegingen van stap 5, één voor één. "
              "Aan het eind zie je wat je nu moet doen, welke data daarbij horen, en krijg je een verslag "
              "voor het leerlingdossier."),
    "privacy": ("Alles blijft op dit apparaat. De zelfcheck draait in je browser en stuurt je antwoorden "
                "en notities nergens heen. Ze worden nergens bewaard: herlaad of sluit je de pagina, dan is "
                "alles weg."),
    "privacy_link": "Lees meer over privacy",
    "loading": "De zelfcheck wordt geladen. Je kunt de eerste vraag al lezen.",
    "ready": "De zelfcheck is klaar.",
    "waiting": "Even geduld: de zelfcheck is nog aan het laden. Je antwoord wordt daarna verwerkt.",
    "failed_title": "De zelfcheck kan niet starten",
    "failed_no_wasm": ("Je browser kan de zelfcheck niet uitvoeren: WebAssembly staat uit of ontbreekt. "
                       "Dat kan een instelling van de school zijn."),
    "failed_missing": "Een bestand van de zelfcheck kon niet worden geladen.",
    "failed_timeout": "Het laden van de zelfcheck duurt te lang.",
    "failed_error": "Er ging iets mis in de zelfcheck.",
    "failed_route": ("Je kunt de afwegingen ook zonder de zelfcheck doorlopen. Elke afweging staat op een "
                     "eigen pagina, met een link naar de volgende stap:"),
    "failed_start": "Begin bij afweging 2",
    "retry": "Probeer het opnieuw",
    "static_route": ("De zelfcheck werkt alleen als je browser JavaScript uitvoert en alle bestanden van "
                     "de zelfcheck kan laden. Lukt dat niet, dan doorloop je de afwegingen op de gewone "
                     "pagina's:"),
    "answer_legend": "Jouw antwoord",
    "next": "Volgende",
    "back": "Vorige vraag",
    "choose": "Kies een antwoord.",
    "note_label": "Notitie bij deze afweging (niet verplicht)",
    "note_hint": "Schrijf zonder namen, BSN of geboortedatum. De notitie komt in het verslag.",
    "footnote": "Voetnoot",
    "explanation": "Toelichting",
    "source_label": "Tekst van de meldcode",
    "phase": "Fase",
    "path_title": "Jouw antwoorden tot nu toe",
    "path_empty": "Je hebt nog geen afweging beantwoord.",
    "change": "Wijzig",
    "restart": "Begin opnieuw",
    "clear": "Wis alles",
    "cleared": "Alles is gewist. Je begint opnieuw bij afweging 2.",
    "outcome_title": "Uitkomst",
    "do_now": "Wat je nu doet",
    "duties_title": "Wat het protocol daarna van je vraagt",
    "loops_title": "Nieuwe of blijvende signalen",
    "dates_title": "Data",
    "dates_intro": "Vul de datum in; de zelfcheck telt de werkdagen (zonder weekend en feestdagen).",
    "date_failed": ("Met deze datum kan de zelfcheck niet rekenen. Kijk of de datum klopt, of kies een "
                    "andere datum. Je antwoorden en notities blijven staan."),
    "record_title": "Verslag voor het leerlingdossier",
    "record_intro": ("Het verslag is anoniem. Print het, of sla het op als bestand, en zet het in het "
                     "leerlingdossier. Zet er pas daar namen bij."),
    "print": "Print het verslag",
    "download_record": "Download het verslag (.md)",
    "download_ics": "Download de data voor je agenda (.ics)",
    "chart_title": "Stroomschema: jouw pad",
    "chart_hint": "Het stroomschema laat zien welke stappen je al hebt gezet.",
}

DUE_KEYS = ("id", "title", "explanation", "basis", "earliest", "latest", "when")


def _footnotes(protocol: Protocol, ids: Sequence[str]) -> list[Json]:
    return [{"mark": f.mark, "text": f.text, "explanation": f.explanation}
            for f in (protocol.footnote(i) for i in ids)]


def _question(protocol: Protocol, q: Question, given: str | None) -> Json:
    phase = protocol.phase(q.phase)
    return {
        "id": q.id, "number": q.number, "title": q.title,
        "heading": f"Afweging {q.number}: {q.title}",
        "phase": {"id": phase.id, "title": phase.title, "text": phase.text, "explanation": phase.explanation},
        "text": q.text, "explanation": q.explanation,
        "footnotes": _footnotes(protocol, q.footnotes),
        "answers": [{"id": a.id, "label": a.label, "explanation": a.reason} for a in q.answers],
        "given": given,
    }


def _action(protocol: Protocol, a: Action) -> Json:
    return {"id": a.id, "title": a.title, "text": list(a.text), "summary": a.summary,
            "explanation": a.explanation, "footnotes": _footnotes(protocol, a.footnotes)}


def _outcome(protocol: Protocol, o: Outcome) -> Json:
    return {"id": o.id, "category": o.category, "title": o.title, "heading": f"Uitkomst: {o.title}",
            "text": list(o.text), "summary": o.summary, "explanation": o.explanation,
            "footnotes": _footnotes(protocol, o.footnotes)}


def _section(s: Section) -> Json:
    return {"id": s.id, "title": s.title, "summary": s.summary, "items": list(s.items)}


def path_deadlines(protocol: Protocol, w: engine.Walk) -> tuple[Deadline, ...]:
    """The deadlines of every stage the walk passed, each once: at the outcome of the help path the
    check after one or two weeks and the agreed termijn still count, not only the outcome's own."""
    found: dict[str, Deadline] = {}
    for n in range(len(w.answers) + 1):
        for d in walk_deadlines(protocol, engine.walk(protocol, w.answers[:n])):
            found.setdefault(d.id, d)
    return tuple(found.values())


def parse_dates(protocol: Protocol, w: engine.Walk, dates: Mapping[str, str]
                ) -> tuple[dict[DeadlineBasis, date], dict[str, str]]:
    """The basis dates the person gave, and a Dutch problem per date that cannot be used."""
    bases: dict[DeadlineBasis, date] = {}
    problems: dict[str, str] = {}
    for d in path_deadlines(protocol, w):
        raw = (dates.get(d.basis) or "").strip()
        if not raw or d.basis in bases or d.basis in problems:
            continue
        try:
            day = date.fromisoformat(raw)
            due(d, day)  # the holiday table must cover the count
        except OutsideHolidayTable as error:
            problems[d.basis] = str(error)
            continue
        except ValueError:
            problems[d.basis] = "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-24."
            continue
        bases[d.basis] = day
    return bases, problems


def path_due_dates(protocol: Protocol, w: engine.Walk, bases: Mapping[DeadlineBasis, date]
                   ) -> tuple[DueDate, ...]:
    return tuple(due(d, bases[d.basis]) for d in path_deadlines(protocol, w) if d.basis in bases)


def _due(d: DueDate) -> Json:
    return {"id": d.deadline.id, "title": d.deadline.title, "explanation": d.deadline.explanation,
            "basis": d.deadline.basis, "earliest": d.earliest.isoformat(), "latest": d.latest.isoformat(),
            "when": record.when(d)}


def _walk(protocol: Protocol, answers: Sequence[Sequence[str]]) -> engine.Walk:
    pairs: list[tuple[str, str]] = []
    for pair in answers:
        if len(pair) != 2:
            raise engine.WalkError(f"een antwoord is een paar [afweging, antwoord], niet {list(pair)}")
        pairs.append((str(pair[0]), str(pair[1])))
    return engine.walk(protocol, pairs)


def state(answers: Sequence[Sequence[str]], dates: Mapping[str, str] | None = None,
          chosen: Mapping[str, str] | None = None) -> Json:
    """Everything the page shows for these answers.

    `chosen` holds answers given earlier on questions the walk is not past (after going back), so the
    question shows the earlier choice again.
    """
    protocol = default()
    w = _walk(protocol, answers)
    bases, problems = parse_dates(protocol, w, dates or {})
    current = w.current
    nodes = list(w.node_ids)
    stage = engine.stage(w)
    given = (chosen or {}).get(current.id) if isinstance(current, Question) else None
    announce = (f"Uitkomst: {current.title}" if isinstance(current, Outcome)
                else f"Afweging {current.number}: {current.title}")
    needed = list(dict.fromkeys(d.basis for d in path_deadlines(protocol, w)))
    return {
        "api": API_VERSION,
        "protocol": {"title": protocol.title, "version": protocol.version, "hash": protocol.short_hash},
        "key": w.key,
        "finished": w.finished,
        "announce": announce,
        "answers": [
            {"question": s.node.id, "number": s.node.number, "title": s.node.title,
             "heading": f"Afweging {s.node.number}: {s.node.title}",
             "answer": s.answer.id, "label": s.answer.label, "reason": s.reason,
             "change": f"Wijzig afweging {s.node.number}"}
            for s in w.steps if isinstance(s.node, Question) and s.answer is not None
        ],
        "reasons": engine.reasons(w),
        "actions": [_action(protocol, a) for a in (protocol.node(i) for i in stage) if isinstance(a, Action)],
        "question": _question(protocol, current, given) if isinstance(current, Question) else None,
        "outcome": _outcome(protocol, current) if isinstance(current, Outcome) else None,
        "duties": [_section(s) for s in engine.walk_duties(protocol, w)],
        "loops": [{"id": lp.id, "label": lp.label, "explanation": lp.explanation}
                  for lp in engine.loops_from(protocol, current.id)],
        "dates": {
            "needed": [{"basis": b, "label": BASIS_LABELS[b][:1].upper() + BASIS_LABELS[b][1:],
                        "value": (dates or {}).get(b, ""), "problem": problems.get(b, "")} for b in needed],
            "due": [_due(d) for d in path_due_dates(protocol, w, bases)],
        },
        "highlight": {
            "nodes": nodes,
            "edges": [f"{a}--{b}" for a, b in pairwise(nodes)],
            "current": current.id,
        },
    }


def _moment(now: str) -> datetime:
    moment = datetime.fromisoformat(now)
    return moment if moment.tzinfo else moment.astimezone()


def record_file(answers: Sequence[Sequence[str]], now: str, dates: Mapping[str, str] | None = None,
                notes: Mapping[str, str] | None = None) -> Json:
    """The record for the dossier as a Markdown file. `now` is the device's local time (ISO 8601)."""
    protocol = default()
    w = _walk(protocol, answers)
    moment = _moment(now)
    bases, _ = parse_dates(protocol, w, dates or {})
    text = record.markdown(protocol, w, path_due_dates(protocol, w, bases), notes or {}, moment)
    return {"filename": f"zelfcheck-meldcode-{moment:%Y-%m-%d-%H%M}.md", "mime": "text/markdown",
            "text": text}


def ics_file(answers: Sequence[Sequence[str]], now: str, dates: Mapping[str, str] | None = None) -> Json:
    """The due dates as an iCalendar file."""
    protocol = default()
    w = _walk(protocol, answers)
    moment = _moment(now)
    bases, _ = parse_dates(protocol, w, dates or {})
    due_dates = path_due_dates(protocol, w, bases)
    return {"filename": f"meldcode-data-{moment:%Y-%m-%d}.ics", "mime": "text/calendar",
            "text": record.ics(protocol, due_dates, moment), "events": len(due_dates)}


def note(text: str, today: str) -> Json:
    """Does a note look like it holds personal data? `today` dates the birthday heuristic."""
    findings = record.personal_data(text, date.fromisoformat(today))
    return {"findings": [{"kind": f.kind, "text": f.text} for f in findings],
            "warning": record.warning(findings)}


def paths() -> Json:
    """Every complete path, as answers: what the parity test walks."""
    return {"paths": [[list(pair) for pair in w.answers] for w in engine.paths(default())]}


def practice(case: str, answers: list[str]) -> Json:
    """The training: feedback on a trainee's answers to a case (see protocol/cases.py)."""
    return cases.practice(default(), cases.default().case(case), answers)


HANDLERS: dict[str, Callable[..., Json]] = {
    "state": state, "record": record_file, "ics": ics_file, "note": note, "paths": paths,
    "practice": practice,
}


def call(name: str, payload: str = "{}") -> str:
    """The one door the page uses: a function name and JSON arguments in, JSON out.

    A wrong answer or argument gives `{"error": "..."}` in Dutch instead of an exception, so the page
    can show it; a bug still raises.
    """
    handler = HANDLERS.get(name)
    if handler is None:
        return json.dumps({"error": f"onbekende functie '{name}'"}, ensure_ascii=False)
    arguments = json.loads(payload or "{}")
    if not isinstance(arguments, dict):
        return json.dumps({"error": "de argumenten moeten een JSON-object zijn"}, ensure_ascii=False)
    try:
        result = handler(**arguments)
    except (engine.WalkError, KeyError, TypeError, ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        return json.dumps({"error": str(message)}, ensure_ascii=False)
    return json.dumps(result, ensure_ascii=False, sort_keys=True)
