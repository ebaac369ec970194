"""The static site in ``site/``: the package for readers with only a browser.

Pages (Jinja2 templates in ``secstats/site/templates/``, autoescaped, so no quote can break the markup):
- ``index.html``: what the package is, how to cite it, the five families with their charts (inline
  SVG with a title and description), verdict counts, documents, tables and downloads;
- ``documents/<source_id>.html``: the full text with every ledger claim highlighted by verdict;
- ``claims/<claim_id>.html``: the quote in its paragraph, its figures, citation, verdict, official
  counterparts, contradictions and the tables and charts that use it; ``claims/index.html`` lists all;
- ``tables/<name>.html``: every row (sortable and filterable by ``tables.js``), column descriptions from
  the pandera models, a download link.
Downloads (every CSV, ``datapackage.json``, the data dictionary) are copies of the bytes the build
writes, under ``site/data/``, so the site works alone on any static host and from ``file://``.
Everything is made in memory from the build's tables and figures; nothing depends on the clock.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup

from secstats.charts.chart_style import qualifier_sign
from secstats.charts.figures import CHARTS
from secstats.clean.families import FAMILIES
from secstats.core.paths import PACKAGE_DIR, Layout
from secstats.core.periods import describe as period_words
from secstats.ledger.coverage import read_dismissed
from secstats.publish.catalog import CATALOG, CLAIM_TABLES, summary, table_model, table_schema
from secstats.publish.citation import render_citation
from secstats.publish.metadata import field_of, package_version
from secstats.raw.sources import document_texts, read_sources
from secstats.site.claim_checks import (
    CLAIM_SEPARATORS,
    UNCHECKED,
    VERDICT_TABLE,
    VERDICT_TONES,
    ClaimVerdict,
    candidates,
    claim_verdicts,
    claims_in_table,
    contradictions_of,
    is_best,
    verdict_of,
)
from secstats.site.document_marks import Mark, blocks_of, marked_paragraphs, paragraphs_around, unowned

TEMPLATES = PACKAGE_DIR / "site" / "templates"
STATIC_FILES = ("style.css", "tables.js")  # copied as they are
CITATION_FORMATS = ("text", "bibtex", "ris")  # a claim page gives these (secstats.publish.citation writes them)
CANDIDATE_TEXT = (
    "official_series",
    "official_period_start",
    "official_source",
    "official_scope",
    "official_derivation",
    "reading",
    "difference",
    "relative_difference_percent",
    "rule",
)
UNIT_WORDS = {"count": "", "percent": "%", "usd": "US$", "per_100000": "per 100,000"}


@cache  # compiled templates are kept; jinja reloads one whose file changed (auto_reload)
def environment() -> jinja2.Environment:
    """Templates that escape every value unless it is explicitly Markup, and fail on a missing name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["claim_parts"] = claim_parts
    return env


def claim_parts(cell: str) -> list[dict[str, str]]:
    """'a;b' -> [{'id': 'a'}, {'text': ';'}, {'id': 'b'}]: claim ids to link and the separators between them."""
    return [
        {"text": part} if re.fullmatch(CLAIM_SEPARATORS, part) else {"id": part}
        for part in re.split(f"({CLAIM_SEPARATORS})", cell)
        if part
    ]


# --- how numbers, periods and cells read ---------------------------------------------------------


def number(value: float) -> str:
    """A figure with thousands separators and no spurious decimals: 2,800,000,000; 8.09."""
    return f"{value:,.12g}"


def figure_text(row: pd.Series) -> str:
    """'~1,000', '>US$2,000,000', '10-20%', '1.5 per 100,000': a figure as a reader should quote it."""
    text = number(row["value"])
    if row["qualifier"] == "range":
        text += f"-{number(row['value_high'])}"
    word = UNIT_WORDS.get(row["unit"], row["unit"])
    text = f"US${text}" if word == "US$" else f"{text}{word}" if word == "%" else f"{text} {word}".strip()
    return qualifier_sign(row["qualifier"]) + text


