"""`python -m protocol` as a person uses it in the terminal."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator

from protocol.cli import main
from tests.source_text import SOURCE_PATHS


def scripted(*replies: str) -> tuple[io.StringIO, Callable[[str], str]]:
    """Replies typed at the prompts; after the last one the input ends, as with Ctrl-D."""
    answers: Iterator[str] = iter(replies)
    out = io.StringIO()

    def ask(prompt: str) -> str:
        out.write(prompt)
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    return out, ask


def test_paden_json_lists_the_six_paths() -> None:
    run = subprocess.run([sys.executable, "-m", "protocol", "paden", "--json"],
                         capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert {"|".join(f"{q}={a}" for q, a in r["answers"]): r["outcome"] for r in records} == {
        k.replace(">", "|"): v for k, v in SOURCE_PATHS.items()}
    assert all(r["title"] for r in records)


def test_paden_as_text() -> None:
    out = io.StringIO()
    main(["paden"], out=out)
    assert "afweging-2=nee>afweging-3=nee  ->  melden-geen-hulp" in out.getvalue()


def test_walk_with_twijfel_ends_in_a_direct_melding_with_its_dates() -> None:
    out, ask = scripted("twijfel", "2026-12-24")
    assert main([], ask=ask, out=out) == 0
    text = out.getvalue()
    assert "Op basis van de stappen 1 t/m 4 van de Meldcode" in text
    assert "Uitkomst: Direct melden bij Veilig Thuis" in text
    assert "Meld in de verwijsindex risicojongeren" in text
    assert "Veilig Thuis neemt een besluit en koppelt terug: 2027-01-04" in text


def test_back_unknown_answer_and_a_wrong_date_are_handled() -> None:
    out, ask = scripted("3", "t", "3", "misschien", "1", "1", "1")
    assert main([], ask=ask, out=out) == 0
    text = out.getvalue()
    assert "Dat antwoord ken ik niet" in text
    assert "Actie: Hulp in gang zetten" in text
    assert "Uitkomst: Hulp afsluiten en blijven volgen" in text
    assert "Schrijf de datum als JJJJ-MM-DD" not in text  # hulp afsluiten asks for no date
    assert "Nieuwe of blijvende signalen?" in text


def test_a_wrong_date_is_asked_again() -> None:
    out, ask = scripted("nee", "nee", "morgen", "2026-12-24")
    main([], ask=ask, out=out)
    assert "Schrijf de datum als JJJJ-MM-DD" in out.getvalue()
    assert "2027-01-04" in out.getvalue()


def test_stopping_halfway_says_nothing_was_kept() -> None:
    out, ask = scripted("nee")  # then the input ends
    assert main([], ask=ask, out=out) == 1
    assert "Er is niets bewaard" in out.getvalue()
