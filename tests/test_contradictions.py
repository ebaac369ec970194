"""Contradictions are found by rule from the quantity key, never from a list of claim ids."""

from __future__ import annotations

import pandas as pd

from secstats.catalog import read_table
from secstats.claims import check_ledger
from secstats.contradictions import find_contradictions
from secstats.schemas import Contradictions

from tests.conftest import REPO

COLUMNS = list(Contradictions.to_schema().columns)


def claim(claim_id: str, value: float, start: str, end: str, qualifier: str = "exact", geography: str = "mexico",
          source: str = "doc-a", period_type: str = "span", measure: str = "homicides", unit: str = "count") -> dict:
    return {"claim_id": claim_id, "source_id": source, "measure": measure, "quantity": "homicides", "value": value,
            "value_high": None, "unit": unit, "qualifier": qualifier, "period_start": start, "period_end": end,
            "period_type": period_type, "geography": geography}


def test_a_shorter_span_with_a_larger_total_is_incompatible() -> None:
    ledger = pd.DataFrame([claim("a-001", 1200, "2000", "2010", "approximate", source="doc-a"),
                           claim("b-001", 2500, "2000", "2008", "approximate", source="doc-b")])
    (row,) = find_contradictions(ledger, COLUMNS).itertuples()
    assert row.verdict == "incompatible" and not row.same_document
    assert row.claim_a == "b-001" and "period" in row.differs and "value" in row.differs


def test_lower_bounds_for_nested_periods_are_listed_as_differing() -> None:
    ledger = pd.DataFrame([claim("a-001", 3000, "2000", "2010", "more_than"),
                           claim("b-001", 2000, "2000", "2009-01", "more_than", source="doc-b")])
    (row,) = find_contradictions(ledger, COLUMNS).itertuples()
    assert row.verdict == "differs" and row.difference == 1000


def test_parts_that_exceed_their_whole_are_incompatible() -> None:
    shares = [claim("a-001", 50, "2000", "2010", geography="country", unit="percent", measure="share")]
    shares += [claim(f"a-00{n}", v, "2000", "2005", geography=f"country_{s}", unit="percent", measure="share")
               for n, v, s in ((2, 30, "north"), (3, 15, "south"), (4, 10, "east"))]
    (row,) = find_contradictions(pd.DataFrame(shares), COLUMNS).itertuples()
    assert row.verdict == "incompatible" and row.value_b == 30 + 15 + 10 and row.claim_b == "a-002+a-003+a-004"


def test_touching_periods_and_agreeing_bounds_are_not_listed() -> None:
    ledger = pd.DataFrame([claim("a-001", 100, "2000", "2006"), claim("a-002", 300, "2006", "2012"),
                           claim("a-003", 2000, "2018", "2018", "more_than", period_type="calendar_year"),
                           claim("a-004", 2050, "2018", "2018", period_type="calendar_year")])
    assert find_contradictions(ledger, COLUMNS).empty


def test_the_report_finds_the_known_disagreements_in_the_ledger() -> None:
    report = read_table(REPO, "contradictions")
    ledger = check_ledger(REPO).set_index("claim_id")
    cross_document = report[(report["quantity"] == "homicides") & ~report["same_document"] & (report["verdict"] == "incompatible")]
    assert not cross_document.empty
    disappeared = report[report["quantity"] == "people_disappeared"]
    assert (disappeared["qualifier_a"] == "more_than").any()
    parts = report[report["claim_b"].str.contains("+", regex=False)]
    assert (parts["verdict"] == "incompatible").any()
    for row in report.itertuples():
        ids = [row.claim_a, *row.claim_b.split("+")]
        assert len({ledger.loc[i, "quantity"] for i in ids}) == 1, ids


def test_durations_are_compared_within_a_document_only() -> None:
    ledger = pd.DataFrame([claim("a-001", 20, "1990", "2009", unit="years"), claim("a-002", 10, "2000", "2009", unit="years"),
                           claim("b-001", 5, "2006", "2010", unit="years", source="doc-b")])
    report = find_contradictions(ledger, COLUMNS)
    assert list(zip(report["claim_a"], report["claim_b"])) == [("a-001", "a-002")]
