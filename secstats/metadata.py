"""Metadata generated from the pandera models, never written twice: ``datapackage.json`` and the data dictionary.

The Frictionless Data Package lets other tools (frictionless, R's frictionless, spreadsheets via
their importers) read the tables without secstats. pandera cannot write Frictionless schemas itself,
so this module maps each model's columns, checks and ``metadata={"unit": ...}`` onto Table Schema
fields (units ride in a custom ``unit`` property, which the standard allows).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from importlib.metadata import PackageNotFoundError, version
from secstats.catalog import CATALOG, CLAIM_TABLES
from secstats.families import family_names
from secstats.paths import Layout
from secstats.sources import read_sources

TYPES = {"int64": "integer", "float64": "number", "str": "string", "string[python]": "string", "string": "string", "bool": "boolean", "boolean": "boolean"}
CHECK_CONSTRAINTS = {  # pandera check name -> (Table Schema constraint, pandera statistic)
    "isin": ("enum", "allowed_values"),
    "greater_than_or_equal_to": ("minimum", "min_value"),
    "less_than_or_equal_to": ("maximum", "max_value"),
    "str_matches": ("pattern", "pattern"),
}
LICENSES = [
    {"name": "MIT", "title": "secstats code, tables and charts", "path": "https://opensource.org/licenses/MIT"},
]
LICENSE_NOTE = (
    "Quotes in the ledger are short excerpts of the source documents, kept for citation; the documents "
    "remain their publishers'. Official series keep their publishers' terms (INEGI, CONAPO, SESNSP, CDC/NCHS, "
    "NIDA, ForeignAssistance.gov, CRS, GAO); see data/raw/reference/*/PROVENANCE.md."
)
OFFICIAL_PUBLISHERS = {
    "official_mexico_homicides": ["INEGI", "SESNSP", "CONAPO"],
    "official_mexico_homicide_vintages": ["INEGI", "CONAPO", "INEGI as reported by the press"],
    "official_mexico_presidential_terms": ["Public web pages named in each row (see PROVENANCE.md, C1)"],
    "official_us_overdose_deaths": ["CDC/NCHS", "NIDA"],
    "official_us_assistance": ["ForeignAssistance.gov (U.S. Department of State / USAID)"],
    "official_merida_statements": ["Congressional Research Service", "GAO", "U.S. Embassy Mexico City"],
    "reported_extraditions": ["U.S. DOJ, U.S. Embassy, FGR, SRE as reported by the press"],
    "reported_firearm_traces": ["GAO", "ATF", "White House, as reported"],
}


def package_version() -> str:
    """The installed version of secstats (pyproject.toml is the one place it is written)."""
    try:
        return version("secstats")
    except PackageNotFoundError:
        return "unreleased"


def unit_of(column: pa.Column) -> str | None:
    """The unit a model declares for a column, if any."""
    return (column.metadata or {}).get("unit")


def constraints_of(name: str, column: pa.Column) -> dict:
    """Table Schema constraints for a pandera column: required, unique, enum, minimum, maximum, pattern.

    A family column takes its enum from the family registry, which the models cannot import.
    """
    constraints: dict = {"required": not column.nullable}
    if name == "family":
        constraints["enum"] = sorted(family_names())
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        if check.name in CHECK_CONSTRAINTS:
            key, statistic = CHECK_CONSTRAINTS[check.name]
            value = check.statistics[statistic]
            constraints[key] = sorted(value) if key == "enum" else value
    return constraints


def field_of(name: str, column: pa.Column) -> dict:
    """One Table Schema field from one pandera column."""
    field = {"name": name, "type": TYPES[str(column.dtype)], "description": column.description or ""}
    if unit_of(column):
        field["unit"] = unit_of(column)
    field["constraints"] = constraints_of(name, column)
    return field


def table_sources(layout: Layout, name: str) -> list[dict]:
    """Who the figures of a table come from: the five documents, or the official publishers."""
    if name in OFFICIAL_PUBLISHERS:
        return [{"title": publisher} for publisher in OFFICIAL_PUBLISHERS[name]]
    return [{"title": f"{row.author}, {row.title} ({row.publisher}, {row.published})"}
            for row in read_sources(layout).itertuples()]


def resource_of(layout: Layout, name: str, model: type[pa.DataFrameModel]) -> dict:
    """One data resource: the CSV, its description and its schema."""
    schema = model.to_schema()
    return {
        "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
        "encoding": "utf-8", "mediatype": "text/csv",
        "description": " ".join((model.__doc__ or "").split()),
        "sources": table_sources(layout, name),
        "schema": {"fields": [field_of(n, c) for n, c in schema.columns.items()], "missingValues": [""]},
    }


def datapackage(layout: Layout) -> dict:
    """The whole Data Package descriptor."""
    return {
        "profile": "tabular-data-package",
        "name": "secstats",
        "title": "secstats: security indicators on U.S.-Mexico security cooperation",
        "description": "Every figure traceable to the exact words of its source: tables built from a claims "
                       "ledger of verbatim quotes, official series beside them, a reconciliation and a "
                       "contradiction report. " + LICENSE_NOTE,
        "version": package_version(),
        "licenses": LICENSES,
        "sources": table_sources(layout, CLAIM_TABLES[0]),
        "resources": [resource_of(layout, name, model) for name, model in CATALOG.items()],
    }


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def data_dictionary(layout: Layout) -> str:
    """docs/data-dictionary.md: every table, its description and its columns."""
    lines = ["# secstats data dictionary", "",
             "Generated from the pandera models in `secstats/schemas.py` by `make figures`; do not edit by hand.", ""]
    for name, model in CATALOG.items():
        lines += [f"## `{name}.csv`", "", " ".join((model.__doc__ or "").split()), "",
                  "| column | type | unit | required | constraints | description |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for column_name, column in model.to_schema().columns.items():
            field = field_of(column_name, column)
            rules = {k: v for k, v in field["constraints"].items() if k != "required"}
            shown = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in rules.items())
            lines.append(f"| `{column_name}` | {field['type']} | {markdown_cell(field.get('unit', ''))} | "
                         f"{'yes' if field['constraints']['required'] else 'no'} | {markdown_cell(shown)} | "
                         f"{markdown_cell(field['description'])} |")
        lines.append("")
    return "\n".join(lines)


def measure_vocabulary(ledger: pd.DataFrame) -> str:
    """The measures the ledger uses, with their quantity key, family, units and number of claims."""
    lines = ["## Measures in the ledger", "",
             "What `measure` and `quantity` mean in practice: every value in use, from `data/ledger/claims.csv`.", "",
             "| measure | quantity | family | unit | claims |", "| --- | --- | --- | --- | --- |"]
    grouped = ledger.groupby(["family", "measure"], sort=True)
    for (family, measure), rows in grouped:
        lines.append(f"| `{measure}` | `{'`, `'.join(sorted(rows['quantity'].unique()))}` | {family} | "
                     f"{', '.join(sorted(rows['unit'].unique()))} | {len(rows)} |")
    return "\n".join(lines) + "\n"


def metadata_files(layout: Layout, ledger: pd.DataFrame) -> dict[Path, bytes]:
    """datapackage.json and the data dictionary (with the ledger's measures), as {path: bytes}."""
    descriptor = json.dumps(datapackage(layout), indent=2, ensure_ascii=False) + "\n"
    dictionary = data_dictionary(layout) + "\n" + measure_vocabulary(ledger)
    return {layout.clean / "datapackage.json": descriptor.encode("utf-8"),
            layout.docs / "data-dictionary.md": dictionary.encode("utf-8")}
