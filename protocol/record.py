"""What a person takes away from the self-check: the record for the dossier, the dates as a calendar
file, and a warning when a note looks like it holds personal data.

Standard library only: this runs in the browser (Pyodide) exactly as in the tests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from . import engine
from .deadlines import DueDate
from .model import Outcome, Protocol, Question

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def long_date(day: date) -> str:
    """`vrijdag 4 december 2026`: written out, so no one mixes up day and month."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


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


def stamp(moment: datetime) -> str:
    """`28 november 2026 om 23:45`, in the time the person's own device gave."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} om {moment:%H:%M}"


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
        lines += [f"### Afweging {q.number}: {q.title}", "", f"Antwoord: {a.label}", "",
                  f"Reden: {a.reason}", "", f"Het protocol: \u201c{a.source}\u201d", ""]
        note = notes.get(q.id, "").strip("\r\n")
        if note.strip():
            lines += ["Notitie (letterlijk zoals getypt):", "", *inert(note), ""]
    lines += ["## Het pad", ""]
    lines += [f"{n}. {reason}" for n, reason in enumerate(engine.reasons(w), start=1)]
    lines.append("")
    if isinstance(w.current, Outcome):
        lines += [f"## Uitkomst: {w.current.title}", "", w.current.summary, "", "Het protocol:", "",
                  *(f"> {paragraph}" for paragraph in w.current.text), ""]
        for section in engine.walk_duties(protocol, w):
            lines += [f"### {section.title}", "", *(f"- {item}" for item in section.items), ""]
    else:
        lines += [f"## Nog niet klaar: volgende is afweging {w.current.number} ({w.current.title})", ""]
    if due:
        lines += ["## Data", ""]
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


# --- personal data in notes -------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    kind: str  # "naam", "bsn" or "geboortedatum"
    text: str


KIND_LABELS = {"naam": "een naam", "bsn": "een BSN", "geboortedatum": "een geboortedatum"}

# Words that start with a capital but name no person: organisations and terms from the protocol.
NOT_NAMES = frozenset((
    "veilig", "thuis", "ggd", "jgz", "jeugdgezondheidszorg", "wijkteam", "buurtteam", "leerplicht",
    "meldcode", "verwijsindex", "school", "ib", "ib'er", "zorgteam", "afweging", "uitkomst", "protocol",
    "casemanager", "nederland", "nederlands", "ouder", "ouders", "moeder", "vader", "kind", "leerling",
    *DAYS, *MONTHS,
))
TITLES = ("meneer", "mevrouw", "mevr", "mw", "dhr", "juf", "meester", "moeder", "vader", "opa", "oma",
          "broer", "zus", "zusje", "broertje", "leerling", "kind", "oom", "tante", "stiefvader",
          "stiefmoeder", "vriend", "vriendin")
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME = f"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_PARTICLE = r"(?:van der|van den|van de|van 't|van|de|der|den|ter|ten|te|in 't|op de|'t)"
_TITLED = re.compile(rf"\b(?i:{'|'.join(TITLES)})\.?\s+({_NAME}(?:\s+{_PARTICLE})?(?:\s+{_NAME})?)")
_FULL_NAME = re.compile(rf"(?<![\w'])({_NAME}(?:\s+{_PARTICLE})?\s+{_NAME})(?![\w'])")
_WORD = re.compile(rf"(?<![\w'])({_NAME})(?![\w'])")
_NINE_DIGITS = re.compile(r"(?<!\d)(?<!\d[.\- ])(\d(?:[.\- ]?\d){8})(?![.\- ]?\d)")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_WRITTEN_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})\b", re.IGNORECASE)
_BIRTH_WORDS = re.compile(r"\b(?:geboren|geb\.|geboortedatum|geb\s*datum|gebdatum|jarig)", re.IGNORECASE)


def elfproef(digits: str) -> bool:
    """The check a BSN passes: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    values = [int(c) for c in digits]
    total = sum(weight * value for weight, value in zip(range(9, 1, -1), values[:8], strict=True))
    total -= values[8]
    return total % 11 == 0 and total != 0


def _is_name(candidate: str, *, every: bool = False) -> bool:
    """Whether the capitalised words are not known non-names: any of them, or (`every`) all."""
    words = [w.lower() not in NOT_NAMES for w in re.split(r"\s+", candidate) if w and w[0].isupper()]
    return all(words) if every else any(words)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before[-1] in ".!?:;\n\"'(\u201c-*>"


def personal_data(text: str, today: date) -> list[Finding]:
    """What in a note looks like personal data: a name, a BSN-like number, a date of birth.

    A heuristic, to warn rather than to block: it may miss things and it may warn for nothing.
    Names: a title or family word before a capitalised word (`moeder Sanne`, `dhr. Bakker`), two
    capitalised words (`Jan de Vries`), or a capitalised word inside a sentence (Dutch writes
    ordinary words in lower case). Dates: a full date near a word like `geboren`, or a full date at
    least three years back (a meeting is rarely that long ago; a birthday is).
    """
    found: dict[tuple[str, str], Finding] = {}

    def add(kind: str, value: str) -> None:
        found.setdefault((kind, value), Finding(kind, value))

    for match in _TITLED.finditer(text):
        if _is_name(match[1]):
            add("naam", match[0].strip())
    for match in _FULL_NAME.finditer(text):
        if _is_name(match[1], every=True):
            add("naam", match[1])
    for match in _WORD.finditer(text):
        if match[1].lower() not in NOT_NAMES and not _sentence_start(text, match.start()):
            add("naam", match[1])
    for match in _NINE_DIGITS.finditer(text):
        if elfproef(re.sub(r"\D", "", match[1])):
            add("bsn", match[1])
    birth_words = [m.start() for m in _BIRTH_WORDS.finditer(text)]
    for match in [*_NUMERIC_DATE.finditer(text), *_WRITTEN_DATE.finditer(text)]:
        year = int(match[3] or match[4])
        near = any(abs(match.start() - at) < 40 for at in birth_words)
        if near or year <= today.year - 3:
            add("geboortedatum", match[0])
    # A name inside a longer name found already is said once.
    names = [f.text for f in found.values() if f.kind == "naam"]
    return [f for f in found.values()
            if f.kind != "naam" or not any(f.text != other and f.text in other for other in names)]


def warning(findings: Sequence[Finding]) -> str:
    """One Dutch sentence for the person, or "" when nothing was found."""
    if not findings:
        return ""
    kinds = list(dict.fromkeys(KIND_LABELS[f.kind] for f in findings))
    what = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " of " + kinds[-1]
    examples = ", ".join(f"\u2018{f.text}\u2019" for f in findings[:3])
    return (f"Let op: deze notitie lijkt {what} te bevatten ({examples}). Het verslag hoort anoniem "
            "te zijn tot het in het leerlingdossier staat. Schrijf bijvoorbeeld \u2018de leerling\u2019 "
            "of \u2018moeder\u2019 in plaats van een naam.")
