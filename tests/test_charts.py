"""Charts carry their own footnotes: every SVG names its sources and the claims it draws."""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ElementTree
from itertools import combinations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import PIL
import pytest
from matplotlib.colors import to_rgb

from secstats.charts import render_cache
from secstats.charts.chart_layout import ink
from secstats.charts.chart_style import (
    HOUSE_STYLE,
    VERDICT_WORDS,
    WIDE,
    derived_verdict,
    new_figure,
    period_label,
    save,
    value_label,
)
from secstats.charts.figures import CHARTS, Citations, cited_note, footnote_text
from secstats.charts.render_cache import chart_key
from secstats.core.schemas import VERDICTS
from secstats.ledger.claims import read_ledger
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


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_svg_footnote_names_the_documents_of_the_claims_it_draws(chart, rendered) -> None:
    """A short footnote: each document of a drawn claim by author and year; the full citation is on the site."""
    root = svg_root(rendered, chart.name)
    drawn = root.get("data-claims").split()
    text = svg_text(rendered, chart.name).replace("\n", " ")
    citations = Citations.load(REPO)
    for source_id in {citations.claim_sources[c] for c in drawn}:
        assert citations.short(source_id) in text
    assert "secstats site" in text


def test_official_series_are_cited_by_publisher_not_by_repository(rendered) -> None:
    for name in ("homicide_rate_official", "us_assistance_official"):
        text = svg_text(rendered, name).replace("\n", " ")
        assert "Official series:" in text and "via " not in text and "snapshot in" not in text and ".csv" not in text


def test_footnote_names_each_document_once_and_flags_derivations() -> None:
    ledger = read_ledger(REPO)
    citations = Citations.load(REPO)
    first, second = ledger.groupby("source_id").head(1).iloc[:2].itertuples()
    rows = pd.DataFrame(
        {"claim_id": [first.claim_id, f"{first.claim_id};{second.claim_id}"], "processing": ["stated", "derived"]}
    )
    text = footnote_text(rows, citations).replace("\n", " ")
    assert text.count(citations.short(first.source_id)) == 1 and citations.short(second.source_id) in text
    assert "Derived" in text


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_the_svg_names_exactly_the_claims_its_marks_draw(chart, rendered) -> None:
    """data-claims (what the site's caption lists) against the ids of the marks in the drawing itself."""
    for suffix in ("", "-narrow"):
        root = ElementTree.fromstring(rendered[f"{chart.name}{suffix}.svg"])
        marks = {c for g in root.iter("{http://www.w3.org/2000/svg}g") for c in mark_claims(g.get("id", ""))}
        assert set(root.get("data-claims").split()) == marks


def mark_claims(element_id: str) -> list[str]:
    return element_id.removeprefix("drawn-").rsplit(".", 1)[0].split("_") if element_id.startswith("drawn-") else []


# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
}
MIN_DISTANCE = 12.0  # CIE76 ΔE: two colours closer than this read as one series


def lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear-RGB colour."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_as(color: tuple[float, float, float], deficiency: str) -> np.ndarray:
    channels = np.array(color)
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return lab(np.clip(CVD[deficiency] @ linear, 0, 1))


def confused(colors: set[tuple[float, float, float]]) -> list[tuple[str, object, object, float]]:
    pairs = []
    for deficiency in CVD:
        for first, second in combinations(sorted(colors), 2):
            distance = float(np.linalg.norm(seen_as(first, deficiency) - seen_as(second, deficiency)))
            if distance < MIN_DISTANCE:
                pairs.append((deficiency, first, second, round(distance, 1)))
    return pairs


def series_colors(figure) -> set[tuple[float, float, float]]:
    """The colour of each series drawn: lines, marker edges, bar edges (a pale fill is its series' tint)."""
    found = set()
    for ax in figure.axes:
        for line in ax.lines:
            found |= ink([line.get_color(), line.get_markeredgecolor()])
        for patch in ax.patches:
            found |= ink([patch.get_edgecolor()])
    return found


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_each_charts_series_stay_apart_for_colour_blind_readers(chart, built) -> None:
    with plt.rc_context(HOUSE_STYLE):
        drawing = chart.draw({name: built[name] for name in chart.tables}, Citations.load(REPO), WIDE)
    colors = series_colors(drawing.figure)
    plt.close(drawing.figure)
    assert len(colors) >= 1 and confused(colors) == []


def test_the_simulation_catches_the_old_palette() -> None:
    """Blue and purple of the palette before issue 23 merge for a protanope: the check must say so."""
    old = {to_rgb("#1f5f8b"), to_rgb("#8a5a9c")}
    assert {pair[0] for pair in confused(old)} == {"deuteranopia", "protanopia"}


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


def test_money_in_millions_or_billions_and_ranges_with_an_en_dash() -> None:
    row = pd.Series({"value": 153e6, "value_high": 2.8e9, "qualifier": "range", "processing": "stated", "unit": "usd"})
    assert value_label(row) == "US$153M\u2013US$2.8B"
    period = pd.Series({"year_basis": "calendar", "period_start": "2000", "period_end": "2006"})
    assert period_label(period) == "2000\u20132006"


