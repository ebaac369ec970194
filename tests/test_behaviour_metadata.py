"""Metadata from a made-up model: every constraint a pandera column declares reaches its Table
Schema field; and the published metadata never names a file of the package."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

from secstats.publish.catalog import publish_tables
from secstats.publish.metadata import constraints_of, metadata_files
from tests.conftest import REPO


class MadeUp(pa.DataFrameModel):
    code: Series[str] = pa.Field(str_matches=r"^[a-z]+-\d{3}$", unique=True)
    kind: Series[str] = pa.Field(isin=["b", "a"])
    share: Series[float] = pa.Field(ge=0, le=100, nullable=True)
    year: Series[int] = pa.Field(ge=1990)


COLUMNS = MadeUp.to_schema().columns


@pytest.mark.parametrize(
    "name, expected",
    [
        ("code", {"required": True, "unique": True, "pattern": r"^[a-z]+-\d{3}$"}),
        ("kind", {"required": True, "enum": ["a", "b"]}),
        ("share", {"required": False, "minimum": 0, "maximum": 100}),
        ("year", {"required": True, "minimum": 1990}),
    ],
)
def test_every_declared_constraint_is_exported(name: str, expected: dict) -> None:
    """Fails if any of pattern, enum, minimum, maximum, unique or required is left out of the field."""
    assert constraints_of(COLUMNS[name]) == expected


def test_published_metadata_names_no_file_of_the_package(built: dict[str, pd.DataFrame]) -> None:
    """A reader of datapackage.json or the data dictionary has no secstats/*.py to open."""
    made = metadata_files(REPO, publish_tables(REPO, built))
    for path, data in made.items():
        named = re.findall(r"secstats/[\w/]+\.py", data.decode("utf-8"))
        assert not named, f"{path.name} names {named}"
