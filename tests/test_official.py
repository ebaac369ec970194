"""Official series: pinned reference files, a rate checked from the raw files, verdicts that respect qualifiers."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from secstats.checks.reconciliation import build_reconciliation
from secstats.clean.families import COUNTERPARTS
from secstats.clean.official import OFFICIAL_TABLES
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.core.schemas import Reconciliation
from secstats.core.semantics import allows, rounding_unit
from secstats.ledger.claims import check_ledger
from secstats.publish.catalog import CATALOG
from secstats.raw.sources import verify_raw
from tests.conftest import REPO

LEDGER = check_ledger(REPO)


def test_a_changed_reference_file_stops_the_build(scratch: Layout) -> None:
    reference = scratch.reference_dir / "mexico" / "inegi_homicides_1990_2023.csv"
    reference.write_bytes(reference.read_bytes().replace(b"\n1995,", b"\n1995,1", 1))
    with pytest.raises(BuildError, match=r"inegi_homicides_1990_2023\.csv.*checksum mismatch"):
        verify_raw(scratch)


def raw_rows(relative: str) -> dict[str, dict[str, str]]:
    """A raw reference CSV read with the csv module alone, keyed by year: independent of the build."""
    with open(REPO.reference_dir / relative, newline="", encoding="utf-8") as stream:
        return {row["year"]: row for row in csv.DictReader(stream)}


@pytest.mark.parametrize("year", ["1990", "2007", "2011", "2023"])
def test_rate_per_100k_matches_the_raw_count_and_population(year: str, built: dict[str, pd.DataFrame]) -> None:
    count = int(raw_rows("mexico/inegi_homicides_1990_2023.csv")[year]["value"])
    population = int(raw_rows("mexico/conapo_population_national_1950_2070.csv")[year]["value"])
    table = built["official_mexico_homicides"]
    row = table[(table["year"] == int(year)) & (table["series"] == "inegi_deaths_by_registration")].iloc[0]
    assert row["rate_per_100k"] == pytest.approx(count / population * 100_000, abs=0.005)


def test_partial_years_get_no_rate(built: dict[str, pd.DataFrame]) -> None:
    table = built["official_mexico_homicides"]
    assert table.loc[table["months_covered"] < 12, "rate_per_100k"].isna().all()


# The rule is tested on round, made-up numbers: no real figure is typed into a test.
@pytest.mark.parametrize("qualifier", ["more_than", "at_least"])
def test_a_lower_bound_that_is_not_met_never_passes(qualifier: str) -> None:
    assert not allows(qualifier, 500, None, 499)
    assert allows(qualifier, 500, None, 501)


def test_bound_edges_follow_the_words() -> None:
    assert not allows("more_than", 500, None, 500)  # "more than" excludes the bound
    assert allows("at_least", 500, None, 500)
    assert not allows("less_than", 500, None, 500)


def test_exact_and_approximate_tolerances() -> None:
    assert allows("exact", 5000, None, 5040)  # a round number read to its first two digits: +-50
    assert not allows("exact", 5000, None, 5060)
    assert not allows("exact", 1234, None, 1235)  # written to the unit
    assert not allows("exact", 300_000_000, None, 299_000_000)  # "300 million": +-0.5 million
    assert allows("approximate", 1200, None, 1310)  # 10 percent of 1,200 is 120
    assert not allows("approximate", 1200, None, 1330)
    assert allows("range", 10, 20, 20.4) and not allows("range", 10, 20, 21)


@pytest.mark.parametrize(
    "value, unit",
    [(1234, 1), (5000, 100), (64_000, 1000), (1_500_000_000, 100_000_000), (300_000_000, 1_000_000), (70, 1), (2.5, 0.1)],
)
def test_rounding_unit_is_read_from_the_written_number(value: float, unit: float) -> None:
    assert math.isclose(rounding_unit(value), unit)


def test_reconciliation_lists_every_verdict_claim_with_candidates_or_a_reason(built: dict[str, pd.DataFrame]) -> None:
    table = built["reconciliation"]
    families = built["claims"].loc[built["claims"]["family"] != "other", "claim_id"]
    assert set(table["claim_id"]) == set(families) and set(families) <= set(built["verdicts"]["claim_id"])
    found = table["match"].notna()
    assert table.loc[found, "official_value"].notna().all() and table.loc[found, "within_tolerance"].notna().all()
    assert table.loc[~found, "reason"].str.match(r"^(no series|period not covered|geography not covered)").all()


def reconcile_one(claim: pd.Series, built: dict[str, pd.DataFrame]) -> pd.DataFrame:
    official = {spec.name: built[spec.name] for spec in OFFICIAL_TABLES}
    return build_reconciliation(claim.to_frame().T, official, COUNTERPARTS, list(Reconciliation.to_schema().columns))


def test_a_lower_bound_above_the_official_figure_fails_in_the_pipeline(built: dict[str, pd.DataFrame]) -> None:
    table = built["reconciliation"]
    bound = table[(table["qualifier"] == "more_than") & (table["match"] == "same_period")].iloc[0]
    claim = LEDGER.set_index("claim_id").loc[bound["claim_id"]].copy()
    claim["claim_id"] = bound["claim_id"]
    claim["value"] = bound["official_value"] + 1
    assert not reconcile_one(claim, built)["within_tolerance"].any()
    claim["value"] = bound["official_value"] - 1
    assert reconcile_one(claim, built)["within_tolerance"].all()


def test_every_published_table_has_a_model_with_described_columns() -> None:
    for name, table in CATALOG.items():
        schema = table.model.to_schema()
        assert table.description, name
        assert all(column.description for column in schema.columns.values()), name
