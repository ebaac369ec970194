"""The cited record: what each source a document cites says about its claims, verified like the ledger.

Two hand-curated files beside the ledger (data/ledger/README.md describes them):

- ``cited_sources.csv``: one row per cited source, consulted or not, with its origin record (publisher,
  title, URL, dates published and accessed, licence) and its status: ``on_record`` (its text was read),
  ``not_public`` or ``not_consulted``;
- ``cited_figures.csv``: one row per claim and cited source: the figure the source states (in its own
  words, which must write the value), or that it states none.

Every build verifies both (``check_cited``): each row against its model, each claim id against the
ledger, each cited source against the sources file, each value against its words. ``cited_check`` then
compares a claim with what its cited sources say, by the same tolerance rule as every other check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from secstats.core.escaping import formula_cells
from secstats.core.paths import Layout
from secstats.core.periods import period_of
from secstats.core.problems import Problem, raise_if_any
from secstats.core.schemas import CitedFigures, CitedSources
from secstats.core.semantics import allowed_interval, figure_interval, intervals_meet, words_of
from secstats.core.validation import read_csv_for, unwritten_values, validate_frame

SOURCES_FILE = "cited_sources.csv"
FIGURES_FILE = "cited_figures.csv"
# cited_check -> what it means, in a few words (docs/verdicts.md is generated from this)
CITED_CHECK_MEANINGS = {
    "agrees": "the cited source states a figure the claim's words allow",
    "differs": "the cited source states another figure for the same thing",
    "not_in_source": "the cited source is on record and does not state the figure (or states only a part, a "
    "whole, an earlier running total or another scope)",
    "source_not_on_record": "the document cites a source whose text is not on record (not consulted yet, or not public)",
    "no_citation": "the document cites no source for the figure",
}
CITED_PRECEDENCE = tuple(CITED_CHECK_MEANINGS)  # with several cited sources, the first that applies wins


@dataclass(frozen=True)
class CitedRecord:
    """The two verified files: sources by id, and figures."""

    sources: pd.DataFrame
    figures: pd.DataFrame


@dataclass(frozen=True)
class CitedCheck:
    """A claim's cited-source check: the word, the cited figure (when one is stated), the source, why."""

    check: str
    value: float | None
    source: str | None
    explanation: str


def empty_record() -> CitedRecord:
    """No cited source on record: every claim with a citation is source_not_on_record."""
    return CitedRecord(
        pd.DataFrame(columns=list(CitedSources.to_schema().columns)).set_index("cited_source_id", drop=False),
        pd.DataFrame(columns=list(CitedFigures.to_schema().columns)),
    )


def check_cited(layout: Layout, known_claims: set[str]) -> CitedRecord:
    """Read and verify the cited record; raise ``BuildError`` listing every problem, else return it typed."""
    folder = layout.ledger.parent
    if not (folder / SOURCES_FILE).exists() and not (folder / FIGURES_FILE).exists():
        return empty_record()  # a project that records no cited source yet (every citation is not on record)
    files = {name: str((folder / name).relative_to(layout.root)) for name in (SOURCES_FILE, FIGURES_FILE)}
    raw_sources = read_csv_for(folder / SOURCES_FILE, CitedSources, files[SOURCES_FILE])
    raw_figures = read_csv_for(folder / FIGURES_FILE, CitedFigures, files[FIGURES_FILE])
    sources, problems = validate_frame(CitedSources, raw_sources, files[SOURCES_FILE])
    figures, found = validate_frame(CitedFigures, raw_figures, files[FIGURES_FILE])
    problems += found + formula_cells(raw_sources, files[SOURCES_FILE]) + formula_cells(raw_figures, files[FIGURES_FILE])
    problems += unwritten_values(raw_figures, files[FIGURES_FILE], "words")
    known_sources = set(raw_sources["cited_source_id"])
    for index, row in raw_figures.iterrows():
        where: dict[str, Any] = {"row": int(index) + 2, "claim_id": row["claim_id"] if isinstance(row["claim_id"], str) else None}
        if row["claim_id"] not in known_claims:
            problems.append(
                Problem(
                    files[FIGURES_FILE], "claim_id in ledger", f"unknown claim {row['claim_id']!r}", column="claim_id", **where
                )
            )
        if row["cited_source_id"] not in known_sources:
            problems.append(
                Problem(
                    files[FIGURES_FILE],
                    "cited_source_id in cited_sources.csv",
                    f"unknown cited source {row['cited_source_id']!r}: add its row to {SOURCES_FILE}",
                    column="cited_source_id",
                    **where,
                )
            )
    raise_if_any(problems)
    return CitedRecord(sources.set_index("cited_source_id", drop=False), figures)


