"""The publication boundary: the in-memory tables of the build, turned into the tables ``data/clean/`` holds.

The pipeline keeps the ledger's forms (periods as ``YYYY`` or ``YYYY-MM`` strings, the ids of a
derived row joined by ';' or '+'), which its rules compare easily. Published tables must instead read
the same in every client (pandas, DuckDB, polars, frictionless, a spreadsheet), so here, and only here:

* **Periods** (``period_start``, ``period_end``) become ISO dates, the first and the last day of the
  period, each with its precision (``year``, ``month`` or ``day``) in ``period_start_precision`` and
  ``period_end_precision``. A U.S. fiscal year runs from 1 October of the year before: FY2008 is
  2007-10-01 to 2008-09-30, precision ``year``. A year that names a row of an annual series
  (``year``, ``fiscal_year``, ``fy_start``, ``fy_end``) stays an integer.
* **Keys**: every table has a primary key (``PublishedTable.key``); tables of derived rows get a ``row_id``.
  A derived row's ``claim_id`` (and a summed ``claim_b``) is empty, and the claims it rests on are
  rows of ``derivation_inputs`` instead of ids joined in one cell.
* **Left out**: a column the pipeline keeps only for rules (``PublishedTable.unpublished``) and that is always empty.
* **Numbers**: integer columns are written without a decimal point, number columns always with one
  (``211.0``), so that a client inferring types reads each column as what it is.

Each table is described once, by its ``PublishedTable`` in ``secstats.publish.catalog``: its model
(columns, rules and description), key, unpublished columns and row number. ``published_schema``
describes the result: the model of the table with exactly these changes. It is
what ``load()`` validates and what ``datapackage.json`` and the data dictionary are generated from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pandera.pandas as pa

from secstats.core.periods import PRECISIONS, day
from secstats.core.schemas import DerivationInputs

# (start, end) columns of one period; each pair is read with the row's year_basis
RELEASE_DATES = ("vintage_published",)  # a day or a month: published as a date and its precision
PERIOD_PAIRS = (
    ("period_start", "period_end"),
    ("official_period_start", "official_period_end"),
    ("best_period_start", "best_period_end"),
)
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"  # a string column the model requires to be a date is published as one
LINK_TABLE = "derivation_inputs"
LINKED_DESCRIPTIONS = {
    "claim_id": "The ledger claim a stated row quotes; empty for a derived row, whose input claims are in derivation_inputs.",
    "claim_b": "Second claim id; empty when claim b is a sum of several claims, which are in derivation_inputs.",
}
ROW_ID = "row_id"  # the key of every table whose rows may be derived (claim tables, contradictions)


@dataclass(frozen=True)
class PublishedTable:
    """One published table, described once: its model (columns, rules, and the description its
    docstring gives), its key, the columns the build keeps but publication leaves out (each must be
    empty: ``publish`` checks), and the row number it gains within a column, if any."""

    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...] = (ROW_ID,)  # (ROW_ID,): rows derived from several claims, keyed by a name made here
    unpublished: tuple[tuple[str, str], ...] = ()  # (column, why it is left out)
    numbered: tuple[str, str] | None = None  # (number column, the column it numbers within)

    @property
    def has_row_id(self) -> bool:
        """Tables whose rows are derived from several claims get a row_id key."""
        return self.key == (ROW_ID,)

    @property
    def description(self) -> str:
        """The model's docstring on one line: the table's description everywhere it is published."""
        return " ".join((self.model.__doc__ or "").split())

    @property
    def summary(self) -> str:
        """The first line of the description, as `secstats list` prints it."""
        return (self.model.__doc__ or "").strip().splitlines()[0]

    def why_unpublished(self, column: str) -> str | None:
        """Why a column is left out of the published table; None when it is published."""
        return dict(self.unpublished).get(column)


# --- the schema of what is published --------------------------------------------------------------


def date_column(column: pa.Column, description: str) -> pa.Column:
    """A published ISO-date column in place of a period string column."""
    return pa.Column(pa.DateTime, nullable=column.nullable, description=description, metadata=column.metadata, title=column.title)


def precision_column(column: str, nullable: bool, title: str | None = None) -> pa.Column:
    return pa.Column(
        str,
        title=f"{title} (precision)" if title else None,
        checks=pa.Check.isin(list(PRECISIONS.values())),
        nullable=nullable,
        description=f"How precisely {column} is known: year, month or day (as written in the source).",
    )


def is_iso_date(column: pa.Column) -> bool:
    """A string column whose model requires YYYY-MM-DD."""
    return any(check.name == "str_matches" and check.statistics["pattern"] == ISO_DATE for check in column.checks)


def published_columns(table: PublishedTable, schema: pa.DataFrameSchema) -> dict[str, pa.Column]:
    """The model's columns with periods as dates (+ precision), row_id first, claim ids of derived rows nullable."""
    columns: dict[str, pa.Column] = {}
    if table.has_row_id:
        columns[ROW_ID] = pa.Column(
            str,
            unique=True,
            title="Row key",
            description=(
                "Key of the row: the claim id of a stated row; for a derived row or a contradiction, a name made "
                "from its claims (read them from derivation_inputs, not from this key)."
            ),
        )
    starts = dict(PERIOD_PAIRS)
    ends = {end: start for start, end in PERIOD_PAIRS}
    numbered = table.numbered
    for name, column in schema.columns.items():
        if table.why_unpublished(name):
            continue
        if name in starts:
            columns[name] = date_column(
                column,
                f"{column.description} As an ISO date: the first day (a U.S. fiscal "
                "year starts on 1 October of the year before).",
            )
        elif name in ends:
            columns[name] = date_column(
                column, f"{column.description} As an ISO date: the last day (a U.S. fiscal year ends on 30 September)."
            )
            start = schema.columns[ends[name]]
            columns[f"{ends[name]}_precision"] = precision_column(ends[name], start.nullable, start.title)
            columns[f"{name}_precision"] = precision_column(name, column.nullable, column.title)
        elif is_iso_date(column):
            columns[name] = date_column(column, column.description)
        elif name in RELEASE_DATES:
            columns[name] = date_column(column, f"{column.description} As an ISO date: its first day.")
            columns[f"{name}_precision"] = precision_column(name, column.nullable, column.title)
        elif name in LINKED_DESCRIPTIONS and table.has_row_id:
            columns[name] = pa.Column(
                column.dtype,
                checks=column.checks,
                nullable=True,
                description=LINKED_DESCRIPTIONS[name],
                metadata=column.metadata,
                title=column.title,
            )
        else:
            columns[name] = column
        if numbered and name == numbered[1]:
            columns[numbered[0]] = pa.Column(
                int,
                checks=pa.Check.ge(1),
                title="No.",
                description=(f"Number of the row among the rows of its {numbered[1]}, in the table's order (1, 2, ...)."),
            )
    return columns


