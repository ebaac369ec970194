"""Every table secstats publishes in ``data/clean/``, each described once (``CATALOG``: its name, model,
description, key and unpublished columns), and how it is built.

Building validates every table before any is written, so one bad table leaves all outputs as they
were. Reading a table validates it again, so a user never loads an unchecked file.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from secstats.checks.contradictions import find_contradictions
from secstats.checks.reconciliation import build_reconciliation
from secstats.checks.verdicts import build_verdicts
from secstats.clean.families import (
    COUNTERPARTS,
    FAMILIES,
    NOT_STATISTICS,
    TABLES,
    VINTAGE_MEASURES,
    family_claims,
)
from secstats.clean.indicators import assemble
from secstats.clean.official import OFFICIAL_TABLES
from secstats.clean.vintages import check_vintages
from secstats.core.escaping import formula_cells
from secstats.core.paths import Layout
from secstats.core.problems import Problem, UnknownName, raise_if_any
from secstats.core.schemas import ClaimsLedger, Contradictions, Coverage, DerivationInputs, Reconciliation, Verdicts
from secstats.core.validation import read_csv_for, validate_frame
from secstats.ledger.cited import check_cited
from secstats.ledger.claims import untabled_problems
from secstats.ledger.coverage import build_coverage
from secstats.publish.manifest import verify_output
from secstats.publish.publication import LINK_TABLE, PublishedTable, publish, published_csv, published_schema
from secstats.raw.reference import read_official
from secstats.raw.sources import read_sources

# Every published table, in the order of datapackage.json: the claim tables (keyed by row_id) take
# their model from their family, the official tables their model and key from their spec.
PUBLISHED_TABLES: tuple[PublishedTable, ...] = (
    PublishedTable(
        "claims", ClaimsLedger, key=("claim_id",)
    ),  # the ledger, published as checked so data-package users get it too
    *(PublishedTable(spec.name, spec.model) for spec in TABLES),
    *(PublishedTable(spec.name, spec.model, key=spec.key) for spec in OFFICIAL_TABLES),
    PublishedTable(
        "reconciliation",
        Reconciliation,
        key=("claim_id", "candidate"),
        unpublished=(
            (
                "claim_value_high",
                "no range claim of the five families is tabled (IndicatorTable.qualifier), so the column is always "
                "empty, and an always-empty column reads as text in DuckDB and polars",
            ),
        ),
        numbered=("candidate", "claim_id"),
    ),
    PublishedTable("verdicts", Verdicts, key=("claim_id",)),
    PublishedTable("contradictions", Contradictions),
    PublishedTable("coverage", Coverage, key=("source_id",)),
    # made at publication, from the claim ids of derived rows
    PublishedTable(LINK_TABLE, DerivationInputs, key=("table", "row_id", "claim_id", "role")),
)
CATALOG: dict[str, PublishedTable] = {table.name: table for table in PUBLISHED_TABLES}
CLAIM_TABLES = tuple(spec.name for spec in TABLES)


def published_table(name: str) -> PublishedTable:
    """The description of a published table; an unknown name lists the valid ones."""
    if name not in CATALOG:
        raise UnknownName(f"unknown table {name!r}; valid tables: {', '.join(CATALOG)}")
    return CATALOG[name]


def table_model(name: str) -> type[pa.DataFrameModel]:
    """The model of a published table; an unknown name lists the valid ones."""
    return published_table(name).model


@cache
def table_schema(name: str) -> pa.DataFrameSchema:
    """The schema of a published table: what data/clean/<name>.csv holds and ``load()`` returns."""
    return published_schema(published_table(name))


def summary(name: str) -> str:
    """The first line of a table's description (its model's docstring)."""
    return published_table(name).summary


def relative_file(layout: Layout, name: str) -> str:
    """'data/clean/<name>.csv', as error messages name it."""
    return str((layout.clean / f"{name}.csv").relative_to(layout.output_root))


def validated(layout: Layout, name: str, table: pd.DataFrame, known: set[str] | None, problems: list[Problem]) -> pd.DataFrame:
    """Validate one built table, collecting its problems."""
    checked, found = validate_frame(table_model(name), table, relative_file(layout, name), known)
    problems += found + formula_cells(checked, relative_file(layout, name))
    return checked


def build_clean_tables(layout: Layout, ledger: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Build and validate every table, in flow order; raise with every problem before returning any."""
    known = set(ledger["claim_id"])
    problems = untabled_problems(ledger, str(layout.ledger.relative_to(layout.root)))
    built = {"claims": ledger}
    built.update({spec.name: validated(layout, spec.name, assemble(ledger, spec), known, problems) for spec in TABLES})
    problems += [
        Problem(
            str(layout.ledger.relative_to(layout.root)),
            "family has claims",
            f"no claim of family {family.name!r} is left: table {family.table.name} and its chart would be empty",
            column="family",
        )
        for family in FAMILIES
        if built[family.table.name].empty
    ]
    official = {spec.name: validated(layout, spec.name, read_official(layout, spec), None, problems) for spec in OFFICIAL_TABLES}
    raise_if_any(problems)
    built.update(official)
    reconciliation = validated(
        layout,
        "reconciliation",
        build_reconciliation(family_claims(ledger), official, COUNTERPARTS, list(Reconciliation.to_schema().columns)),
        known,
        problems,
    )
    raise_if_any(problems)
    sources = read_sources(layout)
    checks = {
        "reconciliation": reconciliation,
        "verdicts": build_verdicts(
            ledger,
            reconciliation,
            check_vintages(layout, [spec.name for spec in OFFICIAL_TABLES], VINTAGE_MEASURES),
            check_cited(layout, known),
            dict(zip(sources["source_id"], sources["published"])),
            list(Verdicts.to_schema().columns),
            NOT_STATISTICS,
            VINTAGE_MEASURES,
        ),
        "contradictions": find_contradictions(ledger, list(Contradictions.to_schema().columns)),
        "coverage": build_coverage(layout, ledger),
    }
    built.update({name: validated(layout, name, table, known, problems) for name, table in checks.items()})
    raise_if_any(problems)
    return built


