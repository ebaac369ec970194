"""Metadata is generated from the models: a valid Frictionless package and a dictionary that match them."""

from __future__ import annotations

import json

from frictionless import validate

from secstats.catalog import CATALOG, table_schema
from tests.conftest import REPO

DESCRIPTOR = REPO.clean / "datapackage.json"


def test_datapackage_validates_with_frictionless() -> None:
    report = validate(str(DESCRIPTOR))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]


def test_every_table_and_column_is_described_with_its_unit() -> None:
    package = json.loads(DESCRIPTOR.read_text())
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == list(CATALOG)
    for name, _model in CATALOG.items():
        fields = {field["name"]: field for field in resources[name]["schema"]["fields"]}
        for column_name, column in table_schema(name).columns.items():
            assert fields[column_name]["description"] == column.description
            assert fields[column_name].get("unit") == (column.metadata or {}).get("unit")
        assert resources[name]["sources"], name


def test_enums_in_the_package_follow_the_schemas() -> None:
    package = json.loads(DESCRIPTOR.read_text())
    homicides = next(r for r in package["resources"] if r["name"] == "homicides")
    qualifier = next(f for f in homicides["schema"]["fields"] if f["name"] == "qualifier")
    allowed = CATALOG["homicides"].to_schema().columns["qualifier"].checks[0].statistics["allowed_values"]
    assert qualifier["constraints"]["enum"] == sorted(allowed)


def test_data_dictionary_has_every_column() -> None:
    dictionary = (REPO.docs / "data-dictionary.md").read_text()
    for name, _model in CATALOG.items():
        assert f"## `{name}.csv`" in dictionary
        for column_name in table_schema(name).columns:
            assert f"| `{column_name}` |" in dictionary
