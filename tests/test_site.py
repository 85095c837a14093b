"""The built site: every generated page exists, links resolve, and the protocol text is all there."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser

from protocol import default
from protocol.model import Question
from site_src.render import urls
from site_src.render.pages import nav_groups
from site_src.render.school import load_school
from tests.browser import new_context
from tests.source_text import collapse, contains, sentences

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = {"p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td", "th", "blockquote", "ul",
          "ol", "dt", "dd", "section", "article", "summary", "details", "figcaption", "nav", "header",
          "footer", "tr", "table", "form", "label", "main", "aside"}


class _Text(HTMLParser):
    """Visible text of a page: no scripts, styles or SVG; block elements separated by a space."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "svg"):
            self.skip += 1
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "svg"):
            self.skip -= 1
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return collapse("".join(parser.parts))


def html_pages(site_dir: Path) -> list[Path]:
    found = sorted(p for p in site_dir.rglob("*.html") if "assets" not in p.parts)
    assert found, "geen HTML-pagina's gevonden"
    return found


def generated_paths() -> list[str]:
    protocol = default()
    paths = [urls.step(n) for n in protocol.nodes] + [urls.section(s.id) for s in protocol.sections]
    return [*paths, urls.STEPS, urls.OUTCOMES, urls.SECTIONS, urls.ROLES, urls.FLOWCHART]


def test_every_generated_page_exists(site_dir: Path) -> None:
    missing = [p for p in generated_paths() if not (site_dir / p / "index.html").is_file()]
    assert not missing, f"niet gebouwd: {missing}"
    for page in ("meldcode", "privacy", "colofon"):
        assert (site_dir / page / "index.html").is_file()


def test_every_source_sentence_is_on_the_site(site_dir: Path) -> None:
    """Every sentence of protocol/source/ appears verbatim in the visible text of some page.

    Sentences are cut as in tests/source_text.py: whitespace collapsed, layout (bullets, `A:`,
    heading numbers, a footnote's leading mark) left out, a heading's trailing `:` dropped, and the
    first letter compared in either case. Page text is the HTML without tags, scripts and SVG.
    """
    texts = [page_text(p) for p in html_pages(site_dir)]
    missing = [s for s in sentences() if not any(contains(t, s) for t in texts)]
    assert not missing, f"niet letterlijk op de site: {missing}"


def test_the_sentence_check_can_fail(site_dir: Path) -> None:
    text = page_text(site_dir / "afweging-3" / "index.html").replace("5 werkdagen", "vijf werkdagen")
    assert not contains(text, next(s for s in sentences() if "binnen 5 werkdagen" in s))


def test_our_words_are_marked_as_ours(site_dir: Path) -> None:
    text = page_text(site_dir / "afweging-2" / "index.html")
    assert "Tekst van de meldcode" in text and "Toelichting" in text
    question = default().question("afweging-2")
    # The explanation sits in a "Toelichting" block, the protocol text in a "Tekst van de meldcode" block.
    assert text.index("Toelichting") < text.index(collapse(question.explanation))
    assert text.index("Tekst van de meldcode") < text.index(collapse(question.text))


def _notes(html: str) -> str:
    """The text inside the "Toelichting" blocks of a page."""
    blocks = re.findall(r'<div class="admonition note">(.*?)</div>', html, re.S)
    return collapse(unescape(re.sub(r"<[^>]+>", "", " ".join(blocks))))


def test_every_explanation_of_ours_sits_in_a_toelichting_block(site_dir: Path) -> None:
    """Our words (explanation, reason, summary) are never shown as if they were the protocol's."""
    protocol = default()
    missing = []
    for node in protocol.nodes.values():
        notes = _notes((site_dir / node.id / "index.html").read_text(encoding="utf-8"))
        ours = [node.explanation]
        ours += [a.reason for a in node.answers] if isinstance(node, Question) else [node.summary]
        ours += [s.summary for s in protocol.sections if node.id in s.applies_to]
        missing += [f"{node.id}: {t[:40]}" for t in ours if collapse(t) not in notes]
    for section in protocol.sections:
        notes = _notes((site_dir / "vervolg" / section.id / "index.html").read_text(encoding="utf-8"))
        if collapse(section.summary) not in notes:
            missing.append(f"vervolg/{section.id}")
    assert not missing


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "xlink:href") and tag in ("a", "link"):
                self.links.append(value)


