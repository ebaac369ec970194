"""Stage 3: publication-ready charts in ``figures/``, PNG and SVG, each with its own source footnote.

Charts read only the validated clean tables (and the source register for citations). One small
function per figure draws it; the house style, the qualifier encoding and the footnote are shared:
- exact figures are solid; approximate ones ("close to", "some") are hollow or pale with a "~" label;
- lower bounds ("more than", "at least") are upward triangles or hatched bars labelled ">" or "≥";
- derived values (computed from stated claims) are cross-hatched and labelled "derived".
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen; and the same renderer everywhere keeps PNGs byte-identical

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from secstats.outputs import csv_bytes, write_bytes_atomic  # noqa: E402
from secstats.paths import Layout  # noqa: E402
from secstats.schemas import read_csv_for  # noqa: E402
from secstats.sources import read_sources  # noqa: E402
from secstats.catalog import CLAIM_TABLES, read_table  # noqa: E402

HOUSE_STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib, so every machine renders the same glyphs
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "svg.fonttype": "none",  # text stays text in SVG: searchable, editable, accessible
    "svg.hashsalt": "secstats",  # fixed ids in SVG output
    "hatch.linewidth": 0.6,
    "text.hinting": "none",  # unhinted glyphs: a third faster to rasterise, no visible loss at 150 dpi
}
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}
PALETTE = ["#1f5f8b", "#c4572a", "#5d8c3a", "#8a5a9c", "#b08d1a", "#4d4d4d"]
LOWER_BOUNDS = {"more_than": ">", "at_least": "≥"}
LESS_THAN = {"less_than": "<"}


@dataclass(frozen=True)
class Chart:
    """A figure to build: its file stem, the tables it draws on, and the function that draws it."""

    name: str
    tables: tuple[str, ...]
    draw: Callable[[dict[str, pd.DataFrame], "Citations"], Figure]


# --- shared encoding ---------------------------------------------------------------------------

def qualifier_prefix(row: pd.Series) -> str:
    """The sign a label carries for the row's qualifier: ~ approximate, > / ≥ lower bound, < upper.

    Derived rows carry the qualifier of their inputs (exact arithmetic on exact claims stays exact)."""
    if row["qualifier"] == "approximate":
        return "~"
    return {**LOWER_BOUNDS, **LESS_THAN}.get(row["qualifier"], "")


def value_label(row: pd.Series, scale: float = 1.0, suffix: str = "") -> str:
    """'~72,000', '>30,000', '41%': the value as a reader should quote it."""
    number = row["value"] / scale
    text = f"{number:,.0f}" if number >= 100 or number == int(number) else f"{number:,.1f}"
    high = f"-{row['value_high'] / scale:,.0f}" if row["qualifier"] == "range" else ""
    derived = " (derived)" if row["processing"] == "derived" else ""
    return f"{qualifier_prefix(row)}{text}{high}{suffix}{derived}"


def bar_style(row: pd.Series, color: str) -> dict:
    """Bar keywords encoding the qualifier and processing of one row."""
    style = {"color": color, "edgecolor": color, "linewidth": 1.0}
    if row["processing"] == "derived":
        style.update(color="white", hatch="xxx")
    elif row["qualifier"] in LOWER_BOUNDS:
        style.update(color="white", hatch="///")
    elif row["qualifier"] != "exact":
        style.update(alpha=0.45, linestyle="--")
    return style


def point_style(row: pd.Series, color: str) -> dict:
    """Marker keywords encoding the qualifier and processing of one row."""
    marker = "^" if row["qualifier"] in LOWER_BOUNDS else "v" if row["qualifier"] in LESS_THAN else "o"
    hollow = row["qualifier"] == "approximate" or row["processing"] == "derived"
    return {"marker": marker, "markersize": 8, "color": color, "markeredgecolor": color,
            "markerfacecolor": "white" if hollow else color, "linestyle": "none",
            "markeredgewidth": 1.6 if row["processing"] == "derived" else 1.2}


def qualifier_legend(ax: Axes, kinds: Iterable[str], loc: str = "upper left") -> None:
    """A legend that says how qualifiers look, for the kinds drawn on this axis."""
    handles = {
        "exact_bar": Patch(facecolor="#777777", edgecolor="#777777", label="stated, exact"),
        "approx_bar": Patch(facecolor="#777777", alpha=0.45, edgecolor="#777777", linestyle="--",
                            label="stated, approximate (~)"),
        "lower_bar": Patch(facecolor="white", edgecolor="#777777", hatch="///", label="stated lower bound (> or ≥)"),
        "derived_bar": Patch(facecolor="white", edgecolor="#777777", hatch="xxx", label="derived from stated claims"),
        "exact_point": Line2D([], [], marker="o", color="#777777", linestyle="none", label="stated, exact"),
        "approx_point": Line2D([], [], marker="o", color="#777777", markerfacecolor="white", linestyle="none",
                               label="stated, approximate (~)"),
        "lower_point": Line2D([], [], marker="^", color="#777777", linestyle="none", label="stated lower bound (>)"),
        "derived_point": Line2D([], [], marker="o", color="#777777", markerfacecolor="white", markeredgewidth=1.6,
                                linestyle="none", label="derived from stated claims"),
    }
    ax.legend(handles=[handles[k] for k in kinds], loc=loc, fontsize=7, frameon=False)


def two_legends(ax: Axes, kinds: list[str], qualifier_loc: str, title: str | None = None) -> None:
    """The series legend (upper left) and, beside it, the legend of how qualifiers look."""
    series = ax.legend(loc="upper left", fontsize=7, frameon=False, title=title, title_fontsize=7)
    ax.add_artist(series)
    qualifier_legend(ax, kinds, loc=qualifier_loc)


def row_kind(row: pd.Series) -> str:
    """exact, approx, lower or derived: which legend entry a row needs."""
    if row["processing"] == "derived":
        return "derived"
    if row["qualifier"] in LOWER_BOUNDS:
        return "lower"
    return "exact" if row["qualifier"] == "exact" else "approx"


def kinds_in(rows: pd.DataFrame, shape: str) -> list[str]:
    """Legend keys for the kinds of rows present, in a fixed order."""
    present = {row_kind(row) for _, row in rows.iterrows()}
    return [f"{k}_{shape}" for k in ("exact", "approx", "lower", "derived") if k in present]


def period_label(row: pd.Series) -> str:
    """'2018', 'FY2008-FY2017', '2020-01 to 2020-02': the period as the axis should say it."""
    fiscal = "FY" if row["year_basis"] == "fiscal" else ""
    start, end = f"{fiscal}{row['period_start']}", f"{fiscal}{row['period_end']}"
    if start == end:
        return start
    joiner = " to " if len(row["period_start"]) > 4 else "-"
    return f"{start}{joiner}{end}"


def draw_bars(ax: Axes, rows: pd.DataFrame, positions: Iterable[float], color: str, *,
              scale: float = 1.0, suffix: str = "", horizontal: bool = False) -> None:
    """One bar per row, styled by qualifier, labelled with its value as a reader should quote it."""
    for position, (_, row) in zip(positions, rows.iterrows()):
        draw = ax.barh if horizontal else ax.bar
        container = draw(position, row["value"] / scale, 0.6, **bar_style(row, color))
        ax.bar_label(container, labels=[value_label(row, scale, suffix)], padding=2, fontsize=7.5)


# --- footnote: built from the rows drawn, so it cannot go stale ----------------------------------

@dataclass(frozen=True)
class Citations:
    """What a footnote needs: the source register and which source each claim comes from."""

    register: pd.DataFrame  # sources.csv, indexed by source_id
    claim_sources: dict[str, str]

    @classmethod
    def load(cls, layout: Layout) -> "Citations":
        """Read sources.csv and the ledger's claim -> source mapping."""
        ledger = read_csv_for(layout.ledger)
        return cls(read_sources(layout).set_index("source_id"), dict(zip(ledger["claim_id"], ledger["source_id"])))

    def citation(self, source_id: str) -> str:
        """'Author, Title (Publisher, date)'."""
        source = self.register.loc[source_id]
        return f"{source['author']}, {source['title']} ({source['publisher']}, {source['published']})"


