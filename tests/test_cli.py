"""The command line: every command, its --help, and the bad-name and bad-file paths (exit 1, clear stderr)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pytest

import secstats
from secstats.cli import main
from secstats.publish.catalog import CATALOG
from tests.conftest import REPO


@pytest.mark.parametrize("command", ["build", "check", "list", "describe", "show", "cite", "validate", "extract", "add-source"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    printed = capsys.readouterr().out
    assert f"usage: secstats {command}" in printed
    description, example = printed.split("\n\n")[1], printed.split("example:\n")[1]
    assert len(description.split()) >= 4 and not description.startswith(("positional", "options"))
    assert example.strip().startswith(f"secstats {command}")


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"secstats {secstats.__version__}"
    assert (
        secstats.__version__
        == version("secstats")
        == tomllib.loads((REPO.root / "pyproject.toml").read_text())["project"]["version"]
    )


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "secstats", *args], capture_output=True)


@pytest.mark.parametrize("name", ["official_merida_statements", "weapon_origins"])
def test_show_csv_prints_the_published_bytes(name: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["show", name, "--csv"]) == 0
    assert capsysbinary.readouterr().out == (REPO.clean / f"{name}.csv").read_bytes()


def test_show_csv_through_a_pipe_is_the_published_bytes() -> None:
    """The same through a real pipe (not a terminal: no escaping), in a process of its own."""
    done = run_cli("show", "official_merida_statements", "--csv")
    assert done.returncode == 0 and done.stdout == (REPO.clean / "official_merida_statements.csv").read_bytes()


def test_a_closed_pipe_ends_quietly() -> None:
    """`secstats show ... | head -1`: the reader leaves early; no traceback, exit status as for SIGPIPE."""
    process = subprocess.Popen(
        [sys.executable, "-m", "secstats", "show", "official_us_assistance", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 141 and stderr == b""


def test_list_and_show_print_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    assert [entry["name"] for entry in json.loads(capsys.readouterr().out)] == list(CATALOG)
    assert main(["show", "extraditions", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    published = pd.read_csv(REPO.clean / "extraditions.csv", dtype=str, keep_default_na=False)
    assert [row["row_id"] for row in shown["rows"]] == list(published["row_id"])
    assert [row["period_start"] for row in shown["rows"]] == list(published["period_start"])
    assert shown["metadata"]["licenses"][0]["name"] == "CC-BY-4.0"


def test_cite_prints_each_format_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    claim = pd.read_csv(REPO.ledger, dtype=str).iloc[0]
    assert main(["cite", claim["claim_id"], "--format", "ris"]) == 0
    assert capsys.readouterr().out.startswith("TY  - ")
    assert main(["cite", claim["claim_id"], "--json"]) == 0
    cited = json.loads(capsys.readouterr().out)
    assert set(cited) == {"claim_id", "text", "bibtex", "csl-json", "ris"} and claim["quote"] in cited["text"]


def test_validate_prints_json_with_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = pd.read_csv(REPO.clean / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[0, "value"] = "-3"
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    assert main(["validate", str(mine), "--table", "weapon_origins", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert [(p["row"], p["column"], p["rule"]) for p in report["problems"]] == [
        (2, "value", "at least 0 (greater_than_or_equal_to(0))")
    ]
    assert main(["validate", str(REPO.clean / "weapon_origins.csv"), "--table", "weapon_origins", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True


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


def test_describe_prints_a_tables_columns_with_units_and_its_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", "official_us_overdose_deaths"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("official_us_overdose_deaths: ")
    assert "  deaths (integer [persons]): " in printed and "key: drug, year" in printed
    assert main(["describe", "homicide"]) == 1
    assert "valid tables: claims, homicides" in capsys.readouterr().err
    assert main(["describe", "homicides", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"]["primaryKey"] == ["row_id"]


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


def test_validate_lists_problems_in_row_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = pd.read_csv(REPO.clean / "homicides.csv", dtype=str, keep_default_na=False)
    table.loc[0, "qualifier"] = "roughly"  # found by the schema's rules, after...
    table.loc[1, "value"] = "abc"  # ...the cells that are not numbers, found first
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    assert main(["validate", str(mine), "--table", "homicides"]) == 1
    rows = [line.split(": ")[1] for line in capsys.readouterr().err.splitlines() if line.startswith("  - ")]
    assert rows == ["row 2", "row 3"]


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


def test_an_unwritable_output_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from secstats import cli

    def unwritable(layout: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "data" / "clean" / "claims.csv"))

    monkeypatch.setattr(cli, "run_build_command", unwritable)
    assert main(["build", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path}/data/clean/claims.csv: Permission denied\n"


# --- small things a first hour meets --------------------------------------------------------------


def test_show_prints_no_nan_and_no_line_wider_than_the_terminal(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    assert main(["show", "verdicts"]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out and "<NA>" not in out
    assert max(map(len, out.splitlines())) <= 90


def test_extract_json_writes_numbers_as_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "memo.txt"
    document.write_text("Officials gave USD 3.5 billion. Some 2.5 percent of 12 agents.\n", encoding="utf-8")
    assert main(["extract", str(document), "--date", "2021", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["value"] for row in rows] == [3_500_000_000, 2.5, 12]
    assert all(isinstance(row["quote_start"], int) and row["value_high"] is None for row in rows)


@pytest.mark.parametrize("command", ["build", "check", "add-source", "validate", "show"])
def test_subcommand_help_has_no_docstring_markup(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    description = out.split("\n\n")[1]  # after the usage lines
    assert "``" not in out and not any(line.startswith(" ") for line in description.splitlines())
