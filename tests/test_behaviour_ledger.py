"""The ledger check on made-up claims: every number a claim records must be written in its quote.

Each test names the wrong change it catches; none reads a committed file.
"""

from __future__ import annotations

import pandas as pd
import pytest

from secstats.ledger.claims import quote_problems

TEXT = (
    "In the year the agency counted between 10 and 12 deaths, and spent US$2.8 million on the program. "
    "It reported 34,000 deaths.12 The next report was late. Two million people moved."
)


def ledger(quote: str, value: str, value_high: str | None = None) -> pd.DataFrame:
    """One made-up claim as the ledger holds it (text cells), its quote at its offset in TEXT."""
    return pd.DataFrame(
        [
            {
                "claim_id": "doc-001",
                "source_id": "doc",
                "quote": quote,
                "quote_start": str(TEXT.index(quote)),
                "value": value,
                "value_high": value_high,
            }
        ]
    )


def problems(claims: pd.DataFrame) -> list[tuple[str | None, str]]:
    return [(p.column, p.rule) for p in quote_problems(claims, {"doc": TEXT}, "claims.csv")]


def test_a_range_whose_bounds_are_both_written_passes() -> None:
    assert problems(ledger("between 10 and 12 deaths", "10", "12")) == []


def test_an_upper_bound_the_quote_does_not_write_is_reported_on_value_high() -> None:
    """Fails if value_high is no longer checked against the quote (only value is)."""
    assert problems(ledger("between 10 and 12 deaths", "10", "13")) == [("value_high", "value written in quote")]


def test_a_lower_bound_the_quote_does_not_write_is_reported_on_value() -> None:
    assert problems(ledger("between 10 and 12 deaths", "11", "12")) == [("value", "value written in quote")]


@pytest.mark.parametrize(
    "quote, value", [("US$2.8 million", "2800000"), ("US$2.8 million", "2800000.0"), ("Two million", "2000000")]
)
def test_millions_are_read_as_millions(quote: str, value: str) -> None:
    """'US$2.8 million' writes 2,800,000: fails if the scale word 'million' is read as a thousand,
    after a numeral or after number words."""
    assert problems(ledger(quote, value)) == []


@pytest.mark.parametrize(
    "quote, value",
    [("US$2.8 million", "2800"), ("US$2.8 million", "2800000000"), ("US$2.8 million", "2.8"), ("Two million", "2000")],
)
def test_other_scales_of_the_same_digits_are_rejected(quote: str, value: str) -> None:
    assert problems(ledger(quote, value)) == [("value", "value written in quote")]


def test_an_endnote_glued_to_a_word_is_not_a_written_value() -> None:
    """'deaths.12' is endnote 12: fails if a number glued to a word and a full stop reads as 12."""
    assert problems(ledger("34,000 deaths.12", "34000")) == []
    assert problems(ledger("34,000 deaths.12", "12")) == [("value", "value written in quote")]
