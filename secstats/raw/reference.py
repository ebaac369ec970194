"""Reference files (``data/raw/reference/<dir>/*.csv``) read only after their declared coverage is met.

Each reference directory holds ``declared_coverage.csv``: for every CSV in it, the key that identifies a row,
the first and last year and the number of rows its publisher (``PROVENANCE.md``) says it has, and
where that is said. A file cut short, a year listed twice or a number written with thousands
separators stops the build with one line per problem, before any arithmetic could run on it.
A file with no declaration stops it too: nothing is read without its coverage.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from secstats.core.csvfiles import read_csv_checked, thousands_separator_problems
from secstats.core.paths import Layout
from secstats.core.problems import BuildError, Problem, raise_if_any, shown

COVERAGE_FILE = "declared_coverage.csv"


class OfficialSource(Protocol):
    """What ``read_official`` needs of an official table's spec (``secstats.clean.official.OfficialSpec``)."""

    @property
    def name(self) -> str: ...
    @property
    def files(self) -> tuple[str, ...]: ...
    @property
    def read(self) -> Callable[[Layout], pd.DataFrame]: ...


COVERAGE_COLUMNS = ["file", "key", "year_column", "first_year", "last_year", "rows", "declared_in"]


def relative(layout: Layout, path: Path) -> str:
    """A path as messages name it: relative to the project root."""
    return str(path.relative_to(layout.root))


def declarations(directory: Path, root: Path) -> dict[str, pd.Series]:
    """{file name: its coverage row} from ``directory/declared_coverage.csv``."""
    path = directory / COVERAGE_FILE
    table = read_csv_checked(path, str(path.relative_to(root)), COVERAGE_COLUMNS, dtype=str, keep_default_na=False)
    return {row["file"]: row for _, row in table.iterrows()}


def coverage_problems(frame: pd.DataFrame, declared: pd.Series, file: str) -> list[Problem]:
    """The declared key unique, the declared years first and last, the declared number of rows."""
    problems = []
    key = [name for name in declared["key"].split(";") if name]
    missing = [name for name in [*key, declared["year_column"]] if name and name not in frame.columns]
    if missing:
        return [
            Problem(file, "coverage declared", f"{COVERAGE_FILE} names column {name!r}, which the file lacks", column=name)
            for name in missing
        ]
    if key:
        repeated = frame[frame.duplicated(key, keep="first")]
        problems += [
            Problem(
                file,
                "key unique",
                f"{', '.join(f'{k}={row[k]}' for k in key)} is listed twice",
                row=int(index) + 2,
                column=key[0],
            )
            for index, row in repeated.iterrows()
        ]
    year = declared["year_column"]
    years = pd.to_numeric(frame[year], errors="coerce") if year else None
    if declared["rows"] and len(frame) != int(declared["rows"]):
        problems.append(
            Problem(
                file,
                "declared coverage",
                f"{len(frame)} rows, but {declared['declared_in']} declares {declared['rows']}" + missing_years(years, declared),
            )
        )
    for bound, actual in (
        ("first_year", years.min() if years is not None else None),
        ("last_year", years.max() if years is not None else None),
    ):
        if declared[bound] and actual != int(declared[bound]):
            problems.append(
                Problem(
                    file,
                    "declared coverage",
                    f"{bound.replace('_', ' ')} is {actual}, but {declared['declared_in']} declares {declared[bound]}",
                    column=year,
                )
            )
    return problems


def missing_years(years: pd.Series | None, declared: pd.Series) -> str:
    """'; missing: 1994, 1995' when the declared span has years the file lacks (else nothing)."""
    if years is None or not declared["first_year"] or not declared["last_year"]:
        return ""
    absent = sorted(set(range(int(declared["first_year"]), int(declared["last_year"]) + 1)) - set(years.dropna().astype(int)))
    return f"; missing year(s): {', '.join(map(str, absent))}" if absent else ""


def number_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Cells a column of figures cannot hold, named at the raw file's row (not at a table built from it):
    a cell with no digit at all among numbers ('n/a', 'lots'), and a negative figure among figures that
    are all zero or more. Cells with digits stay: '1976TQ' and '2009-06' are what the publisher wrote."""
    problems = []
    for column in frame.columns:
        cells = frame[column]
        numbers = pd.to_numeric(cells, errors="coerce")
        written = cells.notna() & (cells.astype(str).str.strip() != "")
        if numbers.notna().sum() < 2:
            continue  # not a column of figures
        for index in cells.index[written & numbers.isna() & ~cells.astype(str).str.contains(r"\d")]:
            problems.append(
                Problem(
                    file, "figures are numbers", f"{shown(cells[index])} is not a number", row=int(index) + 2, column=str(column)
                )
            )
        negative = numbers < 0
        if negative.sum() == 1 or (negative.any() and negative.sum() < numbers.notna().sum() / 10):
            for index in cells.index[negative]:
                problems.append(
                    Problem(
                        file,
                        "figures of one sign",
                        f"{cells[index]} is negative, where the column's other figures are not",
                        row=int(index) + 2,
                        column=str(column),
                    )
                )
    return problems


def header_of(path: Path) -> list[str]:
    """A CSV file's column names (its first line), or none when it cannot be read."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return next(csv.reader(stream), [])
    except (OSError, UnicodeDecodeError):
        return []


def read_official(layout: Layout, spec: OfficialSource) -> pd.DataFrame:
    """An official table read from its reference files (``spec.read``); a column the reader asks for
    and a file lacks is named at that file, not as an internal KeyError."""
    try:
        return spec.read(layout)
    except KeyError as error:
        column = error.args[0] if error.args else None
        paths = [layout.reference_dir / name for name in spec.files]
        lacking = [path for path in paths if isinstance(column, str) and column not in header_of(path)]
        if not lacking:
            raise
        raise BuildError(
            [
                Problem(
                    relative(layout, path),
                    "column present",
                    f"no column {column!r}, which the {spec.name} table is read from (the header has: {', '.join(header_of(path))})",
                    row=1,
                    column=column,
                )
                for path in lacking
            ]
        ) from None


def read_reference(layout: Layout, name: str, columns: Sequence[str], **options: Any) -> pd.DataFrame:
    """A reference CSV (``<dir>/<file>`` under data/raw/reference/), read as pandas would, after its
    text, the ``columns`` its reader takes (each missing one named at the file's header), its numbers
    and its declared coverage are checked."""
    path = layout.reference_dir / name
    file = relative(layout, path)
    declared = declarations(path.parent, layout.root)
    if path.name not in declared:
        raise_if_any(
            [Problem(file, "coverage declared", f"no row for {path.name} in {relative(layout, path.parent / COVERAGE_FILE)}")]
        )
    frame = read_csv_checked(path, file, list(columns), **options)
    raise_if_any(
        thousands_separator_problems(frame, file)
        + number_problems(frame, file)
        + coverage_problems(frame, declared[path.name], file)
    )
    return frame
