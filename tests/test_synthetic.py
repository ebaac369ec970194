"""Synthetic projects (for the scaling benchmark) pass every check a curated project passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.synthetic import make_project, synthetic_claims
from secstats.ledger.claims import check_ledger, read_ledger
from secstats.publish.catalog import CLAIM_TABLES, build_clean_tables
from tests.conftest import REPO


def test_a_synthetic_project_passes_the_checks_and_builds_every_table(tmp_path: Path) -> None:
    layout = make_project(REPO, tmp_path / "project", claims=300, documents=3)
    ledger = check_ledger(layout)  # quotes at their offsets, values written in them, ids well formed
    assert len(ledger) == 300
    assert ledger["source_id"].value_counts().tolist() == [100] * 3
    assert not set(ledger["geography"]) & set(read_ledger(REPO)["geography"])  # made-up places only
    built = build_clean_tables(layout, ledger)
    assert all(len(built[name]) for name in CLAIM_TABLES)  # every claim table has rows to build


def test_more_claims_than_three_digit_ids_allow_is_refused() -> None:
    templates = read_ledger(REPO).astype({"value": float, "value_high": float})
    with pytest.raises(ValueError, match="at most 2000 claims"):
        synthetic_claims(templates, claims=2001, documents=2)
