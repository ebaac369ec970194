"""Validation plumbing: reading a CSV for a table, validating a frame lazily, and turning pandera's
failure cases into one ``Problem`` per row, column and rule. The models themselves are in ``schemas``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from secstats.csvfiles import read_csv_checked
from secstats.problems import Problem
from secstats.schemas import ROW_RULES
from secstats.written_numbers import is_written_in

Model = type[pa.DataFrameModel] | pa.DataFrameSchema


def schema_of(model: Model) -> pa.DataFrameSchema:
    """A model's schema (a published schema is already one: see secstats.publication)."""
    return model if isinstance(model, pa.DataFrameSchema) else model.to_schema()


def read_csv_for(path: Path, model: Model | None = None, file: str | None = None) -> pd.DataFrame:
    """Read a CSV as text with only empty cells missing, so that the schema does every type coercion.

    The text is checked first (``csvfiles``): encoding, delimiter, quoting, field counts and the
    model's columns, each reported by line. Boolean columns of ``model`` are read from their written
    form ('True'/'False'): coercing the text itself would make every non-empty string True.
    """
    required = list(schema_of(model).columns) if model is not None else None
    table = read_csv_checked(path, file, required, dtype=str, keep_default_na=False, na_values=[""])
    for name, column in schema_of(model).columns.items() if model is not None else ():
        if str(column.dtype) in ("bool", "boolean") and name in table.columns:
            table[name] = table[name].map({"True": True, "False": False}).astype(object)
    return table


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
        value = value.item() if hasattr(value, "item") else value  # -5.0, not np.float64(-5.0)
        problems.append(
            Problem(
                file,
                rule,
                f"bad value {value!r}",
                row=row,
                column=column,
                claim_id=claim_id if isinstance(claim_id, str) else None,
            )
        )
    return problems


CLAIM_ID_COLUMNS = ("claim_id", "claim_a", "claim_b")


def claims_known(known_claims: set[str]) -> pa.Check:
    """A check that every claim id in a column (several joined by ';' or '+') is in the ledger."""
    return pa.Check(
        lambda ids: ids.str.split(r"[;+]", regex=True).map(lambda parts: all(p in known_claims for p in parts)),
        name="claim_id in ledger",
    )


def validate_frame(
    model: Model, df: pd.DataFrame, file: str, known_claims: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate lazily; return the coerced frame and every problem (empty list when valid)."""
    schema = schema_of(model)
    missing = [name for name in schema.columns if name not in df.columns]
    if missing:  # row rules would ask for the absent column: report it, not a KeyError
        return df, [Problem(file, "column present", f"missing column {name!r}", column=name) for name in missing]
    for name in CLAIM_ID_COLUMNS if known_claims is not None else ():
        if name in schema.columns:
            schema = schema.update_column(name, checks=[*schema.columns[name].checks, claims_known(known_claims)])
    try:
        checked = schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as error:
        return df, failure_problems(error, df, file)
    return checked, infinity_problems(checked, file)


def infinity_problems(df: pd.DataFrame, file: str) -> list[Problem]:
    """Infinite figures: a ratio over a zero baseline. pandera's range checks let inf through."""
    problems = []
    for column in df.columns[[dtype.kind == "f" for dtype in df.dtypes]]:
        for index in df.index[df[column].isin([float("inf"), float("-inf")])]:
            claim_id = df.loc[index, "claim_id"] if "claim_id" in df.columns else None
            problems.append(
                Problem(
                    file,
                    "finite value",
                    f"{df.loc[index, column]} (a division by a zero baseline?)",
                    row=int(index) + 2,
                    column=str(column),
                    claim_id=claim_id if isinstance(claim_id, str) else None,
                )
            )
    return problems


def unwritten_values(
    frame: pd.DataFrame, file: str, words: str, columns: tuple[str, ...] = ("value", "value_high")
) -> list[Problem]:
    """Values that are not a number written in the row's ``words`` (verbatim text from a source),
    compared exactly as written: the rule the ledger applies to its quotes, for every hand-recorded figure."""
    problems = []
    for index, row in frame.iterrows():
        for column in columns:
            number, text = row.get(column), row.get(words)
            if isinstance(number, str) and number and isinstance(text, str) and not is_written_in(number, text):
                claim_id = row.get("claim_id")
                problems.append(
                    Problem(
                        file,
                        f"value written in {words}",
                        f"{number} is not a number written in {words} {text!r}",
                        row=int(index) + 2,
                        column=column,
                        claim_id=claim_id if isinstance(claim_id, str) else None,
                    )
                )
    return problems
