"""The figures: one small function per chart, drawing only validated clean tables, each with a source
footnote built from the rows it draws (so it cannot go stale).

Look and encoding live in ``chart_style``; where text goes, in ``chart_layout``. A figure function
says what to draw and in which colour series; ``finish`` fits the plot area to its text and places
the value labels so none collides with another or with a mark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import MaxNLocator

from secstats.catalog import CLAIM_TABLES
from secstats.chart_layout import fit_axes, place_labels
from secstats.chart_style import (
    INK,
    MUTED,
    balanced_fill,
    bar_style,
    kind_legend,
    new_figure,
    number_text,
    period_label,
    point_style,
    row_kind,
    series_color,
    series_legend,
    thousands_axis,
    value_label,
)
from secstats.paths import Layout
from secstats.provenance import Origin, cite_origin
from secstats.sources import read_sources
from secstats.validation import read_csv_for

Drawn = list[tuple[str, str]]  # (kind, colour) of each mark drawn, for the legend of kinds


@dataclass(frozen=True)
class Chart:
    """A figure to build: its file stem, the tables it draws on, the function that draws it, and one
    sentence saying what it shows (the SVG's <desc>)."""

    name: str
    tables: tuple[str, ...]
    draw: Callable[[dict[str, pd.DataFrame], Citations], Figure]
    description: str


# --- footnote ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citations:
    """What a footnote needs: the source register and which source each claim comes from."""

    register: pd.DataFrame  # sources.csv, indexed by source_id
    claim_sources: dict[str, str]

    @classmethod
    def load(cls, layout: Layout) -> Citations:
        """Read sources.csv and the ledger's claim -> source mapping."""
        ledger = read_csv_for(layout.ledger)
        return cls(read_sources(layout).set_index("source_id"), dict(zip(ledger["claim_id"], ledger["source_id"])))

    def citation(self, source_id: str) -> str:
        """'Author, Title (Publisher, date)' (secstats.provenance)."""
        source = self.register.loc[source_id]
        return cite_origin(
            Origin(
                source["publisher"],
                source["title"],
                source["url"],
                source["accessed"],
                source["licence"],
                source["author"],
                source["published"],
            )
        )


def footnote_text(
    rows: pd.DataFrame, citations: Citations, notes: Iterable[str] = (), official: Iterable[str] = (), list_claims: bool = True
) -> str:
    """'Source: <citation>; claims a, b.' for every document the rows draw on, the official series
    (by publisher, not by the copy secstats read), a word on derived values, and the chart's notes:
    one line each (``finish`` wraps them to the figure's width)."""
    claims = sorted({c for ids in rows["claim_id"] for c in ids.split(";")})
    by_source: dict[str, list[str]] = {}
    for claim in claims:
        by_source.setdefault(citations.claim_sources[claim], []).append(claim)
    parts = [
        f"Source: {citations.citation(s)}" + (f"; claims {', '.join(ids)}." if list_claims else ".")
        for s, ids in sorted(by_source.items())
    ]
    publishers = sorted(set(official))
    if publishers:
        parts.append(f"Official series: {'; '.join(publishers)}.")
    if (rows["processing"] == "derived").any():
        parts.append(
            "Derived values are computed by secstats from the stated claims, rounded to the precision of "
            "their inputs; each formula is in the table's derivation column."
        )
    parts += list(notes)
    return "\n".join(parts)


def add_footnote(fig: Figure, text: str) -> Annotation:
    """The footnote at the foot of the canvas, in small muted type, each part wrapped to the figure's width."""
    width = int(fig.get_figwidth() * 19)  # characters of 6.5-point DejaVu Sans in the figure's width
    wrapped = "\n".join(balanced_fill(part, width) for part in text.splitlines())
    return fig.text(0.012, 0.012, wrapped, ha="left", va="bottom", fontsize=6.5, color=MUTED, linespacing=1.35)


def finish(fig: Figure, footnote: str, labels: Sequence[Annotation] = ()) -> Figure:
    """Fit the plot area between the header and the footnote, then place the value labels."""
    note = add_footnote(fig, footnote)
    subtitle = fig.texts[1]
    fit_axes(fig, subtitle, note)
    place_labels(fig, labels)
    return fig


# --- marks ---------------------------------------------------------------------------------------


def draw_bars(
    ax: Axes,
    rows: pd.DataFrame,
    positions: Iterable[float],
    colors: Sequence[str],
    *,
    scale: float = 1.0,
    suffix: str = "",
    horizontal: bool = False,
) -> Drawn:
    """One bar per row, styled by its kind and labelled at its end with its value as a reader should quote it."""
    drawn = []
    for position, color, (_, row) in zip(positions, colors, rows.iterrows()):
        kind = row_kind(row)
        container = (ax.barh if horizontal else ax.bar)(position, row["value"] / scale, 0.6, **bar_style(kind, color))
        ax.bar_label(container, labels=[value_label(row, scale, suffix)], padding=3, fontsize=7.5, color=INK)
        drawn.append((kind, color))
    return drawn


def draw_points(
    ax: Axes, rows: pd.DataFrame, color: str, *, scale: float = 1.0, suffix: str = "", verdicts: Mapping[str, str] | None = None
) -> tuple[Drawn, list[Annotation]]:
    """One marker per row at its (first) year, styled by kind, with its value label (placed later)."""
    drawn, labels = [], []
    for _, row in rows.sort_values(["period_start", "value"], kind="stable").iterrows():
        kind, x, y = row_kind(row), int(str(row["period_start"])[:4]), row["value"] / scale
        ax.plot(x, y, **point_style(kind, color), zorder=5)
        verdict = (verdicts or {}).get(row["claim_id"])
        labels.append(
            ax.annotate(
                value_label(row, scale, suffix, verdict),
                (x, y),
                xytext=(6, 0),
                textcoords="offset points",
                fontsize=7.5,
                color=color,
                va="center",
                zorder=6,
            )
        )
        drawn.append((kind, color))
    return drawn, labels


def headroom(ax: Axes, share: float) -> None:
    """Raise the top of the value axis so a legend fits above the marks."""
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + (high - low) * share)


