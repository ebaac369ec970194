"""Charts carry their own footnotes: every SVG names its sources and the claims it draws."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree

import matplotlib.pyplot as plt
import pandas as pd
import PIL
import pytest

from secstats import render_cache
from secstats.catalog import CLAIM_TABLES
from secstats.chart_style import HOUSE_STYLE, VERDICT_WORDS, save, value_label
from secstats.claims import read_ledger
from secstats.figures import CHARTS, Citations, footnote_text, new_figure
from secstats.render_cache import chart_key
from secstats.schemas import VERDICTS
from secstats.sources import read_sources
from tests.conftest import REPO

SVG_TEXT = "{http://www.w3.org/2000/svg}text"
CLAIM_ID = re.compile(r"\b[a-z]+-\d{3}\b")


def svg_root(rendered: dict[str, bytes], name: str) -> ElementTree.Element:
    """A chart's SVG, drawn from the in-memory build."""
    return ElementTree.fromstring(rendered[f"{name}.svg"])


def svg_text(rendered: dict[str, bytes], name: str) -> str:
    """All text of a drawn SVG (text stays text: svg.fonttype is 'none')."""
    return "\n".join("".join(element.itertext()) for element in svg_root(rendered, name).iter(SVG_TEXT))


def drawn_claims(built: dict[str, pd.DataFrame], name: str) -> set[str]:
    """The claims a claim table built in memory rests on (derived rows join several ids with ';')."""
    return {c for ids in built[name]["claim_id"] for c in ids.split(";")}


@pytest.mark.parametrize("chart", [c for c in CHARTS if c.name != "overview"], ids=lambda c: c.name)
def test_svg_footnote_cites_its_sources_and_claims(chart, built, rendered) -> None:
    text = svg_text(rendered, chart.name)
    cited = set(CLAIM_ID.findall(text))
    claim_tables = [name for name in chart.tables if name in CLAIM_TABLES]
    drawn = {c for name in claim_tables for c in drawn_claims(built, name)}
    assert cited, "no claim ids in the footnote"
    assert cited <= drawn, f"footnote cites claims the chart's tables do not hold: {cited - drawn}"
    ledger = read_ledger(REPO).set_index("claim_id")
    register = read_sources(REPO).set_index("source_id")
    for source_id in {ledger.loc[c, "source_id"] for c in cited}:
        assert f"Source: {register.loc[source_id, 'author']}" in text


def test_overview_cites_every_source_and_no_claim_ids(built, rendered) -> None:
    """Some 35 claim ids would crowd the overview: it names the documents and says where the ids are."""
    text = svg_text(rendered, "overview")
    register = read_sources(REPO).set_index("source_id")
    sources = {s for name in CLAIM_TABLES for ids in built[name]["source_id"] for s in ids.split(";")}
    for source_id in sources:
        assert f"Source: {register.loc[source_id, 'author']}" in text
    assert not CLAIM_ID.findall(text)


def test_official_series_are_cited_by_publisher_not_by_repository(rendered) -> None:
    for name in ("homicide_rate_official", "us_assistance_official"):
        text = svg_text(rendered, name).replace("\n", " ")
        assert "Official series:" in text and "via " not in text and "snapshot in" not in text


def test_footnote_groups_claims_by_source_and_flags_derivations() -> None:
    ledger = read_ledger(REPO)
    citations = Citations.load(REPO)
    first, second = ledger.groupby("source_id").head(1).iloc[:2].itertuples()
    rows = pd.DataFrame(
        {"claim_id": [first.claim_id, f"{first.claim_id};{second.claim_id}"], "processing": ["stated", "derived"]}
    )
    text = footnote_text(rows, citations).replace("\n", " ")
    assert text.count("Source:") == 2
    assert citations.citation(first.source_id)[:40] in text and citations.citation(second.source_id)[:40] in text
    assert "Derived values" in text


