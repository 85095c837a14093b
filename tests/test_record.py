"""protocol/record.py and protocol/note_check.py in CPython: the dossier record, the calendar file and
the personal-data check."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from protocol import default, engine, note_check, record
from protocol.deadlines import DueDate, due_dates
from protocol.model import DeadlineBasis
from site_src import name_list
from tests import note_corpus

NOW = datetime(2026, 12, 24, 16, 5, tzinfo=timezone(timedelta(hours=1)))
HELP_THEN_REPORT = (("afweging-2", "nee"), ("afweging-3", "ja"), ("afweging-4", "ja"), ("afweging-5", "nee"))
BASES: dict[DeadlineBasis, date] = {"verwijzing": date(2026, 12, 1), "termijn": date(2027, 2, 1),
                                    "melding": date(2027, 2, 2)}


def test_record_holds_answers_reasons_time_version_hash_and_notes() -> None:
    p = default()
    w = engine.walk(p, HELP_THEN_REPORT)
    notes = {"afweging-3": "Wijkteam helpt.\nTweede regel."}
    text = record.markdown(p, w, due_dates(p, w, BASES), notes, NOW)
    assert "Gemaakt op: 24 december 2026 om 16:05" in text
    assert f"Protocolversie: {p.version} (controlecode {p.short_hash})" in text
    for question_id, answer_id in HELP_THEN_REPORT:
        q = p.question(question_id)
        a = q.answer(answer_id)
        assert a is not None
        assert f"### Afweging {q.number}: {q.title}\n\nAntwoord: {a.label}\n\nReden: {a.reason}" in text
    assert "\n    Wijkteam helpt.\n    Tweede regel.\n" in text
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
    text = record.markdown(p, w, due_dates(p, w, BASES), {}, NOW)
    after = text.split("## Nieuwe of blijvende signalen\n", 1)[1]
    assert "> Neem z.s.m. contact op met Veilig Thuis" in after
    assert "afweging 2" not in after.lower()
    assert "## Datums\n" in text and "## Data\n" not in text


def test_record_of_an_unfinished_walk_says_what_comes_next() -> None:
    p = default()
    text = record.markdown(p, engine.walk(p, ()), (), {}, NOW)
    assert "Nog geen afweging beantwoord." in text
    assert "volgende is afweging 2" in text


def case_dates() -> tuple[DueDate, ...]:
    """The dates of one case in its two stages: help started (at afweging 5), then the melding."""
    p = default()
    return (*due_dates(p, engine.walk(p, HELP_THEN_REPORT[:3]), BASES),
            *due_dates(p, engine.walk(p, HELP_THEN_REPORT), BASES))


def test_ics_parses_and_holds_the_right_dates() -> None:
    p = default()
    text = record.ics(p, case_dates(), NOW)
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


def test_ics_uids_are_unique_across_exports_and_within_a_file() -> None:
    """Two cases with the same dates must not share a UID, or a calendar overwrites the first."""
    p = default()
    due = case_dates()

    def uids(text: str) -> list[str]:
        return [str(e["UID"]) for e in Calendar.from_ical(text).walk("VEVENT")]

    first, second = uids(record.ics(p, due, NOW)), uids(record.ics(p, due, NOW))
    assert len(first) == len(set(first)) == 3
    assert not set(first) & set(second)
    assert all(u.endswith("@zelfcheck.meldcode-stap5") for u in first)
    # One export id per file: the same id gives the same UIDs (stable), one per event.
    assert uids(record.ics(p, due, NOW, export="abc")) == uids(record.ics(p, due, NOW, export="abc"))


HOSTILE_NOTE = "\n".join([
    "# Vervalste kop", "Setext-kop", "===", "## Antwoord: NEE", "<img src=https://example.org/p.png>",
    "![foto](https://example.org/p.png)", "[klik hier](javascript:alert(1))", "<javascript:alert(1)>",
    "<script>alert(1)</script>", "<div onclick=alert(1)>x</div>", "<!-- verborgen -->", "---",
    "> citaat", "```", "</code></pre><img src=x>", "    al ingesprongen", "\ttab",
    "Zorgen\u2028# na een regelscheiding", "\x0b# na een verticale tab", "<https://example.org>",
    "*nadruk* en **vet** en `code`", "&lt;img&gt; &amp;", "",
    "[ref]: https://example.org", "[ref]", "| a | b |", "- lijst",
])


def test_a_note_is_inert_text_in_the_markdown_record() -> None:
    """Rendered by a Markdown library (Python-Markdown, as dossier systems use such renderers), a note
    shows its text literally: no image, no link, no raw HTML, no extra heading."""
    import markdown  # type: ignore[import-untyped]

    p = default()
    w = engine.walk(p, HELP_THEN_REPORT)
    plain = record.markdown(p, w, (), {}, NOW)
    text = record.markdown(p, w, (), {"afweging-3": HOSTILE_NOTE}, NOW)
    html = markdown.markdown(text, extensions=["tables", "fenced_code", "attr_list", "md_in_html"])
    plain_html = markdown.markdown(plain, extensions=["tables", "fenced_code", "attr_list", "md_in_html"])
    assert "<img" not in html and "<a " not in html and "<script" not in html and "<div" not in html
    assert "<!--" not in html and "<table" not in html and "<em>" not in html
    assert re.findall(r"<h\d", html) == re.findall(r"<h\d", plain_html)
    assert html.count("<pre>") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The plain .md still reads as typed.
    assert "    [klik hier](javascript:alert(1))" in text


def test_ics_without_dates_is_an_empty_calendar() -> None:
    calendar = Calendar.from_ical(record.ics(default(), (), NOW))
    assert list(calendar.walk("VEVENT")) == []


@pytest.mark.parametrize(("digits", "valid"), [
    ("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False), ("12345678", False),
])
def test_elfproef(digits: str, valid: bool) -> None:
    assert note_check.elfproef(digits) is valid


TODAY = date(2026, 12, 24)


def test_the_note_check_is_good_on_the_corpus() -> None:
    """Recall and false alarms on tests/data/notities.toml (223 notes; see tests/note_corpus.py)."""
    score = note_corpus.score()
    assert score.notes >= 150
    assert score.recall >= 0.95, score.misses
    assert score.false_alarm_rate <= 0.03, score.false_alarms


@pytest.mark.parametrize("kind", ["naam", "bsn", "geboortedatum", "postcode", "telefoon", "e-mail", "adres"])
def test_the_corpus_covers_every_kind(kind: str) -> None:
    assert sum(kind == k for n in note_corpus.notes() for k, _ in n.expected) >= 4


def test_hostile_pastes_are_checked_in_one_pass() -> None:
    """A run of names or capitals is found once per name (no name swallows the page)."""
    findings = note_check.personal_data("Daan " * 2000, TODAY)
    assert {f.text for f in findings} <= {"Daan", *(" ".join(["Daan"] * n) for n in range(2, 6))}


def test_the_name_list_is_made_from_its_sources() -> None:
    """If gender-guesser, the supplement or naam-woorden.txt changes, run `make names`."""
    assert name_list.OUTPUT.read_text(encoding="utf-8") == name_list.render()


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
    ("Daan kwam huilend binnen.", {"naam"}),
    ("Gesprek met de leerling (Daan).", {"naam"}),
    ("BSN 123\u00a0456\u00a0782", {"bsn"}),
    ("geb. 1 feb. 2015", {"geboortedatum"}),
    ("woont op 1234 AB", {"postcode"}),
    ("bel 06-12345678", {"telefoon"}),
    ("mail iemand@example.nl", {"e-mail"}),
])
def test_personal_data_is_found(note: str, kinds: set[str]) -> None:
    assert {f.kind for f in note_check.personal_data(note, TODAY)} == kinds


@pytest.mark.parametrize("note", [
    "Moeder belde. Het kind is 8 jaar en zit in groep 5.",
    "Na overleg met de Raad voor de Kinderbescherming besloten om te melden.",
    "In 2022 is er al eens een melding gedaan, op 14 maart 2022.",
    "Groep 6B, Arabisch, Ramadan, Magister, Politie, Intern Begeleider.",
    "We belden Veilig Thuis en de GGD op 12-11-2026.",
    "Bespreking in het zorgteam op 3 december 2026.",
    "Telefoonnummer van Veilig Thuis: 0800 2000.",
    "Nummer 123456789 is geen BSN.",
    "",
])
def test_ordinary_notes_pass(note: str) -> None:
    assert note_check.personal_data(note, TODAY) == []


def test_warning_names_what_was_found() -> None:
    findings = note_check.personal_data("Moeder Sanne, BSN 111222333", TODAY)
    text = note_check.warning(findings)
    assert "een naam of een BSN" in text and "\u2018111222333\u2019" in text
    assert note_check.warning([]) == ""
