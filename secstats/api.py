"""The Python API: list, load and cite, for users who arrive from pandas.

import secstats
secstats.tables()                     # name -> one-line description
df = secstats.load("homicides")       # a typed DataFrame, the bytes the build validated
secstats.cite("kloppe-006")           # the citation, with the verbatim quote
secstats.describe("homicides")        # the table's metadata: columns, units, keys, sources, licence

Fast answers: ``tables``, ``describe`` and ``cite`` read the published files with the standard
library (no pandas, pandera or matplotlib); ``load`` reads a table the build validated by its hash in
the manifest, and validates it again when asked (``validate=True``) or when the bytes differ (then
refusing them, with every problem found).
"""

from __future__ import annotations

import copy
import csv
import io
from typing import TYPE_CHECKING

from secstats.core.paths import Layout, default_layout
from secstats.core.problems import UnknownName, raise_if_any
from secstats.publish.citation import render_citation, render_citations
from secstats.publish.manifest import parsed_json, verify_output

if TYPE_CHECKING:
    import pandas as pd


def resources(layout: Layout) -> list[dict]:
    """Every published table's metadata, as datapackage.json gives it, in flow order."""
    return parsed_json(layout.clean / "datapackage.json")["resources"]


def tables(layout: Layout | None = None) -> dict[str, str]:
    """Every published table's name with a one-line description, in flow order."""
    return {
        resource["name"]: resource["description"].strip().splitlines()[0] for resource in resources(layout or default_layout())
    }


class TableDescription(dict):
    """A table's metadata (a dict, as datapackage.json gives it) that prints as a page, not one line."""

    def __repr__(self) -> str:
        lines = [f"{self['name']}: {' '.join(self['description'].split())}", ""]
        for field in self["schema"]["fields"]:
            unit = f" [{field['unit']}]" if field.get("unit") else ""
            lines.append(f"  {field['name']} ({field['type']}{unit}): {field.get('description', '')}")
        lines += ["", f"key: {', '.join(self['schema'].get('primaryKey', []))}"]
        lines += [f"source: {source.get('title', '')} {source.get('path', '')}".rstrip() for source in self.get("sources", [])]
        lines += [f"licence: {licence.get('name', licence.get('title', ''))}" for licence in self.get("licenses", [])]
        return "\n".join(lines)

    _repr_pretty_ = lambda self, printer, cycle: printer.text(repr(self))  # noqa: E731 - IPython's hook


def describe(name: str, layout: Layout | None = None) -> TableDescription:
    """A published table's metadata, as datapackage.json gives it: description, columns (type, unit,
    description, constraints), primary and foreign keys, sources with URLs, licence, bytes and hash.
    It prints as a readable page; it is a dict for code."""
    return TableDescription(copy.deepcopy(resource_of(name, layout or default_layout())))  # the caller's to change


def resource_of(name: str, layout: Layout) -> dict:
    """A published table's entry in datapackage.json, as parsed once and shared: not to be changed."""
    for resource in resources(layout):
        if resource["name"] == name:
            return resource
    raise UnknownName(f"unknown table {name!r}; valid tables: {', '.join(tables(layout))}")


def load(name: str, layout: Layout | None = None, validate: bool = False) -> pd.DataFrame:
    """A published table with dates parsed and its metadata in ``df.attrs`` (name, description, units,
    sources, licenses, primary_key). A table whose bytes are the ones the manifest's build validated is
    read straight into its types; ``validate=True``, or bytes that differ, validate it again against its
    schema. Bytes that differ are refused all the same, with every schema problem found in them: a schema
    cannot tell a hand-typed figure from one the build traced to its source. ``KeyError`` lists the
    valid names."""
    from secstats.core.validation import read_trusted
    from secstats.publish.catalog import read_table, table_schema

    layout = layout or default_layout()
    resource = resource_of(name, layout)
    path = layout.clean / f"{name}.csv"
    if validate or verify_output(layout, path):  # read_table refuses a hand edit, naming its bad cells too
        known = set(claims(layout)["claim_id"]) if name != "claims" else None
        return with_metadata(read_table(layout, name, known), resource)
    return with_metadata(read_trusted(path, table_schema(name)), resource)


def claims(layout: Layout | None = None) -> pd.DataFrame:
    """The claims ledger: every number with its verbatim quote, offset, qualifier and cited source."""
    return load("claims", layout)


def published_rows(layout: Layout, name: str) -> list[dict[str, str]]:
    """A published table's rows as text, after its bytes are checked against the manifest (no pandas)."""
    path = layout.clean / f"{name}.csv"
    raise_if_any(verify_output(layout, path))
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def cite(claim_id: str, layout: Layout | None = None, format: str = "text") -> str:
    """A citation for one claim: the document, the verbatim quote, the claim id and the endnote it
    cites. The id of a derived row (or a pair of claims) cites every claim the row rests on.

    ``format`` is one of ``secstats.publish.citation.FORMATS``: text, bibtex, csl-json or ris.
    """
    layout = layout or default_layout()
    ledger = {row["claim_id"]: row for row in published_rows(layout, "claims")}
    path = layout.sources_dir / "sources.csv"
    register = {row["source_id"]: row for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))}
    if claim_id in ledger:
        return render_citation(claim_id, ledger[claim_id], register[ledger[claim_id]["source_id"]], format)
    inputs = list(
        dict.fromkeys(row["claim_id"] for row in published_rows(layout, "derivation_inputs") if row["row_id"] == claim_id)
    )
    if not inputs:
        close = [known for known in ledger if known.split("-")[0] == claim_id.split("-")[0]][:5]
        hint = f"; ids of that document look like {', '.join(close)}" if close else ""
        raise UnknownName(f"unknown claim {claim_id!r}{hint}")
    return render_citations(claim_id, [(claim, ledger[claim], register[ledger[claim]["source_id"]]) for claim in inputs], format)


def with_metadata(table: pd.DataFrame, resource: dict) -> pd.DataFrame:
    """The table with its metadata in ``df.attrs``, so that it travels with the frame (copies: the
    parsed datapackage.json is shared by every load)."""
    table.attrs.update(
        name=resource["name"],
        description=resource["description"],
        units={field["name"]: field["unit"] for field in resource["schema"]["fields"] if "unit" in field},
        sources=copy.deepcopy(resource["sources"]),
        licenses=copy.deepcopy(resource["licenses"]),
        primary_key=list(resource["schema"]["primaryKey"]),
    )
    return table
