"""What the generated pages teach: the rules of issue 10, checked on the Markdown the site is built from.

Each test names a defect the site once had; it fails when the data or the renderer brings it back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol import default
from protocol.model import Outcome
from protocol.present import OUR_LABEL
from site_src.render import urls
from site_src.render.pages import Build, pages
from site_src.render.school import load_school

ROOT = Path(__file__).resolve().parent.parent
P = default()
PAGES = pages(P, Build(load_school(ROOT / "school.toml"), "2026-11-30", "<svg></svg>"))


def page(node_id: str) -> str:
    return PAGES[urls.source(urls.step(node_id))]


def test_no_page_sends_anyone_back_to_afweging_2_after_an_outcome() -> None:
    for path, text in PAGES.items():
        assert "begin weer bij" not in text.lower(), path
        assert "opnieuw naar afweging" not in text.lower(), path


@pytest.mark.parametrize("outcome", [o for o in P.outcomes if o.category != "hulp"], ids=lambda o: o.id)
def test_every_melding_or_contact_page_names_112(outcome: Outcome) -> None:
    assert "[112](tel:112)" in page(outcome.id)


def test_the_direct_melding_page_explains_what_the_protocol_leaves_out() -> None:
    text = page("melden-direct")
    ours = text[text.index(f'"{OUR_LABEL}"'):]
    # The exception to talking with the parents first, as in every meldcode.
    assert "in gevaar brengt" in ours and "contact verbreekt" in ours
    # "(anoniem)": a professional melds with a name; anonymous advice is something else.
    assert 'Over "(anoniem)"' in ours and "met je eigen naam" in ours and "Anoniem advies" in ours
    # Afwegingen 3-5 after a direct melding: our reading, marked as ours.
    assert "Onze lezing: na de melding zijn afweging 3, 4 en 5 niet voorbij" in ours
    # No advice to ask anonymous advice first in an acute case.
    assert "eerst anoniem advies" not in text
    assert "Je kunt ook eerst anoniem advies vragen" not in text


def test_the_phase_sentence_is_quoted_once_before_afweging_3() -> None:
    phase = P.phase("met-veilig-thuis").text
    assert phase
    quoted = [q.id for q in P.questions if phase[:30] in page(q.id)]
    assert quoted == ["afweging-3"]


def test_footnote_3_stands_with_the_ja_of_afweging_5() -> None:
    text = page("afweging-5")
    mark = P.footnote("nazorg").mark
    note = f"{mark} Aanbeveling"
    assert text.count(note) == 1
    assert text.index("### JA") < text.index(note) < text.index("### NEE")


def test_bij_verhuizing_and_belangrijk_are_where_the_protocol_puts_them() -> None:
    for outcome in P.outcomes:
        assert "Bij verhuizing van gezin" in page(outcome.id), outcome.id
    for help_step in ("hulp-in-gang-zetten", "hulp-afsluiten"):
        assert "vervolg/belangrijk" in page(help_step)


def test_the_5_werkdagen_are_shown_only_where_the_protocol_states_them() -> None:
    """The protocol states them at afweging 3 = NEE only; anywhere else they must be marked as ours."""
    stated = {"afweging-3", "melden-geen-hulp"}
    assert all(any("5 werkdagen" in t for t in P.node(i).text) or i == "afweging-3" for i in stated)
    for node_id in P.nodes:
        for line in page(node_id).splitlines():
            if "5 werkdagen" in line and node_id not in stated:
                assert "Onze lezing" in line, f"{node_id}: {line.strip()}"
    assert "werkdagen" not in page("melden-direct")


def test_the_verwijsindex_is_only_for_schools_that_are_connected() -> None:
    text = PAGES[urls.source(urls.section("melding-doen"))]
    assert "als jouw school aangesloten is" in text and "meldbevoegd" in text


def test_framing_and_phrases_the_review_found() -> None:
    every = "\n".join(PAGES.values())
    assert "Bel hen als je twijfelt" not in every
    assert "Verhuisd?:" not in every
    assert "hulp of melden" not in every.lower()
    bevoegd = next(r for r in P.roles if r.id == "bevoegd-gezag")
    assert "geen toestemming van het bestuur" in bevoegd.explanation
