"""The layout check: every figure, drawn with Agg, has no colliding, clipped or mark-crossing text and
honest legend colours; and the check does fail on figures that break each rule."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from secstats.charts.chart_layout import layout_problems, place_labels
from secstats.charts.chart_style import HOUSE_STYLE, SIZES
from secstats.charts.figures import CHARTS, Citations
from tests.conftest import REPO


@pytest.fixture(scope="module")
def citations() -> Citations:
    return Citations.load(REPO)


@pytest.mark.parametrize("size", SIZES, ids=["wide", "narrow"])
@pytest.mark.parametrize("chart", CHARTS, ids=[c.name for c in CHARTS])
def test_every_figure_passes_the_layout_check(chart, size, citations: Citations, built: dict[str, pd.DataFrame]) -> None:
    """Drawn from the tables built in memory, as the build draws them, at each width."""
    tables = {name: built[name] for name in chart.tables}
    with plt.rc_context({**HOUSE_STYLE, "font.size": size.font}):
        figure = chart.draw(tables, citations, size).figure
        problems = layout_problems(figure)
    plt.close(figure)
    assert problems == []


def made_up_figure():
    """A clean made-up figure: one line, one bar, a title, a legend in the line's colour."""
    fig, ax = plt.subplots(figsize=(6, 4))
    fig.suptitle("A made-up chart", x=0.02, ha="left")
    ax.plot([0, 10], [0, 10], color="#1f5f8b", label="series a")
    ax.bar(8, 3, 1.0, color="#c4572a")
    ax.legend(loc="upper left", frameon=False)
    ax.set(xlim=(-1, 11), ylim=(0, 12))
    return fig, ax


def problems_of(fig) -> list[str]:
    with plt.rc_context(HOUSE_STYLE):
        problems = layout_problems(fig)
    plt.close(fig)
    return problems


def test_the_made_up_figure_is_clean() -> None:
    fig, _ = made_up_figure()
    assert problems_of(fig) == []


def test_overlapping_text_is_caught() -> None:
    fig, ax = made_up_figure()
    ax.annotate("first label", (2, 8))
    ax.annotate("second label", (2.3, 8.1))
    assert any("overlaps annotation 'second label'" in p for p in problems_of(fig))


def test_text_off_the_canvas_is_caught() -> None:
    fig, ax = made_up_figure()
    ax.set_yticks([2, 6], ["a very long tick label that cannot fit in the margin", "b"])
    assert any("leaves the canvas" in p for p in problems_of(fig))


def test_an_annotation_across_a_line_or_a_bar_is_caught() -> None:
    fig, ax = made_up_figure()
    ax.annotate("on the line", (5, 5), ha="center", va="center")
    ax.annotate("half on the bar", (8, 3), ha="left", va="center")
    problems = problems_of(fig)
    assert any("'on the line' crosses line 'series a'" in p for p in problems)
    assert any("'half on the bar' crosses bar" in p for p in problems)


def test_a_label_inside_its_solid_bar_is_allowed_but_not_on_a_hatched_one() -> None:
    fig, ax = made_up_figure()
    ax.annotate("in", (8, 1.5), ha="center", va="center", fontsize=6)
    assert problems_of(fig) == []
    fig, ax = made_up_figure()
    ax.patches[0].set_hatch("xx")
    ax.annotate("in", (8, 1.5), ha="center", va="center", fontsize=6)
    assert any("'in' crosses bar" in p for p in problems_of(fig))


def test_a_legend_over_marks_is_caught() -> None:
    fig, ax = made_up_figure()
    ax.get_legend().set_loc("lower right")
    assert any(p.startswith("legend ['series a'] crosses") for p in problems_of(fig))


def test_a_grey_legend_swatch_for_coloured_marks_is_caught() -> None:
    fig, ax = made_up_figure()
    ax.legend(
        handles=[Patch(facecolor="#777777", label="stated, exact"), Line2D([], [], color="#c4572a", label="series a")],
        loc="upper left",
    )
    problems = problems_of(fig)
    assert "legend entry 'stated, exact' has a colour no mark has" in problems
    assert "legend entry 'series a' is not the colour of its marks" in problems


def test_the_overview_as_it_was_fails_the_check() -> None:
    """Today's (before issue 13) overview: file names as labels in a fixed margin, legend at lower right."""
    fig, ax = plt.subplots(figsize=(9, 5.6))
    names = ["overdose_deaths", "weapon_origins", "merida_funding", "extraditions", "homicides"]
    ax.barh(range(5), [9, 6, 6, 6, 10], 0.6, label="stated, exact")
    ax.set(yticks=range(5), yticklabels=[f"{n}.csv" for n in names])
    ax.legend(loc="lower right")
    fig.subplots_adjust(left=0.1)
    problems = problems_of(fig)
    assert any("'overdose_deaths.csv' leaves the canvas" in p for p in problems)
    assert any(p.startswith("legend ['stated, exact'] crosses bar") for p in problems)


def test_placement_moves_a_label_off_a_line() -> None:
    fig, ax = made_up_figure()
    ax.plot([5], [5], marker="o", color="#1f5f8b")
    label = ax.annotate("a point's label", (5, 5), xytext=(0, 0), textcoords="offset points", ha="center", va="center")
    with plt.rc_context(HOUSE_STYLE):
        place_labels(fig, [label])
    assert problems_of(fig) == []
