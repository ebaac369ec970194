"""What a claim's words mean: the interval its qualifier allows, and the months its period covers.

One module for the semantics of a claim, used by the reconciliation (claims against official figures),
the verdicts and the contradiction report (claims against each other), so the three can never read the
same words two ways.

The tolerance rule. A claim's rounding unit is read from how it is written: figures of a million or
more in their scale word ("400 million" is exact to the million, "2.8 billion" to 100 million); below
that, decimals set the unit (2.2 -> 0.1), whole numbers from 1,000 up are rounded to their trailing zeros
(64,000 -> 1,000) and smaller whole numbers are exact to the unit. Then:

- exact: half the rounding unit either side;
- approximate ("close to", "some", "about"): 10 percent of the claim either side (or half the rounding
  unit, if larger);
- more_than / at_least: from the claim up ("more than" excludes the bound); less_than: below the claim;
- range: between the bounds, each widened by half its rounding unit.

Periods. The ledger writes periods as ``YYYY`` or ``YYYY-MM``; a bare start year means its January and a
bare end year its December. Months are counted as integers (year * 12 + month - 1) so that periods can
be compared, intersected and measured without date arithmetic.
"""

from __future__ import annotations

import math

import pandas as pd

SCALE_WORDS = (1e12, 1e9, 1e6)  # trillion, billion, million
UNIT_WORDS = {"percent": "{}%", "usd": "USD {}", "per_100000": "{} per 100,000", "times": "{} times"}
APPROXIMATE_MARGIN = 0.10  # "close to", "some", "about": within 10 percent of the stated value


# --- the tolerance rule ---------------------------------------------------------------------------


def rounding_unit(value: float) -> float:
    """The unit a stated number is rounded to, read from how documents write it (see the module doc)."""
    magnitude = abs(value)
    for scale in SCALE_WORDS:
        if magnitude >= scale:
            return scale * rounding_unit(value / scale)
    if value != int(value):
        return 10.0 ** -len(repr(float(value)).split(".")[1])
    whole, unit = int(magnitude), 1
    if whole < 1000:
        return 1.0
    while whole % 10 == 0:
        whole, unit = whole // 10, unit * 10
    return float(unit)


def allowed_interval(qualifier: str, value: float, value_high: float | None = None) -> tuple[float, float]:
    """The interval of true values a claim's words allow: the tolerance rule, written once."""
    half = rounding_unit(value) / 2
    if qualifier == "exact":
        return value - half, value + half
    if qualifier == "approximate":
        margin = max(half, APPROXIMATE_MARGIN * abs(value))
        return value - margin, value + margin
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier == "less_than":
        return -math.inf, value
    if qualifier == "range" and value_high is not None and not math.isnan(value_high):
        return value - half, value_high + rounding_unit(value_high) / 2
    raise ValueError(f"no tolerance rule for qualifier {qualifier!r} (value_high {value_high!r})")


def allows(qualifier: str, value: float, value_high: float | None, official: float) -> bool:
    """Whether the claim's words allow ``official`` as the true value ("more/less than" exclude the bound)."""
    low, high = allowed_interval(qualifier, value, value_high)
    above = official > low if qualifier == "more_than" else official >= low
    below = official < high if qualifier == "less_than" else official <= high
    return above and below


def rule_text(qualifier: str, value: float, value_high: float | None) -> tuple[float, str]:
    """(tolerance, the rule in words with its numbers) for a claim: what ``allows`` checks."""
    low, high = allowed_interval(qualifier, value, value_high)
    if qualifier in ("exact", "approximate"):
        tolerance = (high - low) / 2
        suffix = " (10% of claim)" if qualifier == "approximate" and tolerance > rounding_unit(value) / 2 else ""
        return tolerance, f"|official - claim| <= {tolerance:g}{suffix}"
    if qualifier == "range":
        return rounding_unit(value) / 2, f"{low:g} <= official <= {high:g}"
    sign = {"more_than": ">", "at_least": ">=", "less_than": "<"}[qualifier]
    return 0.0, f"official {sign} claim"


def amount(value: float, unit: str) -> str:
    """A value as a reader writes it: '211', '70.3%', 'USD 400,000,000'."""
    return UNIT_WORDS.get(unit, "{}").format(f"{value:,.10g}")


def stated(qualifier: str, value: float, value_high: float | None, unit: str) -> str:
    """A claim's words in short, qualifier first: 'exact 211', 'more than 30,000', 'range 8 to 10'."""
    words = qualifier.replace("_", " ")
    if value_high is not None and not pd.isna(value_high):
        return f"{words} {amount(value, unit)} to {amount(value_high, unit)}"
    return f"{words} {amount(value, unit)}"


def intervals_meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two allowed intervals share more than a boundary: two claims that could both be true.

    Intervals that only touch at a rounding boundary do not meet: "three units" and "two units", each
    exact to the unit, are different counts, though 2.5 lies at the edge of both intervals.
    """
    return a[0] < b[1] and b[0] < a[1]


# --- periods --------------------------------------------------------------------------------------


def month_index(period: str, end: bool = False) -> int:
    """'2006' -> January 2006 (or December, for an end); '2020-02' -> February 2020; as year*12+month-1."""
    year = int(period[:4])
    month = int(period[5:7]) if len(period) >= 7 else (12 if end else 1)
    return year * 12 + month - 1


def month_text(index: int) -> str:
    """The inverse of ``month_index``: 'YYYY-MM'."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def period_months(start: str, end: str) -> tuple[int, int]:
    """A period's first and last month as integers (inclusive)."""
    return month_index(start), month_index(end, end=True)


def period_bounds(start: pd.Series, end: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Periods as comparable 'YYYY-MM' strings: a bare start year means January, a bare end year December."""
    start_month = start.where(start.str.len() != 4, start + "-01")
    end_month = end.where(end.str.len() != 4, end + "-12")
    return start_month, end_month


def overlap_share(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Months two periods share, as a share of the months either covers (1 for the same period)."""
    shared = min(a[1], b[1]) - max(a[0], b[0]) + 1
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return max(shared, 0) / union


def gap_months(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Months between two periods that do not overlap (0 when they touch or overlap)."""
    return max(b[0] - a[1] - 1, a[0] - b[1] - 1, 0)


def describe_period(months: tuple[int, int]) -> str:
    """'2006-2012' for whole calendar years, '2020-01 to 2020-02' otherwise, '2018' for one year."""
    first, last = months
    if first % 12 == 0 and last % 12 == 11:
        return f"{first // 12}" if first // 12 == last // 12 else f"{first // 12}-{last // 12}"
    return f"{month_text(first)} to {month_text(last)}"
