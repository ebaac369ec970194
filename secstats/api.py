"""The Python API: list, load and cite, for users who arrive from pandas.

    import secstats
    secstats.tables()                     # name -> one-line description
    df = secstats.load("homicides")       # a validated DataFrame with proper dtypes
    secstats.cite("kloppe-006")           # the citation, with the verbatim quote
"""

from __future__ import annotations

import pandas as pd

from secstats.catalog import CATALOG, describe, read_table, table_model
from secstats.paths import Layout, default_layout
from secstats.problems import UnknownName
from secstats.sources import read_sources


def tables() -> dict[str, str]:
    """Every published table's name with a one-line description, in flow order."""
    return {name: describe(name) for name in CATALOG}


def load(name: str, layout: Layout | None = None) -> pd.DataFrame:
    """A published table, validated against its schema; ``KeyError`` lists the valid names."""
    layout = layout or default_layout()
    table_model(name)  # an unknown name fails here, listing the valid ones
    known = set(claims(layout)["claim_id"]) if name != "claims" else None
    return read_table(layout, name, known)


def claims(layout: Layout | None = None) -> pd.DataFrame:
    """The claims ledger: every number with its verbatim quote, offset, qualifier and cited source."""
    return read_table(layout or default_layout(), "claims")


def cite(claim_id: str, layout: Layout | None = None) -> str:
    """A citation for one claim: the document, the verbatim quote, where it sits, and the endnote it cites."""
    layout = layout or default_layout()
    ledger = claims(layout).set_index("claim_id")
    if claim_id not in ledger.index:
        close = [c for c in ledger.index if c.split("-")[0] == claim_id.split("-")[0]][:5]
        hint = f"; ids of that document look like {', '.join(close)}" if close else ""
        raise UnknownName(f"unknown claim {claim_id!r}{hint}")
    claim = ledger.loc[claim_id]
    source = read_sources(layout).set_index("source_id").loc[claim["source_id"]]
    cited = f" The document cites: {claim['cited_source']}." if pd.notna(claim["cited_source"]) else ""
    note = f" Note: {claim['note']}" if pd.notna(claim["note"]) else ""
    return (f"{source['author']}, \"{source['title']},\" {source['publisher']}, {source['published']}: "
            f"\"{claim['quote']}\" (character {claim['quote_start']} of data/raw/sources/{source['file']}; "
            f"secstats claim {claim_id}, qualifier: {claim['qualifier']}).{cited}{note}")
