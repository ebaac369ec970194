"""What users really feed secstats: each bad file gets one line per problem and exit 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from secstats import cli
from secstats.core.digest import sha256_of
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from tests.conftest import REPO, edit_ledger


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit status and stderr of one command, run in-process."""
    status = cli.main(argv)
    return status, capsys.readouterr().err


def check_scratch(layout: Layout, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``secstats check`` on a scratch copy."""
    monkeypatch.setattr(cli, "default_layout", lambda: layout)
    return run(["check"], capsys)


def one_problem(err: str, *parts: str) -> str:
    """The report's single problem line, after checking it names every part."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(lines) == 1, err
    assert all(part in lines[0] for part in parts), lines[0]
    return lines[0]


# --- validate: files that are not the CSV they claim to be ----------------------------------------


@pytest.mark.parametrize(
    "content, parts",
    [
        (b"", ["rule file not empty", "the file is empty"]),
        (b"\x00\x01\x02PK\x03\x04", ["rule text file", "binary"]),
        ("claim_id,value\ncaf\u00e9-001,1\n".encode("latin-1"), ["row 2", "rule UTF-8 encoding", "Latin-1", "UTF-8 is required"]),
        ("claim_id,value\n\u201cquoted\u201d,1\n".encode("cp1252"), ["row 2", "Windows-1252", "UTF-8 is required"]),
        (b"a;b;c\n1;2;3\n", ["row 1", "rule comma delimiter", "';'"]),
        (b"a,b\n1,2\n3,4,5\n", ["row 3", "rule fields per row", "3 fields, but the header has 2"]),
        (b'a,b\n1,2\n"3,4\n5,6\n', ["row 3", "rule CSV quoting", "never closed"]),
    ],
)
def test_validate_names_what_is_wrong_with_the_file(tmp_path: Path, capsys, content: bytes, parts: list[str]) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_bytes(content)
    status, err = run(["validate", str(mine), "--table", "homicides"], capsys)
    assert status == 1
    one_problem(err, str(mine), *parts)


def test_validate_of_a_missing_file_names_it(tmp_path: Path, capsys) -> None:
    status, err = run(["validate", str(tmp_path / "none.csv"), "--table", "homicides"], capsys)
    assert status == 1
    one_problem(err, "none.csv", "rule file present", "no such file")


def test_validate_against_the_wrong_table_says_which_table_it_is(capsys) -> None:
    status, err = run(["validate", str(REPO.clean / "extraditions.csv"), "--table", "reconciliation"], capsys)
    assert status == 1 and "Traceback" not in err and "KeyError" not in err
    assert "rule column present: missing column" in err
    hint = [line for line in err.splitlines() if "rule --table matches the file" in line]
    assert len(hint) == 1 and "extraditions" in hint[0] and "try --table" in hint[0]


def test_rows_after_a_blank_line_keep_their_line_numbers(tmp_path: Path, capsys) -> None:
    lines = (REPO.clean / "weapon_origins.csv").read_text(encoding="utf-8").splitlines()
    header, first, second = lines[0], lines[1], lines[2]
    broken = second.replace(",percent,", ",furlongs,", 1)
    mine = tmp_path / "mine.csv"
    mine.write_text("\n".join([header, "", first, "", broken]) + "\n", encoding="utf-8")
    status, err = run(["validate", str(mine), "--table", "weapon_origins"], capsys)
    assert status == 1
    one_problem(err, "row 5", "column unit", "isin")  # line 5 of the file, blank lines counted


def test_validate_warns_of_formula_like_cells_but_accepts_the_table(tmp_path: Path, capsys) -> None:
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[0, "derivation"] = '=HYPERLINK("http://example.com")'
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    status, err = run(["validate", str(mine), "--table", "weapon_origins"], capsys)
    assert status == 0
    assert "warning:" in err and "row 2" in err and "column derivation" in err and "formula" in err


def test_formula_warnings_are_shown_when_other_cells_are_wrong_too(tmp_path: Path, capsys) -> None:
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[0, "derivation"] = "=1+1"
    table.loc[1, "value"] = "-5"
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    status, err = run(["validate", str(mine), "--table", "weapon_origins"], capsys)
    assert status == 1
    assert "warning:" in err and "column derivation" in err and "row 3" in err and "at least 0" in err


def test_an_unregistered_source_id_is_named(tmp_path: Path, capsys) -> None:
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[2, "source_id"] = "nobody-2020"
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    status, err = run(["validate", str(mine), "--table", "weapon_origins"], capsys)
    assert status == 1
    one_problem(err, "row 4", "column source_id", "rule source_id registered", "'nobody-2020'")


# --- the ledger and the register as Excel and editors leave them ----------------------------------


def test_a_ledger_saved_by_excel_in_windows_1252_is_named(scratch: Layout, monkeypatch, capsys) -> None:
    text = scratch.ledger.read_text(encoding="utf-8")
    scratch.ledger.write_bytes(text.encode("cp1252", errors="replace"))
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "data/ledger/claims.csv", "rule UTF-8 encoding", "Windows-1252", "UTF-8 is required")


