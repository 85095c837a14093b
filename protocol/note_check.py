"""A warning when a note typed into the self-check looks like it holds personal data (a name, BSN,
date of birth, postcode, phone number, e-mail or street address).

A warning, not a block: it runs on every note as it is typed, so it must be fast (linear in the
text) and it must not cry wolf, or people stop reading it. tests/data/notities.toml holds the
notes it is measured on (recall and false alarms: tests/test_record.py; speed: `make bench`).
Standard library only: this runs in the browser (Pyodide) exactly as in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from .datafiles import DATA_DIR


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KIND_LABELS
    text: str


KIND_LABELS = {"naam": "een naam", "bsn": "een BSN", "geboortedatum": "een geboortedatum",
               "postcode": "een postcode", "telefoon": "een telefoonnummer", "e-mail": "een e-mailadres",
               "adres": "een adres"}

# Words before a name: `moeder Fatima`, `dhr. Bakker`, `leerling Bram van der Berg`.
TITLES = frozenset((
    "meneer", "mevrouw", "mevr", "mw", "mr", "dhr", "hr", "juf", "meester", "moeder", "vader", "mama", "papa",
    "opa", "oma", "broer", "zus", "zusje", "broertje", "leerling", "kind", "oom", "tante", "stiefvader",
    "stiefmoeder", "vriend", "vriendin", "neef", "nicht", "buurman", "buurvrouw", "familie", "fam", "gezin",
    "pleegmoeder", "pleegvader", "zoon", "dochter", "baby", "meisje", "jongen", "mentor", "leerkracht",
))
# Between a given name and a family name, or a title and a family name: `van der`, `de`, `El`.
PARTICLES = frozenset(("van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "el", "al",
                       "da", "di", "du", "la", "le", "von", "bin", "ibn"))
# After these a capital is a thing (`de Raad`, `het Buurtteam`), not a person.
ARTICLES = frozenset(("de", "het", "een", "deze", "die", "dit", "dat", "onze", "ons", "uw", "hun", "haar",
                      "zijn", "mijn", "jouw"))
# Words that often start a sentence and are also a name in the list (`Ben je ...`, `Wil graag ...`).
SENTENCE_WORDS = frozenset(("ben", "wil", "bel", "mag", "kan", "hoop", "zie", "geef", "heb", "kom", "ga",
                            "was", "had", "nog", "dus", "toen", "daar", "hier", "ook"))
# Compounds ending like this name a thing or a role: `Kanjertraining`, `Ambulant Begeleider`.
TERM_ENDINGS = ("groep", "training", "club", "team", "begeleider", "ambtenaar", "arts", "werker", "coach",
                "dienst", "zorg", "school", "vakantie", "feest", "les", "klas", "opvang", "huis", "hulp",
                "raad", "bureau", "centrum", "kundige", "therapeut", "isch", "ische", "melding", "gesprek",
                "overleg", "plan", "verslag", "dossier", "instelling", "organisatie", "stichting",
                "ambulance")
SENTENCE_MARKS = frozenset(".!?:;\n\"'(\u201c\u201e\u2018\u201a-*>\u2022[")

_LETTER = r"[^\W\d_]"
_TOKEN = re.compile(rf"(?<!\d){_LETTER}+(?:['\u2019\-]{_LETTER}+)*\.?")
_SEPARATOR = r"[ \u00a0\u202f.\-]"
_NINE_DIGITS = re.compile(
    rf"(?<!\d)(?<!\d{_SEPARATOR})(?<!\d{_SEPARATOR}{_SEPARATOR})(\d(?:{_SEPARATOR}{{0,2}}\d){{8}})"
    rf"(?!{_SEPARATOR}{{0,2}}\d)")
_PHONE = re.compile(
    r"(?<![\d+])((?:\+31|0031)[ \u00a0\-]?(?:\(0\)[ \u00a0\-]?)?[1-9](?:[ \u00a0\-]?\d){8}"
    r"|0[1-9](?:[ \u00a0\-]?\d){8})(?![ \u00a0\-]?\d)")
# Starts only where no address character comes before: linear, also on a long run of letters.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A postcode, with the place after it (`1234 AB Ergens`).
_POSTCODE = re.compile(r"\b([1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}|[1-9]\d{3}(?!sa|sd|ss)[a-z]{2})\b"
                       rf"(?:[ \u00a0]+[A-Z]{_LETTER}+(?:[ \-][A-Z]{_LETTER}+)*)?")
_STREET_ENDINGS = ("straat|laan|weg|plein|gracht|kade|singel|dijk|hof|steeg|dreef|pad|park|plantsoen|markt|"
                   "ring|erf|baan|boulevard|dam|wal|haven|hoven|straatweg|zijde|akker|veld|brink|poort")
_ADDRESS = re.compile(
    rf"\b((?:[A-Z]{_LETTER}*[ \u00a0]){{0,3}}[A-Z]{_LETTER}*(?:{_STREET_ENDINGS})[ \u00a0]+\d{{1,5}}"
    r"(?:[ \u00a0]?[a-zA-Z]\b|-[A-Za-z0-9]+)?)")
_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           "jan|feb|febr|mrt|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_DATE = re.compile(
    r"(?<!\d)(\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d])"
    rf"|(?<!\d)(\d{{1,2}}\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?)", re.IGNORECASE)
_BIRTH = re.compile(r"(?:geboren|geb\.?\s*datum|geb\.|\bgeb\b|geboortedatum|gebdatum|jarig|verjaardag|"
                    r"\bdob\b|\bis van\s*$)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z])|\n")
_BIRTH_BEFORE = 60  # characters before a date in which a birth word makes it a date of birth


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Given names (casefolded) from data/voornamen.txt: plain names, and names that are also words."""
    plain: set[str] = set()
    words: set[str] = set()
    for line in (DATA_DIR / "voornamen.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            (words if line.startswith("~") else plain).add(line.lstrip("~").casefold())
    return frozenset(plain), frozenset(words)


@cache
def _terms() -> frozenset[str]:
    """Capitalised words that name no person, from data/geen-namen.txt."""
    text = (DATA_DIR / "geen-namen.txt").read_text(encoding="utf-8")
    return frozenset(w.casefold() for line in text.splitlines() if not line.startswith("#")
                     for w in line.split())


def elfproef(digits: str) -> bool:
    """The check a BSN passes: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    values = [int(c) for c in digits]
    total = sum(weight * value for weight, value in zip(range(9, 1, -1), values[:8], strict=True))
    total -= values[8]
    return total % 11 == 0 and total != 0


_ENDINGS = frozenset(TERM_ENDINGS)


@lru_cache(maxsize=8192)
def _is_term(folded: str) -> bool:
    if "-" in folded:  # `Midden-Nederland`, `GGD-jeugdverpleegkundige`
        return any(_is_term(part) for part in folded.split("-") if part)
    return (folded in _terms() or folded in _ENDINGS
            or (folded.endswith(TERM_ENDINGS) and any(folded.endswith(e) and len(folded) > len(e) + 2
                                                      for e in TERM_ENDINGS)))


def _is_given_name(folded: str, plain: frozenset[str]) -> bool:
    """In the list, or a double name of listed names (`Anna-Sophie`)."""
    if folded in plain:
        return True
    parts = folded.split("-")
    return len(parts) > 1 and all(p in plain for p in parts)


def _is_name(word: str, folded: str, plain: frozenset[str], words: frozenset[str], *, capital: bool,
             upper: bool, titled: bool, begins: bool, before: str) -> bool:
    """One word: a listed given name (any case but Mixed), a name that is also a word where a name
    is plain, a capital after a title, or a capital inside a sentence that is no known term."""
    if _is_given_name(folded, plain):
        return capital or word.islower()
    if capital and not upper:
        if folded in words:
            return titled or not begins or folded not in SENTENCE_WORDS
        return titled or (not begins and before not in ARTICLES and len(word) > 1)
    return False


def _names(text: str) -> list[tuple[int, int]]:
    """Spans of text that look like a person's name. One pass over the words: linear in the text."""
    plain, words = _name_lists()
    tokens: list[tuple[int, int, str, str, bool]] = []
    for m in _TOKEN.finditer(text):
        word = m[0].rstrip(".")
        tokens.append((m.start(), m.start() + len(word), word, word.casefold(), word[0].isupper()))
    spans: list[tuple[int, int]] = []
    previous_end = 0
    covered = 0  # the end of the last name found: a word inside it starts no new one
    after_stop = True  # the text starts a sentence
    for index, (start, end, word, folded, capital) in enumerate(tokens):
        gap = text[previous_end:start]
        begins = after_stop or not SENTENCE_MARKS.isdisjoint(gap)
        mark = text[end:end + 1]
        after_stop = mark in ("!", "?") or (mark == "." and len(word) > 3 and folded not in TITLES)
        previous_end = end
        if (not capital and folded not in plain and "-" not in folded) or start < covered:
            continue  # most words: lower case and no name
        if (folded in PARTICLES and not capital) or folded in TITLES or _is_term(folded):
            continue
        before = tokens[index - 1][3] if index else ""
        if index and tokens[index - 1][4] and before not in TITLES and _is_term(before) \
                and gap in (" ", "\u00a0"):
            continue  # the second word of a term (`Sociaal Team`, `Intern Begeleider`)
        back = index - 1  # a title, maybe with particles between (`meneer de Jong`)
        while back >= max(0, index - 3) and tokens[back][3] in PARTICLES and not tokens[back][4]:
            back -= 1
        between = text[tokens[back][1]:start] if back >= 0 else ""
        titled = (back >= 0 and tokens[back][3] in TITLES and "\n" not in between
                  and SENTENCE_MARKS.isdisjoint(between.replace(".", "", 1)))
        upper = word.isupper() and len(word) > 1
        if not _is_name(word, folded, plain, words, capital=capital, upper=upper, titled=titled,
                        begins=begins, before=before):
            continue
        # Take in a family name after it: particles, then capitalised words (`Bram van der Berg`).
        last = probe = index
        while probe + 1 < len(tokens) and probe < index + 4:  # a name has a few words, not a page
            probe += 1
            _, _, nxt, nxt_folded, nxt_capital = tokens[probe]
            if text[tokens[probe - 1][1]:tokens[probe][0]] not in (" ", "\u00a0"):
                break
            if nxt_folded in PARTICLES and not nxt_capital:
                continue
            if nxt_capital and not nxt.isupper() and not _is_term(nxt_folded):
                last = probe
                continue
            break
        # After a title, particles belong to the name (`meneer de Jong`).
        first = back + 1 if titled else index
        spans.append((tokens[first][0], tokens[last][1]))
        covered = tokens[last][1]
    return spans


def personal_data(text: str, today: date) -> list[Finding]:
    """What in a note looks like personal data: a name, BSN, date of birth, postcode, phone number,
    e-mail address or street address.

    A heuristic, to warn rather than to block. Names: a given name from the list (any case, at the
    start of a sentence or in brackets too), a capitalised word after a title or family word
    (`moeder Sanne`, `dhr. Bakker`), or a capitalised word inside a sentence that is no known term
    (Dutch writes ordinary words in lower case). A date counts only as a date of birth: with a word
    like `geboren`, `geb.`, `jarig` or `is van` before it, or in brackets right after a person. The
    date of a talk or a melding is what the record is for, however long ago (`today` is not used
    for it any more; it stays in the signature for the API).
    """
    del today
    found: dict[tuple[str, str], tuple[int, Finding]] = {}  # the first place of each finding
    taken = bytearray(len(text) + 1)  # 1 where a finding already covers the character

    def add(kind: str, start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)
        value = text[start:end].strip()
        found.setdefault((kind, value), (start, Finding(kind, value)))

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    if "@" in text:
        for m in _EMAIL.finditer(text):
            add("e-mail", m.start(), m.end())
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m[1])
        if not digits.startswith(("0800", "0900", "0906", "0909")):
            add("telefoon", m.start(1), m.end(1))
    for m in _NINE_DIGITS.finditer(text):
        if elfproef(re.sub(r"\D", "", m[1])) and free(m.start(1), m.end(1)):
            add("bsn", m.start(1), m.end(1))
    for m in _ADDRESS.finditer(text):
        add("adres", m.start(1), m.end(1))
    for m in _POSTCODE.finditer(text):
        add("postcode", m.start(), m.end())
    for m in _DATE.finditer(text):
        start = m.start()
        window = text[max(0, start - _BIRTH_BEFORE):start]
        # The birth word must be in the same sentence (`geb.` ends none: a digit follows it).
        sentence = _SENTENCE_END.split(window)[-1]
        bracketed = (text[start - 1:start] == "("
                     and bool(re.search(r"\w\s*$", text[max(0, start - 30):start - 1])))
        if _BIRTH.search(sentence) or bracketed:
            add("geboortedatum", m.start(), m.end())
    for start, end in _names(text):
        if free(start, end):
            add("naam", start, end)
    return [f for _, f in sorted(found.values(), key=lambda pair: pair[0])]


def warning(findings: Sequence[Finding]) -> str:
    """One Dutch sentence for the person, or "" when nothing was found."""
    if not findings:
        return ""
    kinds = list(dict.fromkeys(KIND_LABELS[f.kind] for f in findings))
    what = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " of " + kinds[-1]
    examples = ", ".join(f"\u2018{f.text}\u2019" for f in findings[:3])
    return (f"Let op: deze notitie lijkt {what} te bevatten ({examples}). Het verslag hoort anoniem "
            "te zijn tot het in het leerlingdossier staat. Schrijf bijvoorbeeld \u2018de leerling\u2019 "
            "of \u2018moeder\u2019 in plaats van een naam.")
