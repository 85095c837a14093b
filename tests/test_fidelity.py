"""The protocol data holds the source text verbatim, both ways round."""

from __future__ import annotations

import pytest

from protocol import Protocol, default
from protocol.model import Question
from tests.source_text import SOURCE, collapse, contains, sentences


def protocol_texts(p: Protocol) -> list[str]:
    """Every field that holds the protocol's own words (not our explanations)."""
    texts = [p.intro]
    texts += [ph.text for ph in p.phases if ph.text]
    texts += [f.text for f in p.footnotes]
    for node in p.nodes.values():
        if isinstance(node, Question):
            texts += [node.title, node.text, *(a.source for a in node.answers)]
        else:
            texts += list(node.text)
    for section in p.sections:
        texts += [section.title, *section.items]
    texts += [d.source for d in p.deadlines if d.source]
    return texts


def all_data_text(p: Protocol) -> str:
    return "\n".join(collapse(t) for t in protocol_texts(p))


@pytest.mark.parametrize("sentence", sentences(), ids=lambda s: s[:50])
def test_every_source_sentence_is_in_the_protocol_data(sentence: str) -> None:
    assert contains(all_data_text(default()), sentence), f"niet letterlijk in meldcode.toml: {sentence!r}"


def test_protocol_fields_add_no_words_of_their_own() -> None:
    """Protocol-text fields only restructure: each of their sentences stands in the source."""
    source = collapse(SOURCE.read_text(encoding="utf-8"))
    for text in protocol_texts(default()):
        for sentence in sentences(text):
            assert contains(source, sentence), f"staat niet in de bron: {sentence!r}"


def test_the_check_notices_a_rephrased_sentence() -> None:
    reworded = all_data_text(default()).replace("binnen 5 werkdagen", "binnen vijf werkdagen")
    target = next(s for s in sentences() if "binnen 5 werkdagen" in s)
    assert not contains(reworded, target)


def test_the_source_has_the_sentences_we_expect() -> None:
    found = sentences()
    assert len(found) > 60
    assert "Meld in de verwijsindex risicojongeren" in found
    assert not any(s.startswith(("•", "A:", "B:", "¹")) for s in found)
