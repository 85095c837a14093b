"""protocol/record.py in CPython: the dossier record, the calendar file and the personal-data check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from protocol import default, engine, record
from protocol.api import path_due_dates
from protocol.model import DeadlineBasis

NOW = datetime(2026, 12, 24, 16, 5, tzinfo=timezone(timedelta(hours=1)))
HELP_THEN_REPORT = (("afweging-2", "nee"), ("afweging-3", "ja"), ("afweging-4", "ja"), ("afweging-5", "nee"))
BASES: dict[DeadlineBasis, date] = {"verwijzing": date(2026, 12, 1), "termijn": date(2027, 2, 1),
                                    "melding": date(2027, 2, 2)}


def test_record_holds_answers_reasons_time_version_hash_and_notes() -> None:
    p = default()
    w = engine.walk(p, HELP_THEN_REPORT)
    notes = {"afweging-3": "Wijkteam helpt.\nTweede regel."}
    text = record.markdown(p, w, path_due_dates(p, w, BASES), notes, NOW)
    assert "Gemaakt op: 24 december 2026 om 16:05" in text
    assert f"Protocolversie: {p.version} (controlecode {p.short_hash})" in text
    for question_id, answer_id in HELP_THEN_REPORT:
        q = p.question(question_id)
        a = q.answer(answer_id)
        assert a is not None
        assert f"### Afweging {q.number}: {q.title}\n\nAntwoord: {a.label}\n\nReden: {a.reason}" in text
    assert "> Wijkteam helpt.\n> Tweede regel." in text
    assert "## Uitkomst: Melden: hulp werkt niet genoeg" in text
    assert "Het protocol:\n\n> melden bij Veilig Thuis\n" in text
    for section in engine.walk_duties(p, w):
        assert f"### {section.title}" in text
        assert f"Toelichting: {section.summary}" in text
    assert "als jouw school aangesloten is" in text  # the verwijsindex, with its condition
    assert "Nog niets gehoord van Veilig Thuis? Bel zelf: vrijdag 9 februari 2027" not in text
    assert "Nog niets gehoord van Veilig Thuis? Bel zelf: dinsdag 9 februari 2027" in text


def test_record_says_what_to_do_with_new_signals_and_lists_the_datums() -> None:
    p = default()
    w = engine.walk(p, HELP_THEN_REPORT)
    text = record.markdown(p, w, path_due_dates(p, w, BASES), {}, NOW)
    after = text.split("## Nieuwe of blijvende signalen\n", 1)[1]
    assert "> Neem z.s.m. contact op met Veilig Thuis" in after
    assert "afweging 2" not in after.lower()
    assert "## Datums\n" in text and "## Data\n" not in text


def test_record_of_an_unfinished_walk_says_what_comes_next() -> None:
    p = default()
    text = record.markdown(p, engine.walk(p, ()), (), {}, NOW)
    assert "Nog geen afweging beantwoord." in text
    assert "volgende is afweging 2" in text


def test_ics_parses_and_holds_the_right_dates() -> None:
    p = default()
    w = engine.walk(p, HELP_THEN_REPORT)
    text = record.ics(p, path_due_dates(p, w, BASES), NOW)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = Calendar.from_ical(text)
    events = {str(e["SUMMARY"]): (e.decoded("DTSTART"), e.decoded("DTEND")) for e in calendar.walk("VEVENT")}
    assert events == {
        "Check of de ouders hulp hebben gezocht": (date(2026, 12, 8), date(2026, 12, 16)),
        "Einde van de afgesproken termijn: doe afweging 5": (date(2027, 2, 1), date(2027, 2, 2)),
        "Nog niets gehoord van Veilig Thuis? Bel zelf": (date(2027, 2, 9), date(2027, 2, 10)),
    }
    stamps = {e.decoded("DTSTAMP") for e in calendar.walk("VEVENT")}
    assert stamps == {datetime(2026, 12, 24, 15, 5, tzinfo=UTC)}
    description = str(next(iter(calendar.walk("VEVENT")))["DESCRIPTION"])
    assert "protocolversie 2026.11" in description and "," in description


def test_ics_without_dates_is_an_empty_calendar() -> None:
    calendar = Calendar.from_ical(record.ics(default(), (), NOW))
    assert list(calendar.walk("VEVENT")) == []


@pytest.mark.parametrize(("digits", "valid"), [
    ("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False), ("12345678", False),
])
def test_elfproef(digits: str, valid: bool) -> None:
    assert record.elfproef(digits) is valid


TODAY = date(2026, 12, 24)


@pytest.mark.parametrize(("note", "kinds"), [
    ("Gesprek met Jan de Vries over de zorgen.", {"naam"}),
    ("moeder Fatima belde de school", {"naam"}),
    ("Na overleg met Ahmed besloten te melden.", {"naam"}),
    ("dhr. Bakker was aanwezig", {"naam"}),
    ("BSN 111222333", {"bsn"}),
    ("bsn: 123.456.782", {"bsn"}),
    ("geboren 12-03-2015", {"geboortedatum"}),
    ("Geboortedatum: 2015-03-12", {"geboortedatum"}),
    ("Het kind is van 4 juni 2016.", {"geboortedatum"}),
    ("Het gaat om Lisa (geb. 3 april 2014).", {"naam", "geboortedatum"}),
])
def test_personal_data_is_found(note: str, kinds: set[str]) -> None:
    assert {f.kind for f in record.personal_data(note, TODAY)} == kinds


@pytest.mark.parametrize("note", [
    "Moeder belde. Het kind is 8 jaar en zit in groep 5.",
    "We belden Veilig Thuis en de GGD op 12-11-2026.",
    "Bespreking in het zorgteam op 3 december 2026.",
    "Telefoonnummer van Veilig Thuis: 0800 2000.",
    "Nummer 123456789 is geen BSN.",
    "",
])
def test_ordinary_notes_pass(note: str) -> None:
    assert record.personal_data(note, TODAY) == []


def test_warning_names_what_was_found() -> None:
    findings = record.personal_data("Moeder Sanne, BSN 111222333", TODAY)
    text = record.warning(findings)
    assert "een naam of een BSN" in text and "\u2018111222333\u2019" in text
    assert record.warning([]) == ""
