"""Contradictions are found by rule from the quantity key, never from a list of claim ids."""

from __future__ import annotations

import pandas as pd

from secstats.checks.contradictions import find_contradictions
from secstats.core.schemas import Contradictions

COLUMNS = list(Contradictions.to_schema().columns)


def claim(
    claim_id: str,
    value: float,
    start: str,
    end: str,
    qualifier: str = "exact",
    geography: str = "mexico",
    source: str = "doc-a",
    period_type: str = "span",
    measure: str = "homicides",
    unit: str = "count",
) -> dict:
    return {
        "claim_id": claim_id,
        "source_id": source,
        "measure": measure,
        "quantity": "homicides",
        "value": value,
        "value_high": None,
        "unit": unit,
        "qualifier": qualifier,
        "period_start": start,
        "period_end": end,
        "period_type": period_type,
        "geography": geography,
    }


def test_a_shorter_span_with_a_larger_total_is_incompatible() -> None:
    ledger = pd.DataFrame(
        [
            claim("a-001", 1200, "2000", "2010", "approximate", source="doc-a"),
            claim("b-001", 2500, "2000", "2008", "approximate", source="doc-b"),
        ]
    )
    (row,) = find_contradictions(ledger, COLUMNS).itertuples()
    assert row.verdict == "incompatible" and not row.same_document
    assert row.claim_a == "b-001" and "period" in row.differs and "value" in row.differs


def test_compatible_pairs_are_not_listed() -> None:
    nested_bounds = [
        claim("a-001", 3000, "2000", "2010", "more_than"),
        claim("b-001", 2000, "2000", "2009-01", "more_than", source="doc-b"),
    ]
    same_period_overlap = [
        claim("c-001", 7000, "2017", "2017", "approximate", period_type="calendar_year"),
        claim("d-001", 7200, "2017", "2017", "approximate", period_type="calendar_year", source="doc-d"),
    ]
    nested_totals = [
        claim("e-001", 2500, "2000", "2010", "approximate"),
        claim("f-001", 2500, "2003", "2010", "approximate", source="doc-f"),
    ]
    for pair in (nested_bounds, same_period_overlap, nested_totals):
        assert find_contradictions(pd.DataFrame(pair), COLUMNS).empty, pair


def test_same_period_figures_whose_intervals_do_not_meet_are_incompatible() -> None:
    ledger = pd.DataFrame(
        [claim("a-001", 3, "2019", "2019", period_type="point"), claim("a-002", 2, "2019", "2019", period_type="point")]
    )
    report = find_contradictions(ledger, COLUMNS)
    assert list(report.columns) == COLUMNS
    (row,) = report.itertuples()
    assert row.verdict == "incompatible" and row.difference == 1 and row.differs == "value"
    (zero,) = find_contradictions(ledger.assign(value=[3, 0]), COLUMNS).itertuples()
    assert pd.isna(zero.relative_difference_percent)
    assert row.explanation == (
        "a-001 (exact 3, 2019) and a-002 (exact 2, 2019) cannot both hold: for the same period, "
        "the values their words allow do not meet."
    )


def test_a_gap_between_different_scopes_differs_rather_than_contradicts() -> None:
    ledger = pd.DataFrame(
        [
            claim("a-001", 1200, "2000", "2010", "approximate"),
            claim("b-001", 2500, "2000", "2008", "approximate", source="doc-b", measure="all_deaths"),
        ]
    )
    (row,) = find_contradictions(ledger, COLUMNS).itertuples()
    assert row.verdict == "differs" and row.differs == "value; period; scope"
    assert row.explanation.endswith(
        "a longer period that contains it; but they measure different scopes "
        "(all_deaths and homicides), which may explain the gap."
    )
    assert row.explanation.startswith("b-001 (approximate 2,500, 2000-2008) and a-001")


def test_parts_that_exceed_their_whole_are_incompatible() -> None:
    shares = [claim("a-001", 50, "2000", "2010", geography="country", unit="percent", measure="share")]
    shares += [
        claim(f"a-00{n}", v, "2000", "2005", geography=f"country_{s}", unit="percent", measure="share")
        for n, v, s in ((2, 30, "north"), (3, 15, "south"), (4, 10, "east"))
    ]
    (row,) = find_contradictions(pd.DataFrame(shares), COLUMNS).itertuples()
    assert row.verdict == "incompatible" and row.value_b == 30 + 15 + 10 and row.claim_b == "a-002+a-003+a-004"


def test_touching_periods_and_agreeing_bounds_are_not_listed() -> None:
    ledger = pd.DataFrame(
        [
            claim("a-001", 100, "2000", "2006"),
            claim("a-002", 300, "2006", "2012"),
            claim("a-003", 2000, "2018", "2018", "more_than", period_type="calendar_year"),
            claim("a-004", 2050, "2018", "2018", period_type="calendar_year"),
        ]
    )
    assert find_contradictions(ledger, COLUMNS).empty


