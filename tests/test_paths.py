"""Routing: the six paths of the source, every answer at every afweging, and the golden file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from protocol import default, engine
from protocol.cli import main
from protocol.model import Outcome, Question
from tests.source_text import SOURCE_PATHS

GOLDEN = Path(__file__).parent / "golden" / "paden.jsonl"


def parse_key(key: str) -> list[tuple[str, str]]:
    return [(q, a) for q, a in (pair.split("=") for pair in key.split(">"))]


def test_exactly_the_six_paths_of_the_source() -> None:
    found = {w.key: w.current.id for w in engine.paths(default())}
    assert found == SOURCE_PATHS


@pytest.mark.parametrize(("key", "outcome"), SOURCE_PATHS.items(), ids=list(SOURCE_PATHS))
def test_walking_a_path_ends_at_its_outcome(key: str, outcome: str) -> None:
    w = engine.walk(default(), parse_key(key))
    assert w.finished
    assert w.current.id == outcome
    assert len(engine.reasons(w)) == len(w.steps) + 1


def every_answer() -> list[tuple[str, str, str]]:
    """(question, answer, where it leads) as the source text says."""
    return [
        ("afweging-2", "ja", "melden-direct"),
        ("afweging-2", "twijfel", "melden-direct"),
        ("afweging-2", "nee", "afweging-3"),
        ("afweging-3", "ja", "afweging-4"),
        ("afweging-3", "nee", "melden-geen-hulp"),
        ("afweging-4", "ja", "hulp-in-gang-zetten"),
        ("afweging-4", "nee", "melden-hulp-geweigerd"),
        ("afweging-5", "ja", "hulp-afsluiten"),
        ("afweging-5", "nee", "melden-hulp-onvoldoende"),
    ]


@pytest.mark.parametrize(("question", "answer", "target"), every_answer(),
                         ids=[f"{q}={a}" for q, a, _ in every_answer()])
def test_every_answer_at_every_afweging(question: str, answer: str, target: str) -> None:
    assert engine.next_step(default(), question, answer).id == target


def test_the_table_above_covers_every_answer_in_the_data() -> None:
    data = {(q.id, a.id) for q in default().questions for a in q.answers}
    assert data == {(q, a) for q, a, _ in every_answer()}


def test_twijfel_leads_where_ja_leads() -> None:
    p = default()
    assert engine.next_step(p, "afweging-2", "twijfel") == engine.next_step(p, "afweging-2", "ja")


def test_ids_carry_the_number_of_the_afweging() -> None:
    for q in default().questions:
        assert q.id == f"afweging-{q.number}"
        assert {a.id for a in q.answers} <= {"ja", "nee", "twijfel"}


def test_start_is_afweging_2_after_stap_4() -> None:
    p = default()
    assert engine.start(p).id == "afweging-2"
    assert "stap 4" in p.precondition and "afweging 1" in p.precondition


def test_paths_golden(update_goldens: bool) -> None:
    """`make goldens` rewrites tests/golden/paden.jsonl; review the diff before committing."""
    out = io.StringIO()
    assert main(["paden", "--json"], out=out) == 0
    if update_goldens:
        GOLDEN.write_text(out.getvalue(), encoding="utf-8")
    assert out.getvalue() == GOLDEN.read_text(encoding="utf-8")


def test_rendering_paths_twice_gives_the_same_text() -> None:
    first, second = io.StringIO(), io.StringIO()
    main(["paden", "--json"], out=first)
    main(["paden", "--json"], out=second)
    assert first.getvalue() == second.getvalue()


def test_outcomes_are_where_paths_end_and_nowhere_else() -> None:
    p = default()
    ends = {w.current.id for w in engine.paths(p)}
    # The outcomes a loop ends in (a new melding, contact with Veilig Thuis) are reached after an
    # outcome, by new or persisting signals, not by an answer.
    assert ends == {o.id for o in p.outcomes} - p.loop_targets
    assert p.loop_targets == {"opnieuw-melden", "contact-veilig-thuis"}
    assert all(isinstance(p.node(e), Outcome) for e in ends)
    assert not any(isinstance(w.current, Question) for w in engine.paths(p))
