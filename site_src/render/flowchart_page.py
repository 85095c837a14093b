"""The flowchart page: the clickable SVG, the posters to download with a picture of the A3 poster,
and the same flowchart as a nested list for screen readers and reading without the picture."""

from __future__ import annotations

from protocol.model import Protocol, Question

from . import urls
from .graph import build
from .page_parts import Build, link, md, node_title

POSTERS = {"a3": "poster-a3.pdf", "a2": "poster-a2.pdf"}  # at the site root, made by site_src/poster.py
POSTER_PREVIEW = "poster-a3.png"  # a picture of the A3 poster, beside the PDFs
PREVIEW_SIZE = (900, 1274)  # pixels; A3's proportions (site_src/poster.py makes it, a test checks it)


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
