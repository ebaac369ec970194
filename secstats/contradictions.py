"""Stage 3b: claims that disagree with each other, found from the ledger's quantity key.

Claims are compared when they share ``quantity`` and ``unit`` and their geographies are the same or
one holds the other (``united_states`` holds ``united_states_texas``). Three rules, none naming a claim:

1. same geography, overlapping periods of the same kind (two spans, two single years...): listed when
   the values or the periods differ; incompatible when both cannot hold (a total over a period inside
   another period exceeds the larger period's total, or bounds that cannot meet);
2. parts and whole: shares (or counts) of the parts of a geography, given by one document for one
   period, summed and set beside the whole; incompatible when the parts exceed the whole;
3. a single year inside a span is only listed when it makes the span's total impossible.
Durations are compared only within one document.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from secstats.reconciliation import allowed_interval
from secstats.schemas import period_bounds

DURATION_UNITS = {"years", "months", "hours"}


def bounds(claim: pd.Series) -> tuple[float, float]:
    """The interval a claim allows, by the reconciliation's tolerance rule."""
    return allowed_interval(claim["qualifier"], claim["value"], claim["value_high"])


def months(claims: pd.DataFrame) -> pd.DataFrame:
    """Each claim's period as comparable first and last months."""
    start, end = period_bounds(claims["period_start"], claims["period_end"])
    return claims.assign(first_month=start, last_month=end)


def period_text(claim: pd.Series) -> str:
    """'2006-2018', or '2018' for one year."""
    return claim["period_start"] if claim["period_start"] == claim["period_end"] else f"{claim['period_start']}-{claim['period_end']}"


def pair_row(a: pd.Series, b: pd.Series, differs: list[str], verdict: str, explanation: str,
             value_b: float | None = None, claim_b: str | None = None, qualifier_b: str | None = None,
             period_b: str | None = None) -> dict:
    """One row of the report."""
    value_b = b["value"] if value_b is None else value_b
    difference = a["value"] - value_b
    return {
        "quantity": a["quantity"], "geography": a["geography"], "claim_a": a["claim_id"],
        "claim_b": claim_b or b["claim_id"], "same_document": a["source_id"] == b["source_id"],
        "value_a": a["value"], "value_b": value_b, "unit": a["unit"], "qualifier_a": a["qualifier"],
        "qualifier_b": qualifier_b or b["qualifier"], "period_a": period_text(a), "period_b": period_b or period_text(b),
        "differs": "; ".join(differs), "difference": difference,
        "relative_difference_percent": round(difference / value_b * 100, 2) if value_b else None,
        "verdict": verdict, "explanation": explanation,
    }


def same_geography_pair(a: pd.Series, b: pd.Series) -> dict | None:
    """Rules 1 and 3 for two claims about the same quantity and place; None when they agree."""
    inner, outer = (a, b) if a["first_month"] >= b["first_month"] and a["last_month"] <= b["last_month"] else (b, a)
    if inner["first_month"] < outer["first_month"] or inner["last_month"] > outer["last_month"]:
        return None  # periods that merely touch or overlap (two presidential terms) are different quantities
    same_period = (a["first_month"], a["last_month"]) == (b["first_month"], b["last_month"])
    differs = [name for name, different in (("value", a["value"] != b["value"]), ("period", not same_period),
                                            ("scope", a["measure"] != b["measure"])) if different]
    a_low, a_high = bounds(a)
    b_low, b_high = bounds(b)
    if same_period:
        if a_high < b_low or b_high < a_low:
            return pair_row(a, b, differs, "incompatible", "same period: the bounds the two claims allow do not meet")
        point_estimates = {a["qualifier"], b["qualifier"]} <= {"exact", "approximate"}
        if point_estimates and "value" in differs:
            return pair_row(a, b, differs, "differs", "same period: two different figures for one quantity")
        return None
    totals = a["unit"] == "count" and "span" in (a["period_type"], b["period_type"])
    inner_low = bounds(inner)[0]
    outer_high = bounds(outer)[1]
    if totals and inner_low > outer_high:
        return pair_row(inner, outer, differs, "incompatible",
                        "a total over a period inside another period exceeds the larger period's total")
    if a["period_type"] != b["period_type"]:
        return None  # a single year inside a span is no disagreement unless it breaks the span's total
    return pair_row(outer, inner, differs, "differs",
                    "nested periods: the documents give the same quantity for different periods or values")


def same_place_pairs(claims: pd.DataFrame) -> list[dict]:
    """Rules 1 and 3 over every pair of claims with the same quantity, unit and geography.

    Durations ("over the last fifteen years") are compared only within one document: across documents
    of different years their lengths differ by construction, not by disagreement.
    """
    rows = []
    for _, group in claims.groupby(["quantity", "unit", "geography"], sort=True):
        for (_, a), (_, b) in combinations(group.iterrows(), 2):
            if a["unit"] in DURATION_UNITS and a["source_id"] != b["source_id"]:
                continue
            row = same_geography_pair(a, b)
            if row:
                rows.append(row)
    return rows


def parts_and_wholes(claims: pd.DataFrame) -> list[dict]:
    """Rule 2: one document's parts of a geography, summed, beside each whole claim for that geography."""
    rows = []
    geographies = set(claims["geography"])
    for _, whole in claims.iterrows():
        if not any(g.startswith(whole["geography"] + "_") for g in geographies):
            continue  # most places have no parts in the ledger; skip the frame filtering
        parts = claims[(claims["quantity"] == whole["quantity"]) & (claims["unit"] == whole["unit"])
                       & claims["geography"].str.startswith(whole["geography"] + "_")]
        for (_, _, _), group in parts.groupby(["source_id", "period_start", "period_end"], sort=True):
            first = group.iloc[0]
            total = float(group["value"].sum())
            incompatible = total > bounds(whole)[1]
            differs = ["value", "scope"] + (["period"] if period_text(first) != period_text(whole) else [])
            rows.append(pair_row(
                whole, first, differs, "incompatible" if incompatible else "differs",
                f"sum of the parts of {whole['geography']} ({', '.join(group['geography'])}) set beside the whole"
                + ("; the parts exceed the whole" if incompatible else ""),
                value_b=total, claim_b="+".join(group["claim_id"]), qualifier_b="; ".join(sorted(set(group["qualifier"]))),
                period_b=period_text(first)))
    return rows


def find_contradictions(ledger: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Every disagreeing pair, ordered by quantity and claim ids."""
    claims = months(ledger)
    rows = same_place_pairs(claims) + parts_and_wholes(claims)
    table = pd.DataFrame(rows).reindex(columns=columns)
    return table.sort_values(["quantity", "claim_a", "claim_b"], kind="stable").reset_index(drop=True)