def test_a_ledger_with_semicolons_is_named(scratch: Layout, monkeypatch, capsys) -> None:
    pd.read_csv(scratch.ledger, dtype=str, keep_default_na=False).to_csv(scratch.ledger, index=False, sep=";")
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "data/ledger/claims.csv", "row 1", "comma delimiter")


def test_a_ledger_row_with_a_field_too_many_is_named(scratch: Layout, monkeypatch, capsys) -> None:
    lines = scratch.ledger.read_text(encoding="utf-8").split("\n")
    lines[3] += ",extra"
    scratch.ledger.write_text("\n".join(lines), encoding="utf-8")
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "row 4", "fields per row")


def test_an_unclosed_quotation_mark_is_named(scratch: Layout, monkeypatch, capsys) -> None:
    with open(scratch.ledger, "a", encoding="utf-8") as stream:
        stream.write('zz-001,src,"never closed\n')
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "CSV quoting", "never closed")


def test_a_blank_line_in_the_ledger_keeps_row_numbers_right(scratch: Layout, monkeypatch, capsys) -> None:
    lines = scratch.ledger.read_text(encoding="utf-8").split("\n")
    lines.insert(1, "")
    lines[4] = lines[4].replace(",exact,", ",roughly,", 1)  # the 3rd claim, now on line 5
    scratch.ledger.write_text("\n".join(lines), encoding="utf-8")
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "row 5", "column qualifier", "isin")


def test_an_empty_required_cell_is_called_empty_not_nan(scratch: Layout, monkeypatch, capsys) -> None:
    claim = edit_ledger(scratch, 2, "geography", "")
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    line = one_problem(err, "row 4", f"claim {claim}", "column geography", "not empty", "the cell is empty")
    assert "nan" not in line


def test_a_ledger_without_a_column_names_the_column(scratch: Layout, monkeypatch, capsys) -> None:
    pd.read_csv(scratch.ledger, dtype=str, keep_default_na=False).drop(columns="value").to_csv(scratch.ledger, index=False)
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "data/ledger/claims.csv", "column value", "missing column 'value'")
    assert "error: value" not in err


def repin(layout: Layout, path: Path) -> None:
    """Update the SHA256SUMS line of ``path``, as someone hiding an edit would."""
    sums = path.parent / "SHA256SUMS"  # each folder pins its own files
    lines = [
        line
        if not line.endswith(f" {path.name}") and not line.endswith(f" sources/{path.name}")
        else f"{sha256_of(path)}  {line.split(maxsplit=1)[1].lstrip('*')}"
        for line in sums.read_text(encoding="utf-8").splitlines()
    ]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_register_without_a_column_names_the_column(scratch: Layout, monkeypatch, capsys) -> None:
    register = scratch.sources_dir / "sources.csv"
    pd.read_csv(register, dtype=str, keep_default_na=False).drop(columns="author").to_csv(register, index=False)
    repin(scratch, register)
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "sources.csv", "missing column 'author'")


def test_a_document_that_is_not_utf8_is_named(scratch: Layout, monkeypatch, capsys) -> None:
    register = pd.read_csv(scratch.sources_dir / "sources.csv", dtype=str)
    document = scratch.sources_dir / register.loc[0, "file"]
    document.write_bytes(document.read_bytes() + "\u201cend\u201d".encode("cp1252"))
    repin(scratch, document)
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, register.loc[0, "file"], "UTF-8 encoding", "Windows-1252")


# --- exact reports: every bad cell once, in words, bounded -------------------------------------------


