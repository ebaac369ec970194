"""Validation plumbing: reading a CSV for a table, validating a frame lazily, and turning pandera's
failure cases into one ``Problem`` per row, column and rule. The models themselves are in ``schemas``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from secstats.core.csvfiles import read_csv_checked
from secstats.core.problems import Problem, shown
from secstats.core.schemas import ANY_PERIOD_PATTERN, PERIOD_PATTERN, ROW_RULES, SNAKE_CASE
from secstats.core.written_numbers import is_written_in

Model = type[pa.DataFrameModel] | pa.DataFrameSchema


def schema_of(model: Model) -> pa.DataFrameSchema:
    """A model's schema (a published schema is already one: see secstats.publish.publication)."""
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


def failure_problems(
    error: pa.errors.SchemaErrors, df: pd.DataFrame, file: str, reported: set[tuple] = frozenset(), width: int = 0
) -> list[Problem]:
    """Turn pandera's lazy failure cases into one ``Problem`` per (row, column, check), in words; a cell
    already in ``reported`` (index, column) is not named twice."""
    seen: set[tuple] = set(reported)
    seen_rows = {key[0] for key in seen}
    claim_ids = df["claim_id"].to_dict() if "claim_id" in df.columns else {}
    columns: dict[str, dict] = {}  # column -> {index: cell}, made once: .loc per failure is slow on big files
    problems = []
    cases = error.failure_cases
    row_level = (cases["schema_context"] == "DataFrameSchema") & cases["check"].astype(str).isin(list(ROW_RULES))
    # Cells first, then the rules across a row, which are left out on a row with a bad cell: a rule
    # comparing two cells says nothing true when one of them could not be read.
    for case in pd.concat([cases[~row_level], cases[row_level]]).itertuples():
        column, rule = case.column, str(case.check)
        index = case.index if pd.notna(case.index) else None
        if rule in ROW_RULES and case.schema_context == "DataFrameSchema":
            column, rule = ROW_RULES[rule].split(": ", 1)
            if index in seen_rows:
                continue
        crashed = isinstance(case.failure_case, str) and CRASH.match(case.failure_case)
        if (index, column) in seen or (crashed and index in seen_rows):
            continue  # one bad cell is one problem; a rule that could not run on it says nothing more
        seen.add((index, column))
        seen_rows.add(index)
        if rule == "column_in_schema":
            problems.append(
                Problem(
                    file,
                    "only the table's columns",
                    extra_column_message(case.failure_case, width),
                    row=1,
                    column=str(case.failure_case),
                )
            )
            continue
        row = int(index) + 2 if index is not None else None
        claim_id = claim_ids.get(index)
        if index is not None and column in df.columns:
            if column not in columns:
                columns[column] = df[column].to_dict()
            value = columns[column][index]
        else:
            value = case.failure_case
        value = value.item() if hasattr(value, "item") else value  # -5.0, not np.float64(-5.0)
        message = "cannot be checked: another cell of the row is invalid" if crashed else value_message(value)
        problems.append(
            Problem(
                file,
                rule_in_words(str(rule)),
                message,
                row=row,
                column=column,
                claim_id=claim_id if isinstance(claim_id, str) else None,
            )
        )
    return problems


def value_message(value: object) -> str:
    """What is wrong with a cell as a reader says it: 'bad value -5', or 'the cell is empty' (not 'nan')."""
    return "the cell is empty" if pd.api.types.is_scalar(value) and pd.isna(value) else f"bad value {shown(value)}"


CRASH = re.compile(r"^[A-Z][A-Za-z]*(Error|Exception)\(")  # pandera's text for a check that raised
PATTERN_WORDS = {
    r"^[a-z]+-\d{3}$": "claim ids are lowercase letters, a hyphen and three digits, such as kloppe-006",
    SNAKE_CASE: "snake_case: lowercase letters, digits and underscores, starting with a letter",
    PERIOD_PATTERN: "a year or a month: YYYY or YYYY-MM",
    ANY_PERIOD_PATTERN: "a year, month or day: YYYY, YYYY-MM or YYYY-MM-DD",
    r"^\d{4}-\d{2}-\d{2}$": "a day: YYYY-MM-DD",
}
COMPARISONS = {
    "greater_than_or_equal_to": "at least",
    "greater_than": "above",
    "less_than_or_equal_to": "at most",
    "less_than": "below",
    "equal_to": "equal to",
}
TYPE_WORDS = {
    "float64": "a number",
    "int64": "a whole number",
    "Int64": "a whole number",
    "bool": "True or False",
    "boolean": "True or False",
}
CHECK = re.compile(r"^(\w+)\((.*)\)$", re.S)


