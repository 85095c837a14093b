"""Each rule of the protocol file, broken once: one clear error naming file, place and fix."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from protocol import ProtocolError, default_path, load

GOOD = Path(default_path()).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Broken:
    name: str
    old: str  # text in the good file ...
    new: str  # ... replaced by this
    place: str  # the id the message must name
    problem: str  # words the message must hold
    also: tuple[tuple[str, str], ...] = ()  # further (old, new) edits


OUTCOME_TAIL = 'summary = "De hulp werkt: sluit af en leg vast hoe je de veiligheid blijft volgen."'
CASES = [
    Broken("onbekend-doel", 'to = "melden-geen-hulp"', 'to = "melden-onbekend"',
           "afweging-3", "'melden-onbekend', maar die bestaat niet"),
    Broken("onbereikbare-stap", "# Situaties die los",
           '[[outcomes]]\nid = "vergeten"\nkind = "hulp"\ntitle = "x"\nphase = "school"\n'
           'text = ["y"]\nfootnotes = []\ndeadlines = []\nsummary = "s"\nexplanation = "e"\n\n'
           "# Situaties die los", "outcomes 'vergeten'", "niet te bereiken"),
    Broken("geen-weg-naar-uitkomst", 'to = "hulp-afsluiten"', 'to = "afweging-5"',
           "afweging-5", "geen uitkomst te bereiken",
           also=(('to = "melden-hulp-onvoldoende"', 'to = "afweging-5"'),)),
    Broken("kring", 'to = "melden-hulp-onvoldoende"', 'to = "afweging-4"',
           "afweging-", "kring"),
    Broken("tekst-ontbreekt",
           'text = "Aanvaarden de betrokkenen de hulp zoals in afweging 3 is georganiseerd en zijn zij '
           'bereid zich actief in te zetten?"\n', "", "questions 'afweging-4'", "`text` ontbreekt"),
    Broken("lege-tekst", 'text = ["melden bij Veilig Thuis, die binnen', 'text = [" ", "melden bij Veilig'
           ' Thuis, die binnen', "outcomes 'melden-geen-hulp'", "lege tekst"),
    Broken("dubbel-id", 'id = "melden-hulp-onvoldoende"', 'id = "melden-hulp-geweigerd"',
           "melden-hulp-geweigerd", "twee keer"),
    Broken("ongeldige-toml", 'title = "Resultaat"', 'title = "Resultaat', "regel", "geen geldige TOML"),
    Broken("uitkomst-met-antwoord", OUTCOME_TAIL, OUTCOME_TAIL + '\nnext = "afweging-2"',
           "outcomes 'hulp-afsluiten'", "geen `next`"),
    Broken("geen-slug", 'id = "afweging-5"', 'id = "Afweging 5"', "Afweging 5", "geen geldig id"),
    Broken("onbekende-voetnoot", 'footnotes = ["tweede-lijn", "ketenpartners"]',
           'footnotes = ["tweede-lijn", "buren"]', "afweging-3", "de voetnoot 'buren'"),
    Broken("voetnootteken-zonder-voetnoot", 'footnotes = ["tweede-lijn", "ketenpartners"]',
           'footnotes = ["tweede-lijn"]', "afweging-3", "voetnootteken ²"),
    Broken("onbekende-start", 'start = "afweging-2"', 'start = "afweging-1"', "start",
           "'afweging-1', maar die bestaat niet"),
    Broken("start-is-doel", 'to = "melden-hulp-geweigerd"', 'to = "afweging-2"', "afweging-", "kring"),
    Broken("onbekende-sectie", 'section = "daarnaast"\nlabel', 'section = "nergens"\nlabel',
           "loops 'opnieuw-na-hulp'", "de sectie 'nergens'"),
    Broken("onbekende-termijn", 'deadlines = ["check-hulpverlening", "einde-termijn"]',
           'deadlines = ["ooit"]', "actions 'hulp-in-gang-zetten'", "de termijn 'ooit'"),
    Broken("verkeerd-type", "number = 3", 'number = "drie"', "afweging-3", "geheel getal"),
    Broken("onbekende-soort", 'kind = "hulp"', 'kind = "misschien"', "hulp-afsluiten", "misschien"),
    # New or persisting signals end in a melding or contact with Veilig Thuis, never at a question.
    Broken("lus-terug-naar-afweging", 'to = "opnieuw-melden"', 'to = "afweging-2"',
           "loops 'opnieuw-na-hulp' > to", "eindigt bij de afweging 'afweging-2', niet bij een melding"),
    Broken("lus-naar-hulp", 'to = "contact-veilig-thuis"', 'to = "hulp-afsluiten"',
           "loops 'opnieuw-na-melding' > to", "eindigt bij de uitkomst 'hulp-afsluiten'"),
    # A deadline only where the protocol states it (5 werkdagen: afweging 3 = NEE), or marked as ours.
    Broken("termijn-waar-het-protocol-hem-niet-noemt",
           'text = ["direct (telefonisch) (anoniem) melding doen bij Veilig Thuis."]\nfootnotes = []\n'
           'deadlines = []',
           'text = ["direct (telefonisch) (anoniem) melding doen bij Veilig Thuis."]\nfootnotes = []\n'
           'deadlines = ["besluit-veilig-thuis"]',
           "outcomes 'melden-direct' > deadlines",
           "'besluit-veilig-thuis' staat hier niet in de protocoltekst"),
    Broken("eigen-termijn-niet-gemarkeerd",
           'explanation = "Onze lezing: het protocol noemt de 5 werkdagen',
           'explanation = "Het protocol noemt de 5 werkdagen', "deadlines 'terugkoppeling-navragen'",
           "zegt ook niet dat hij onze lezing is"),
    # Footnote ³ stands with afweging 5's JA answer, where its mark is, not with the question.
    Broken("voetnoot-bij-de-verkeerde-tekst",
           'footnotes = []\nexplanation = "Je beantwoordt deze vraag aan het eind',
           'footnotes = ["nazorg"]\nexplanation = "Je beantwoordt deze vraag aan het eind',
           "questions 'afweging-5'", "het teken ³ staat niet in deze tekst",
           also=(('to = "hulp-afsluiten"\nfootnotes = ["nazorg"]', 'to = "hulp-afsluiten"'),)),
    Broken("negatieve-werkdagen", "workdays = 5", "workdays = -5", "deadlines 'besluit-veilig-thuis'",
           "`workdays` is -5, maar mag niet negatief zijn"),
    Broken("negatieve-dagen", "days = [7, 14]", "days = [-7, 14]", "deadlines 'check-hulpverlening'",
           "`days` bevat een negatief getal (-7)"),
]


def write_broken(tmp_path: Path, case: Broken) -> Path:
    text = GOOD
    for old, new in ((case.old, case.new), *case.also):
        assert old in text, f"fixture {case.name}: {old!r} niet gevonden in meldcode.toml"
        text = text.replace(old, new, 1)
    path = tmp_path / f"{case.name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_broken_file_stops_with_one_clear_message(tmp_path: Path, case: Broken) -> None:
    path = write_broken(tmp_path, case)
    with pytest.raises(ProtocolError) as caught:
        load(path)
    message = str(caught.value)
    assert path.name in message
    assert case.place in message
    assert case.problem in message
    assert "Oplossing:" in message


@pytest.mark.parametrize("case", CASES[:8], ids=lambda c: c.name)
def test_cli_exits_nonzero_with_the_message(tmp_path: Path, case: Broken) -> None:
    path = write_broken(tmp_path, case)
    run = subprocess.run([sys.executable, "-m", "protocol", "--bestand", str(path), "valideer"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("Fout: ")
    assert path.name in run.stderr and case.place in run.stderr and "Oplossing:" in run.stderr


def test_the_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "meldcode.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load(path).start == "afweging-2"


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match=r"bestaat-niet\.toml"):
        load(tmp_path / "bestaat-niet.toml")


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = write_broken(tmp_path, next(c for c in CASES if c.name == "ongeldige-toml"))
    line = GOOD.splitlines().index('title = "Resultaat"') + 1
    with pytest.raises(ProtocolError, match=f"regel {line}, kolom"):
        load(path)
