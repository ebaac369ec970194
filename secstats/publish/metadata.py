"""Metadata generated from the pandera models, never written twice: ``datapackage.json`` and the data dictionary.

The Frictionless Data Package lets other tools (frictionless, R's frictionless, spreadsheets via
their importers) read the tables without secstats. pandera cannot write Frictionless schemas itself,
so this module maps each model's columns, checks and ``metadata={"unit": ...}`` onto Table Schema
fields (units ride in a custom ``unit`` property, which the standard allows).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from secstats.checks.verdicts import rules_document
from secstats.clean.official import OFFICIAL_TABLES
from secstats.core.paths import Layout
from secstats.core.validation import CLAIM_ID_COLUMNS
from secstats.publish.catalog import CATALOG, published_table, table_schema
from secstats.publish.publication import LINK_TABLE, published_csv
from secstats.raw.provenance import LICENCES, Origin, document_origins, reference_origins
from secstats.version import package_version

TYPES = {
    "int64": "integer",
    "Int64": "integer",
    "float64": "number",
    "str": "string",
    "string[python]": "string",
    "string": "string",
    "bool": "boolean",
    "boolean": "boolean",
    "datetime64[ns]": "date",
}
CHECK_CONSTRAINTS = {  # pandera check name -> (Table Schema constraint, pandera statistic)
    "isin": ("enum", "allowed_values"),
    "greater_than_or_equal_to": ("minimum", "min_value"),
    "less_than_or_equal_to": ("maximum", "max_value"),
    "str_matches": ("pattern", "pattern"),
}
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PACKAGE_TABLES_LICENSE = LICENCES["cc-by-4.0"]  # the tables secstats makes
LICENSE_NOTE = (
    "Licences: the code is MIT (LICENSE); the tables secstats makes (claims, the claim tables, reconciliation, "
    "contradictions, derivation_inputs) are CC-BY-4.0; quotes in the ledger are short excerpts kept for citation, "
    "the documents remain their publishers'; each official or reported series keeps its publisher's terms, "
    "stated on its resource."
)
OFFICIAL_SPECS = {spec.name: spec for spec in OFFICIAL_TABLES}


def unit_of(column: pa.Column) -> str | None:
    """The unit a model declares for a column, if any."""
    return (column.metadata or {}).get("unit")


def constraints_of(column: pa.Column) -> dict:
    """Table Schema constraints for a pandera column: required, unique, enum, minimum, maximum, pattern."""
    constraints: dict = {"required": not column.nullable}
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
    if column.title:
        field["title"] = column.title  # the reader's heading (site tables, data dictionary)
    if field["type"] == "date":
        field["format"] = "%Y-%m-%d"
    if unit_of(column):
        field["unit"] = unit_of(column)
    field["constraints"] = constraints_of(column)
    return field


def document_sources(layout: Layout, source_ids: set[str]) -> list[dict]:
    """The register rows of the documents a table quotes, with their URLs where known."""
    return [origin.as_source() for source_id, origin in document_origins(layout).items() if source_id in source_ids]


def title_column(table: pd.DataFrame) -> str:
    """The column that names where a reported row was read."""
    return next(name for name in ("document", "reported_by", "source") if name in table.columns)


def row_url_sources(table: pd.DataFrame) -> list[dict]:
    """A reported table's own sources: each distinct page its rows were read from."""
    pages = table.drop_duplicates("url").sort_values("url", kind="stable")
    return [{"title": str(getattr(row, title_column(table))), "path": row.url} for row in pages.itertuples()]


def series_origins(layout: Layout, name: str) -> list[Origin]:
    """The origin records of the reference files an official table reads."""
    origins = reference_origins(layout)
    return [origins[file] for file in OFFICIAL_SPECS[name].files]


def series_sources(layout: Layout, name: str, table: pd.DataFrame, cited: set[str] | None = None) -> list[dict]:
    """An official table's sources: its files' origins, and for a table of reported figures (whose rows
    carry their own pages) the pages of the rows ``cited`` names, or of every row."""
    pages = "url" in table.columns
    found = [origin.as_source() for origin in series_origins(layout, name) if origin.url or not pages]
    if not pages:
        return found
    if cited is not None:
        table = table[[any(str(value) in text for text in cited) for value in table[title_column(table)]]]
    return found + row_url_sources(table)


