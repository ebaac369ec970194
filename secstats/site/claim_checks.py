"""What the checks say about each claim, read from the built tables: its verdict, the official figures
it was set against, and the contradictions it takes part in.

This is the one place the site (and anything else that shows a claim) reads verdicts from:
``VERDICT_TABLE`` and ``claim_verdicts`` name the table and columns, so moving to another verdict table
changes only them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from secstats.checks.verdicts import REASONS

VERDICT_TABLE = "verdicts"  # the table with one verdict per claim (its 'verdict' and 'explanation' columns)
# verdict -> (tone the site colours it with, what it means in a few words; docs/verdicts.md says it in full).
# Tones: good, near, mixed, bad, none; every verdict of schemas.VERDICTS has one (a test checks).
VERDICT_TONES: dict[str, tuple[str, str]] = {
    "matches": ("good", "an official figure for its own period lies within what its words allow"),
    "close": ("near", "no official figure for its period matches, but the nearest is within 5 percent"),
    "near_period": ("near", "it matches, or is close to, an official figure only for an overlapping or nearby period"),
    "sources_disagree": ("mixed", "official figures for its period disagree with each other; it matches some, not all"),
    "inconsistent": ("bad", "official figures for its period exist and it is more than 5 percent from all of them"),
    "unverifiable": ("none", "no official figure for its own period and scope"),
}
UNCHECKED = ("unchecked", "outside the five families: not set against an official series")
# verdicts column naming the candidate a verdict rests on -> the reconciliation column it matches.
BEST_OF = {
    "best_value": "official_value",
    "best_match": "match",
    "best_period_start": "official_period_start",
    "best_period_end": "official_period_end",
    "best_source": "official_source",
}
CLAIM_SEPARATORS = r"[;+]"  # several claim ids in one cell: 'a;b' (derived rows), 'a+b' (summed claims)


@dataclass(frozen=True)
class ClaimVerdict:
    """A claim's verdict, the sentence that explains it, and the candidate it rests on (None if none)."""

    verdict: str
    explanation: str
    best: Mapping[str, object] | None = None
    cited_check: str | None = None  # the check against the cited source (secstats.ledger.cited), when built
    cited_explanation: str | None = None
    reason: str | None = None  # why an unverifiable claim is (a code of REASONS), when built

    @property
    def reason_words(self) -> str | None:
        """Why an unverifiable claim is, in a reader's words (None without a reason)."""
        return REASONS.get(self.reason) if isinstance(self.reason, str) else None

    @property
    def tone(self) -> str:
        """How the site colours it: good, near, mixed, bad, none (or unchecked)."""
        return VERDICT_TONES.get(self.verdict, UNCHECKED)[0]

    @property
    def meaning(self) -> str:
        """The verdict in a few words."""
        return VERDICT_TONES.get(self.verdict, UNCHECKED)[1]


def claim_verdicts(tables: Mapping[str, pd.DataFrame]) -> dict[str, ClaimVerdict]:
    """{claim_id: ClaimVerdict} for every checked claim, with the candidate its verdict rests on."""
    return {
        row["claim_id"]: ClaimVerdict(
            row["verdict"],
            row["explanation"],
            None if pd.isna(row["best_value"]) else {k: row[k] for k in BEST_OF},
            row.get("cited_check"),
            row.get("cited_explanation"),
            None if pd.isna(row.get("reason")) else row.get("reason"),
        )
        for _, row in tables[VERDICT_TABLE].iterrows()
    }


def verdict_of(verdicts: Mapping[str, ClaimVerdict], claim_id: str) -> ClaimVerdict:
    """A claim's verdict, or 'unchecked' for claims outside the five families."""
    return verdicts.get(claim_id, ClaimVerdict(UNCHECKED[0], UNCHECKED[1]))


def candidates(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """{claim_id: its candidate counterparts}: the reconciliation rows that hold an official figure."""
    rows = tables["reconciliation"]
    found = rows[rows["official_value"].notna()]
    # iter(): a GroupBy has a .keys attribute (the column name), so dict() would take it for a mapping
    return dict(iter(found.groupby("claim_id", sort=False)))


def same(a: object, b: object) -> bool:
    """Equal, counting two missing cells as equal."""
    return bool(pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


def is_best(candidate: pd.Series, verdict: ClaimVerdict) -> bool:
    """True for the candidate the verdict rests on."""
    return verdict.best is not None and all(same(candidate[column], verdict.best[best]) for best, column in BEST_OF.items())


def claim_ids_in(cell: object) -> list[str]:
    """The claim ids a cell names ('a', 'a;b' or 'a+b'); none for an empty cell."""
    return [] if pd.isna(cell) else [part for part in re.split(CLAIM_SEPARATORS, str(cell)) if part]


def contradictions_of(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """{claim_id: the contradiction rows it takes part in, as claim a or as (part of) claim b}."""
    rows = tables["contradictions"]
    involved: dict[str, list[int]] = {}
    for position, row in enumerate(rows.itertuples()):
        for claim_id in dict.fromkeys([*claim_ids_in(row.claim_a), *claim_ids_in(row.claim_b)]):
            involved.setdefault(claim_id, []).append(position)
    return {claim_id: rows.iloc[positions] for claim_id, positions in involved.items()}


def claims_in_table(table: pd.DataFrame) -> dict[str, list[int]]:
    """{claim_id: 0-based row positions} for every claim a table's claim columns name."""
    found: dict[str, list[int]] = {}
    for column in ("claim_id", "claim_a", "claim_b"):
        if column in table.columns:
            for position, cell in enumerate(table[column]):
                for claim_id in claim_ids_in(cell):
                    found.setdefault(claim_id, [])
                    if position not in found[claim_id]:
                        found[claim_id].append(position)
    return found
