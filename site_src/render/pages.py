"""The Markdown of every generated page of the site, from the protocol and the school's details.

Protocol text (fields `text`, `source`, `items`, titles of afwegingen and sections) is shown
verbatim inside "Tekst van de meldcode" blocks; our own words (`explanation`, `reason`,
`summary`) inside "Toelichting" blocks, so a reader always sees which is which.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from protocol import engine
from protocol.model import Action, Node, Outcome, Protocol, Question, Role, Section

from . import urls
from .graph import build, label
from .school import School

POSTERS = {"a3": "poster-a3.pdf", "a2": "poster-a2.pdf"}  # at the site root, made by site_src/poster.py
POSTER_PREVIEW = "poster-a3.png"  # a picture of the A3 poster, beside the PDFs
PREVIEW_SIZE = (900, 1274)  # pixels; A3's proportions (site_src/poster.py makes it, a test checks it)
SOURCE_LABEL = "Tekst van de meldcode"
OUR_LABEL = "Toelichting"
KIND_LABELS = {"question": "Afweging", "action": "Actie van de school", "outcome": "Uitkomst"}


@dataclass(frozen=True)
class Build:
    """What a build knows besides the protocol: the school, the date, the flowchart SVG."""

    school: School
    date: str  # ISO date of the build
    svg: str  # the flowchart, inline SVG with links (see site_src/flowchart.py)


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


# --- small helpers -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]>#])")


def md(text: str) -> str:
    """Protocol text as literal Markdown: every character shows up as written."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def link(from_path: str, to_path: str, text: str) -> str:
    """A Markdown link to another page's source file, so a strict build checks that it exists."""
    return f"[{text}]({urls.relative(from_path, urls.source(to_path))})"


def block(kind: str, title: str, body: Iterable[str]) -> str:
    """An admonition: `quote` for protocol text, `note` for our own explanation."""
    lines = "\n".join(body).splitlines()
    indented = "\n".join(f"    {line}" if line else "" for line in lines)
    return f'!!! {kind} "{title}"\n\n{indented}\n'


def source_block(body: Iterable[str]) -> str:
    return block("quote", SOURCE_LABEL, body)


def our_block(body: Iterable[str]) -> str:
    return block("note", OUR_LABEL, body)


def our_part(heading: str, rows: list[str]) -> str:
    """A part of a page in our own words: a heading, and the rows inside a "Toelichting" block."""
    return f"## {heading}\n\n" + our_block(rows) if rows else ""


def abbreviations(protocol: Protocol) -> str:
    """Markdown abbreviation definitions: each role gets its explanation as a tooltip."""
    return "\n" + "\n".join(f"*[{r.name}]: {r.explanation}" for r in protocol.roles) + "\n"


def node_title(node: Node) -> str:
    return label(node)


def _texts(node: Node) -> tuple[str, ...]:
    return (node.text,) if isinstance(node, Question) else node.text


# --- pages for steps -----------------------------------------------------------------------

def step_page(protocol: Protocol, node: Node, school: School) -> str:
    here = urls.step(node.id)
    phase = protocol.phase(node.phase)
    parts = [f"# {node_title(node)}\n",
             f"{KIND_LABELS[node.kind]} · fase: {link(here, urls.FLOWCHART, phase.title)}\n"]
    # The phase sentence stands once in the protocol, before the first afweging of its phase.
    quoted = [md(phase.text), ""] if engine.opens_phase(protocol, node) and phase.text else []
    quoted += [item for t in _texts(node) for item in (md(t), "")]
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
            rows.append(source_block([f"{f.mark} {md(f.text)}"]))
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
    return block("tip", "Wie bel je?", body)


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
        rows.append(source_block([f"{f.mark} {md(f.text)}"]))
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
        parts.append(source_block([f"{footnote.mark} {md(footnote.text)}"]))
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


# --- the flowchart page ----------------------------------------------------------------------

