"""Files saved with another delimiter are named in the user's words, on made-up files."""

from __future__ import annotations

from pathlib import Path

import pytest

from secstats.core.csvfiles import delimiter_problems, read_csv_checked
from secstats.core.problems import BuildError


@pytest.mark.parametrize(
    "header, shown",
    [("claim_id\tsource_id\tquote", "separated by tab,"), ("claim_id;source_id;quote", "separated by ';',")],
)
def test_another_delimiter_is_named_as_a_person_would(header: str, shown: str) -> None:
    """Fails if a tab is shown as '\\t' (or as nothing) instead of the word 'tab'."""
    (problem,) = delimiter_problems([header], "claims.csv")
    assert shown in problem.message and problem.row == 1
    assert "\t" not in problem.message


def test_a_tab_separated_file_stops_with_the_word_tab(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("claim_id\tvalue\ndoc-001\t12\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        read_csv_checked(path, "claims.csv")
    message = str(raised.value)
    assert "claims.csv" in message and "separated by tab" in message and "\\t" not in message


def test_a_comma_separated_header_is_not_a_delimiter_problem() -> None:
    assert delimiter_problems(["claim_id", "value"], "claims.csv") == []
