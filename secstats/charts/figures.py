"""The figures: one small function per chart, drawing only validated clean tables, each with a short
source footnote and a description built from the rows it draws (so neither can go stale).

Look and encoding live in ``chart_style``; where text goes, in ``chart_layout``. A figure function
says what to draw and in which colour series, for a given ``Size`` (the site shows a wide and a narrow
drawing of every chart); ``finish`` fits the plot area to its text, places the value labels so none
collides with another or with a mark, and records which claims the marks draw.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import count

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.ticker import MaxNLocator

from secstats.charts.chart_layout import fit_axes, place_labels
from secstats.charts.chart_style import (
    CITED_COUNT_WORDS,
    INK,
    MUTED,
    VERDICT_WORDS,
    Size,
    balanced_fill,
    bar_style,
    derived_verdict,
    kind_legend,
    money_text,
    new_figure,
    number_text,
    period_label,
    point_style,
    row_kind,
    series_color,
    text_color,
    thousands_axis,
    value_label,
)
from secstats.core.paths import Layout
from secstats.core.validation import read_csv_for
from secstats.ledger.cited import CITED_PRECEDENCE
from secstats.publish.catalog import CLAIM_TABLES
from secstats.raw.provenance import Origin, cite_origin
from secstats.raw.sources import read_sources

Drawn = list[tuple[str, str]]  # (kind, colour) of each mark drawn, for the legend of kinds
SITE_NOTE = "Full sources, quotes and every claim drawn: the secstats site, under this chart."


@dataclass(frozen=True)
class Drawing:
    """A drawn chart: the figure, the claims its marks draw, and one sentence saying what it shows."""

    figure: Figure
    claims: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Chart:
    """A figure to build: its file stem, the tables it draws on, and the function that draws it."""

    name: str
    tables: tuple[str, ...]
    draw: Callable[[dict[str, pd.DataFrame], Citations, Size], Drawing]


# --- footnote and description ------------------------------------------------------------------------


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
        """'Author, Title (Publisher, date)' (secstats.raw.provenance)."""
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

    def short(self, source_id: str) -> str:
        """'Kloppe-Santamaría (2021)': the author's last word and the year, for a footnote."""
        source = self.register.loc[source_id]
        author = str(source["author"]).split(",")[0].split(" ")[-1] if " " in str(source["author"]) else source["author"]
        if len(str(source["author"]).split()) > 3:  # an organisation, not a person: its name as written
            author = source["author"]
        return f"{author} ({str(source['published'])[:4]})"

    def sources_of(self, rows: pd.DataFrame) -> list[str]:
        """The source ids of the claims the rows rest on, sorted."""
        return sorted({self.claim_sources[c] for c in claims_of(rows)})


def claims_of(rows: pd.DataFrame) -> tuple[str, ...]:
    """The claim ids the rows rest on (derived rows join several with ';'), sorted."""
    return tuple(sorted({c for ids in rows["claim_id"] for c in str(ids).split(";") if c}))


def publisher(source: str) -> str:
    """'INEGI, Estadísticas de mortalidad: ...' -> 'INEGI': an official series' publisher."""
    return source.split(",")[0]


def footnote_text(rows: pd.DataFrame, citations: Citations, notes: Iterable[str] = (), official: Iterable[str] = ()) -> str:
    """'Source: <author (year)>, ...; official: <publishers>.' then the chart's notes and where the full
    sources are: a short footnote, one line each (``finish`` wraps them to the figure's width)."""
    parts = []
    sources = citations.sources_of(rows) if len(rows) else []
    if sources:
        parts.append(f"Source: {'; '.join(citations.short(s) for s in sources)}.")
    publishers = sorted({publisher(o) for o in official})
    if publishers:
        parts.append(f"Official series: {'; '.join(publishers)}.")
    if len(rows) and (rows["processing"] == "derived").any():
        parts.append("Derived: computed by secstats from the stated claims.")
    return "\n".join([*parts, *notes, SITE_NOTE])


