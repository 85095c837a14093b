"""The self-check's engine as JSON in, JSON out: what the page (in Pyodide) asks, and what it shows.

The page sends the answers, the dates and the notes it holds, and gets back everything it has to
show: the current question or outcome with its texts, the path with reasons, the duties, the dates
and which parts of the flowchart to highlight. The page decides nothing itself. Nothing is kept here
between calls: the page's memory is the only place the answers live, and a reload forgets them.

    call("state", '{"answers": [["afweging-2", "nee"]]}')  ->  '{"question": {...}, ...}'

The contract of `call` (API_VERSION 2), which the page must show in both error cases:
- success: the handler's JSON object (never has a key "error").
- bad input: `{"error": {"kind": "bad-request", "message": "<Dutch>", "field": "<argument or null>"}}`:
  an unknown function, a payload that is not a JSON object, an unknown or missing argument, a value of
  the wrong type, an answer that does not fit its question. The message is Dutch and may be shown.
- a bug in the engine: `{"error": {"kind": "internal", "message": "<Dutch>", "detail": "<Type: text>"}}`;
  the traceback goes to stderr (the browser console). Not the person's fault: the page shows its
  failure box with the static route, and keeps the answers and notes.
- a date the person typed is never an error: it comes back in `dates.needed[].problem` (the date
  cannot be used) or `dates.needed[].warning` (it can, but look again: a termijn on a weekend).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise
from types import TracebackType
from typing import Any

from . import cases, engine, record
from .deadlines import BASIS_LABELS, DueDate, due, due_dates, needed_bases, walk_deadlines
from .load import default
from .model import Action, DeadlineBasis, Loop, Outcome, Protocol, Question, Section
from .present import afweging_heading
from .workdays import OutsideHolidayTable, covered_years, holiday_name

API_VERSION = 2
Json = dict[str, Any]

# Our own words on the page. Protocol texts come from the protocol file, never from here.
TEXTS: dict[str, str] = {
    "title": "Zelfcheck: welke stap zet je nu?",
    "intro": ("Heb je een vermoeden van huiselijk geweld of kindermishandeling, en heb je stap 1 tot en "
              "met 4 van de meldcode gedaan? Beantwoord dan hier de afwegingen van stap 5, één voor één. "
              "Aan het eind zie je wat je nu moet doen, welke datums daarbij horen, en krijg je een verslag "
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
    "dates_title": "Datums",
    "dates_intro": "Vul de datum in; de zelfcheck telt de werkdagen (zonder weekend en feestdagen).",
    "dates_rule": ("Als feestdag telt de zelfcheck: nieuwjaarsdag, Goede Vrijdag, tweede paasdag, "
                   "Koningsdag, hemelvaartsdag, tweede pinksterdag en de twee kerstdagen, en 5 mei alleen "
                   "in een lustrumjaar (2025, 2030, ...). Volgens de wet voor termijnen telt 5 mei elk jaar "
                   "als feestdag. De zelfcheck telt 5 mei in andere jaren als werkdag: zo komt een datum "
                   "nooit te laat. Veilig Thuis kan anders tellen. Hoor je op de datum niets, bel dan zelf."),
    "date_failed": ("Met deze datum kan de zelfcheck niet rekenen. Kijk of de datum klopt, of kies een "
                    "andere datum. Je antwoorden en notities blijven staan."),
    "record_title": "Verslag voor het leerlingdossier",
    "record_intro": ("Het verslag is anoniem. Print het, of sla het op als bestand, en zet het in het "
                     "leerlingdossier. Zet er pas daar namen bij."),
    "print": "Print het verslag",
    "download_record": "Download het verslag (.md)",
    "download_ics": "Download de datums voor je agenda (.ics)",
    "chart_title": "Stroomschema: jouw pad",
    "chart_hint": "Het stroomschema laat zien welke stappen je al hebt gezet.",
}

def _footnotes(protocol: Protocol, ids: Sequence[str]) -> list[Json]:
    return [{"mark": f.mark, "text": f.text, "explanation": f.explanation}
            for f in (protocol.footnote(i) for i in ids)]


def _question(protocol: Protocol, q: Question, given: str | None) -> Json:
    phase = protocol.phase(q.phase)
    # The phase sentence is quoted once, at the first afweging of its phase (as in the protocol).
    phase_text = phase.text if engine.opens_phase(protocol, q) else ""
    return {
        "id": q.id, "number": q.number, "title": q.title,
        "heading": afweging_heading(q),
        "phase": {"id": phase.id, "title": phase.title, "text": phase_text, "explanation": phase.explanation},
        "text": q.text, "explanation": q.explanation,
        "footnotes": _footnotes(protocol, q.footnotes),
        "answers": [{"id": a.id, "label": a.label, "explanation": a.reason,
                     "footnotes": _footnotes(protocol, a.footnotes)} for a in q.answers],
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
    return {"id": s.id, "title": s.title, "summary": s.summary, "items": list(s.items),
            "explanation": s.explanation}


def _loop(protocol: Protocol, loop: Loop) -> Json:
    """New or persisting signals: where the loop ends (a melding or contact with Veilig Thuis)."""
    target = protocol.outcome(loop.to)
    return {"id": loop.id, "label": loop.label, "explanation": loop.explanation,
            "to": {"id": target.id, "title": target.title, "category": target.category,
                   "text": list(target.text), "summary": target.summary}}


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


@dataclass
class Dates:
    """The basis dates the person gave: the usable ones, and per basis a problem or a warning."""

    bases: dict[DeadlineBasis, date] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


def outside_table() -> str:
    years = covered_years()
    return (f"Met deze datum kan de zelfcheck niet rekenen: hij kent de feestdagen van {years.start} tot "
            f"en met {years.stop - 1}. Kijk het jaartal na.")


def date_problem(raw: str) -> tuple[date | None, str]:
    """A typed date, or the Dutch reason it cannot be used. Never raises, whatever was typed."""
    if not _ISO_DATE.fullmatch(raw):
        return None, "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-24."
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None, "Deze datum bestaat niet. Kijk de dag en de maand na."
    if day.year not in covered_years():
        return None, outside_table()
    return day, ""


def _not_a_workday(day: date) -> str | None:
    """'zaterdag', or the feestdag's name, or None for a werkdag."""
    name = holiday_name(day)
    if day.weekday() >= 5:
        return DAY_NAMES[day.weekday()] + (f" ({name})" if name else "")
    return name


