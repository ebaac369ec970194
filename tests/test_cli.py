"""The command line: every command, its --help, and the bad-name and bad-file paths (exit 1, clear stderr)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from secstats.catalog import CATALOG
from secstats.cli import main

from tests.conftest import REPO


@pytest.mark.parametrize("command", ["build", "check", "list", "show", "cite", "validate"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"usage: secstats {command}" in capsys.readouterr().out


def test_list_prints_every_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    printed = capsys.readouterr().out
    assert all(name in printed for name in CATALOG)


def test_show_prints_the_table_as_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "extraditions", "--csv"]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0] == (REPO.clean / "extraditions.csv").read_text().splitlines()[0]


def test_show_of_an_unknown_table_fails_with_the_valid_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "homicide"]) == 1
    assert "valid tables: claims, homicides" in capsys.readouterr().err


def test_cite_prints_the_quote(capsys: pytest.CaptureFixture[str]) -> None:
    claim = pd.read_csv(REPO.ledger, dtype=str).iloc[0]
    assert main(["cite", claim["claim_id"]]) == 0
    assert claim["quote"] in capsys.readouterr().out


def test_cite_of_an_unknown_claim_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "nobody-001"]) == 1
    assert "unknown claim 'nobody-001'" in capsys.readouterr().err


def test_validate_accepts_a_published_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(REPO.clean / "weapon_origins.csv"), "--table", "weapon_origins"]) == 0
    assert "is a valid weapon_origins table" in capsys.readouterr().out


def test_validate_reports_each_failing_row_column_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[0, "value"] = "-3"
    table.loc[2, "claim_id"] = "nobody-001"
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    assert main(["validate", str(mine), "--table", "weapon_origins"]) == 1
    errors = capsys.readouterr().err
    assert f"{mine}: row 2" in errors and "column value" in errors and "greater_than_or_equal_to(0)" in errors
    assert "row 4" in errors and "column claim_id" in errors and "claim_id in ledger" in errors


def test_validate_of_a_missing_file_or_unknown_table_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "none.csv"), "--table", "homicides"]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["validate", str(REPO.clean / "homicides.csv"), "--table", "murders"]) == 1
    assert "unknown table 'murders'" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "secstats", "cite", "nobody-001"], capture_output=True, text=True)
    assert done.returncode == 1 and "unknown claim" in done.stderr
