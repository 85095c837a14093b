"""Write protocol/data/voornamen.txt (run: `make names`): given names the note check looks for.

Sources:
- the first-name dictionary by Jörg Michael (2008, GNU Free Documentation License 1.2+), as shipped
  in the PyPI package `gender-guesser` 0.4.0 (`gender_guesser/data/nam_dict.txt`): every name it marks
  as used in the Netherlands, Belgium, Turkey, the Arab countries or Poland (the languages most
  spoken in Dutch classrooms), at any frequency;
- SUPPLEMENT below: names common among children born in the Netherlands since 2008 that the 2008
  dictionary lacks (from the SVB's yearly lists of popular given names, checked by hand);
- site_src/data/naam-woorden.txt: names that are also ordinary Dutch words a note would use (`roos`,
  `mees`, `ben`), kept by hand from the candidates that Debian's `wdutch` word list gives
  (`--words /usr/share/dict/dutch` prints them; most, like `thomas`, are rare words, not a risk).
  They are marked `~`: the check counts them as a name only where a name is plain (a capital
  inside a sentence, after `moeder`, ...), never in lower case.
Names in DROP are left out: in a note they are nearly always the word (Ramadan, Islam, Kamer).

The output keeps the dictionary's licence (GFDL); tests/test_record.py checks it is up to date.
"""

from __future__ import annotations

import argparse
from importlib.metadata import files, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "protocol" / "data" / "voornamen.txt"
WORDS = ROOT / "site_src" / "data" / "naam-woorden.txt"
COUNTRIES = {"belgium": 8, "the_netherlands": 10, "poland": 23, "turkey": 46, "arabia": 47}

_SUPPLEMENT = """
Noah Sem Liam Luca Lucas Daan Finn Levi Milan Mees Sam James Noud Bram Luuk Jesse Adam Mason Max Siem
Benjamin Boaz Teun Hugo Thomas Olivier Jens Julian Thijs Guus Gijs Sven Ruben Stijn Tijn Jurre Morris Dex
Ravi Jayden Jaylano Ilias Rayan Ayoub Zakaria Youssef Mohamed Mohammed Yassin Amir Amin Ryan Mats Floris
Vince Owen Emma Julia Mila Sophie Tess Zoë Nora Olivia Yara Saar Nova Evi Anna Sara Liv Lotte Noor Fenna
Sofie Isa Lieke Maud Roos Elin Ella Fleur Lina Jill Eva Hailey Loïs Amy Nina Mia Lynn Luna Fien Lize Lizzy
Sofia Hannah Lauren Jasmijn Femke Esmee Romy Lisa Sanne Anouk Iris Fay Noa Jade Ivy Puck Vera Zara Hiba Aya
Malak Salma Yasmina Amira Nour Hajar Imane Inaya Assia Ayla Elif Zeynep Ecem Defne Azra Eylül Hira Beyza
Kaan Yusuf Emir Mert Efe Alperen Miraç Ömer Ahmet Mehmet Oliwia Zuzanna Wiktoria Maja Lena Hanna Antoni
Jakub Szymon Kacper Filip Oksana Olena Sofiia Maksym Artem Bohdan Daria Viktoria Anastasia Mariam Ali Omar
Ibrahim Hamza Bilal Yahya Hatice Aslı Işıl İlayda Şükrü Łucja Bartłomiej Kübra Büşra Gül Gülşen
"""  # noqa: RUF001 (the dotless i of Turkish names is the point)
SUPPLEMENT = frozenset(_SUPPLEMENT.split())

_DROP = """
Al Alle Alien Ban Bel Bo Beste Brand Broer Burg Co Constant Dan Do Door El Elke Free Ge Gooi Hun Islam
Jarig Jihad Kader Kalender Kamer Kas Kick Kok Koop Koord Lama Lei Linie Ma Maan Maart Mans Mar Marine Meent
Meisje Nader Nil Ninja Non Oude Peer Per Pier Pit Raid Rail Ramadan Rand Rem Richt Riem Rijk Ris Salam Sas
Schaker Servet Shaker Slim Sultan Take Tan Tea Tien To Ton Trui Vries Wadi Wille Wilt Wit Zwaan
"""
DROP = frozenset(_DROP.split())


def dictionary_names() -> set[str]:
    """The dictionary's names used in COUNTRIES ('+' joins parts: 'Jun+Wei' is Jun-Wei or JunWei)."""
    path = next(f for f in files("gender-guesser") or () if f.name == "nam_dict.txt").locate()
    found: set[str] = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        # Lines with '+' in column 30 repeat a name with expanded umlauts (the file's own note).
        if not line or line[0] in "#=" or line[29:30] == "+":
            continue
        frequencies = line[30:]
        if any(frequencies[i:i + 1].strip() for i in COUNTRIES.values()):
            name = line.split()[1]
            found |= {name.replace("+", ""), name.replace("+", "-")}
    return found


def words() -> set[str]:
    return {line.strip() for line in WORDS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def render() -> str:
    names = (dictionary_names() | SUPPLEMENT) - DROP
    ordinary = {w.casefold() for w in words()}
    lines = [
        "# Voornamen voor de controle op persoonsgegevens in notities. Gemaakt met `make names`",
        "# (site_src/name_list.py). Bron: het voornamenbestand van Jörg Michael (2008), uit het pakket",
        f"# gender-guesser {version('gender-guesser')}; licentie GNU Free Documentation License 1.2 "
        "of later.",
        "# Aangevuld met namen van kinderen geboren sinds 2008. '~' = ook een gewoon Nederlands woord.",
    ]
    lines += [f"~{n}" if n.casefold() in ordinary else n
              for n in sorted(names, key=lambda n: (n.casefold(), n))]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", help="a word list (/usr/share/dict/dutch): print candidates for "
                        "naam-woorden.txt")
    args = parser.parse_args()
    if args.words:  # candidates for naam-woorden.txt, to choose from by hand
        lines = Path(args.words).read_text(encoding="utf-8").splitlines()
        ordinary = {w.strip() for w in lines if w.islower()}
        names = (dictionary_names() | SUPPLEMENT) - DROP
        print(" ".join(sorted(n for n in names if n.casefold() in ordinary)))
        return
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
