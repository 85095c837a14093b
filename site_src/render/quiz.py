"""A quiz on roles and duties, generated from the protocol data where it can be.

The right answers come from the protocol: the roles and footnotes (who is 2e lijn, who is a
ketenpartner), the answers and their targets, the deadlines (and the werkdagen count), and the
sections. Where an option is worded by us, it names the protocol text that backs it and a word
that must occur there; if the protocol stops saying it, building the quiz fails with a
ProtocolError instead of teaching something the meldcode no longer says.

Prompts, options and wrong options are our own words; quotes are verbatim protocol text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from protocol import engine
from protocol.errors import ProtocolError
from protocol.model import Protocol, Question, Section
from protocol.present import long_date
from protocol.workdays import add_workdays, holiday_name


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Quote:
    """Verbatim protocol text, with where it comes from."""

    where: str
    text: str


@dataclass(frozen=True)
class Item:
    id: str
    prompt: str
    options: tuple[Option, ...]
    correct: tuple[str, ...]
    multiple: bool
    explanation: str
    quotes: tuple[Quote, ...]

    def correct_labels(self) -> tuple[str, ...]:
        return tuple(o.label for o in self.options if o.id in self.correct)


def _fail(protocol: Protocol, item: str, problem: str) -> ProtocolError:
    return ProtocolError(protocol.path, f"quiz '{item}'", problem,
                         "pas de quizvraag in site_src/render/quiz.py aan aan de nieuwe protocoltekst.")


def _options(labels: list[str]) -> tuple[Option, ...]:
    return tuple(Option(f"o{n}", label) for n, label in enumerate(labels, start=1))


def _item(item_id: str, prompt: str, choices: list[tuple[str, bool]], explanation: str,
          quotes: list[Quote], *, multiple: bool = False) -> Item:
    options = _options([label for label, _ in choices])
    correct = tuple(o.id for o, (_, right) in zip(options, choices, strict=True) if right)
    return Item(item_id, prompt, options, correct, multiple, explanation, tuple(quotes))


def _backed(protocol: Protocol, item_id: str, texts: tuple[str, ...], word: str) -> tuple[str, ...]:
    """The protocol texts that contain `word`; at least one must, or the quiz is out of date."""
    found = tuple(t for t in texts if word.lower() in t.lower())
    if not found:
        raise _fail(protocol, item_id, f"de protocoltekst zegt niets meer over '{word}'")
    return found


def _section_quotes(section: Section, texts: tuple[str, ...]) -> list[Quote]:
    return [Quote(f"Sectie \u201c{section.title}\u201d", t) for t in texts]


# --- the items ---------------------------------------------------------------------------------


def second_line(p: Protocol) -> Item:
    roles = [r for r in p.roles if r.footnote == "tweede-lijn"]
    note = p.footnote("tweede-lijn")
    not_second = [r for r in roles if not r.second_line]
    return _item(
        "tweede-lijn",
        "Afweging 3 vraagt of jij of \u2018iemand anders in mijn school\u2019 effectieve hulp kan bieden. "
        "Wie telt mee als 2e lijn ondersteuning in de school? Kies alle goede antwoorden.",
        [(r.name, r.second_line) for r in roles],
        " ".join([note.explanation, *(r.explanation for r in not_second)]),
        [Quote(f"Voetnoot {note.mark} bij afweging 3", note.text)],
        multiple=True,
    )


def chain_partners(p: Protocol) -> Item:
    note = p.footnote("ketenpartners")
    partners = [r for r in p.roles if r.footnote == "ketenpartners"]
    others = [r for r in p.roles if r.second_line][:2] + [r for r in p.roles if r.id == "bevoegd-gezag"]
    choices = sorted([(r.name, True) for r in partners] + [(r.name, False) for r in others])
    return _item(
        "ketenpartners",
        "Wie kan een ketenpartner zijn, zoals afweging 3 dat bedoelt? Kies alle goede antwoorden.",
        choices,
        note.explanation,
        [Quote(f"Voetnoot {note.mark} bij afweging 3", note.text)],
        multiple=True,
    )


def doubt(p: Protocol) -> Item:
    q = p.question(p.start)
    twijfel = q.answer("twijfel")
    if twijfel is None:
        raise _fail(p, "twijfel", f"{q.id} heeft geen antwoord 'twijfel' meer")
    targets = list(dict.fromkeys(a.to for a in q.answers))
    extra = [o.id for o in p.outcomes if o.id not in targets][:2]
    choices = [(_title(p, t), t == twijfel.to) for t in [*targets, *extra]]
    return _item(
        "twijfel",
        f"Bij afweging {q.number} twijfel je of er acute en/of structurele onveiligheid is. Wat doe je?",
        choices,
        # The reason already says "the same as JA"; the long explanation of afweging 2 is on its page.
        twijfel.reason,
        [Quote(f"Afweging {q.number}, antwoord \u2018{twijfel.label}\u2019", twijfel.source)],
    )


def always_report(p: Protocol) -> Item:
    section = p.section("belangrijk")
    texts = _backed(p, "belangrijk", section.items, "áltijd")
    return _item(
        "belangrijk",
        "Er is acute en/of structurele onveiligheid. De school ziet wel mogelijkheden om zelf hulp te "
        "bieden. Wat doe je?",
        [("Altijd melden bij Veilig Thuis, ook als de school zelf hulp kan bieden", True),
         ("Zelf hulp bieden; melden hoeft dan niet", False),
         ("Eerst afweging 3 en 4 doen, en alleen melden als de hulp niet lukt", False)],
        section.summary,
        _section_quotes(section, texts),
    )


def dossier(p: Protocol) -> Item:
    backing = [("De afspraken over de doorverwijzing naar hulp", "daarnaast", "doorverwijzing"),
               ("De gegevens over je melding bij Veilig Thuis", "melden-en-effecten-volgen", "melding")]
    quotes: list[Quote] = []
    choices: list[tuple[str, bool]] = []
    covered: set[str] = set()
    for label, section_id, word in backing:
        section = p.section(section_id)
        in_dossier = _backed(p, "dossier", section.items, "dossier")
        texts = _backed(p, "dossier", in_dossier, word)
        covered.update(texts)
        quotes += _section_quotes(section, texts)
        choices.append((label, True))
    every = {i for s in p.sections for i in s.items if "dossier" in i.lower()}
    if every - covered:
        raise _fail(p, "dossier", f"het protocol noemt nog iets voor het dossier: {sorted(every - covered)}")
    choices += [("Je eigen mening over de ouders, zonder feiten", False),
                ("Een geluidsopname van het gesprek met de leerling", False)]
    return _item(
        "leerlingdossier",
        "Wat leg je vast in het leerlingdossier? Kies alle goede antwoorden.",
        choices,
        "Het protocol noemt twee dingen voor het leerlingdossier: de afspraken als je doorverwijst naar "
        "hulp, en de gegevens over je melding. Schrijf feiten op, en houd je eigen informatie en die van "
        "anderen uit elkaar.",
        quotes,
        multiple=True,
    )


# Our short wording of the right answer per loop (the loop's own explanation is shown after).
LOOP_PROMPTS = {
    "opnieuw-na-melding": ("Je hebt gemeld bij Veilig Thuis. Een paar weken later zie je nieuwe signalen "
                           "bij de leerling. Wat doe je?",
                           "Zo snel mogelijk contact opnemen met Veilig Thuis; dit kan tot een tweede "
                           "melding leiden"),
    "opnieuw-na-hulp": ("De hulp is afgesloten omdat het resultaat was bereikt. Later zie je nieuwe "
                        "signalen. Wat doe je?",
                        "Opnieuw in actie komen: afspraken nakijken, bespreken in het zorgteam en "
                        "opnieuw melden bij Veilig Thuis"),
}


def again(p: Protocol) -> list[Item]:
    items = []
    for loop in p.loops:
        if loop.id not in LOOP_PROMPTS:
            raise _fail(p, loop.id, f"er is een nieuwe lus '{loop.id}' zonder quizvraag")
        prompt, right = LOOP_PROMPTS[loop.id]
        section = p.section(loop.section)
        texts = _backed(p, loop.id, section.items, "opnieuw in actie")
        items.append(_item(
            loop.id, prompt,
            [(right, True),
             # The mistake the site itself once taught: back at afweging 2 a NEE means no melding.
             ("Opnieuw beginnen bij afweging 2, en kijken of de school weer zelf hulp kan bieden", False),
             ("Niets: de zaak is al bekend en afgesloten", False),
             ("Wachten tot Veilig Thuis of de hulpverlener zelf iets laat weten", False)],
            loop.explanation, _section_quotes(section, texts)))
    return items


def moving(p: Protocol) -> Item:
    situation = next((s for s in p.situations if s.id == "verhuizing"), None)
    if situation is None:
        raise _fail(p, "verhuizing", "de situatie 'verhuizing' bestaat niet meer")
    quotes: list[Quote] = []
    for section in engine.situation_duties(p, situation.id):
        quotes += _section_quotes(section, section.items)
    _backed(p, "verhuizing", tuple(q.text for q in quotes), "nieuwe school")
    return _item(
        "verhuizing",
        "Een leerling over wie de school zorgen heeft, verhuist met het gezin naar een andere woonplaats "
        "en school. Wat doe je?",
        [("Contact opnemen met de nieuwe school en de zorgen bespreken met de zorgcoördinator daar; "
          "blijven de zorgen, dan (opnieuw) melden", True),
         ("Niets: de nieuwe school is nu verantwoordelijk", False),
         ("Alleen de ouders vragen de nieuwe school in te lichten", False)],
        situation.explanation,
        quotes,
    )


def feedback_call(p: Protocol) -> Item:
    section = p.section("terugkoppeling")
    texts = _backed(p, "terugkoppeling", section.items, "zelf")
    return _item(
        "terugkoppeling",
        "Je hebt gemeld bij Veilig Thuis, maar je hoort niets terug. Wat doe je?",
        [("Zelf Veilig Thuis bellen en vragen hoe het ervoor staat", True),
         ("Niets: geen bericht betekent dat alles goed is", False),
         ("Opnieuw een melding doen met hetzelfde verhaal", False)],
        section.summary,
        _section_quotes(section, texts),
    )


def decision_time(p: Protocol) -> Item:
    d = p.deadline("besluit-veilig-thuis")
    n = d.workdays
    return _item(
        "besluit-veilig-thuis",
        "Bij afweging 3 is het antwoord NEE: niemand kan effectieve hulp bieden of organiseren. Je meldt "
        "bij Veilig Thuis. Binnen welke tijd neemt Veilig Thuis volgens het protocol een besluit en laat "
        "het jou dat weten?",
        [(f"Binnen {n} werkdagen", True), (f"Binnen {n} dagen, het weekend telt mee", False),
         (f"Binnen {2 * n} werkdagen", False), (f"Binnen {n} weken", False)],
        d.explanation,
        _answer_quotes(p, "besluit-veilig-thuis", f"{n} werkdagen"),
    )


# The melding day of the werkdagen question: a Friday before a public holiday on Monday.
COUNT_FROM = date(2026, 4, 24)


def count_workdays(p: Protocol, start: date = COUNT_FROM) -> Item:
    d = p.deadline("besluit-veilig-thuis")
    n = d.workdays
    right = add_workdays(start, n)
    plain = start  # weekends only, holidays forgotten
    left = n
    while left:
        plain += timedelta(days=1)
        if plain.weekday() < 5:
            left -= 1
    candidates = [right, plain, start + timedelta(days=n), add_workdays(start, n + 1)]
    days = sorted(dict.fromkeys(candidates))
    skipped = [day for day in (start + timedelta(days=i) for i in range(1, (right - start).days + 1))
               if day.weekday() < 5 and holiday_name(day)]
    holiday_note = "".join(f" {long_date(h).capitalize()} is {holiday_name(h)}: die dag telt ook niet mee."
                           for h in skipped)
    return _item(
        "werkdagen-tellen",
        f"Bij afweging 3 is het antwoord NEE, en je meldt op {long_date(start)}. Wanneer moet Veilig "
        "Thuis uiterlijk een besluit hebben genomen?",
        [(long_date(day), day == right) for day in days],
        f"{d.explanation} Je telt vanaf de dag na de melding.{holiday_note}",
        _answer_quotes(p, "werkdagen-tellen", f"{n} werkdagen"),
    )


def _answer_quotes(p: Protocol, item_id: str, word: str) -> list[Quote]:
    """The answers of afwegingen whose protocol text contains `word`, quoted with their place."""
    found = [Quote(f"Afweging {q.number}, antwoord \u2018{a.label}\u2019", a.source)
             for q in p.questions for a in q.answers if word in a.source]
    if not found:
        raise _fail(p, item_id, f"geen antwoord in het protocol noemt nog '{word}'")
    return found


def _title(p: Protocol, node_id: str) -> str:
    node = p.node(node_id)
    if isinstance(node, Question):
        return f"Ga verder naar afweging {node.number}"
    return node.title


def items(protocol: Protocol) -> tuple[Item, ...]:
    """Every quiz item, in the order of the page."""
    return (
        second_line(protocol),
        chain_partners(protocol),
        doubt(protocol),
        always_report(protocol),
        dossier(protocol),
        *again(protocol),
        moving(protocol),
        feedback_call(protocol),
        decision_time(protocol),
        count_workdays(protocol),
    )