def footnote_text(rows: pd.DataFrame, citations: Citations, extra: str = "", official: Iterable[str] = ()) -> str:
    """'Source: <citation>; claims a, b.' for every source the rows draw on, the official series drawn,
    and derivation notes."""
    claims = sorted({c for ids in rows["claim_id"] for c in ids.split(";")})
    by_source: dict[str, list[str]] = {}
    for claim in claims:
        by_source.setdefault(citations.claim_sources[claim], []).append(claim)
    parts = [f"Source: {citations.citation(s)}; claims {', '.join(ids)}." for s, ids in sorted(by_source.items())]
    parts += [f"Official series: {name}." for name in sorted(set(official))]
    if (rows["processing"] == "derived").any():
        parts.append("Derived values are computed from the stated claims; each formula is in the table's "
                     "derivation column.")
    if extra:
        parts.append(extra)
    return "\n".join(textwrap.fill(part, 160) for part in parts)


def add_footnote(fig: Figure, rows: pd.DataFrame, citations: Citations, extra: str = "",
                 official: Iterable[str] = ()) -> None:
    """Put the footnote under the axes, leaving it the room it needs."""
    text = footnote_text(rows, citations, extra, official)
    lines = text.count("\n") + 1
    fig.subplots_adjust(bottom=0.12 + 0.028 * lines, top=0.86, left=0.1, right=0.97, wspace=0.5)
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=6.5, color="#444444")


