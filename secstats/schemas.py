"""The single description of every table: pandera ``DataFrameModel`` classes.

Column types, units (``metadata={"unit": ...}``), allowed values and descriptions live here and nowhere
else; validation reports, the data dictionary and ``datapackage.json`` are generated from these classes.

Row-level rules that involve several columns are ``dataframe_check``s; ``ROW_RULES`` says for each
which column the user must fix and what the rule is, so a failure report can name both.
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


# dataframe_check function name -> "<column to fix>: <rule>"
ROW_RULES = {
    "period_in_order": "period_end: not before period_start",
    "value_high_for_ranges": "value_high: set only for ranges, and above value",
    "fiscal_years_are_fiscal": "year_basis: fiscal for every fiscal_year period",
    "shares_at_most_100": "value: shares (percent, not a change) between 0 and 100",
    "derived_rows_say_how": "derivation: present exactly for derived rows",
}


def period_bounds(start: pd.Series, end: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Periods as comparable month strings: a bare start year means January, a bare end year December."""
    start_month = start.where(start.str.len() != 4, start + "-01")
    end_month = end.where(end.str.len() != 4, end + "-12")
    return start_month, end_month


class FigureRules(pa.DataFrameModel):
    """Row rules shared by the ledger and every clean table (both hold figures with periods and bounds)."""

    @pa.dataframe_check
    def period_in_order(cls, df: pd.DataFrame) -> pd.Series:
        start, end = period_bounds(df["period_start"], df["period_end"])
        return start <= end

    @pa.dataframe_check
    def value_high_for_ranges(cls, df: pd.DataFrame) -> pd.Series:
        is_range = df["qualifier"] == "range"
        return (is_range & (df["value_high"] > df["value"])) | (~is_range & df["value_high"].isna())

    @pa.dataframe_check
    def fiscal_years_are_fiscal(cls, df: pd.DataFrame) -> pd.Series:
        return (df["period_type"] != "fiscal_year") | (df["year_basis"] == "fiscal")


class ClaimsLedger(FigureRules):
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
    quantity: Series[str] = pa.Field(
        str_matches=SNAKE_CASE,
        description="The quantity the measure estimates: claims with the same quantity and geography are compared "
        "with each other (deaths in the drug war and all homicides are both estimates of homicides).",
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

    class Config:
        strict = True
        coerce = True
        ordered = True


# ---------------------------------------------------------------------------------------------
# Clean indicator tables. Every table shares the IndicatorTable columns; each family adds its own
# dimension and rules. The claim_id check against the ledger is added at validation time (the
# ledger is data, not schema): see ``validate_frame(known_claims=...)``.

PROCESSING = ["stated", "derived"]
TABLE_UNITS = UNITS + ["count_per_year"]


class IndicatorTable(FigureRules):
    """Columns every clean table shares: the figure, its bounds, its period and where it came from."""

    measure: Series[str] = pa.Field(str_matches=SNAKE_CASE, description="What is counted (the ledger's measure, or a derived one).")
    geography: Series[str] = pa.Field(str_matches=SNAKE_CASE, description="Where the number applies.")
    period_start: Series[str] = pa.Field(str_matches=PERIOD_PATTERN, description="First year (or month), YYYY or YYYY-MM.")
    period_end: Series[str] = pa.Field(str_matches=PERIOD_PATTERN, description="Last year (or month), YYYY or YYYY-MM.")
    period_type: Series[str] = pa.Field(isin=PERIOD_TYPES, description="calendar_year, fiscal_year, span (cumulative) or point (a stock).")
    year_basis: Series[str] = pa.Field(isin=YEAR_BASES, description="calendar years, or U.S. federal fiscal years (October-September).")
    value: Series[float] = pa.Field(ge=0, description="The figure, in the row's unit; a lower bound when qualifier is more_than or at_least.")
    value_high: Series[float] = pa.Field(nullable=True, description="Upper bound when qualifier is 'range'; empty otherwise.")
    unit: Series[str] = pa.Field(isin=TABLE_UNITS, description="Unit of value and value_high.")
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="How the source's words bound the figure; derived rows inherit the loosest input qualifier.")
    processing: Series[str] = pa.Field(isin=PROCESSING, description="stated: written in a source; derived: computed from stated claims by the formula in derivation.")
    derivation: Series[str] = pa.Field(nullable=True, description="For derived rows, the formula and the claims it uses; empty for stated rows.")
    claim_id: Series[str] = pa.Field(description="Ledger claim(s) the row rests on; several ids joined by ';' for derived rows.")
    source_id: Series[str] = pa.Field(description="Source document(s) of those claims, joined by ';'.")

    @pa.dataframe_check
    def shares_at_most_100(cls, df: pd.DataFrame) -> pd.Series:
        is_share = (df["unit"] == "percent") & ~df["measure"].str.endswith("_change")
        return ~is_share | (df["value"] <= 100)

    @pa.dataframe_check
    def derived_rows_say_how(cls, df: pd.DataFrame) -> pd.Series:
        return (df["processing"] == "derived") == df["derivation"].notna()

    class Config:
        strict = True
        coerce = True
        ordered = True