def rule_in_words(check: str) -> str:
    """A pandera check as a person says it, with the check's name after it for developers:
    "claim ids are lowercase letters, a hyphen and three digits (str_matches)", "at least 0
    (greater_than_or_equal_to(0))". Names of secstats' own checks are words already."""
    match = CHECK.match(check)
    name, argument = (match.group(1), match.group(2)) if match else (check, "")
    literal = parse_literal(argument)
    if name == "str_matches":
        return f"{PATTERN_WORDS.get(literal, f'text matching {literal}')} (str_matches)"
    if name == "isin" and isinstance(literal, list):
        return f"one of {', '.join(map(str, literal))} (isin)"
    if name in COMPARISONS:
        return f"{COMPARISONS[name]} {literal} ({check})"
    if name == "in_range":
        return f"between {argument.replace(', ', ' and ', 1)} ({name})"
    if name in ("coerce_dtype", "dtype"):
        words = "a date, YYYY-MM-DD" if "datetime" in str(literal) else TYPE_WORDS.get(str(literal), f"of type {literal}")
        return f"{words} (coerce_dtype)"
    if check == "not_nullable":
        return "not empty (not_nullable)"
    if check in ("field_uniqueness", "multiple_fields_uniqueness", "unique"):
        return f"no value repeated ({check})"
    return check


def parse_literal(text: str) -> object:
    """A check's argument as Python reads it ("'^x$'" -> '^x$'); the text itself when it is no literal."""
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1]  # a pattern: its backslashes are the regex's, not escapes
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def extra_column_message(column: object, width: int) -> str:
    """A column the table does not have, such as the ``confidence`` a pasted candidate row may carry."""
    return f"column {column!r} is not one of the table's {width} columns: delete it"


def coercion_problems(schema: pa.DataFrameSchema, df: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Cells of number and date columns that are not numbers or dates, each named once with its row
    and value; the frame comes back with those cells empty, so the column's other rules still run on
    every other cell (a text value no longer hides a -5 below it)."""
    problems, fixed = [], {}
    for name, column in schema.columns.items():
        kind = str(column.dtype)
        if name not in df.columns or not ((kind in TYPE_WORDS and kind not in ("bool", "boolean")) or "datetime" in kind):
            continue
        cells = df[name]
        written = cells.notna() & cells.map(lambda cell: isinstance(cell, str)).astype(bool)  # bool even when empty
        if not written.any():
            continue
        text = cells[written].str.strip()
        if "datetime" in kind:
            parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        else:
            parsed = pd.to_numeric(text, errors="coerce")
            if kind != "float64":
                parsed = parsed.where(parsed.isna() | (parsed == parsed.round()))
        bad = parsed.isna()
        for index in bad[bad].index:
            claim_id = df.loc[index, "claim_id"] if "claim_id" in df.columns else None
            problems.append(
                Problem(
                    file,
                    rule_in_words(f"coerce_dtype({kind!r})"),
                    f"bad value {shown(cells[index])}",
                    row=int(index) + 2,
                    column=name,
                    claim_id=claim_id if isinstance(claim_id, str) else None,
                )
            )
        if bad.any():
            fixed[name] = cells.where(~cells.index.isin(bad[bad].index))
    return (df.assign(**fixed) if fixed else df), problems


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
    extra = [name for name in df.columns if name not in schema.columns] if schema.strict else []
    problems = [
        Problem(file, "only the table's columns", extra_column_message(name, len(schema.columns)), row=1, column=str(name))
        for name in extra
    ]
    cleared, found = coercion_problems(schema, df.drop(columns=extra), file)
    problems += found
    reported = {(problem.row - 2, problem.column) for problem in problems}
    try:
        checked = schema.validate(cleared, lazy=True)
    except pa.errors.SchemaErrors as error:
        return df, in_row_order(problems + failure_problems(error, df, file, reported, len(schema.columns)))
    if problems:
        return df, in_row_order(problems)
    return checked, infinity_problems(checked, file)


def in_row_order(problems: list[Problem]) -> list[Problem]:
    """Problems as a reader goes through the file (as frictionless lists them): the header's first, then
    row by row; within a row, in the order found (cells before the rules across the row)."""
    return sorted(problems, key=lambda problem: problem.row or 0)


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


def read_trusted(path: Path, model: Model) -> pd.DataFrame:
    """A published table whose bytes the build validated (its hash is in the manifest), read straight
    into the schema's types: the frame validation would return, without checking every rule again.

    Dates are read as text and handed to numpy, which parses ISO days in one pass per column
    (``pd.to_datetime`` per column was a third of the cost); empty cells become NaT."""
    types, dates = read_plan(schema_of(model))
    frame = pd.read_csv(path, dtype=types, keep_default_na=False, na_values=[""])
    for name in dates:
        frame[name] = frame[name].to_numpy(dtype=object, na_value="NaT").astype("datetime64[ns]")
    return frame


READ_PLANS: dict[int, tuple[pa.DataFrameSchema, dict[str, object], list[str]]] = {}


def read_plan(schema: pa.DataFrameSchema) -> tuple[dict[str, object], list[str]]:
    """A schema's dtype per column for read_csv (dates as text) and its date columns, worked out once
    per schema: pandera makes a dtype's name slowly, and asking it per load was a sixth of load's cost.
    (Keyed by identity, the schema kept alive with its plan: pandera's schemas are not hashable.)"""
    if id(schema) not in READ_PLANS:
        dates = [name for name, column in schema.columns.items() if "datetime" in str(column.dtype)]
        types = {name: object if name in dates else column.dtype.type for name, column in schema.columns.items()}
        READ_PLANS[id(schema)] = (schema, types, dates)
    _, types, dates = READ_PLANS[id(schema)]
    return types, dates