def words(key: str) -> str:
    """A vocabulary key as words: 'not_a_quantity' -> 'not a quantity'."""
    return str(key).replace("_", " ")


def period_of(row: pd.Series) -> str:
    """'2018', 'FY2008-FY2017': a claim's period as the verdict explanations write it; a running total
    says so ('2006-2020, running total'), so it does not read as a flow over complete years."""
    words = period_words(row["period_start"], row["period_end"], row["year_basis"] == "fiscal")
    return words + (", running total" if row.get("period_type") == "to_date" else "")


def cell_text(value: object) -> str:
    """A cell of an in-memory table as text: '' for missing, no spurious decimals."""
    if pd.isna(value):
        return ""
    return number(value) if isinstance(value, float) else str(value)


def published_rows(data: bytes) -> pd.DataFrame:
    """A published CSV with every cell as the file writes it (text, '' when empty)."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


# --- charts as inline SVG ------------------------------------------------------------------------


def chart_title(svg: str) -> str:
    """The chart's title, as its SVG's <title> gives it (secstats.charts.chart_style.accessible_svg writes it)."""
    found = re.search(r"<title[^>]*>(.*?)</title>", svg, flags=re.S)
    return html.unescape(found.group(1)) if found else ""


def inline_svg(svg: str, prefix: str) -> Markup:
    """An SVG file made fit to sit inside HTML: no prolog or RDF metadata, every id (and every reference
    to one, aria-labelledby included) prefixed so several charts on one page never share one, and
    scalable to its container. The chart's own <title> and <desc> label it for screen readers."""
    body = svg[svg.index("<svg") :]
    body = re.sub(r"\s*<metadata>.*?</metadata>", "", body, count=1, flags=re.S)
    body = re.sub(r'\bid="', f'id="{prefix}-', body)
    body = body.replace('href="#', f'href="#{prefix}-').replace("url(#", f"url(#{prefix}-")
    body = re.sub(
        r'aria-labelledby="([^"]*)"',
        lambda found: 'aria-labelledby="' + " ".join(f"{prefix}-{i}" for i in found.group(1).split()) + '"',
        body,
        count=1,
    )
    opening = re.match(r"<svg[^>]*>", body)
    if opening is None:
        raise ValueError("a chart's SVG does not begin with its <svg> element")
    root = opening.group(0)
    return Markup(re.sub(r'\s(width|height)="[^"]*"', "", root) + body[len(root) :].rstrip())


@dataclass(frozen=True)
class ChartView:
    """One chart as the index shows it: its SVGs (wide, and narrow for phones), its title, the claims its
    marks draw and the tables it draws on."""

    name: str
    title: str
    svg: Markup
    narrow: Markup
    claims: tuple[str, ...]
    tables: tuple[str, ...]

    @property
    def claim_tables(self) -> tuple[str, ...]:
        """The claim tables it draws (one for a family's chart, several for an overview)."""
        return tuple(name for name in self.tables if name in CLAIM_TABLES)


def drawn_claims(svg: str) -> tuple[str, ...]:
    """The claims a chart's marks draw, as its SVG names them (``data-claims`` on its root)."""
    found = re.search(r'<svg[^>]*\bdata-claims="([^"]*)"', svg)
    return tuple(html.unescape(found.group(1)).split()) if found else ()


def chart_view(name: str, names: tuple[str, ...], svg: str, narrow: str) -> ChartView:
    """A chart with the claims its marks draw."""
    return ChartView(
        name,
        chart_title(svg),
        inline_svg(svg, f"chart-{name}"),
        inline_svg(narrow, f"chart-{name}-narrow"),
        drawn_claims(svg),
        names,
    )


def chart_views(figures: Mapping[str, bytes]) -> dict[str, ChartView]:
    """Every chart the build drew, by name."""
    return {
        chart.name: chart_view(
            chart.name,
            chart.tables,
            figures[f"{chart.name}.svg"].decode("utf-8"),
            figures[f"{chart.name}-narrow.svg"].decode("utf-8"),
        )
        for chart in CHARTS
    }


