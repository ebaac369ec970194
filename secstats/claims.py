"""Stage 1: the claims ledger, checked against the documents it quotes.

A claim passes when (1) its row satisfies ``schemas.ClaimsLedger``, (2) its source is registered,
(3) its quote sits verbatim in that document at ``quote_start``, and (4) its value (and value_high) is
written in the quote, as digits, a scaled form ("2.8 billion") or a number word ("eight").
"""

from __future__ import annotations

import math
import re

import pandas as pd

from secstats.paths import Layout
from secstats.problems import Problem, raise_if_any
from secstats.schemas import ClaimsLedger, read_csv_for, validate_frame
from secstats.sources import document_texts

# Words that multiply the number before them ("2.8 billion", "two decades" = 20 years).
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "decades": 10, "decade": 10}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "once": 1, "twice": 2, "double": 2, "doubled": 2, "triple": 3, "tripled": 3, "half": 0.5,
    "decade": 10, "quarter-century": 25,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}
# A numeral (optional thousands separators and decimals) or a word, possibly hyphenated.
TOKEN = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)*")


def token_value(token: str) -> float | None:
    """The number a single token stands for, or None."""
    if token[0].isdigit():
        return float(token.replace(",", ""))
    word = token.lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    # "twenty-five" is 25; "four-way" is 4.
    parts = [NUMBER_WORDS.get(part) for part in word.split("-")]
    if parts[0] is None:
        return None
    return sum(part for part in parts if part is not None)


def numbers_in(text: str) -> set[float]:
    """Every number a reader could see in ``text``: numerals, number words, and either scaled
    by a following multiplier ("2.8 billion", "three decades")."""
    tokens = TOKEN.findall(text)
    found: set[float] = set()
    for position, token in enumerate(tokens):
        number = token_value(token)
        if number is None:
            continue
        found.add(number)
        following = tokens[position + 1].lower() if position + 1 < len(tokens) else ""
        if following in MULTIPLIERS:
            found.add(number * MULTIPLIERS[following])
    return found


def is_written_in(value: float, quote: str) -> bool:
    """True when ``value`` is one of the numbers written in ``quote`` (to 1e-9 relative)."""
    return any(math.isclose(value, n, rel_tol=1e-9) for n in numbers_in(quote))


def read_ledger(layout: Layout) -> pd.DataFrame:
    """The ledger as text, exactly as curated (no type coercion yet)."""
    return read_csv_for(layout.ledger)


def quote_problems(ledger: pd.DataFrame, texts: dict[str, str], file: str) -> list[Problem]:
    """Cross-file rules: known source, quote at its offset, value written in the quote."""
    problems = []
    # Tolerant conversions: a cell the schema rejects is reported there, not twice here.
    numeric = ledger[["quote_start", "value", "value_high"]].apply(pd.to_numeric, errors="coerce")
    for index, claim in ledger.assign(**numeric).iterrows():
        where = {"row": int(index) + 2, "claim_id": claim.claim_id}
        text = texts.get(claim.source_id)
        if text is None:
            problems.append(Problem(file, "source_id registered", f"unknown source {claim.source_id!r}",
                                    column="source_id", **where))
            continue
        if pd.isna(claim.quote_start) or not isinstance(claim.quote, str):
            continue
        start = int(claim.quote_start)
        if text[start:start + len(claim.quote)] != claim.quote:
            found = text.find(claim.quote)
            hint = f"found at {found}" if found >= 0 else "not found anywhere in the document"
            column = "quote_start" if found >= 0 else "quote"
            problems.append(Problem(file, "quote verbatim at quote_start",
                                    f"quote not at offset {start} ({hint})", column=column, **where))
        for column in ("value", "value_high"):
            number = claim[column]
            if pd.notna(number) and not is_written_in(float(number), claim.quote):
                problems.append(Problem(file, "value written in quote",
                                        f"{number:g} does not appear in quote {claim.quote!r}", column=column, **where))
    return problems


def check_ledger(layout: Layout) -> pd.DataFrame:
    """Load and verify the ledger; raise ``BuildError`` listing every failure, else return it typed."""
    file = str(layout.ledger.relative_to(layout.root))
    raw = read_ledger(layout)
    ledger, problems = validate_frame(ClaimsLedger, raw, file)
    raise_if_any(problems + quote_problems(raw, document_texts(layout), file))
    return ledger