def pretty(name: str) -> str:
    """'united_states_texas' -> 'Texas'; 'all_drugs' -> 'All drugs'."""
    if name == "united_states":
        return "United States"
    return name.removeprefix("united_states_").replace("_", " ").capitalize()


def claim_verdicts(verdicts: pd.DataFrame) -> dict[str, str]:
    """The verdict of each claim (data/clean/verdicts.csv: one row per claim)."""
    return dict(zip(verdicts["claim_id"], verdicts["verdict"]))


# --- the figures ---------------------------------------------------------------------------------

SPAN_MEASURES = {"homicides": "homicides", "deaths_drug_war": "drug-war deaths"}  # as the axis names them


def homicides_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Homicide rates, yearly counts and multi-year totals in Mexico, as stated and derived."""
    data = tables["homicides"]
    fig, (rates_ax, years_ax, spans_ax) = new_figure(
        "Homicides in Mexico as the documents state them",
        "Calendar years. Left: homicide rate per 100,000 inhabitants. Middle: people murdered in a year. "
        "Right: people murdered over a span of years, as each document words it.",
        panels=3,
        width=11,
    )
    rates = data[data["measure"] == "homicide_rate"]
    drawn, labels = draw_points(rates_ax, rates, series_color("homicide_rate"))
    years = rates["period_start"].astype(int)
    rates_ax.set(
        title="Homicide rate",
        ylabel="homicides per 100,000",
        ylim=(0, rates["value"].max() * 1.5),
        xlim=(years.min() - 1.5, years.max() + 2.5),
    )
    kind_legend(rates_ax, drawn, "point")
    yearly = data[(data["measure"] == "homicides") & (data["period_type"] == "calendar_year")]
    yearly = yearly.sort_values("period_start", kind="stable")
    drawn = draw_bars(years_ax, yearly, range(len(yearly)), [series_color("homicides")] * len(yearly))
    years_ax.set(
        title="Homicides in a year",
        ylabel="people murdered",
        xticks=range(len(yearly)),
        xticklabels=[period_label(r) for _, r in yearly.iterrows()],
        ylim=(0, yearly["value"].max() * 1.45),
    )
    thousands_axis(years_ax)
    kind_legend(years_ax, drawn, "bar")
    spans = data[data["measure"].isin(list(SPAN_MEASURES)) & (data["period_type"] == "span")]
    drawn = draw_bars(spans_ax, spans, range(len(spans)), [series_color(m) for m in spans["measure"]], horizontal=True)
    spans_ax.set(
        title="Homicides over a span of years",
        xlabel="people murdered, in total",
        yticks=range(len(spans)),
        xlim=(0, spans["value"].max() * 1.4),
        ylim=(-0.6, len(spans) + 0.4),
        yticklabels=[f"{period_label(r)}\n{SPAN_MEASURES[r['measure']]}" for _, r in spans.iterrows()],
    )
    spans_ax.grid(axis="y", visible=False)
    spans_ax.grid(axis="x", visible=True)
    thousands_axis(spans_ax, "x")
    spans_ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    kind_legend(spans_ax, drawn, "bar", loc="upper right")
    notes = ["Spans are as each document words them ('since 2006', 'in the last decade'); they disagree: see the ledger notes."]
    return finish(fig, footnote_text(pd.concat([rates, yearly, spans]), citations, notes), labels)


def extraditions_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Extraditions from Mexico to the U.S.: per-year figures and averages, and totals per presidential term."""
    data = tables["extraditions"]
    fig, (yearly_ax, totals_ax) = new_figure(
        "Extraditions from Mexico to the United States",
        "People extradited, calendar years. Left: in a year, stated or derived as the average of a term's total. "
        "Right: the total stated for a presidential term.",
        panels=2,
    )
    color = series_color("extraditions")
    yearly = data[(data["unit"] == "count_per_year") | (data["period_type"] == "calendar_year")]
    yearly = yearly.sort_values(["period_start", "period_end"], kind="stable")
    drawn = draw_bars(yearly_ax, yearly, range(len(yearly)), [color] * len(yearly))
    yearly_ax.set(
        title="In a year",
        ylabel="people extradited per year",
        xticks=range(len(yearly)),
        xticklabels=[period_label(r) + ("\naverage" if r["unit"] == "count_per_year" else "") for _, r in yearly.iterrows()],
        ylim=(0, yearly["value"].max() * 1.4),
    )
    kind_legend(yearly_ax, drawn, "bar")
    # A few months' total is not comparable with six-year totals: it goes in the footnote, not on the axis.
    whole = data["period_start"].str.len() == 4
    totals = data[(data["unit"] == "count") & (data["period_type"] == "span") & whole]
    partial = data[(data["unit"] == "count") & data["period_type"].isin(["span", "to_date"]) & ~whole]
    drawn = draw_bars(totals_ax, totals, range(len(totals)), [color] * len(totals))
    totals_ax.set(
        title="Over a presidential term",
        ylabel="people extradited, in total",
        xticks=range(len(totals)),
        xticklabels=[period_label(r) for _, r in totals.iterrows()],
        ylim=(0, totals["value"].max() * 1.4),
        xlim=(-0.7, len(totals) - 0.3),
    )
    kind_legend(totals_ax, drawn, "bar")
    notes = [
        f"Not drawn: {value_label(r)} extradited in {period_label(r)} ({r['claim_id']}), a total over "
        "months, not comparable with the terms' totals."
        for _, r in partial.iterrows()
    ]
    notes.append("A term is as the document writes it (2000-2006); a per-year average divides its total by its 6 calendar years.")
    return finish(fig, footnote_text(pd.concat([yearly, totals, partial]), citations, notes))


