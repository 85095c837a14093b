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


def test_walk_with_twijfel_ends_in_a_direct_melding_without_a_werkdagen_date() -> None:
    out, ask = scripted("twijfel")  # no date asked: a further reply would end the input
    assert main([], ask=ask, out=out) == 0
    text = out.getvalue()
    assert "Op basis van de stappen 1 t/m 4 van de Meldcode" in text
    assert "Uitkomst: Direct melden bij Veilig Thuis" in text
    assert "Meld in de verwijsindex risicojongeren" in text
    assert "JJJJ-MM-DD" not in text and "werkdagen" not in text
    # New signals after a melding: contact with Veilig Thuis, never back to afweging 2.
    assert "Neem z.s.m. contact op met Veilig Thuis" in text
    assert "Verhuisd?\n" in text and "Verhuisd?:" not in text


def test_back_unknown_answer_and_a_wrong_date_are_handled() -> None:
    out, ask = scripted("3", "t", "3", "misschien", "1", "1", "2026-12-01", "2027-02-01", "1")
    assert main([], ask=ask, out=out) == 0
    text = out.getvalue()
    assert "Dat antwoord ken ik niet" in text
    assert "Actie: Hulp in gang zetten" in text
    # The help dates lie ahead at afweging 5: asked and shown there, before its question.
    before_5 = text.split("Afweging 5: ")[0]
    assert "Check of de ouders hulp hebben gezocht: tussen 2026-12-08 en 2026-12-15" in before_5
    assert "Einde van de afgesproken termijn: doe afweging 5: 2027-02-01" in before_5
    assert "Uitkomst: Hulp afsluiten en blijven volgen" in text
    assert text.count("Wat is ") == 2  # hulp afsluiten asks for no further date
    assert "Nieuwe of blijvende signalen: " in text
    assert "doe opnieuw een melding bij Veilig Thuis" in text


def test_a_wrong_date_is_asked_again() -> None:
    out, ask = scripted("nee", "nee", "morgen", "2026-12-24")
    main([], ask=ask, out=out)
    assert "Schrijf de datum als JJJJ-MM-DD" in out.getvalue()
    assert "2027-01-04" in out.getvalue()


def test_stopping_halfway_says_nothing_was_kept() -> None:
    out, ask = scripted("nee")  # then the input ends
    assert main([], ask=ask, out=out) == 1
    assert "Er is niets bewaard" in out.getvalue()


def test_a_date_outside_the_holiday_table_is_asked_again_in_dutch() -> None:
    """No traceback on a far date: a Dutch message without a developer's command, and a new prompt."""
    out, ask = scripted("nee", "nee", "2099-01-01", "9999-12-31", "2045-12-30", "2026-02-29", "2026-12-24")
    assert main([], ask=ask, out=out) == 0
    text = out.getvalue()
    assert text.count("kent de feestdagen van 2024 tot en met 2045") == 3
    assert "bestaat niet" in text and "make" not in text and "2046" not in text
    assert "Veilig Thuis neemt een besluit en koppelt terug: 2027-01-04" in text
    assert "vrijdag 25 december 2026 (Eerste kerstdag)" in text