def cited_note(rows: pd.DataFrame, verdicts: pd.DataFrame) -> list[str]:
    """'Sources cited for the 5 stated figures: 2 agree, 3 not on record.': the second check of the stated
    claims drawn, counted (nothing before that check is built)."""
    if "cited_check" not in verdicts.columns or not len(rows):
        return []
    stated = rows[rows["processing"] == "stated"]["claim_id"]
    counts = verdicts[verdicts["claim_id"].isin(stated)]["cited_check"].value_counts()
    found = [f"{counts[c]} {CITED_COUNT_WORDS[c][int(counts[c] > 1)]}" for c in CITED_PRECEDENCE if c in counts]
    cited = "Source cited for the stated figure" if len(stated) == 1 else f"Sources cited for the {len(stated)} stated figures"
    return [f"{cited}: {', '.join(found)}."] if found else []


def description_text(subject: str, rows: pd.DataFrame, citations: Citations, official: Iterable[str] = ()) -> str:
    """One sentence from the rows drawn: what, how many figures, from which documents, against what."""
    sources = citations.sources_of(rows) if len(rows) else []
    text = subject
    if len(rows):
        documents = "one document" if len(sources) == 1 else f"{len(sources)} documents"
        text += f": {len(rows)} figures from {documents} ({'; '.join(citations.short(s) for s in sources)})"
    publishers = sorted({publisher(o) for o in official})
    if publishers:
        text += f"{',' if len(rows) else ':'} {'set against' if len(rows) else 'official series of'} {' and '.join(publishers)}"
    return text + "."


def add_footnote(fig: Figure, text: str, size: Size) -> Text:
    """The footnote at the foot of the canvas, in small muted type, each part wrapped to the figure's width."""
    points = size.font * 0.85
    wrapped = "\n".join(balanced_fill(part, size.chars(points)) for part in text.splitlines())
    return fig.text(0.012, 0.012, wrapped, ha="left", va="bottom", fontsize=points, color=MUTED, linespacing=1.3)


def finish(
    fig: Figure, size: Size, rows: pd.DataFrame, description: str, footnote: str, labels: Sequence[Annotation] = ()
) -> Drawing:
    """Fit the plot area between the header and the footnote, then place the value labels; ``rows`` are
    the rows the marks draw (their claims are the chart's, for the site's caption)."""
    note = add_footnote(fig, footnote, size)
    subtitle = fig.texts[1]
    fit_axes(fig, subtitle, note)
    place_labels(fig, labels)
    return Drawing(fig, claims_of(rows) if len(rows) else (), description)


# --- marks ---------------------------------------------------------------------------------------


def tag(artist: Artist, row: pd.Series) -> None:
    """Name a mark by the claims it draws and its row: 'drawn-a-001_a-002.5' (claims a-001 and a-002,
    row 5 of its table), so the SVG says which claims each mark draws, and no two marks share an id."""
    artist.set_gid(f"drawn-{str(row['claim_id']).replace(';', '_')}.{row.name}")


def draw_bars(
    ax: Axes,
    rows: pd.DataFrame,
    positions: Iterable[float],
    colors: Sequence[str],
    *,
    horizontal: bool = False,
    verdicts: Mapping[str, str] | None = None,
    narrow: bool = False,
) -> Drawn:
    """One bar per row, styled by its kind and labelled at its end with its value as a reader should quote it."""
    drawn = []
    for position, color, (_, row) in zip(positions, colors, rows.iterrows()):
        kind = row_kind(row)
        container = (ax.barh if horizontal else ax.bar)(position, row["value"], 0.6, **bar_style(kind, color))
        tag(container.patches[0], row)
        label = label_lines(value_label(row, verdict=row_verdict(row, verdicts)), narrow)
        ax.bar_label(container, labels=[label], padding=3, fontsize="small", color=INK)
        drawn.append((kind, color))
    return drawn


def label_lines(text: str, narrow: bool) -> str:
    """A value label with its verdict on a line of its own; on a narrow chart, lines of at most 18
    characters (a label must fit beside its mark in a 270-point figure)."""
    lines = text.split(" · ")
    if narrow:
        lines = [wrapped for line in lines for wrapped in textwrap.wrap(line, 18, break_on_hyphens=False)]
    return "\n".join(lines)


def row_verdict(row: pd.Series, verdicts: Mapping[str, str] | None) -> str | None:
    """The verdict a row's label carries: its claim's, or for a derived row the worst of its inputs'."""
    if not verdicts:
        return None
    return derived_verdict(str(row["claim_id"]), verdicts)


