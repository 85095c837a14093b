"""Rules a protocol must keep. Each broken rule stops with one ProtocolError naming the id."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import ProtocolError
from .model import Action, Node, Outcome, Protocol, Question


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
        """A footnote mark in the text and a footnote reference always come together."""
        for node in self.p.nodes.values():
            text = " ".join((node.text,) if isinstance(node, Question) else node.text)
            if isinstance(node, Question):
                text += " " + " ".join(a.source for a in node.answers)
            place = f"{_table(node)} '{node.id}'"
            for f in self.p.footnotes:
                marked, referenced = f.mark in text, f.id in node.footnotes
                if marked and not referenced:
                    self.fail(place, f"de tekst heeft het voetnootteken {f.mark}, maar `footnotes` "
                              f"noemt '{f.id}' niet", f"voeg '{f.id}' toe aan `footnotes`.")
                if referenced and not marked and isinstance(node, Question):
                    self.fail(place, f"`footnotes` noemt '{f.id}', maar het teken {f.mark} staat "
                              "niet in de tekst", f"zet {f.mark} in de tekst of haal '{f.id}' weg.")

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
        reachable = self._reach(self.p.start)
        for ident, node in nodes.items():
            if ident not in reachable:
                self.fail(f"{_table(node)} '{ident}'", "deze stap is vanaf de start niet te bereiken",
                          "laat een antwoord of actie hiernaar wijzen (`to` of `next`), of haal de "
                          "stap weg.")

    def _reach(self, start: str) -> set[str]:
        nodes, seen, todo = self.p.nodes, set(), [start]
        while todo:
            ident = todo.pop()
            if ident not in seen:
                seen.add(ident)
                todo.extend(successors(nodes[ident]))
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


def _table(node: Node) -> str:
    return {"question": "questions", "action": "actions", "outcome": "outcomes"}[node.kind]
