"""The Markdown of every generated page of the site, from the protocol and the school's details.

Protocol text (fields `text`, `source`, `items`, titles of afwegingen and sections) is shown
verbatim inside "Tekst van de meldcode" blocks; our own words (`explanation`, `reason`,
`summary`) inside "Toelichting" blocks, so a reader always sees which is which.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from protocol import engine
from protocol.model import Action, Node, Outcome, Protocol, Question, Role, Section
from protocol.present import footnote_line

from . import urls
from .flowchart_page import POSTERS, flowchart_page
from .page_parts import (
    Build,
    abbreviations,
    link,
    md,
    node_title,
    our_block,
    our_part,
    source_block,
    texts_of,
)
from .school import School

__all__ = ["Build", "abbreviations", "blocks", "footer_html", "nav_groups", "pages"]

KIND_LABELS = {"question": "Afweging", "action": "Actie van de school", "outcome": "Uitkomst"}



def pages(protocol: Protocol, build_info: Build) -> dict[str, str]:
    """Every generated page: Markdown source path (e.g. `afweging-3/index.md`) -> Markdown."""
    out: dict[str, str] = {}
    for node in protocol.nodes.values():
        out[urls.source(urls.step(node.id))] = step_page(protocol, node, build_info.school)
    for section in protocol.sections:
        out[urls.source(urls.section(section.id))] = section_page(protocol, section)
    out[urls.source(urls.STEPS)] = steps_index(protocol)
    out[urls.source(urls.OUTCOMES)] = outcomes_index(protocol)
    out[urls.source(urls.SECTIONS)] = sections_index(protocol)
    out[urls.source(urls.ROLES)] = roles_page(protocol)
    out[urls.source(urls.FLOWCHART)] = flowchart_page(protocol, build_info)
    return out



# --- pages for steps -----------------------------------------------------------------------

def step_page(protocol: Protocol, node: Node, school: School) -> str:
    here = urls.step(node.id)
    phase = protocol.phase(node.phase)
    parts = [f"# {node_title(node)}\n",
             f"{KIND_LABELS[node.kind]} · fase: {link(here, urls.FLOWCHART, phase.title)}\n"]
    # The phase sentence stands once in the protocol, before the first afweging of its phase.
    quoted = [md(phase.text), ""] if engine.opens_phase(protocol, node) and phase.text else []
    quoted += [item for t in texts_of(node) for item in (md(t), "")]
    parts.append(source_block(quoted))
    ours = [node.explanation] if isinstance(node, Question) else [node.summary, "", node.explanation]
    parts.append(our_block(ours))
    if isinstance(node, Question):
        parts.append(_answers(protocol, node, here))
    elif isinstance(node, Action):
        nxt = protocol.node(node.next)
        parts.append(f"Daarna: {link(here, urls.step(nxt.id), node_title(nxt))}.\n")
    if isinstance(node, Outcome) and node.category != "hulp":
        parts.append(_call_block(school))
    if not isinstance(node, Question) and node.deadlines:
        parts.append(_deadlines(protocol, node.deadlines))
    parts.append(_footnotes(protocol, node.footnotes, here))
    parts.append(_sections(protocol, engine.duties(protocol, node.id), here))
    parts.append(_loops(protocol, node.id, here))
    parts.append(_incoming(protocol, node.id, here))
    return "\n".join(p for p in parts if p)


def _answers(protocol: Protocol, question: Question, here: str) -> str:
    rows = ["## Antwoorden\n"]
    for answer in question.answers:
        target = protocol.node(answer.to)
        rows.append(f"### {answer.label}\n")
        rows.append(source_block([md(answer.source)]))
        # A footnote stands with the answer whose text carries its mark (³ with afweging 5's JA).
        for f in (protocol.footnote(i) for i in answer.footnotes):
            rows.append(source_block([footnote_line(f.mark, md(f.text))]))
            rows.append(our_block([f.explanation]))
        rows.append(f"Ga naar: {link(here, urls.step(target.id), node_title(target))}.\n")
        rows.append(our_block([answer.reason]))
    return "\n".join(rows)


def _call_block(school: School) -> str:
    vt = school.veilig_thuis
    region = "" if vt.region == "landelijk" else f" ({vt.region})"
    body = ["Is er direct gevaar voor het kind, voor jou of voor iemand anders? Bel dan eerst "
            "[112](tel:112).", "",
            f"Veilig Thuis{region}: [{vt.phone}](tel:{vt.tel}). Gratis, dag en nacht bereikbaar.",
            "", *contact_lines(school)]
    indented = "\n".join(f"    {line}" if line else "" for line in "\n".join(body).splitlines())
    return f'!!! tip "Wie bel je?"\n\n{indented}\n'


def contact_lines(school: School) -> list[str]:
    rows = []
    for c in school.contacts:
        reach = ", ".join(x for x in (_tel(c.phone), _mail(c.email)) if x)
        rows.append(f"- {c.role} van {school.name}: {c.name}" + (f", {reach}" if reach else ""))
    return rows


def footer_html(school: School) -> str:
    """The school and whom to call, in the footer of every page (site_src/theme/partials/copyright.html)."""
    vt = school.veilig_thuis
    region = "" if vt.region == "landelijk" else f" ({escape(vt.region)})"
    people = []
    for c in school.contacts:
        reach = [f'<a href="tel:{_digits(c.phone)}">{escape(c.phone)}</a>' if c.phone else "",
                 f'<a href="mailto:{escape(c.email)}">{escape(c.email)}</a>' if c.email else ""]
        people.append(f"{escape(c.role)}: {escape(c.name)}" + "".join(f", {x}" for x in reach if x))
    return (f'<p class="md-copyright__highlight">Meldcode stap 5 voor {escape(school.name)}</p>'
            f'<p>{"; ".join(people)}; '
            f'Veilig Thuis{region}: <a href="tel:{vt.tel}">{escape(vt.phone)}</a></p>')


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def _tel(phone: str) -> str:
    return f"[{phone}](tel:{_digits(phone)})" if phone else ""


def _mail(email: str) -> str:
    return f"[{email}](mailto:{email})" if email else ""


def _deadlines(protocol: Protocol, ids: Iterable[str]) -> str:
    return our_part("Termijnen", [f"- **{d.title}.** {d.explanation}" for d in map(protocol.deadline, ids)])


def _footnotes(protocol: Protocol, ids: tuple[str, ...], here: str) -> str:
    notes = [protocol.footnote(i) for i in ids]
    if not notes:
        return ""
    rows = ["## Voetnoten\n"]
    for f in notes:
        rows.append(source_block([footnote_line(f.mark, md(f.text))]))
        rows.append(our_block([f.explanation]))
    if any(r.footnote in ids for r in protocol.roles):
        rows.append(f"Meer over deze functies: {link(here, urls.ROLES, 'Rollen')}.\n")
    return "\n".join(rows)


def _sections(protocol: Protocol, sections: Iterable[Section], here: str) -> str:
    # The title is protocol text and may end in "?" ("Verhuisd?"); a colon after it reads badly.
    return our_part("Wat je verder doet",
                    [f"- {link(here, urls.section(s.id), md(s.title))}{_colon(s.title)} {s.summary}"
                     for s in sections])


def _colon(title: str) -> str:
    return "" if title.endswith(("?", "!", ":")) else ":"


def _loops(protocol: Protocol, node_id: str, here: str) -> str:
    rows = []
    for loop in engine.loops_from(protocol, node_id):
        target = protocol.node(loop.to)
        section = protocol.section(loop.section)
        rows.append(f"- {loop.label}: {loop.explanation} "
                    f"Wat je dan doet: {link(here, urls.step(target.id), node_title(target))}. "
                    f"Zie ook {link(here, urls.section(section.id), md(section.title))}.")
    return our_part("Als de zorgen blijven", rows)


def _incoming(protocol: Protocol, node_id: str, here: str) -> str:
    rows = []
    for node in protocol.nodes.values():
        if isinstance(node, Question):
            labels = [a.label for a in node.answers if a.to == node_id]
            if labels:
                rows.append(f"- {link(here, urls.step(node.id), node_title(node))}: {' of '.join(labels)}")
        elif isinstance(node, Action) and node.next == node_id:
            rows.append(f"- na {link(here, urls.step(node.id), node_title(node))}")
    for loop in protocol.loops:
        if loop.to == node_id:
            sources = ", ".join(link(here, urls.step(i), node_title(protocol.node(i))) for i in loop.sources)
            rows.append(f"- {loop.label} na: {sources}")
    if node_id == protocol.start:
        rows.append(f"- Hier begint stap 5. {md(protocol.precondition)} (toelichting)")
    return "## Hoe kom je hier?\n\n" + "\n".join(rows) + "\n" if rows else ""


# --- pages for sections and overviews ------------------------------------------------------

def section_page(protocol: Protocol, section: Section) -> str:
    here = urls.section(section.id)
    parts = [f"# {md(section.title)}\n"]
    if len(section.items) == 1 and section.items[0][:1].islower():
        # The protocol runs title and text on as one sentence: "Belangrijk: bij situaties ...".
        parts.append(source_block([f"{md(section.title)}: {md(section.items[0])}"]))
    elif len(section.items) == 1:
        parts.append(source_block([md(section.items[0])]))
    else:
        parts.append(source_block([f"- {md(item)}" for item in section.items]))
    parts.append(our_block([section.summary, *(["", section.explanation] if section.explanation else [])]))
    steps = [protocol.node(i) for i in section.applies_to]
    if steps:
        parts.append("## Hoort bij\n\n" + "\n".join(
            f"- {link(here, urls.step(n.id), node_title(n))}" for n in steps) + "\n")
    situations = [s for s in protocol.situations if s.id in section.situations]
    if situations:
        parts.append(our_part("Situatie", [f"- **{s.title}.** {s.question} {s.explanation}"
                                           for s in situations]))
    return "\n".join(parts)


def steps_index(protocol: Protocol) -> str:
    here = urls.STEPS
    parts = ["# Afwegingen\n", source_block([md(protocol.intro)]),
             our_block([md(protocol.precondition),
                        "", "Elke afweging heeft een eigen pagina. Je ziet ze ook samen in het "
                        f"{link(here, urls.FLOWCHART, 'stroomschema')}."])]
    for phase in protocol.phases:
        parts.append(our_part(phase.title, [phase.explanation]))
        steps = [n for n in protocol.nodes.values() if n.phase == phase.id and not isinstance(n, Outcome)]
        parts.append("\n".join(f"- {link(here, urls.step(n.id), node_title(n))}" for n in steps) + "\n")
    return "\n".join(parts)


def outcomes_index(protocol: Protocol) -> str:
    here = urls.OUTCOMES
    parts = ["# Uitkomsten\n", "Hier eindigt een pad door de afwegingen: je meldt bij Veilig Thuis, of de "
             "hulp werkt en je blijft het kind volgen. Zie je daarna nieuwe of blijvende signalen, dan "
             "kom je opnieuw in actie: je meldt, of je neemt contact op met Veilig Thuis. Je begint dan "
             "niet opnieuw bij afweging 2.\n"]
    decided = [o for o in protocol.outcomes if o.id not in protocol.loop_targets]
    headings = (("melden", "Melden bij Veilig Thuis"), ("hulp", "De hulp werkt: afsluiten en blijven volgen"))
    for kind, heading in headings:
        parts.append(our_part(heading, [f"- {link(here, urls.step(o.id), o.title)}: {o.summary}"
                                        for o in decided if o.category == kind]))
    parts.append(our_part("Nieuwe of blijvende signalen", [
        f"- {link(here, urls.step(o.id), o.title)}: {o.summary}"
        for o in protocol.outcomes if o.id in protocol.loop_targets]))
    return "\n".join(parts)


def sections_index(protocol: Protocol) -> str:
    here = urls.SECTIONS
    parts = ["# Wat je verder doet\n",
             "Na een uitkomst zijn er nog dingen die je moet doen. De meldcode zet ze in lijstjes.\n"]
    parts.append(our_block([f"- {link(here, urls.section(s.id), md(s.title))}: {s.summary}"
                            for s in protocol.sections]))
    return "\n".join(parts)


def roles_page(protocol: Protocol) -> str:
    parts = ["# Rollen\n",
             "Wie wordt bedoeld met de functies in de meldcode? Op andere pagina's zie je deze uitleg "
             "ook als je met de muis op een functie staat.\n"]
    for footnote in protocol.footnotes:
        roles = [r for r in protocol.roles if r.footnote == footnote.id]
        if not roles:
            continue
        parts.append(f"## Voetnoot {footnote.mark}\n")
        parts.append(source_block([footnote_line(footnote.mark, md(footnote.text))]))
        parts.append(our_block([footnote.explanation, "", *_role_rows(roles)]))
    others = [r for r in protocol.roles if not r.footnote]
    if others:
        parts.append("## Andere rollen\n")
        parts.append(our_block(_role_rows(others)))
    return "\n".join(parts)


def _role_rows(roles: Iterable[Role]) -> list[str]:
    rows = []
    for r in roles:
        line = "telt mee als 2e lijn" if r.second_line else ""
        rows.append(f"- **{r.name}**{f' ({line})' if line else ''}: {r.explanation}")
    return rows



# --- blocks for hand-written pages -----------------------------------------------------------

def blocks(protocol: Protocol, build_info: Build) -> dict[str, str]:
    """Markdown that hand-written pages include with a marker like `<!-- meldcode:colofon -->`."""
    school = build_info.school
    vt = school.veilig_thuis
    return {
        "colofon": "\n".join([
            f"- Versie van het protocol: **{protocol.version}**",
            f"- Controlecode van het protocolbestand: **{protocol.short_hash}** "
            "(de eerste 12 tekens van de SHA-256 van `protocol/data/meldcode.toml`)",
            f"- Gebouwd op: **{build_info.date}**",
            f"- School: **{school.name}**",
        ]) + "\n",
        "contacten": "\n".join([
            f"- Veilig Thuis ({vt.region}): [{vt.phone}](tel:{vt.tel})",
            *contact_lines(school),
        ]) + "\n",
        "posters": f"- [Poster A3 (PDF)]({POSTERS['a3']})\n- [Poster A2 (PDF)]({POSTERS['a2']})\n",
        "school": md(school.name),
    }


def nav_groups(protocol: Protocol) -> dict[str, list[str]]:
    """Overview page -> the generated pages listed under it in the site's menu."""
    return {
        urls.source(urls.STEPS): [urls.source(urls.step(n.id)) for n in protocol.nodes.values()
                                  if not isinstance(n, Outcome)],
        urls.source(urls.OUTCOMES): [urls.source(urls.step(o.id)) for o in protocol.outcomes],
        urls.source(urls.SECTIONS): [urls.source(urls.section(s.id)) for s in protocol.sections],
    }