def termijn_warning(day: date) -> str:
    """A warning for an agreed termijn that ends on a weekend or feestdag; "" on a werkdag."""
    off = _not_a_workday(day)
    if not off:
        return ""
    return (f"Let op: {record.long_date(day)} is geen werkdag ({off}). Op die dag zijn school en "
            "hulpverlening vaak dicht. Klopt de afspraak? Spreek anders een werkdag af. De zelfcheck "
            "rekent met de datum die je invulde.")


def parse_dates(protocol: Protocol, w: engine.Walk, dates: Mapping[str, str]) -> Dates:
    """The basis dates the person gave, and a Dutch problem per date that cannot be used.

    No typed date raises: a date the engine cannot count from gets a problem for its field, about
    the date as it was typed (never a date the person did not type).
    """
    found = Dates()
    for d in walk_deadlines(protocol, w):
        raw = (dates.get(d.basis) or "").strip()
        if not raw or d.basis in found.bases or d.basis in found.problems:
            continue
        day, problem = date_problem(raw)
        if day is not None:
            try:
                due(d, day)  # the holiday table must cover the whole count
            except OutsideHolidayTable:
                problem = outside_table()
        if day is None or problem:
            found.problems[d.basis] = problem
            continue
        found.bases[d.basis] = day
        if d.basis == "termijn" and (warning := termijn_warning(day)):
            found.warnings[d.basis] = warning
    return found