@cache  # pandera copies every column to make a schema; a build asks for each one several times
def published_schema(table: PublishedTable) -> pa.DataFrameSchema:
    """The schema of ``data/clean/<name>.csv`` as published and as ``load()`` returns it (never changed
    in place: ``update_column`` and the like return a new schema)."""
    schema = table.model.to_schema()
    checks = [dates_in_order() if check.name == "period_in_order" else check for check in schema.checks]
    return pa.DataFrameSchema(
        published_columns(table, schema),
        checks=checks,
        strict=True,
        coerce=True,
        ordered=True,
        unique=list(table.key),
        report_duplicates="all",
        name=table.name,
        description=schema.description,
    )


def dates_in_order() -> pa.Check:
    """The ``period_in_order`` rule of the models, on published dates. An open start passes, and so does
    a date that is not one (its column's type check reports it)."""

    def in_order(df: pd.DataFrame) -> pd.Series:
        start, end = (pd.to_datetime(df[name], errors="coerce") for name in ("period_start", "period_end"))
        return start.isna() | end.isna() | (start <= end)

    return pa.Check(in_order, name="period_in_order")


# --- the tables as published --------------------------------------------------------------------


def period_day(written: object, fiscal: bool, end: bool) -> pd.Timestamp:
    """The first (or last) day of a period written as YYYY, YYYY-MM or YYYY-MM-DD; NaT when missing."""
    if not isinstance(written, str):
        return pd.NaT
    return pd.Timestamp(day(written, "fiscal" if fiscal else "calendar", end))