def test_every_bad_cell_is_named_once_in_words_and_no_exception_text(tmp_path: Path, capsys) -> None:
    """A text value does not hide a -5 in the same column; a bad date has its row and value."""
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[0, "value"] = "lots"
    table.loc[1, "value"] = "-5"
    table.loc[2, "period_start"] = "2000-13-01"
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    status, err = run(["validate", str(mine), "--table", "weapon_origins"], capsys)
    assert status == 1
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(lines) == 3, err
    assert "row 2" in lines[0] and "column value: rule a number" in lines[0] and "'lots'" in lines[0]
    assert "row 3" in lines[1] and "rule at least 0" in lines[1] and "-5" in lines[1]
    assert "row 4" in lines[2] and "column period_start: rule a date, YYYY-MM-DD" in lines[2] and "'2000-13-01'" in lines[2]
    assert "Error(" not in err and "nan" not in err


def test_a_claim_id_rule_is_said_in_words(scratch: Layout, monkeypatch, capsys) -> None:
    edit_ledger(scratch, 2, "claim_id", "Kloppe_3")
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    line = one_problem(err, "row 4", "column claim_id", "claim ids are lowercase letters, a hyphen and three digits")
    assert "[a-z]" not in line


def test_a_claim_id_of_another_documents_prefix_is_named(scratch: Layout, monkeypatch, capsys) -> None:
    ledger = pd.read_csv(scratch.ledger, dtype=str, keep_default_na=False)
    other = ledger.loc[ledger["source_id"] != ledger.loc[0, "source_id"], "claim_id"].iloc[0].split("-")[0]
    edit_ledger(scratch, 0, "claim_id", f"{other}-999")
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    assert "rule claim id prefix names its document" in err and f"{other}-999" in err


def test_a_pasted_candidate_with_extra_columns_names_them(scratch: Layout, monkeypatch, capsys) -> None:
    ledger = pd.read_csv(scratch.ledger, dtype=str, keep_default_na=False)
    ledger.assign(confidence="0.70", kind="quantity").to_csv(scratch.ledger, index=False)
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    assert "column 'confidence' is not one of the table's" in err and "column 'kind' is not one of" in err


def test_problems_of_every_stage_come_in_one_run(scratch: Layout, monkeypatch, capsys) -> None:
    """A changed checksum, a bad ledger cell and an unaccounted number: one run names all three."""
    (scratch.raw / "origins.csv").write_bytes((scratch.raw / "origins.csv").read_bytes() + b"\n")
    edit_ledger(scratch, 2, "qualifier", "roughly")
    dismissed = pd.read_csv(scratch.dismissed, dtype=str, keep_default_na=False)
    dismissed.iloc[1:].to_csv(scratch.dismissed, index=False)
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    assert "origins.csv: rule sha256" in err and "column qualifier" in err and "rule every quantity claimed or dismissed" in err


def test_a_long_report_is_capped_unless_all_is_asked(tmp_path: Path, capsys) -> None:
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    repeated = pd.concat([table.iloc[[1]]] * 120, ignore_index=True).assign(value="-1")
    mine = tmp_path / "mine.csv"
    repeated.to_csv(mine, index=False)
    status, err = run(["validate", str(mine), "--table", "weapon_origins"], capsys)
    assert status == 1
    total = int(err.split(" problem(s) found")[0].split()[-1])
    assert total >= 120 and sum(line.startswith("  - ") for line in err.splitlines()) == 50
    assert f"and {total - 50} more problem(s): run the command again with --all" in err
    status, err = run(["validate", str(mine), "--table", "weapon_origins", "--all"], capsys)
    assert sum(line.startswith("  - ") for line in err.splitlines()) == total
    assert sum("rule at least 0" in line for line in err.splitlines()) == 120


def test_a_long_value_is_shortened_in_the_report(tmp_path: Path, capsys) -> None:
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[0, "unit"] = "x" * 100_000
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    status, err = run(["validate", str(mine), "--table", "weapon_origins"], capsys)
    assert status == 1
    assert len(one_problem(err, "column unit")) < 1000 and "100,000 characters" in err