def merida_funding_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """U.S. security assistance to Mexico in single fiscal years, and Merida money allocated vs disbursed."""
    data = tables["merida_funding"]
    fig, (years_ax, span_ax) = new_figure(
        "U.S. Merida Initiative funding for Mexico: allocated is not disbursed",
        "U.S. federal fiscal years (FY2008 = Oct 2007-Sep 2008), current U.S. dollars. Left: single fiscal years. "
        "Right: the multi-year total, and how much of it was disbursed.",
        panels=2,
    )
    single = data[data["period_type"] == "fiscal_year"].sort_values("period_start", kind="stable")
    colors = [series_color(t) for t in single["transaction"]]
    drawn = draw_bars(years_ax, single, range(len(single)), colors, scale=1e6, suffix="M")
    years_ax.set(
        title="Single fiscal years",
        ylabel="US$ millions",
        xticks=range(len(single)),
        xticklabels=[period_label(r) for _, r in single.iterrows()],
        ylim=(0, single["value"].max() / 1e6 * 1.45),
    )
    words = {"unspecified": "not said whether allocated or disbursed"}
    series_legend(years_ax, {words.get(t, t): series_color(t) for t in dict.fromkeys(single["transaction"])}, shape="bar")
    span = data[data["period_type"].isin(["span", "to_date"])]  # "of which ... disbursed" runs to a date
    allocated = span[span["transaction"] == "allocated"]
    drawn = draw_bars(span_ax, allocated, [0], [series_color("allocated")], scale=1e9, suffix="B")
    bottom = 0.0
    for _, row in span[span["transaction"].isin(["disbursed", "undisbursed"])].iterrows():
        kind, color, height = row_kind(row), series_color(row["transaction"]), row["value"] / 1e9
        span_ax.bar(1, height, 0.6, bottom=bottom, **bar_style(kind, color))
        # Labels beside the stack, not on it: hatching would run through the glyphs.
        span_ax.annotate(
            f"{row['transaction']}\n{value_label(row, 1e9, 'B')}",
            (1.3, bottom + height / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=INK,
        )
        drawn.append((kind, color))
        bottom += height
    span_ax.set(
        title=f"{period_label(allocated.iloc[0])} total" if len(allocated) else "Span",
        ylabel="US$ billions",
        xticks=[0, 1],
        xticklabels=["allocated", "disbursed +\nundisbursed"],
        ylim=(0, span["value"].max() / 1e9 * 1.45),
        xlim=(-0.5, 2.1),
    )
    kind_legend(span_ax, drawn, "bar")
    return finish(fig, footnote_text(data, citations))


def weapon_origins_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Traced firearms seized in Mexico by origin: one 100% bar per (document, period) breakdown."""
    data = tables["weapon_origins"]
    fig, (ax,) = new_figure(
        "Where firearms seized in Mexico and traced by the U.S. came from",
        "Percent of traced firearms, over calendar-year spans. The national share and the state shares cover "
        "different periods and do not add up to each other.",
        height=4.8,
    )
    groups = list(data.groupby(["period_start", "period_end", "source_id"], sort=True))
    drawn = []
    for position, (_, group) in enumerate(groups):
        left = 0.0
        named = group[group["processing"] == "stated"]["geography"]
        for _, row in group.sort_values("processing", kind="stable").iterrows():
            kind, color = row_kind(row), series_color(row["geography"])
            ax.barh(position, row["value"], 0.5, left=left, **bar_style(kind, color))
            # Labels above their segment, never on it: white space reads on any fill or hatch.
            ax.annotate(
                f"{origin_label(row['geography'], named)}\n{value_label(row, suffix='%')}",
                (left + row["value"] / 2, position + 0.25),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=INK,
            )
            drawn.append((kind, color))
            left += row["value"]
    ax.set(
        yticks=range(len(groups)),
        yticklabels=[period_label(g.iloc[0]) for _, g in groups],
        xlabel="percent of traced firearms",
        xlim=(0, 100),
        ylim=(-0.4, len(groups) - 0.35),
    )
    ax.grid(visible=False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    kind_legend(ax, drawn, "bar", loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    notes = ["Only firearms the Mexican government asked the U.S. to trace (eTrace) are counted."]
    return finish(fig, footnote_text(data, citations, notes))


def origin_label(geography: str, named: pd.Series) -> str:
    """What the remainder of a breakdown is: what its named origins are not."""
    if geography != "all_other_origins":
        return pretty(geography)
    return "Outside the U.S." if "united_states" in set(named) else "Other states\nand abroad"


def overdose_deaths_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """U.S. overdose deaths by drug and calendar year, as stated or derived."""
    data = tables["overdose_deaths"]
    counts = data[data["unit"] == "count"]
    fig, (ax,) = new_figure(
        "U.S. drug overdose deaths as the documents state them",
        "Deaths in a calendar year, by drug involved. Drug categories overlap: one death can involve several drugs.",
    )
    drawn, labels = [], []
    for drug, rows in counts.groupby("drug", sort=True):
        marks, texts = draw_points(ax, rows, series_color(drug))
        drawn += marks
        labels += texts
    years = counts["period_start"].str[:4].astype(int)
    ax.set(ylabel="deaths in the year", ylim=(0, counts["value"].max() * 1.25), xlim=(years.min() - 1, years.max() + 2))
    thousands_axis(ax)
    series_legend(ax, {pretty(d): series_color(d) for d in sorted(counts["drug"].unique())}, shape="bar", loc="upper left")
    kind_legend(ax, drawn, "point", loc="upper left", bbox_to_anchor=(0.22, 1.0))
    return finish(fig, footnote_text(counts, citations), labels)


def overview_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """How many figures each claim table holds, and how firmly the documents state them."""
    fig, (ax,) = new_figure(
        "What the documents state, table by table, and how firmly",
        "Rows of each claim table by how the document words the figure. Derived rows are computed by secstats "
        "from stated claims.",
        height=4.4,
    )
    counts = pd.DataFrame({name: table.apply(row_kind, axis=1).value_counts() for name, table in tables.items()})
    kinds = [kind for kind in ("exact", "approx", "lower", "upper", "derived", "derived_approx") if kind in counts.index]
    counts = counts.reindex(kinds).fillna(0).T.iloc[::-1]
    color, left, drawn = series_color("claims"), pd.Series(0.0, index=counts.index), []
    for kind in kinds:
        ax.barh(range(len(counts)), counts[kind], 0.6, left=left, **bar_style(kind, color))
        left += counts[kind]
        drawn.append((kind, color))
    for position, total in enumerate(left):
        ax.annotate(
            number_text(total), (total, position), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5, color=INK
        )
    ax.set(
        yticks=range(len(counts)),
        yticklabels=[pretty(n) for n in counts.index],
        xlabel="rows in the table",
        xlim=(0, left.max() * 1.1),
    )
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.tick_params(axis="y", length=0)
    kind_legend(ax, drawn, "bar", loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(drawn))
    rows = pd.concat(tables.values())
    notes = ["Each row's claim ids and quote: secstats cite <claim id>, or the claim_id column of its table."]
    return finish(fig, footnote_text(rows, citations, notes, list_claims=False))


def homicide_rate_official_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """Mexico's official homicide rate 1990-2023 as lines, with the documents' stated rates as markers."""
    official, claims = tables["official_mexico_homicides"], tables["homicides"]
    fig, (ax,) = new_figure(
        "Mexico's homicide rate: official series and the documents' claims",
        "Homicides per 100,000 inhabitants, calendar years. Lines: official counts divided by CONAPO's mid-year "
        "population (computed by secstats). Markers: rates stated in the documents.",
    )
    labels = {
        "inegi_deaths_by_registration": "INEGI deaths (by year of registration)",
        "sesnsp_victims_homicidio_doloso": "SESNSP victims of homicidio doloso",
    }
    for series, rows in official.dropna(subset=["rate_per_100k"]).groupby("series", sort=True):
        ax.plot(
            rows["year"],
            rows["rate_per_100k"],
            color=series_color(series),
            linewidth=1.8,
            linestyle="-" if series.startswith("inegi") else "--",
            label=labels[series],
        )
    rates = claims[claims["measure"] == "homicide_rate"]
    drawn, texts = draw_points(ax, rates, series_color("homicide_rate"), verdicts=claim_verdicts(tables["verdicts"]))
    ax.set(ylabel="homicides per 100,000 inhabitants", xlabel="calendar year", ylim=(0, None))
    headroom(ax, 0.25)
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    ax.add_artist(ax.get_legend())
    kind_legend(ax, drawn, "point", loc="upper left", bbox_to_anchor=(0.33, 1.0))
    notes = [
        "INEGI counts deaths by year of registration, not occurrence; SESNSP counts victims in prosecutors' "
        "files and revises back years. Rates use CONAPO's 2023 mid-year population estimates."
    ]
    # A part-year count has no annual rate: say so, rather than let the line just stop.
    notes += [
        f"Not drawn: {labels[r['series']].split(' (')[0]} {r['year']}, {r['months_covered']} months only."
        for _, r in official[official["months_covered"] < 12].iterrows()
    ]
    return finish(fig, footnote_text(rates, citations, notes, official=official["source"].unique()), texts)


def overdose_deaths_official_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """U.S. overdose deaths by drug 1999-2023 as lines, with the documents' stated counts as markers."""
    official, claims = tables["official_us_overdose_deaths"], tables["overdose_deaths"]
    lines = {
        "all_drugs": "all drugs",
        "any_opioid": "any opioid",
        "synthetic_opioids_t404": "synthetic opioids (T40.4, mainly fentanyl)",
        "heroin_t401": "heroin (T40.1)",
    }
    fig, (ax,) = new_figure(
        "U.S. overdose deaths by drug: official series and the documents' claims",
        "Deaths in a calendar year, in thousands. Lines: CDC/NCHS final data (by drug from NIDA's workbook; the "
        "latest years are NCHS totals only). Markers: counts stated in the documents. Categories overlap.",
    )
    for drug, label in lines.items():
        rows = official[official["drug"] == drug]
        ax.plot(rows["year"], rows["deaths"] / 1000, color=series_color(drug), linewidth=1.6, label=label)
    counts = claims[claims["unit"] == "count"]
    verdicts = claim_verdicts(tables["verdicts"])
    drawn, texts = [], []
    for drug, rows in counts.groupby("drug", sort=True):
        marks, labels = draw_points(ax, rows, series_color(drug), scale=1000, suffix="k", verdicts=verdicts)
        drawn, texts = drawn + marks, texts + labels
    ax.set(ylabel="deaths (thousands)", xlabel="calendar year", ylim=(0, None))
    headroom(ax, 0.1)
    claim_only = sorted(set(counts["drug"]) - set(official["drug"]) - {"fentanyl"})
    handles = [Line2D([], [], color=series_color(d), linewidth=1.6, label=label) for d, label in lines.items()]
    handles += [
        Line2D([], [], **point_style("lower", series_color(d)), label=f"{pretty(d).lower()} (claim only)") for d in claim_only
    ]
    ax.add_artist(ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False))
    kind_legend(ax, drawn, "point", loc="upper left", bbox_to_anchor=(0.0, 0.72))
    notes = [
        "A death involving several drugs counts under each. Fentanyl claims are drawn in the colour of the "
        "synthetic-opioid series (T40.4); the 'synthetic opioids or heroin' claim spans T40.4 and T40.1 and has "
        "its own colour."
    ]
    return finish(fig, footnote_text(counts, citations, notes, official=official["source"].unique()), texts)