# --- what every page needs to know about the claims ------------------------------------------------


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from, gathered once."""

    tables: Mapping[str, pd.DataFrame]  # as the build holds them: ledger periods, derived rows' ids joined
    published: Mapping[str, pd.DataFrame]  # as data/clean/ publishes them, every cell as text
    register: pd.DataFrame  # sources.csv indexed by source_id
    texts: Mapping[str, str]
    verdicts: Mapping[str, ClaimVerdict]
    charts: Mapping[str, ChartView]
    dismissed: pd.DataFrame  # numbers of the documents the ledger leaves out, with the reason

    @property
    def ledger(self) -> pd.DataFrame:
        return self.tables["claims"]

    @cached_property
    def rows_naming(self) -> dict[str, dict[str, list[int]]]:
        """{published table: {claim_id: 0-based rows naming it}}, found once for all the claim pages."""
        return {name: claims_in_table(table) for name, table in self.published.items()}

    def verdict(self, claim_id: str) -> ClaimVerdict:
        """A claim's verdict, 'unchecked' outside the five families."""
        return verdict_of(self.verdicts, claim_id)

    def checks(self, claim_id: str) -> str:
        """A claim's verdict and cited-source check in one plain line (a mark's tooltip)."""
        return both_checks(self, claim_id)

    def citation(self, source_id: str) -> str:
        """'Author, "Title," Publisher, date.'"""
        source = self.register.loc[source_id]
        return f"{source['author']}, \u201c{source['title']},\u201d {source['publisher']}, {source['published']}."


def claim_mark(claim: pd.Series) -> Mark:
    """A ledger claim as a span of its document."""
    start = int(claim["quote_start"])
    return Mark(start, start + len(claim["quote"]), claim["claim_id"], "claim")


# --- pages -----------------------------------------------------------------------------------------


def render(env: jinja2.Environment, template: str, depth: int, **context: object) -> bytes:
    """One page as UTF-8 bytes; ``depth`` is how many folders below site/ it sits (for relative links)."""
    page = env.get_template(template).render(
        root="../" * depth, version=package_version(), template_name=template.removesuffix(".html"), **context
    )
    return page.encode("utf-8")


def document_page(env: jinja2.Environment, site: Site, source_id: str) -> bytes:
    """A document's full text, every claim highlighted and linked, coloured by its verdict."""
    claims = site.ledger[site.ledger["source_id"] == source_id]
    marks = [claim_mark(claim) for _, claim in claims.iterrows()]
    dismissed = site.dismissed[site.dismissed["source_id"] == source_id]
    left_out = [
        Mark(
            int(row.quote_start),
            int(row.quote_start) + len(row.text),
            f"dismissed-{row.quote_start}",
            "dismissed",
            f"{words(row.reason)}: {row.note}" if pd.notna(row.note) else words(row.reason),
        )
        for row in dismissed.itertuples()
    ]
    paragraphs = marked_paragraphs(site.texts[source_id], marks + left_out)
    return render(
        env,
        "document.html",
        1,
        site=site,
        source=site.register.loc[source_id],
        source_id=source_id,
        blocks=blocks_of(paragraphs),
        claims=claims,
        extra=unowned(paragraphs, marks),
        tones=tone_legend(site, claims),
        dismissed=len(left_out),
        listed=[
            (claim["claim_id"], figure_text(claim), site.verdict(claim["claim_id"]), cited_summary(site, claim["claim_id"]))
            for _, claim in claims.assign(start=claims["quote_start"].astype(int)).sort_values("start").iterrows()
        ],
    )


