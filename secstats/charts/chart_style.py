"""House style of the charts: one visual language for every figure.

- One colour per series, kept across charts (``SERIES_COLORS``): the same drug, publisher or
  transaction is the same colour wherever it appears.
- Marks say how firmly a figure is stated, the same way everywhere:
  stated exact figures are solid (filled circle, solid bar); approximate ones ("close to", "some") are
  hollow or pale with a dashed edge and a "~" label; bounds ("more than", "at least", "less than") are
  triangles or hatched bars labelled ">", "≥" or "<"; derived values (computed by secstats from
  stated claims) are diamonds or cross-hatched bars labelled "derived". Shape and hatch say *derived*;
  fill says *approximate*, so the two never look alike.
- The verdict of the reconciliation is a word after the claim's value ("· matches official").
- Numbers carry thousands separators, on axes and labels alike; counts are written in full
  ("64,000", never "64k"), dollars in millions or billions ("US$153M"); ranges take an en dash.
- The palette is Okabe and Ito's, made for colour-blind readers: the series of one chart stay apart
  under simulated deuteranopia and protanopia (tests/test_charts.py checks every chart).
- Direct labels where they fit; a legend only for what a label cannot say, each entry drawn as its
  marks are (a circle for circles, a line for lines).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")  # no screen; and the same renderer everywhere keeps PNGs byte-identical

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.typing import ColorType, RcKeyType

from secstats.core.escaping import CONTROL

HOUSE_STYLE: dict[RcKeyType, Any] = {
    # DejaVu Sans ships with matplotlib, so every machine renders the same PNG glyphs; the SVG names
    # the generic family after it, so a phone without DejaVu falls back to its own sans-serif, not a serif.
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.sans-serif": ["DejaVu Sans"],
    # Text is text: two dollar signs in one line ("US$2.8B ... US$1.6B") must not turn into mathtext.
    "text.parse_math": False,
    "font.size": 9,  # the wide charts' base; secstats.charts.chart_style.Size sets each width's
    "axes.labelsize": "small",
    "xtick.labelsize": "small",
    "ytick.labelsize": "small",
    "legend.fontsize": "small",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": "large",
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 8,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,  # gridlines behind bars and lines, never through them
    "grid.color": "#e4e4e4",
    "grid.linewidth": 0.6,
    "figure.dpi": 100,
    # 9 inches at 200 dpi is 1,800 pixels: twice a 900-pixel column, sharp on high-density screens.
    "savefig.dpi": 200,
    "svg.fonttype": "none",  # text stays text in SVG: searchable, editable, accessible
    "svg.hashsalt": "secstats",  # fixed ids in SVG output
    "hatch.linewidth": 0.6,
    "text.hinting": "none",  # unhinted glyphs: faster to rasterise, no visible loss at 200 dpi
}
# The formats every chart is saved in, with savefig's options: no timestamps or software stamps. The
# PNG takes zlib's fastest level: a third less time encoding than Pillow's default (6), and on these
# charts (flat colour, long runs) the files come out 6% smaller, not larger; lossless either way.
SAVE_OPTIONS: dict[str, dict] = {
    "png": {"metadata": {"Software": None}, "pil_kwargs": {"compress_level": 1}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
}
INK = "#333333"  # text and neutral marks
MUTED = "#555555"  # subtitles and footnotes

# One colour per series, whatever chart it is on. Keys are the values of the tables' own columns
# (drug, official series, transaction, geography), so a chart looks its colour up and never picks one.
# Okabe-Ito (https://jfly.uni-koeln.de/color/): blue, vermilion, bluish green, reddish purple,
# orange, sky blue; and a neutral grey for what a document does not say.
BLUE, ORANGE, GREEN, PURPLE, OCHRE, TEAL, GREY = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#595959",
)
SERIES_COLORS: dict[str, str] = {
    # drugs: the documents' claims take the colour of the official series they are compared with
    "all_drugs": BLUE,
    "any_opioid": ORANGE,
    "opioids": ORANGE,
    "synthetic_opioids_t404": GREEN,
    "synthetic_opioids": GREEN,
    "fentanyl": GREEN,
    "heroin_t401": PURPLE,
    "synthetic_opioids_or_heroin": OCHRE,  # spans two official series: its own colour
    # homicides in Mexico
    "inegi_deaths_by_registration": BLUE,
    "sesnsp_victims_homicidio_doloso": TEAL,
    "claims": ORANGE,
    "homicide_rate": ORANGE,
    "homicides": ORANGE,
    "deaths_drug_war": TEAL,
    # money
    "allocated": BLUE,
    "Appropriated and Planned": BLUE,
    "disbursed": GREEN,
    "Disbursements": GREEN,
    "undisbursed": ORANGE,
    "unspecified": GREY,
    "Obligations": PURPLE,
    "President's Budget Requests": OCHRE,
    # firearm origins
    "united_states": ORANGE,
    "united_states_texas": BLUE,
    "united_states_california": GREEN,
    "united_states_arizona": OCHRE,
    "all_other_origins": GREY,
    # extraditions
    "extraditions": BLUE,
    "extraditions_per_year_average": BLUE,
}

BOUND_SIGNS = {"more_than": ">", "at_least": "≥", "less_than": "<"}
KIND_LABELS = {
    "exact": "stated, exact",
    "approx": "stated, approximate (~)",
    "lower": "stated lower bound (> or ≥)",
    "upper": "stated upper bound (<)",
    "derived": "derived from stated claims",
    "derived_approx": "derived, approximate (~)",
}
KINDS = tuple(KIND_LABELS)
# How each verdict of the reconciliation reads after a claim's value, the same on every chart.
VERDICT_WORDS = {
    "matches": "matches official",
    "close": "close to official",
    "near_period": "matches a nearby period",
    "sources_disagree": "official sources disagree",
    "inconsistent": "does not match official",
    "unverifiable": "no official figure to check",
}
# How a chart's footnote counts what the check against the cited source found: (one, several).
CITED_COUNT_WORDS = {
    "agrees": ("agrees", "agree"),
    "differs": ("differs", "differ"),
    "not_in_source": ("not in the source", "not in the sources"),
    "source_not_on_record": ("not on record", "not on record"),
    "no_citation": ("none cited", "none cited"),
}
# A derived value is as good as the weakest claim it rests on: the verdicts from worst to best.
VERDICT_ORDER = ("inconsistent", "sources_disagree", "unverifiable", "near_period", "close", "matches")
# Text in a series' colour is drawn this much darker, so it keeps 4.5:1 contrast on white (WCAG AA).
TEXT_SHADE = 0.45
CONTROL_CHARACTERS = CONTROL  # not allowed (C0) or discouraged (C1) in XML 1.0; newline and tab are


def series_color(name: str) -> str:
    """The one colour of a series; an unknown series is an error, not a silently reused colour."""
    try:
        return SERIES_COLORS[name]
    except KeyError:
        raise KeyError(f"no colour for series {name!r}: add it to SERIES_COLORS in secstats/charts/chart_style.py") from None


# --- numbers and words ---------------------------------------------------------------------------


def number_text(number: float) -> str:
    """'35,000', '2.5', '0': thousands separators, and a decimal only when the number has one."""
    if float(number).is_integer() or abs(number) >= 100:
        return f"{number:,.0f}"
    return f"{number:,.1f}".rstrip("0").rstrip(".")


def money_text(usd: float) -> str:
    """'US$153M', 'US$2.8B': dollars in millions or billions, the one way every chart writes money."""
    scale, suffix = (1e9, "B") if abs(usd) >= 1e9 else (1e6, "M")
    return f"US${number_text(round(usd / scale, 2))}{suffix}"


def text_color(color: ColorType) -> tuple[float, float, float]:
    """A series colour darkened for text: the same hue, legible on white."""
    red, green, blue = (round(channel * (1 - TEXT_SHADE), 4) for channel in matplotlib.colors.to_rgb(color))
    return red, green, blue


def derived_verdict(claim_ids: str, verdicts: Mapping[str, str]) -> str | None:
    """The verdict a derived value carries: the worst among the claims it rests on ('a;b'), if any has one."""
    found = [verdicts[c] for c in claim_ids.split(";") if c in verdicts]
    return min(found, key=VERDICT_ORDER.index, default=None)


def thousands_axis(ax: Axes, which: str = "y") -> None:
    """Tick labels with thousands separators ('35,000', never '35000')."""
    formatter = FuncFormatter(lambda number, _position: number_text(number))
    (ax.yaxis if which == "y" else ax.xaxis).set_major_formatter(formatter)


def row_kind(row: pd.Series) -> str:
    """Which of KINDS a row is drawn as."""
    if row["processing"] == "derived":
        return "derived" if row["qualifier"] == "exact" else "derived_approx"
    if row["qualifier"] in ("more_than", "at_least"):
        return "lower"
    if row["qualifier"] == "less_than":
        return "upper"
    return "exact" if row["qualifier"] == "exact" else "approx"


def qualifier_sign(qualifier: str) -> str:
    """'~' for approximate, '>', '≥' or '<' for a bound, '' otherwise: how a label marks the qualifier."""
    return "~" if qualifier == "approximate" else BOUND_SIGNS.get(qualifier, "")


def value_label(row: pd.Series, suffix: str = "", verdict: str | None = None) -> str:
    """'~72,000', '>30,000', '41%', 'US$153M', '~25,000 derived': the value as a reader should quote it,
    with the reconciliation's verdict when there is one. A derived value rests on other claims: its
    verdict reads 'input claim: ...'."""
    sign = qualifier_sign(row["qualifier"])
    show = money_text if row.get("unit") == "usd" else number_text
    text = show(row["value"])
    if row["qualifier"] == "range":
        text += f"\u2013{show(row['value_high'])}"
    derived = row["processing"] == "derived"
    judged = f" · {'input claim: ' if derived else ''}{VERDICT_WORDS[verdict]}" if verdict else ""
    return f"{sign}{text}{suffix}{' derived' if derived else ''}{judged}"


def period_label(row: pd.Series) -> str:
    """'2018', 'FY2008–FY2017', 'Jan–Feb 2020': the period as the axis should say it."""
    fiscal = "FY" if row["year_basis"] == "fiscal" else ""
    start, end = str(row["period_start"]), str(row["period_end"])
    if start == end:
        return f"{fiscal}{start}"
    if len(start) > 4 and start[:4] == end[:4]:
        months = pd.to_datetime([start, end], format="%Y-%m")
        return f"{months[0]:%b}\u2013{months[1]:%b} {start[:4]}"
    return f"{fiscal}{start}\u2013{fiscal}{end}"


def balanced_fill(text: str, width: int) -> str:
    """Wrap text at ``width`` characters, narrowing the lines just enough that the last one is not a
    stub (at least a third of the width): no orphan word. Hyphenated words are never broken."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False)
    for narrower in range(width, width * 2 // 3, -1):
        wrapped = textwrap.wrap(text, narrower, break_on_hyphens=False)
        if len(wrapped) > len(lines):
            break
        if len(wrapped) == 1 or len(wrapped[-1]) >= width / 3:
            return "\n".join(wrapped)
    return "\n".join(lines)


# --- marks ---------------------------------------------------------------------------------------


def bar_style(kind: str, color: str) -> dict:
    """Bar keywords for one kind of row: solid, pale with dashed edge, hatched, cross-hatched."""
    style = {"facecolor": color, "edgecolor": color, "linewidth": 1.0}
    if kind.startswith("derived"):
        style.update(facecolor="white", hatch="xx")
    elif kind in ("lower", "upper"):
        style.update(facecolor="white", hatch="///")
    if kind in ("approx", "derived_approx"):
        style.update(linestyle="--")
        if kind == "approx":
            style.update(facecolor=pale(color))
    return style


def pale(color: str, share: float = 0.4) -> tuple[float, float, float]:
    """The colour mixed with white: an opaque tint, so labels on it stay legible."""
    red, green, blue = (round(1 - share + share * channel, 4) for channel in matplotlib.colors.to_rgb(color))
    return red, green, blue


def point_style(kind: str, color: str) -> dict:
    """Marker keywords for one kind of row: circle stated, diamond derived, triangle bound; hollow approximate."""
    marker = {"lower": "^", "upper": "v"}.get(kind, "D" if kind.startswith("derived") else "o")
    hollow = kind in ("approx", "derived_approx")
    return {
        "marker": marker,
        "markersize": 7 if marker == "D" else 8,
        "color": color,
        "markeredgecolor": color,
        "markerfacecolor": "white" if hollow else color,
        "linestyle": "none",
        "markeredgewidth": 1.5,
    }


def kind_legend(ax: Axes, drawn: Iterable[tuple[str, str]], shape: str, **options: Any) -> None:
    """A legend of how qualifiers look, for the kinds drawn on this axis, each in the colour of a
    mark it stands for (``drawn``: (kind, colour) of every mark, in drawing order). Left out when
    every mark is a stated exact figure: solid marks need no key."""
    colors: dict[str, str] = {}
    for kind, color in drawn:
        colors.setdefault(kind, color)
    if set(colors) <= {"exact"}:
        return
    handles: list[Artist] = []
    for kind in (k for k in KINDS if k in colors):
        if shape == "bar":
            handles.append(Patch(**bar_style(kind, colors[kind]), label=KIND_LABELS[kind]))
        else:
            handles.append(Line2D([], [], **point_style(kind, colors[kind]), label=KIND_LABELS[kind]))
    # A light box: a key of marks inside the plot must not read as data points.
    add_legend(ax, handles, frameon=True, fancybox=False, edgecolor="#d9d9d9", framealpha=1.0, **options)


def series_legend(ax: Axes, entries: Mapping[str, str], shape: str = "line", **options: Any) -> None:
    """A legend of series: label -> colour, drawn as the marks are (a line, a bar or a point)."""
    handles: list[Artist]
    if shape == "line":
        handles = [Line2D([], [], color=color, linewidth=1.8, label=label) for label, color in entries.items()]
    elif shape == "point":
        handles = [Line2D([], [], **point_style("exact", color), label=label) for label, color in entries.items()]
    else:
        handles = [Patch(facecolor=color, edgecolor=color, label=label) for label, color in entries.items()]
    add_legend(ax, handles, frameon=False, **options)


def add_legend(ax: Axes, handles: Sequence[Artist], **options: Any) -> Legend:
    """A legend added once as an artist: ax.legend() followed by add_artist would draw it (and write its
    text into the SVG, for screen readers too) twice."""
    legend = Legend(ax, handles, [str(h.get_label()) for h in handles], fontsize="small", **{"loc": "upper left", **options})
    legend.get_frame().set_linewidth(0.6)
    ax.add_artist(legend)
    return legend


# --- the figure ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    """A width a chart is drawn for: the site shows the wide one on screens, the narrow one on phones.
    ``font`` is the base size in points; every text is at least ``small`` (0.833 of it)."""

    suffix: str  # of the file name: 'homicides.svg', 'homicides-narrow.svg'
    width: float  # inches
    font: float
    stacked: bool  # panels one above another instead of side by side

    def chars(self, points: float) -> int:
        """How many characters of DejaVu Sans at ``points`` fit across the figure (0.55 em each, 90%)."""
        return int(self.width * 72 / (0.55 * points) * 0.9)


# The narrow one is shown about 350 CSS px wide on a 390-px phone: 3.75 inches (270 pt) at 11 pt puts
# its smallest text (9.2 pt) at 11.9 CSS px.
WIDE = Size("", 9.0, 9.0, stacked=False)
NARROW = Size("-narrow", 3.75, 11.0, stacked=True)
SIZES = (WIDE, NARROW)


def new_figure(title: str, subtitle: str, size: Size, panels: int = 1, height: float = 5.6) -> tuple[Figure, list[Axes]]:
    """A figure in house style: a title that says what it finds, a subtitle with units and years, each
    wrapped to the width; stacked panels on a narrow figure (taller by ``height`` per extra panel)."""
    title, subtitle = (CONTROL_CHARACTERS.sub("", text) for text in (title, subtitle))  # measured below: no glyphless text
    rows, columns = (panels, 1) if size.stacked else (1, panels)
    tall = height * 1.7 * (1 + 0.5 * (panels - 1)) if size.stacked else height
    fig, axes = plt.subplots(rows, columns, figsize=(size.width, tall), squeeze=False)
    heading, small = size.font * 1.3, size.font * 0.95
    title_text = fig.suptitle(
        balanced_fill(title, size.chars(heading) - 4),
        x=0.012,
        y=1 - 0.1 / tall,
        ha="left",
        va="top",
        fontsize=heading,
        fontweight="bold",
        color=INK,
    )
    title_box = title_text.get_window_extent()  # with the figure's own renderer
    below = title_box.y0 / fig.bbox.height - 0.06 / tall
    fig.text(0.012, below, balanced_fill(subtitle, size.chars(small)), ha="left", va="top", fontsize=small, color=MUTED)
    for ax in axes.flat:
        ax.tick_params(colors=INK)
    return fig, list(axes.flat)


def clean_texts(fig: Figure) -> None:
    """Strip control characters from every text: XML forbids them, and one would make the SVG ill-formed."""
    for text in fig.findobj(Text):
        cleaned = CONTROL_CHARACTERS.sub("", text.get_text())
        if cleaned != text.get_text():
            text.set_text(cleaned)


def accessible_svg(svg: bytes, title: str, description: str, claims: Iterable[str] = ()) -> bytes:
    """The SVG with a <title> and a <desc> as the first children of its root, named by aria-labelledby,
    and the ids of the claims it draws in the root's ``data-claims`` (the site's caption reads them)."""
    title, description = (escape(CONTROL_CHARACTERS.sub("", " ".join(part.split()))) for part in (title, description))
    head, separator, rest = svg.decode("utf-8").partition("<svg ")
    root_end = rest.index(">")
    drawn = escape(" ".join(claims), {'"': "&quot;"})
    root = rest[:root_end].replace(
        ' version="1.1"', f' version="1.1" role="img" aria-labelledby="chart-title chart-desc" data-claims="{drawn}"', 1
    )
    accessible = f'{root}>\n <title id="chart-title">{title}</title>\n <desc id="chart-desc">{description}</desc>'
    return (head + separator + accessible + rest[root_end + 1 :]).encode("utf-8")


def save(fig: Figure, description: str, claims: Iterable[str] = ()) -> dict[str, bytes]:
    """The figure as PNG and SVG bytes, with no timestamps or software stamps; the SVG titled, described
    and naming the claims it draws."""
    clean_texts(fig)
    outputs = {}
    for extension, options in SAVE_OPTIONS.items():
        buffer = io.BytesIO()
        fig.savefig(buffer, format=extension, **options)
        outputs[extension] = buffer.getvalue()
    title = fig.get_suptitle()
    outputs["svg"] = accessible_svg(outputs["svg"], title, description, claims)
    plt.close(fig)
    return outputs