def new_figure(title: str, subtitle: str, panels: int = 1, width: float = 9.0) -> tuple[Figure, list[Axes]]:
    """A figure in house style with a title that says what it shows and a subtitle with units/years."""
    fig, axes = plt.subplots(1, panels, figsize=(width, 5.6), squeeze=False)
    fig.suptitle(title, x=0.01, y=0.975, ha="left", fontsize=12, fontweight="bold")
    fig.text(0.01, 0.94, textwrap.fill(subtitle, int(width * 14)), ha="left", va="top", fontsize=8.5, color="#444444")
    return fig, list(axes[0])


def draw_points(ax: Axes, rows: pd.DataFrame, color: str, *, scale: float = 1.0, label: str | None = None) -> None:
    """One marker per row at its (first) calendar year, styled by qualifier and labelled with its value."""
    for _, row in rows.iterrows():
        x = int(row["period_start"][:4])
        ax.plot(x, row["value"] / scale, **point_style(row, color))
        ax.annotate(value_label(row), (x, row["value"] / scale), xytext=(6, 4), textcoords="offset points",
                    fontsize=7.5, color=color)
    if label:
        ax.plot([], [], marker="s", linestyle="none", color=color, label=label)


def pretty(name: str) -> str:
    """'united_states_texas' -> 'Texas'; 'all_other_origins' -> 'All other origins'."""
    if name == "united_states":
        return "United States"
    return name.removeprefix("united_states_").replace("_", " ").capitalize()


def save(fig: Figure) -> dict[str, bytes]:
    """The figure as PNG and SVG bytes, with no timestamps or software stamps."""
    outputs = {}
    for extension, metadata in (("png", PNG_METADATA), ("svg", SVG_METADATA)):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=extension, metadata=metadata)
        outputs[extension] = buffer.getvalue()
    plt.close(fig)
    return outputs


# --- the figures -------------------------------------------------------------------------------

