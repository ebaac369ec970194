"""What a claim's words mean: tolerance intervals, period months and the words used for both.

Made-up round numbers only. These tests pin the exact intervals, months and phrases, so that a flipped
sign, an off-by-one month or a dropped qualifier in secstats.core.semantics fails here.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from secstats.core.periods import (
    describe_period,
    gap_months,
    month_index,
    month_text,
    overlap_share,
    period_bounds,
    period_months,
)
from secstats.core.semantics import allowed_interval, allows, amount, ceiling_cue, intervals_meet, rule_text, stated


@pytest.mark.parametrize(
    "qualifier, value, high, interval",
    [
        ("exact", 5000, None, (4950, 5050)),  # a round number is read to its first two digits
        ("approximate", 1200, None, (1080, 1320)),
        ("approximate", 5, None, (4.5, 5.5)),  # half the rounding unit is larger than 10 percent
        ("more_than", 500, None, (500, math.inf)),
        ("at_least", 500, None, (500, math.inf)),
        ("less_than", 500, None, (-math.inf, 500)),
        ("range", 10, 20, (9.5, 20.5)),
    ],
)
def test_allowed_interval(qualifier: str, value: float, high: float | None, interval: tuple[float, float]) -> None:
    low, top = allowed_interval(qualifier, value, high)
    assert (low, top) == pytest.approx(interval)


@pytest.mark.parametrize("qualifier, high", [("range", None), ("range", float("nan")), ("roughly", None)])
def test_a_qualifier_without_a_rule_is_an_error_that_names_it(qualifier: str, high: float | None) -> None:
    with pytest.raises(ValueError, match=f"qualifier '{qualifier}'"):
        allowed_interval(qualifier, 10, high)


def test_allows_at_each_edge() -> None:
    assert allows("exact", 5000, None, 5050) and not allows("exact", 5000, None, 5050.5)
    assert allows("exact", 5000, None, 4950) and not allows("exact", 5000, None, 4949.5)
    assert allows("less_than", 500, None, 499) and not allows("less_than", 500, None, 500)
    assert allows("range", 10, 20, 9.5) and not allows("range", 10, 20, 9.4)


@pytest.mark.parametrize(
    "qualifier, value, high, tolerance, rule",
    [
        ("exact", 5000, None, 50, "|official - claim| <= 50"),
        ("approximate", 1200, None, 120, "|official - claim| <= 120 (10% of claim)"),
        ("approximate", 5, None, 0.5, "|official - claim| <= 0.5"),
        ("range", 10, 20, 0.5, "9.5 <= official <= 20.5"),
        ("more_than", 500, None, 0, "official > claim"),
        ("at_least", 500, None, 0, "official >= claim"),
        ("less_than", 500, None, 0, "official < claim"),
    ],
)
def test_rule_text_says_the_rule_with_its_numbers(
    qualifier: str, value: float, high: float | None, tolerance: float, rule: str
) -> None:
    assert rule_text(qualifier, value, high) == (pytest.approx(tolerance), rule)


def test_intervals_meet_only_when_they_share_more_than_an_edge() -> None:
    assert intervals_meet((0, 10), (5, 15)) and intervals_meet((5, 15), (0, 10))
    assert not intervals_meet((0, 10), (10, 20)) and not intervals_meet((10, 20), (0, 10))
    assert not intervals_meet((0, 1), (2, 3))


def test_months_of_a_period() -> None:
    assert period_months("2010", "2011") == (2010 * 12, 2011 * 12 + 11)
    assert month_index("2010-12") == 2010 * 12 + 11 and month_index("2010-01") == 2010 * 12
    assert month_index("2010", end=True) == 2010 * 12 + 11
    assert month_text(2010 * 12 + 11) == "2010-12" and month_text(2010 * 12) == "2010-01"


def test_period_bounds_fill_bare_years() -> None:
    start, end = period_bounds(pd.Series(["2010", "2010-03"]), pd.Series(["2011", "2011-04"]))
    assert list(start) == ["2010-01", "2010-03"] and list(end) == ["2011-12", "2011-04"]


def test_overlap_share_and_gap() -> None:
    ten_years, last_five = period_months("2000", "2009"), period_months("2005", "2009")
    assert overlap_share(ten_years, last_five) == 0.5 and overlap_share(last_five, ten_years) == 0.5
    assert overlap_share(ten_years, ten_years) == 1
    assert overlap_share(period_months("2000", "2000"), period_months("2002", "2002")) == 0
    assert gap_months(period_months("2000", "2000"), period_months("2001", "2001")) == 0
    assert gap_months(period_months("2000", "2000"), period_months("2002", "2002")) == 12
    assert gap_months(period_months("2002", "2002"), period_months("2000", "2000")) == 12
    assert gap_months(ten_years, last_five) == 0


def test_describe_period() -> None:
    assert describe_period(period_months("2010", "2010")) == "2010"
    assert describe_period(period_months("2010", "2012")) == "2010-2012"
    assert describe_period(period_months("2010-02", "2010-03")) == "2010-02 to 2010-03"
    assert describe_period(period_months("2010-01", "2010-11")) == "2010-01 to 2010-11"


def test_claims_in_words() -> None:
    assert amount(1234567, "count") == "1,234,567" and amount(70.5, "percent") == "70.5%"
    assert amount(4e8, "usd") == "USD 400,000,000" and amount(8.1, "per_100000") == "8.1 per 100,000"
    assert amount(3, "times") == "3 times"
    assert stated("more_than", 30000, None, "count") == "more than 30,000"
    assert stated("range", 8, 10, "percent") == "range 8% to 10%"
    assert stated("exact", 8, float("nan"), "count") == "exact 8"


def test_rounding_unit_at_the_thresholds() -> None:
    from secstats.core.semantics import rounding_unit

    assert rounding_unit(999) == 1 and rounding_unit(1000) == 100 and rounding_unit(1001) == 1
    assert rounding_unit(64_000) == 1000 and rounding_unit(2_000_000) == 100_000 and rounding_unit(2.5e9) == 1e8


def test_a_round_number_is_read_to_its_first_two_digits() -> None:
    # "a hundred thousand", exact, is 95,000 to 105,000: not 50,000 to 150,000 (its trailing zeros alone)
    assert allows("exact", 100_000, None, 104_000) and not allows("exact", 100_000, None, 107_000)
    assert allowed_interval("exact", 250_000) == (245_000, 255_000)


def test_close_to_nearly_almost_are_ceilings_and_some_about_either_side() -> None:
    # "close to 1,000": the true figure is 1,000 or a little less; "some 1,000": either side
    assert allowed_interval("approximate", 1000, ceiling=True) == (900, 1050)  # up to half its rounding unit above
    assert allowed_interval("approximate", 1000) == (900, 1100)
    assert not allows("approximate", 1000, None, 1060, ceiling=True) and allows("approximate", 1000, None, 1060)
    assert ceiling_cue("claiming close to 1,000 lives") and ceiling_cue("nearly 10") and ceiling_cue("almost USD$5 billion")
    assert not ceiling_cue("some 1,000 homicides") and not ceiling_cue("about 10")


def test_percentages_are_bounded_in_points() -> None:
    # a whole percentage allows the figure it was rounded or truncated from; "about" is 2 points, not 10% of it
    assert allowed_interval("exact", 40, unit="percent") == (39.5, 41)
    assert allows("exact", 40, None, 40.6, unit="percent") and not allows("exact", 40, None, 41.2, unit="percent")
    assert allowed_interval("approximate", 40, unit="percent") == (38, 42)
    assert allowed_interval("exact", 40.5, unit="percent") == (40.45, 40.55)