def publish_tables(layout: Layout, built: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The built tables in their published form (secstats.publish.publication), validated against their published schemas."""
    known = set(built["claims"]["claim_id"])
    problems: list[Problem] = []
    published = {}
    for name, table in publish(built, {name: published_table(name) for name in built}).items():
        published[name], found = validate_frame(
            table_schema(name), table, relative_file(layout, name), known if name != "claims" else None
        )
        problems += found
    raise_if_any(problems)
    return published


def table_files(layout: Layout, tables: Mapping[str, pd.DataFrame]) -> dict[Path, bytes]:
    """Every published table as data/clean/<name>.csv bytes."""
    return {layout.clean / f"{name}.csv": published_csv(table) for name, table in tables.items()}


def read_table(layout: Layout, name: str, known_claims: set[str] | None = None) -> pd.DataFrame:
    """Read a published table and validate it against its published schema; raise with every problem."""
    path = layout.clean / f"{name}.csv"
    schema = table_schema(name)
    edited = verify_output(layout, path)  # a hand-edited table is never served, even a valid one
    table, problems = validate_frame(schema, read_csv_for(path, schema), relative_file(layout, name), known_claims)
    raise_if_any(edited + problems)
    return table


def row_claims(layout: Layout, name: str) -> pd.Series:
    """The claims each row of a published table rests on, in row order: a stated row's own claim_id,
    or the rows of derivation_inputs for a derived row or a contradiction."""
    table = read_table(layout, name)
    links = read_table(layout, LINK_TABLE)
    linked = links[links["table"] == name].groupby("row_id", sort=False)["claim_id"].agg(list)
    if "row_id" not in table.columns:
        return table["claim_id"].map(lambda claim: [claim])
    own = table["claim_id"] if "claim_id" in table.columns else pd.Series(None, index=table.index, dtype=object)
    return pd.Series(
        [linked.get(row, [claim] if isinstance(claim, str) else []) for row, claim in zip(table["row_id"], own)],
        index=table.index,
    )
