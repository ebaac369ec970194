"""Rules that catch what used to pass, and accept what is valid: exact written numbers, periods
after publication, one family per measure, declared reference coverage, zero baselines, empty families."""

from __future__ import annotations

import pandas as pd
import pytest

from secstats.clean.official import OFFICIAL_TABLES
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.core.written_numbers import is_written_in, numbers_in
from secstats.ledger.claims import check_ledger, read_ledger
from secstats.publish.catalog import build_clean_tables
from tests.conftest import REPO, edit_ledger
from tests.test_bad_input import repin

LEDGER = check_ledger(REPO)


# --- a value is the number its quote writes, at that number's own precision -----------------------


@pytest.mark.parametrize(
    "quote, value",
    [
        ("USD$2.8 billion", "2800000000"),
        ("some 400 million dollars", "400000000"),
        ("one hundred", "100"),
        ("one hundred one", "101"),
        ("one hundred and one", "101"),
        ("two thousand five hundred", "2500"),
        ("twenty-five", "25"),
        ("two decades", "20"),
        ("ranks second-to-last", "2"),
        ("more than 70,000 people", "70000"),
        ("a 2.50 percent rise", "2.5"),
    ],
)
def test_a_value_written_in_its_quote_is_accepted(quote: str, value: str) -> None:
    assert is_written_in(value, quote)


@pytest.mark.parametrize(
    "quote, value",
    [
        ("USD$2.8 billion", "2800000002"),  # more precise than the words: not what they say
        ("USD$2.8 billion", "2.8"),  # the bare numeral: the words say billions
        ("one hundred one", "100"),
        ("one hundred one", "1"),
        ("one hundred", "1"),
        ("more than 70,000 people", "70"),
        ("2,700", "70"),
    ],
)
def test_a_value_the_quote_does_not_write_is_rejected(quote: str, value: str) -> None:
    assert not is_written_in(value, quote)


def test_number_words_are_read_whole() -> None:
    assert numbers_in("one hundred one and five") == {101, 5}


def failure_for(layout: Layout) -> str:
    with pytest.raises(BuildError) as error:
        check_ledger(layout)
    return str(error.value)


def test_a_value_beyond_its_written_precision_fails_the_ledger(scratch: Layout) -> None:
    ledger = read_ledger(scratch)
    row = int(ledger.index[ledger["quote"].str.contains("billion")][0])
    value = ledger.loc[row, "value"]
    claim = edit_ledger(scratch, row, "value", str(int(float(value)) + 2))
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "column value" in message and "value written in quote" in message


# --- a period cannot end after its document, unless the claim is a projection ---------------------


def test_a_period_ending_after_publication_is_caught(scratch: Layout) -> None:
    row = int(read_ledger(scratch).index[0])
    edit_ledger(scratch, row, "period_end", "2999")
    claim = edit_ledger(scratch, row, "period_type", "span")
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "column period_end" in message and "period not after the document" in message


def test_a_projection_may_end_after_publication(scratch: Layout) -> None:
    ledger = read_ledger(scratch)
    row = int(ledger.index[0])
    edit_ledger(scratch, row, "period_end", "2999")
    edit_ledger(scratch, row, "period_type", "span")
    edit_ledger(scratch, row, "note", "projection: a made-up forecast")
    check_ledger(scratch)  # no error


# --- a measure belongs to exactly one family --------------------------------------------------------


def test_a_measure_filed_under_another_family_is_caught(scratch: Layout) -> None:
    ledger = read_ledger(scratch)
    row = int(ledger.index[ledger["measure"] == "homicide_rate"][0])
    claim = edit_ledger(scratch, row, "family", "other")
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "column family" in message
    assert "measure 'homicide_rate' belongs to family 'homicide'" in message


def test_an_undeclared_measure_stays_in_one_family(scratch: Layout) -> None:
    ledger = read_ledger(scratch)
    rows = ledger.index[ledger["measure"] == ledger["measure"].iloc[0]]
    if len(rows) < 2:  # make a second claim of that measure in another family
        rows = ledger.index[ledger["family"] == "other"][:2]
        edit_ledger(scratch, int(rows[1]), "measure", ledger.loc[rows[0], "measure"])
    claim = edit_ledger(scratch, int(rows[1]), "family", "overdose" if ledger.loc[rows[0], "family"] != "overdose" else "other")
    assert "measure in one family" in failure_for(scratch) and claim in failure_for(scratch)


# --- reference files meet the coverage their publisher declares -------------------------------------

INEGI = "mexico/inegi_homicides_1990_2023.csv"


def read_inegi(layout: Layout) -> pd.DataFrame:
    spec = next(spec for spec in OFFICIAL_TABLES if spec.name == "official_mexico_homicides")
    return spec.read(layout)


def rewrite(layout: Layout, relative: str, change) -> None:
    """Change a reference file's text and re-pin its checksum: only the coverage rules can object."""
    path = layout.reference_dir / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    repin(layout, path)


def reference_failure(layout: Layout) -> str:
    with pytest.raises(BuildError) as error:
        read_inegi(layout)
    return str(error.value)


def test_a_year_listed_twice_is_caught(scratch: Layout) -> None:
    rewrite(scratch, INEGI, lambda text: text + text.splitlines()[5] + "\n")
    message = reference_failure(scratch)
    assert INEGI in message and "rule key unique" in message and "year=1994 is listed twice" in message
    assert "row 36" in message


def test_a_file_cut_off_mid_line_is_caught(scratch: Layout) -> None:
    rewrite(scratch, INEGI, lambda text: text[: len(text) - len(text.splitlines()[-1]) // 2 - 1])
    message = reference_failure(scratch)
    assert INEGI in message and "row 35" in message  # the last line: its quoted cell never closes


def test_a_file_short_of_its_declared_rows_is_caught(scratch: Layout) -> None:
    rewrite(scratch, INEGI, lambda text: "\n".join(text.splitlines()[:-1]) + "\n")
    message = reference_failure(scratch)
    assert "rule declared coverage" in message and "declares 34" in message and "last year" in message


def test_thousands_separators_are_caught(scratch: Layout) -> None:
    rewrite(scratch, INEGI, lambda text: text.replace("\n1990,14493,", '\n1990,"14,493",', 1))
    message = reference_failure(scratch)
    assert "row 2" in message and "column value" in message and "thousands separators" in message


def test_a_reference_file_without_declared_coverage_is_caught(scratch: Layout) -> None:
    rewrite(
        scratch,
        "mexico/declared_coverage.csv",
        lambda text: "\n".join(line for line in text.splitlines() if not line.startswith("inegi_homicides_1990_2023.csv")) + "\n",
    )
    assert "rule coverage declared" in reference_failure(scratch)


# --- arithmetic that cannot be done stops the build -------------------------------------------------


def test_a_zero_baseline_is_a_problem_not_infinity(scratch: Layout) -> None:
    ledger = LEDGER.copy()
    change = ledger.index[ledger["measure"] == "overdose_deaths_change"][0]
    ledger.loc[change, "value"] = 0.0  # "0 times as many": no earlier level to divide by
    with pytest.raises(BuildError) as error:
        build_clean_tables(scratch, ledger)
    assert "rule finite value" in str(error.value) and "data/clean/overdose_deaths.csv" in str(error.value)


def test_a_family_with_no_claims_left_is_a_problem(scratch: Layout) -> None:
    ledger = LEDGER[LEDGER["family"] != "extradition"].reset_index(drop=True)
    with pytest.raises(BuildError) as error:
        build_clean_tables(scratch, ledger)
    assert "rule family has claims" in str(error.value) and "'extradition'" in str(error.value)