def test_check_names_a_dismissal_changed_since_the_build(scratch: Layout, monkeypatch, capsys) -> None:
    """dismissed.csv shapes coverage.csv: editing it makes the outputs stale, and check says so."""
    dismissed = pd.read_csv(scratch.dismissed, dtype=str, keep_default_na=False)
    dismissed.loc[0, "note"] = "a reworded note"
    dismissed.to_csv(scratch.dismissed, index=False)
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    one_problem(err, "data/ledger/dismissed.csv", "rule outputs built from these inputs", "input changed")


# --- reference files: problems named at the raw file's row --------------------------------------------

INEGI = "mexico/inegi_homicides_1990_2023.csv"


def rewrite_reference(layout: Layout, relative: str, change) -> None:
    path = layout.reference_dir / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    repin(layout, path)


def official_failure(layout: Layout) -> str:
    from secstats.ledger.claims import check_ledger
    from secstats.publish.catalog import build_clean_tables

    with pytest.raises(BuildError) as error:
        build_clean_tables(layout, check_ledger(layout))
    return str(error.value)


@pytest.mark.parametrize(
    "cell, rule, message",
    [
        ("lots", "rule figures are numbers", "'lots' is not a number"),
        ("-14493", "rule figures of one sign", "-14493 is negative"),
    ],
)
def test_a_bad_figure_in_a_reference_file_is_named_at_its_row(scratch: Layout, cell: str, rule: str, message: str) -> None:
    rewrite_reference(scratch, INEGI, lambda text: text.replace("\n1990,14493,", f"\n1990,{cell},", 1))
    report = official_failure(scratch)
    assert f"data/raw/reference/{INEGI}: row 2: column value: {rule}: {message}" in report
    assert "data/clean" not in report


def renamed_in_header(text: str, column: str) -> str:
    """A CSV's text with one column of its header renamed: the file no longer has that column."""
    header, rows = text.split("\n", 1)
    return ",".join("renamed" if name == column else name for name in header.split(",")) + "\n" + rows


@pytest.mark.parametrize(
    "file, column",
    [
        (INEGI, "value"),  # pd.concat with SESNSP's file used to fill it with NaN: "bad value nan" in the clean table
        ("mexico/conapo_population_national_1950_2070.csv", "value"),
        ("mexico/sesnsp_homicidio_doloso_victims_2015_2025.csv", "months_covered"),
        ("us/us_overdose_deaths_main_series_wide_1999_2021.csv", "deaths_cocaine_T405"),
        ("us/mexico_us_foreign_assistance_foreignassistance_gov.csv", "current_amount_usd"),
        ("mexico/mx_to_us_extraditions_reported.csv", "measure"),
    ],
)
def test_a_reference_file_without_a_column_it_is_read_for_is_named_at_its_header(scratch: Layout, file: str, column: str) -> None:
    rewrite_reference(scratch, file, lambda text: renamed_in_header(text, column))
    report = official_failure(scratch)
    assert f"data/raw/reference/{file}: row 1: column {column}: rule column present: missing column {column!r}" in report
    assert "data/clean" not in report and "nan" not in report and "KeyError" not in report


def test_a_reference_file_missing_a_year_names_the_year(scratch: Layout) -> None:
    rewrite_reference(
        scratch, INEGI, lambda text: "\n".join(line for line in text.splitlines() if not line.startswith("1994,")) + "\n"
    )
    report = official_failure(scratch)
    assert "rule declared coverage" in report and "missing year(s): 1994" in report


def test_a_source_id_registered_twice_is_the_first_problem_named(scratch: Layout, monkeypatch, capsys) -> None:
    register = scratch.sources_dir / "sources.csv"
    table = pd.read_csv(register, dtype=str, keep_default_na=False)
    table.loc[3, "source_id"] = table.loc[1, "source_id"]
    table.to_csv(register, index=False)
    repin(scratch, register)
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1
    first = next(line for line in err.splitlines() if line.startswith("  - "))
    assert "sources.csv: row 5: column source_id: rule source_id unique" in first and "first on row 3" in first


def test_a_long_quote_is_shortened_in_the_ledger_report(scratch: Layout, monkeypatch, capsys) -> None:
    edit_ledger(scratch, 0, "quote", "x" * 100_000)  # the value 2 is not written in it: the quote is named
    status, err = check_scratch(scratch, monkeypatch, capsys)
    assert status == 1 and "Traceback" not in err
    assert max(map(len, err.splitlines())) < 1000 and "characters)" in err
