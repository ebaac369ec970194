"""The Python API: list, load and cite, for users who arrive from pandas.

import secstats
secstats.tables()                     # name -> one-line description
df = secstats.load("homicides")       # a validated DataFrame with proper dtypes
secstats.cite("kloppe-006")           # the citation, with the verbatim quote
secstats.describe("homicides")        # the table's metadata: columns, units, keys, sources, licence
"""

from __future__ import annotations

import json

import pandas as pd

from secstats.catalog import CATALOG, read_table, summary, table_model
from secstats.citation import render_citation, render_citations
from secstats.paths import Layout, default_layout
from secstats.problems import UnknownName
from secstats.sources import read_sources


def tables() -> dict[str, str]:
    """Every published table's name with a one-line description, in flow order."""
    return {name: summary(name) for name in CATALOG}


def load(name: str, layout: Layout | None = None) -> pd.DataFrame:
    """A published table, validated against its schema, with dates parsed and its metadata in ``df.attrs``
    (name, description, units, sources, licenses, primary_key); ``KeyError`` lists the valid names."""
    layout = layout or default_layout()
    resource = describe(name, layout)
    known = set(claims(layout)["claim_id"]) if name != "claims" else None
    return with_metadata(read_table(layout, name, known), resource)


def claims(layout: Layout | None = None) -> pd.DataFrame:
    """The claims ledger: every number with its verbatim quote, offset, qualifier and cited source."""
    return read_table(layout or default_layout(), "claims")


def cite(claim_id: str, layout: Layout | None = None, format: str = "text") -> str:
    """A citation for one claim: the document, the verbatim quote, where it sits, and the endnote it cites.

    ``format`` is one of ``secstats.citation.FORMATS``: text, bibtex, csl-json or ris.
    """
    layout = layout or default_layout()
    ledger = claims(layout).set_index("claim_id")
    register = read_sources(layout).set_index("source_id")
    if claim_id in ledger.index:
        return render_citation(claim_id, ledger.loc[claim_id], register.loc[ledger.loc[claim_id, "source_id"]], format)
    inputs = derivation_inputs(layout, claim_id)
    if not inputs:
        close = [c for c in ledger.index if c.split("-")[0] == claim_id.split("-")[0]][:5]
        hint = f"; ids of that document look like {', '.join(close)}" if close else ""
        raise UnknownName(f"unknown claim {claim_id!r}{hint}")
    # A derived row (a figure secstats computed, or a pair of claims) is cited by the claims it rests on.
    cited = [(claim, ledger.loc[claim], register.loc[ledger.loc[claim, "source_id"]]) for claim in inputs]
    return render_citations(claim_id, cited, format)


def derivation_inputs(layout: Layout, row_id: str) -> list[str]:
    """The claims a derived row rests on, from derivation_inputs.csv (no validation: only ids are read)."""
    table = pd.read_csv(layout.clean / "derivation_inputs.csv", dtype=str, keep_default_na=False)
    return list(dict.fromkeys(table.loc[table["row_id"] == row_id, "claim_id"]))


def describe(name: str, layout: Layout | None = None) -> dict:
    """A published table's metadata, as datapackage.json gives it: description, columns (type, unit,
    description, constraints), primary and foreign keys, sources with URLs, licence, bytes and hash."""
    layout = layout or default_layout()
    table_model(name)  # an unknown name fails here, listing the valid ones
    package = json.loads((layout.clean / "datapackage.json").read_text(encoding="utf-8"))
    return next(resource for resource in package["resources"] if resource["name"] == name)


def with_metadata(table: pd.DataFrame, resource: dict) -> pd.DataFrame:
    """The table with its metadata in ``df.attrs``, so that it travels with the frame."""
    table.attrs.update(
        name=resource["name"],
        description=resource["description"],
        units={field["name"]: field["unit"] for field in resource["schema"]["fields"] if "unit" in field},
        sources=resource["sources"],
        licenses=resource["licenses"],
        primary_key=resource["schema"]["primaryKey"],
    )
    return table