def test_a_derived_value_carries_the_worst_verdict_of_its_inputs() -> None:
    verdicts = {"a-001": "close", "a-002": "inconsistent", "a-003": "matches"}
    assert derived_verdict("a-001;a-002", verdicts) == "inconsistent"
    assert derived_verdict("a-001;a-003", verdicts) == "close"
    assert derived_verdict("b-001", verdicts) is None
    row = pd.Series({"value": 25000.0, "value_high": None, "qualifier": "approximate", "processing": "derived"})
    assert value_label(row, verdict="inconsistent") == "~25,000 derived · input claim: does not match official"


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
    with (code / "raw" / "provenance.py").open("a") as module:
        module.write("# an edit\n")
    assert chart_key(chart, tables, citations) != key
    monkeypatch.setattr(render_cache, "PACKAGE_CODE", REPO.root / "secstats")
    monkeypatch.setattr(PIL, "__version__", "0.0")
    assert chart_key(chart, tables, citations) != key


def test_every_verdict_has_its_words_on_the_charts() -> None:
    assert set(VERDICT_WORDS) == set(VERDICTS)


def test_value_labels_carry_the_verdict_in_words() -> None:
    row = pd.Series({"value": 1000.0, "value_high": None, "qualifier": "approximate", "processing": "stated"})
    assert value_label(row, verdict="close") == "~1,000 · close to official"


@pytest.mark.parametrize("chart", CHARTS, ids=[c.name for c in CHARTS])
def test_svg_has_a_title_and_a_one_sentence_description_counting_what_it_draws(chart, rendered) -> None:
    root = svg_root(rendered, chart.name)
    title, desc = root[0], root[1]
    assert title.tag == "{http://www.w3.org/2000/svg}title" and desc.tag == "{http://www.w3.org/2000/svg}desc"
    assert title.text and " ".join(title.text.split()[:4]) in " ".join(svg_text(rendered, chart.name).split())
    one_sentence = desc.text.endswith(".") and not re.search(r"[a-z]{3,}\. [A-Z]", desc.text)
    assert one_sentence and root.get("role") == "img"
    drawn = root.get("data-claims").split()
    if drawn:  # the number of documents is counted from the claims drawn, never typed
        documents = {Citations.load(REPO).claim_sources[c] for c in drawn}
        assert ("one document" if len(documents) == 1 else f"{len(documents)} documents") in desc.text


def test_svg_names_a_generic_font_family_and_writes_each_legend_once(rendered) -> None:
    svg = rendered["overview.svg"].decode()
    assert "sans-serif" in svg
    text = svg_text(rendered, "overview")
    assert text.count("stated, exact") == 1


def test_control_characters_cannot_make_the_svg_ill_formed() -> None:
    with plt.rc_context(HOUSE_STYLE):
        fig, (ax,) = new_figure("A title with a bell\x07 & <tags>", "A subtitle\x0b with a vertical tab", WIDE)
        ax.annotate("label\x1b", (0.5, 0.5))
        files = save(fig, "One sentence with \x01 a control character & an ampersand.")
    root = ElementTree.fromstring(files["svg"])
    assert root[0].text == "A title with a bell & <tags>"
    assert "\x07" not in files["svg"].decode() and files["png"].startswith(b"\x89PNG")


def test_png_is_drawn_at_twice_screen_density(rendered) -> None:
    width = int.from_bytes(rendered["overview.png"][16:20], "big")
    assert width == 9 * 200  # 9-inch figure at 200 dpi: 2x a 900-pixel column


def test_a_charts_footnote_counts_the_cited_source_check_of_the_stated_figures_it_draws() -> None:
    rows = pd.DataFrame({"claim_id": ["a-001", "a-002", "a-003", "a-001;a-002"], "processing": ["stated"] * 3 + ["derived"]})
    verdicts = pd.DataFrame(
        {"claim_id": ["a-001", "a-002", "a-003", "z-009"], "cited_check": ["no_citation", "agrees", "agrees", "differs"]}
    )
    assert cited_note(rows, verdicts) == ["Sources cited for the 3 stated figures: 2 agree, 1 none cited."]
    assert cited_note(rows, verdicts.drop(columns="cited_check")) == []  # before the check is built, nothing is claimed


def test_two_dollar_amounts_in_one_line_stay_text_not_mathtext() -> None:
    with plt.rc_context(HOUSE_STYLE):
        fig, (_ax,) = new_figure("Of US$2.8B, US$1.6B", "A subtitle", WIDE)
        svg = io.StringIO()
        fig.savefig(svg, format="svg")
        plt.close(fig)
    assert "Of US$2.8B, US$1.6B" in "".join(ElementTree.fromstring(svg.getvalue()).itertext())
