"""Clean tables: bad rows are named precisely, and derived rows recompute from the ledger."""

from __future__ import annotations

import pandas as pd
import pytest

from secstats.clean.families import FAMILIES, TABLES, table_spec
from secstats.clean.indicators import implied_earlier_levels
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.ledger.claims import check_ledger
from secstats.publish.catalog import read_table
from tests.conftest import REPO

LEDGER = check_ledger(REPO)


def break_one_row(layout: Layout, name: str, column: str, value: str, row: int = 0) -> None:
    """Overwrite one cell of a clean table in the scratch copy."""
    path = layout.clean / table_spec(name).file_name
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[row, column] = value
    table.to_csv(path, index=False)


def failure(layout: Layout, name: str) -> str:
    with pytest.raises(BuildError) as error:
        read_table(layout, name, set(LEDGER["claim_id"]))
    return str(error.value)


@pytest.mark.parametrize("name", [spec.name for spec in TABLES])
@pytest.mark.parametrize(
    "column, bad, check",
    [
        ("value", "-5", "greater_than_or_equal_to(0)"),
        ("claim_id", "nobody-999", "claim_id in ledger"),
        ("period_start", "2100-01-01", "not before period_start"),
    ],
)
def test_bad_row_names_file_row_column_and_check(scratch: Layout, name: str, column: str, bad: str, check: str) -> None:
    break_one_row(scratch, name, column, bad, row=1)
    message = failure(scratch, name)
    assert f"data/clean/{name}.csv" in message
    assert "row 3" in message  # row 1 counted from 0, plus the header line
    assert f"column {'period_end' if column == 'period_start' else column}" in message
    assert check in message


@pytest.mark.parametrize("name", ["homicides", "weapon_origins", "overdose_deaths"])
def test_share_above_100_is_caught(scratch: Layout, name: str) -> None:
    table = pd.read_csv(scratch.clean / f"{name}.csv", dtype=str, keep_default_na=False)
    row = int(((table["unit"] == "percent") & ~table["measure"].str.endswith("_change")).idxmax())
    break_one_row(scratch, name, "value", "101", row=row)
    message = failure(scratch, name)
    assert f"row {row + 2}" in message and "column value" in message and "between 0 and 100" in message


def test_every_claim_of_the_five_families_is_tabled_or_left_out_with_a_reason(built: dict[str, pd.DataFrame]) -> None:
    for registered in FAMILIES:
        spec = registered.table
        family = LEDGER[LEDGER["family"] == registered.name]
        tabled = set(built[spec.name]["claim_id"].str.split(";").explode())
        for claim in family.itertuples():
            assert claim.claim_id in tabled or claim.measure in spec.left_out, (spec.name, claim.claim_id)


def claim(claim_id: str) -> pd.Series:
    return LEDGER.set_index("claim_id").loc[claim_id]


@pytest.fixture
def derived_rows(built: dict[str, pd.DataFrame]):
    """The derived rows of a table built in memory."""

    def rows(name: str) -> pd.DataFrame:
        table = built[name]
        return table[table["processing"] == "derived"]

    return rows


def test_per_year_averages_recompute_from_their_claims(derived_rows) -> None:
    rows = derived_rows("extraditions")
    assert len(rows) >= 2
    for row in rows.itertuples():
        total = claim(row.claim_id)
        years = int(total.period_end) - int(total.period_start)
        assert row.value == pytest.approx(total.value / years, abs=0.05)


def test_implied_earlier_homicide_count_recomputes(derived_rows) -> None:
    rows = derived_rows("homicides")
    assert len(rows) == 1
    level_id, change_id = rows.iloc[0]["claim_id"].split(";")
    expected = claim(level_id).value / (1 + claim(change_id).value / 100)
    # A two-figure percentage leaves two significant figures: within half a thousand of the quotient.
    assert rows.iloc[0]["value"] == pytest.approx(expected, abs=500)
    assert rows.iloc[0]["value"] % 1000 == 0 and "rounded to 2 significant figures" in rows.iloc[0]["derivation"]
    assert rows.iloc[0]["period_start"] == claim(change_id).period_start
    assert rows.iloc[0]["qualifier"] == "approximate"