def draw_points(
    ax: Axes,
    rows: pd.DataFrame,
    color: str,
    *,
    verdicts: Mapping[str, str] | None = None,
    prefix: str = "",
    narrow: bool = False,
) -> tuple[Drawn, list[Annotation]]:
    """One marker per row at its (first) year, styled by kind, with its value label (placed later; on
    a narrow chart the verdict goes on a line of its own)."""
    drawn, labels = [], []
    for _, row in rows.sort_values(["period_start", "value"], kind="stable").iterrows():
        kind, x, y = row_kind(row), int(str(row["period_start"])[:4]), row["value"]
        (marker,) = ax.plot(x, y, **point_style(kind, color), zorder=5)
        tag(marker, row)
        labels.append(
            ax.annotate(
                label_lines(prefix + value_label(row, verdict=row_verdict(row, verdicts)), narrow),
                (x, y),
                xytext=(6, 0),
                textcoords="offset points",
                fontsize="small",
                color=text_color(color),
                va="center",
                zorder=6,
            )
        )
        drawn.append((kind, color))
    return drawn, labels


def line_labels(ax: Axes, lines: Mapping[str, pd.DataFrame], x: str, y: str) -> list[Annotation]:
    """A direct label at the last point of each line, in its colour (placed later with the others)."""
    labels = []
    for label, rows in lines.items():
        last = rows.sort_values(x).iloc[-1]
        color = ax.lines[[line.get_label() for line in ax.lines].index(label)].get_color()
        labels.append(
            ax.annotate(
                label,
                (last[x], last[y]),
                xytext=(6, 0),
                textcoords="offset points",
                fontsize="small",
                color=text_color(color),
                va="center",
            )
        )
    return labels


