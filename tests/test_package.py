"""The data package as other clients read it: keys, types, hashes, sources and licences.

The package is built in memory (tables and metadata, no charts) and written to a scratch folder, so
these tests judge the code, not the committed files (test_build checks those are fresh).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
from frictionless import validate

import secstats
from secstats.core.problems import BuildError
from secstats.core.validation import CLAIM_ID_COLUMNS
from secstats.publish.catalog import CATALOG, publish_tables, table_files, table_schema
from secstats.publish.metadata import metadata_files
from secstats.publish.publication import number_text, period_day, publish_links
from tests.conftest import REPO

# Declared Table Schema type -> what each client infers with its defaults. polars leaves ISO dates as
# text unless asked (read_csv(try_parse_dates=True)); every other type must match exactly.
DUCKDB_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "string": "VARCHAR", "boolean": "BOOLEAN", "date": "DATE"}
POLARS_TYPES = {"integer": pl.Int64, "number": pl.Float64, "string": pl.String, "boolean": pl.Boolean, "date": pl.String}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory, built: dict[str, pd.DataFrame]) -> Path:
    """data/clean/ as the build makes it, in a scratch folder: every CSV and datapackage.json."""
    folder = tmp_path_factory.mktemp("package")
    published = publish_tables(REPO, built)
    files = {**table_files(REPO, published), **metadata_files(REPO, published)}
    for path, data in files.items():
        if path.parent == REPO.clean:
            (folder / path.name).write_bytes(data)
    return folder


def resources(package: Path) -> dict[str, dict]:
    return {r["name"]: r for r in json.loads((package / "datapackage.json").read_text())["resources"]}


def test_frictionless_accepts_the_package(package: Path) -> None:
    report = validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_rejects_a_claim_id_the_ledger_lacks(package: Path, tmp_path: Path) -> None:
    """The foreign keys make frictionless check what `secstats validate` checks."""
    for file in package.iterdir():
        (tmp_path / file.name).write_bytes(file.read_bytes())
    table = pd.read_csv(tmp_path / "weapon_origins.csv", dtype=str, keep_default_na=False)
    table.loc[table["claim_id"] != "", "claim_id"] = "nobody-001"
    data = table.to_csv(index=False, lineterminator="\n").encode()
    (tmp_path / "weapon_origins.csv").write_bytes(data)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in descriptor["resources"]:  # keep size and hash true, so that only the key can fail
        if resource["name"] == "weapon_origins":
            resource.update(bytes=len(data), hash=f"sha256:{hashlib.sha256(data).hexdigest()}")
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert [task.name for task in report.tasks if not task.valid] == ["weapon_origins"]
    assert {error_type for (error_type,) in report.flatten(["type"])} == {"foreign-key"}


def test_every_resource_has_a_primary_key_and_claim_columns_point_at_claims(package: Path) -> None:
    for name, resource in resources(package).items():
        schema = resource["schema"]
        fields = [field["name"] for field in schema["fields"]]
        assert schema["primaryKey"] and set(schema["primaryKey"]) <= set(fields), name
        keyed = {key["fields"][0] for key in schema["foreignKeys"]}
        expected = {c for c in CLAIM_ID_COLUMNS if c in fields} if name != "claims" else set()
        assert keyed == expected, name
        for key in schema["foreignKeys"]:
            assert key["reference"] == {"resource": "claims", "fields": ["claim_id"]}


def test_no_cell_joins_several_claim_ids(package: Path) -> None:
    for name, resource in resources(package).items():
        table = pd.read_csv(package / resource["path"], dtype=str, keep_default_na=False)
        for column in CLAIM_ID_COLUMNS:
            if column in table.columns:
                assert not table[column].str.contains(r"[;+]").any(), (name, column)


def test_each_column_name_has_one_type_across_tables(package: Path) -> None:
    types: dict[str, set[str]] = {}
    for resource in resources(package).values():
        for field in resource["schema"]["fields"]:
            types.setdefault(field["name"], set()).add(field["type"])
    assert {name: found for name, found in types.items() if len(found) > 1} == {}


@pytest.mark.parametrize("name", list(CATALOG))
def test_duckdb_and_polars_infer_the_declared_types(package: Path, name: str) -> None:
    resource = resources(package)[name]
    path = str(package / resource["path"])
    declared = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
    duck = {row[0]: row[1] for row in duckdb.sql(f"describe select * from read_csv_auto('{path}')").fetchall()}
    polars = dict(pl.read_csv(path).schema)
    assert {n: duck[n] for n in declared} == {n: DUCKDB_TYPES[t] for n, t in declared.items()}
    assert {n: polars[n] for n in declared} == {n: POLARS_TYPES[t] for n, t in declared.items()}
    dated = [n for n, t in declared.items() if t == "date"]
    if dated:
        assert all(pl.read_csv(path, try_parse_dates=True).schema[n] == pl.Date for n in dated)


def test_each_resource_states_its_hash_size_sources_and_licence(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for name, resource in resources(package).items():
        data = (package / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data) and resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        assert resource["licenses"] and resource["sources"], name
    claim_tables = resources(package)
    register = pd.read_csv(REPO.sources_dir / "sources.csv", dtype=str, keep_default_na=False)
    # weapon_origins quotes one document only, so it lists that one and not the other four
    (only,) = claim_tables["weapon_origins"]["sources"]
    quoted = register[register["source_id"] == pd.read_csv(package / "weapon_origins.csv")["source_id"].iloc[0]].iloc[0]
    assert quoted["title"] in only["title"] and only.get("path") == (quoted["url"] or None)
    assert claim_tables["homicides"]["licenses"][0]["name"] == "CC-BY-4.0"
    assert claim_tables["official_us_overdose_deaths"]["licenses"][0]["name"] == "us-government-work"
    assert all(source.get("path", "").startswith("http") for source in claim_tables["reported_extraditions"]["sources"])
    # the checks list the official sources of the candidates they use, and verdicts only those it rests on
    checked = claim_tables["reconciliation"]["sources"]
    assert all(source in checked for source in claim_tables["official_us_overdose_deaths"]["sources"])
    # verdicts has a row for every claim, so it names every document; its official sources are those it rests on
    documents = [source for source in claim_tables["verdicts"]["sources"] if any(t in source["title"] for t in register["title"])]
    official = [source for source in claim_tables["verdicts"]["sources"] if source not in documents]
    assert len(documents) == len(register) and all(source in checked for source in official)
    assert len(official) < len(checked)


def test_published_schemas_are_what_load_returns() -> None:
    schema = table_schema("merida_funding")
    assert "value_high" not in schema.columns and schema.unique == ["row_id"]
    assert str(schema.columns["period_start"].dtype) == "datetime64[ns]"
    assert list(schema.columns)[:1] == ["row_id"]


# --- the publication rules, on made-up inputs ------------------------------------------------------


@pytest.mark.parametrize(
    "written, fiscal, end, expected",
    [
        ("2000", False, False, "2000-01-01"),
        ("2000", False, True, "2000-12-31"),
        ("2000", True, False, "1999-10-01"),
        ("2000", True, True, "2000-09-30"),
        ("2000-02", False, True, "2000-02-29"),
        ("2000-02", True, False, "2000-02-01"),
        ("2000-02-10", False, True, "2000-02-10"),
    ],
)
def test_periods_become_their_first_and_last_days(written: str, fiscal: bool, end: bool, expected: str) -> None:
    assert period_day(written, fiscal, end) == pd.Timestamp(expected)


def test_a_missing_period_bound_stays_missing() -> None:
    assert pd.isna(period_day(None, False, False))


@pytest.mark.parametrize("value, text", [(10.0, "10.0"), (0.5, "0.5"), (2e9, "2000000000.0"), (float("nan"), "")])
def test_numbers_are_written_with_a_decimal_point(value: float, text: str) -> None:
    assert number_text(value) == text


def test_derived_rows_lose_their_joined_ids_to_link_rows() -> None:
    table = pd.DataFrame(
        {
            "measure": ["m", "m_average"],
            "claim_id": ["a-001", "a-001;b-002"],
            "processing": ["stated", "derived"],
            "derivation": [None, "a-001 / b-002"],
        }
    )
    published, links = publish_links("t", table)
    assert list(published["row_id"]) == ["a-001", "m_average from a-001+b-002"]
    assert published["claim_id"].isna().tolist() == [False, True]
    assert links == [
        {"table": "t", "row_id": "m_average from a-001+b-002", "claim_id": c, "role": "input"} for c in ("a-001", "b-002")
    ]


def test_summed_claims_of_a_contradiction_become_link_rows() -> None:
    table = pd.DataFrame({"claim_a": ["a-001", "a-001"], "claim_b": ["b-001", "b-001+b-002"]})
    published, links = publish_links("contradictions", table)
    assert published["claim_b"].tolist()[0] == "b-001" and pd.isna(published["claim_b"].iloc[1])
    assert [(link["row_id"], link["claim_id"], link["role"]) for link in links] == [
        ("a-001 vs b-001", "a-001", "claim_a"),
        ("a-001 vs b-001", "b-001", "claim_b"),
        ("a-001 vs b-001+b-002", "a-001", "claim_a"),
        ("a-001 vs b-001+b-002", "b-001", "claim_b"),
        ("a-001 vs b-001+b-002", "b-002", "claim_b"),
    ]


PANDAS_KINDS = {"integer": "iu", "number": "f", "string": "OT", "boolean": "b", "date": "M"}


@pytest.mark.parametrize("name", list(CATALOG))
def test_load_returns_the_declared_types(name: str) -> None:
    """secstats.load parses every column into the type datapackage.json declares (dates as datetimes)."""
    table = secstats.load(name)
    fields = secstats.describe(name)["schema"]["fields"]
    assert list(table.columns) == [field["name"] for field in fields]
    for field in fields:
        dtype = table[field["name"]].dtype
        kind = "T" if pd.api.types.is_string_dtype(dtype) and dtype.kind != "O" else dtype.kind
        assert kind in PANDAS_KINDS[field["type"]], (field["name"], field["type"], dtype)


def test_a_duplicate_key_stops_publication_naming_its_rows(built: dict[str, pd.DataFrame]) -> None:
    tables = dict(built)
    overdoses = tables["official_us_overdose_deaths"]
    tables["official_us_overdose_deaths"] = pd.concat([overdoses, overdoses.iloc[[0]]], ignore_index=True)
    with pytest.raises(BuildError) as error:
        publish_tables(REPO, tables)
    message = str(error.value)
    assert "data/clean/official_us_overdose_deaths.csv: row 2:" in message
    assert f"row {len(overdoses) + 2}:" in message and "uniqueness" in message


def test_a_date_that_is_not_one_is_reported_once_in_its_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from secstats.cli import main

    table = pd.read_csv(REPO.clean / "homicides.csv", dtype=str, keep_default_na=False)
    table.loc[1, "period_start"] = "2000-13-01"
    mine = tmp_path / "mine.csv"
    table.to_csv(mine, index=False)
    assert main(["validate", str(mine), "--table", "homicides"]) == 1
    errors = capsys.readouterr().err
    assert (
        f"{mine}: row 3: claim {table.loc[1, 'claim_id']}: column period_start: rule a date, YYYY-MM-DD (coerce_dtype): bad value '2000-13-01'"
        in errors
    )
    assert "TypeError" not in errors and "period_end" not in errors


def test_a_column_left_out_of_publication_must_be_empty(built: dict[str, pd.DataFrame]) -> None:
    """claim_value_high is not published because it is always empty; a value there stops publication."""
    assert "claim_value_high" not in table_schema("reconciliation").columns
    tables = dict(built)
    tables["reconciliation"] = built["reconciliation"].assign(claim_value_high=1.0)
    with pytest.raises(ValueError, match=re.escape("reconciliation.claim_value_high holds values but is not published")):
        publish_tables(REPO, tables)
