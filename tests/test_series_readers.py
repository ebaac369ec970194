"""The series readers (secstats.clean.series), each on a small made-up official table.

Every value here is invented: the tests check how a reader picks, groups and derives figures, not
what any publisher says.
"""

from __future__ import annotations

import pandas as pd
import pytest

from secstats.clean.series import (
    NoCounterpart,
    OfficialSeries,
    endpoint_change,
    extraditions,
    firearms_origin,
    homicide_series,
    merida,
    overdose,
    year_months,
)


def claim(geography: str = "mexico", start: str = "2010", end: str = "2011") -> pd.Series:
    """The fields of a claim the readers look at."""
    return pd.Series({"geography": geography, "period_start": start, "period_end": end, "measure": "m"})


def by_name(found: list[OfficialSeries]) -> dict[str, OfficialSeries]:
    return {series.name: series for series in found}


def values(series: OfficialSeries) -> list[tuple[tuple[int, int], float]]:
    return [(o.months, o.value) for o in series.observations]


HOMICIDES = {
    "official_mexico_homicides": pd.DataFrame(
        {
            "series": ["deaths", "deaths", "deaths", "victims"],
            "year": [2010, 2011, 2012, 2010],
            "months_covered": [12, 12, 6, 12],  # a half year is no annual figure
            "homicides": [100, 120, 50, 90],
            "rate_per_100k": [1.5, 1.75, None, 1.25],
            "source": ["pub A", "pub A", "pub A", "pub B"],
        }
    ),
    "official_mexico_homicide_vintages": pd.DataFrame(
        {
            "vintage": ["older", "older"],
            "year": [2010, 2011],
            "homicides": [99, 118],
            "rate_per_100k": [1.5, None],
            "rate_derivation": ["homicides / an older population x 100,000", None],
            "source": ["pub A, older", "pub A, older"],
        }
    ),
}


def test_homicide_counts_give_each_main_series_and_each_vintage() -> None:
    found = by_name(homicide_series("homicides", "sum", True)(claim(), HOMICIDES))
    assert list(found) == [
        "official_mexico_homicides (deaths)",
        "official_mexico_homicides (victims)",
        "official_mexico_homicide_vintages (older)",
    ]
    deaths = found["official_mexico_homicides (deaths)"]
    assert values(deaths) == [(year_months(2010), 100.0), (year_months(2011), 120.0)]  # the half year left out
    assert deaths.role == "primary" and deaths.combine == "sum" and deaths.totals
    assert found["official_mexico_homicide_vintages (older)"].role == "other_vintage"


def test_homicide_rates_say_how_they_were_computed_and_skip_missing_rates() -> None:
    found = by_name(homicide_series("rate_per_100k", "mean", False)(claim(), HOMICIDES))
    deaths = found["official_mexico_homicides (deaths)"]
    assert not deaths.totals and deaths.combine == "mean"
    assert all("computed by secstats" in o.derivation for o in deaths.observations)
    older = found["official_mexico_homicide_vintages (older)"]
    assert values(older) == [(year_months(2010), 1.5)]  # the vintage's own derivation, the missing rate dropped
    assert older.observations[0].derivation == "homicides / an older population x 100,000"


def test_homicides_of_a_wider_scope_are_other_scope_without_vintages() -> None:
    found = homicide_series("homicides", "sum", True, scope="all homicides")(claim(), HOMICIDES)
    assert {s.role for s in found} == {"other_scope"} and {s.scope for s in found} == {"all homicides"}
    assert not any("vintages" in s.name for s in found)


def test_the_mexican_series_answer_only_claims_about_mexico() -> None:
    with pytest.raises(NoCounterpart, match="geography not covered"):
        homicide_series("homicides", "sum", True)(claim("jalisco"), HOMICIDES)
    with pytest.raises(NoCounterpart, match="geography not covered"):
        extraditions(claim("united_states"), {})


def test_extraditions_split_by_scope_and_keep_a_day_cut_off() -> None:
    table = pd.DataFrame(
        {
            "scope": ["persons extradited from Mexico to the United States", "Mexican nationals"],
            "extraditions": [40, 30],
            "period_start": ["2010-01", "2010"],
            "period_end": ["2010-03-15", "2010"],
            "reported_by": ["ministry", "newspaper"],
        }
    )
    other, own = extraditions(claim(), {"reported_extraditions": table})  # in order of scope
    assert own.role == "primary" and own.scope == ""
    assert own.observations[0].cut_off == "2010-03-15" and own.observations[0].months == (2010 * 12, 2010 * 12 + 2)
    assert other.role == "other_scope" and other.scope == "Mexican nationals" and other.observations[0].cut_off is None


OVERDOSES = {
    "official_us_overdose_deaths": pd.DataFrame(
        {
            "year": [2010, 2010, 2010, 2011, 2011],
            "drug": ["all_drugs", "a", "b", "all_drugs", "a"],  # no 'b' in 2011
            "deaths": [200, 30, 20, 250, 50],
            "source": ["pub 2010", "pub 2010", "pub 2010", "pub 2011", "pub 2011"],
        }
    )
}


