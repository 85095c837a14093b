"""What a person takes away from the self-check: the record for the dossier and the dates as a
calendar file (the check of notes for personal data is protocol/note_check.py).

Standard library only: this runs in the browser (Pyodide) exactly as in the tests.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from . import engine
from .deadlines import DueDate
from .model import Outcome, Protocol, Question
from .present import afweging_heading, long_date, outcome_heading, stamp


def when(d: DueDate) -> str:
    if d.earliest == d.latest:
        return long_date(d.earliest)
    return f"tussen {long_date(d.earliest)} en {long_date(d.latest)}"


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def counting(d: DueDate) -> str:
    """How the date was counted, in Dutch: which feestdagen were skipped, which counted as werkdag."""
    days = [f"{long_date(day)} ({name})" for day, name in d.skipped]
    counted = [f"{long_date(day)} ({name})" for day, name in d.counted]
    if d.deadline.workdays:
        parts = [f"{d.deadline.workdays} werkdagen na {long_date(d.basis)}. Zaterdag en zondag tellen "
                 "niet mee" + (f", en ook niet: {_listed(days)}." if days else ".")]
    elif any(d.deadline.days):
        parts = ["Valt de dag in een weekend of op een feestdag, dan wordt het de werkdag erna"
                 + (f". Overgeslagen: {_listed(days)}." if days else ".")]
    else:
        return ""
    if counted:
        parts.append(f"Als werkdag geteld: {_listed(counted)}; volgens de Algemene termijnenwet is dat "
                     "een feestdag.")
    if d.deadline.basis == "melding":
        parts.append("Veilig Thuis kan anders tellen.")
    return " ".join(parts)


# --- the record for the dossier -------------------------------------------------------------------

def markdown(protocol: Protocol, w: engine.Walk, due: Sequence[DueDate], notes: Mapping[str, str],
             now: datetime) -> str:
    """The record as Markdown: readable as plain text, and printable as it is."""
    lines: list[str] = [
        f"# Zelfcheck {protocol.title}",
        "",
        f"- Gemaakt op: {stamp(now)}",
        f"- Protocolversie: {protocol.version} (controlecode {protocol.short_hash})",
        "- Dit verslag is anoniem. Zet er pas namen bij als het in het leerlingdossier staat.",
        "",
        "## Antwoorden en redenen",
        "",
    ]
    steps = [s for s in w.steps if isinstance(s.node, Question) and s.answer is not None]
    if not steps:
        lines += ["Nog geen afweging beantwoord.", ""]
    for step in steps:
        assert isinstance(step.node, Question) and step.answer is not None
        q, a = step.node, step.answer
        lines += [f"### {afweging_heading(q)}", "", f"Antwoord: {a.label}", "",
                  f"Reden: {a.reason}", "", f"Het protocol: \u201c{a.source}\u201d", ""]
        note = notes.get(q.id, "").strip("\r\n")
        if note.strip():
            lines += ["Notitie (letterlijk zoals getypt):", "", *inert(note), ""]
    lines += ["## Het pad", ""]
    lines += [f"{n}. {reason}" for n, reason in enumerate(engine.reasons(w), start=1)]
    lines.append("")
    if isinstance(w.current, Outcome):
        lines += [f"## {outcome_heading(w.current)}", "", w.current.summary, "", "Het protocol:", "",
                  *(f"> {paragraph}" for paragraph in w.current.text), ""]
        for section in engine.walk_duties(protocol, w):
            lines += [f"### {section.title}", "", *(f"- {item}" for item in section.items), ""]
            ours = " ".join(" ".join(t.split()) for t in (section.summary, section.explanation) if t)
            lines += [f"Toelichting: {ours}", ""]
        for loop in engine.loops_from(protocol, w.current.id):
            target = protocol.outcome(loop.to)
            lines += [f"## {loop.label}", "", loop.explanation, "", "Het protocol:", "",
                      *(f"> {paragraph}" for paragraph in target.text), ""]
    else:
        lines += [f"## Nog niet klaar: volgende is afweging {w.current.number} ({w.current.title})", ""]
    if due:
        lines += ["## Datums", ""]
        for d in due:
            lines.append(f"- {d.deadline.title}: {when(d)} (geteld vanaf {long_date(d.basis)})")
            if text := counting(d):
                lines.append(f"  {text}")
        lines.append("")
    return "\n".join(lines)


def inert(note: str) -> list[str]:
    """A typed note as lines of an indented code block: shown as literal text by every Markdown
    renderer (CommonMark, Python-Markdown), so no image, link, raw HTML or heading can come out of
    it, and the .md file still reads as the note was typed. Escaping each special character instead
    would fill the plain text with backslashes and depends on every renderer knowing every escape.
    Every line is indented, blank ones too, and the block is closed by the blank line after it; line
    breaks Markdown does not know (\\u2028, \\x0b, ...) are split here, so none can end the block early."""
    return [f"    {line}".rstrip() if line.strip() else "" for line in note.splitlines()] or [""]


# --- the calendar file ------------------------------------------------------------------------------

def _ics_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets; a continuation starts with a space (RFC 5545, 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(f" {part}" for part in out[1:])]


def ics(protocol: Protocol, due: Sequence[DueDate], now: datetime, export: str | None = None) -> str:
    """The dates as all-day events in one iCalendar file. A span (one or two weeks) is one event.

    UIDs must be globally unique (RFC 5545, 3.8.4.7): two cases with the same date must not share
    one, or a calendar replaces the first event by the second. Each export draws a random `export`
    id (128 bits from os.urandom, as uuid4 would, which Pyodide has too, without importing uuid);
    within the file each event adds its own deadline id, so the UIDs differ and stay fixed.
    """
    export = export or os.urandom(16).hex()
    utc = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Meldcode stap 5//Zelfcheck//NL",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for d in due:
        description = (f"{d.deadline.explanation} Geteld vanaf {long_date(d.basis)}. "
                       f"Meldcode stap 5, protocolversie {protocol.version} ({protocol.short_hash}).")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{export}-{d.deadline.id}@zelfcheck.meldcode-stap5",
            f"DTSTAMP:{utc}",
            f"DTSTART;VALUE=DATE:{d.earliest:%Y%m%d}",
            f"DTEND;VALUE=DATE:{d.latest + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(d.deadline.title)}",
            f"DESCRIPTION:{_ics_text(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(f"{part}\r\n" for line in lines for part in _fold(line))