def homicides_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Rates, yearly counts and multi-year totals of homicides in Mexico, as stated and derived."""
    data = tables["homicides"]
    fig, (rates_ax, years_ax, spans_ax) = new_figure(
        "Homicides in Mexico as the documents state them",
        "Calendar years. Left: rate per 100,000 inhabitants. Middle: people murdered per year. "
        "Right: people murdered over multi-year spans, as each document words it.", panels=3, width=11)
    rates = data[data["measure"] == "homicide_rate"]
    draw_points(rates_ax, rates, PALETTE[0])
    rates_ax.set(title="Homicide rate", ylabel="homicides per 100,000 inhabitants", ylim=(0, rates["value"].max() * 1.3))
    rates_ax.set_xlim(rates["period_start"].astype(int).min() - 1, rates["period_start"].astype(int).max() + 2)
    qualifier_legend(rates_ax, kinds_in(rates, "point"))
    yearly = data[(data["measure"] == "homicides") & (data["period_type"] == "calendar_year")]
    draw_bars(years_ax, yearly, range(len(yearly)), PALETTE[1])
    years_ax.set(title="Homicides per year", ylabel="people murdered", xticks=range(len(yearly)),
                 xticklabels=[period_label(r) for _, r in yearly.iterrows()])
    qualifier_legend(years_ax, kinds_in(yearly, "bar"))
    spans = data[data["measure"].isin(["homicides", "deaths_drug_war"]) & (data["period_type"] == "span")]
    draw_bars(spans_ax, spans, range(len(spans)), PALETTE[2], horizontal=True)
    spans_ax.set(title="Homicides over multi-year spans", xlabel="people murdered (cumulative)",
                 yticks=range(len(spans)),
                 yticklabels=[f"{period_label(r)}\n{r['measure'].replace('_', ' ')}\n{r['claim_id']}"
                              for _, r in spans.iterrows()])
    spans_ax.set_xlim(0, spans["value"].max() * 1.35)
    spans_ax.grid(axis="x", color="#dddddd")
    qualifier_legend(spans_ax, kinds_in(spans, "bar"), loc="upper right")
    spans_ax.set_ylim(-0.5, len(spans) + 0.3)
    add_footnote(fig, pd.concat([rates, yearly, spans]), citations,
                 "Spans are as each document words them ('since 2006', 'in the last decade'); they disagree: see the ledger notes.")
    return fig


def extraditions_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Extraditions from Mexico to the U.S.: yearly figures and per-year averages, and totals per span."""
    data = tables["extraditions"]
    fig, (yearly_ax, totals_ax) = new_figure(
        "Extraditions from Mexico to the United States",
        "Calendar years. Left: people extradited per year (stated for a year, or derived as a span's average). "
        "Right: totals stated for a span.", panels=2)
    yearly = data[(data["unit"] == "count_per_year") | (data["period_type"] == "calendar_year")]
    yearly = yearly.sort_values(["period_start", "period_end"], kind="stable")
    draw_bars(yearly_ax, yearly, range(len(yearly)), PALETTE[0])
    yearly_ax.set(title="Per year", ylabel="people extradited per year", xticks=range(len(yearly)),
                  xticklabels=[period_label(r) + ("\naverage" if r["unit"] == "count_per_year" else "")
                               for _, r in yearly.iterrows()])
    yearly_ax.set_ylim(0, yearly["value"].max() * 1.25)
    qualifier_legend(yearly_ax, kinds_in(yearly, "bar"))
    totals = data[(data["unit"] == "count") & (data["period_type"] == "span")]
    draw_bars(totals_ax, totals, range(len(totals)), PALETTE[1])
    totals_ax.set(title="Total over the span", ylabel="people extradited", xticks=range(len(totals)),
                  xticklabels=[period_label(r) for _, r in totals.iterrows()])
    totals_ax.set_ylim(0, totals["value"].max() * 1.25)
    qualifier_legend(totals_ax, kinds_in(totals, "bar"))
    add_footnote(fig, pd.concat([yearly, totals]), citations,
                 "Spans are periods as the document writes them (presidential terms for the multi-year totals); "
                 "a per-year average divides a total by the span's years as written.")
    return fig