@pytest.mark.parametrize("change, expected", [(20.0, 11000.0), (21.5, 11200.0), (200.0, 4530.0)])
def test_an_implied_level_keeps_the_figures_of_its_least_precise_input(change: float, expected: float) -> None:
    """Made-up claims: 13,579 after a change of N percent; the earlier level has as many significant
    figures as the change as written (20 -> 2, 21.5 -> 3, 200 -> 3: whole numbers below 1,000 are exact to the unit)."""
    base = {
        "geography": "x",
        "period_type": "calendar_year",
        "year_basis": "calendar",
        "value_high": None,
        "unit": "count",
        "qualifier": "exact",
        "source_id": "doc",
        "processing": "stated",
        "derivation": None,
    }
    stated = pd.DataFrame(
        [
            {
                **base,
                "measure": "level",
                "period_start": "2001",
                "period_end": "2001",
                "value": 13579.0,
                "claim_id": "doc-001",
                "quote_start": 10,
            },
            {
                **base,
                "measure": "change",
                "period_start": "2000",
                "period_end": "2001",
                "value": change,
                "unit": "percent",
                "claim_id": "doc-002",
                "quote_start": 40,
            },
        ]
    )
    (row,) = implied_earlier_levels(
        stated, "change", "level", lambda step: 1 + step["value"] / 100, "(1 + {change}/100)"
    ).itertuples()
    assert (row.value, row.period_start, row.qualifier) == (expected, "2000", "approximate")


def test_share_remainders_complete_each_breakdown_to_100(built: dict[str, pd.DataFrame], derived_rows) -> None:
    table = built["weapon_origins"]
    for row in derived_rows("weapon_origins").itertuples():
        parts = [claim(c).value for c in row.claim_id.split(";")]
        assert row.value + sum(parts) == pytest.approx(100)
        assert set(table[table["period_end"] == row.period_end]["claim_id"]) >= set(row.claim_id.split(";"))


def test_undisbursed_is_allocated_minus_disbursed(derived_rows) -> None:
    (row,) = derived_rows("merida_funding").itertuples()
    allocated, disbursed = (claim(c) for c in row.claim_id.split(";"))
    assert (allocated.measure, disbursed.measure) == ("merida_funding_allocated", "merida_funding_disbursed")
    assert row.value == allocated.value - disbursed.value
    assert row.year_basis == "fiscal"


def test_stated_rows_copy_every_column_they_share_with_their_claim(built: dict[str, pd.DataFrame]) -> None:
    ledger = LEDGER.set_index("claim_id", drop=False)
    for spec in TABLES:
        stated = built[spec.name].query("processing == 'stated'")
        assert len(stated) == ledger["measure"].isin(list(spec.measures)).sum(), spec.name
        shared = [c for c in stated.columns if c in ledger.columns]
        assert len(shared) >= 11, shared  # every ledger column a table carries: values, period, ids (no value_high: no ranges)
        expected = ledger.loc[stated["claim_id"], shared].reset_index(drop=True)
        pd.testing.assert_frame_equal(stated[shared].reset_index(drop=True), expected, check_dtype=False)
        assert stated["derivation"].isna().all()


def test_unknown_table_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="valid tables: homicides, extraditions"):
        table_spec("homicide")


def test_a_measure_no_table_takes_stops_the_build(scratch: Layout) -> None:
    from secstats.publish.catalog import build_clean_tables
    from tests.conftest import edit_ledger

    ledger = check_ledger(scratch)
    row = int(ledger.index[ledger["family"] == "extradition"][0])
    claim_id = edit_ledger(scratch, row, "measure", "extraditions_renamed")
    with pytest.raises(BuildError) as error:
        build_clean_tables(scratch, check_ledger(scratch))
    message = str(error.value)
    assert f"row {row + 2}: claim {claim_id}: column measure: rule measure tabled or left out" in message