def tone_legend(site: Site, claims: pd.DataFrame) -> list[tuple[str, str, str, int]]:
    """(verdict, tone, meaning, count) for each verdict among ``claims``, in the fixed verdict order."""
    counts = pd.Series([site.verdict(c).verdict for c in claims["claim_id"]]).value_counts()
    order = [*VERDICT_TONES, UNCHECKED[0]]
    return [(v, ClaimVerdict(v, "").tone, ClaimVerdict(v, "").meaning, int(counts[v])) for v in order if v in counts.index]


def uses_of(site: Site, claim_id: str) -> tuple[list[tuple[str, list[int]]], list[ChartView]]:
    """The published tables that name a claim (with 1-based row numbers) and the charts whose marks draw it."""
    tables = [(name, [p + 1 for p in rows[claim_id]]) for name, rows in site.rows_naming.items() if claim_id in rows]
    return tables, [chart for chart in site.charts.values() if claim_id in chart.claims]


def series_table(series: object) -> str | None:
    """The published table a candidate's series names first ('official_mexico_homicides (inegi_...)'), if any."""
    name = str(series).split(" ")[0]
    return name if name in CATALOG else None


def candidate_views(rows: pd.DataFrame, verdict: ClaimVerdict) -> list[dict[str, object]]:
    """Each candidate counterpart as a claim page lists it, the one the verdict rests on first."""
    views = [
        {
            "figure": number(row["official_value"]),
            "period": period_words(row["official_period_start"], row["official_period_end"], row["year_basis"] == "fiscal"),
            "match": row["match"],
            "within": bool(row["within_tolerance"]) if pd.notna(row["within_tolerance"]) else None,
            "best": is_best(row, verdict),
            "table": series_table(row["official_series"]),
            **{column: cell_text(row[column]) for column in CANDIDATE_TEXT},
        }
        for _, row in rows.iterrows()
    ]
    return sorted(views, key=lambda view: not view["best"])


# What the check of the source a claim cites found (the verdicts table's cited_check, where it has one),
# in a reader's words.
CITED_WORDS = {
    "agrees": "The source it cites gives the same figure",
    "differs": "The source it cites gives a different figure",
    "not_in_source": "The figure is not in the source it cites",
    "source_not_on_record": "The source it cites is not on record here, so it was not checked",
    "no_citation": "It cites no source for this figure",
}


def cited_row(site: Site, claim_id: str) -> pd.Series | None:
    """A claim's row of the verdicts table if it carries a cited-source check (before that column
    exists, None)."""
    table = site.tables.get(VERDICT_TABLE)
    if table is None or "cited_check" not in table.columns:
        return None
    rows = table[table["claim_id"] == claim_id]
    if rows.empty or pd.isna(rows["cited_check"].iloc[0]):
        return None
    return rows.iloc[0]


def cited_summary(site: Site, claim_id: str) -> str | None:
    """The cited-source check in a few plain words, with the cited figure: 'The source it cites gives the
    same figure (138)'."""
    row = cited_row(site, claim_id)
    if row is None:
        return None
    text = CITED_WORDS.get(row["cited_check"], words(row["cited_check"]))
    value = row.get("cited_value")
    return text + (f" ({cell_text(value)})" if pd.notna(value) and str(value) != "" else "")


def cited_check(site: Site, claim_id: str) -> str | None:
    """The cited-source check of a claim in plain words, with the cited figure and why."""
    summary = cited_summary(site, claim_id)
    if summary is None:
        return None
    row = cited_row(site, claim_id)
    explanation = row.get("cited_explanation")  # type: ignore[union-attr]
    # With no citation the explanation only says so again ("The document cites no source ...").
    says_more = row["cited_check"] != "no_citation" and pd.notna(explanation) and str(explanation)  # type: ignore[index]
    return summary + (f": {explanation}" if says_more else ".")


def both_checks(site: Site, claim_id: str) -> str:
    """A claim's two checks in one line, for a mark's tooltip and the document's list of claims:
    'matches: an official figure ... . Cited source: the source it cites gives the same figure (211).'"""
    verdict = site.verdict(claim_id)
    line = f"{verdict.verdict.replace('_', ' ')}: {verdict.meaning}"
    if verdict.reason_words:
        line += f" ({verdict.reason_words})"
    cited = cited_summary(site, claim_id)
    return line + "." + (f" Cited source: {cited[0].lower()}{cited[1:]}." if cited else "")


