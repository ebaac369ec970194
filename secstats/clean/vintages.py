"""The record as it stood: official figures with the date each was published (their vintages).

``data/raw/reference/vintages/published_figures.csv`` (origin in data/raw/origins.csv, pinned by its
folder's SHA256SUMS) holds one row per published figure of an official series: first releases,
revisions, press reports of them (kind ``reported``) and non-official estimates (kind ``estimate``).
Each is verified at build like the ledger: its value written in its recorded words, its series an
official table, its measure one that ``secstats.clean.families.VINTAGE_MEASURES`` maps to a ledger measure.

A claim is judged first against the figure of the day (``figure_of_the_day``): for each series that
speaks to its measure, the latest figure for its geography and period published on or before its
document's date (official releases before press reports of them; an estimate only when nothing else
was published, and then never deciding the verdict alone); the series whose figure of the day the
claim's words allow, else the most recently published. A later figure of the same series for the same
period is a revision, shown beside it. A figure is read with its ``qualifier`` as its words give it
("almost $2.8 billion" is at or a little below 2.8 billion, "more than $1.6 billion" from 1.6 billion up):
a claim agrees with it when what the two sets of words allow can both be true
(``secstats.core.semantics.both_true``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from secstats.core.escaping import formula_cells
from secstats.core.paths import Layout
from secstats.core.periods import Period, on_or_before
from secstats.core.problems import Problem, raise_if_any
from secstats.core.schemas import FIGURE_KINDS, PublishedFigures
from secstats.core.validation import read_csv_for, unwritten_values, validate_frame

VINTAGES_FILE = "vintages/published_figures.csv"
AUTHORITY = tuple(FIGURE_KINDS)  # official before reported (the press's report of it) before estimate


@dataclass(frozen=True)
class Vintages:
    """The figure of the day for a claim, and the latest figure for its period when that was revised."""

    day: pd.Series | None
    latest: pd.Series | None


def check_vintages(layout: Layout, series_names: Collection[str], measures: Mapping[str, Collection[str]]) -> pd.DataFrame:
    """Read and verify the published figures; raise ``BuildError`` listing every problem. No file: none."""
    path = layout.reference_dir / VINTAGES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=list(PublishedFigures.to_schema().columns))
    file = str(path.relative_to(layout.root))
    raw = read_csv_for(path, PublishedFigures, file)
    known = {vintage for names in measures.values() for vintage in names}
    table, problems = validate_frame(PublishedFigures, raw, file)
    problems += formula_cells(raw, file) + unwritten_values(raw, file, "words", ("value",))
    for index, row in raw.iterrows():
        if row["series"] not in series_names:
            problems.append(
                Problem(
                    file, "series an official table", f"unknown series {row['series']!r}", row=int(index) + 2, column="series"
                )
            )
        if row["measure"] not in known:
            problems.append(
                Problem(
                    file,
                    "measure mapped to the ledger",
                    f"{row['measure']!r} is not in VINTAGE_MEASURES (secstats/clean/families.py): say which ledger measure it speaks to",
                    row=int(index) + 2,
                    column="measure",
                )
            )
    raise_if_any(problems)
    return table


def same_period(row: pd.Series, claim: Period) -> bool:
    """Whether a published figure covers exactly the claim's days."""
    period = Period(row["period_start"], row["period_end"], row["year_basis"])
    return (period.first_day, period.last_day) == (claim.first_day, claim.last_day)


def published_for(claim: pd.Series, vintages: pd.DataFrame, measures: Collection[str]) -> pd.DataFrame:
    """Every published figure of ``measures`` for the claim's geography, unit and period, oldest first."""
    period = Period(claim["period_start"], claim["period_end"], claim["year_basis"])
    rows = vintages[
        vintages["measure"].isin(list(measures))
        & (vintages["geography"] == claim["geography"])
        & (vintages["unit"] == claim["unit"])
        & (vintages["year_basis"] == claim["year_basis"])
    ]
    rows = rows[pd.Series([same_period(row, period) for _, row in rows.iterrows()], index=rows.index, dtype=bool)]
    return rows.assign(authority=rows["kind"].map(AUTHORITY.index)).sort_values(["published", "authority"], kind="stable")


def of_one_series(rows: pd.DataFrame, document_date: str) -> Vintages:
    """The figure of the day of one series' figures for a period, and its later revision."""
    before = rows[rows["published"].map(lambda published: on_or_before(published, document_date))]
    if before.empty:
        return Vintages(None, None)
    decisive = before[before["kind"] != "estimate"]
    pool = decisive if len(decisive) else before
    day = pool.sort_values(["published", "authority"], ascending=[False, True], kind="stable").iloc[0]
    later = rows[(rows["kind"] != "estimate") & (rows["published"] > day["published"])]
    latest = later.iloc[-1] if len(later) and later.iloc[-1]["value"] != day["value"] else None
    return Vintages(day, latest)


def figure_of_the_day(
    claim: pd.Series, vintages: pd.DataFrame, document_date: str, measures: Collection[str], allows: Callable[[pd.Series], bool]
) -> Vintages:
    """The figure of the day (see the module doc): of the series whose figure (a row, read with its
    qualifier) the claim's words ``allows``, else of the series published most recently before the document."""
    rows = published_for(claim, vintages, measures)
    found = [of_one_series(group, document_date) for _, group in rows.groupby("measure", sort=True)]
    found = [vintages for vintages in found if vintages.day is not None]
    if not found:
        return Vintages(None, None)
    allowed = [vintages for vintages in found if allows(vintages.day)]
    return (allowed or sorted(found, key=lambda vintages: vintages.day["published"], reverse=True))[0]