def publish_periods(table: pd.DataFrame) -> pd.DataFrame:
    """Period strings -> ISO dates and their precision (see the module docstring)."""
    fiscal = table["year_basis"].eq("fiscal") if "year_basis" in table.columns else pd.Series(False, index=table.index)
    published = table.copy()
    for pair in PERIOD_PAIRS:
        for name in pair if pair[0] in table.columns else ():
            end = name == pair[1]
            published[name] = pd.to_datetime([period_day(w, f, end) for w, f in zip(table[name], fiscal)])
            published[f"{name}_precision"] = table[name].str.len().map(PRECISIONS).astype(object)
    for name in RELEASE_DATES if RELEASE_DATES[0] in table.columns else ():
        published[name] = pd.to_datetime([period_day(w, False, False) for w in table[name]])
        published[f"{name}_precision"] = table[name].str.len().map(PRECISIONS).astype(object)
    return published


def claim_list(cell: str) -> list[str]:
    """The ids of a cell written by the pipeline: one id, or several joined by ';' or '+'."""
    return cell.replace("+", ";").split(";")


def derived_row_ids(table: pd.DataFrame) -> pd.Series:
    """A stated row's key is its claim; a derived row's names its measure and its claims."""
    derived = table["processing"] == "derived"
    names = table["measure"] + " from " + table["claim_id"].map(lambda c: "+".join(claim_list(c)))
    return table["claim_id"].where(~derived, names)


def publish_links(name: str, table: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """row_id, single ids only in the claim columns, and the link rows for everything else."""
    published = table.copy()
    links: list[dict] = []
    if "claim_b" in table.columns:
        published.insert(0, ROW_ID, table["claim_a"] + " vs " + table["claim_b"])
        for row in published.itertuples():
            links.append({"table": name, "row_id": row.row_id, "claim_id": row.claim_a, "role": "claim_a"})
            links += [{"table": name, "row_id": row.row_id, "claim_id": c, "role": "claim_b"} for c in claim_list(row.claim_b)]
        published["claim_b"] = table["claim_b"].where(~table["claim_b"].str.contains("+", regex=False))
    else:
        published.insert(0, ROW_ID, derived_row_ids(table))
        derived = published[published["processing"] == "derived"]
        links += [
            {"table": name, "row_id": row.row_id, "claim_id": c, "role": "input"}
            for row in derived.itertuples()
            for c in claim_list(row.claim_id)
        ]
        published["claim_id"] = table["claim_id"].where(table["processing"] != "derived")
    return published, links


def publish(built: Mapping[str, pd.DataFrame], specs: Mapping[str, PublishedTable]) -> dict[str, pd.DataFrame]:
    """Every table as published, plus derivation_inputs (not yet validated: see catalog.publish_tables)."""
    published: dict[str, pd.DataFrame] = {}
    links: list[dict] = []
    for name, table in built.items():
        spec = specs[name]
        schema = spec.model.to_schema()
        if spec.has_row_id:
            table, found = publish_links(name, table)
            links += found
        table = publish_periods(table)
        for column_name, column in schema.columns.items():
            if is_iso_date(column):
                table[column_name] = pd.to_datetime(table[column_name], format="%Y-%m-%d")
        for column_name, why in spec.unpublished:
            if column_name in table.columns and table[column_name].notna().any():
                raise ValueError(f"{name}.{column_name} holds values but is not published: {why}")
        if spec.numbered:
            number, within = spec.numbered
            table[number] = table.groupby(within, sort=False).cumcount() + 1
        published[name] = table[list(published_schema(spec).columns)]
    link_table = pd.DataFrame(links, columns=list(DerivationInputs.to_schema().columns))
    published[LINK_TABLE] = link_table.sort_values(["table", "row_id", "role", "claim_id"], kind="stable").reset_index(drop=True)
    return published


# --- bytes ----------------------------------------------------------------------------------------

NUMBER_FORMAT = "{:.12g}"  # twelve significant digits keep every ledger value exact


def number_text(value: float) -> str:
    """A number column's cell: empty when missing, always with a decimal point (2800000000.0, 0.5)."""
    if pd.isna(value):
        return ""
    text = NUMBER_FORMAT.format(value)
    return text if any(mark in text for mark in ".einf") else text + ".0"


def published_csv(table: pd.DataFrame) -> bytes:
    """A published table as CSV bytes: UTF-8, '\\n' line ends, ISO dates, numbers as ``number_text``."""
    text = table.copy()
    for name, column in table.items():
        if pd.api.types.is_float_dtype(column):
            text[name] = column.map(number_text)
        elif pd.api.types.is_datetime64_any_dtype(column):
            text[name] = column.dt.strftime("%Y-%m-%d")
    return text.to_csv(index=False, lineterminator="\n").encode("utf-8")
