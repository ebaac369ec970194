"""Coverage on made-up spans: a claim accounts for a number only when their quotes share a character."""

from __future__ import annotations

import pandas as pd
import pytest

from secstats.extract.quantities import extract
from secstats.ledger.coverage import matching_claim, overlaps, quote_index

TEXT = "The agency counted 40 cases in the town."


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((0, 5), (5, 10), False),  # touching: [0, 5) ends where [5, 10) starts
        ((5, 10), (0, 5), False),
        ((0, 5), (4, 10), True),  # one character shared
        ((4, 10), (0, 5), True),
        ((0, 10), (3, 4), True),  # inside
        ((0, 5), (6, 10), False),
    ],
)
def test_spans_overlap_only_when_they_share_a_character(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    """Fails if touching spans count as overlapping (<= for <)."""
    assert overlaps(*a, *b) is expected


def claim_at(quote: str, start: int, value: float = 40) -> pd.DataFrame:
    return pd.DataFrame([{"claim_id": "doc-001", "quote": quote, "quote_start": start, "value": value}])


def test_a_claim_whose_quote_ends_where_the_number_starts_does_not_account_for_it() -> None:
    (candidate,) = extract(TEXT, 2021)
    before = TEXT[: candidate.quote_start]  # "The agency counted ": touches the candidate's quote
    assert matching_claim(candidate, quote_index(claim_at(before, 0))) is None
    assert matching_claim(candidate, quote_index(claim_at(before + "4", 0))) == "doc-001"


def test_a_claim_that_starts_where_the_number_ends_does_not_account_for_it() -> None:
    (candidate,) = extract(TEXT, 2021)
    end = candidate.quote_start + len(candidate.quote)
    assert matching_claim(candidate, quote_index(claim_at(TEXT[end:], end))) is None
    assert matching_claim(candidate, quote_index(claim_at(TEXT[end - 1 :], end - 1))) == "doc-001"