def test_the_report_finds_the_known_disagreements_in_the_ledger(built: dict[str, pd.DataFrame]) -> None:
    report = built["contradictions"]
    ledger = built["claims"].set_index("claim_id")
    cross_document = report[(report["quantity"] == "homicides") & ~report["same_document"]]
    assert not cross_document.empty
    parts = report[report["claim_b"].str.contains("+", regex=False)]
    assert (parts["verdict"] == "incompatible").any()
    for row in report.itertuples():
        ids = [row.claim_a, *row.claim_b.split("+")]
        assert len({ledger.loc[i, "quantity"] for i in ids}) == 1, ids
        assert row.explanation.endswith(".") and row.claim_a in row.explanation


def test_durations_and_counts_at_a_moment_are_compared_only_for_the_same_period() -> None:
    ledger = pd.DataFrame(
        [
            claim("a-001", 20, "1990", "2009", unit="years"),
            claim("a-002", 10, "2000", "2009", unit="years"),
            claim("b-001", 5, "1990", "2009", unit="years", source="doc-b"),
            claim("c-001", 3, "2000", "2008", period_type="point"),
            claim("c-002", 9, "2005", "2008", period_type="point"),
            claim("d-001", 3, "2000", "2008"),
            claim("d-002", 9, "2005", "2008", period_type="point", measure="other"),
        ]
    )
    report = find_contradictions(ledger, COLUMNS)
    assert list(zip(report["claim_a"], report["claim_b"])) == [("a-001", "b-001")]


def test_each_row_keeps_its_size_and_one_sentence() -> None:
    ledger = pd.DataFrame(
        [
            claim("a-001", 1200, "2000", "2010", "approximate", source="doc-a"),
            claim("b-001", 2500, "2000", "2008", "approximate", source="doc-b"),
        ]
    )
    (row,) = find_contradictions(ledger, COLUMNS).to_dict("records")
    assert {
        k: row[k]
        for k in (
            "claim_a",
            "claim_b",
            "value_a",
            "value_b",
            "difference",
            "relative_difference_percent",
            "period_a",
            "period_b",
            "qualifier_a",
            "qualifier_b",
            "differs",
            "same_document",
            "quantity",
            "geography",
            "unit",
        )
    } == {
        "claim_a": "b-001",
        "claim_b": "a-001",
        "value_a": 2500,
        "value_b": 1200,
        "difference": 1300,
        "relative_difference_percent": 108.33,
        "period_a": "2000-2008",
        "period_b": "2000-2010",
        "qualifier_a": "approximate",
        "qualifier_b": "approximate",
        "differs": "value; period",
        "same_document": False,
        "quantity": "homicides",
        "geography": "mexico",
        "unit": "count",
    }
    assert row["explanation"] == (
        "b-001 (approximate 2,500, 2000-2008) and a-001 (approximate 1,200, 2000-2010) cannot both "
        "hold: the total over 2000-2008 exceeds the total over 2000-2010, a longer period that contains it."
    )


def test_parts_are_summed_per_document_and_period_at_their_lowest() -> None:
    whole = claim("a-001", 50, "2000", "2005", geography="country", unit="percent", measure="share")
    parts = [
        claim("a-002", 30, "2000", "2005", "approximate", geography="country_north", unit="percent", measure="share"),
        claim("a-003", 25, "2000", "2005", "approximate", geography="country_south", unit="percent", measure="share"),
    ]
    # 30 and 25 "approximately" may be as low as 27 and 22.5: together they need not exceed 50.
    assert find_contradictions(pd.DataFrame([whole, *parts]), COLUMNS).empty
    other_document = [{**p, "source_id": "doc-b"} if p["claim_id"] == "a-003" else p for p in parts]
    assert find_contradictions(pd.DataFrame([whole, *other_document]), COLUMNS).empty
    exact = [{**p, "qualifier": "exact"} for p in parts]
    (row,) = find_contradictions(pd.DataFrame([whole, *exact]), COLUMNS).to_dict("records")
    assert row["explanation"] == (
        "a-001 (exact 50%, 2000-2005) and a-002+a-003 (together exact 55%, 2000-2005) cannot both "
        "hold: the parts of country (country_north, country_south) add up to more than the whole."
    )
    assert (row["qualifier_b"], row["period_b"], row["value_b"]) == ("exact", "2000-2005", 55)


