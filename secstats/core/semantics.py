"""What a claim's words mean: the interval of true values its words allow.

One module for the semantics of a claim, used by the reconciliation (claims against official figures),
the cited-source check, the verdicts and the contradiction report (claims against each other), so they
can never read the same words two ways.

The tolerance rule. A claim's rounding unit is read from how it is written: figures of a million or
more in their scale word ("400 million" is exact to the million, "2.8 billion" to 100 million); below
that, decimals set the unit (2.2 -> 0.1), whole numbers from 1,000 up are rounded to their trailing zeros
(64,000 -> 1,000) and smaller whole numbers are exact to the unit. A round number is never read coarser
than its first two digits (``SIGNIFICANT_DIGITS``): "a hundred thousand" is 100,000 to the 10,000
(95,000 to 105,000), not to the 100,000 (which would allow 50 percent either side). Then:

- exact: half the rounding unit either side; a whole percentage allows the figure it was rounded or
  truncated from (70 percent: 69.5 up to 71, since writers state 70.6% as "70 percent");
- approximate: 10 percent of the claim (``APPROXIMATE_MARGIN``), or for a percentage
  ``APPROXIMATE_POINTS`` percentage points, or half the rounding unit if larger; on both sides for
  "some", "about", "around"; at or just below the figure for "close to", "nearly", "almost"
  (``CEILING_CUES``: the true value is the claim or a little less, up to half its rounding unit above);
- more_than / at_least: from the claim up ("more than" excludes the bound); less_than: below the claim;
- range: between the bounds, each widened by half its rounding unit.

Periods are described once, in ``secstats.core.periods``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

SCALE_WORDS = (1e12, 1e9, 1e6)  # trillion, billion, million
UNIT_WORDS = {"percent": "{}%", "usd": "USD {}", "per_100000": "{} per 100,000", "times": "{} times"}
APPROXIMATE_MARGIN = 0.10  # "some", "about": within 10 percent of the stated value
APPROXIMATE_POINTS = 2.0  # ... or, for a percentage, within 2 percentage points
SIGNIFICANT_DIGITS = 2  # a round number is read to at least its first two digits
CEILING_CUES = re.compile(r"\b(close to|nearly|almost)\b", re.IGNORECASE)  # the figure is a ceiling
POINTS_UNITS = ("percent",)  # compared in percentage points, never relative to the figure


# --- the tolerance rule ---------------------------------------------------------------------------


def rounding_unit(value: float) -> float:
    """The unit a stated number is rounded to, read from how documents write it (see the module doc)."""
    magnitude = abs(value)
    for scale in SCALE_WORDS:
        if magnitude >= scale:
            return min(scale * rounding_unit(value / scale), finest_round(magnitude))
    if value != int(value):
        return 10.0 ** -len(repr(float(value)).split(".")[1])
    whole, unit = int(magnitude), 1
    if whole < 1000:
        return 1.0
    while whole % 10 == 0:
        whole, unit = whole // 10, unit * 10
    return float(min(unit, finest_round(magnitude)))


def finest_round(magnitude: float) -> float:
    """The coarsest unit a round number may be read to: the place of its SIGNIFICANT_DIGITS-th digit."""
    return 10.0 ** max(len(str(int(magnitude))) - SIGNIFICANT_DIGITS, 0)


def ceiling_cue(quote: object) -> bool:
    """Whether the words put the figure as a ceiling ("close to", "nearly", "almost")."""
    return isinstance(quote, str) and bool(CEILING_CUES.search(quote))


def allowed_interval(
    qualifier: str, value: float, value_high: float | None = None, unit: str = "count", ceiling: bool = False
) -> tuple[float, float]:
    """The interval of true values a claim's words allow: the tolerance rule, written once.

    ``ceiling`` is True when the words are "close to", "nearly" or "almost" (``ceiling_cue``)."""
    half = rounding_unit(value) / 2
    points = unit in POINTS_UNITS
    if qualifier == "exact":
        whole_share = points and value == int(value)
        return value - half, value + (2 * half if whole_share else half)
    if qualifier == "approximate":
        margin = max(half, APPROXIMATE_POINTS if points else APPROXIMATE_MARGIN * abs(value))
        return value - margin, value + (half if ceiling else margin)
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier == "less_than":
        return -math.inf, value
    if qualifier == "range" and value_high is not None and not math.isnan(value_high):
        return value - half, value_high + rounding_unit(value_high) / 2
    raise ValueError(f"no tolerance rule for qualifier {qualifier!r} (value_high {value_high!r})")


def words_of(claim: object) -> dict:
    """The arguments of the tolerance rule read from a record with qualifier, value, value_high, unit
    and (when there is one) quote: ``allowed_interval(**words_of(claim))``."""
    get = claim.get if hasattr(claim, "get") else lambda name, default=None: getattr(claim, name, default)
    high = get("value_high")
    return {
        "qualifier": get("qualifier"),
        "value": get("value"),
        "value_high": None if high is None or pd.isna(high) else high,
        "unit": get("unit", "count"),
        "ceiling": ceiling_cue(get("quote")),
    }


def allows(
    qualifier: str, value: float, value_high: float | None, official: float, unit: str = "count", ceiling: bool = False
) -> bool:
    """Whether the claim's words allow ``official`` as the true value ("more/less than" exclude the bound)."""
    low, high = allowed_interval(qualifier, value, value_high, unit, ceiling)
    above = official > low if qualifier == "more_than" else official >= low
    below = official < high if qualifier == "less_than" else official <= high
    return above and below


