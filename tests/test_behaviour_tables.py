"""Derived rows on made-up claims: a percent change is a percent, and arithmetic on any approximate
input is approximate. Expectations are worked out by hand from the rule, not from the code."""

from __future__ import annotations

import pandas as pd

from secstats.clean.families import table_spec
from secstats.clean.indicators import assemble, loosest_qualifier, share_remainders

BASE = {
    "source_id": "doc",
    "family": "homicide",
    "geography": "x",
    "period_type": "calendar_year",
    "year_basis": "calendar",
    "value_high": None,
    "processing": "stated",
    "derivation": None,
    "quote": "made up",
    "note": None,
    "cited_source": None,
}


def claim(
    claim_id: str, measure: str, period: tuple[str, str], value: float, unit: str, qualifier: str = "exact", **more: object
) -> dict:
    start = int(claim_id.rsplit("-", 1)[1]) * 100
    return {**BASE, "claim_id": claim_id, "measure": measure, "period_start": period[0], "period_end": period[1],
            "value": value, "unit": unit, "qualifier": qualifier, "quote_start": start, **more}  # fmt: skip


def test_qualifier_is_exact_only_when_every_input_is() -> None:
    """Fails if .all() becomes .any() (one exact input would make the result exact)."""
    assert loosest_qualifier(pd.DataFrame({"qualifier": ["exact", "exact"]})) == "exact"
    assert loosest_qualifier(pd.DataFrame({"qualifier": ["exact", "approximate"]})) == "approximate"
    assert loosest_qualifier(pd.DataFrame({"qualifier": ["more_than", "exact"]})) == "approximate"


def test_a_share_remainder_of_an_approximate_share_is_approximate() -> None:
    shares = pd.DataFrame(
        [
            claim("doc-001", "share", ("2020", "2020"), 70.0, "percent", geography="united_states"),
            claim("doc-002", "share", ("2020", "2020"), 10.0, "percent", "approximate", geography="spain"),
        ]
    )
    (row,) = share_remainders(shares, "share").to_dict("records")
    assert row["value"] == 20.0 and row["qualifier"] == "approximate" and row["geography"] == "all_other_origins"


def test_a_percent_change_implies_the_earlier_level_as_a_percent() -> None:
    """36,000 homicides in 2020 after a rise of 20 percent from 2019: 2019 had 36,000 / 1.20 = 30,000.
    Fails if the percent is used as a fraction (36,000 / 21) or as a multiple (36,000 / 0.2)."""
    ledger = pd.DataFrame(
        [
            claim("doc-001", "homicides", ("2020", "2020"), 36000.0, "count"),
            claim("doc-002", "homicides_percent_change", ("2019", "2020"), 20.0, "percent", period_type="span"),
        ]
    )
    table = assemble(ledger, table_spec("homicides"))
    derived = table[table["processing"] == "derived"]
    assert len(derived) == 1
    row = derived.iloc[0]
    assert (row["measure"], row["period_start"], row["period_end"], row["value"]) == ("homicides", "2019", "2019", 30000.0)