def merida_funding_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """U.S. security assistance to Mexico by fiscal year, and Merida money allocated vs disbursed."""
    data = tables["merida_funding"]
    fig, (years_ax, span_ax) = new_figure(
        "U.S. Merida Initiative funding for Mexico: allocated is not disbursed",
        "U.S. federal fiscal years (FY2008 = Oct 2007-Sep 2008), current U.S. dollars. "
        "Left: single fiscal years. Right: the multi-year total and how much of it was disbursed.", panels=2)
    colors = {"allocated": PALETTE[0], "disbursed": PALETTE[2], "undisbursed": PALETTE[1], "unspecified": PALETTE[5]}
    single = data[data["period_type"] == "fiscal_year"].sort_values("period_start", kind="stable")
    for position, (_, row) in enumerate(single.iterrows()):
        draw_bars(years_ax, row.to_frame().T, [position], colors[row["transaction"]], scale=1e6, suffix="M")
    years_ax.set(title="Single fiscal years", ylabel="US$ millions", xticks=range(len(single)),
                 xticklabels=[f"{period_label(r)}\n{r['transaction']}" for _, r in single.iterrows()])
    years_ax.set_ylim(0, single["value"].max() / 1e6 * 1.2)
    span = data[data["period_type"] == "span"]
    allocated = span[span["transaction"] == "allocated"]
    draw_bars(span_ax, allocated, [0], colors["allocated"], scale=1e9, suffix="B")
    bottom = 0.0
    for _, row in span[span["transaction"].isin(["disbursed", "undisbursed"])].iterrows():
        bar = span_ax.bar(1, row["value"] / 1e9, 0.6, bottom=bottom, **bar_style(row, colors[row["transaction"]]))
        span_ax.bar_label(bar, labels=[f"{row['transaction']}: {value_label(row, 1e9, 'B')}"], label_type="center",
                          fontsize=7.5)
        bottom += row["value"] / 1e9
    span_ax.set(title=f"{period_label(allocated.iloc[0])} total" if len(allocated) else "Span",
                ylabel="US$ billions", xticks=[0, 1], xticklabels=["allocated", "disbursed + undisbursed"])
    span_ax.set_ylim(0, span["value"].max() / 1e9 * 1.2)
    qualifier_legend(span_ax, kinds_in(span, "bar"))
    add_footnote(fig, data, citations,
                 "'unspecified': the document gives U.S. security assistance without saying whether allocated or disbursed.")
    return fig