def year_ticks(ax: Axes, years: pd.Series, narrow: bool) -> None:
    """Ticks on round years within the data only (the axis runs on, to leave room for line labels)."""
    step = 10 if narrow else 5
    ax.set_xticks(range(int(-(-years.min() // step) * step), int(years.max()) + 1, step))


def label_verdicts(rows: pd.DataFrame, verdicts: Mapping[str, str], size: Size) -> tuple[dict[str, str], list[str]]:
    """The verdicts a chart's labels carry, and footnotes: on a narrow chart where every figure drawn has
    the same verdict, the footnote says it once and the labels stay short enough to fit."""
    found = {row_verdict(row, verdicts) for _, row in rows.iterrows()}
    only = next(iter(found)) if len(found) == 1 else None
    if size.stacked and only is not None:
        return {}, [f"Every figure drawn {VERDICT_WORDS[only].replace('matches', 'matches the')}."]
    return dict(verdicts), []


def headroom(ax: Axes, share: float) -> None:
    """Raise the top of the value axis so labels fit above the marks."""
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


def agreement(rows: pd.DataFrame, verdicts: Mapping[str, str]) -> str:
    """'3 of 5 stated figures match the official record': the verdicts of the stated rows, counted."""
    stated = rows[rows["processing"] == "stated"]
    judged = [verdicts.get(c) for c in stated["claim_id"]]
    agree = sum(v in ("matches", "close") for v in judged)
    return f"{agree} of {len(judged)} stated figures match or come close to the official record"


# --- the figures ---------------------------------------------------------------------------------

SPAN_MEASURES = {"homicides": "homicides", "deaths_drug_war": "drug-war deaths"}  # as the axis names them


def homicides_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """Homicide counts in Mexico, in a year and over spans of years, as stated and derived, with verdicts.
    (The stated rates are drawn against the official series in ``homicide_rate_official``.)"""
    data, verdicts = tables["homicides"], claim_verdicts(tables["verdicts"])
    yearly = data[(data["measure"] == "homicides") & (data["period_type"] == "calendar_year")]
    yearly = yearly.sort_values("period_start", kind="stable")
    # "since 2006" totals run to the document's date (to_date): a span of years all the same
    spans = data[data["measure"].isin(list(SPAN_MEASURES)) & data["period_type"].isin(["span", "to_date"])]
    drawn_rows = pd.concat([yearly, spans])
    fig, (years_ax, spans_ax) = new_figure(
        f"Mexico's homicides as the documents count them: {agreement(drawn_rows, verdicts)}",
        "People murdered in Mexico, calendar years, as each document words it. Each label gives the verdict "
        "against the official record; a derived figure carries the verdict of the claims it is computed from.",
        size,
        panels=2,
    )
    for ax, rows, title in ((years_ax, yearly, "In a year"), (spans_ax, spans, "Over a span of years")):
        colors = [series_color(m) for m in rows["measure"]]
        draw_bars(ax, rows, range(len(rows)), colors, horizontal=True, verdicts=verdicts, narrow=size.stacked)
        ax.set(
            title=title,
            yticks=range(len(rows)),
            yticklabels=[f"{period_label(r)}\n{SPAN_MEASURES[r['measure']]}" for _, r in rows.iterrows()],
            xlim=(0, rows["value"].max() * 2.4),
            ylim=(-0.6, len(rows) - 0.4),
        )
        ax.set_xlabel("people murdered" + (", in total" if ax is spans_ax else " in the year"))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        thousands_axis(ax, "x")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
    notes = ["Pale, dashed: approximate (~); hatched: derived. Spans are as each document words them."]
    description = description_text("Homicides in Mexico in a year and over spans of years", drawn_rows, citations)
    notes += cited_note(drawn_rows, tables["verdicts"])
    return finish(fig, size, drawn_rows, description, footnote_text(drawn_rows, citations, notes))


def extraditions_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """Extraditions from Mexico to the U.S. per year on a true time axis: a presidential term's total as
    a bar as wide as its years (its height the derived average a year), a single year as a narrow one."""
    data = tables["extraditions"]
    color = series_color("extraditions")
    whole = data["period_start"].str.len() == 4
    averages = data[data["unit"] == "count_per_year"].sort_values("period_start", kind="stable")
    totals = data[(data["unit"] == "count") & (data["period_type"] == "span") & whole]
    years = data[(data["unit"] == "count") & (data["period_type"] == "calendar_year")]
    partial = data[(data["unit"] == "count") & data["period_type"].isin(["span", "to_date"]) & ~whole]
    per_year = pd.concat([averages, years]).sort_values("period_start", kind="stable")
    steps = [
        f"{'~' if r['processing'] == 'derived' else ''}{number_text(round(r['value']))} in {period_label(r)}"
        for _, r in per_year.iterrows()
    ]
    fig, (ax,) = new_figure(
        f"Extraditions from Mexico to the U.S. a year: {', '.join(steps)}",
        "People extradited a year, calendar years on a true time scale. A presidential term's total is "
        "drawn as wide as its years, at its average a year (derived).",
        size,
        height=4.8,
    )
    labels = []
    for _, row in per_year.iterrows():
        start, end = int(str(row["period_start"])[:4]), int(str(row["period_end"])[:4])
        width = max(end - start, 1)
        kind = row_kind(row)
        (bar,) = ax.bar(start, row["value"], width, align="edge", **bar_style(kind, color))
        tag(bar, row)
        total = totals[(totals["period_start"] == row["period_start"]) & (totals["period_end"] == row["period_end"])]
        if len(total):
            # A derived average of whole numbers is quoted whole: the total is what was stated.
            average = number_text(round(row["value"]))
            label = (
                f"{value_label(total.iloc[0])}\n~{average}/year"  # as wide as its bar on a phone; the axis gives the years
                if size.stacked
                else f"{value_label(total.iloc[0])}\nin {period_label(row)}\n(~{average} a year)"
            )
        else:
            label = f"{value_label(row)} in {period_label(row)}"
        labels.append(
            ax.annotate(
                label,
                (start + width / 2, row["value"]),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="small",
                color=INK,
            )
        )
    starts = per_year["period_start"].str[:4].astype(int)
    ax.set(
        ylabel="people extradited a year",
        xlim=(starts.min() - 1, starts.max() + 2),
        ylim=(0, per_year["value"].max() * (1.9 if size.stacked else 1.45)),
    )
    year_ticks(ax, pd.concat([starts, per_year["period_end"].str[:4].astype(int)]), size.stacked)
    notes = [f"Not drawn: {value_label(r)} extradited in {period_label(r)}, a few months' total." for _, r in partial.iterrows()]
    notes.append("A term's average divides its total by its 6 calendar years.")
    drawn_rows = pd.concat([per_year, totals])
    description = description_text("Extraditions from Mexico to the United States a year", drawn_rows, citations)
    footnote = footnote_text(pd.concat([drawn_rows, partial]), citations, notes)
    return finish(fig, size, drawn_rows, description, footnote, labels)


def merida_funding_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """U.S. security assistance to Mexico in single fiscal years, and Merida money allocated vs disbursed."""
    data = tables["merida_funding"]
    span = data[data["period_type"].isin(["span", "to_date"])]  # "of which ... disbursed" runs to a date
    allocated = span[span["transaction"] == "allocated"]
    parts = span[span["transaction"].isin(["disbursed", "undisbursed"])].sort_values("transaction", kind="stable")
    disbursed = parts[parts["transaction"] == "disbursed"]
    title = "U.S. Mérida Initiative funding for Mexico"
    if len(allocated) and len(disbursed):
        title = (
            f"Of the {money_text(allocated['value'].iloc[0])} allocated to the Mérida Initiative in "
            f"{period_label(allocated.iloc[0])}, {money_text(disbursed['value'].iloc[0])} was disbursed"
        )
        if disbursed["period_type"].iloc[0] == "to_date":  # a running total to a cut-off: say which
            title = title.replace("was disbursed", f"had been disbursed by {pd.Timestamp(disbursed['period_end'].iloc[0]):%B %Y}")
    fig, (years_ax, span_ax) = new_figure(
        title,
        "U.S. federal fiscal years (FY2008 = Oct 2007–Sep 2008), current U.S. dollars, as the document states "
        "them. Left: single fiscal years. Right: the multi-year total and the part of it disbursed.",
        size,
        panels=2,
    )
    single = data[data["period_type"] == "fiscal_year"].sort_values("period_start", kind="stable")
    words = {"unspecified": "type not\nstated"}
    draw_bars(years_ax, single, range(len(single)), [series_color(t) for t in single["transaction"]])
    years_ax.set(
        title="Single fiscal years",
        xticks=range(len(single)),
        xticklabels=[f"{period_label(r)}\n{words.get(r['transaction'], r['transaction'])}" for _, r in single.iterrows()],
        ylim=(0, single["value"].max() * 1.3),
    )
    years_ax.set_ylabel("US$")
    years_ax.yaxis.set_major_formatter(lambda value, _position: money_text(value) if value else "0")
    years_ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    draw_bars(span_ax, allocated, [0], [series_color("allocated")])
    bottom = 0.0
    for _, row in parts.sort_values("transaction", kind="stable").iterrows():
        kind, color = row_kind(row), series_color(row["transaction"])
        (bar,) = span_ax.bar(1, row["value"], 0.6, bottom=bottom, **bar_style(kind, color))
        tag(bar, row)
        # Labels beside the stack, not on it: hatching would run through the glyphs.
        span_ax.annotate(
            f"{row['transaction']}\n{value_label(row)}",
            (1.3, bottom + row["value"] / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize="small",
            color=text_color(color),
        )
        bottom += row["value"]
    span_ax.set(
        title=f"{period_label(allocated.iloc[0])} total" if len(allocated) else "Span",
        xticks=[0, 1],
        xticklabels=["allocated", "spent and\nunspent"],
        ylim=(0, span["value"].max() * 1.3),
        xlim=(-0.5, 2.6),
    )
    span_ax.yaxis.set_major_formatter(lambda value, _position: money_text(value) if value else "0")
    span_ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    drawn_rows = pd.concat([single, allocated, parts])
    description = description_text("U.S. security assistance and Mérida funding for Mexico", drawn_rows, citations)
    notes = ["Hatched: derived (allocated minus disbursed)."] if (parts["processing"] == "derived").any() else []
    return finish(fig, size, drawn_rows, description, footnote_text(drawn_rows, citations, notes))


def weapon_origins_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """Traced firearms seized in Mexico by origin: one 100% bar per (document, period) breakdown."""
    data = tables["weapon_origins"]
    groups = list(data.groupby(["period_start", "period_end", "source_id"], sort=True))
    largest = sorted((g[g["processing"] == "stated"].sort_values("value").iloc[-1] for _, g in groups), key=lambda r: -r["value"])
    fig, (ax,) = new_figure(
        "Traced firearms seized in Mexico came mostly from the U.S.: "
        + "; ".join(f"{pretty(r['geography'])} {value_label(r, suffix='%')} ({period_label(r)})" for r in largest),
        "Percent of traced firearms, over calendar-year spans. The national share and the state shares cover "
        "different periods and do not add up to each other.",
        size,
        height=4.4,
    )
    spacing = 1.8 if size.stacked else 1.0  # room for labels at two heights on a narrow chart
    for position, (_, group) in zip(count(step=spacing), groups):
        left = 0.0
        named = group[group["processing"] == "stated"]["geography"]
        for index, (_, row) in enumerate(group.sort_values("processing", kind="stable").iterrows()):
            kind, color = row_kind(row), series_color(row["geography"])
            (bar,) = ax.barh(position, row["value"], 0.5, left=left, **bar_style(kind, color))
            tag(bar, row)
            # Labels above their segment, never on it: white space reads on any fill or hatch.
            ax.annotate(
                f"{origin_label(row['geography'], named, size.stacked)}\n{value_label(row, suffix='%')}",
                (left if first_narrow(index, size) else left + row["value"] / 2, position + 0.25),
                # on a narrow chart neighbours take turns at two heights, so narrow segments' labels never meet
                xytext=(0, 3 + (index % 2) * 2.4 * size.font if size.stacked else 3),
                textcoords="offset points",
                ha="left" if first_narrow(index, size) else "center",
                va="bottom",
                fontsize="small",
                color=INK,
            )
            left += row["value"]
    ax.set(
        yticks=[index * spacing for index in range(len(groups))],
        yticklabels=[period_label(g.iloc[0]) for _, g in groups],
        xlabel="percent of traced firearms",
        xlim=(0, 100),
        ylim=(-0.4, (len(groups) - 1) * spacing + (1.9 if size.stacked else 0.9)),
    )
    ax.grid(visible=False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    notes = ["Only firearms Mexico asked the U.S. to trace (eTrace) count. Hatched: derived (100% minus the rest)."]
    description = description_text("Where traced firearms seized in Mexico came from", data, citations)
    return finish(fig, size, data, description, footnote_text(data, citations, notes))


def first_narrow(index: int, size: Size) -> bool:
    """The first segment's label on a narrow chart starts at the axis, so it cannot stray left of it."""
    return index == 0 and size.stacked


def origin_label(geography: str, named: pd.Series, narrow: bool = False) -> str:
    """What the remainder of a breakdown is: what its named origins are not ('elsewhere' on a narrow chart)."""
    if geography != "all_other_origins":
        return pretty(geography)
    if narrow:
        return "Elsewhere"
    return "Outside\nthe U.S." if "united_states" in set(named) else "Other states\nand abroad"


def overview_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """How many figures each claim table holds, and how firmly the documents state them."""
    counts = pd.DataFrame({name: table.apply(row_kind, axis=1).value_counts() for name, table in tables.items()})
    kinds = [kind for kind in ("exact", "approx", "lower", "upper", "derived", "derived_approx") if kind in counts.index]
    counts = counts.reindex(kinds).fillna(0).T.iloc[::-1]
    total = int(counts.to_numpy().sum())
    fig, (ax,) = new_figure(
        f"{number_text(counts['exact'].sum())} of the {number_text(total)} figures in the claim tables are stated "
        "exactly; the rest are approximate, bounds or derived",
        "Rows of each claim table by how the document words the figure. Derived rows are computed by secstats "
        "from stated claims.",
        size,
        height=4.6,
    )
    color, left, drawn = series_color("claims"), pd.Series(0.0, index=counts.index), []
    for kind in kinds:
        ax.barh(range(len(counts)), counts[kind], 0.6, left=left, **bar_style(kind, color))
        left += counts[kind]
        drawn.append((kind, color))
    for position, row_total in enumerate(left):
        ax.annotate(
            number_text(row_total),
            (row_total, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize="small",
            color=INK,
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
    kind_legend(ax, drawn, "bar", loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=1 if size.stacked else 3)
    rows = pd.concat(tables.values())
    description = description_text("How firmly the documents state the figures of each claim table", rows, citations)
    # Its bars count rows; no mark draws a claim, so it names none (the tables hold them).
    return finish(fig, size, rows.iloc[:0], description, footnote_text(rows, citations))


def homicide_rate_official_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """Mexico's official homicide rate 1990-2023 as lines, with the documents' stated rates as markers."""
    official, claims = tables["official_mexico_homicides"], tables["homicides"]
    rates = claims[claims["measure"] == "homicide_rate"]
    verdicts = claim_verdicts(tables["verdicts"])
    fig, (ax,) = new_figure(
        f"Mexico's homicide rate: {agreement(rates, verdicts)}",
        "Homicides per 100,000 inhabitants, calendar years. Lines: official counts divided by CONAPO's mid-year "
        "population (computed by secstats). Dots: rates stated in the documents.",
        size,
    )
    names = {"inegi_deaths_by_registration": "INEGI", "sesnsp_victims_homicidio_doloso": "SESNSP"}
    lines = {}
    for series, rows in official.dropna(subset=["rate_per_100k"]).groupby("series", sort=True):
        ax.plot(
            rows["year"],
            rows["rate_per_100k"],
            color=series_color(series),
            linewidth=1.8,
            linestyle="-" if series.startswith("inegi") else "--",
            label=names[series],
        )
        lines[names[series]] = rows
    drawn, texts = draw_points(ax, rates, series_color("homicide_rate"), verdicts=verdicts, narrow=size.stacked)
    ax.set(ylabel="homicides per 100,000", ylim=(0, None))
    years = official["year"]
    ax.set_xlim(years.min() - 1, years.max() + (5 if size.stacked else 3))
    year_ticks(ax, years, size.stacked)
    headroom(ax, 0.15)
    labels = line_labels(ax, lines, "year", "rate_per_100k")
    kind_legend(ax, drawn, "point")
    notes = ["INEGI counts deaths by year of registration; SESNSP counts victims in prosecutors' files and revises back years."]
    # A part-year count has no annual rate: say so, rather than let the line just stop.
    notes += [
        f"Not drawn: {names[r['series']]} {r['year']}, {r['months_covered']} months only."
        for _, r in official[official["months_covered"] < 12].iterrows()
    ]
    sources = official["source"].unique()
    description = description_text("Mexico's official homicide rate and the rates the documents state", rates, citations, sources)
    notes += cited_note(rates, tables["verdicts"])
    return finish(fig, size, rates, description, footnote_text(rates, citations, notes, official=sources), [*labels, *texts])


# The ledger's drug words -> the official line that counts the same deaths (fentanyl is most of T40.4).
LINE_OF_DRUG = {"opioids": "any_opioid", "fentanyl": "synthetic_opioids_t404"}


def overdose_deaths_official_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """U.S. overdose deaths by drug 1999-2023 as lines, with the documents' stated counts as markers."""
    official, claims = tables["official_us_overdose_deaths"], tables["overdose_deaths"]
    names = {
        "all_drugs": "all drugs",
        "any_opioid": "any opioid",
        "synthetic_opioids_t404": "synthetic\nopioids",
        "heroin_t401": "heroin",
    }
    counts = claims[claims["unit"] == "count"]
    verdicts = claim_verdicts(tables["verdicts"])
    fig, (ax,) = new_figure(
        f"U.S. overdose deaths: {agreement(counts, verdicts)}",
        "Deaths in a calendar year. Lines: CDC/NCHS final data, by drug involved (categories overlap: one death "
        "can involve several drugs). Dots: counts stated in the documents.",
        size,
        height=6.4,
    )
    lines = {}
    for drug, label in names.items():
        rows = official[official["drug"] == drug]
        ax.plot(rows["year"], rows["deaths"], color=series_color(drug), linewidth=1.6, label=label)
        lines[label] = rows
    shown, notes = label_verdicts(counts, verdicts, size)
    drawn: Drawn = []
    texts: list[Annotation] = []
    notes.append("Synthetic opioids (T40.4) are mainly fentanyl; fentanyl claims take their colour.")
    for drug, rows in counts.groupby("drug", sort=True):
        # a claim with no official line of its own says what it counts in its label
        line = LINE_OF_DRUG.get(drug, drug)
        prefix = "" if line in official["drug"].values else f"{pretty(drug).lower()}: "
        if prefix and size.stacked:  # too long beside its mark on a phone: the footnote names it
            notes.append(f"No line of its own: {prefix}{', '.join(value_label(r) for _, r in rows.iterrows())}.")
            prefix = ""
        marks, labels = draw_points(ax, rows, series_color(line), verdicts=shown, prefix=prefix, narrow=size.stacked)
        drawn, texts = drawn + marks, texts + labels
    years = official["year"]
    ax.set(ylabel="deaths in the year", ylim=(0, None))
    ax.set_xlim(years.min() - (7 if size.stacked else 1), years.max() + (13 if size.stacked else 5))
    year_ticks(ax, years, size.stacked)
    thousands_axis(ax)
    headroom(ax, 0.3 if size.stacked else 0.1)
    labels = line_labels(ax, lines, "year", "deaths")
    kind_legend(ax, drawn, "point")
    sources = official["source"].unique()
    description = description_text("U.S. overdose deaths by drug and the counts the documents state", counts, citations, sources)
    notes += cited_note(counts, tables["verdicts"])
    return finish(fig, size, counts, description, footnote_text(counts, citations, notes, official=sources), [*texts, *labels])


def us_assistance_official_chart(tables: dict[str, pd.DataFrame], citations: Citations, size: Size) -> Drawing:
    """All U.S. assistance to Mexico by fiscal year and transaction type. The documents' Merida figures
    are Merida only: set beside all aid they would read as matches or misses they are not, so they are
    drawn in ``merida_funding`` and not here."""
    official = tables["official_us_assistance"]
    latest_day = official["snapshot"].max()
    snapshot = f"{latest_day:%Y-%m-%d}"
    latest = official[official["snapshot"] == latest_day]
    latest = latest[~latest["transition_quarter"]].assign(year=lambda t: t["fiscal_year"])
    in_progress = fiscal_year_of(snapshot)
    # The fiscal year under way at the snapshot is incomplete: left out, not drawn as a fall.
    latest = latest[(latest["year"] >= 2000) & (latest["year"] < in_progress)]
    shown = [kind for kind in sorted(latest["transaction_type"].unique()) if kind in ("Disbursements", "Obligations")]
    spent = latest[latest["transaction_type"] == "Disbursements"]
    peak = spent.loc[spent["amount_usd"].idxmax()]
    fig, (ax,) = new_figure(
        f"U.S. aid disbursed to Mexico peaked at {money_text(peak['amount_usd'])} in FY{peak['year']}",
        f"All U.S. foreign assistance to Mexico (not only Mérida), U.S. federal fiscal years, current dollars "
        f"(ForeignAssistance.gov, snapshot of {snapshot}).",
        size,
    )
    lines = {}
    for kind in shown:
        rows = latest[latest["transaction_type"] == kind]
        ax.plot(rows["year"], rows["amount_usd"], color=series_color(kind), linewidth=1.6, label=kind.lower())
        lines[kind.lower()] = rows
    ax.set(ylabel="US$ (current)", ylim=(0, None))
    ax.set_xlim(latest["year"].min() - 1, latest["year"].max() + (7 if size.stacked else 4))
    year_ticks(ax, latest["year"], size.stacked)
    ax.yaxis.set_major_formatter(lambda value, _position: money_text(value) if value else "0")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    headroom(ax, 0.1)
    labels = line_labels(ax, lines, "year", "amount_usd")
    notes = [
        f"FY{in_progress} was under way at the snapshot and is not drawn; recent years are revised upward as "
        "spending is reported. The documents' Mérida figures are in the Mérida chart."
    ]
    sources = latest["source"].unique()
    empty = latest.iloc[:0]
    description = description_text("All U.S. foreign assistance to Mexico by fiscal year", empty, citations, sources)
    return finish(fig, size, empty, description, footnote_text(empty, citations, notes, official=sources), labels)


def fiscal_year_of(day: str) -> int:
    """The U.S. federal fiscal year a 'YYYY-MM-DD' date falls in (FY2025 = Oct 2024-Sep 2025)."""
    year, month = int(day[:4]), int(day[5:7])
    return year + 1 if month >= 10 else year


CHARTS: tuple[Chart, ...] = (
    Chart("homicides", ("homicides", "verdicts"), homicides_chart),
    Chart("extraditions", ("extraditions",), extraditions_chart),
    Chart("merida_funding", ("merida_funding",), merida_funding_chart),
    Chart("weapon_origins", ("weapon_origins",), weapon_origins_chart),
    Chart("overview", CLAIM_TABLES, overview_chart),
    Chart("homicide_rate_official", ("official_mexico_homicides", "homicides", "verdicts"), homicide_rate_official_chart),
    # It drew the overdose claims again, over the official lines: the documents' overdose counts are
    # drawn once, here (issue 23 dropped the claims-only chart 'overdose_deaths').
    Chart(
        "overdose_deaths_official",
        ("official_us_overdose_deaths", "overdose_deaths", "verdicts"),
        overdose_deaths_official_chart,
    ),
    Chart("us_assistance_official", ("official_us_assistance",), us_assistance_official_chart),
)
