"""The single description of every table: pandera ``DataFrameModel`` classes.

Column types, units (``metadata={"unit": ...}``), allowed values and descriptions live here and nowhere
else; validation reports, the data dictionary and ``datapackage.json`` are generated from these classes.

Row-level rules that involve several columns are ``dataframe_check``s whose name reads
``"<column>: <rule>"``, so a failure report can name the column the user must fix.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from secstats.problems import Problem

FAMILIES = ["homicide", "extradition", "merida_funding", "weapons", "overdose", "other"]
QUALIFIERS = ["exact", "approximate", "at_least", "more_than", "less_than", "range"]
UNITS = [
    "count", "percent", "usd", "per_100000", "rank", "times", "miles", "milligrams", "years", "months", "hours",
]
PERIOD_TYPES = ["calendar_year", "fiscal_year", "span", "point"]
YEAR_BASES = ["calendar", "fiscal"]

PERIOD_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2]))?$"
SNAKE_CASE = r"^[a-z][a-z0-9_]*$"


def period_bounds(start: pd.Series, end: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Periods as comparable month strings: a bare start year means January, a bare end year December."""
    start_month = start.where(start.str.len() != 4, start + "-01")
    end_month = end.where(end.str.len() != 4, end + "-12")
    return start_month, end_month


class ClaimsLedger(pa.DataFrameModel):
    """The claims ledger: one row per numeric statement in a source document, with its verbatim quote."""

    claim_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^[a-z]+-\d{3}$",
        description="Stable unique id of the claim: source short name and a 3-digit number.",
    )
    source_id: Series[str] = pa.Field(description="Id of the source document in data/raw/sources/sources.csv.")
    family: Series[str] = pa.Field(isin=FAMILIES, description="Indicator family the claim belongs to.")
    measure: Series[str] = pa.Field(
        str_matches=SNAKE_CASE, description="What is counted, snake_case; the same name across documents."
    )
    value: Series[float] = pa.Field(description="The number stated, in base units (see unit).")
    value_high: Series[float] = pa.Field(
        nullable=True, description="Upper bound when qualifier is 'range'; empty otherwise."
    )
    unit: Series[str] = pa.Field(isin=UNITS, description="Unit of value: percent points, plain USD, counts...")
    qualifier: Series[str] = pa.Field(
        isin=QUALIFIERS, description="How the words bound the number: exact, approximate, at_least, ..."
    )
    period_start: Series[str] = pa.Field(str_matches=PERIOD_PATTERN, description="First year (or month), YYYY or YYYY-MM.")
    period_end: Series[str] = pa.Field(str_matches=PERIOD_PATTERN, description="Last year (or month), YYYY or YYYY-MM.")
    period_type: Series[str] = pa.Field(
        isin=PERIOD_TYPES, description="calendar_year, fiscal_year (U.S. federal, Oct-Sep), span or point."
    )
    year_basis: Series[str] = pa.Field(
        isin=YEAR_BASES, description="Whether period years are calendar years or U.S. federal fiscal years (Oct-Sep)."
    )
    geography: Series[str] = pa.Field(str_matches=SNAKE_CASE, description="Where the number applies.")
    quote: Series[str] = pa.Field(str_length={"min_value": 1}, description="Verbatim fragment of the document.")
    quote_start: Series[int] = pa.Field(ge=0, description="0-based character offset of quote in the document.")
    cited_source: Series[str] = pa.Field(nullable=True, description="Endnote or attribution the document gives.")
    note: Series[str] = pa.Field(nullable=True, description="Curator's note: source errors, repeats, readings.")

    @pa.dataframe_check(name="period_end: not before period_start")
    def period_in_order(cls, df: pd.DataFrame) -> pd.Series:
        start, end = period_bounds(df["period_start"], df["period_end"])
        return start <= end

    @pa.dataframe_check(name="value_high: set only for ranges, and above value")
    def value_high_for_ranges(cls, df: pd.DataFrame) -> pd.Series:
        is_range = df["qualifier"] == "range"
        return (is_range & (df["value_high"] > df["value"])) | (~is_range & df["value_high"].isna())

    @pa.dataframe_check(name="year_basis: fiscal for every fiscal_year period")
    def fiscal_years_are_fiscal(cls, df: pd.DataFrame) -> pd.Series:
        return (df["period_type"] != "fiscal_year") | (df["year_basis"] == "fiscal")

    class Config:
        strict = True
        coerce = True
        ordered = True


def read_csv_for(path: Path) -> pd.DataFrame:
    """Read a CSV as text with only empty cells missing, so that the schema does every type coercion."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def failure_problems(error: pa.errors.SchemaErrors, df: pd.DataFrame, file: str) -> list[Problem]:
    """Turn pandera's lazy failure cases into one ``Problem`` per (row, column, check)."""
    seen: set[tuple] = set()
    problems = []
    for case in error.failure_cases.itertuples():
        column, rule = case.column, str(case.check)
        if case.schema_context == "DataFrameSchema" and ": " in rule:
            column, rule = rule.split(": ", 1)
        index = case.index if pd.notna(case.index) else None
        key = (index, column, rule)
        if key in seen:
            continue
        seen.add(key)
        row = int(index) + 2 if index is not None else None
        claim_id = df.loc[index, "claim_id"] if index is not None and "claim_id" in df.columns else None
        value = df.loc[index, column] if index is not None and column in df.columns else case.failure_case
        problems.append(
            Problem(file, rule, f"bad value {value!r}", row=row, column=column,
                    claim_id=claim_id if isinstance(claim_id, str) else None)
        )
    return problems


def validate_frame(model: type[pa.DataFrameModel], df: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate lazily; return the coerced frame and every problem (empty list when valid)."""
    try:
        return model.validate(df, lazy=True), []
    except pa.errors.SchemaErrors as error:
        return df, failure_problems(error, df, file)