# --- the check --------------------------------------------------------------------------------------


def source_words(source: pd.Series) -> str:
    """'CRS, U.S.-Mexican Security Cooperation (2017-06)'."""
    date = f" ({source['date_published']})" if pd.notna(source["date_published"]) else ""
    return f"{source['publisher']}, {source['title']}{date}"


def compare(claim: pd.Series, figure: pd.Series) -> tuple[str, str]:
    """(cited_check, what the figure is to the claim) for one stated figure of an on-record source."""
    said = (
        f"\u201c{figure['words']}\u201d ({figure['location']})"
        if pd.notna(figure["location"])
        else f"\u201c{figure['words']}\u201d"
    )
    claim_low, claim_high = allowed_interval(**words_of(claim))
    low, high = figure_interval(figure)
    if figure["unit"] != claim["unit"] or figure["relation"] == "other_scope":
        return "not_in_source", f"it states {said}, a figure of another scope or unit: not evidence either way"
    if figure["relation"] == "component":
        if claim_high < low:
            return "differs", f"it states {said} for a part alone, more than the claim allows for the whole"
        return "not_in_source", f"it states {said}, a part of what the claim counts: not a disagreement"
    if figure["relation"] == "total":
        if claim_low > high:
            return "differs", f"it states {said} for the whole, less than the claim allows for a part"
        return "not_in_source", f"it states {said}, the whole the claim is a part of: not a disagreement"
    if pd.notna(figure["cut_off"]) and earlier_cut_off(claim, figure["cut_off"]):
        if claim_high < low:
            return "differs", f"it states {said} by {figure['cut_off']}, more than the claim allows by a later date"
        return "not_in_source", f"it states {said} by {figure['cut_off']}, an earlier cut-off: a lower bound the claim respects"
    if intervals_meet((claim_low, claim_high), (low, high)) or low == high == claim["value"]:
        return "agrees", f"it states {said}, which the claim's words allow"
    return "differs", f"it states {said}, not what the claim's words allow"


def earlier_cut_off(claim: pd.Series, cut_off: str) -> bool:
    """Whether a running total's cut-off day comes before the claim's own cut-off: the claim is itself
    a running total or a stock (a span the curator relates as the same thing is compared as stated)."""
    claim_period = period_of(claim)
    return claim_period.kind in ("to_date", "point") and cut_off < claim_period.last_day.isoformat()


def cited_check(claim: pd.Series, record: CitedRecord) -> CitedCheck:
    """The cited-source check of one ledger claim (precedence: ``CITED_PRECEDENCE``)."""
    rows = record.figures[record.figures["claim_id"] == claim["claim_id"]]
    if pd.isna(claim["cited_source"]) and rows.empty:
        return CitedCheck("no_citation", None, None, "The document cites no source for this figure.")
    if rows.empty:
        return CitedCheck(
            "source_not_on_record",
            None,
            None,
            f"The document cites {claim['cited_source']}; what that source says is not on record yet.",
        )
    found = []
    for _, figure in rows.iterrows():
        source = record.sources.loc[figure["cited_source_id"]]
        name = source_words(source)
        if source["status"] != "on_record":
            reason = "is not public" if source["status"] == "not_public" else "has not been consulted yet"
            found.append(("source_not_on_record", None, name, f"The cited source, {name}, {reason}."))
        elif figure["finding"] == "does_not_state":
            found.append(("not_in_source", None, name, f"The cited source, {name}, was read and does not state this figure."))
        else:
            check, how = compare(claim, figure)
            value = figure["value"] if check in ("agrees", "differs") else None
            found.append((check, value, name, f"The cited source, {name}: {how}."))
    best = min(found, key=lambda item: CITED_PRECEDENCE.index(item[0]))
    return CitedCheck(*best)
