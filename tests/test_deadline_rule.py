"""One date rule for the terminal and the self-check: for every path, the same dates asked and the
same due dates in the terminal, on the page, in the record and in the calendar file."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from itertools import pairwise
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


def terminal(w: engine.Walk) -> list[tuple[list[str], list[Due]]]:
    """Walk the path in the terminal: per "Datums:" block, the bases asked before it and its dates."""
    replies = iter(answer for _, answer in w.answers)
    asked: list[str] = []
    out = io.StringIO()

    def ask(prompt: str) -> str:
        out.write(prompt)
        for basis, label in BASIS_LABELS.items():
            if prompt.startswith(f"Wat is {label}?"):
                asked.append(basis)
                out.write(f"<asked {basis}>\n")
                return BASES[basis]
        return next(replies)  # a path ends at its outcome: running out would be a bug here

    assert main([], ask=ask, out=out) == 0
    parts = out.getvalue().split("\nDatums:\n")
    blocks: list[tuple[list[str], list[Due]]] = []
    for before, after in pairwise(parts):
        printed: list[Due] = []
        for line in after.splitlines():
            if line.startswith("  "):  # how the count went (feestdagen)
                continue
            match = DATE_LINE.fullmatch(line)
            if match is None:
                break
            title, earliest, latest = match.groups()
            printed.append((title, earliest, latest or earliest))
        blocks.append((re.findall(r"<asked (\w+)>", before), printed))
    assert [b for block in blocks for b in block[0]] == asked  # no date asked without its dates
    return blocks


def call(name: str, **args: Any) -> Any:
    result = json.loads(api.call(name, json.dumps(args)))
    assert "error" not in result, result
    return result


@pytest.mark.parametrize("w", PATHS, ids=lambda w: w.key)
def test_terminal_and_self_check_ask_the_same_dates_and_give_the_same_due_dates(w: engine.Walk) -> None:
    """At every stage of the path where dates lie ahead, the terminal shows the dates the page,
    the record and the calendar file give for the answers so far."""
    expected: list[tuple[list[str], list[Due]]] = []
    given: set[str] = set()
    for n in range(len(w.answers) + 1):
        answers = [list(pair) for pair in w.answers[:n]]
        state = call("state", answers=answers, dates=BASES)
        if not state["dates"]["needed"]:
            continue
        due = [(d["title"], d["earliest"], d["latest"]) for d in state["dates"]["due"]]
        needed = [need["basis"] for need in state["dates"]["needed"] if need["basis"] not in given]
        given.update(needed)
        expected.append((needed, due))

        record = call("record", answers=answers, now=NOW, dates=BASES)["text"]
        listed = record.split("## Datums\n", 1)[1]
        assert [line[2:].rsplit(": ", 1)[0] for line in listed.splitlines() if line.startswith("- ")] == [
            title for title, _, _ in due]
        ics = call("ics", answers=answers, now=NOW, dates=BASES)
        events = Calendar.from_ical(ics["text"]).walk("VEVENT")
        assert ics["events"] == len(due)
        # An all-day event ends the day after its last day (DTEND is exclusive).
        assert [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat(),
                 date.fromordinal(e.decoded("DTEND").toordinal() - 1).isoformat()) for e in events] == due
    assert terminal(w) == expected


def test_the_help_dates_come_at_afweging_5_and_the_melding_date_at_the_outcome() -> None:
    """The comparison above compares dates, not empty lists: the help path has two blocks."""
    help_path = [("afweging-2", "nee"), ("afweging-3", "ja"), ("afweging-4", "ja"), ("afweging-5", "nee")]
    blocks = terminal(engine.walk(default(), help_path))
    assert [asked for asked, _ in blocks] == [["verwijzing", "termijn"], ["melding"]]
    # After help that did not work (afweging 5 = NEE) the check and the termijn are behind you.
    assert [title for title, _, _ in blocks[1][1]] == ["Nog niets gehoord van Veilig Thuis? Bel zelf"]


def test_at_afweging_5_the_help_dates_are_ahead_and_asked() -> None:
    """Where the help has just started, the check and the end of the termijn are the dates ahead."""
    state = call("state", answers=[["afweging-2", "nee"], ["afweging-3", "ja"], ["afweging-4", "ja"]],
                 dates=BASES)
    assert [n["basis"] for n in state["dates"]["needed"]] == ["verwijzing", "termijn"]
    assert [d["id"] for d in state["dates"]["due"]] == ["check-hulpverlening", "einde-termijn"]