class Homicides(IndicatorTable):
    """Mexico homicides as the documents state them: counts, rates per 100,000 inhabitants, changes and impunity shares."""

    unit: Series[str] = pa.Field(isin=["count", "per_100000", "percent"], description="count (people), per_100000 (inhabitants) or percent.")


class Extraditions(IndicatorTable):
    """Extraditions from Mexico to the United States: totals per period and derived per-year averages."""

    unit: Series[str] = pa.Field(isin=["count", "count_per_year"], description="count (people extradited) or count_per_year (derived average).")


class MeridaFunding(IndicatorTable):
    """U.S. Merida Initiative and security assistance to Mexico by U.S. fiscal year; allocated and disbursed kept apart."""

    transaction: Series[str] = pa.Field(
        isin=["allocated", "disbursed", "undisbursed", "unspecified"],
        description="allocated (appropriated by Congress), disbursed (delivered), undisbursed (derived: allocated minus disbursed) "
        "or unspecified (the document does not say which).",
    )
    unit: Series[str] = pa.Field(isin=["usd"], description="Current U.S. dollars, not adjusted for inflation.")
    year_basis: Series[str] = pa.Field(isin=["fiscal"], description="Always U.S. federal fiscal years (FY2008 = Oct 2007 - Sep 2008).")


class WeaponOrigins(IndicatorTable):
    """Shares of firearms seized in Mexico and traced (eTrace) by place of origin in the United States."""

    geography: Series[str] = pa.Field(
        str_matches=SNAKE_CASE,
        description="Origin of the firearms: united_states, a U.S. state (united_states_texas), or a derived remainder.",
    )
    unit: Series[str] = pa.Field(isin=["percent"], description="Percent of traced firearms (percent points).")


class OverdoseDeaths(IndicatorTable):
    """U.S. drug overdose deaths as the documents state them, by drug; changes and shares kept with their units."""

    drug: Series[str] = pa.Field(
        isin=["all_drugs", "opioids", "synthetic_opioids", "synthetic_opioids_or_heroin", "fentanyl"],
        description="Drug involved; categories overlap (a death may involve several drugs).",
    )
    unit: Series[str] = pa.Field(isin=["count", "percent", "times"], description="count (deaths), percent (share or change) or times (multiple).")


def read_csv_for(path: Path) -> pd.DataFrame:
    """Read a CSV as text with only empty cells missing, so that the schema does every type coercion."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def failure_problems(error: pa.errors.SchemaErrors, df: pd.DataFrame, file: str) -> list[Problem]:
    """Turn pandera's lazy failure cases into one ``Problem`` per (row, column, check)."""
    seen: set[tuple] = set()
    problems = []
    for case in error.failure_cases.itertuples():
        column, rule = case.column, str(case.check)
        if case.schema_context == "DataFrameSchema" and rule in ROW_RULES:
            column, rule = ROW_RULES[rule].split(": ", 1)
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


def claims_known(known_claims: set[str]) -> pa.Check:
    """A check that every ';'-joined claim id in a column is in the ledger."""
    return pa.Check(
        lambda ids: ids.str.split(";").map(lambda parts: all(part in known_claims for part in parts)),
        name="claim_id in ledger",
    )


def validate_frame(
    model: type[pa.DataFrameModel], df: pd.DataFrame, file: str, known_claims: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate lazily; return the coerced frame and every problem (empty list when valid)."""
    schema = model.to_schema()
    if known_claims is not None:
        column = schema.columns["claim_id"]
        schema = schema.update_column("claim_id", checks=[*column.checks, claims_known(known_claims)])
    try:
        return schema.validate(df, lazy=True), []
    except pa.errors.SchemaErrors as error:
        return df, failure_problems(error, df, file)
