"""Official series: pinned reference files, a rate checked from the raw files, verdicts that respect qualifiers."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from secstats.catalog import CATALOG, read_table
from secstats.claims import check_ledger
from secstats.official import OFFICIAL_TABLES
from secstats.paths import Layout
from secstats.problems import BuildError
from secstats.reconciliation import FAMILIES, build_reconciliation, judge, rounding_unit
from secstats.schemas import Reconciliation
from secstats.sources import verify_raw

from tests.conftest import REPO

LEDGER = check_ledger(REPO)
OFFICIAL = {spec.name: read_table(REPO, spec.name) for spec in OFFICIAL_TABLES}


def test_a_changed_reference_file_stops_the_build(scratch: Layout) -> None:
    reference = scratch.reference_dir / "mexico" / "inegi_homicides_1990_2023.csv"
    reference.write_bytes(reference.read_bytes().replace(b"\n1995,", b"\n1995,1", 1))
    with pytest.raises(BuildError, match="inegi_homicides_1990_2023.csv.*checksum mismatch"):
        verify_raw(scratch)


def raw_rows(relative: str) -> dict[str, dict[str, str]]:
    """A raw reference CSV read with the csv module alone, keyed by year: independent of the build."""
    with open(REPO.reference_dir / relative, newline="", encoding="utf-8") as stream:
        return {row["year"]: row for row in csv.DictReader(stream)}


@pytest.mark.parametrize("year", ["1990", "2007", "2011", "2023"])
def test_rate_per_100k_matches_the_raw_count_and_population(year: str) -> None:
    count = int(raw_rows("mexico/inegi_homicides_1990_2023.csv")[year]["value"])
    population = int(raw_rows("mexico/conapo_population_national_1950_2070.csv")[year]["value"])
    table = OFFICIAL["official_mexico_homicides"]
    row = table[(table["year"] == int(year)) & (table["series"] == "inegi_deaths_by_registration")].iloc[0]
    assert row["rate_per_100k"] == pytest.approx(count / population * 100_000, abs=0.005)


def test_partial_years_get_no_rate() -> None:
    table = OFFICIAL["official_mexico_homicides"]
    assert table.loc[table["months_covered"] < 12, "rate_per_100k"].isna().all()


# The rule is tested on round, made-up numbers: no real figure is typed into a test.
@pytest.mark.parametrize("qualifier", ["more_than", "at_least"])
def test_a_lower_bound_that_is_not_met_never_passes(qualifier: str) -> None:
    assert judge(qualifier, 500, None, 499)[0] == "inconsistent"
    assert judge(qualifier, 500, None, 501)[0] == "consistent"


def test_bound_edges_follow_the_words() -> None:
    assert judge("more_than", 500, None, 500)[0] == "inconsistent"  # "more than" excludes the bound
    assert judge("at_least", 500, None, 500)[0] == "consistent"
    assert judge("less_than", 500, None, 500)[0] == "inconsistent"


def test_exact_and_approximate_tolerances() -> None:
    assert judge("exact", 5000, None, 5400)[0] == "consistent"      # rounded to thousands: +-500
    assert judge("exact", 5000, None, 5600)[0] == "inconsistent"
    assert judge("exact", 1234, None, 1235)[0] == "inconsistent"    # written to the unit
    assert judge("exact", 300_000_000, None, 299_000_000)[0] == "inconsistent"  # "300 million": +-0.5 million
    assert judge("approximate", 1200, None, 1310)[0] == "consistent"    # 10 percent of 1,200 is 120
    assert judge("approximate", 1200, None, 1330)[0] == "inconsistent"
    assert judge("range", 10, 20, 20.4)[0] == "consistent" and judge("range", 10, 20, 21)[0] == "inconsistent"


@pytest.mark.parametrize("value, unit", [(1234, 1), (5000, 1000), (1_500_000_000, 100_000_000), (300_000_000, 1_000_000),
                                         (70, 1), (2.5, 0.1)])
def test_rounding_unit_is_read_from_the_written_number(value: float, unit: float) -> None:
    assert math.isclose(rounding_unit(value), unit)


def test_reconciliation_lists_every_claim_of_the_five_families_with_a_verdict_or_reason() -> None:
    table = read_table(REPO, "reconciliation")
    expected = set(LEDGER.loc[LEDGER["family"].isin(FAMILIES), "claim_id"])
    assert set(table["claim_id"]) == expected
    judged = table["verdict"] != "no_counterpart"
    assert table.loc[judged, "official_value"].notna().all()
    assert table.loc[~judged, "reason"].str.match(r"^(no series|period not covered|scope differs|geography not covered)").all()


def reconcile_one(claim: pd.Series) -> pd.DataFrame:
    return build_reconciliation(claim.to_frame().T, OFFICIAL, list(Reconciliation.to_schema().columns))


def test_a_lower_bound_above_the_official_figure_is_inconsistent_in_the_pipeline() -> None:
    table = read_table(REPO, "reconciliation")
    bound = table[(table["qualifier"] == "more_than") & table["official_value"].notna()].iloc[0]
    claim = LEDGER.set_index("claim_id").loc[bound["claim_id"]].copy()
    claim["claim_id"] = bound["claim_id"]
    claim["value"] = bound["official_value"] + 1
    assert (reconcile_one(claim)["verdict"] == "inconsistent").all()
    claim["value"] = bound["official_value"] - 1
    assert (reconcile_one(claim)["verdict"] == "consistent").all()


def test_every_published_table_has_a_model_with_described_columns() -> None:
    for name, model in CATALOG.items():
        schema = model.to_schema()
        assert model.__doc__, name
        assert all(column.description for column in schema.columns.values()), name