def weapon_origins_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Traced firearms seized in Mexico by origin: one 100% bar per (document, period) breakdown."""
    data = tables["weapon_origins"]
    fig, (ax,) = new_figure(
        "Where firearms seized in Mexico and traced by the U.S. came from",
        "Percent of traced firearms, by calendar-year span. The national share and the state shares cover "
        "different periods and do not add up to each other.")
    groups = list(data.groupby(["period_start", "period_end", "source_id"], sort=True))
    for position, (_, group) in enumerate(groups):
        left = 0.0
        for index, (_, row) in enumerate(group.sort_values("processing", kind="stable").iterrows()):
            bar = ax.barh(position, row["value"], 0.55, left=left, **bar_style(row, PALETTE[index % len(PALETTE)]))
            ax.bar_label(bar, labels=[f"{pretty(row['geography'])}\n{value_label(row, suffix='%')}"],
                         label_type="center", fontsize=7)
            left += row["value"]
    ax.set(yticks=range(len(groups)), yticklabels=[period_label(g.iloc[0]) for _, g in groups],
           xlabel="percent of traced firearms", xlim=(0, 100))
    ax.grid(axis="x", color="#dddddd")
    qualifier_legend(ax, kinds_in(data, "bar"), loc="upper right")
    add_footnote(fig, data, citations, "Only firearms the Mexican government asked the U.S. to trace (eTrace) are counted.")
    return fig


def overdose_deaths_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """U.S. overdose deaths by drug and calendar year, as stated or derived."""
    data = tables["overdose_deaths"]
    counts = data[data["unit"] == "count"]
    fig, (ax,) = new_figure(
        "U.S. drug overdose deaths as the documents state them",
        "Deaths per calendar year, by drug involved. Drug categories overlap: one death can involve several drugs.")
    for index, (drug, rows) in enumerate(counts.groupby("drug", sort=True)):
        draw_points(ax, rows, PALETTE[index % len(PALETTE)], label=drug.replace("_", " "))
    ax.set(ylabel="deaths per year", ylim=(0, counts["value"].max() * 1.2))
    years = counts["period_start"].str[:4].astype(int)
    ax.set_xlim(years.min() - 1, years.max() + 2)
    two_legends(ax, kinds_in(counts, "point"), "lower right", title="drug")
    add_footnote(fig, counts, citations)
    return fig


def overview_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """How many figures each table holds, and how firmly the documents state them."""
    fig, (ax,) = new_figure(
        "secstats: what each table holds, and how firmly it is stated",
        "Rows per clean table by how the source words the figure; derived rows are computed from stated claims.")
    kinds = ["exact", "approx", "lower", "derived"]
    names = {"exact": "stated, exact", "approx": "stated, approximate", "lower": "stated lower bound",
             "derived": "derived"}
    counts = pd.DataFrame({name: table.apply(row_kind, axis=1).value_counts() for name, table in tables.items()})
    counts = counts.reindex(kinds).fillna(0).T
    left = pd.Series(0.0, index=counts.index)
    for index, kind in enumerate(kinds):
        style = {"exact": {}, "approx": {"alpha": 0.45}, "lower": {"hatch": "///", "color": "white"},
                 "derived": {"hatch": "xxx", "color": "white"}}[kind]
        ax.barh(range(len(counts)), counts[kind], 0.6, left=left, label=names[kind],
                **{"color": PALETTE[index], "edgecolor": PALETTE[index], **style})
        left += counts[kind]
    ax.set(yticks=range(len(counts)), yticklabels=[f"{n}.csv" for n in counts.index], xlabel="rows")
    ax.grid(axis="x", color="#dddddd")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    add_footnote(fig, pd.concat(tables.values()), citations)
    return fig


def claim_markers(ax: Axes, rows: pd.DataFrame, color: str, scale: float = 1.0) -> None:
    """The documents' claims as markers over an official line, labelled with value and claim id."""
    for nth, (_, row) in enumerate(rows.sort_values("value", kind="stable").iterrows()):
        x = int(row["period_start"][:4])
        ax.plot(x, row["value"] / scale, **point_style(row, color), zorder=5)
        # Claims on one year stack their labels so they do not print over each other.
        same_year = (rows["period_start"].str[:4] == row["period_start"][:4]).sum() > 1
        offset = (6, -4 - 20 * nth) if same_year else (6, -4)
        ax.annotate(f"{value_label(row, scale)}\n{row['claim_id']}", (x, row["value"] / scale), xytext=offset,
                    textcoords="offset points", fontsize=7, color=color, va="top", zorder=6)