def reader_citation(site: Site, claim: pd.Series) -> str:
    """A citation to paste: the document, its address, the words quoted and the claim id; no curator
    notes, no file paths."""
    source = site.register.loc[claim["source_id"]]
    where = f" {source['url']} (accessed {source['accessed']})." if pd.notna(source.get("url")) and source.get("url") else ""
    return (
        f"{site.citation(claim['source_id'])}{where} Quoted: \u201c{claim['quote']}\u201d (secstats claim {claim['claim_id']})."
    )


def claim_page(
    env: jinja2.Environment,
    site: Site,
    claim: pd.Series,
    neighbours: tuple[str | None, str | None],
    checks: Mapping[str, Mapping[str, pd.DataFrame]],
) -> bytes:
    """One claim: its quote in context, figures, citation, verdict, counterparts, contradictions and uses."""
    claim_id = claim["claim_id"]
    tables, charts = uses_of(site, claim_id)
    verdict_rows = dict(tables).get(VERDICT_TABLE, [None])
    verdict = site.verdict(claim_id)
    return render(
        env,
        "claim.html",
        1,
        site=site,
        claim=claim,
        figure=figure_text(claim),
        period=period_of(claim),
        context=paragraphs_around(site.texts[claim["source_id"]], claim_mark(claim)),
        verdict=verdict,
        verdict_table=VERDICT_TABLE,
        verdict_row=verdict_rows[0],
        citations={f: render_citation(claim_id, claim, site.register.loc[claim["source_id"]], f) for f in CITATION_FORMATS},
        reader_citation=reader_citation(site, claim),
        cited=cited_check(site, claim_id),
        words=words,
        unit_words=UNIT_WORDS,
        number=number,
        candidates=candidate_views(checks["candidates"].get(claim_id, pd.DataFrame()), verdict),
        contradictions=checks["contradictions"].get(claim_id, pd.DataFrame()),
        tables=tables,
        charts=charts,
        previous=neighbours[0],
        next=neighbours[1],
        cell=cell_text,
    )


def claims_index_page(env: jinja2.Environment, site: Site) -> bytes:
    """Every claim, grouped by verdict."""
    groups = [
        (verdict, tone, meaning, site.ledger[[site.verdict(c).verdict == verdict for c in site.ledger["claim_id"]]])
        for verdict, tone, meaning, _ in tone_legend(site, site.ledger)
    ]
    return render(
        env, "claims.html", 1, site=site, groups=groups, figure_text=figure_text, groups_legend=tone_legend(site, site.ledger)
    )


# Columns a reader looks for first, in this order, where a table has them: the row's id, its figure, its verdict.
KEY_COLUMNS = (
    "row_id",
    "claim_id",
    "claim_a",
    "claim_b",
    "value",
    "value_high",
    "claim_value",
    "official_value",
    "verdict",
    "best_value",
)
FACETS = ("verdict", "family", "source_id")  # columns a table page counts and filters by, where present


def column_order(columns: list[str]) -> list[str]:
    """Key columns first (id, value, verdict), then the rest as the table has them."""
    first = [name for name in KEY_COLUMNS if name in columns]
    return first + [name for name in columns if name not in first]


def header_of(name: str, column: object) -> str:
    """A column's heading: the model's title, else its name in words ('claim_value' -> 'Claim value')."""
    title = getattr(column, "title", None)
    return title or name.replace("_", " ").capitalize().replace("Usd", "USD")


def display_cell(value: str, numeric: bool) -> str:
    """A published cell as a reader reads it: numbers with thousands separators and no spurious '.0'."""
    if not numeric or value == "":
        return value
    try:
        return number(float(value))
    except ValueError:
        return value


