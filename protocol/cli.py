"""`python -m protocol`: walk the afwegingen in the terminal, list every path, or check a file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from . import engine, record
from .deadlines import BASIS_LABELS, due, due_dates, needed_bases, walk_deadlines
from .errors import ProtocolError
from .load import default_path, load
from .model import Deadline, DeadlineBasis, Outcome, Protocol, Question
from .present import afweging_heading
from .typed_dates import date_problem, outside_table, termijn_warning
from .workdays import OutsideHolidayTable

Ask = Callable[[str], str]


def main(argv: Sequence[str] | None = None, ask: Ask = input, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m protocol",
        description="Meldcode stap 5: loop de afwegingen door, of bekijk alle paden.")
    parser.add_argument("--bestand", default=default_path(), help="het protocolbestand (TOML)")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("doorlopen", help="loop de afwegingen door (standaard)")
    paths = commands.add_parser("paden", help="toon elk pad van de start tot een uitkomst")
    paths.add_argument("--json", action="store_true", help="één JSON-object per regel")
    commands.add_parser("valideer", help="controleer het protocolbestand")
    args = parser.parse_args(argv)

    try:
        protocol = load(args.bestand)
    except ProtocolError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2

    if args.command == "paden":
        print_paths(protocol, as_json=args.json, out=out)
    elif args.command == "valideer":
        print(f"{protocol.path}: in orde ({len(protocol.nodes)} stappen, "
              f"{len(engine.paths(protocol))} paden, versie {protocol.version}).", file=out)
    else:
        try:
            interactive(protocol, ask, out)
        except (EOFError, KeyboardInterrupt):
            print("\nGestopt. Er is niets bewaard.", file=out)
            return 1
    return 0


def path_record(protocol: Protocol, w: engine.Walk) -> dict[str, object]:
    assert isinstance(w.current, Outcome)
    return {
        "key": w.key,
        "answers": [list(pair) for pair in w.answers],
        "nodes": list(w.node_ids),
        "outcome": w.current.id,
        "title": w.current.title,
        "category": w.current.category,
        "duties": [s.id for s in engine.walk_duties(protocol, w)],
    }


def print_paths(protocol: Protocol, *, as_json: bool, out: TextIO) -> None:
    for w in engine.paths(protocol):
        if as_json:
            print(json.dumps(path_record(protocol, w), ensure_ascii=False), file=out)
        else:
            print(f"{w.key}  ->  {w.current.id} ({w.current.title})", file=out)


def interactive(protocol: Protocol, ask: Ask, out: TextIO) -> None:
    def say(text: str = "") -> None:
        print(text, file=out)

    say(protocol.title)
    say(protocol.intro)
    say(f"Voorwaarde: {protocol.precondition}")
    say("Typ het nummer of het woord van je antwoord; 't' gaat een vraag terug. Er wordt niets bewaard.")
    answers: list[tuple[str, str]] = []
    bases: dict[DeadlineBasis, date] = {}
    shown_phase = ""
    while True:
        w = engine.walk(protocol, answers)
        _show_actions(protocol, w, say)
        if isinstance(w.current, Outcome):
            break
        # Dates that lie ahead before the next afweging (the help just started), as on the page.
        _show_dates(protocol, w, bases, ask, say)
        question: Question = w.current
        say()
        phase = protocol.phase(question.phase)
        if phase.text and engine.opens_phase(protocol, question) and phase.id != shown_phase:
            say(phase.text)
        shown_phase = phase.id
        say(afweging_heading(question))
        say(question.text)
        for ident in question.footnotes:
            f = protocol.footnote(ident)
            say(f"  {f.mark} {f.text}")
        for n, answer in enumerate(question.answers, start=1):
            say(f"  {n}. {answer.label}")
        reply = ask("Antwoord: ").strip().lower()
        if reply in ("t", "terug"):
            if answers:
                answers.pop()
            continue
        chosen = _choose(question, reply)
        if chosen is None:
            say("Dat antwoord ken ik niet. Kies een nummer uit de lijst.")
            continue
        answers.append((question.id, chosen))

    outcome = w.current
    say()
    say("Het pad:")
    for line in engine.reasons(w):
        say(f"- {line}")
    say()
    say(f"Uitkomst: {outcome.title}")
    for paragraph in outcome.text:
        say(paragraph)
    for ident in outcome.footnotes:
        f = protocol.footnote(ident)
        say(f"  {f.mark} {f.text}")
    for section in engine.walk_duties(protocol, w):
        say()
        # A title that ends in "?" ("Verhuisd?") gets no colon after it.
        say(section.title if section.title.endswith(("?", ":")) else f"{section.title}:")
        for item in section.items:
            say(f"  - {item}")
    for loop in engine.loops_from(protocol, outcome.id):
        target = protocol.outcome(loop.to)
        say()
        say(f"{loop.label}: {loop.explanation}")
        for paragraph in target.text:
            say(f"  {paragraph}")
    _show_dates(protocol, w, bases, ask, say)


def _show_dates(protocol: Protocol, w: engine.Walk, bases: dict[DeadlineBasis, date], ask: Ask,
                say: Callable[[str], None]) -> None:
    """The dates where the walk stands (deadlines.walk_deadlines, the self-check's rule): ask each
    basis date not known yet, then print the due dates."""
    for basis in needed_bases(protocol, w):
        if basis not in bases:
            counted = [d for d in walk_deadlines(protocol, w) if d.basis == basis]
            bases[basis] = _ask_date(ask, say, basis, counted)
    found = due_dates(protocol, w, bases)
    if found:
        say("")
        say("Datums:")
        for d in found:
            when = d.earliest.isoformat() if d.earliest == d.latest else \
                f"tussen {d.earliest.isoformat()} en {d.latest.isoformat()}"
            say(f"- {d.deadline.title}: {when}")
            if text := record.counting(d):
                say(f"  {text}")


def _show_actions(protocol: Protocol, w: engine.Walk, say: Callable[[str], None]) -> None:
    """Show the action the last answer led to (e.g. starting help) before the next question."""
    for ident in engine.stage(w)[:-1]:
        action = protocol.node(ident)
        say("")
        say(f"Actie: {action.title}")
        for paragraph in action.text:
            say(paragraph)


def _choose(question: Question, reply: str) -> str | None:
    for n, answer in enumerate(question.answers, start=1):
        if reply in (str(n), answer.id, answer.label.lower()):
            return answer.id
    return None


def _ask_date(ask: Ask, say: Callable[[str], None], basis: DeadlineBasis,
              deadlines: Sequence[Deadline]) -> date:
    """Ask until the date can be counted from: a wrong or far date gets a Dutch message, no traceback."""
    while True:
        reply = ask(f"Wat is {BASIS_LABELS[basis]}? Schrijf JJJJ-MM-DD (Enter = vandaag): ").strip()
        day, problem = date_problem(reply) if reply else (date.today(), "")
        if day is not None:
            try:
                for deadline in deadlines:
                    due(deadline, day)
            except OutsideHolidayTable:
                day, problem = None, outside_table()
        if day is None:
            say(problem)
            continue
        if basis == "termijn" and (warning := termijn_warning(day)):
            say(warning)
        return day