def test_rows_are_ordered_by_quantity_then_claims() -> None:
    ledger = pd.DataFrame(
        [
            claim("b-001", 3, "2019", "2019", period_type="point"),
            claim("b-002", 2, "2019", "2019", period_type="point"),
            claim("a-001", 3, "2019", "2019", period_type="point"),
            claim("a-002", 2, "2019", "2019", period_type="point"),
        ]
    )
    report = find_contradictions(ledger, COLUMNS)
    assert list(report.index) == list(range(len(report)))
    assert list(zip(report["claim_a"], report["claim_b"])) == [
        ("a-001", "a-002"),
        ("b-001", "a-002"),
        ("b-001", "b-002"),
        ("b-002", "a-001"),
    ]


def test_ranges_use_both_bounds() -> None:
    a = {**claim("a-001", 10, "2019", "2019", period_type="calendar_year"), "qualifier": "range", "value_high": 20}
    b = claim("a-002", 19, "2019", "2019", period_type="calendar_year")
    assert find_contradictions(pd.DataFrame([a, b]), COLUMNS).empty
    (row,) = find_contradictions(pd.DataFrame([a, {**b, "value": 25}]), COLUMNS).itertuples()
    assert "a-001 (range 10 to 20, 2019)" in row.explanation


def test_nested_totals_at_the_edges() -> None:
    outer = claim("a-001", 100, "2000", "2010")
    same_end = claim("a-002", 300, "2005", "2010")  # inside, ending with the outer period
    same_start = claim("a-003", 300, "2000", "2005")
    for inner in (same_end, same_start):
        for pair in ([outer, inner], [inner, outer]):
            (row,) = find_contradictions(pd.DataFrame(pair), COLUMNS).itertuples()
            assert row.claim_a == inner["claim_id"], pair
    touching = claim("a-004", 100.5, "2005", "2010", "at_least")  # its lowest value is the outer's highest
    assert find_contradictions(pd.DataFrame([outer, touching]), COLUMNS).empty
    shares = [claim("p-001", 30, "2000", "2010", unit="percent"), claim("p-002", 60, "2005", "2010", unit="percent")]
    assert find_contradictions(pd.DataFrame(shares), COLUMNS).empty  # shares of different periods do not add up


def test_parts_at_the_edge_and_in_several_groups() -> None:
    whole = claim("a-001", 50, "2000", "2005", geography="country", unit="percent", measure="share")
    unrelated = claim("z-001", 5, "2000", "2005", geography="elsewhere", unit="percent", measure="share")
    at_edge = [
        claim("a-002", 25, "2000", "2005", geography="country_north", unit="percent", measure="share"),
        {
            **claim("a-003", 26, "2000", "2005", geography="country_south", unit="percent", measure="share"),
            "qualifier": "range",
            "value_high": 30,
        },
        claim("a-004", 0.5, "2000", "2005", "at_least", geography="country_east", unit="percent", measure="share"),
    ]
    # their lowest values, 24.5 + 25.5 + 0.5, reach the whole's highest, 50.5, without passing it
    assert find_contradictions(pd.DataFrame([unrelated, whole, *at_edge]), COLUMNS).empty
    over = [
        claim("b-002", 30, "2000", "2005", geography="country_north", unit="percent", measure="share", source="doc-b"),
        claim("b-003", 30, "2000", "2005", geography="country_south", unit="percent", measure="share", source="doc-b"),
        claim("c-002", 40, "2001", "2005", geography="country_north", unit="percent", measure="share", source="doc-c"),
        {
            **claim("c-003", 20, "2001", "2005", geography="country_south", unit="percent", measure="share", source="doc-c"),
            "qualifier": "approximate",
        },
    ]
    report = find_contradictions(pd.DataFrame([unrelated, whole, *at_edge, *over]), COLUMNS)
    report = report[report["claim_b"].str.contains("+", regex=False)]  # the parts also disagree with each other
    assert list(report["claim_b"]) == ["b-002+b-003", "c-002+c-003"]
    assert list(report["qualifier_b"]) == ["exact", "approximate; exact"] and list(report["period_b"]) == [
        "2000-2005",
        "2001-2005",
    ]


def test_parts_of_a_place_whose_name_has_several_words() -> None:
    whole = claim("a-001", 50, "2000", "2005", geography="far_country", unit="percent", measure="share")
    parts = [
        claim(f"a-00{n}", 30, "2000", "2005", geography=f"far_country_{side}", unit="percent", measure="share")
        for n, side in ((2, "north"), (3, "south"))
    ]
    (row,) = find_contradictions(pd.DataFrame([whole, *parts]), COLUMNS).itertuples()
    assert row.claim_b == "a-002+a-003"


def test_claims_of_different_quantities_are_never_compared() -> None:
    ones = [claim(f"a-00{n}", 3, "2019", "2019", period_type="point") for n in (1, 2)]
    others = [{**claim(f"b-00{n}", 2, "2019", "2019", period_type="point"), "quantity": "something_else"} for n in (1, 2)]
    assert find_contradictions(pd.DataFrame([*ones, *others]), COLUMNS).empty