def _days(days: Sequence[tuple[date, str]]) -> list[Json]:
    return [{"date": day.isoformat(), "name": name, "text": f"{record.long_date(day)} ({name})"}
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
    announce = (f"Uitkomst: {current.title}" if isinstance(current, Outcome)
                else afweging_heading(current))
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
             "change": f"Wijzig afweging {s.node.number}"}
            for s in w.steps if isinstance(s.node, Question) and s.answer is not None
        ],
        "reasons": engine.reasons(w),
        "actions": [_action(protocol, a) for a in (protocol.node(i) for i in stage) if isinstance(a, Action)],
        "question": _question(protocol, current, given) if isinstance(current, Question) else None,
        "outcome": _outcome(protocol, current) if isinstance(current, Outcome) else None,
        "duties": [_section(s) for s in engine.walk_duties(protocol, w)],
        "loops": [_loop(protocol, lp) for lp in engine.loops_from(protocol, current.id)],
        "dates": {
            "needed": [{"basis": b, "label": BASIS_LABELS[b][:1].upper() + BASIS_LABELS[b][1:],
                        "value": (dates or {}).get(b, ""), "problem": parsed.problems.get(b, ""),
                        "warning": parsed.warnings.get(b, "")} for b in needed],
            "due": [_due(d) for d in due_dates(protocol, w, parsed.bases)],
            "rule": TEXTS["dates_rule"] if needed else "",
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
    bases = parse_dates(protocol, w, dates or {}).bases
    text = record.markdown(protocol, w, due_dates(protocol, w, bases), notes or {}, moment)
    return {"filename": f"zelfcheck-meldcode-{moment:%Y-%m-%d-%H%M}.md", "mime": "text/markdown",
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
    moment = _moment(now)
    bases = parse_dates(protocol, w, dates or {}).bases
    found = due_dates(protocol, w, bases)
    export = (export or "").replace("-", "").lower() or hashlib.sha256(json.dumps(
        [protocol.digest, [list(a) for a in answers], dict(dates or {}), now]).encode()).hexdigest()[:32]
    return {"filename": f"meldcode-datums-{moment:%Y-%m-%d}.ics", "mime": "text/calendar",
            "text": record.ics(protocol, found, moment, export), "events": len(found)}


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
    return cases.practice(protocol, found, answers)


# --- the one door: checking what the page sends ------------------------------------------------------

class BadRequest(Exception):
    """Input the page sent that cannot be used; the message is Dutch and may be shown."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _answers(value: Any, name: str) -> list[list[str]]:
    if not isinstance(value, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
            for pair in value):
        raise BadRequest(f"`{name}` moet een lijst van paren [afweging, antwoord] zijn, met tekst", name)
    return value


def _texts(value: Any, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise BadRequest(f"`{name}` moet een object zijn met tekst als waarden", name)
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise BadRequest(f"`{name}` moet tekst zijn", name)
    return value


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"`{name}` moet een lijst met teksten zijn", name)
    return value


def _moment_text(value: Any, name: str) -> str:
    try:
        _moment(_text(value, name))
    except ValueError:
        raise BadRequest(f"`{name}` moet een datum en tijd zijn (ISO 8601), zoals "
                         "2026-12-24T16:05:00+01:00", name) from None
    return str(value)


def _export_text(value: Any, name: str) -> str:
    text = _text(value, name)
    if not re.fullmatch(r"[0-9a-fA-F-]{8,64}", text):
        raise BadRequest(f"`{name}` moet een willekeurig id zijn (hexadecimaal, zoals een UUID)", name)
    return text


def _day_text(value: Any, name: str) -> str:
    text = _text(value, name)
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"`{name}` moet een datum zijn (JJJJ-MM-DD)", name) from None
    return text


Check = Callable[[Any, str], Any]
# Per function: each argument's check, and whether it is required.
ARGUMENTS: dict[str, dict[str, tuple[Check, bool]]] = {
    "state": {"answers": (_answers, True), "dates": (_texts, False), "chosen": (_texts, False)},
    "record": {"answers": (_answers, True), "now": (_moment_text, True), "dates": (_texts, False),
               "notes": (_texts, False)},
    "ics": {"answers": (_answers, True), "now": (_moment_text, True), "dates": (_texts, False),
            "export": (_export_text, False)},
    "note": {"text": (_text, True), "today": (_day_text, True)},
    "paths": {},
    "practice": {"case": (_text, True), "answers": (_strings, True)},
}

HANDLERS: dict[str, Callable[..., Json]] = {
    "state": state, "record": record_file, "ics": ics_file, "note": note, "paths": paths,
    "practice": practice,
}


def _checked(name: str, payload: str) -> dict[str, Any]:
    """The arguments for `name`, each checked; BadRequest names the first that cannot be used."""
    if name not in HANDLERS:
        raise BadRequest(f"onbekende functie '{name}'", None)
    try:
        arguments = json.loads(payload or "{}")
    except (ValueError, TypeError):
        raise BadRequest("de argumenten zijn geen geldige JSON", None) from None
    if not isinstance(arguments, dict):
        raise BadRequest("de argumenten moeten een JSON-object zijn", None)
    spec = ARGUMENTS[name]
    for key in arguments:
        if key not in spec:
            raise BadRequest(f"onbekend argument `{key}` voor '{name}'", key)
    for key, (check, required) in spec.items():
        if key in arguments:
            check(arguments[key], key)
        elif required:
            raise BadRequest(f"het argument `{key}` ontbreekt voor '{name}'", key)
    return arguments


def _traceback(error: BaseException) -> str:
    """Where the bug is, for the console. Written out here: the `traceback` module imports more of
    the standard library at print time than the browser's trimmed copy holds."""
    lines = ["Traceback (most recent call last):"]
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        lines.append(f'  File "{code.co_filename}", line {tb.tb_lineno}, in {code.co_name}')
        tb = tb.tb_next
    lines.append(f"{type(error).__name__}: {error}")
    return "\n".join(lines)


INTERNAL = ("Er ging iets mis in de zelfcheck zelf. Dat ligt niet aan wat je invulde. Je antwoorden en "
            "notities staan nog op de pagina.")


def call(name: str, payload: str = "{}") -> str:
    """The one door the page uses: a function name and JSON arguments in, JSON out (see the module's
    docstring for the contract). Bad input is a "bad-request" error in Dutch; any other exception is
    a bug and comes back as an "internal" error, with its traceback on stderr, never as bad input."""
    try:
        arguments = _checked(name, payload)
        result = HANDLERS[name](**arguments)
    except (BadRequest, engine.WalkError) as error:
        field_name = error.field if isinstance(error, BadRequest) else "answers"
        return json.dumps({"error": {"kind": "bad-request", "message": str(error), "field": field_name}},
                          ensure_ascii=False)
    except Exception as error:  # a bug: report it as one, distinct from bad input
        print(_traceback(error), file=sys.stderr)
        return json.dumps({"error": {"kind": "internal", "message": INTERNAL,
                                     "detail": f"{type(error).__name__}: {error}"}}, ensure_ascii=False)
    return json.dumps(result, ensure_ascii=False, sort_keys=True)