def us_assistance_official_chart(tables: dict[str, pd.DataFrame], citations: Citations) -> Figure:
    """All U.S. assistance to Mexico by fiscal year and transaction type, with the Merida claims as markers."""
    official, claims = tables["official_us_assistance"], tables["merida_funding"]
    latest_day = official["snapshot"].max()
    snapshot = f"{latest_day:%Y-%m-%d}"
    latest = official[official["snapshot"] == latest_day]
    latest = latest[~latest["transition_quarter"]].assign(year=lambda t: t["fiscal_year"])
    latest = latest[latest["year"] >= 2000]
    in_progress = fiscal_year_of(snapshot)
    fig, (ax,) = new_figure(
        "U.S. assistance to Mexico by fiscal year, and the documents' Merida figures",
        f"U.S. federal fiscal years, current US$ millions. Lines: ALL U.S. foreign assistance to Mexico "
        f"(ForeignAssistance.gov, snapshot of {snapshot}), not Merida only. Markers: single-year figures stated "
        f"in the documents.",
    )
    for kind, rows in latest.groupby("transaction_type", sort=True):
        color = series_color(kind)
        done, partial = rows[rows["year"] < in_progress], rows[rows["year"] >= in_progress - 1]
        ax.plot(done["year"], done["amount_usd"] / 1e6, color=color, linewidth=1.5, label=kind)
        # The fiscal year under way at the snapshot is incomplete: dotted, not a real fall.
        if (partial["year"] >= in_progress).any():
            ax.plot(partial["year"], partial["amount_usd"] / 1e6, color=color, linewidth=1.2, linestyle=":")
    if (latest["year"] >= in_progress).any():
        ax.axvspan(in_progress - 0.5, in_progress + 0.5, color="#f0f0f0", zorder=0, linewidth=0)
        ax.annotate(
            f"FY{in_progress}\nincomplete",
            (in_progress, 1.0),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="top",
            fontsize=7,
            color=MUTED,
        )
    single = claims[claims["period_type"] == "fiscal_year"]
    verdicts = claim_verdicts(tables["verdicts"])
    drawn, texts = [], []
    for transaction, rows in single.groupby("transaction", sort=True):
        marks, labels = draw_points(ax, rows, series_color(transaction), scale=1e6, suffix="M", verdicts=verdicts)
        drawn, texts = drawn + marks, texts + labels
    ax.set(ylabel="US$ millions (current)", xlabel="U.S. fiscal year", ylim=(0, None))
    headroom(ax, 0.05)
    thousands_axis(ax)
    handles, names = ax.get_legend_handles_labels()
    handles += [Line2D([], [], **point_style("exact", series_color(t))) for t in sorted(single["transaction"].unique())]
    names += [f"document: {t}" for t in sorted(single["transaction"].unique())]
    ax.add_artist(ax.legend(handles, names, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, fontsize=7, frameon=False))
    spans = claims[claims["period_type"].isin(["span", "to_date"])]
    span_text = "; ".join(
        f"{r['transaction']} {period_label(r)}: {value_label(r, 1e9, 'B')} ({r['claim_id']})" for _, r in spans.iterrows()
    )
    notes = [
        f"Multi-year Merida figures not drawn: {span_text}.",
        f"FY{in_progress} was under way at the snapshot; recent years are revised upward as spending is reported.",
    ]
    return finish(fig, footnote_text(pd.concat([single, spans]), citations, notes, official=latest["source"].unique()), texts)


