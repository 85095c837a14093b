"""Rules a protocol must keep. Each broken rule stops with one ProtocolError naming the id."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import ProtocolError
from .model import Action, Node, Outcome, Protocol, Question

# How our own reading starts, where the protocol itself is silent (a deadline, a Toelichting).
OUR_READING = "Onze lezing"


def successors(node: Node) -> tuple[str, ...]:
    """The steps a node leads to within the decisions (loops back are not decisions)."""
    if isinstance(node, Question):
        return tuple(dict.fromkeys(a.to for a in node.answers))
    if isinstance(node, Action):
        return (node.next,)
    return ()


def validate(protocol: Protocol) -> None:
    check = _Checker(protocol)
    check.unique_ids()
    check.references()
    check.footnote_marks()
    check.loops()
    check.deadlines()
    check.graph()


class _Checker:
    def __init__(self, protocol: Protocol) -> None:
        self.p = protocol

    def fail(self, place: str, problem: str, fix: str) -> None:
        raise ProtocolError(self.p.path, place, problem, fix)

    def unique_ids(self) -> None:
        p = self.p
        groups: list[tuple[str, Iterable[str]]] = [
            ("stappen (questions, actions en outcomes)",
             [*(n.id for n in p.questions), *(n.id for n in p.actions), *(n.id for n in p.outcomes)]),
            ("phases", [x.id for x in p.phases]),
            ("footnotes", [x.id for x in p.footnotes]),
            ("sections", [x.id for x in p.sections]),
            ("situations", [x.id for x in p.situations]),
            ("loops", [x.id for x in p.loops]),
            ("deadlines", [x.id for x in p.deadlines]),
            ("roles", [x.id for x in p.roles]),
            ("afwegingsnummers", [str(q.number) for q in p.questions]),
        ]
        groups += [(f"antwoorden van questions '{q.id}'", [a.id for a in q.answers])
                   for q in p.questions]
        for label, ids in groups:
            seen: set[str] = set()
            for ident in ids:
                if ident in seen:
                    self.fail(label, f"'{ident}' komt twee keer voor",
                              "geef elk onderdeel een eigen id (of nummer).")
                seen.add(ident)

    def references(self) -> None:
        p = self.p
        nodes = p.nodes
        phases = [x.id for x in p.phases]
        footnotes = [x.id for x in p.footnotes]
        deadlines = [x.id for x in p.deadlines]
        sections = [x.id for x in p.sections]
        situations = [x.id for x in p.situations]

        def need(ident: str, known: Iterable[str], place: str, what: str) -> None:
            known = list(known)
            if ident not in known:
                self.fail(place, f"verwijst naar {what} '{ident}', maar die bestaat niet",
                          f"gebruik een van: {', '.join(known) or '(geen)'}; of voeg '{ident}' toe.")

        need(p.start, [q.id for q in p.questions], "[protocol] start", "de afweging")
        for q in p.questions:
            if len(q.answers) < 2:
                self.fail(f"questions '{q.id}'", "een afweging heeft minstens twee antwoorden nodig",
                          "voeg [[questions.answers]] toe.")
            for a in q.answers:
                need(a.to, nodes, f"questions '{q.id}' > answers '{a.id}' > to", "de stap")
                for f in a.footnotes:
                    need(f, footnotes, f"questions '{q.id}' > answers '{a.id}' > footnotes", "de voetnoot")
        for node in nodes.values():
            place = f"{_table(node)} '{node.id}'"
            need(node.phase, phases, f"{place} > phase", "de fase")
            for f in node.footnotes:
                need(f, footnotes, f"{place} > footnotes", "de voetnoot")
            if isinstance(node, Action):
                need(node.next, nodes, f"{place} > next", "de stap")
            if not isinstance(node, Question):
                for d in node.deadlines:
                    need(d, deadlines, f"{place} > deadlines", "de termijn")
        for s in p.sections:
            for ident in s.applies_to:
                need(ident, nodes, f"sections '{s.id}' > applies_to", "de stap")
            for ident in s.situations:
                need(ident, situations, f"sections '{s.id}' > situations", "de situatie")
            if not s.applies_to and not s.situations:
                self.fail(f"sections '{s.id}'", "de sectie hoort nergens bij",
                          "noem in `applies_to` een stap of in `situations` een situatie.")
        for loop in p.loops:
            for ident in loop.sources:
                need(ident, nodes, f"loops '{loop.id}' > from", "de stap")
            need(loop.to, nodes, f"loops '{loop.id}' > to", "de stap")
            need(loop.section, sections, f"loops '{loop.id}' > section", "de sectie")
        for deadline in p.deadlines:
            if deadline.section:
                need(deadline.section, sections, f"deadlines '{deadline.id}' > section", "de sectie")
            if bool(deadline.workdays) == bool(deadline.days):
                self.fail(f"deadlines '{deadline.id}'", "geef de termijn in werkdagen óf in dagen",
                          "vul `workdays` (groter dan 0) of `days` (een lijst) in, niet allebei.")
        for r in p.roles:
            if r.footnote:
                need(r.footnote, footnotes, f"roles '{r.id}' > footnote", "de voetnoot")

    def footnote_marks(self) -> None:
        """A footnote mark in a text and the reference to its footnote always come together, on the
        same text: the question's own footnotes for marks in the question, an answer's for its own."""
        for node in self.p.nodes.values():
            place = f"{_table(node)} '{node.id}'"
            if isinstance(node, Question):
                self._marks(place, node.text, node.footnotes, strict=True)
                for a in node.answers:
                    self._marks(f"{place} > answers '{a.id}'", a.source, a.footnotes, strict=True)
            else:
                self._marks(place, " ".join(node.text), node.footnotes, strict=False)

    def _marks(self, place: str, text: str, referenced_ids: tuple[str, ...], *, strict: bool) -> None:
        for f in self.p.footnotes:
            marked, referenced = f.mark in text, f.id in referenced_ids
            if marked and not referenced:
                self.fail(place, f"de tekst heeft het voetnootteken {f.mark}, maar `footnotes` "
                          f"noemt '{f.id}' niet", f"voeg '{f.id}' toe aan `footnotes` van dit onderdeel.")
            if referenced and not marked and strict:
                self.fail(place, f"`footnotes` noemt '{f.id}', maar het teken {f.mark} staat "
                          "niet in deze tekst", f"zet '{f.id}' bij de tekst met {f.mark} (de afweging "
                          "of het antwoord), of haal het hier weg.")

    def loops(self) -> None:
        """New or persisting signals end in a melding or contact with Veilig Thuis, never at a
        question: back at afweging 2 a NEE would let the school help again without any melding."""
        for loop in self.p.loops:
            target = self.p.node(loop.to)
            if not isinstance(target, Outcome) or target.category not in ("melden", "contact"):
                what = {"question": "de afweging", "action": "de actie",
                        "outcome": "de uitkomst"}[target.kind]
                self.fail(f"loops '{loop.id}' > to",
                          f"de lus eindigt bij {what} '{target.id}', niet bij een melding of contact "
                          "met Veilig Thuis",
                          "laat `to` wijzen naar een uitkomst met kind = \"melden\" of kind = "
                          "\"contact\" (zie het protocol: bij nieuwe of blijvende signalen meld je "
                          "opnieuw of neem je contact op met Veilig Thuis).")

    def deadlines(self) -> None:
        """A deadline stands only where the protocol states it, or is marked as our reading."""
        for deadline in self.p.deadlines:
            if not deadline.source and not deadline.explanation.startswith(OUR_READING):
                self.fail(f"deadlines '{deadline.id}'", "de termijn noemt geen protocoltekst (`source`) "
                          "en zegt ook niet dat hij onze lezing is",
                          f"zet in `source` de zin uit het protocol die de termijn noemt, of begin "
                          f"`explanation` met '{OUR_READING}'.")
        for node in self.p.nodes.values():
            if isinstance(node, Question):
                continue
            sections = [s for s in self.p.sections if node.id in s.applies_to]
            here = _flat(" ".join([*node.text, *(i for s in sections for i in s.items)]))
            for ident in node.deadlines:
                deadline = self.p.deadline(ident)
                if deadline.source and _flat(deadline.source) not in here:
                    self.fail(f"{_table(node)} '{node.id}' > deadlines",
                              f"de termijn '{ident}' staat hier niet in de protocoltekst (\u201c"
                              f"{deadline.source}\u201d)",
                              "haal de termijn hier weg, of gebruik een termijn die onze lezing is "
                              f"(zonder `source`, `explanation` begint met '{OUR_READING}').")

    def graph(self) -> None:
        nodes = self.p.nodes
        # A trap first: a step that reaches no outcome would also hide as a cycle or dead end.
        for ident, node in nodes.items():
            if not any(isinstance(nodes[r], Outcome) for r in self._reach(ident)):
                self.fail(f"{_table(node)} '{ident}'", "vanaf hier is geen uitkomst te bereiken",
                          "laat minstens één antwoord naar een uitkomst ([[outcomes]]) leiden.")
        self._no_cycle()
        incoming = {t for n in nodes.values() for t in successors(n)}
        if self.p.start in incoming:
            self.fail(f"questions '{self.p.start}'", "de start is ook het doel van een antwoord",
                      "er is precies één start: laat geen antwoord naar de start wijzen.")
        reachable = self._reach(self.p.start, loops=True)
        for ident, node in nodes.items():
            if ident not in reachable:
                self.fail(f"{_table(node)} '{ident}'", "deze stap is vanaf de start niet te bereiken",
                          "laat een antwoord, actie of lus hiernaar wijzen (`to` of `next`), of haal "
                          "de stap weg.")

    def _reach(self, start: str, *, loops: bool = False) -> set[str]:
        """The steps reached from `start` by the decisions (and, with `loops`, by the loops too)."""
        nodes, seen, todo = self.p.nodes, set(), [start]
        while todo:
            ident = todo.pop()
            if ident not in seen:
                seen.add(ident)
                todo.extend(successors(nodes[ident]))
                if loops:
                    todo.extend(lp.to for lp in self.p.loops if ident in lp.sources)
        return seen

    def _no_cycle(self) -> None:
        nodes = self.p.nodes
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done

        def visit(ident: str, trail: list[str]) -> None:
            state[ident] = 1
            for nxt in successors(nodes[ident]):
                if state.get(nxt) == 1:
                    loop = " -> ".join([*trail[trail.index(nxt):], nxt])
                    self.fail(f"{_table(nodes[ident])} '{ident}'", f"de afwegingen lopen in een "
                              f"kring: {loop}", "een antwoord mag niet terugwijzen; gebruik "
                              "[[loops]] voor 'opnieuw in actie komen'.")
                if nxt not in state:
                    visit(nxt, [*trail, nxt])
            state[ident] = 2

        for ident in nodes:
            if ident not in state:
                visit(ident, [ident])


def _flat(text: str) -> str:
    return " ".join(text.split())


def _table(node: Node) -> str:
    return {"question": "questions", "action": "actions", "outcome": "outcomes"}[node.kind]
