"""Stage 3b: one verdict per claim, from its candidate counterparts in the reconciliation table.

The words, and the order in which they are tried (the first that applies wins):

1. ``sources_disagree``: candidates for the same period (same_period, aggregated or other_vintage)
   disagree with each other, and the claim matches some but not all of them, or lies between them;
2. ``matches``: such a candidate lies inside the interval the claim's words allow;
3. ``close``: none does, but the nearest such candidate is within ``CLOSE_MARGIN`` of the claim;
4. ``near_period``: the claim matches, or is close to, a candidate only for an overlapping or nearby
   period;
5. ``inconsistent``: same-period candidates exist and the claim is further than ``CLOSE_MARGIN`` from all;
6. ``unverifiable``: no candidate for the claim's own period and scope (the explanation gives the
   reason, and the nearest figure of another scope or period when there is one).

Distances are relative to the candidate: |nearest bound of the claim - candidate| / candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from secstats.reconciliation import NEAR_PERIOD, OWN_PERIOD, candidates_of
from secstats.schemas import ClaimBeside
from secstats.semantics import amount, stated

CLOSE_MARGIN = 0.05  # "close": within 5 percent of the official figure


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict, the candidate it rests on (None when unverifiable with no candidate) and why."""

    verdict: str
    best: pd.Series | None
    explanation: str


# --- words for the explanation -------------------------------------------------------------------


def period_words(start: str, end: str, fiscal: bool = False) -> str:
    """'2018', '2001-2006', '2020-01 to 2020-02'; 'FY' before fiscal years."""
    prefix = "FY" if fiscal else ""
    if start == end:
        return f"{prefix}{start}"
    return f"{prefix}{start}-{prefix}{end}" if len(start) == 4 else f"{start} to {end}"


def figure(row: pd.Series) -> str:
    """A candidate in words: its value, period, source and how it was obtained."""
    reading = "" if row["reading"] == "as written" else f", reading the claim's period as the {row['reading']}"
    scope = f", scope: {row['official_scope']}" if pd.notna(row["official_scope"]) else ""
    period = period_words(row["official_period_start"], row["official_period_end"], row["year_basis"] == "fiscal")
    return (
        f"{amount(row['official_value'], row['unit'])} for {period} "
        f"({row['official_source']}; {row['official_derivation']}{scope}{reading})"
    )


def claim_words(row: pd.Series) -> str:
    """The claim as stated, with its qualifier: 'exact 211', 'approximate 250,000'."""
    return stated(row["qualifier"], row["claim_value"], row["claim_value_high"], row["unit"])


# --- the rule --------------------------------------------------------------------------------------


def distance(row: pd.Series) -> float:
    """How far the claim is from a candidate, relative to the candidate; 0 when its words allow it."""
    if row["within_tolerance"]:
        return 0.0
    high = row["claim_value_high"] if pd.notna(row["claim_value_high"]) else row["claim_value"]
    nearest = min(max(row["official_value"], row["claim_value"]), high)
    return abs(nearest - row["official_value"]) / abs(row["official_value"]) if row["official_value"] else float("inf")


def nearest(rows: pd.DataFrame) -> pd.Series:
    """The candidate closest to the claim (the first listed, on ties)."""
    distances = rows.apply(distance, axis=1)
    return rows.loc[distances.idxmin()]


def disagreeing_period(own: pd.DataFrame) -> pd.DataFrame | None:
    """The first group of same-period candidates that disagree around the claim, or None.

    Figures disagree when they are further apart than the claim's own tolerance: two population
    vintages 0.15 apart do not disagree about a rate stated to the unit.
    """
    for _, group in own.groupby(["official_period_start", "official_period_end"], sort=False):
        if group["official_value"].max() - group["official_value"].min() <= group["tolerance"].iloc[0]:
            continue
        inside = group["within_tolerance"].astype(bool)
        claim = group["claim_value"].iloc[0]
        between = group["official_value"].min() < claim < group["official_value"].max()
        if (inside.any() and not inside.all()) or (not inside.any() and between):
            return group
    return None


def decide(rows: pd.DataFrame) -> Verdict:
    """The verdict for one claim from its reconciliation rows (see the module doc for the precedence)."""
    first = rows.iloc[0]
    stated = claim_words(first)
    if rows["match"].isna().all():
        return Verdict("unverifiable", None, f"No candidate: {first['reason']}.")
    own = rows[rows["match"].isin(OWN_PERIOD)]
    near = rows[rows["match"].isin(NEAR_PERIOD)]
    group = disagreeing_period(own)
    if group is not None:
        inside = group[group["within_tolerance"].astype(bool)]
        best = nearest(inside if len(inside) else group)
        listed = "; ".join(figure(row) for _, row in group.iterrows())
        how = "matches some of them but not all" if len(inside) else "lies between them"
        return Verdict("sources_disagree", best, f"Figures for the same period disagree ({listed}); the claim ({stated}) {how}.")
    if len(own) and own["within_tolerance"].astype(bool).any():
        best = nearest(own[own["within_tolerance"].astype(bool)])
        return Verdict("matches", best, f"{figure(best)}: the claim's words ({stated}) allow it ({best['rule']}).")
    if len(own) and distance(best := nearest(own)) <= CLOSE_MARGIN:
        return Verdict(
            "close",
            best,
            f"The nearest figure for the same period, {figure(best)}, is "
            f"{distance(best):.1%} from the claim ({stated}): outside what its words allow, within {CLOSE_MARGIN:.0%}.",
        )
    if len(near) and distance(best := nearest(near)) <= CLOSE_MARGIN:
        how = "allow" if best["within_tolerance"] else f"come within {distance(best):.1%} of"
        return Verdict(
            "near_period",
            best,
            f"Only a figure for another period bears the claim out: the claim's words ({stated}) {how} {figure(best)}.",
        )
    if len(own):
        best = nearest(own)
        return Verdict(
            "inconsistent",
            best,
            f"The nearest figure for the same period, {figure(best)}, is "
            f"{distance(best):.1%} from the claim ({stated}), more than {CLOSE_MARGIN:.0%}.",
        )
    best = nearest(rows)
    return Verdict(
        "unverifiable",
        best,
        f"No figure for the claim's own period and scope; the nearest other is "
        f"{figure(best)} ({best['match'].replace('_', ' ')}), {distance(best):.1%} from the claim ({stated}).",
    )


# --- the table -------------------------------------------------------------------------------------

CLAIM_COLUMNS = list(ClaimBeside.to_schema().columns)


def verdict_row(rows: pd.DataFrame) -> dict:
    """One row of the verdicts table for one claim's reconciliation rows."""
    decided = decide(rows)
    row = rows.iloc[0][CLAIM_COLUMNS].to_dict()
    row.update(verdict=decided.verdict, candidates=int(rows["match"].notna().sum()), explanation=decided.explanation)
    best = decided.best
    if best is not None:
        row.update(
            best_value=best["official_value"],
            best_match=best["match"],
            best_period_start=best["official_period_start"],
            best_period_end=best["official_period_end"],
            best_source=best["official_source"],
            best_reading=best["reading"],
            difference=best["difference"],
            relative_difference_percent=best["relative_difference_percent"],
        )
    return row


def build_verdicts(reconciliation: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One verdict per claim of the reconciliation table, in its order."""
    rows = [verdict_row(group) for _, group in candidates_of(reconciliation)]
    return pd.DataFrame(rows).reindex(columns=columns)