def fiscal_year_of(day: str) -> int:
    """The U.S. federal fiscal year a 'YYYY-MM-DD' date falls in (FY2025 = Oct 2024-Sep 2025)."""
    year, month = int(day[:4]), int(day[5:7])
    return year + 1 if month >= 10 else year


CHARTS: tuple[Chart, ...] = (
    Chart(
        "homicides",
        ("homicides",),
        homicides_chart,
        "Homicide rates, yearly homicide counts and multi-year totals for Mexico as five policy documents state "
        "them, with each figure's qualifier shown.",
    ),
    Chart(
        "extraditions",
        ("extraditions",),
        extraditions_chart,
        "Extraditions from Mexico to the United States per year and per presidential term, as stated in the "
        "documents or derived from their totals.",
    ),
    Chart(
        "merida_funding",
        ("merida_funding",),
        merida_funding_chart,
        "U.S. security assistance to Mexico in single fiscal years and the FY2008-FY2017 Merida total, split into "
        "the disbursed and undisbursed parts.",
    ),
    Chart(
        "weapon_origins",
        ("weapon_origins",),
        weapon_origins_chart,
        "Shares of traced firearms seized in Mexico by origin, nationally for 2009-2016 and by U.S. state for "
        "2009-2014, as the documents state them.",
    ),
    Chart(
        "overdose_deaths",
        ("overdose_deaths",),
        overdose_deaths_chart,
        "U.S. drug overdose deaths per year by drug as the documents state them, with approximate, lower-bound "
        "and derived figures marked.",
    ),
    Chart(
        "overview",
        CLAIM_TABLES,
        overview_chart,
        "The number of rows in each of the five claim tables, split by whether the documents state the figure "
        "exactly, approximately, as a bound, or secstats derives it.",
    ),
    Chart(
        "homicide_rate_official",
        ("official_mexico_homicides", "homicides", "verdicts"),
        homicide_rate_official_chart,
        "Mexico's official homicide rate per 100,000 inhabitants from INEGI and SESNSP since 1990, with the "
        "rates the documents state marked and judged against it.",
    ),
    Chart(
        "overdose_deaths_official",
        ("official_us_overdose_deaths", "overdose_deaths", "verdicts"),
        overdose_deaths_official_chart,
        "Official U.S. overdose deaths by drug since 1999, with the counts the documents state marked and judged against them.",
    ),
    Chart(
        "us_assistance_official",
        ("official_us_assistance", "merida_funding", "verdicts"),
        us_assistance_official_chart,
        "All U.S. foreign assistance to Mexico by fiscal year and transaction type, with the single-year figures "
        "the documents state marked against it.",
    ),
)