def homicide_rate_official_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Mexico's official homicide rate 1990-2023 as a line, with the documents' stated rates as markers."""
    official, claims = tables["official_mexico_homicides"], tables["homicides"]
    fig, (ax,) = new_figure(
        "Mexico's homicide rate: official series and the documents' claims",
        "Homicides per 100,000 inhabitants, calendar years. Lines: official counts / CONAPO mid-year population "
        "(computed by secstats). Markers: rates stated in the documents.")
    labels = {"inegi_deaths_by_registration": "INEGI deaths (by year of registration)",
              "sesnsp_victims_homicidio_doloso": "SESNSP victims of homicidio doloso"}
    for index, (series, rows) in enumerate(official.dropna(subset=["rate_per_100k"]).groupby("series", sort=True)):
        ax.plot(rows["year"], rows["rate_per_100k"], color=PALETTE[index], linewidth=1.8,
                linestyle="-" if index == 0 else "--", label=labels[series])
    rates = claims[claims["measure"] == "homicide_rate"]
    claim_markers(ax, rates, PALETTE[1])
    ax.set(ylabel="homicides per 100,000 inhabitants", xlabel="calendar year", ylim=(0, None))
    two_legends(ax, kinds_in(rates, "point"), "lower right")
    add_footnote(fig, rates, citations,
                 "INEGI counts deaths by year of registration, not occurrence; SESNSP counts victims in prosecutors' "
                 "files and revises back years. Rates use CONAPO's 2023 mid-year population.",
                 official=official["source"].unique())
    return fig


def overdose_deaths_official_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """U.S. overdose deaths by drug 1999-2023 as lines, with the documents' stated counts as markers."""
    official, claims = tables["official_us_overdose_deaths"], tables["overdose_deaths"]
    lines = {"all_drugs": "all drugs", "any_opioid": "any opioid", "synthetic_opioids_t404": "synthetic opioids (T40.4, mainly fentanyl)",
             "heroin_t401": "heroin (T40.1)"}
    claim_lines = {"all_drugs": "all_drugs", "fentanyl": "synthetic_opioids_t404",
                   "synthetic_opioids_or_heroin": "heroin_t401", "opioids": "any_opioid"}
    fig, (ax,) = new_figure(
        "U.S. overdose deaths by drug: official series and the documents' claims",
        "Deaths per calendar year, in thousands. Lines: CDC/NCHS final data (by drug from NIDA's workbook; the "
        "latest years are NCHS data-brief totals only). Markers: counts stated in the documents. Categories overlap.")
    colors = dict(zip(lines, PALETTE))
    for drug, label in lines.items():
        rows = official[official["drug"] == drug]
        ax.plot(rows["year"], rows["deaths"] / 1000, color=colors[drug], linewidth=1.6, label=label)
    counts = claims[claims["unit"] == "count"]
    for drug, rows in counts.groupby("drug", sort=True):
        claim_markers(ax, rows, colors[claim_lines[drug]], scale=1000)
    ax.set(ylabel="deaths (thousands)", xlabel="calendar year", ylim=(0, None))
    two_legends(ax, kinds_in(counts, "point"), "center left")
    add_footnote(fig, counts, citations,
                 "A death involving several drugs counts under each. The 'synthetic opioids or heroin' claim is drawn "
                 "in the heroin colour; its official counterpart (T40.4 or T40.1) is in data/clean/reconciliation.csv.",
                 official=official["source"].unique())
    return fig


def us_assistance_official_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """All U.S. assistance to Mexico by fiscal year and transaction type, with the Merida claims as markers."""
    official, claims = tables["official_us_assistance"], tables["merida_funding"]
    latest = official[official["snapshot"] == official["snapshot"].max()]
    latest = latest[latest["fiscal_year"].str.isdigit()].assign(year=lambda t: t["fiscal_year"].astype(int))
    latest = latest[latest["year"] >= 2000]
    fig, (ax,) = new_figure(
        "U.S. assistance to Mexico by fiscal year, and the documents' Merida figures",
        "U.S. federal fiscal years, current US$ millions. Lines: ALL U.S. foreign assistance to Mexico "
        "(ForeignAssistance.gov), not Merida only. Markers: single-year figures stated in the documents.")
    for index, (kind, rows) in enumerate(latest.groupby("transaction_type", sort=True)):
        ax.plot(rows["year"], rows["amount_usd"] / 1e6, color=PALETTE[index], linewidth=1.5, label=kind)
    single = claims[(claims["period_type"] == "fiscal_year")]
    claim_markers(ax, single, "#000000", scale=1e6)
    ax.set(ylabel="US$ millions (current)", xlabel="U.S. fiscal year", ylim=(0, None))
    two_legends(ax, kinds_in(single, "point"), "upper right", title="ForeignAssistance.gov")
    spans = claims[claims["period_type"] == "span"]
    span_text = "; ".join(f"{r['transaction']} {period_label(r)}: {value_label(r, 1e9, 'B')} ({r['claim_id']})"
                          for _, r in spans.iterrows())
    add_footnote(fig, pd.concat([single, spans]), citations,
                 f"Multi-year Merida figures not drawn: {span_text}. Recent years are incomplete and revised upward.",
                 official=latest["source"].unique())
    return fig