def years_of(row: pd.Series) -> tuple[int, int] | None:
    """The calendar or fiscal years an official row covers, from whichever period columns it has."""
    for start, end in (("year", "year"), ("fiscal_year", "fiscal_year"), ("fy_start", "fy_end"), ("period_start", "period_end")):
        if start in row.index and str(row[start])[:4].isdigit() and str(row[end])[:4].isdigit():
            return int(str(row[start])[:4]), int(str(row[end])[:4])
    return None


def number_in(cell: str) -> float | None:
    """A cell's number, rounded to 6 significant figures for comparison, or None."""
    try:
        return float(f"{float(cell):.6g}")
    except ValueError:
        return None


def claims_checked_against(name: str, table: pd.DataFrame, reconciliation: pd.DataFrame) -> list[list[str]]:
    """For each row of an official or reported table, the claims the reconciliation set against it: a
    candidate names the table and (in brackets) its series and covers the row's years, or gives the
    row's own figure."""
    found: list[list[str]] = [[] for _ in range(len(table))]
    if reconciliation.empty:
        return found
    spans = [years_of(row) for _, row in table.iterrows()]
    cells = [set(map(str, row)) for row in table.itertuples(index=False)]
    numbers = [{number_in(cell) for cell in row} - {None} for row in cells]
    for candidate in reconciliation.itertuples():
        series = str(candidate.official_series)
        if series.split(" ")[0] != name:
            continue
        inside = series.partition("(")[2].rstrip(")")
        key, _, snapshot = inside.partition(", snapshot ")
        first, last = int(str(candidate.official_period_start)[:4]), int(str(candidate.official_period_end)[:4])
        for position, span in enumerate(spans):
            if span is None or span[0] < first or span[1] > last:
                continue
            if (key and key not in cells[position]) or (snapshot and snapshot not in cells[position]):
                continue
            # A figure without a named series, or of a single row's period, must be one of the row's numbers:
            # a sum or a ratio over unnamed rows cannot say which rows it read, so it links none.
            own = first == last and span == (first, last)
            if (not key or own) and number_in(str(candidate.official_value)) not in numbers[position]:
                continue
            if candidate.claim_id not in found[position]:
                found[position].append(candidate.claim_id)
    return found


def table_page(env: jinja2.Environment, site: Site, name: str) -> bytes:
    """One table as published: description, key columns first under readable headings, numbers
    formatted, facets with counts, a download link; ``tables.js`` filters, sorts and exports."""
    schema = table_schema(name).columns
    table = site.published[name]
    columns = column_order(list(table.columns))
    fields = {column_name: field_of(column_name, column) for column_name, column in schema.items()}
    numeric = [fields[c]["type"] in ("integer", "number") if c in fields else False for c in columns]
    # A year is a name, not a quantity: '2011', never '2,011' (a claim page links to it as ?filter=2011).
    quantities = [is_number and "year" not in c and not c.startswith("fy_") for c, is_number in zip(columns, numeric)]
    rows = [
        [(raw, display_cell(raw, is_quantity)) for raw, is_quantity in zip(row, quantities)]
        for row in table[columns].itertuples(index=False)
    ]
    facets = [
        (column, header_of(column, schema.get(column)), sorted(table[column].value_counts().items()))
        for column in FACETS
        if column in table.columns and 1 < table[column].nunique() < 40
    ]
    checked = claims_checked_against(name, table, site.published.get("reconciliation", pd.DataFrame()))
    lede, _, details = (table_model(name).__doc__ or "").strip().partition("\n\n")
    return render(
        env,
        "table.html",
        1,
        site=site,
        name=name,
        lede=" ".join(lede.split()),
        details=" ".join(details.split()),
        fields=[fields[c] for c in columns if c in fields],
        columns=columns,
        headers=[header_of(c, schema.get(c)) for c in columns],
        numeric=numeric,
        rows=rows,
        facets=facets,
        checked=checked if any(checked) else None,
        claim_columns={"claim_id", "claim_a", "claim_b"},
        source_ids=set(site.register.index),
    )


