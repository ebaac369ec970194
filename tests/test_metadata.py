"""Metadata is generated from the models: a package descriptor and a dictionary that match them.
(Frictionless validates the package, data included, in test_package.)"""

from __future__ import annotations

import json

import pandas as pd
import pandera.pandas as pa
import pytest

from secstats.publish.catalog import CATALOG, publish_tables, table_schema
from secstats.publish.metadata import field_of, metadata_files
from tests.conftest import REPO


@pytest.fixture(scope="module")
def made(built: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """The metadata files the build makes now, in memory, by file name."""
    return {path.name: data for path, data in metadata_files(REPO, publish_tables(REPO, built)).items()}


def test_every_table_and_column_is_described_with_its_unit(made: dict[str, bytes]) -> None:
    package = json.loads(made["datapackage.json"])
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == list(CATALOG)
    for name, _model in CATALOG.items():
        fields = {field["name"]: field for field in resources[name]["schema"]["fields"]}
        for column_name, column in table_schema(name).columns.items():
            assert fields[column_name]["description"] == column.description
            assert fields[column_name].get("unit") == (column.metadata or {}).get("unit")
        assert resources[name]["sources"], name


def test_enums_in_the_package_follow_the_schemas(made: dict[str, bytes]) -> None:
    package = json.loads(made["datapackage.json"])
    homicides = next(r for r in package["resources"] if r["name"] == "homicides")
    qualifier = next(f for f in homicides["schema"]["fields"] if f["name"] == "qualifier")
    allowed = CATALOG["homicides"].model.to_schema().columns["qualifier"].checks[0].statistics["allowed_values"]
    assert qualifier["constraints"]["enum"] == sorted(allowed)


def test_data_dictionary_has_every_column(made: dict[str, bytes]) -> None:
    dictionary = made["data-dictionary.md"].decode("utf-8")
    for name, _model in CATALOG.items():
        assert f"## `{name}.csv`" in dictionary
        for column_name in table_schema(name).columns:
            assert f"| `{column_name}` |" in dictionary


def test_a_columns_title_becomes_its_field_title() -> None:
    titled = pa.Column(float, title="Amount (USD)", description="What was paid.")
    untitled = pa.Column(float, description="What was paid.")
    assert field_of("amount_usd", titled)["title"] == "Amount (USD)"
    assert "title" not in field_of("amount_usd", untitled)


def test_every_published_column_has_a_readers_title_even_the_ones_publication_adds() -> None:
    untitled = {name: [c for c, column in table_schema(name).columns.items() if not column.title] for name in CATALOG}
    assert {name: columns for name, columns in untitled.items() if columns} == {}