CHARTS: tuple[Chart, ...] = (
    Chart("homicides", ("homicides",), homicides_chart),
    Chart("extraditions", ("extraditions",), extraditions_chart),
    Chart("merida_funding", ("merida_funding",), merida_funding_chart),
    Chart("weapon_origins", ("weapon_origins",), weapon_origins_chart),
    Chart("overdose_deaths", ("overdose_deaths",), overdose_deaths_chart),
    Chart("overview", CLAIM_TABLES, overview_chart),
    Chart("homicide_rate_official", ("official_mexico_homicides", "homicides"), homicide_rate_official_chart),
    Chart("overdose_deaths_official", ("official_us_overdose_deaths", "overdose_deaths"), overdose_deaths_official_chart),
    Chart("us_assistance_official", ("official_us_assistance", "merida_funding"), us_assistance_official_chart),
)


def render_chart(chart: Chart, tables: dict[str, pd.DataFrame], citations: Citations) -> dict[str, bytes]:
    """One chart as {file name: bytes}, in house style."""
    with plt.rc_context(HOUSE_STYLE):
        figure = chart.draw({name: tables[name] for name in chart.tables}, citations)
        return {f"{chart.name}.{extension}": data for extension, data in save(figure).items()}


def chart_key(chart: Chart, tables: Mapping[str, pd.DataFrame], citations: Citations) -> str:
    """A digest of everything a chart's bytes depend on: this module's code, matplotlib's version,
    the house style, the chart's input tables and the citations its footnote draws on."""
    digest = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), matplotlib.__version__.encode(), repr(sorted(HOUSE_STYLE.items())).encode(),
                 csv_bytes(citations.register.reset_index()), repr(sorted(citations.claim_sources.items())).encode(),
                 *(csv_bytes(tables[name]) for name in chart.tables)):
        digest.update(part)
    return digest.hexdigest()


def cached_files(cache: Path, chart: Chart, key: str) -> dict[str, bytes] | None:
    """A chart's PNG and SVG from the render cache, if both were rendered from the same inputs."""
    paths = {f"{chart.name}.{extension}": cache / f"{chart.name}.{key}.{extension}" for extension in ("png", "svg")}
    if not all(path.is_file() for path in paths.values()):
        return None
    return {name: path.read_bytes() for name, path in paths.items()}


def draw_all(charts: list[Chart], tables: Mapping[str, pd.DataFrame], citations: Citations) -> list[dict[str, bytes]]:
    """Draw charts in forked worker processes, one per core (drawing text dominates a rebuild)."""
    draw = partial(render_chart, tables=tables, citations=citations)
    workers = min(len(charts), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(draw, charts)
    return [draw(chart) for chart in charts]


def render_charts(layout: Layout, built: Mapping[str, pd.DataFrame] | None = None) -> dict[str, bytes]:
    """Every chart as {file name: bytes}, drawn from the validated clean tables (``built`` when the
    build has them in memory, else read and validated from data/clean/).

    A chart whose inputs are unchanged is taken from the render cache (``.cache/charts/``, keyed by
    ``chart_key``): rendering is deterministic, so the bytes are the ones a fresh draw would give.
    """
    citations = Citations.load(layout)
    names = sorted({name for chart in CHARTS for name in chart.tables})
    tables = {name: built[name] if built is not None else read_table(layout, name, set(citations.claim_sources))
              for name in names}
    cache = layout.root / ".cache" / "charts"
    keys = {chart.name: chart_key(chart, tables, citations) for chart in CHARTS}
    rendered: dict[str, bytes] = {}
    missing = []
    for chart in CHARTS:
        files = cached_files(cache, chart, keys[chart.name])
        if files is None:
            missing.append(chart)
        else:
            rendered.update(files)
    for chart, files in zip(missing, draw_all(missing, tables, citations)):
        rendered.update(files)
        for stale in cache.glob(f"{chart.name}.*"):
            stale.unlink()
        for name, data in files.items():
            write_bytes_atomic(cache / f"{chart.name}.{keys[chart.name]}.{name.rsplit('.', 1)[1]}", data)
    return {f"{chart.name}.{extension}": rendered[f"{chart.name}.{extension}"]
            for chart in CHARTS for extension in ("png", "svg")}
