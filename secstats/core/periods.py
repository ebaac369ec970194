"""Periods: the one description of the time a figure refers to, for the whole package.

A period is written as the ledger and the reference files write it: a start and an end, each ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD`` (a bare start year means its first month, a bare end year its last). It
has a **basis**, calendar years or U.S. federal fiscal years (fiscal year N runs from 1 October of N-1
to 30 September of N: ``FISCAL_YEAR_START_MONTH``, stated here and nowhere else), and a **kind**:

- ``span``: a flow over the whole period (a year, a term, FY2008-FY2017);
- ``to_date``: a running total from the start to a cut-off day, the end ("by February 2020, 30 in all");
- ``point``: a stock as of a date (the end), or an undated state of things.

Two periods are compared in months of their own basis (``months``): a claim and a series of the same
basis need no conversion, and whole years stay whole. Days matter only at a cut-off: a count to 9
February is not a count to the end of February (``ends_before``), so a running total to an earlier
cut-off is a lower bound of a later one, never a figure for the same period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

FISCAL_YEAR_START_MONTH = 10  # U.S. federal fiscal year N runs from October of N-1 to September of N
BASES = ("calendar", "fiscal")
KINDS = ("span", "to_date", "point")
PRECISIONS = {4: "year", 7: "month", 10: "day"}  # length of the written form -> its precision
WRITTEN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
Months = tuple[int, int]


# --- one written moment ---------------------------------------------------------------------------


def is_written(text: object) -> bool:
    """Whether a cell is a period bound as the package writes one: YYYY, YYYY-MM or YYYY-MM-DD."""
    return isinstance(text, str) and bool(WRITTEN.match(text))


def precision(text: str) -> str:
    """'year', 'month' or 'day': how precisely a written bound is known."""
    return PRECISIONS[len(text)]


def month_index(text: str, end: bool = False) -> int:
    """'2006' -> January 2006 (or December, for an end); '2020-02' or '2020-02-09' -> February 2020;
    as year * 12 + month - 1, in the text's own basis."""
    year = int(text[:4])
    month = int(text[5:7]) if len(text) >= 7 else (12 if end else 1)
    return year * 12 + month - 1


def month_text(index: int) -> str:
    """The inverse of ``month_index``: 'YYYY-MM'."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def day(text: str, basis: str = "calendar", end: bool = False) -> date:
    """The first (or, for an end, the last) calendar day a written bound can mean; a fiscal year
    starts on 1 October of the year before."""
    year = int(text[:4])
    if len(text) == 4:
        if basis == "fiscal":
            return date(year, FISCAL_YEAR_START_MONTH - 1, 30) if end else date(year - 1, FISCAL_YEAR_START_MONTH, 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = int(text[5:7])
    if len(text) == 7:
        return date(year, month, calendar.monthrange(year, month)[1]) if end else date(year, month, 1)
    return date(year, month, int(text[8:10]))


def on_or_before(earlier: str, later: str) -> bool:
    """Whether a dated event (``earlier``) can have happened on or before ``later``, compared at the
    coarser precision of the two: a release of 2019-01 is on or before a paper of 2019."""
    width = min(len(earlier), len(later))
    return earlier[:width] <= later[:width]


# --- a period -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A period as written, with its basis and kind (see the module doc)."""

    start: str
    end: str
    basis: str = "calendar"
    kind: str = "span"

    @property
    def months(self) -> Months:
        """First and last month, inclusive, in the period's own basis."""
        return month_index(self.start), month_index(self.end, end=True)

    @property
    def first_day(self) -> date:
        return day(self.start, self.basis)

    @property
    def last_day(self) -> date:
        """The last day covered: for a running total or a stock, its cut-off."""
        return day(self.end, self.basis, end=True)

    def contains(self, other: Period) -> bool:
        """Whether every day of ``other`` lies inside this period."""
        return self.first_day <= other.first_day and other.last_day <= self.last_day

    def ends_before(self, other: Period) -> bool:
        """Whether this period's last day comes before ``other``'s: a count to an earlier cut-off."""
        return self.last_day < other.last_day

    def words(self) -> str:
        """'2018', 'FY2008-FY2017', '2020-01 to 2020-02'; a running total 'to 2020-02-09', a stock 'as of ...'."""
        written = describe(self.start, self.end, self.basis == "fiscal")
        if self.kind == "to_date":
            return f"{self.start} to {self.end} (running total)" if self.start != self.end else f"to {self.end}"
        if self.kind == "point" and self.start == self.end and len(self.end) > 4:
            return f"as of {self.end}"
        return written


def describe(start: str, end: str, fiscal: bool = False) -> str:
    """'2018', '2001-2006', '2020-01 to 2020-02'; 'FY' before fiscal years."""
    prefix = "FY" if fiscal else ""
    if start == end:
        return f"{prefix}{start}"
    return f"{prefix}{start}-{prefix}{end}" if len(start) == 4 == len(end) else f"{start} to {end}"


def period_of(row: object, prefix: str = "") -> Period:
    """The Period of a record with ``<prefix>period_start``, ``<prefix>period_end`` and ``year_basis``
    (and ``period_type``, read as its kind: calendar and fiscal years are spans)."""
    get = row.get if hasattr(row, "get") else lambda name, default=None: getattr(row, name, default)
    kind = get("period_type", "span")
    return Period(
        get(f"{prefix}period_start"),
        get(f"{prefix}period_end"),
        get("year_basis", "calendar") or "calendar",
        kind if kind in KINDS else "span",
    )


# --- months, for matching periods of one basis ----------------------------------------------------


def period_months(start: str, end: str) -> Months:
    """A period's first and last month as integers (inclusive)."""
    return month_index(start), month_index(end, end=True)


def period_bounds(start: pd.Series, end: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Periods as comparable 'YYYY-MM' strings: a bare start year means January, a bare end year December."""
    start_month = start.where(start.str.len() != 4, start + "-01")
    end_month = end.where(end.str.len() != 4, end + "-12")
    return start_month, end_month


def overlap_share(a: Months, b: Months) -> float:
    """Months two periods share, as a share of the months either covers (1 for the same period)."""
    shared = min(a[1], b[1]) - max(a[0], b[0]) + 1
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return max(shared, 0) / union


def gap_months(a: Months, b: Months) -> int:
    """Months between two periods that do not overlap (0 when they touch or overlap)."""
    return max(b[0] - a[1] - 1, a[0] - b[1] - 1, 0)


def describe_period(months: Months) -> str:
    """'2006-2012' for whole years, '2020-01 to 2020-02' otherwise, '2018' for one year."""
    first, last = months
    if first % 12 == 0 and last % 12 == 11:
        return f"{first // 12}" if first // 12 == last // 12 else f"{first // 12}-{last // 12}"
    return f"{month_text(first)} to {month_text(last)}"


def period_strings(months: Months) -> tuple[str, str]:
    """Months as ledger-style start and end: 'YYYY' for whole years, else 'YYYY-MM'."""
    first, last = months
    if first % 12 == 0 and last % 12 == 11:
        return f"{first // 12}", f"{last // 12}"
    return month_text(first), month_text(last)
