"""Candidates and verdicts: every match kind and every verdict word, on made-up round numbers.

Each test builds made-up series or reconciliation rows in memory; none reads a published file. Removing a
match kind from secstats.checks.reconciliation or a step of the precedence in secstats.checks.verdicts fails one of them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from secstats.checks.reconciliation import AS_WRITTEN, Candidate, Reading, claim_rows, match_all, readings
from secstats.checks.verdicts import CLOSE_MARGIN, build_verdicts, decide
from secstats.clean.series import NoCounterpart, Observation, OfficialSeries
from secstats.core.periods import period_months
from secstats.core.schemas import PublishedFigures, Reconciliation, Verdicts
from secstats.ledger.cited import empty_record


def claim(
    value: float = 1000,
    start: str = "2010",
    end: str = "2010",
    qualifier: str = "exact",
    value_high: float | None = None,
    quote: str = "a figure",
    period_type: str = "calendar_year",
) -> pd.Series:
    """A made-up claim with every column the reconciliation reads."""
    return pd.Series(
        {
            "claim_id": "made-001",
            "source_id": "doc",
            "family": "homicide",
            "measure": "made_up",
            "geography": "mexico",
            "period_start": start,
            "period_end": end,
            "year_basis": "calendar",
            "unit": "count",
            "qualifier": qualifier,
            "value": value,
            "value_high": value_high,
            "quote": quote,
            "period_type": period_type,
            "cited_source": None,
        }
    )


def year(y: int) -> tuple[int, int]:
    return period_months(str(y), str(y))


def series(
    *observations: tuple[int, float] | tuple[tuple[int, int], float],
    role: str = "primary",
    totals: bool = True,
    combine: str | None = "sum",
    name: str = "made_up_series",
    nearby: bool = True,
) -> OfficialSeries:
    """A made-up series from (year, value) or ((first month, last month), value) pairs."""
    built = tuple(
        Observation(value, year(when) if isinstance(when, int) else when, f"publisher of {name}") for when, value in observations
    )
    return OfficialSeries(name, built, role, "another scope" if role == "other_scope" else "", combine, totals, nearby)


def kinds(found: list[Candidate]) -> list[tuple[str, float]]:
    return [(c.match, c.value) for c in found]


def as_written(c: pd.Series) -> list[Reading]:
    return readings(c, None)


# --- how candidates are found ----------------------------------------------------------------------


def test_same_period() -> None:
    c = claim()
    assert kinds(match_all(c, [series((2010, 990), (2011, 500))], as_written(c))) == [("same_period", 990)]


def test_aggregated_sums_every_year_of_the_span() -> None:
    c = claim(start="2010", end="2012", period_type="span")
    found = match_all(c, [series((2010, 100), (2011, 200), (2012, 300))], as_written(c))
    assert kinds(found) == [("aggregated", 600)]
    assert "100 + 200 + 300" in found[0].derivation


def test_a_total_for_most_of_an_aggregated_span_is_still_a_candidate() -> None:
    c = claim(start="2010", end="2012", period_type="span")
    most = (period_months("2010-02", "2012"), 550)  # the annual rows' sum is listed once; this total is not one of them
    found = match_all(c, [series((2010, 100), (2011, 200), (2012, 300), most)], as_written(c))
    assert kinds(found) == [("aggregated", 600), ("overlapping_period", 550)]


def test_aggregated_means_for_rates_and_needs_every_year() -> None:
    c = claim(start="2010", end="2011", period_type="span")
    assert kinds(match_all(c, [series((2010, 10), (2011, 20), combine="mean", totals=False)], as_written(c))) == [
        ("aggregated", 15)
    ]
    with pytest.raises(NoCounterpart, match="period not covered"):
        match_all(claim(start="2010", end="2012", period_type="span"), [series((2010, 10), (2012, 20))], as_written(c))


def test_other_vintage_is_the_same_period_in_another_vintage() -> None:
    c = claim()
    found = match_all(c, [series((2010, 1000)), series((2010, 1001), role="other_vintage", name="older")], as_written(c))
    assert kinds(found) == [("same_period", 1000), ("other_vintage", 1001)]


def test_overlapping_totals_must_share_most_months() -> None:
    c = claim(start="2000", end="2009", period_type="span")
    mostly = ((period_months("2001", "2009")), 500)
    barely = ((period_months("2008", "2012")), 500)
    assert kinds(match_all(c, [series(mostly, barely)], as_written(c))) == [("overlapping_period", 500)]


def test_overlapping_rates_compare_whatever_the_overlap() -> None:
    c = claim(start="2000", end="2009", period_type="span")
    barely = ((period_months("2008", "2012")), 50)
    assert kinds(match_all(c, [series(barely, totals=False, combine=None)], as_written(c))) == [("overlapping_period", 50)]


def test_nearby_period_only_when_no_series_covers_the_claim() -> None:
    c = claim()
    assert kinds(match_all(c, [series((2009, 900), (2011, 1100))], as_written(c))) == [
        ("nearby_period", 900),
        ("nearby_period", 1100),
    ]
    covered = match_all(c, [series((2009, 900)), series((2010, 1000), name="another")], as_written(c))
    assert kinds(covered) == [("same_period", 1000)]
    with pytest.raises(NoCounterpart):
        match_all(c, [series((2009, 900), nearby=False)], as_written(c))


def test_other_scope_labels_every_candidate_of_a_series_of_another_scope() -> None:
    c = claim()
    assert kinds(match_all(c, [series((2010, 700), role="other_scope")], as_written(c))) == [("other_scope", 700)]
    with pytest.raises(NoCounterpart):  # an adjacent year of another scope says nothing of the claim
        match_all(c, [series((2011, 700), role="other_scope")], as_written(c))


def test_a_term_of_office_is_read_with_and_without_its_partial_first_year() -> None:
    terms = pd.DataFrame(
        {"president": ["Ann Example"], "surname": ["Example"], "term_start": ["2000-12-01"], "term_end": ["2006-11-30"]}
    )
    c = claim(value=60, start="2000", end="2006", quote="60 under Exámple (2000-2006)", period_type="span")
    found = match_all(c, [series(*((y, 10) for y in range(2000, 2007)))], readings(c, terms))
    # the term first: its calendar years without the partial first year, then the years as written
    assert [(f.value, f.reading.endswith("without its partial first year")) for f in found] == [(60, True), (70, False)]
    assert (
        readings(claim(start="2000", end="2006", quote="60 from 2000 to 2006", period_type="span"), terms)[0].label == AS_WRITTEN
    )


# --- the verdict and its precedence ----------------------------------------------------------------

COLUMNS = list(Reconciliation.to_schema().columns)


def verdict_of(c: pd.Series, *candidates: tuple[str, float] | tuple[str, float, int]) -> str:
    """The verdict for a made-up claim given (match, value[, year]) candidates."""
    found = [
        Candidate(value, match, AS_WRITTEN, year(rest[0] if rest else 2010), f"series {i}", f"source {i}", "", "made up")
        for i, (match, value, *rest) in enumerate(candidates)
    ]
    rows = pd.DataFrame(claim_rows(c, found, "no series: made up")).reindex(columns=COLUMNS)
    rows["within_tolerance"] = rows["within_tolerance"].astype("boolean")
    return decide(rows).verdict


def test_matches() -> None:
    assert verdict_of(claim(1000), ("same_period", 1000.4)) == "matches"
    assert verdict_of(claim(1000), ("aggregated", 999.6)) == "matches"
    assert verdict_of(claim(1000), ("other_vintage", 1000)) == "matches"


def test_close_is_within_the_named_margin() -> None:
    inside, outside = 1000 * (1 - CLOSE_MARGIN / 2), 1000 * (1 - CLOSE_MARGIN * 2)
    assert verdict_of(claim(1001), ("same_period", inside)) == "close"
    assert verdict_of(claim(1001), ("same_period", outside)) == "inconsistent"


def test_near_period_when_only_another_period_bears_it_out() -> None:
    assert verdict_of(claim(1000), ("overlapping_period", 1000)) == "near_period"
    assert verdict_of(claim(1000), ("nearby_period", 1000), ("same_period", 2000)) == "near_period"


def test_sources_disagree_when_the_claim_matches_some_same_period_figures() -> None:
    assert verdict_of(claim(1000), ("same_period", 1000), ("same_period", 2000)) == "sources_disagree"


def test_sources_disagree_when_the_claim_lies_between_them() -> None:
    assert verdict_of(claim(1500), ("same_period", 1000), ("other_vintage", 2000)) == "sources_disagree"


def test_figures_within_the_claims_tolerance_do_not_disagree() -> None:
    assert verdict_of(claim(1000, qualifier="approximate"), ("same_period", 1000), ("same_period", 1050)) == "matches"


def test_inconsistent_when_every_same_period_figure_is_far() -> None:
    assert verdict_of(claim(1000), ("same_period", 2000), ("overlapping_period", 3000)) == "inconsistent"


def test_unverifiable_without_a_candidate_or_with_other_scopes_only() -> None:
    assert verdict_of(claim(1000)) == "unverifiable"
    assert verdict_of(claim(1000), ("other_scope", 1000)) == "unverifiable"
    assert verdict_of(claim(1000), ("overlapping_period", 3000)) == "unverifiable"


def test_a_lower_bound_is_never_met_from_below() -> None:
    assert verdict_of(claim(1000, qualifier="more_than"), ("same_period", 1000)) == "close"
    assert verdict_of(claim(1000, qualifier="more_than"), ("same_period", 1001)) == "matches"


def test_verdicts_table_has_one_row_per_claim_with_its_best_candidate() -> None:
    a, b, c = claim(1000), claim(50).copy(), claim(4, quote="four pillars").copy()
    b["claim_id"], c["claim_id"], c["family"], c["measure"] = "made-002", "made-003", "other", "pillars"
    found = [Candidate(1000, "same_period", AS_WRITTEN, year(2010), "s", "publisher", "", "made up")]
    rows = pd.DataFrame(claim_rows(a, found) + claim_rows(b, [], "no series: made up")).reindex(columns=COLUMNS)
    rows["within_tolerance"] = rows["within_tolerance"].astype("boolean")
    table = build_verdicts(
        pd.DataFrame([a, b, c]),
        rows,
        pd.DataFrame(columns=list(PublishedFigures.to_schema().columns)),
        empty_record(),
        {},
        list(Verdicts.to_schema().columns),
        frozenset({"pillars"}),
    )
    # every ledger claim has a row, the one outside the families too
    assert list(table["claim_id"]) == ["made-001", "made-002", "made-003"]
    assert list(table["verdict"]) == ["matches", "unverifiable", "unverifiable"]
    assert list(table["reason"].fillna("")) == ["", "no_public_figure", "not_a_statistic"]
    assert table.loc[0, "best_source"] == "publisher" and table.loc[0, "candidates"] == 1
    # "no figure in our reference data" is not "no figure exists anywhere"
    assert table.loc[1, "explanation"].startswith("No figure in our reference data (made up)")
    assert "not established" in table.loc[1, "explanation"]
    assert list(table["cited_check"]) == ["no_citation"] * 3
    Verdicts.validate(table)


# --- the ledger, built in memory -------------------------------------------------------------------


def test_every_ledger_claim_has_exactly_one_verdict(built: dict[str, pd.DataFrame]) -> None:
    verdicts = built["verdicts"]
    assert verdicts["claim_id"].is_unique and list(verdicts["claim_id"]) == list(built["claims"]["claim_id"])


def test_a_term_total_that_the_annual_counts_bear_out_matches(built: dict[str, pd.DataFrame]) -> None:
    """The Fox-era extradition total: the annual reported counts without the partial first year sum to it."""
    ledger = built["claims"].set_index("claim_id")
    row = built["verdicts"].set_index("claim_id").loc["kloppe-004"]
    assert row["verdict"] == "matches" and row["best_match"] == "aggregated"
    assert row["best_value"] == ledger.loc["kloppe-004", "value"]
    assert int(row["best_period_start"]) == int(ledger.loc["kloppe-004", "period_start"]) + 1
    assert "partial first year" in row["explanation"]


# --- derived official figures, on made-up official tables ------------------------------------------


def made_up_homicides(counts: dict[int, int]) -> dict[str, pd.DataFrame]:
    main = pd.DataFrame(
        {
            "year": list(counts),
            "series": "made_up",
            "homicides": list(counts.values()),
            "months_covered": 12,
            "population": 1_000_000,
            "rate_per_100k": 1.0,
            "source": "made-up publisher",
        }
    )
    vintages = pd.DataFrame(columns=["year", "vintage", "homicides", "rate_per_100k", "rate_derivation", "source"])
    return {"official_mexico_homicides": main, "official_mexico_homicide_vintages": vintages}


def test_a_percent_change_is_the_later_year_over_the_earlier() -> None:
    from secstats.clean.families import COUNTERPARTS

    homicide_change = COUNTERPARTS["homicides_percent_change"]

    c = claim(start="2010", end="2011", period_type="span")
    (rise,) = homicide_change(c, made_up_homicides({2010: 100, 2011: 150}))
    assert [o.value for o in rise.observations] == [50.0]
    (fall,) = homicide_change(c, made_up_homicides({2010: 200, 2011: 150}))
    assert [o.value for o in fall.observations] == [-25.0]


def test_a_multiple_is_the_later_year_over_the_earlier() -> None:
    from secstats.clean.series import endpoint_change

    def provide(claim: pd.Series, official: object) -> list[OfficialSeries]:
        return [series((2010, 100), (2015, 300))]

    (times,) = endpoint_change(provide, "times")(claim(start="2010", end="2015", period_type="span"), {})
    (percent,) = endpoint_change(provide, "percent")(claim(start="2010", end="2015", period_type="span"), {})
    assert times.observations[0].value == 3 and percent.observations[0].value == 200


# --- explanations: one checkable sentence per verdict, pinned word for word ------------------------


def one_verdict_row(c: pd.Series, rows: pd.DataFrame | None, **options: object) -> pd.DataFrame:
    """build_verdicts for one made-up claim: no vintages and no cited record unless given."""
    ledger = pd.DataFrame([c])
    reconciliation = rows if rows is not None else pd.DataFrame(columns=COLUMNS)
    return build_verdicts(
        ledger,
        reconciliation,
        options.get("vintages", pd.DataFrame(columns=list(PublishedFigures.to_schema().columns))),
        options.get("record", empty_record()),
        {"doc": options.get("date", "2019")},
        list(Verdicts.to_schema().columns),
        frozenset(options.get("not_statistics", ())),
    )


def decided(c: pd.Series, *candidates: tuple[str, float, int, str]):
    """decide() on (match, value, year, reading) candidates from 'Publisher i', derivation 'made up'."""
    found = [
        Candidate(
            value,
            match,
            reading,
            year(when),
            f"series {i}",
            f"Publisher {i}",
            "other" if match == "other_scope" else "",
            "made up",
        )
        for i, (match, value, when, reading) in enumerate(candidates)
    ]
    rows = pd.DataFrame(claim_rows(c, found, "no series: made up")).reindex(columns=COLUMNS)
    rows["within_tolerance"] = rows["within_tolerance"].astype("boolean")
    return decide(rows), rows


@pytest.mark.parametrize(
    "candidates, verdict, explanation",
    [
        (
            [("same_period", 1234, 2010, AS_WRITTEN)],
            "matches",
            "1,234 for 2010 (Publisher 0; made up): the claim's words (exact 1,234) allow it (|official - claim| <= 0.5).",
        ),
        (
            [("aggregated", 1234, 2010, "term of office of A without its partial first year")],
            "matches",
            "1,234 for 2010 (Publisher 0; made up, reading the claim's period as the term of office of A without its partial "
            "first year): the claim's words (exact 1,234) allow it (|official - claim| <= 0.5).",
        ),
        (
            [("same_period", 1210, 2010, AS_WRITTEN)],
            "close",
            "The figure for the same period is 1,210 for 2010 (Publisher 0; made up). The claim (exact 1,234) is 2.0% from it: outside what its words allow, within 5%.",
        ),
        (
            [("nearby_period", 1234, 2011, AS_WRITTEN)],
            "near_period",
            "Only a figure for another period bears the claim out: the claim's words (exact 1,234) allow 1,234 for 2011 (Publisher 0; made up).",
        ),
        (
            [("overlapping_period", 1210, 2011, AS_WRITTEN)],
            "near_period",
            "Only a figure for another period bears the claim out: the claim's words (exact 1,234) come within 2.0% of 1,210 for 2011 (Publisher 0; made up).",
        ),
        (
            [("same_period", 1234, 2010, AS_WRITTEN), ("other_vintage", 2468, 2010, AS_WRITTEN)],
            "sources_disagree",
            "Figures for the same period disagree (1,234 for 2010 (Publisher 0; made up); 2,468 for 2010 (Publisher 1; made up)); "
            "the claim (exact 1,234) matches some of them but not all.",
        ),
        (
            [("same_period", 1000, 2010, AS_WRITTEN)],
            "inconsistent",
            "The figure for the same period is 1,000 for 2010 (Publisher 0; made up). The claim (exact 1,234) is 23.4% from it, more than 5%.",
        ),
        (
            [("other_scope", 1000, 2010, AS_WRITTEN)],
            "unverifiable",
            # a figure of another scope is named, never offered as evidence
            "Only figures of another scope are on record (other); they are not evidence for or against the claim.",
        ),
    ],
)
def test_each_verdict_explains_itself(candidates: list, verdict: str, explanation: str) -> None:
    result, _ = decided(claim(1234), *candidates)
    assert (result.verdict, result.explanation) == (verdict, explanation)


def test_the_claim_between_disagreeing_sources_is_said_to_lie_between_them() -> None:
    result, _ = decided(claim(1500), ("same_period", 1000, 2010, AS_WRITTEN), ("same_period", 2000, 2010, AS_WRITTEN))
    assert result.verdict == "sources_disagree" and result.explanation.endswith("the claim (exact 1,500) lies between them.")
    assert result.best["official_value"] == 2000  # the nearer, relative to the official figure


def test_a_bound_at_a_disagreeing_figure_is_not_between_them() -> None:
    at_the_top, _ = decided(
        claim(2000, qualifier="more_than"), ("same_period", 1000, 2010, AS_WRITTEN), ("same_period", 2000, 2010, AS_WRITTEN)
    )
    assert at_the_top.verdict == "close"
    at_the_bottom, _ = decided(
        claim(1000, qualifier="less_than"), ("same_period", 1000, 2010, AS_WRITTEN), ("same_period", 2000, 2010, AS_WRITTEN)
    )
    assert at_the_bottom.verdict == "close"


def test_figures_exactly_the_claims_tolerance_apart_do_not_disagree() -> None:
    result, _ = decided(claim(1234), ("same_period", 1234.5, 2010, AS_WRITTEN), ("same_period", 1235, 2010, AS_WRITTEN))
    assert result.verdict == "matches"


def test_disagreement_is_judged_within_one_period_only() -> None:
    result, _ = decided(claim(1234), ("same_period", 1234, 2010, AS_WRITTEN), ("aggregated", 2468, 2011, "another reading"))
    assert result.verdict == "matches"


def test_close_and_near_period_include_the_margin_itself() -> None:
    assert decided(claim(1050), ("same_period", 1000, 2010, AS_WRITTEN))[0].verdict == "close"
    assert decided(claim(1050), ("overlapping_period", 1000, 2011, AS_WRITTEN))[0].verdict == "near_period"


def test_distance_is_measured_from_the_nearest_bound_of_a_range() -> None:
    result, _ = decided(claim(800, qualifier="range", value_high=900), ("same_period", 940, 2010, AS_WRITTEN))
    assert result.verdict == "close" and "The claim (range 800 to 900) is 4.3% from it" in result.explanation


def test_a_zero_official_figure_is_infinitely_far() -> None:
    result, _ = decided(claim(1000), ("same_period", 0, 2010, AS_WRITTEN))
    assert result.verdict == "inconsistent" and "is inf% from it" in result.explanation


def test_a_verdict_row_carries_its_best_candidate() -> None:
    c = claim(1234)
    found = [
        Candidate(1233, "aggregated", "a reading", period_months("2009", "2010"), "s", "Publisher", "", "made up"),
        Candidate(1234, "same_period", AS_WRITTEN, year(2010), "s", "Other publisher", "", "made up"),
    ]
    rows = pd.DataFrame(claim_rows(c, found)).reindex(columns=COLUMNS)
    rows["within_tolerance"] = rows["within_tolerance"].astype("boolean")
    (row,) = one_verdict_row(c, rows).to_dict("records")
    assert {
        k: row[k]
        for k in (
            "verdict",
            "best_value",
            "best_match",
            "best_period_start",
            "best_period_end",
            "best_source",
            "best_reading",
            "difference",
            "relative_difference_percent",
            "candidates",
        )
    } == {
        "verdict": "matches",
        "best_value": 1234,
        "best_match": "same_period",
        "best_period_start": "2010",
        "best_period_end": "2010",
        "best_source": "Other publisher",
        "best_reading": AS_WRITTEN,
        "difference": 0,
        "relative_difference_percent": 0,
        "candidates": 2,
    }


def test_every_verdict_but_unverifiable_names_its_best_candidate() -> None:
    for candidates in (
        [("same_period", 1210, 2010, AS_WRITTEN)],
        [("overlapping_period", 1210, 2011, AS_WRITTEN)],
        [("same_period", 1000, 2010, AS_WRITTEN)],
    ):
        result, _ = decided(claim(1234), *candidates)
        assert result.best["official_value"] == candidates[0][1], candidates
    result, _ = decided(claim(1234), ("other_scope", 1000, 2010, AS_WRITTEN))
    assert (result.verdict, result.reason, result.best) == ("unverifiable", "other_scope_only", None)


def test_a_period_that_agrees_does_not_hide_a_later_one_that_disagrees() -> None:
    result, _ = decided(
        claim(1234),
        ("same_period", 1234, 2010, AS_WRITTEN),
        ("aggregated", 1234, 2011, "another reading"),
        ("aggregated", 2468, 2011, "another reading"),
    )
    assert result.verdict == "sources_disagree"


def test_fiscal_years_and_months_read_as_written() -> None:
    from secstats.core.periods import describe as period_words

    assert period_words("2008", "2017", fiscal=True) == "FY2008-FY2017" and period_words("2008", "2008", True) == "FY2008"
    assert period_words("2008", "2017") == "2008-2017" and period_words("2020-01", "2020-02") == "2020-01 to 2020-02"
    c = claim(1234).copy()
    c["year_basis"], c["unit"] = "fiscal", "usd"
    result, _ = decided(c, ("same_period", 1234, 2010, AS_WRITTEN))
    assert result.explanation.startswith("USD 1,234 for FY2010 (") and "(exact USD 1,234)" in result.explanation