def candidate_sources(layout: Layout, table: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> list[dict]:
    """The official sources behind the candidates a check table uses (reconciliation), or rests a
    verdict on (verdicts: the candidate each best_source names)."""
    if "official_series" in table.columns:
        used = table[["official_series", "official_source"]].dropna()
    elif "best_source" in table.columns:
        used = tables["reconciliation"].merge(
            table[["claim_id", "best_source"]].dropna(),
            left_on=["claim_id", "official_source"],
            right_on=["claim_id", "best_source"],
        )[["official_series", "official_source"]]
    else:
        return []
    series = used["official_series"].str.split(" ").str[0]
    return [
        source
        for name in sorted(set(series))
        for source in series_sources(layout, name, tables[name], set(used.loc[series == name, "official_source"]))
    ]


def table_sources(layout: Layout, name: str, tables: Mapping[str, pd.DataFrame]) -> list[dict]:
    """The sources a table uses, and only those: its documents (through its claims), its publishers'
    pages, and for the checks the official sources of the candidates they use."""
    table, ledger = tables[name], tables["claims"]
    if name in OFFICIAL_SPECS:
        return series_sources(layout, name, table)
    claims = set()
    for column in CLAIM_ID_COLUMNS:
        if column in table.columns:
            claims |= set(table[column].dropna())
    if name == LINK_TABLE:
        claims = set(table["claim_id"])
    documents = set(ledger.loc[ledger["claim_id"].isin(claims), "source_id"])
    if "source_id" in table.columns:
        documents |= set(table["source_id"])
    found = document_sources(layout, documents)
    found += candidate_sources(layout, table, tables)
    return [source for index, source in enumerate(found) if source not in found[:index]]


def foreign_keys(schema: pa.DataFrameSchema, name: str) -> list[dict]:
    """Every claim id column points at the claims table."""
    return [
        {"fields": [column], "reference": {"resource": "claims", "fields": ["claim_id"]}}
        for column in CLAIM_ID_COLUMNS
        if column in schema.columns and name != "claims"
    ]


def resource_of(layout: Layout, name: str, tables: Mapping[str, pd.DataFrame]) -> dict:
    """One data resource: the CSV with its hash and size, description, sources, licence and schema."""
    schema = table_schema(name)
    data = published_csv(tables[name])
    terms = (
        list({o.licence: o.terms for o in series_origins(layout, name)}.values())
        if name in OFFICIAL_SPECS
        else [PACKAGE_TABLES_LICENSE]
    )
    return {
        "name": name,
        "type": "table",
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "title": published_table(name).summary,  # the one-line description that `secstats list` prints
        "description": published_table(name).description,
        "sources": table_sources(layout, name, tables),
        "licenses": terms,
        "schema": {
            "fields": [field_of(n, c) for n, c in schema.columns.items()],
            "missingValues": [""],
            "primaryKey": list(schema.unique),
            "foreignKeys": foreign_keys(schema, name),
        },
    }


def datapackage(layout: Layout, tables: Mapping[str, pd.DataFrame]) -> dict:
    """The whole Data Package descriptor (Data Package v2), from the published tables."""
    ledger = tables["claims"]
    return {
        "$schema": PROFILE,
        "name": "secstats",
        "title": "secstats: security indicators on U.S.-Mexico security cooperation",
        "description": "Every figure traceable to the exact words of its source: tables built from a claims "
        "ledger of verbatim quotes, official series beside them, a reconciliation and a "
        "contradiction report. " + LICENSE_NOTE,
        "version": package_version(),
        "licenses": [PACKAGE_TABLES_LICENSE],
        "sources": document_sources(layout, set(ledger["source_id"])),
        "resources": [resource_of(layout, name, tables) for name in CATALOG],
    }


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def data_dictionary() -> str:
    """docs/data-dictionary.md: every table, its description and its columns."""
    lines = [
        "# secstats data dictionary",
        "",
        "Generated from the package's table models by `make figures`; do not edit by hand.",
        "",
    ]
    for name, table in CATALOG.items():
        lines += [
            f"## `{name}.csv`",
            "",
            table.description,
            "",
            "| column | type | unit | required | constraints | description |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for column_name, column in table_schema(name).columns.items():
            field = field_of(column_name, column)
            rules = {k: v for k, v in field["constraints"].items() if k != "required"}
            heading = f"**{field['title']}.** " if "title" in field else ""
            shown = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in rules.items())
            lines.append(
                f"| `{column_name}` | {field['type']} | {markdown_cell(field.get('unit', ''))} | "
                f"{'yes' if field['constraints']['required'] else 'no'} | {markdown_cell(shown)} | "
                f"{markdown_cell(heading + field['description'])} |"
            )
        lines.append("")
    return "\n".join(lines)


def measure_vocabulary(ledger: pd.DataFrame) -> str:
    """The measures the ledger uses, with their quantity key, family, units and number of claims."""
    lines = [
        "## Measures in the ledger",
        "",
        "What `measure` and `quantity` mean in practice: every value in use, from `data/ledger/claims.csv`.",
        "",
        "| measure | quantity | family | unit | claims |",
        "| --- | --- | --- | --- | --- |",
    ]
    grouped = ledger.groupby(["family", "measure"], sort=True)
    for (family, measure), rows in grouped:
        lines.append(
            f"| `{measure}` | `{'`, `'.join(sorted(rows['quantity'].unique()))}` | {family} | "
            f"{', '.join(sorted(rows['unit'].unique()))} | {len(rows)} |"
        )
    return "\n".join(lines) + "\n"


def metadata_files(layout: Layout, tables: Mapping[str, pd.DataFrame]) -> dict[Path, bytes]:
    """datapackage.json, the data dictionary (with the ledger's measures), from the published tables,
    and the verdict rules (docs/verdicts.md, from secstats.checks.verdicts)."""
    descriptor = json.dumps(datapackage(layout, tables), indent=2, ensure_ascii=False) + "\n"
    dictionary = data_dictionary() + "\n" + measure_vocabulary(tables["claims"])
    return {
        layout.clean / "datapackage.json": descriptor.encode("utf-8"),
        layout.docs / "data-dictionary.md": dictionary.encode("utf-8"),
        layout.docs / "verdicts.md": rules_document().encode("utf-8"),
    }