def cited_counts(site: Site) -> list[tuple[str, int]]:
    """(what the cited-source check found, in words; how many claims) in the check's own order."""
    table = site.tables.get(VERDICT_TABLE)
    if table is None or "cited_check" not in table.columns:
        return []
    counts = table["cited_check"].value_counts()
    return [
        (CITED_WORDS[check][0].lower() + CITED_WORDS[check][1:], int(counts[check])) for check in CITED_WORDS if check in counts
    ]


def index_page(env: jinja2.Environment, site: Site, downloads: list[str], title: str) -> bytes:
    """The front page: what this is, how to cite it, the families and their charts, verdicts, documents, tables."""
    families = [
        (
            family.name,
            family.table.name,
            summary(family.table.name),
            [c for c in site.charts.values() if c.claim_tables == (family.table.name,)],
        )
        for family in FAMILIES
    ]
    overview = [c for c in site.charts.values() if len(c.claim_tables) > 1]
    placed = {c.name for c in overview} | {c.name for family in families for c in family[3]}
    # charts of official series alone (no claim drawn) go with the family whose series they draw
    others = [c for c in site.charts.values() if c.name not in placed]
    documents = [(source_id, int((site.ledger["source_id"] == source_id).sum())) for source_id in site.register.index]
    return render(
        env,
        "index.html",
        0,
        site=site,
        families=families,
        overview=overview,
        others=others,
        documents=documents,
        verdicts=tone_legend(site, site.ledger[site.ledger["claim_id"].isin(site.verdicts)]),
        cited=cited_counts(site),
        tables=[(name, summary(name)) for name in CATALOG],
        downloads=downloads,
        title=title,
        claims=len(site.ledger),
    )


def site_files(
    layout: Layout, tables: Mapping[str, pd.DataFrame], downloads: Mapping[Path, bytes], figures: Mapping[str, bytes]
) -> dict[Path, bytes]:
    """Every file of site/, as {path: bytes}: pages, style, script and copies of the downloads.

    ``tables`` are the build's in-memory tables (verdicts, candidates and claims are read from them);
    ``downloads`` the published files (every CSV, datapackage.json, the data dictionary), which the
    table pages show cell for cell and site/data/ copies."""
    published = {name: published_rows(downloads[layout.clean / f"{name}.csv"]) for name in CATALOG}
    site = Site(
        tables,
        published,
        read_sources(layout).set_index("source_id"),
        document_texts(layout),
        claim_verdicts(tables),
        chart_views(figures),
        read_dismissed(layout),
    )
    title = json.loads(downloads[layout.clean / "datapackage.json"])["title"]
    env = environment()
    out = layout.site
    files = {out / "data" / path.name: data for path, data in sorted(downloads.items())}
    files[out / "index.html"] = index_page(env, site, [path.name for path in sorted(downloads)], title)
    files[out / "claims" / "index.html"] = claims_index_page(env, site)
    files.update(
        {out / "documents" / f"{source_id}.html": document_page(env, site, source_id) for source_id in site.register.index}
    )
    checks = {"candidates": candidates(tables), "contradictions": contradictions_of(tables)}
    for _, claims in site.ledger.groupby("source_id", sort=False):
        ordered = claims.assign(start=claims["quote_start"].astype(int)).sort_values(["start", "claim_id"])
        ids = list(ordered["claim_id"])
        for position, (_, claim) in enumerate(ordered.iterrows()):
            neighbours = (ids[position - 1] if position else None, ids[position + 1] if position + 1 < len(ids) else None)
            files[out / "claims" / f"{claim['claim_id']}.html"] = claim_page(env, site, claim, neighbours, checks)
    files.update({out / "tables" / f"{name}.html": table_page(env, site, name) for name in CATALOG})
    files.update({out / "figures" / name: data for name, data in sorted(figures.items())})
    files.update({out / name: (TEMPLATES / name).read_bytes() for name in STATIC_FILES})
    return files