def test_overdose_deaths_sum_the_drugs_in_the_years_that_have_them_all() -> None:
    (series,) = overdose(("a", "b"), "a + b")(claim("united_states"), OVERDOSES)
    assert values(series) == [(year_months(2010), 50.0)]  # 2011 lacks 'b'
    assert series.observations[0].source == "pub 2010" and series.observations[0].derivation == "a + b"
    assert series.totals


def test_an_overdose_share_is_a_percent_of_the_named_total() -> None:
    (series,) = overdose(("a",), "a / all", None, percent_of="all_drugs")(claim("united_states"), OVERDOSES)
    assert values(series) == [(year_months(2010), 15.0), (year_months(2011), 20.0)]
    assert not series.totals and series.combine is None


def test_the_overdose_series_are_national_to_the_united_states() -> None:
    with pytest.raises(NoCounterpart, match="geography not covered"):
        overdose(("a",), "a")(claim("mexico"), OVERDOSES)


def test_a_change_is_the_end_year_over_the_start_year() -> None:
    change = endpoint_change(overdose(("all_drugs",), "all"), "percent")
    (series,) = change(claim("united_states", "2010", "2011"), OVERDOSES)
    assert [o.value for o in series.observations] == [25.0] and "(250 / 200 - 1) x 100" in series.observations[0].derivation
    assert endpoint_change(overdose(("all_drugs",), "all"), "times")(claim("united_states", "2010", "2012"), OVERDOSES) == []


MERIDA = {
    "official_merida_statements": pd.DataFrame(
        {
            "amount_type": [
                "appropriated total",
                "appropriated, P.L. 1-2",
                "appropriated, P.L. 1-2 total for Mexico",
                "delivered",
                "appropriated",
            ],
            "fy_start": [2008, 2008, 2008, 2008, None],  # an undated amount is no figure for a period
            "fy_end": [2010, 2008, 2008, 2010, None],
            "recipient_scope": ["Mexico", "Mexico", "Mexico", "Mexico", "Mexico"],
            "amount_usd": [1000, 300, 700, 400, 5],
            "publisher": ["dept"] * 5,
            "document": ["report"] * 5,
        }
    ),
    "official_us_assistance": pd.DataFrame(
        {
            "transaction_type": ["Planned", "Planned", "Planned", "Paid"],
            "transition_quarter": [False, True, False, False],
            "snapshot": pd.to_datetime(["2020-01-01"] * 4),
            "fiscal_year": [2008, 1976, 2009, 2008],
            "amount_usd": [10, 99, 20, 7],
            "source": ["aid site"] * 4,
        }
    ),
}


def test_merida_statements_of_the_kinds_asked_with_parts_of_an_act_apart() -> None:
    found = by_name(merida(("appropriated",), "Planned")(claim(), MERIDA))
    primary = found["official_merida_statements"]
    # not the delivered amount, not the undated one, and the act's total but not its part
    assert values(primary) == [((2008 * 12, 2010 * 12 + 11), 1000.0), (year_months(2008), 700.0)]
    parts = found["official_merida_statements (parts of an appropriation act)"]
    assert parts.role == "component" and values(parts) == [(year_months(2008), 300.0)]
    assert not primary.nearby and primary.combine is None


def test_all_us_aid_is_a_wider_scope_per_snapshot_without_the_transition_quarter() -> None:
    found = by_name(merida(("appropriated",), "Planned")(claim(), MERIDA))
    aid = found["official_us_assistance (Planned, snapshot 2020-01-01)"]
    assert aid.role == "other_scope" and values(aid) == [(year_months(2008), 10.0), (year_months(2009), 20.0)]


TRACES = pd.DataFrame(
    {
        "period_start": ["2010", "2011", "2011", "2011", None],
        "period_end": ["2010", "2011", "2011", "2011", None],
        "unit": ["percent", "firearms", "firearms", "firearms", "percent"],
        "metric": [
            "share originated in the United States",
            "firearms traced",
            "of which U.S.-sourced",
            "of which other",
            "share originated in the United States",  # undated: left out
        ],
        "value": [70, 200, 150, 50, 1],
        "reported_by": ["agency"] * 5,
    }
)


def test_firearm_origin_shares_are_stated_or_computed_from_counts() -> None:
    (series,) = firearms_origin(claim("united_states"), {"reported_firearm_traces": TRACES})
    assert values(series) == [(year_months(2010), 70.0), (year_months(2011), 75.0)]
    assert series.observations[1].derivation.startswith("U.S.-sourced / traced = 150 / 200 x 100")
    assert not series.totals


def test_firearm_origins_by_us_state_have_no_series() -> None:
    with pytest.raises(NoCounterpart, match="no series"):
        firearms_origin(claim("mexico"), {"reported_firearm_traces": TRACES})