def rule_text(
    qualifier: str, value: float, value_high: float | None, unit: str = "count", ceiling: bool = False
) -> tuple[float, str]:
    """(tolerance, the rule in words with its numbers) for a claim: what ``allows`` checks."""
    low, high = allowed_interval(qualifier, value, value_high, unit, ceiling)
    if qualifier in ("exact", "approximate") and high - value == value - low:
        tolerance = high - value
        suffix = (
            " (10% of claim)"
            if qualifier == "approximate" and unit not in POINTS_UNITS and tolerance > rounding_unit(value) / 2
            else ""
        )
        return tolerance, f"|official - claim| <= {tolerance:g}{suffix}"
    if qualifier == "range":
        return rounding_unit(value) / 2, f"{low:g} <= official <= {high:g}"
    if qualifier in ("exact", "approximate"):
        return max(high - value, value - low), f"{low:g} <= official <= {high:g}"
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


def said_with(qualifier: str, value: float, unit: str, words: object = None) -> str:
    """A source's figure as its words bound it: '12', 'more than 15%', 'about 20,000', or with the ceiling
    cue its words use ('almost USD 2,800,000,000')."""
    cue = CEILING_CUES.search(words) if isinstance(words, str) and qualifier == "approximate" else None
    said = {"exact": "", "approximate": "about "}.get(qualifier, qualifier.replace("_", " ") + " ")
    return f"{cue.group(0).lower() + ' ' if cue else said}{amount(value, unit)}"


def intervals_meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two allowed intervals share more than a boundary: two claims that could both be true.

    Intervals that only touch at a rounding boundary do not meet: "three units" and "two units", each
    exact to the unit, are different counts, though 2.5 lies at the edge of both intervals.
    """
    return a[0] < b[1] and b[0] < a[1]


def figure_interval(figure: object) -> tuple[float, float]:
    """The interval a source's figure allows, read from its own words (a record with qualifier, value,
    unit and ``words``) by the same tolerance rule: "almost $2.8 billion" is not exactly 2.8 billion."""
    get = figure.get if hasattr(figure, "get") else lambda name, default=None: getattr(figure, name, default)
    return allowed_interval(**{**words_of(figure), "ceiling": ceiling_cue(get("words"))})


def both_true(claim: object, figure: object) -> bool:
    """Whether a claim's words and a source's words about the same figure can both be true: the
    intervals they allow meet (``intervals_meet``)."""
    return intervals_meet(allowed_interval(**words_of(claim)), figure_interval(figure))