@pytest.mark.parametrize(
    "qualifier, processing, expected",
    [
        ("exact", "stated", "1,234"),
        ("approximate", "stated", "~1,234"),
        ("more_than", "stated", ">1,234"),
        ("at_least", "stated", "≥1,234"),
        ("less_than", "stated", "<1,234"),
        ("exact", "derived", "1,234 derived"),
        ("approximate", "derived", "~1,234 derived"),
    ],
)
def test_value_labels_keep_the_qualifier_visible(qualifier: str, processing: str, expected: str) -> None:
    row = pd.Series({"value": 1234.0, "value_high": None, "qualifier": qualifier, "processing": processing})
    assert value_label(row) == expected


def test_svg_has_no_timestamp(rendered) -> None:
    for chart in CHARTS:
        head = rendered[f"{chart.name}.svg"].decode()[:2000]
        assert "<dc:date>" not in head and "Matplotlib v" not in head


def test_render_cache_key_changes_with_any_input(built) -> None:
    citations = Citations.load(REPO)
    chart = next(c for c in CHARTS if c.name == "weapon_origins")
    tables = {name: built[name] for name in chart.tables}
    key = chart_key(chart, tables, citations)
    assert chart_key(chart, tables, citations) == key
    changed = {name: table.assign(value=table["value"] + 1) for name, table in tables.items()}
    assert chart_key(chart, changed, citations) != key
    other = next(c for c in CHARTS if c.name == "merida_funding")
    assert chart_key(other, {name: built[name] for name in other.tables}, citations) != key


def test_render_cache_key_changes_with_any_module_and_the_drawing_libraries(built, tmp_path, monkeypatch) -> None:
    """Footnotes cite through provenance, which no chart module holds: an edit there must redraw."""
    citations = Citations.load(REPO)
    chart = next(c for c in CHARTS if c.name == "weapon_origins")
    tables = {name: built[name] for name in chart.tables}
    key = chart_key(chart, tables, citations)
    code = tmp_path / "secstats"
    shutil.copytree(render_cache.PACKAGE_CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(render_cache, "PACKAGE_CODE", code)
    assert chart_key(chart, tables, citations) == key
    with (code / "provenance.py").open("a") as module:
        module.write("# an edit\n")
    assert chart_key(chart, tables, citations) != key
    monkeypatch.setattr(render_cache, "PACKAGE_CODE", REPO.root / "secstats")
    monkeypatch.setattr(PIL, "__version__", "0.0")
    assert chart_key(chart, tables, citations) != key


def test_every_verdict_has_its_words_on_the_charts() -> None:
    assert set(VERDICT_WORDS) == set(VERDICTS)


def test_value_labels_carry_the_verdict_in_words() -> None:
    row = pd.Series({"value": 1000.0, "value_high": None, "qualifier": "approximate", "processing": "stated"})
    assert value_label(row, 1000, "k", verdict="close") == "~1k · close to official"


@pytest.mark.parametrize("chart", CHARTS, ids=[c.name for c in CHARTS])
def test_svg_has_a_title_and_a_one_sentence_description(chart, rendered) -> None:
    root = svg_root(rendered, chart.name)
    title, desc = root[0], root[1]
    assert title.tag == "{http://www.w3.org/2000/svg}title" and desc.tag == "{http://www.w3.org/2000/svg}desc"
    assert title.text and title.text in svg_text(rendered, chart.name)
    one_sentence = desc.text.endswith(".") and not re.search(r"[a-z]{3,}\. [A-Z]", desc.text)
    assert desc.text == chart.description and one_sentence
    assert root.get("role") == "img"


def test_control_characters_cannot_make_the_svg_ill_formed() -> None:
    with plt.rc_context(HOUSE_STYLE):
        fig, (ax,) = new_figure("A title with a bell\x07 & <tags>", "A subtitle\x0b with a vertical tab")
        ax.annotate("label\x1b", (0.5, 0.5))
        files = save(fig, "One sentence with \x01 a control character & an ampersand.")
    root = ElementTree.fromstring(files["svg"])
    assert root[0].text == "A title with a bell & <tags>"
    assert "\x07" not in files["svg"].decode() and files["png"].startswith(b"\x89PNG")


def test_png_is_drawn_at_twice_screen_density(rendered) -> None:
    width = int.from_bytes(rendered["overview.png"][16:20], "big")
    assert width == 9 * 200  # 9-inch figure at 200 dpi: 2x a 900-pixel column
