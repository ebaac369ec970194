"""The README's numbers are the build's: a stale count fails here."""

from __future__ import annotations

import re

import pandas as pd

from tests.conftest import REPO


def test_readme_verdict_counts_equal_the_built_verdicts(built: dict[str, pd.DataFrame]) -> None:
    text = (REPO.root / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- verdict-counts -->")[1].split("<!-- /verdict-counts -->")[0]
    stated = {word: int(count) for word, count in re.findall(r"^\| (\w+) \| (\d+) \|$", block, flags=re.M)}
    assert stated == built["verdicts"]["verdict"].value_counts().to_dict()
