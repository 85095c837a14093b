"""One date rule for the terminal and the self-check: for every path, the same dates asked and the
same due dates in the terminal, on the page, in the record and in the calendar file."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from typing import Any

import pytest
from icalendar import Calendar

from protocol import api, default, engine
from protocol.cli import main
from protocol.deadlines import BASIS_LABELS

PATHS = engine.paths(default())
# Basis dates on werkdagen, with Kerst and new year inside the counts.
BASES = {"melding": "2026-12-24", "verwijzing": "2026-12-18", "termijn": "2027-02-01"}
NOW = "2026-12-24T16:05:00+01:00"
DATE_LINE = re.compile(r"- (.+): (?:tussen )?(\d{4}-\d{2}-\d{2})(?: en (\d{4}-\d{2}-\d{2}))?")
Due = tuple[str, str, str]  # (title, earliest, latest) as ISO dates


def terminal(w: engine.Walk) -> tuple[list[str], list[Due]]:
    """Walk the path in the terminal: the bases it asks for, in order, and the dates it prints."""
    replies = iter(answer for _, answer in w.answers)
    asked: list[str] = []
    out = io.StringIO()

    def ask(prompt: str) -> str:
        out.write(prompt)
        for basis, label in BASIS_LABELS.items():
            if prompt.startswith(f"Wat is {label}?"):
                asked.append(basis)
                return BASES[basis]
        return next(replies)  # a path ends at its outcome: running out would be a bug here

    assert main([], ask=ask, out=out) == 0
    text = out.getvalue()
    printed: list[Due] = []
    if "\nDatums:\n" in text:
        for line in text.split("\nDatums:\n", 1)[1].splitlines():
            if match := DATE_LINE.fullmatch(line):
                title, earliest, latest = match.groups()
                printed.append((title, earliest, latest or earliest))
    return asked, printed


def call(name: str, **args: Any) -> Any:
    result = json.loads(api.call(name, json.dumps(args)))
    assert "error" not in result, result
    return result


@pytest.mark.parametrize("w", PATHS, ids=lambda w: w.key)
def test_terminal_and_self_check_ask_the_same_dates_and_give_the_same_due_dates(w: engine.Walk) -> None:
    asked, printed = terminal(w)
    answers = [list(pair) for pair in w.answers]
    state = call("state", answers=answers, dates=BASES)
    assert [n["basis"] for n in state["dates"]["needed"]] == asked
    assert [(d["title"], d["earliest"], d["latest"]) for d in state["dates"]["due"]] == printed

    record = call("record", answers=answers, now=NOW, dates=BASES)["text"]
    listed = record.split("## Datums\n", 1)[1] if "## Datums\n" in record else ""
    assert [line[2:].rsplit(": ", 1)[0] for line in listed.splitlines() if line.startswith("- ")] == [
        title for title, _, _ in printed]

    ics = call("ics", answers=answers, now=NOW, dates=BASES)
    events = Calendar.from_ical(ics["text"]).walk("VEVENT")
    assert ics["events"] == len(printed)
    # An all-day event ends the day after its last day (DTEND is exclusive).
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat(),
             date.fromordinal(e.decoded("DTEND").toordinal() - 1).isoformat()) for e in events] == printed


def test_at_an_outcome_only_the_melding_date_lies_ahead() -> None:
    """The comparison above compares dates (not two empty lists): the melding paths ask for one."""
    asked = {w.key: terminal(w)[0] for w in PATHS}
    assert set(map(tuple, asked.values())) == {(), ("melding",)}
    # After help that did not work (afweging 5 = NEE) the check and the termijn are behind you.
    assert asked["afweging-2=nee>afweging-3=ja>afweging-4=ja>afweging-5=nee"] == ["melding"]


def test_at_afweging_5_the_help_dates_are_ahead_and_asked() -> None:
    """Where the help has just started, the check and the end of the termijn are the dates ahead."""
    state = call("state", answers=[["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"]],
                 dates=BASES)
    assert [n["basis"] for n in state["dates"]["needed"]] == ["verwijzing", "termijn"]
    assert [d["id"] for d in state["dates"]["due"]] == ["check-hulpverlening", "einde-termijn"]