def _target(site_dir: Path, page: Path, href: str) -> Path | None:
    """The file a relative link on a built page points to, or None when it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = "/" + page.relative_to(site_dir).as_posix()
    path = urlsplit(urljoin(base, parts.path)).path.lstrip("/")
    target = site_dir / path
    return target / "index.html" if path.endswith("/") or not path else target


def test_every_flowchart_node_links_to_an_existing_page(site_dir: Path) -> None:
    page = site_dir / "stroomschema" / "index.html"
    html = page.read_text(encoding="utf-8")
    nodes = re.findall(r'<g id="(node-[^"]+)" class="node[^"]*">\s*<g id="a_[^"]+"><a href="([^"]+)"', html)
    p = default()
    # An outcome a loop ends in is drawn as the loop's node, which links to the outcome's page.
    assert {n for n, _ in nodes} >= {f"node-{i}" for i in set(p.nodes) - p.loop_targets}
    loop_links = {n: href for n, href in nodes if n in {f"node-{lp.id}" for lp in p.loops}}
    assert {href.rstrip("/").rsplit("/", 1)[-1] for href in loop_links.values()} == p.loop_targets
    for node, href in nodes:
        target = _target(site_dir, page, href)
        assert target is not None and target.is_file(), f"{node} wijst naar {href}: bestaat niet"


def test_links_between_generated_pages_resolve(site_dir: Path) -> None:
    broken = []
    for path in generated_paths():
        page = site_dir / path / "index.html"
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links:
            target = _target(site_dir, page, href)
            if target is not None and not target.exists():
                broken.append(f"{path}: {href}")
    assert not broken


def test_pages_are_cross_linked_as_the_protocol_links_them(site_dir: Path) -> None:
    protocol = default()
    html = (site_dir / "afweging-3" / "index.html").read_text(encoding="utf-8")
    for answer in protocol.question("afweging-3").answers:
        assert f'href="../{answer.to}/"' in html
    assert 'href="../vervolg/belangrijk/"' in html
    outcome = (site_dir / "melden-direct" / "index.html").read_text(encoding="utf-8")
    assert 'href="../vervolg/melding-doen/"' in outcome and 'href="../afweging-2/"' in outcome


def test_generated_pages_are_in_the_menu(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for children in nav_groups(default()).values():
        for uri in children:
            assert f'href="{uri.removesuffix("index.md")}"' in html, uri


def test_roles_are_explained_where_they_are_used(site_dir: Path) -> None:
    html = (site_dir / "afweging-3" / "index.html").read_text(encoding="utf-8")
    role = next(r for r in default().roles if r.id == "leerplichtambtenaar")
    assert re.search(rf'<abbr title="{re.escape(role.explanation)}">{role.name}</abbr>', html)
    roles_page = page_text(site_dir / "rollen" / "index.html")
    assert all(r.name in roles_page for r in default().roles)


def test_colofon_and_home_show_version_hash_and_contacts(site_dir: Path) -> None:
    protocol = default()
    colofon = page_text(site_dir / "colofon" / "index.html")
    assert protocol.version in colofon and protocol.short_hash in colofon
    home = page_text(site_dir / "index.html")
    school = load_school(ROOT / "school.toml")
    assert school.veilig_thuis.phone in home
    assert all(c.name in home for c in school.contacts)
    home_html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="poster-a3.pdf"' in home_html and 'href="poster-a2.pdf"' in home_html
    chart_html = (site_dir / "stroomschema" / "index.html").read_text(encoding="utf-8")
    assert 'href="../poster-a3.pdf"' in chart_html and 'href="../poster-a2.pdf"' in chart_html


def test_flowchart_page_has_a_text_alternative(site_dir: Path) -> None:
    text = page_text(site_dir / "stroomschema" / "index.html")
    assert "Het schema als lijst" in text
    for question in default().questions:
        assert collapse(question.text) in text


@pytest.mark.parametrize("word, page_title", [
    ("anoniem", "Direct melden bij Veilig Thuis"),  # in "(telefonisch) (anoniem) melding"
    ("leerplicht", "Afweging 2"),  # in "bevoegd gezag)/leerplicht in"
    ("ketenpartner", "Afweging 3"),  # in "ketenpartner ²/ ben ik"
    ("vermoedens", "Bij verhuizing"),  # in "zorgen/vermoedens"
])
def test_search_finds_dutch_words_next_to_punctuation(browser: Browser, base_url: str, word: str,
                                                       page_title: str) -> None:
    from playwright.sync_api import expect

    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/")
        # A query typed before the index is loaded is lost: wait until the search says it is ready.
        expect(page.locator(".md-search-result__meta")).to_have_text("Typ om te beginnen met zoeken")
        box = page.get_by_role("textbox", name="Zoeken").first
        box.click()  # opens the search dialog
        box.press_sequentially(word)  # Material listens to key presses; fill() alone is not seen
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="attached")
        assert page_title in " ".join(results.all_inner_texts())
    finally:
        context.close()
