"""The engine as the self-check uses it: walking, going back, duties, loops and dates."""

from __future__ import annotations

from datetime import date

import pytest

from protocol import default, engine
from protocol.deadlines import due_dates, needed_bases, walk_deadlines
from protocol.model import Outcome, Question

HELP_STARTED = [("afweging-2", "nee"), ("afweging-3", "ja"), ("afweging-4", "ja")]


def test_walk_stops_at_the_next_question() -> None:
    w = engine.walk(default(), [("afweging-2", "nee")])
    assert isinstance(w.current, Question) and w.current.id == "afweging-3"
    assert not w.finished


def test_going_back_and_changing_an_answer_is_walking_fewer_or_other_answers() -> None:
    p = default()
    long = engine.walk(p, [*HELP_STARTED, ("afweging-5", "nee")])
    back = engine.walk(p, long.answers[:-1])
    assert back.current.id == "afweging-5"
    changed = engine.walk(p, [*back.answers, ("afweging-5", "ja")])
    assert changed.current.id == "hulp-afsluiten"


def test_actions_on_the_way_are_steps_with_a_reason() -> None:
    w = engine.walk(default(), HELP_STARTED)
    assert w.node_ids == ("afweging-2", "afweging-3", "afweging-4", "hulp-in-gang-zetten", "afweging-5")
    assert engine.stage(w) == ("hulp-in-gang-zetten", "afweging-5")
    assert w.steps[-1].reason.startswith("Hulp in gang zetten")


def test_reasons_quote_the_protocol_for_every_answer() -> None:
    p = default()
    w = engine.walk(p, [("afweging-2", "twijfel")])
    twijfel = p.question("afweging-2").answer("twijfel")
    assert twijfel is not None
    assert engine.reasons(w) == [
        "Afweging 2 (Veiligheid afweging): TWIJFEL. " + twijfel.reason
        + " Het protocol: \u201cJA of twijfel -> direct (telefonisch) (anoniem) melding doen bij Veilig "
        "Thuis.\u201d",
        "Uitkomst: Direct melden bij Veilig Thuis.",
    ]


@pytest.mark.parametrize(("answers", "message"), [
    ([("afweging-3", "ja")], "nu is 'afweging-2' aan de beurt"),
    ([("afweging-2", "misschien")], "'misschien' is geen antwoord"),
    ([("afweging-2", "ja"), ("afweging-3", "ja")], "al klaar"),
])
def test_answers_that_do_not_fit_are_refused(answers: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(engine.WalkError, match=message):
        engine.walk(default(), answers)


@pytest.mark.parametrize(("outcome", "sections"), [
    ("melden-direct", {"melden-en-effecten-volgen", "belangrijk", "melding-doen", "terugkoppeling",
                       "verhuisd", "bij-verhuizing"}),
    ("melden-geen-hulp", {"melden-en-effecten-volgen", "melding-doen", "terugkoppeling", "verhuisd",
                          "bij-verhuizing"}),
    # "Belangrijk" stands in the protocol right after the help sections: it belongs to help too.
    ("hulp-afsluiten", {"daarnaast", "zelf-hulp-bieden", "belangrijk", "bij-verhuizing"}),
    ("hulp-in-gang-zetten", {"daarnaast", "zelf-hulp-bieden", "belangrijk", "bij-verhuizing"}),
])
def test_duties_of_an_outcome(outcome: str, sections: set[str]) -> None:
    assert {s.id for s in engine.duties(default(), outcome)} == sections


def test_every_section_belongs_somewhere_on_a_path_or_to_a_situation() -> None:
    p = default()
    reached = {s.id for w in engine.paths(p) for ident in w.node_ids for s in engine.duties(p, ident)}
    reached |= {s.id for sit in p.situations for s in engine.situation_duties(p, sit.id)}
    assert reached == {s.id for s in p.sections}


def test_moving_family_brings_both_moving_sections() -> None:
    assert {s.id for s in engine.situation_duties(default(), "verhuizing")} == {"bij-verhuizing", "verhuisd"}


def test_new_signals_after_help_mean_zorgteam_and_melding_after_melding_contact() -> None:
    """As the protocol says per path; never back to afweging 2, where a NEE would mean help again
    without any melding."""
    p = default()
    for w in engine.paths(p):
        assert isinstance(w.current, Outcome)
        (loop,) = engine.loops_from(p, w.current.id)
        target = p.outcome(loop.to)
        if w.current.category == "hulp":
            assert (target.id, target.category) == ("opnieuw-melden", "melden"), w.key
            assert any("interne zorgteam" in t for t in target.text)
        else:
            assert (target.id, target.category) == ("contact-veilig-thuis", "contact"), w.key
            assert any("tweede melding" in t for t in target.text)


def test_every_bij_verhuizing_duty_is_on_every_path() -> None:
    p = default()
    for w in engine.paths(p):
        assert "bij-verhuizing" in {s.id for s in engine.walk_duties(p, w)}, w.key


def test_a_direct_melding_has_no_werkdagen_deadline() -> None:
    """Acute danger: Veilig Thuis acts at once; the 5 werkdagen stand only at afweging 3 = NEE."""
    p = default()
    for answer in ("ja", "twijfel"):
        w = engine.walk(p, [("afweging-2", answer)])
        assert walk_deadlines(p, w) == (), answer


def test_melding_on_christmas_eve_is_decided_after_kerst() -> None:
    p = default()
    w = engine.walk(p, [("afweging-2", "nee"), ("afweging-3", "nee")])
    assert needed_bases(p, w) == ("melding",)
    (decision,) = due_dates(p, w, {"melding": date(2026, 12, 24)})
    assert decision.deadline.id == "besluit-veilig-thuis"
    assert decision.earliest == decision.latest == date(2027, 1, 4)


def test_help_started_gives_the_check_window_and_the_agreed_termijn() -> None:
    p = default()
    w = engine.walk(p, HELP_STARTED)
    assert needed_bases(p, w) == ("verwijzing", "termijn")
    check, termijn = due_dates(p, w, {"verwijzing": date(2026, 12, 18), "termijn": date(2027, 2, 13)})
    # One week after 18 December is Kerst (Friday 25th): the first werkdag is Monday 28th.
    assert (check.earliest, check.latest) == (date(2026, 12, 28), date(2027, 1, 4))
    # The agreed termijn is kept as agreed, even on a Saturday.
    assert termijn.earliest == termijn.latest == date(2027, 2, 13)


def test_dates_not_given_are_left_out() -> None:
    p = default()
    w = engine.walk(p, HELP_STARTED)
    assert [d.deadline.id for d in due_dates(p, w, {"verwijzing": date(2026, 12, 1)})] == [
        "check-hulpverlening"]


def test_closing_help_has_no_deadline_and_melding_after_help_only_the_decision() -> None:
    p = default()
    assert walk_deadlines(p, engine.walk(p, [*HELP_STARTED, ("afweging-5", "ja")])) == ()
    after = walk_deadlines(p, engine.walk(p, [*HELP_STARTED, ("afweging-5", "nee")]))
    # Not the protocol's 5 werkdagen (only at afweging 3 = NEE): our marked advice to call.
    assert [d.id for d in after] == ["terugkoppeling-navragen"]
    assert after[0].explanation.startswith("Onze lezing")
