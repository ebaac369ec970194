"""The ledger is verified against its documents; each kind of corruption names the claim and the rule."""

from __future__ import annotations

import pytest

from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.core.written_numbers import is_written_in, numbers_in
from secstats.ledger.claims import check_ledger, read_ledger
from tests.conftest import edit_ledger


def test_repo_ledger_passes(scratch: Layout) -> None:
    ledger = check_ledger(scratch)
    assert ledger["claim_id"].is_unique


def failure_for(layout: Layout) -> str:
    with pytest.raises(BuildError) as error:
        check_ledger(layout)
    return str(error.value)


def test_edited_quote_is_caught(scratch: Layout) -> None:
    quote = read_ledger(scratch).loc[3, "quote"]
    claim = edit_ledger(scratch, 3, "quote", quote + " (edited)")
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "quote verbatim at quote_start" in message
    assert "not found anywhere" in message


def test_quote_start_off_by_one_is_caught(scratch: Layout) -> None:
    start = int(read_ledger(scratch).loc[5, "quote_start"])
    claim = edit_ledger(scratch, 5, "quote_start", str(start + 1))
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "column quote_start" in message
    assert f"found at {start}" in message


def test_value_not_in_quote_is_caught(scratch: Layout) -> None:
    ledger = read_ledger(scratch)
    value = float(ledger.loc[7, "value"])
    claim = edit_ledger(scratch, 7, "value", str(value + 1))
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "value written in quote" in message and "column value" in message


def test_repeated_claim_id_is_caught(scratch: Layout) -> None:
    first = read_ledger(scratch).loc[0, "claim_id"]
    edit_ledger(scratch, 1, "claim_id", first)
    message = failure_for(scratch)
    assert f"claim {first}" in message and "field_uniqueness" in message


@pytest.mark.parametrize("column, bad", [("family", "weather"), ("qualifier", "roughly"), ("unit", "furlongs")])
def test_value_outside_allowed_set_is_caught(scratch: Layout, column: str, bad: str) -> None:
    claim = edit_ledger(scratch, 2, column, bad)
    message = failure_for(scratch)
    assert f"claim {claim}" in message and f"column {column}" in message and "isin" in message
    assert "row 4" in message  # row 2 counted from 0, plus the header line


def test_reversed_period_is_caught(scratch: Layout) -> None:
    claim = edit_ledger(scratch, 4, "period_start", "2999")
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "not before period_start" in message


def test_value_high_outside_a_range_is_caught(scratch: Layout) -> None:
    ledger = read_ledger(scratch)
    row = int((ledger["qualifier"] != "range").idxmax())
    claim = edit_ledger(scratch, row, "value_high", "1e12")
    message = failure_for(scratch)
    assert f"claim {claim}" in message and "column value_high" in message


def test_all_failures_are_reported_at_once(scratch: Layout) -> None:
    first = edit_ledger(scratch, 2, "family", "weather")
    second = edit_ledger(scratch, 6, "quote", "not in any document")
    message = failure_for(scratch)
    # The edited quote breaks two rules (not in the document; value not in the quote).
    assert message.startswith("3 problem(s)")
    assert f"claim {first}" in message and f"claim {second}" in message


def test_cli_exits_non_zero_on_a_bad_ledger(scratch: Layout, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from secstats import cli

    edit_ledger(scratch, 2, "qualifier", "roughly")
    monkeypatch.setattr(cli, "default_layout", lambda: scratch)
    assert cli.main(["check"]) == 1
    assert "column qualifier" in capsys.readouterr().err


@pytest.mark.parametrize(
    "quote, value",
    [
        ("USD\\$2.8 billion", 2_800_000_000),
        ("more than 70,000 people", 70_000),
        ("more than eight months", 8),
        ("three times", 3),
        ("a 33 percent increase", 33),
        ("in 2017.35 the share", 2017.35),
        ("one-hundred agents", 100),
        ("one-hundred thousand agents", 100_000),
    ],
)
def test_numbers_are_read_in_every_written_form(quote: str, value: float) -> None:
    assert is_written_in(value, quote)


def test_a_number_not_written_is_not_found() -> None:
    assert not is_written_in(7, "more than 70,000 people")
    assert 70.0 not in numbers_in("2,700")
