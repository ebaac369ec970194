"""Reference files (``data/raw/reference/<dir>/*.csv``) read only after their declared coverage is met.

Each reference directory holds ``declared_coverage.csv``: for every CSV in it, the key that identifies a row,
the first and last year and the number of rows its publisher (``PROVENANCE.md``) says it has, and
where that is said. A file cut short, a year listed twice or a number written with thousands
separators stops the build with one line per problem, before any arithmetic could run on it.
A file with no declaration stops it too: nothing is read without its coverage.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from secstats.csvfiles import read_csv_checked, thousands_separator_problems
from secstats.paths import Layout
from secstats.problems import Problem, raise_if_any

COVERAGE_FILE = "declared_coverage.csv"
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
    if declared["rows"] and len(frame) != int(declared["rows"]):
        problems.append(
            Problem(file, "declared coverage", f"{len(frame)} rows, but {declared['declared_in']} declares {declared['rows']}")
        )
    year = declared["year_column"]
    years = pd.to_numeric(frame[year], errors="coerce") if year else None
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


def read_reference(layout: Layout, name: str, **options: object) -> pd.DataFrame:
    """A reference CSV (``<dir>/<file>`` under data/raw/reference/), read as pandas would, after its
    text, its numbers and its declared coverage are checked."""
    path = layout.reference_dir / name
    file = relative(layout, path)
    declared = declarations(path.parent, layout.root)
    if path.name not in declared:
        raise_if_any(
            [Problem(file, "coverage declared", f"no row for {path.name} in {relative(layout, path.parent / COVERAGE_FILE)}")]
        )
    frame = read_csv_checked(path, file, **options)
    raise_if_any(thousands_separator_problems(frame, file) + coverage_problems(frame, declared[path.name], file))
    return frame
