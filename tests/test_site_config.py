"""The school's own details: read from school.toml, and a bad file stops the build cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from protocol import ProtocolError
from site_src.render.school import NATIONAL_PHONE, load_school

ROOT = Path(__file__).resolve().parent.parent
GOOD = """
[school]
name = "De Regenboog"
[aandachtsfunctionaris]
name = "Anna de Vries"
phone = "06-12345678"
[zorgcoordinator]
name = "Bram Jansen"
email = "b.jansen@regenboog.nl"
"""


def test_the_repository_school_file_is_valid() -> None:
    school = load_school(ROOT / "school.toml")
    assert school.name and [c.role for c in school.contacts] == ["Aandachtsfunctionaris", "Zorgcoördinator"]


def test_veilig_thuis_defaults_to_the_national_number(tmp_path: Path) -> None:
    path = tmp_path / "school.toml"
    path.write_text(GOOD, encoding="utf-8")
    school = load_school(path)
    assert school.veilig_thuis.phone == NATIONAL_PHONE == "0800-2000"
    assert school.veilig_thuis.tel == "08002000"
    assert school.contacts[1].email == "b.jansen@regenboog.nl" and school.contacts[1].phone == ""


@pytest.mark.parametrize("text, place, words", [
    (None, "bestand", "ontbreekt"),
    ("[school\nname = 1", "TOML", "geen geldige TOML"),
    (GOOD.replace('name = "Anna de Vries"\n', ""), "[aandachtsfunctionaris]", "`name` ontbreekt"),
    (GOOD.replace('name = "De Regenboog"', "name = 12"), "[school]", "moet tekst"),
    (GOOD + '[veilig_thuis]\nphone = "bel ons"\n', "[veilig_thuis]", "geen telefoonnummer"),
], ids=["ontbreekt", "toml", "veld-ontbreekt", "geen-tekst", "telefoon"])
def test_a_bad_school_file_names_file_place_and_fix(tmp_path: Path, text: str | None, place: str,
                                                    words: str) -> None:
    path = tmp_path / "school.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError) as caught:
        load_school(path)
    message = str(caught.value)
    assert str(path) in message and place in message and words in message and "Oplossing:" in message


def test_a_bad_school_file_stops_the_build_without_touching_the_site(tmp_path: Path) -> None:
    """The build fails before MkDocs empties the site folder: no half-written site."""
    bad = tmp_path / "school.toml"
    bad.write_text(GOOD.replace("[zorgcoordinator]", "[zorgcoordinatr]"), encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("oude site", encoding="utf-8")
    env = {**os.environ, "MELDCODE_SCHOOL": str(bad), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert f"{bad}: [zorgcoordinator]: dit moet een tabel zijn" in done.stderr
    assert "Oplossing:" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "oude site"
