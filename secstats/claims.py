"""Stage 1: the claims ledger, checked against the documents it quotes.

A claim passes when (1) its row satisfies ``schemas.ClaimsLedger``, (2) its source is registered,
(3) its quote sits verbatim in that document at ``quote_start``, and (4) its value (and value_high) is
written in the quote, exactly (``written_numbers``), as digits, a scaled form ("2.8 billion") or
number words ("one hundred one"); (5) its period does not end after its document's date unless the
claim is marked a projection; (6) its measure belongs to one family.
"""

from __future__ import annotations

import re

import pandas as pd

from secstats.escaping import formula_cells
from secstats.families import family_problems
from secstats.paths import Layout
from secstats.periods import on_or_before
from secstats.problems import Problem, raise_if_any
from secstats.schemas import PERIOD_PATTERN, ClaimsLedger
from secstats.sources import document_texts, read_sources
from secstats.validation import read_csv_for, validate_frame
from secstats.written_numbers import is_written_in


def read_ledger(layout: Layout) -> pd.DataFrame:
    """The ledger as text, exactly as curated (no type coercion yet); a file pandas could not read
    right (encoding, delimiter, quoting, a missing column) stops here with one line per problem."""
    return read_csv_for(layout.ledger, ClaimsLedger, str(layout.ledger.relative_to(layout.root)))


def quote_problems(ledger: pd.DataFrame, texts: dict[str, str], file: str) -> list[Problem]:
    """Cross-file rules: known source, quote at its offset, value written in the quote."""
    problems = []
    # Tolerant conversions: a cell the schema rejects is reported there, not twice here.
    numeric = ledger[["quote_start"]].apply(pd.to_numeric, errors="coerce")
    for claim in ledger.assign(**numeric).itertuples():  # tuples: a tenth of the cost of iterrows
        where = {"row": int(claim.Index) + 2, "claim_id": claim.claim_id}
        text = texts.get(claim.source_id)
        if text is None:
            problems.append(
                Problem(file, "source_id registered", f"unknown source {claim.source_id!r}", column="source_id", **where)
            )
            continue
        if pd.isna(claim.quote_start) or not isinstance(claim.quote, str):
            continue
        start = int(claim.quote_start)
        if text[start : start + len(claim.quote)] != claim.quote:
            found = text.find(claim.quote)
            hint = f"found at {found}" if found >= 0 else "not found anywhere in the document"
            column = "quote_start" if found >= 0 else "quote"
            problems.append(
                Problem(file, "quote verbatim at quote_start", f"quote not at offset {start} ({hint})", column=column, **where)
            )
        for column in ("value", "value_high"):
            number = getattr(claim, column)  # the ledger's text: compared exactly, at the written number's precision
            if pd.notna(number) and not is_written_in(number, claim.quote):
                problems.append(
                    Problem(
                        file,
                        "value written in quote",
                        f"{number} is not a number written in quote {claim.quote!r}",
                        column=column,
                        **where,
                    )
                )
    return problems


PERIOD_TEXT = re.compile(PERIOD_PATTERN)
PROJECTION_MARK = "projection:"  # a note starting with this marks a claim about the future (see data/ledger/README.md)


def period_problems(ledger: pd.DataFrame, register: pd.DataFrame, file: str) -> list[Problem]:
    """A claim whose period ends after its document was published, unless its note marks it a projection.

    Compared at the coarser precision of the two: a period ending in 2021 fits a document of 2021-01
    (the ledger reads undated stocks as the publication year).
    """
    published = dict(zip(register["source_id"], register["published"]))
    problems = []
    for claim in ledger.itertuples():
        index, date, end = claim.Index, published.get(claim.source_id), claim.period_end
        if not isinstance(date, str) or not isinstance(end, str) or not PERIOD_TEXT.match(end) or not PERIOD_TEXT.match(date[:7]):
            continue  # unknown sources and malformed periods are reported by their own rules
        if not on_or_before(end, date[:7]) and not str(claim.note).startswith(PROJECTION_MARK):
            problems.append(
                Problem(
                    file,
                    "period not after the document",
                    f"period ends {end} but {claim.source_id} was published "
                    f"{date}; a claim about the future needs a note starting {PROJECTION_MARK!r}",
                    row=int(index) + 2,
                    column="period_end",
                    claim_id=claim.claim_id,
                )
            )
    return problems


def check_ledger(layout: Layout) -> pd.DataFrame:
    """Load and verify the ledger; raise ``BuildError`` listing every failure, else return it typed."""
    file = str(layout.ledger.relative_to(layout.root))
    raw = read_ledger(layout)
    ledger, problems = validate_frame(ClaimsLedger, raw, file)
    problems += quote_problems(raw, document_texts(layout), file)
    problems += period_problems(raw, read_sources(layout), file) + family_problems(raw, file) + formula_cells(raw, file)
    raise_if_any(problems)
    return ledger
