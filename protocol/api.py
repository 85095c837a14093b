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
- ids on the flowchart come finished (protocol/present.py): `state` gives `highlight.dom.nodes`,
  `.edges` and `.current` (`node-<id>`, `edge-<from>--<to>`), as `practice` gives its `highlight`;
  `highlight.nodes`, `.edges`, `.current` stay as bare ids for pages built before.
- footnotes carry `line` (`³ text`), the mark and the protocol's text as every view writes them.

The handlers and what they return are in protocol/selfcheck.py; this module checks the arguments.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import Any

from . import engine
from .errors import BadRequest
from .selfcheck import API_VERSION, Json, ics_file, moment, note, paths, practice, record_file, state
from .selfcheck_texts import TEXTS
from .typed_dates import ISO_DATE

# The page and the build read these through this module.
__all__ = ["API_VERSION", "ARGUMENTS", "HANDLERS", "TEXTS", "BadRequest", "call", "paths", "state"]

# --- the one door: checking what the page sends ------------------------------------------------------

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
        moment(_text(value, name))
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
        if not ISO_DATE.fullmatch(text):
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
