"""site_src/mkdocs_internals.py: the one place that uses MkDocs' and Material's internals, and the
documented fallback of each, run here as an upgrade would run it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from site_src import csp, mkdocs_internals

ROOT = Path(__file__).resolve().parent.parent


def _menu(tmp_path: Path) -> tuple[list[Any], list[Page]]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in "abcd":
        (docs / f"{name}.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    pages = [Page(None, File(f"{name}.md", str(docs), str(tmp_path / "site"), True), config)
             for name in "abcd"]
    return [pages[0], Section("Groep", [pages[1], pages[2]]), pages[3]], pages


def _links(items: list[Any], pages: list[Page]) -> list[tuple[Any, ...]]:
    def uri(page: Page | None) -> str | None:
        return page.file.src_uri if page is not None else None

    def title(item: Any) -> str | None:
        return item.title if item is not None else None

    return [(uri(p), uri(p.previous_page), uri(p.next_page), title(p.parent)) for p in pages] + [
        (i.title, None, None, title(i.parent)) for i in items if isinstance(i, Section)]


def test_the_documented_relinking_matches_the_internal_one(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert mkdocs_internals._PRIVATE_LINKS is not None  # MkDocs 1.6 has them: the fast path runs
    items, pages = _menu(tmp_path)
    mkdocs_internals.relink(items, pages)
    internal = _links(items, pages)

    monkeypatch.setattr(mkdocs_internals, "_PRIVATE_LINKS", None)  # a MkDocs without them
    items, pages = _menu(tmp_path)
    mkdocs_internals.relink(items, pages)
    assert _links(items, pages) == internal
    assert internal[1] == ("b.md", "a.md", "c.md", "Groep")
    assert internal[0] == ("a.md", None, "b.md", None)


def test_the_policy_goes_first_in_head_with_or_without_materials_charset() -> None:
    material = '<html><head>\n<meta charset="utf-8">\n<script>x()</script></head></html>'
    other = '<html><head lang="nl"><title>t</title><script>x()</script></head></html>'
    for page in (material, other):
        out = csp.with_policy(page, "test")
        meta = out.index('<meta http-equiv="Content-Security-Policy"')
        assert meta < out.index("<script>") and meta > out.index("<head")
    assert csp.with_policy(material, "t").index("Content-Security") > material.index("charset")
    with pytest.raises(csp.PolicyError, match="geen <head>"):
        csp.with_policy("<p>geen kop</p>", "t")


def test_no_other_module_uses_mkdocs_internals() -> None:
    private = re.compile(r"from (mkdocs|material)\.[\w.]+ import .*\b_\w+")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "site_src").rglob("*.py"))
             if p.name != "mkdocs_internals.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if private.search(line)]
    assert found == []