def flowchart_page(protocol: Protocol, build_info: Build) -> str:
    here = urls.FLOWCHART
    parts = [
        "# Stroomschema\n",
        "Het schema van stap 5. Klik op een vorm om de uitleg te lezen. "
        f"Onder het schema staat hetzelfde als lijst. Print je liever? Download de poster: "
        f"[A3 (PDF)](../{POSTERS['a3']}) of [A2 (PDF)](../{POSTERS['a2']}).\n",
        f'<figure class="stroomschema" markdown="0">\n{build_info.svg.strip()}\n'
        "<figcaption>Stroomschema van stap 5 van de meldcode. Een ruit is een afweging, een rechthoek "
        "een actie of uitkomst. Een gestippelde lijn: wat je doet bij nieuwe of blijvende signalen "
        "(opnieuw melden, of zo snel mogelijk contact met Veilig Thuis)."
        "</figcaption>\n</figure>\n",
        poster_section(protocol, build_info),
        '<div class="stroomschema-tekst" markdown="1">\n',
        "## Het schema als lijst\n",
        tree(protocol, here),
        "</div>\n",
    ]
    return "\n".join(parts)


def poster_alt(protocol: Protocol, build_info: Build) -> str:
    """What the preview of the poster shows, for people who cannot see it."""
    school = build_info.school
    first, last = protocol.questions[0].number, protocol.questions[-1].number
    return (f"Voorbeeld van de poster op A3. Bovenaan staat de titel '{protocol.title}'. Daaronder het "
            f"stroomschema met afweging {first} tot en met {last}: bij elke afweging de hele vraag, op de "
            "pijlen de antwoorden en waar ze heen leiden, en in de vakken de tekst van elke actie en "
            "uitkomst "
            "met de termijnen. Onderaan: 112 bij direct gevaar, Veilig Thuis "
            f"{school.veilig_thuis.phone}, de regel 'Belangrijk', de contactpersonen van {school.name}, "
            "de voetnoten, de versie, de bouwdatum en de controlecode.")


def poster_section(protocol: Protocol, build_info: Build) -> str:
    """The posters to download, with a picture of the A3 poster beside the links."""
    width, height = PREVIEW_SIZE
    return (
        '<section class="poster-voorbeeld" markdown="1">\n\n'
        "## Poster om op te hangen\n\n"
        '<div class="poster-voorbeeld__links" markdown="1">\n\n'
        "Het hele schema met alle vragen, de telefoonnummers en de contactpersonen van de school, "
        "om te printen:\n\n"
        f"- [Poster A3 (PDF)](../{POSTERS['a3']})\n"
        f"- [Poster A2 (PDF)](../{POSTERS['a2']})\n\n"
        "Print je in zwart-wit? Ook dan zie je het verschil tussen de soorten vakken aan de rand.\n\n"
        "</div>\n\n"
        f'<p class="poster-voorbeeld__plaatje"><img src="../{POSTER_PREVIEW}" '
        f'alt="{_attr(poster_alt(protocol, build_info))}" width="{width}" height="{height}" '
        'loading="lazy"></p>\n\n'
        "</section>\n"
    )


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def tree(protocol: Protocol, here: str) -> str:
    """The flowchart as a nested list, for screen readers and for reading without the picture."""
    graph = build(protocol)
    lines: list[str] = []

    def visit(node_id: str, depth: int, answer: str = "") -> None:
        node = protocol.node(node_id)
        pad = "    " * depth
        lines.append(f"{pad}- {answer}{link(here, urls.step(node_id), node_title(node))}"
                     + (f": {md(node.text)}" if isinstance(node, Question) else ""))
        for edge in graph.outgoing(node_id):
            # The answer leads the line ("NEE: Afweging 3 ..."), so the list nests one level per step.
            visit(edge.target, depth + 1, f"{edge.label}: " if edge.label else "daarna: ")
        for edge in graph.outgoing(node_id, loops=True):
            loop = next(x for x in protocol.loops if x.id == edge.target)
            target = protocol.node(loop.to)
            lines.append(f"{pad}    - {loop.label}: {link(here, urls.step(target.id), node_title(target))}")

    visit(protocol.start, 0)
    return "\n".join(lines) + "\n"


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
